"""Search terms come from the registry, with accent-free spellings generated for every entity."""

from __future__ import annotations

import json

from generator.build import check, load_project
from generator.search import search_terms


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
    assert "exclude: true" in (docs / "index.md").read_text(encoding="utf-8").split("---")[1]


def test_the_index_holds_each_page_once_with_its_terms_and_no_copied_lists(built_site):
    index = built_site / "search" / "search_index.json"
    docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
    pages = {doc["location"]: doc for doc in docs if "#" not in doc["location"]}
    sections = [doc for doc in docs if "#" in doc["location"]]
    assert len(pages) + len(sections) == len(docs)  # one entry per page: its title section
    # Terms and boost once per page, on its own entry (templates/hooks/search_index.py).
    assert all("tags" not in doc and "boost" not in doc for doc in sections)
    assert all(doc["text"] for doc in sections)
    relation = pages["relations/kazakhstan-turkiye/"]
    assert {"Kazakhstan", "Turkey", "Türkiye"} <= set(relation["tags"])
    assert "Sectors:" in relation["text"] and "Kazakhstan" not in relation["text"]
    # Lists drawn from the articles stay out: the articles themselves are indexed.
    assert not [doc for doc in sections if doc["location"].startswith("relations/")]
    assert not [doc for doc in sections if doc["location"].startswith("countries/turkiye/")
                and doc["title"] in ("Relations", "Figures", "Events", "What the sources say")]
    article = pages["articles/2025-kazakhstan-turkiye-strategic-ties/"]
    assert "Tokayev" in article["text"] and "¶" not in article["text"]
