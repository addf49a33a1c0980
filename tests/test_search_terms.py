"""Search terms come from the registry, with accent-free spellings generated for every entity."""

from __future__ import annotations

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
