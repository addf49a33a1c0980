"""Long lists are split: entity pages show their latest entries and link to yearly parts, and
section indexes become one page per year (in parts), so no page grows with the corpus."""

from __future__ import annotations

import re
import sys

import pytest

from generator.site import archives
from tests.conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from make_corpus import make_corpus  # noqa: E402


def test_a_large_corpus_gives_bounded_pages(tmp_path, run, monkeypatch):
    monkeypatch.setattr(archives, "PART", 60)  # small parts, so a small corpus shows the splitting
    monkeypatch.setattr(archives, "LATEST", 20)
    make_corpus(400, tmp_path / "corpus")
    project = tmp_path / "corpus"
    assert run(project, "--quiet", "generate").code == 0
    docs = project / "build" / "docs"
    sizes = {path.relative_to(docs).as_posix(): path.stat().st_size for path in docs.rglob("*.md")}
    assert max(sizes.values()) < 150_000, max(sizes, key=sizes.get)

    index = (docs / "articles" / "index.md").read_text(encoding="utf-8")
    parts = re.findall(r"\]\(([0-9]{4}(?:-\d+)?\.md)\)", index)
    assert len(parts) > 6
    listed = []
    for part in parts:
        listed += re.findall(r"\]\((20\d\d-briefing-\d+\.md)\)", (docs / "articles" / part)
                             .read_text(encoding="utf-8"))
    assert sorted(listed) == sorted(p.name for p in (project / "content" / "articles")
                                    .glob("*.md"))

    busiest = max((p for p in (docs / "countries").glob("*.md") if p.name != "index.md"),
                  key=lambda p: p.stat().st_size)
    page = busiest.read_text(encoding="utf-8")
    assert "## By year" in page
    years = re.findall(r"\]\(([a-z-]+/\d{4}(?:-\d+)?\.md)\)", page)
    assert years and all((docs / "countries" / year).exists() for year in years)
    assert len(re.findall(r"^- \d{1,2} \w+ \d{4} · \[", page, flags=re.M)) <= archives.LATEST


def _timeline_rows(docs) -> dict[int, list[str]]:
    """The timeline index's rows: each year's pages, the year's own first."""
    index = (docs / "timeline" / "index.md").read_text(encoding="utf-8")
    rows = {}
    for line in index.splitlines():
        found = re.match(r"^- (?:\[(\d{4})\]|\*\*(\d{4})\*\*)", line)
        if found:
            rows[int(found.group(1) or found.group(2))] = re.findall(r"\]\(([^)]+\.md)\)", line)
    return rows


def _events_on(page) -> list[str]:
    return re.findall(r'^<li data-year="\d+".*?markdown="span">\*\*([^*]+)\*\*',
                      page.read_text(encoding="utf-8"), flags=re.M)


@pytest.fixture
def busy_corpus(tmp_path, run, monkeypatch):
    """A generated corpus of 400 articles with parts of 20 entries, so that years are split
    by month; and the year of the timeline with the most pages."""
    monkeypatch.setattr(archives, "PART", 20)
    monkeypatch.setattr(archives, "LATEST", 20)
    make_corpus(400, tmp_path / "corpus")
    project = tmp_path / "corpus"
    assert run(project, "--quiet", "generate").code == 0
    rows = _timeline_rows(project / "build" / "docs")
    return project, max(rows, key=lambda year: len(rows[year]))


