"""Generating Markdown: deterministic, rewriting only what changed, owning only its folder."""

from __future__ import annotations

import os
import random
from pathlib import Path

from generator.build import check, load_project, render_changed
from generator.content import sources


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_runs_give_identical_bytes(sample_project, run, tmp_path):
    assert run(sample_project, "generate").code == 0
    first = snapshot(sample_project / "build" / "docs")
    (sample_project / "build").rename(tmp_path / "first-build")
    assert run(sample_project, "generate").code == 0
    assert snapshot(sample_project / "build" / "docs") == first


def test_file_listing_order_does_not_change_output(sample_project, monkeypatch):
    project = load_project(sample_project)
    knowledge, problems = check(project)
    assert not problems
    expected = render_changed(project, knowledge)[0]
    real_safe_files = sources.safe_files

    def shuffled(*args, **kwargs):
        found = real_safe_files(*args, **kwargs)
        random.Random(7).shuffle(found)
        return found

    monkeypatch.setattr(sources, "safe_files", shuffled)
    knowledge, _ = check(project)
    assert render_changed(project, knowledge)[0] == expected


def test_only_changed_files_are_rewritten(small_project, run):
    assert run(small_project, "generate").code == 0
    docs = small_project / "build" / "docs"
    times = {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}
    for path in times:
        os.utime(path, ns=(1, 1))
    article = small_project / "content" / "articles" / "2025-test.md"
    article.write_text(article.read_text().replace("for talks", "for long talks"))
    result = run(small_project, "generate")
    assert result.code == 0
    assert "0 added, 1 changed, 0 removed" in result.out
    rewritten = [p.relative_to(docs).as_posix() for p in docs.rglob("*.md")
                 if p.stat().st_mtime_ns != 1]
    assert rewritten == ["articles/2025-test.md"]


def test_stale_pages_are_removed(small_project, run):
    assert run(small_project, "generate").code == 0
    docs = small_project / "build" / "docs"
    assert (docs / "topics" / "middle-corridor.md").exists()
    topics = small_project / "content" / "entities" / "topics.yml"
    topics.write_text("- id: energy-security\n  name: Energy security\n")
    article = small_project / "content" / "articles" / "2025-test.md"
    article.write_text(article.read_text().replace("topics: [middle-corridor]\n", ""))
    result = run(small_project, "generate")
    assert result.code == 0, result.err
    assert not (docs / "topics" / "middle-corridor.md").exists()
    assert not (docs / "topics" / "middle-corridor" / "feed.xml").exists()  # and its feed
    assert (docs / "topics" / "energy-security.md").exists()
    assert "2 removed" in result.out


def test_a_folder_not_made_by_briefings_is_never_written(small_project, run):
    docs = small_project / "build" / "docs"
    docs.mkdir(parents=True)
    (docs / "notes.md").write_text("mine")
    result = run(small_project, "generate")
    assert result.code == 2
    assert "was not created by briefings" in result.err
    assert snapshot(docs) == {"notes.md": b"mine"}
