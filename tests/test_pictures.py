"""Timelines, charts and networks: what they draw, where they link, and that they say it in
text too."""

from __future__ import annotations

import os
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from generator.build import check, load_project
from generator.content.dates import PartialDate
from generator.knowledge.model import Citation, Event, Figure
from generator.knowledge.urls import page_url, path_of
from generator.pictures.charts import charts, nice_ticks, series
from generator.pictures.networks import Edge, Node, network
from generator.pictures.pictures import Pictures
from generator.pictures.svg import href
from generator.pictures.timelines import timeline
from tests.conftest import REPO

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup) -> ElementTree.Element:
    """The figure's SVG as XML: it must be well formed to be drawn at all."""
    svg = re.search(r"<svg.*</svg>", str(markup), re.S).group(0)
    return ElementTree.fromstring(svg)


def event(date: PartialDate, title="A visit", kind="visit", event_class="verbal cooperation",
          article="a", paragraph=1) -> Event:
    return Event(date, kind, event_class, title, ("KZ", "TR"), Citation(article, paragraph, "q"))


def figure(period, value, bound="exactly", article="a", paragraph=1, metric="trade"):
    return Figure(metric, ("KZ", "CN"), value, "billion USD", bound,
                  Citation(article, paragraph, "q"), period)


@pytest.fixture(scope="module")
def knowledge():
    knowledge, problems = check(load_project(REPO))
    assert not problems
    return knowledge


def test_urls_are_the_directories_mkdocs_serves():
    assert page_url("index.md") == ""
    assert page_url("countries/index.md") == "countries/"
    assert page_url("countries/kazakhstan.md") == "countries/kazakhstan/"
    assert href("countries/kazakhstan.md", "relations/kazakhstan-turkiye.md") == \
        "../../relations/kazakhstan-turkiye/"
    assert href("index.md", "countries/kazakhstan.md") == "countries/kazakhstan/"
    assert href("relations/index.md", "index.md") == "../"
    assert href("articles/a.md", "articles/a.md", "p-3") == "./#p-3"


def test_a_timeline_draws_each_date_with_the_precision_given():
    events = [event(PartialDate(2023), "Year"), event(PartialDate(2024, 5), "Month"),
              event(PartialDate(2024, 5, 7), "Day")]
    svg = parse(timeline(events, "countries/kazakhstan.md", "Kazakhstan"))
    year = svg.find(f".//{SVG}rect[@class='mark year coop verbal']")
    month = svg.find(f".//{SVG}rect[@class='mark month coop verbal']")
    day = svg.find(f".//{SVG}polygon[@class='mark day coop verbal']")
    assert year is not None and month is not None and day is not None
    ratio = float(year.get("width")) / float(month.get("width"))
    assert 11 < ratio < 13  # a year is twelve months wide, not a point
    labels = [text.text for text in svg.iter(f"{SVG}text")]
    assert labels == ["2023", "2024"]


def test_timeline_marks_link_to_their_paragraphs_and_are_described_in_words():
    events = [event(PartialDate(2025, 7), "Tokayev visits Ankara", article="kz-tr",
                    paragraph=4)]
    markup = str(timeline(events, "relations/kazakhstan-turkiye.md", "Kazakhstan – Türkiye"))
    svg = parse(markup)
    links = svg.findall(f".//{SVG}a")
    assert [a.get("href") for a in links] == ["../../articles/kz-tr/#p-4"]
    assert links[0].find(f"{SVG}title").text == "July 2025: Tokayev visits Ankara (visit)"
    assert "1 event from 2025" in svg.find(f"{SVG}desc").text
    assert "data-search-exclude" in markup and "<figcaption>" in markup


def test_conflict_is_outlined_not_only_coloured():
    svg = parse(timeline([event(PartialDate(2022, 2, 24), "Attack", "attack",
                                "material conflict")], "x.md", "X"))
    assert svg.find(f".//{SVG}polygon").get("class") == "mark day conflict material"


@pytest.mark.parametrize("years", [(1, 9999), (9999, 9999), (2024, 2024)])
def test_any_valid_date_draws_and_the_axis_stays_short(years):
    events = [event(PartialDate(year, 12, 31), f"In {year}") for year in years]
    events.append(event(PartialDate(years[-1], 12), "December"))
    svg = parse(timeline(events, "x.md", "X"))
    labels = [int(text.text) for text in svg.iter(f"{SVG}text")]
    assert labels[0] == years[0] and len(labels) <= 11
    for mark in svg.iter(f"{SVG}rect"):
        assert 0 <= float(mark.get("x")) <= 640


def test_a_chart_of_the_last_representable_years():
    figures = [figure(PartialDate(9998), 1), figure(PartialDate(9999, 12), -2, "at most")]
    svg = parse(charts(figures, "x.md", lambda citation: "source"))
    assert svg.find(f".//{SVG}polygon[@class='point below']") is not None
    assert "-2" in svg.find(f"{SVG}desc").text


def test_no_events_no_timeline():
    assert str(timeline([], "x.md", "X")) == ""


def _shown_text(root: ElementTree.Element) -> str:
    return "".join(root.itertext())


def _no_injected_elements(root: ElementTree.Element) -> None:
    tags = {element.tag.split("}")[-1] for element in root.iter()}
    assert "script" not in tags
    hrefs = [value for element in root.iter() for name, value in element.attrib.items()
             if name.endswith("href")]
    assert not any(value.startswith("javascript:") for value in hrefs)


