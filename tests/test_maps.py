"""Locator maps: the right countries highlighted, a text alternative that says so, small and
identical on every build, and text from content never turned into markup."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from xml.etree import ElementTree

import pytest

from generator.build import check, load_project
from generator.content import atlas
from generator.pictures import maps
from tests.conftest import REPO, copy_project

SVG = "{http://www.w3.org/2000/svg}"
MAP_LIMIT = 40 * 1024  # one map
PAGE_LIMIT = 200 * 1024  # all the pictures of a page
FIGURE = re.compile(r'<figure class="locator.*?</figure>', re.S)


@pytest.fixture(scope="module")
def knowledge():
    found, problems = check(load_project(REPO))
    assert found is not None, problems
    return found


def parse(plan: maps.LocatorMap) -> ElementTree.Element:
    return ElementTree.fromstring(str(plan.svg()))


def layer(svg: ElementTree.Element, name: str) -> set[str]:
    """The countries drawn in one layer: locator-first (filled), locator-second (hatched),
    locator-land (the others)."""
    found = set()
    for group in svg.iter(f"{SVG}g"):
        if group.get("class") == f"locator-{name}":
            found |= {element.get("data-code") for element in group}
    return found


def text_alternative(svg: ElementTree.Element) -> tuple[str, str]:
    assert svg.get("role") == "img"
    title = svg.find(f"{SVG}title")
    desc = svg.find(f"{SVG}desc")
    assert svg.get("aria-labelledby") == title.get("id")
    assert svg.get("aria-describedby") == desc.get("id")
    return title.text, desc.text


def test_a_country_is_highlighted_among_its_neighbours(knowledge):
    plan = maps.country_map(knowledge, "KZ")
    svg = parse(plan)
    assert layer(svg, "first") == {"KZ"}
    assert layer(svg, "second") == set()
    assert {"RU", "CN", "UZ", "KG", "TM"} <= layer(svg, "land")
    assert plan.neighbours == ("CN", "KG", "RU", "TM", "UZ")
    title, desc = text_alternative(svg)
    assert title == "Where Kazakhstan is"
    assert "Kazakhstan is filled in, outlined and labelled" in desc
    assert "China, Kyrgyzstan, Russia, Turkmenistan and Uzbekistan" in desc
    labels = [text.text for text in svg.iter(f"{SVG}text")]
    assert labels == ["Kazakhstan"]


def test_a_relation_highlights_both_actors_one_filled_one_hatched(knowledge):
    plan = maps.relation_map(knowledge, ("KZ", "TR"))
    svg = parse(plan)
    assert layer(svg, "first") == {"KZ"}
    assert layer(svg, "second") == {"TR"}
    assert svg.find(f"{SVG}defs/{SVG}pattern").get("id") == "locator-hatch"
    second = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "locator-second")
    assert second.get("fill") == "url(#locator-hatch)"
    title, desc = text_alternative(svg)
    assert title == "Where Kazakhstan and Türkiye are"
    assert "Kazakhstan is filled in, and Türkiye is hatched" in desc
    assert sorted(text.text for text in svg.iter(f"{SVG}text")) == ["Kazakhstan", "Türkiye"]


def test_an_organisation_is_shown_by_its_members(knowledge):
    eu = knowledge.registry.organisations["eu"]
    plan = maps.relation_map(knowledge, ("eu", "KZ"))
    svg = parse(plan)
    assert layer(svg, "first") == set(eu.members)
    assert layer(svg, "second") == {"KZ"}
    # Malta is too small for 1:110m shapes: a dot at its capital stands for it.
    assert svg.find(f".//{SVG}circle[@data-code='MT']") is not None
    _, desc = text_alternative(svg)
    assert "European Union is shown by its 27 member countries, filled in" in desc
    assert "Malta is marked by a dot" in desc
    labels = sorted(text.text for text in svg.iter(f"{SVG}text"))
    assert labels == ["EU", "Kazakhstan"]


def test_a_country_in_both_actors_is_filled_and_hatched(knowledge):
    svg = parse(maps.relation_map(knowledge, ("AZ", "ots")))
    assert "AZ" in layer(svg, "first") and "AZ" in layer(svg, "both")
    assert layer(svg, "second") == {"KZ", "KG", "TR", "UZ"}


def test_an_organisation_page_map_shows_members_and_observers(knowledge):
    ots = knowledge.registry.organisations["ots"]
    svg = parse(maps.organisation_map(knowledge, ots))
    assert layer(svg, "first") == set(ots.members)
    assert layer(svg, "second") == set(ots.observers)


def test_far_countries_are_drawn_on_a_world_map(knowledge):
    plan = maps.relation_map(knowledge, ("US", "TR"))
    assert plan.projection == "world"
    svg = parse(plan)
    assert layer(svg, "first") == {"US"} and layer(svg, "second") == {"TR"}
    assert "On a world map" in text_alternative(svg)[1]
    assert maps.country_map(knowledge, "RU").projection == "regional"  # all of it
    assert maps.relation_map(knowledge, ("CN", "eu")).projection == "regional"


def test_what_has_no_shape_is_said_not_drawn(knowledge):
    assert maps.country_map(knowledge, "GI") is None  # Gibraltar: no shape, no point
    plan = maps.relation_map(knowledge, ("GI", "TR"))
    svg = parse(plan)
    assert layer(svg, "first") == set() and layer(svg, "second") == {"TR"}
    assert "Gibraltar is too small to draw at this scale" in text_alternative(svg)[1]
    assert maps.relation_map(knowledge, ("GI", "VG")) is None


def test_the_countries_index_shades_countries_by_coverage(knowledge):
    coverage = {code: len(knowledge.articles_about("country", code))
                for code in knowledge.countries_with_pages()}
    plan = maps.coverage_map(knowledge, coverage)
    svg = parse(plan)
    shaded = {element.get("data-code"): element.get("class") for element in svg.iter()
              if (element.get("class") or "").startswith("locator-c")}
    assert set(shaded) == {code for code, count in coverage.items() if count}
    top = max(coverage, key=coverage.get)
    assert shaded[top] == f"locator-c{len(plan.legend)}"
    _, desc = text_alternative(svg)
    name = knowledge.registry.countries[top].name
    assert f"Most covered: {name} ({coverage[top]})" in desc


@pytest.mark.parametrize(("maximum", "ranges"), [
    (0, []), (1, [(1, 1)]), (3, [(1, 1), (2, 3)]),
    (12, [(1, 1), (2, 2), (3, 3), (4, 6), (7, 12)]),
    (3000, [(1, 4), (5, 24), (25, 121), (122, 604), (605, 3000)]),
])
def test_coverage_steps_grow_with_the_largest_count(maximum, ranges):
    assert maps.coverage_classes(maximum) == ranges


def test_the_largest_maps_stay_small(knowledge):
    """Russia, the coverage map, and maps across the world are the largest there are."""
    every = {"RU": maps.country_map(knowledge, "RU"), "US": maps.country_map(knowledge, "US"),
             "CN-EU": maps.relation_map(knowledge, ("CN", "eu")),
             "SCO": maps.organisation_map(knowledge, knowledge.registry.organisations["sco"]),
             "coverage": maps.coverage_map(knowledge, {"KZ": 3, "US": 1})}
    sizes = {name: len(str(plan.svg()).encode()) for name, plan in every.items()}
    assert all(size < MAP_LIMIT for size in sizes.values()), sizes


def test_every_page_of_the_site_has_small_pictures_with_a_text_alternative(built_site):
    pages = 0
    for page in built_site.rglob("*.html"):
        figures = FIGURE.findall(page.read_text(encoding="utf-8"))
        if not figures:
            continue
        pages += 1
        assert len(figures) == 1, page
        assert sum(len(figure.encode()) for figure in figures) < PAGE_LIMIT, page
        for figure in figures:
            assert "data-search-exclude" in figure
            assert len(figure.encode()) < MAP_LIMIT, page
            svg = ElementTree.fromstring(re.search(r"<svg.*</svg>", figure, re.S).group(0))
            title, desc = text_alternative(svg)
            assert title and len(desc) > 40, page
            assert re.search(r"<figcaption>.+</figcaption>", figure, re.S), page
    assert pages > 50
    assert (built_site / "countries" / "kazakhstan" / "index.html").read_text(
        encoding="utf-8").count('class="locator locator-country"') == 1


SCRIPT = """
from generator.pictures import maps
from generator.build import check, load_project
from pathlib import Path
knowledge, _ = check(load_project(Path({root!r})))
plans = [maps.country_map(knowledge, "KZ"), maps.relation_map(knowledge, ("eu", "KZ")),
         maps.country_map(knowledge, "US"),
         maps.coverage_map(knowledge, {{"KZ": 4, "TR": 2, "US": 1}})]
