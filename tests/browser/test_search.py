"""Readers type names the way they know them; the entity's own page must come first."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

QUERIES = [
    ("Türkiye", "/countries/turkiye/"),
    ("Turkey", "/countries/turkiye/"),
    ("Turkiye", "/countries/turkiye/"),
    ("Turkish", "/countries/turkiye/"),
    ("Kazakhstan", "/countries/kazakhstan/"),
    ("Kazakh", "/countries/kazakhstan/"),
    ("Tokayev", "/people/kassym-jomart-tokayev/"),
    ("Erdogan", "/people/recep-tayyip-erdogan/"),
    ("Orban", "/people/viktor-orban/"),
    ("OTS", "/organisations/ots/"),
    ("Organization of Turkic States", "/organisations/ots/"),
    ("CSTO", "/organisations/csto/"),
    ("EAEU", "/organisations/eaeu/"),
    ("Middle Corridor", "/topics/middle-corridor/"),
    ("Kazakhstan Turkey", "/relations/kazakhstan-turkiye/"),
    ("Turkey Kazakhstan", "/relations/kazakhstan-turkiye/"),
]


def _shown(page) -> list[str]:
    """The result pages on screen, best first."""
    return [urlsplit(link).path for link in page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link",
        "links => links.map(link => link.href)")]


def search(page, site_url: str, query: str) -> list[str]:
    """Type the query key by key into the search box; the result pages, best first."""
    page.goto(f"{site_url}/articles/")
    page.click("input.md-search__input")
    page.keyboard.type(query, delay=40)
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    # Results are recomputed on every key: wait until they answer the whole query.
    page.wait_for_function(
        "q => document.querySelector('input.md-search__input').value === q", arg=query)
    page.wait_for_timeout(300)
    return _shown(page)


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_entity_page_is_the_first_result(desktop, site_url, query, expected):
    page, watch = desktop
    results = search(page, site_url, query)
    assert results, f"no result for {query!r}"
    assert results[0] == expected, f"{query!r}: first results {results[:4]}"
    assert watch.errors == []


def _pagefind_requests(page) -> list[str]:
    """The addresses of Pagefind's files the page asks for from now on (filled as it goes)."""
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url)
            if "/pagefind/" in request.url else None)
    return fetched


def test_search_fetches_nothing_until_the_box_is_used(desktop, site_url):
    page, watch = desktop
    fetched = _pagefind_requests(page)
    page.goto(f"{site_url}/countries/kazakhstan/", wait_until="load")
    page.wait_for_timeout(300)
    assert fetched == []
    page.click("input.md-search__input")
    page.keyboard.type("Tokayev", delay=40)
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    # Only the fragments a query needs: not every page's.
    fragments = [url for url in fetched if "/fragment/" in url]
    assert 0 < len(fragments) <= 20
    assert watch.errors == []


def _filtered(page, site_url: str, query: str, **filters: str) -> list[str]:
    """Search with the dialog's filters set; the result pages, best first."""
    page.goto(f"{site_url}/articles/")
    page.click("input.md-search__input")
    for name, value in filters.items():
        select = f"select.search-filter[data-filter={name}]"
        page.focus(select)
        # Options are read from Pagefind's filter index when the reader first reaches for one.
        page.wait_for_function("s => document.querySelector(s).options.length > 1", arg=select)
        label = page.eval_on_selector(
            select, "(s, v) => [...s.options].find(o => o.value === v)?.label ?? null", value)
        assert label is not None, f"no {name} filter {value!r} among the options"
        assert re.fullmatch(rf"{re.escape(value)} \(\d+\)", label), label
        page.select_option(select, value)
    page.click("input.md-search__input")
    if query:
        page.keyboard.type(query, delay=40)
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    page.wait_for_timeout(400)
    return _shown(page)


def test_filters_narrow_results_by_kind_year_and_country(desktop, site_url):
    page, watch = desktop
    countries = _filtered(page, site_url, "Kazakhstan", kind="Country")
    assert countries[0] == "/countries/kazakhstan/"
    assert all(path.startswith("/countries/") for path in countries), countries
    articles = _filtered(page, site_url, "Kazakhstan", kind="Article")
    assert articles and all(path.startswith("/articles/") for path in articles), articles
    # A filter alone lists what carries it: the 2026 articles, each about Kazakhstan.
    of_2026 = _filtered(page, site_url, "", year="2026", country="Kazakhstan")
    assert of_2026 and all(path.startswith("/articles/2026-") for path in of_2026), of_2026
    assert watch.errors == []


def test_a_query_without_filters_fetches_no_filter_index(desktop, site_url):
    page, watch = desktop
    fetched = _pagefind_requests(page)
    search(page, site_url, "Tokayev")
    assert not [url for url in fetched if "/filter/" in url]
    assert watch.errors == []


