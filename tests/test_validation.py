"""Validation as a whole: every problem in one run, nothing written, a clean project passes.
The corpus of single broken inputs is tests/bad_inputs.py (run by test_bad_input.py)."""

from __future__ import annotations

from pathlib import Path

ART = "content/articles/2025-test.md"
ANN = "content/articles/2025-test.yml"


def patch(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_evidence_in_two_paragraphs_is_ambiguous(small_project, run):
    patch(small_project, ART, "Trade passed $5 billion", "Tokayev went to Ankara. Trade passed $5 billion")
    result = run(small_project, "check")
    assert result.code == 1
    assert (f"{ANN}:3: countries[1].evidence: evidence found in more than one paragraph (1, 3)"
            in result.err)


def test_duplicate_slug_is_refused(small_project, run):
    articles = small_project / "content" / "articles"
    (articles / "2025_Test.md").write_text((articles / "2025-test.md").read_text())
    (articles / "2025_Test.yml").write_text("")
    result = run(small_project, "check")
    assert result.code == 1
    assert "content/articles/2025_Test.md:1: file name: this article would get the same address " \
           "/articles/2025-test/ as content/articles/2025-test.md" in result.err


def test_duplicate_entity_id_is_refused(small_project, run):
    path = small_project / "content" / "entities" / "topics.yml"
    path.write_text(path.read_text() + "- id: middle-corridor\n  name: Again\n")
    result = run(small_project, "check")
    assert result.code == 1
    assert "content/entities/topics.yml:3: id: duplicate id 'middle-corridor' (first on line 1)" \
        in result.err


def test_all_problems_are_reported_in_one_run(small_project, run):
    patch(small_project, ANN, "id: KZ", "id: XX")
    patch(small_project, ANN, "frameworks: [ots]", "frameworks: [otz]")
    patch(small_project, ART, "date: 2025-05-07", "date: 2025-13-01")
    result = run(small_project, "check")
    assert result.code == 1
    assert "3 problems found" in result.err
    assert len([line for line in result.err.splitlines() if line.startswith("content/")]) == 3


def test_nothing_is_written_and_previous_output_stays(small_project, run):
    assert run(small_project, "generate").code == 0
    docs = small_project / "build" / "docs"
    before = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    patch(small_project, ANN, "id: KZ", "id: XX")
    patch(small_project, ART, "Both sides", "Both governments")
    assert run(small_project, "generate").code == 1
    after = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    assert after == before


def test_a_valid_project_checks_clean(small_project, run):
    result = run(small_project, "check")
    assert result.code == 0, result.err
    assert result.out.startswith("ok: 1 articles")


def test_entity_files_are_checked_with_lines(small_project, run):
    path = small_project / "content" / "entities" / "organisations.yml"
    path.write_text(path.read_text().replace("members: [KZ, TR]", "members: [KZ, TX]\n  nam: x"))
    result = run(small_project, "check")
    assert result.code == 1
    assert ("content/entities/organisations.yml:4: organisations[1].members: unknown country code "
            "'TX'") in result.err
    assert ("content/entities/organisations.yml:5: organisations[1].nam: unknown field 'nam'"
            in result.err)


def test_a_metric_named_as_a_target_but_typed_actual_is_warned_about(small_project, run):
    """"bilateral trade target" with the default type reads as the series' latest actual
    value on the bottom line: a warning (the build goes on) names its line, in every run,
    the ones that take the article from the cache included."""
    patch(small_project, ANN, "  - metric: bilateral trade\n", "  - metric: bilateral trade target\n")
    expected = (f"warning: {ANN}:12: figures[1].metric: the metric's name says 'target' but the "
                "figure is an actual value (if it is a target or a forecast, write 'type: target'")
    for command in ("check", "generate", "check"):
        result = run(small_project, command)
        assert result.code == 0, result.err
        assert result.err.count(expected) == 1, result.err
    patch(small_project, ANN, "  - metric: bilateral trade target\n",
          "  - metric: bilateral trade\n    type: target\n")
    result = run(small_project, "check")
    assert result.code == 0 and "warning" not in result.err, result.err
    patch(small_project, ANN, "    type: target\n", "    type: forecast\n")
    patch(small_project, ANN, "  - metric: bilateral trade\n", "  - metric: trade goals met\n")
    assert "warning" not in run(small_project, "check").err  # typed as what it says