def test_a_busy_year_is_split_by_month_with_the_year_page_holding_the_rest(busy_corpus):
    project, year = busy_corpus
    docs = project / "build" / "docs"
    rows = _timeline_rows(docs)
    pages = rows[year]
    assert pages[0] == f"{year}.md" and len(pages) > 12, pages
    # Every page on disk for the year is linked from its row, and no other.
    on_disk = {path.name for path in (docs / "timeline").glob(f"{year}*.md")}
    assert set(pages) == on_disk
    count = int(re.search(rf"^- \[{year}\]\([^)]*\) \((\d+)\)",
                          (docs / "timeline" / "index.md").read_text(encoding="utf-8"),
                          flags=re.M).group(1))
    seen = 0
    for name in pages:
        dates = _events_on(docs / "timeline" / name)
        seen += len(dates)
        month = re.fullmatch(rf"{year}-(\d\d)(?:-\d+)?\.md", name)
        if month:  # a month's page: only that month's events
            label = archives.MONTH_NAMES[int(month.group(1))]
            assert dates and all(date.endswith(f"{label} {year}") for date in dates), name
        else:  # the year's own page and its parts: what is dated by the year only
            assert all(date == str(year) for date in dates), name
    assert seen == count  # each of the year's events once
    year_page = (docs / "timeline" / f"{year}.md").read_text(encoding="utf-8")
    assert f'title: "Timeline: {year}"' in year_page
    months = re.search(r"Month by month: (.*)</p>", year_page).group(1)
    assert re.findall(r"\]\(([^)]+)\)", months) == [
        name for name in pages if re.fullmatch(rf"{year}-\d\d(?:-\d+)?\.md", name)]

    # An entity's archive the same way: its page links every archive page of its folder.
    busiest = max((p for p in (docs / "countries").glob("*.md") if p.name != "index.md"),
                  key=lambda p: p.stat().st_size)
    linked = set(re.findall(r"\]\(([a-z-]+/\d{4}(?:-\d+)?\.md)\)",
                            busiest.read_text(encoding="utf-8")))
    folder = busiest.with_suffix("")
    assert linked == {f"{folder.name}/{path.name}" for path in folder.glob("*.md")}
    assert any(re.search(r"/\d{4}-\d\d\.md$", link) for link in linked)


NEW_ARTICLE = """---
title: "A January visit to Cyprus"
date: {year}-01-20
publication: Test Desk
summary: "One more article about Cyprus."
---
Officials from Cyprus and Ethiopia met in Nicosia on the fifth of January.
"""

NEW_ANNOTATION = """countries:
  - id: CY
    evidence: "Officials from Cyprus and Ethiopia met in Nicosia"
events:
  - date: {year}-01-05
    kind: visit
    title: A January visit to Cyprus
    actors: [CY, ET]
    evidence: "Officials from Cyprus and Ethiopia met in Nicosia on the fifth of January."
"""


def test_an_article_added_early_in_a_busy_year_renders_only_its_months_again(busy_corpus, run):
    """Parts cut by count moved every later item of the year when one was added early in
    it, so every later part was rendered (and built) again; a month's page changes only
    with its own items."""
    project, year = busy_corpus
    docs = project / "build" / "docs"

    def snapshot(folder):
        return {path.relative_to(docs).as_posix(): path.read_bytes()
                for path in (docs / folder).rglob("*.md")}

    folders = ("timeline", "countries/cyprus", "countries/ethiopia")
    before = {name: data for folder in folders for name, data in snapshot(folder).items()}
    articles = project / "content" / "articles"
    (articles / f"{year}-january-visit.md").write_text(NEW_ARTICLE.format(year=year),
                                                        encoding="utf-8")
    (articles / f"{year}-january-visit.yml").write_text(NEW_ANNOTATION.format(year=year),
                                                         encoding="utf-8")
    assert run(project, "--quiet", "generate").code == 0
    after = {name: data for folder in folders for name, data in snapshot(folder).items()}

    changed = {name for name in after if before.get(name) != after[name]}
    archive_pages = {name for name in changed if re.search(r"/\d{4}[-.]", name)}
    # January's pages of the timeline and of both countries (where their year is split),
    # nothing else of any year.
    assert archive_pages, changed
    assert all(re.search(rf"/{year}(-01(-\d+)?)?\.md$", name) for name in archive_pages), \
        sorted(archive_pages)
    assert f"timeline/{year}-01.md" in archive_pages
    assert "A January visit to Cyprus" in (docs / "timeline" / f"{year}-01.md").read_text(
        encoding="utf-8")
    assert set(before) <= set(after)  # no page went away