def test_text_from_content_cannot_inject_markup():
    payload = '</title><script>alert(1)</script><a href="javascript:x">'
    markup = str(timeline([event(PartialDate(2024), payload)], "x.md", payload))
    root = parse(markup)  # well formed: the payload closed nothing
    _no_injected_elements(root)
    assert payload in _shown_text(root)  # shown as the text it is
    nodes = [Node("KZ", payload, "../k/", "country", True),
             Node("TR", "T", "", "country")]
    edges = [Edge("KZ", "TR", "mixed", "../r/", payload)]
    drawn = str(network(nodes, edges, title=payload, description=payload, caption="c",
                        center="KZ"))
    root = parse(drawn)
    _no_injected_elements(root)
    assert payload in _shown_text(root)


def test_nice_ticks_cover_the_values_with_round_steps():
    assert nice_ticks(0, 44) == [0, 10, 20, 30, 40, 50]
    assert nice_ticks(0, 4.5) == [0, 1, 2, 3, 4, 5]
    assert nice_ticks(0, 0) == [0, 0.2, 0.4, 0.6, 0.8, 1]


def test_a_chart_needs_two_periods():
    one = [figure(PartialDate(2023), 40), figure(PartialDate(2023), 41, "more than")]
    assert series(one) == []
    two = one + [figure(PartialDate(2024), 44)]
    assert [(metric, unit, len(items)) for metric, unit, items in series(two)] == \
        [("trade", "billion USD", 3)]


def test_a_chart_marks_bounds_and_sources_that_differ(knowledge):
    pictures = Pictures(knowledge, "relations/china-kazakhstan.md")
    figures = knowledge.figures_of("CN", "KZ")
    charts = pictures.charts(figures)
    assert charts, "bilateral trade 2022-2024 is charted"
    svg = parse(charts[0])
    assert svg.find(f"{SVG}title").text == "Chart: bilateral trade (billion USD)"
    description = svg.find(f"{SVG}desc").text
    assert "2023: 40 billion USD; more than 41 billion USD (sources differ)" in description
    assert "2022: more than 31 billion USD" in description
    assert svg.findall(f".//{SVG}polygon[@class='point above']")  # "more than" points up
    assert svg.find(f".//{SVG}line[@class='differ']") is not None
    # Every point is a link to the paragraph its value comes from.
    points = [a for a in svg.iter(f"{SVG}a")]
    charted = [f for f in figures if f.metric == "bilateral trade" and f.period]
    assert len(points) == len(charted)
    for a in points:
        assert re.fullmatch(r"\.\./\.\./articles/[a-z0-9-]+/#p-\d+", a.get("href"))


def test_the_partners_network_links_every_node_and_edge(knowledge):
    here = "countries/kazakhstan.md"
    svg = parse(Pictures(knowledge, here).partners("KZ", "Kazakhstan"))
    partners = {relation.partner_of("KZ") for relation in knowledge.relations_of("KZ")}
    names = {a.find(f"{SVG}title").text for a in svg.iter(f"{SVG}a")}
    for ref in partners | {"KZ"}:
        name = knowledge.registry.actor(ref).name
        assert any(label == name or label.endswith(f"({name})") for label in names), name
    targets = {a.get("href") for a in svg.iter(f"{SVG}a")}
    assert "../../relations/kazakhstan-turkiye/" in targets
    assert "../turkiye/" in targets and "./" in targets
    stances = {line.get("class") for line in svg.iter(f"{SVG}line")}
    assert "edge edge-cooperative" in stances and "edge edge-tense" in stances
    assert "Kazakhstan at the centre" in svg.find(f"{SVG}desc").text


def test_network_links_lead_to_pages_that_exist(knowledge, tmp_path):
    pages = {path_of(thing) for thing in [*knowledge.relations.values()]}
    pages |= {path_of(knowledge.registry.countries[c]) for c in knowledge.countries_with_pages()}
    pages |= {path_of(o) for o in knowledge.registry.organisations.values()}
    urls = {page_url(path) for path in pages}
    for here in ("index.md", "relations/index.md"):
        svg = parse(Pictures(knowledge, here).overview())
        base = Path("/", page_url(here))
        for a in svg.iter(f"{SVG}a"):
            resolved = (base / a.get("href")).resolve().as_posix().lstrip("/") + "/"
            assert resolved in urls, (here, a.get("href"))


_OVERVIEW = """
import sys
from generator.build import check, load_project
from generator.pictures.pictures import Pictures
from pathlib import Path
knowledge, _ = check(load_project(Path(sys.argv[1])))
sys.stdout.write(str(Pictures(knowledge, "index.md").overview()))
"""


def test_pictures_are_the_same_bytes_every_time(knowledge):
    """Same bytes in other processes too: a new hash seed reorders every set and dict built
    from strings, so an order that depends on one shows here."""
    import subprocess
    import sys

    here = str(Pictures(knowledge, "index.md").overview())
    assert "<svg" in here
    for seed in ("1", "2"):
        other = subprocess.run([sys.executable, "-c", _OVERVIEW, str(REPO)], check=True,
                               capture_output=True, text=True, cwd=REPO,
                               env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        assert other == here
