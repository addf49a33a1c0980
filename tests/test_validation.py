"""Each kind of content problem is reported once, with file, line, field and what to do;
the exit code is non-zero and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

ART = "content/articles/2025-test.md"
ANN = "content/articles/2025-test.yml"


def patch(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CASES = [
    pytest.param(ANN, "id: KZ", "id: XX",
                 f"{ANN}:2: countries[1].id: unknown country code 'XX'", id="unknown-country-code"),
    pytest.param(ANN, "frameworks: [ots]", "frameworks: [otz]",
                 f"{ANN}:9: relations[1].frameworks: unknown organisation 'otz' (did you mean 'ots'?)",
                 id="unknown-id"),
    pytest.param(ANN, "evidence: Tokayev went to Ankara", "evidence: Tokayev flew to Ankara",
                 f"{ANN}:3: countries[1].evidence: evidence not found in the article",
                 id="evidence-not-found"),
    pytest.param(ANN, "evidence: Tokayev went to Ankara", "evidence: tokayev went to ankara",
                 f"{ANN}:3: countries[1].evidence: evidence not found", id="evidence-case"),
    pytest.param(ART, "Trade passed $5 billion", "Ankara. Trade passed $5 billion",
                 None, id="placeholder"),
    pytest.param(ART, "date: 2025-05-07", "date: 2025-13-01",
                 f"{ART}:3: date: expected a date, got '2025-13-01'", id="bad-date-month"),
    pytest.param(ART, "date: 2025-05-07", "date: next year",
                 f"{ART}:3: date: expected a date, got 'next year'", id="bad-date-words"),
    pytest.param(ANN, "    period: 2024", "    period: 2024-02-30",
                 f"{ANN}:17: figures[1].period: expected a date", id="bad-date-day"),
    pytest.param(ANN, "    stance: cooperative\n", "    stance: cooperative\n    stance: tense\n",
                 f"{ANN}:8: stance: duplicate key 'stance' (first on line 7)", id="duplicate-key"),
    pytest.param(ANN, "    label: expanded strategic partnership\n", "",
                 f"{ANN}:5: relations[1].label: missing field", id="missing-field"),
    pytest.param(ART, "summary: A short test article.\n", "",
                 f"{ART}:2: summary: missing field", id="missing-front-matter-field"),
    pytest.param(ANN, "    evidence: Trade passed", "    evidnce: Trade passed",
                 f"{ANN}:18: figures[1].evidnce: unknown field 'evidnce' (did you mean 'evidence'?)",
                 id="unknown-field"),
    pytest.param(ART, "publication: Test Desk", "publisher: Test Desk",
                 f"{ART}:4: publisher: unknown field 'publisher' (did you mean 'publication'?)",
                 id="unknown-front-matter-field"),
    pytest.param(ANN, "    stance: cooperative", "    stance: friendly",
                 f"{ANN}:7: relations[1].stance: 'friendly' is not a known stance", id="bad-choice"),
    pytest.param(ANN, "actors: [TR, KZ]", "actors: [TR, TR]",
                 f"{ANN}:5: relations[1].actors: a relation needs two different actors",
                 id="relation-with-itself"),
    pytest.param(ANN, "actors: [TR, KZ]", "actors: [TR]",
                 f"{ANN}:5: relations[1].actors: a relation has exactly two actors, not 1",
                 id="relation-with-one-actor"),
    pytest.param(ANN, "    value: 5", "    value: five",
                 f"{ANN}:14: figures[1].value: expected a number, got 'five'", id="wrong-type"),
    pytest.param(ANN, "    sectors: [transport]", "    sectors: transport",
                 f"{ANN}:8: relations[1].sectors: expected a list of texts", id="list-expected"),
    pytest.param(ART, "topics: [middle-corridor]", "topics: [middle-coridor]",
                 f"{ART}:6: topics: unknown topic 'middle-coridor' (did you mean 'middle-corridor'?)",
                 id="unknown-topic"),
    pytest.param(ANN, "  - id: KZ", "  - id: kz",
                 f"{ANN}:2: countries[1].id: unknown country code 'kz' (country codes are written "
                 "in capitals: 'KZ')", id="lower-case-country"),
    pytest.param(ANN, "    evidence: Tokayev", "\tevidence: Tokayev",
                 f"{ANN}:3: evidence: invalid YAML", id="tab-indentation"),
]


@pytest.mark.parametrize(("relative", "old", "new", "expected"), [
    case for case in CASES if case.id != "placeholder"])
def test_each_problem_is_reported_with_file_line_and_field(
        small_project, run, relative, old, new, expected):
    patch(small_project, relative, old, new)
    result = run(small_project, "check")
    assert result.code == 1
    matching = [line for line in result.err.splitlines() if line.startswith(expected)]
    assert len(matching) == 1, result.err
    assert "Traceback" not in result.err
    assert not (small_project / "build").exists()


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
