"""Readers type names the way they know them; the entity's own page must come first."""

from __future__ import annotations

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


def test_search_fetches_nothing_until_the_box_is_used(desktop, site_url):
    page, watch = desktop
    fetched = []
    page.on("request", lambda request: fetched.append(request.url)
            if "/pagefind/" in request.url else None)
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