print("".join(plan.inputs_key + str(plan.svg()) for plan in plans))
"""


def test_maps_are_the_same_bytes_in_every_process():
    """Sets and dicts must not leak their order (which changes with the hash seed)."""
    outputs = []
    for seed in ("1", "2"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        outputs.append(subprocess.run(
            [sys.executable, "-c", SCRIPT.format(root=str(REPO))], check=True,
            capture_output=True, env=environment, cwd=REPO).stdout)
    assert outputs[0] == outputs[1] and len(outputs[0]) > 50_000


def test_names_from_content_stay_text_in_the_picture(tmp_path):
    project = copy_project(tmp_path / "project", with_content=True)
    countries = project / "content" / "entities" / "countries.yml"
    payload = '<script>alert(1)</script> & "quoted" <svg onload=x>'
    countries.write_text(countries.read_text(encoding="utf-8").replace(
        "name: Kazakhstan", f"name: {json.dumps(payload)}"), encoding="utf-8")
    knowledge, problems = check(load_project(project))
    assert knowledge is not None, problems
    assert knowledge.registry.countries["KZ"].name == payload
    text = str(maps.relation_map(knowledge, ("KZ", "TR")).svg())
    svg = ElementTree.fromstring(text)  # still well-formed
    assert "<script" not in text and "<svg onload" not in text
    assert payload in text_alternative(svg)[0]
    assert payload in [label.text for label in svg.iter(f"{SVG}text")]


def test_a_neighbour_that_gets_a_page_becomes_a_link_on_the_next_build(small_project, run):
    assert run(small_project, "--quiet", "generate").code == 0
    page = small_project / "build" / "docs" / "countries" / "kazakhstan.md"
    assert "Uzbekistan" in page.read_text(encoding="utf-8")
    assert "(uzbekistan.md)" not in page.read_text(encoding="utf-8")
    articles = small_project / "content" / "articles"
    (articles / "2025-uzbekistan.md").write_text(textwrap.dedent("""\
        ---
        title: Uzbekistan joins
        date: 2025-06-01
        publication: Test Desk
        summary: Another test article.
        ---
        Uzbekistan joined the talks in June.
        """), encoding="utf-8")
    (articles / "2025-uzbekistan.yml").write_text(textwrap.dedent("""\
        countries:
          - id: UZ
            evidence: Uzbekistan joined the talks
        """), encoding="utf-8")
    assert run(small_project, "--quiet", "generate").code == 0
    assert "[Uzbekistan](uzbekistan.md)" in page.read_text(encoding="utf-8")


def test_the_map_data_names_its_source_and_licence():
    readme = (Path(atlas.DATA).parent / "README.md").read_text(encoding="utf-8")
    assert "Natural Earth" in readme and "public domain" in readme
    assert atlas.atlas().names["KZ"] == "Kazakhstan"
    assert atlas.atlas().neighbours["KZ"] == ("CN", "KG", "RU", "TM", "UZ")
