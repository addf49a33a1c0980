"""Search terms come from the registry, with accent-free spellings generated for every entity."""

from __future__ import annotations

import json
import re

from generator.build import check, load_project
from generator.site.search import search_terms


def test_every_name_and_its_accent_free_spelling_is_a_term(small_project):
    knowledge, _ = check(load_project(small_project))
    registry = knowledge.registry
    turkiye = search_terms(registry.countries["TR"], registry)
    assert turkiye[:2] == ["Türkiye", "Turkiye"]
    assert {"Turkey", "Turkish", "TR"} <= set(turkiye)
    assert "Cote d'Ivoire" in search_terms(registry.countries["CI"], registry)
    assert search_terms(registry.organisations["ots"], registry) == [
        "Organization of Turkic States", "OTS"]
    relation = knowledge.relations[("KZ", "TR")]
    terms = search_terms(relation, registry)
    assert {"Kazakhstan", "Türkiye", "Turkiye", "Turkey"} <= set(terms)
    assert "Turkish" not in terms  # a demonym leads to the country itself


def test_entity_pages_carry_their_terms_and_the_home_page_is_not_indexed(small_project, run):
    assert run(small_project, "generate").code == 0
    docs = small_project / "build" / "docs"
    country = (docs / "countries" / "turkiye.md").read_text(encoding="utf-8")
    front = country.split("---")[1]
    assert '  - "Turkiye"' in front and "boost: 2" in front
    # Under a key of our own: `tags:` stays free for real tags.
    assert "\nsearch_terms:\n" in front and "tags:" not in front
    assert "exclude: true" in (docs / "index.md").read_text(encoding="utf-8").split("---")[1]


def test_pagefind_indexes_pages_with_their_names_and_without_copied_lists(built_site):
    assert (built_site / "pagefind" / "pagefind.js").is_file()
    assert not (built_site / "search" / "search_index.json").exists()  # Material's search is off
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text())
    indexed = sum(language["page_count"] for language in entry["languages"].values())
    html = (built_site / "relations" / "kazakhstan-turkiye" / "index.html").read_text()
    # Every indexed page is marked; the home page and archive parts are not (they repeat).
    marked = [path for path in built_site.rglob("index.html")
              if "data-pagefind-body" in path.read_text(encoding="utf-8")]
    assert indexed == len(marked)
    assert "data-pagefind-body" not in (built_site / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in html
    # The names, weighted and given as the page's "terms" (search puts exact names first).
    terms = html[html.index('class="search-terms"'):].split(">", 1)[1].split("</div>")[0]
    assert {"Kazakhstan", "Turkey", "Türkiye"} <= set(terms.split(" · "))
    assert 'data-pagefind-meta="terms"' in html
    # Lists drawn from the articles stay out: the articles themselves are indexed.
    for section in ("bottom-line", "cite"):
        assert re.search(rf'class="{section}"[^>]*data-pagefind-ignore', html), section
    article = (built_site / "articles" / "2025-kazakhstan-turkiye-strategic-ties" / "index.html")
    assert "data-pagefind-body" in article.read_text(encoding="utf-8")


def test_pages_carry_search_filters_for_kind_year_and_country(small_project, run):
    assert run(small_project, "generate").code == 0
    docs = small_project / "build" / "docs"

    def filters(path: str) -> list[tuple[str, str]]:
        text = (docs / path).read_text(encoding="utf-8")
        block = re.search(r'<div class="search-filters" hidden data-pagefind-ignore="index">'
                          r'(.*?)</div>', text)
        assert block, f"{path} has no filter block"
        return re.findall(r'<span data-pagefind-filter="(\w+)">([^<]*)</span>', block[1])

    assert filters("countries/turkiye.md") == [("kind", "Country"), ("country", "Türkiye")]
    relation = filters("relations/kazakhstan-turkiye.md")
    assert relation[0] == ("kind", "Relation")
    assert {("country", "Kazakhstan"), ("country", "Türkiye")} <= set(relation)
    article = next((docs / "articles").glob("20*.md"))
    found = filters(f"articles/{article.name}")
    assert found[0] == ("kind", "Article") and found[1][0] == "year"
    assert found[1][1] == article.name[:4]
    assert all(name == "country" for name, _ in found[2:])
    # Indexes have no kind of their own: they drop out once a reader picks one.
    assert "search-filters" not in (docs / "countries" / "index.md").read_text(encoding="utf-8")
