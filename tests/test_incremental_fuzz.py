"""Random edits, each regenerated in place, give what a cold build gives (incremental_fuzz.py;
`python tests/incremental_fuzz.py --seeds 1-20` runs more of them)."""

from __future__ import annotations

import pytest

from tests import incremental_fuzz


@pytest.fixture
def short_lists(monkeypatch):
    monkeypatch.setattr(incremental_fuzz.archives, "LATEST", 3)
    monkeypatch.setattr(incremental_fuzz.archives, "PART", 4)


def test_random_edits_regenerate_what_a_cold_build_would(tmp_path, short_lists):
    drawn: list[str] = []
    steps = incremental_fuzz.run_seed(1, 21, tmp_path, report=lambda line: None, drawn=drawn)
    assert len(steps) == 21
    # At least two edits a step, drawn as from a deck of 41: every kind is tried.
    assert {edit.__name__ for edit in incremental_fuzz.EDITS} <= set(drawn)
    taken = " ".join(steps)
    for kind in ("add article", "rename article", "date ", "relation", "event"):
        assert kind in taken, f"no '{kind}' step in {steps}"


def test_random_edits_regenerated_as_serve_does_match_a_cold_build(tmp_path, short_lists):
    """serve previews the saved articles' pages, then regenerates with the checked articles
    kept in memory (and the data section left as its first build made it): the rest is what
    a cold build writes."""
    steps = incremental_fuzz.run_seed(5, 8, tmp_path, report=lambda line: None, mode="serve")
    assert len(steps) == 8
    assert any("(previewed)" in step for step in steps), steps  # pages shown before


def test_random_edits_built_incrementally_give_the_cold_site(tmp_path, short_lists):
    """`build --incremental` after each step: the site, sitemaps included, is a cold build's."""
    steps = incremental_fuzz.run_seed(6, 3, tmp_path, report=lambda line: None, mode="site")
    assert len(steps) == 3


def test_an_edit_that_leaves_a_problem_keeps_the_output_and_is_undone(tmp_path, short_lists,
                                                                      monkeypatch):
    """A step whose content has a problem fails both builds, leaves the last output, and the
    next step starts from the content as it was."""
    def break_an_annotation(root, rng):
        path = incremental_fuzz._articles(root)[0]
        path.write_text(path.read_text(encoding="utf-8") + "\n  - : [\n", encoding="utf-8")
        return "break an annotation"

    monkeypatch.setattr(incremental_fuzz, "EDITS", (break_an_annotation,))
    lines: list[str] = []
    steps = incremental_fuzz.run_seed(3, 1, tmp_path, report=lines.append)
    assert steps == ["break an annotation (a problem: undone)"]
    assert "a problem, undone" in lines[0]
    project = tmp_path / "seed-3"
    article = incremental_fuzz._articles(project)[0]
    assert not article.read_text(encoding="utf-8").endswith("- : [\n")


def test_a_mistake_fixed_in_the_next_build_gives_what_a_cold_build_gives(tmp_path, short_lists,
                                                                         monkeypatch):
    """The build with the mistake fails and keeps the last output; the editor fixes it and
    keeps the step's other edits; that build is the cold build's (run_seed asserts both)."""
    monkeypatch.setattr(incremental_fuzz, "EDITS", (incremental_fuzz.break_article,
                                                    incremental_fuzz.add_article))
    steps = incremental_fuzz.run_seed(8, 2, tmp_path, report=lambda line: None)
    assert all(step.startswith(("break ", "add article")) and step.endswith("(fixed)")
               for step in steps), steps
    project = tmp_path / "seed-8"
    for path in incremental_fuzz._articles(project):
        assert "words this article lacks" not in path.read_text(encoding="utf-8")
    assert len(incremental_fuzz._articles(project)) == 17  # the two added articles kept


def test_a_difference_from_the_cold_build_is_reported_with_the_seed(tmp_path, short_lists,
                                                                    monkeypatch):
    """The fuzzer fails when the regenerated folder differs: here a file is left behind
    that the cold build does not write."""
    def leave_a_stray_page(root, rng):
        (root / "build" / "docs" / "stray.md").write_text("left over\n", encoding="utf-8")
        return "leave a stray page"

    monkeypatch.setattr(incremental_fuzz, "EDITS", (leave_a_stray_page,))
    with pytest.raises(AssertionError, match=r"seed 4, step 1: leave a stray page.*stray\.md"):
        incremental_fuzz.run_seed(4, 1, tmp_path, report=lambda line: None)
