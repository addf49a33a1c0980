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
    links = page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link",
        "links => links.map(link => link.href)")
    return [urlsplit(link).path for link in links]


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
    links = page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link",
        "links => links.map(link => link.href)")
    return [urlsplit(link).path for link in links]


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
    links = page.eval_on_selector_all(".md-search-result__item > .md-search-result__link",
                                      "links => links.map(link => link.href)")
    assert urlsplit(links[0]).path == "/people/kassym-jomart-tokayev/", links