def test_a_site_without_its_index_yet_says_so_and_searches_once_it_has_one(desktop, site_url):
    """A site being previewed while its index is made (briefings serve): the reader is told,
    and the next query, once the index is there, answers."""
    page, _ = desktop
    page.route("**/pagefind/**", lambda route: route.abort())
    page.goto(f"{site_url}/articles/")
    page.click("input.md-search__input")
    page.keyboard.type("Tokayev", delay=40)
    page.wait_for_function("() => document.querySelector('.md-search-result__meta')"
                           ".textContent.includes('not available yet')", timeout=10000)
    assert page.query_selector(".md-search-result__item") is None
    page.unroute("**/pagefind/**")
    page.keyboard.press("Backspace")
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    shown = _shown(page)
    assert shown[0] == "/people/kassym-jomart-tokayev/", shown


def _pagefind_count(page, query: str) -> int:
    """How many pages Pagefind itself finds for the query (the module the search box loaded)."""
    return page.evaluate("""async q => {
      const pagefind = await import(new URL('/pagefind/pagefind.js', location).href);
      return (await pagefind.search(q)).results.length;
    }""", query)


def test_the_count_is_of_every_match_and_more_results_are_offered(desktop, site_url):
    """A word on many pages: the dialog counts all of them, shows the first few and offers the
    rest a few at a time until every match has been shown, each once."""
    page, watch = desktop
    first = search(page, site_url, "Kazakhstan")
    total = _pagefind_count(page, "Kazakhstan")
    assert total > 2 * len(first) > 0, (total, first)
    meta = page.inner_text(".md-search-result__meta")
    assert meta == f"{total:,} matching documents", meta
    more = page.locator("button.search-more")
    assert more.is_visible()
    assert more.inner_text() == f"Show {len(first)} more of {total - len(first):,}"
    more.click()
    page.wait_for_function("n => document.querySelectorAll('.md-search-result__item').length > n",
                           arg=len(first))
    second = _shown(page)
    assert second[:len(first)] == first
    # The keyboard moves on to the first result just shown.
    focused = page.evaluate("() => new URL(document.activeElement.href).pathname")
    assert focused == second[len(first)]
    while more.is_visible():
        shown = len(_shown(page))
        more.click()
        page.wait_for_function(
            "n => document.querySelectorAll('.md-search-result__item').length > n", arg=shown)
    every = _shown(page)
    assert len(every) == total and len(set(every)) == total
    assert page.inner_text(".md-search-result__meta") == meta
    assert watch.errors == []


def test_a_new_query_starts_its_own_count_and_list(desktop, site_url):
    page, watch = desktop
    search(page, site_url, "Kazakhstan")
    page.click("button.search-more")
    page.fill("input.md-search__input", "")
    page.keyboard.type("Tokayev", delay=40)
    page.wait_for_function("() => new URL(document.querySelector('.md-search-result__link')"
                           "?.href ?? location.href).pathname === '/people/kassym-jomart-tokayev/'")
    page.wait_for_timeout(400)
    total = _pagefind_count(page, "Tokayev")
    shown = _shown(page)
    assert len(shown) == min(total, 8), (total, shown)
    assert shown[0] == "/people/kassym-jomart-tokayev/"
    expected = "1 matching document" if total == 1 else f"{total:,} matching documents"
    assert page.inner_text(".md-search-result__meta") == expected
    assert page.locator("button.search-more").is_visible() == (total > 8)
    page.fill("input.md-search__input", "")
    page.keyboard.type(" ")
    page.wait_for_function("() => document.querySelector('.md-search-result__meta')"
                           ".textContent === 'Type to start searching'")
    assert _shown(page) == [] and not page.locator("button.search-more").is_visible()
    assert watch.errors == []


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_finds_nothing_of_ours_in_the_open_dialog(desktop, site_url, scheme):
    """The dialog with results, its count and the button that offers more, in both schemes."""
    from tests.browser.test_pages import axe_violations

    page, watch = desktop
    page.goto(f"{site_url}/articles/")
    if scheme == "slate":
        page.click("form[data-md-component='palette'] label:not([hidden])")
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    search(page, site_url, "Kazakhstan")
    assert page.locator("button.search-more").is_visible()
    assert axe_violations(page, "document.querySelector('.md-search')") == []
    assert watch.errors == []


def test_the_count_is_shown_whatever_the_page_says_its_language_is(desktop, site_url):
    """Numbers are written in the page's language; one that names no known language (a typo in
    mkdocs.yml) gives plain digits, not a search that fails."""
    page, watch = desktop
    page.goto(f"{site_url}/articles/")
    page.evaluate("() => { document.documentElement.lang = 'not a language!'; }")
    page.click("input.md-search__input")
    page.keyboard.type("Kazakhstan", delay=40)
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    page.wait_for_timeout(300)
    total = _pagefind_count(page, "Kazakhstan")
    assert page.inner_text(".md-search-result__meta") == f"{total} matching documents"
    assert page.inner_text("button.search-more").endswith(f" more of {total - 8}")
    assert watch.errors == []
