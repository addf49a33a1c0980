// Search with Pagefind, in Material's search dialog. The index is built after the site
// (briefings build runs Pagefind), and the browser loads only the fragments a query needs:
// nothing is downloaded until the reader focuses the search box.
(function () {
  "use strict";
  var input = document.querySelector("input.md-search__input");
  if (!input) return;
  var toggle = document.getElementById("__search");
  var list = document.querySelector(".md-search-result__list");
  var meta = document.querySelector(".md-search-result__meta");
  var more = document.querySelector(".search-more");
  var bundle = new URL(input.getAttribute("data-pagefind-bundle"), document.baseURI);
  var selects = Array.prototype.slice.call(document.querySelectorAll("select.search-filter"));
  var engine = null;
  var choices = null;
  // A page's names (weighted in its hidden search terms) count for more than how often a word
  // recurs in long articles: the entity's own page comes first.
  var RANKING = { termSaturation: 0.3, pageLength: 0.2 };
  var PAUSE_MS = 120;  // a pause in typing this long starts the search
  // Results shown at a time (each loads its fragment); the first ones' names are read to put
  // exact names first.
  var PAGE = 8;
  var latest = 0;
  var current = null;  // the results of the query on screen, and how many of them are shown

  function load() {
    if (!engine) {
      engine = import(new URL("pagefind.js", bundle).href).then(function (pagefind) {
        return pagefind.options({ baseUrl: new URL("../", bundle).pathname, ranking: RANKING })
          .then(function () { pagefind.init(); return pagefind; });
      });
      // No index yet (a site being previewed while it is made): the next query tries again.
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  function unavailable(ticket) {
    if (ticket !== latest) return;
    clear();
    meta.textContent = "Search is not available yet; try again in a moment";
  }

  function clear() {
    current = null;
    list.textContent = "";
    if (more) more.hidden = true;
  }

  function open() {
    if (toggle && !toggle.checked) toggle.checked = true;
    load();
  }

  function text(html) {
    // Excerpts come back as HTML; shown as text, so indexed words can never become markup.
    var holder = document.createElement("div");
    holder.innerHTML = html;
    return holder.textContent;
  }

  function fold(words) {
    return words.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/\s+/g, " ").trim();
  }

  // Pagefind ranks by the words' weights and frequency; on top of that, a page whose name (or
  // one of its other names) is exactly what the reader typed comes first, the entity's own
  // page before a relation that names it; then pages that carry every word typed among their
  // names (a relation for "Kazakhstan Turkey"). Within each group Pagefind's order stays.
  function rank(items, query) {
    var wanted = fold(query);
    var words = wanted.split(" ");
    function group(data) {
      var names = ((data.meta && data.meta.terms) || "").split(" · ").map(fold);
      var relation = /\/relations\//.test(data.url);
      if (names.indexOf(wanted) >= 0) return relation ? 1 : 0;
      var all = words.every(function (word) {
        return names.some(function (name) { return name.split(" ").indexOf(word) >= 0; });
      });
      return all && words.length > 1 ? 2 : 3;
    }
    return items.map(function (data, index) { return [group(data), index, data]; })
      .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; })
      .map(function (entry) { return entry[2]; });
  }

  // "12,047" in the page's language (as written, should the site's language be no known one).
  function number(count) {
    try {
      return count.toLocaleString(document.documentElement.lang || "en");
    } catch (error) {
      return String(count);
    }
  }

  // The count is of every page that matches, not of those shown so far.
  function count(total) {
    meta.textContent = total === 0 ? "No matching documents" :
      total === 1 ? "1 matching document" : number(total) + " matching documents";
  }

  // The next results offered, if any are left: "Show 8 more of 2,345".
  function offerMore() {
    if (!more) return;
    var left = current ? current.results.length - current.shown : 0;
    more.hidden = left <= 0;
    if (left > 0) {
      more.textContent = "Show " + Math.min(PAGE, left) + " more of " + number(left);
    }
  }

  function append(items) {
    var first = null;
    items.forEach(function (data) {
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      var link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = data.url;
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var title = document.createElement("h1");
      title.textContent = (data.meta && data.meta.title) || data.url;
      var excerpt = document.createElement("p");
      excerpt.textContent = text(data.excerpt || "");
      article.appendChild(title);
      article.appendChild(excerpt);
      link.appendChild(article);
      item.appendChild(link);
      list.appendChild(item);
      first = first || link;
    });
    return first;
  }

  function fragments(results, start) {
    return Promise.all(results.slice(start, start + PAGE).map(function (r) { return r.data(); }));
  }

  // The next page of the query on screen, in Pagefind's order, below those shown; the keyboard
  // moves on to the first of them, unless the reader has gone elsewhere meanwhile.
  function showMore() {
    var shown = current;
    if (!shown || shown.loading) return;
    shown.loading = true;
    fragments(shown.results, shown.shown).then(function (items) {
      shown.loading = false;
      if (shown !== current) return;
      var waited = document.activeElement === more;
      shown.shown += items.length;
      var first = append(items);
      offerMore();
      if (first && waited) first.focus();
    }, function () { shown.loading = false; });
  }

  // The filters the reader picked: {kind: "Country", year: "2025"}; none until they pick one.
  function picked() {
    var filters = {};
    selects.forEach(function (select) {
      if (select.value) filters[select.getAttribute("data-filter")] = select.value;
    });
    return filters;
  }

  // Every value of each filter, with how many pages carry it, as options of its select.
  function fillFilters() {
    if (!choices) {
      choices = load().then(function (pagefind) { return pagefind.filters(); })
        .then(function (all) {
          selects.forEach(function (select) {
            var values = (all && all[select.getAttribute("data-filter")]) || {};
            var names = Object.keys(values).sort(function (a, b) {
              // Years newest first; names in the reader's alphabetical order.
              return select.getAttribute("data-filter") === "year" ? b.localeCompare(a) :
                a.localeCompare(b);
            });
            names.forEach(function (name) {
              var option = document.createElement("option");
              option.value = name;
              option.textContent = name + " (" + values[name] + ")";
              select.appendChild(option);
            });
          });
        }, function () { choices = null; });  // no index yet: filled when there is one
    }
    return choices;
  }

  function search() {
    var query = input.value.trim();
    var filters = picked();
    var filtered = Object.keys(filters).length > 0;
    var ticket = ++latest;
    if (!query && !filtered) {
      clear();
      meta.textContent = "Type to start searching";
      return;
    }
    load().then(function (pagefind) {
      if (ticket !== latest) return null;
      // A filter alone lists every page that carries it.
      return filtered ? pagefind.search(query || null, { filters: filters }) :
        pagefind.search(query);
    }).then(function (found) {
      if (ticket !== latest || !found) return null;
      return fragments(found.results, 0).then(function (items) {
        if (ticket !== latest) return;
        clear();
        current = { results: found.results, shown: items.length };
        count(found.results.length);
        append(rank(items, query));
        offerMore();
      });
    }).then(null, function () { unavailable(ticket); });
  }

  input.addEventListener("focus", open);
  if (more) more.addEventListener("click", showMore);
  selects.forEach(function (select) {
    select.addEventListener("focus", fillFilters);
    select.addEventListener("pointerdown", fillFilters);
    select.addEventListener("change", function () { latest += 1; search(); });
  });
  // While the reader is still typing, nothing is searched or preloaded: every prefix ("t",
  // "to"...) would fetch index chunks of its own, and a 10,000-article site's chunks are large.
  var timer = null;
  input.addEventListener("input", function () {
    open();
    latest += 1;
    clearTimeout(timer);
    timer = setTimeout(search, PAUSE_MS);
  });
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) window.location.href = first.href;
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle && toggle.checked) {
      toggle.checked = false;
      input.blur();
    }
  });
  if (toggle) {
    toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });
  }
})();
