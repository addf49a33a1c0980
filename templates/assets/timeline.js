// Filters the timeline in place. Without JavaScript the timeline page links to a page per
// filter instead; this only makes the same filters instant.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("timeline-filter");
  if (!form) return;
  var items = Array.prototype.slice.call(document.querySelectorAll(".timeline-list > li"));
  form.hidden = false;
  function apply() {
    var country = form.country.value, relation = form.relation.value;
    var kind = form["class"].value, year = form.year.value, shown = 0;
    items.forEach(function (item) {
      var actors = " " + item.getAttribute("data-actors") + " ";
      var pair = relation ? relation.split(" ") : [];
      var keep = (!country || actors.indexOf(" " + country + " ") >= 0) &&
        (!pair.length || (actors.indexOf(" " + pair[0] + " ") >= 0 &&
                          actors.indexOf(" " + pair[1] + " ") >= 0)) &&
        (!kind || item.getAttribute("data-class") === kind) &&
        (!year || item.getAttribute("data-year") === year);
      item.hidden = !keep;
      if (keep) shown += 1;
    });
    form.shown.value = shown + " of " + items.length + " events shown";
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
});
