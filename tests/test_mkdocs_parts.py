"""A cold build shared out over several mkdocs processes gives one process's site, and still
fails on a link to an anchor that is not there, wherever the two pages were built."""

from __future__ import annotations

import shutil

import pytest

from generator.engine import mkdocs_parts
from generator.engine.mkdocs_parts import missing_anchors, parts_for
from generator.engine.mkdocs_runner import part_of
from tests.conftest import copy_project
from tests.test_incremental_site import EDITS


def _site(project) -> dict[str, bytes]:
    site = project / "build" / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _shared_out(monkeypatch, shared: bool) -> None:
    monkeypatch.setenv("BRIEFINGS_WORKERS", "2")
    monkeypatch.setattr(mkdocs_parts, "PAGES_PER_PART", 1 if shared else 10**9)


def test_a_cold_build_in_two_shares_is_one_process_build(tmp_path, run, monkeypatch):
    sites = {}
    for shared in (False, True):
        _shared_out(monkeypatch, shared)
        project = copy_project(tmp_path / str(shared), with_content=True)
        result = run(project, "-v", "build")
        assert result.code == 0, result.out + result.err
        assert ("building the pages on 2 cores" in result.out + result.err) is shared
        sites[shared] = _site(project)
    assert len(sites[False]) > 500
    assert sites[True].keys() == sites[False].keys()
    assert [name for name in sites[False] if sites[True][name] != sites[False][name]] == []


@pytest.mark.parametrize("edits", [
    ("a renamed country", "a new article"),  # nearly every page, then a few
    ("a newly named country", "a country no longer named")])  # stale files removed
def test_incremental_builds_in_two_shares_equal_cold_ones(tmp_path, run, monkeypatch, edits):
    project = copy_project(tmp_path / "project", with_content=True)
    _shared_out(monkeypatch, True)
    assert run(project, "-q", "build").code == 0
    untouched = project / "build" / "site" / "people" / "index.html"
    for edit in edits:
        before = untouched.stat().st_mtime_ns
        EDITS[edit](project)
        _shared_out(monkeypatch, True)
        result = run(project, "-v", "build", "--incremental")
        assert result.code == 0, result.out + result.err
        if edit == "a new article":  # a share builds only the changed pages of its share
            assert untouched.stat().st_mtime_ns == before
        assert "mkdocs build --dirty" in result.out + result.err
        assert "building the pages on 2 cores" in result.out + result.err
        _shared_out(monkeypatch, False)
        cold = tmp_path / f"cold-{edit}"
        shutil.copytree(project, cold, ignore=shutil.ignore_patterns("build"))
        assert run(cold, "-q", "build").code == 0
        incremental, full = _site(project), _site(cold)
        assert sorted(incremental) == sorted(full), edit
        assert [name for name in full if incremental[name] != full[name]] == [], edit


def test_a_missing_anchor_on_a_page_the_other_share_built_fails_the_build(tmp_path, run,
                                                                          monkeypatch):
    _shared_out(monkeypatch, True)
    project = copy_project(tmp_path / "project", with_content=True)
    target = next(name for name in ("countries/index.md", "relations/index.md",
                                    "topics/index.md", "timeline/index.md", "people/index.md")
                  if part_of(name, 2) != part_of("index.md", 2))
    home = project / "templates" / "home.md.j2"
    text = home.read_text(encoding="utf-8")
    home.write_text(text.replace("{% block body %}", "{% block body %}\n"
                                 f"[See]({target}#no-such-anchor)\n", 1), encoding="utf-8")
    result = run(project, "build")
    assert result.code != 0
    said = result.out + result.err
    assert (f"Doc file 'index.md' contains a link '{target}#no-such-anchor', but the doc "
            f"'{target}' does not contain an anchor '#no-such-anchor'.") in said
    assert "previous site is kept" in said
    assert not (project / "build" / "site").exists()
    assert not (project / "build" / "site.new").exists()


def test_anchors_are_checked_against_every_share():
    records = [
        {"anchors": {"a.md": ["p-1", "top"]},
         "unchecked": [["a.md", "b.md", "p-2", "b.md#p-2"], ["a.md", "b.md", "p-9", "b.md#p-9"]]},
        {"anchors": {"b.md": ["p-1", "p-2"]},
         "unchecked": [["b.md", "a.md", "top", "a.md#top"],
                       ["b.md", "gone.md", "x", "gone.md#x"]]},  # not a page: mkdocs says so
    ]
    assert missing_anchors(records) == [
        "Doc file 'a.md' contains a link 'b.md#p-9', but the doc 'b.md' does not contain an "
        "anchor '#p-9'."]


@pytest.mark.parametrize(("pages", "cores", "parts"), [
    (0, 2, 1), (1, 2, 1), (39, 2, 1), (40, 2, 2), (45, 2, 2), (15000, 2, 2), (15000, 1, 1),
    (60, 4, 3), (15000, 4, 4)])
def test_a_build_is_shared_out_once_each_core_has_a_share_of_pages(monkeypatch, pages, cores,
                                                                  parts):
    monkeypatch.setenv("BRIEFINGS_WORKERS", str(cores))
    assert parts_for(pages) == parts


def test_the_pages_a_share_can_be_set(monkeypatch):
    monkeypatch.setenv("BRIEFINGS_WORKERS", "2")
    monkeypatch.setenv("BRIEFINGS_PAGES_PER_MKDOCS", "100")
    assert parts_for(150) == 1 and parts_for(200) == 2
    for nonsense in ("0", "-5", "many", ""):
        monkeypatch.setenv("BRIEFINGS_PAGES_PER_MKDOCS", nonsense)
        assert parts_for(39) == 1 and parts_for(40) == 2


def test_every_page_has_one_share():
    names = [f"articles/2025-{number:05d}.md" for number in range(1000)]
    shares = [part_of(name, 2) for name in names]
    assert set(shares) == {0, 1}
    assert 400 < shares.count(0) < 600
    assert shares == [part_of(name, 2) for name in names]  # the same in every process
