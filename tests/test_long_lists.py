"""Long lists are split: entity pages show their latest entries and link to yearly parts, and
section indexes become one page per year (in parts), so no page grows with the corpus."""

from __future__ import annotations

import re
import sys

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from make_corpus import make_corpus  # noqa: E402


def test_a_large_corpus_gives_bounded_pages(tmp_path, run, monkeypatch):
    from generator.site import archives

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
