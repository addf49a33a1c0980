"""Long lists are split: entity pages show their latest entries and link to yearly parts, and
section indexes become one page per year (in parts), so no page grows with the corpus."""

from __future__ import annotations

import random
import re
import sys
from types import SimpleNamespace

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
    linked = set(re.findall(r"\]\(([a-z-]+/\d{4}(?:-year-only)?(?:-\d+)?\.md)\)",
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


def _slugged(count: int, prefix: str = "item") -> list:
    return [SimpleNamespace(slug=f"{prefix}-{number:05d}") for number in range(count)]


def _parts_of(items) -> list[tuple[str, ...]]:
    return [tuple(item.slug for item in part) for part in archives._parts(items)]


def test_long_lists_are_cut_into_parts_of_at_most_part_items_in_order():
    for count in (1, archives.PART, archives.PART + 1, 1000, 5000):
        items = _slugged(count)
        parts = archives._parts(items)
        assert [item for part in parts for item in part] == items
        assert all(0 < len(part) <= archives.PART for part in parts)
        if count > archives.PART:
            # Cut where the items say, not after every 300th; no crumbs of a part.
            assert len(parts) > 1
            assert all(len(part) >= archives.PART // 6 for part in parts[:-1])
            assert {len(part) for part in parts} != {archives.PART}


def test_an_item_added_or_removed_changes_its_own_part_not_every_later_one():
    """Parts cut by count moved every later item when one was added early in a long list (a
    topic's figures dated by a year, a busy month of the timeline), so every later part was
    rendered and built again; cut by the items' marks, at most the item's own part and the
    one after it change."""
    items = _slugged(3100)
    before = _parts_of(items)
    assert len(before) > 10
    chosen = random.Random(12)
    for _ in range(40):
        at = chosen.randrange(len(items))
        for changed_list in (items[:at] + _slugged(1, f"new-{at}") + items[at:],
                             items[:at] + items[at + 1:]):
            after = _parts_of(changed_list)
            assert len(set(after) - set(before)) <= 2, at
            assert len(set(before) - set(after)) <= 2, at


YEAR_ONLY_ARTICLE = """---
title: "An undated agreement on Cyprus"
date: {year}-06-20
publication: Test Desk
summary: "One more article about Cyprus."
---
Cyprus and Ethiopia signed an agreement at some point in {year}, the ministers said.
"""

YEAR_ONLY_ANNOTATION = """countries:
  - id: CY
    evidence: "Cyprus and Ethiopia signed an agreement"
events:
  - date: "{year}"
    kind: agreement
    title: A cooperation agreement between Cyprus and Ethiopia
    actors: [CY, ET]
    evidence: "Cyprus and Ethiopia signed an agreement at some point in {year}"
"""


def test_an_entry_dated_by_the_year_only_changes_one_part_of_the_year(busy_corpus, run):
    """The entries dated by the year only are a long list of a busy year (a topic's yearly
    figures, the timeline's events dated by year): one more, sorted early in it, changes the
    part it goes in, not every part after it."""
    project, year = busy_corpus
    docs = project / "build" / "docs"
    year_only = re.compile(rf"timeline/{year}(-year-only-\d+)?\.md$")

    def snapshot():
        return {path.relative_to(docs).as_posix(): path.read_bytes()
                for path in (docs / "timeline").glob("*.md")}

    before = snapshot()
    parts_before = [name for name in before if year_only.match(name)]
    assert len(parts_before) > 1, parts_before  # a long list of year-only events
    articles = project / "content" / "articles"
    (articles / f"{year}-undated-agreement.md").write_text(
        YEAR_ONLY_ARTICLE.format(year=year), encoding="utf-8")
    (articles / f"{year}-undated-agreement.yml").write_text(
        YEAR_ONLY_ANNOTATION.format(year=year), encoding="utf-8")
    assert run(project, "--quiet", "generate").code == 0
    after = snapshot()
    holding = [name for name in after if year_only.match(name)
               and "A cooperation agreement between Cyprus and Ethiopia" in
               after[name].decode("utf-8")]
    assert len(holding) == 1
    changed = {name for name in after if before.get(name) != after[name]}
    assert {name for name in changed if year_only.match(name)} <= {
        holding[0], *[name for name in after if name not in before]}, sorted(changed)
    assert len({name for name in changed if year_only.match(name)}) <= 2, sorted(changed)
