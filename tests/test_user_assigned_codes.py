"""A place ISO 3166 gives no code (Kosovo) is named under a code the standard leaves to users:
defined in countries.yml with a name, it gets everything an ISO country gets (a page, a map when
the map data draws it, relations, search terms, the data download, drafts), but no emoji flag.
The refusals and suggestions are cases of tests/bad_inputs.py."""

from __future__ import annotations

import json
import re
import textwrap

import pytest

from generator.content.registry import is_user_assigned

KOSOVO = """
- id: XK
  name: Kosovo
  demonyms: [Kosovar]
  capital: Pristina
  alpha3: XKX
  description: A place under a user-assigned code, for the test.
# A fictional place: under a user-assigned code, with no shape in the map data.
- id: QR
  name: Ruritania
"""

ARTICLE = """\
---
title: Kosovo and Kazakhstan
date: 2025-06-02
publication: Test Desk
summary: A test article about a place ISO gives no code.
---
Kosovar and Kazakh officials met in Pristina to talk about trade.

A delegation from Ruritania watched the talks.
"""

ANNOTATION = """\
countries:
  - id: XK
    evidence: Kosovar and Kazakh officials met in Pristina
relations:
  - actors: [XK, KZ]
    label: talks about trade
    stance: cooperative
    evidence: met in Pristina to talk about trade
  - actors: [QR, KZ]
    label: watched the talks
    stance: mixed
    evidence: A delegation from Ruritania watched the talks
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from generator.cli import main
    from tests.conftest import write_small_project

    root = write_small_project(tmp_path_factory.mktemp("user-assigned") / "site")
    countries = root / "content" / "entities" / "countries.yml"
    countries.write_text(countries.read_text(encoding="utf-8") + textwrap.dedent(KOSOVO),
                         encoding="utf-8")
    articles = root / "content" / "articles"
    (articles / "2025-kosovo.md").write_text(ARTICLE, encoding="utf-8")
    (articles / "2025-kosovo.yml").write_text(ANNOTATION, encoding="utf-8")
    assert main(["--project", str(root), "-q", "build"]) == 0
    return root / "build"


@pytest.mark.parametrize(("code", "expected"), [
    ("AA", True), ("QM", True), ("QZ", True), ("XA", True), ("XK", True), ("XZ", True),
    ("ZZ", True), ("QL", False), ("AB", False), ("ZY", False), ("TK", False), ("xk", False),
    ("XKX", False), ("X", False)])
def test_the_codes_iso_leaves_to_users(code, expected):
    assert is_user_assigned(code) is expected


def test_a_user_assigned_place_has_a_page_with_its_map(built):
    page = (built / "docs" / "countries" / "kosovo.md").read_text(encoding="utf-8")
    assert re.search(r'<g class="locator-first"><path data-code="XK"', page)
    assert "Kosovo is filled in, outlined and labelled" in page
    assert ("- **Code:** XK (alpha-3: XKX), user-assigned: ISO 3166 gives Kosovo no code of its "
            "own") in page
    assert "A place under a user-assigned code, for the test." in page
    assert "- **Capital:** Pristina" in page
    # flag images, not emoji (no emoji stands for a user-assigned code): the flag set has XK
    assert 'src="../../assets/flags/xk.svg" alt="Flag of Kosovo"' in page
    kazakhstan = (built / "docs" / "countries" / "kazakhstan.md").read_text(encoding="utf-8")
    assert "- **ISO 3166 code:** KZ (alpha-3: KAZ)" in kazakhstan
    assert 'src="../../assets/flags/kz.svg" alt="Flag of Kazakhstan"' in kazakhstan
    assert (built / "site" / "countries" / "kosovo" / "index.html").is_file()


def test_the_countries_index_lists_it_with_its_flag(built):
    index = (built / "docs" / "countries" / "index.md").read_text(encoding="utf-8")
    assert re.search(r'- <img [^>]*alt="Flag of Kosovo"[^>]*> \[Kosovo\]\(kosovo\.md\) \(1\)',
                     index)
    assert re.search(r'- <img [^>]*alt="Flag of Kazakhstan"[^>]*> \[Kazakhstan\]\(kazakhstan\.md\)',
                     index)


def test_its_relations_have_pages_and_maps(built):
    relation = (built / "docs" / "relations" / "kazakhstan-kosovo.md").read_text(encoding="utf-8")
    assert 'data-code="XK"' in relation and 'data-code="KZ"' in relation
    assert "Where Kazakhstan and Kosovo are" in relation


def test_a_place_the_map_data_does_not_draw_is_said_to_be_missing_not_small(built):
    relation = (built / "docs" / "relations" / "kazakhstan-ruritania.md").read_text(
        encoding="utf-8")
    assert "Ruritania is not in the map data" in relation
    assert "(not in the map data)" in relation  # the caption
    assert "too small" not in relation
    page = (built / "docs" / "countries" / "ruritania.md").read_text(encoding="utf-8")
    assert "locator-map" not in page


def test_search_terms_and_the_data_download_carry_it(built):
    page = (built / "docs" / "countries" / "kosovo.md").read_text(encoding="utf-8")
    terms = re.search(r'data-pagefind-meta="terms"[^>]*>([^<]*)<', page).group(1)
    assert terms.split(" · ") == ["Kosovo", "Kosovar", "XK"]
    data = json.loads((built / "docs" / "data" / "knowledge.json").read_text(encoding="utf-8"))
    countries = {country["code"]: country for country in data["countries"]}
    assert countries["XK"]["name"] == "Kosovo" and countries["XK"]["alpha3"] == "XKX"
    assert countries["XK"]["user_assigned"] is True and countries["QR"]["alpha3"] is None
    assert countries["KZ"]["alpha3"] == "KAZ" and countries["KZ"]["user_assigned"] is False
