"""Bad input gets a clear answer: exit code 1, one line per problem naming file, line and field
with what to do, no traceback, nothing under content/ touched, the previous output intact."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from generator.cli import main
from tests.bad_inputs import ACCEPTED, CASES, Case
from tests.conftest import write_small_project


def snapshot(folder: Path) -> dict[str, tuple]:
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if not p.is_symlink() else
                                              os.readlink(p), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file() or p.is_symlink()}


def apply(project: Path, edits) -> None:
    for relative, old, new in edits:
        path = project / relative
        if old == "symlink":
            try:
                path.symlink_to(new)
            except OSError as error:  # Windows lets only administrators make links
                pytest.skip(f"this system cannot make a symbolic link here: {error}")
        elif old is None and new is None:
            path.unlink()
        elif old is None:
            if isinstance(new, str) and new.startswith(("copy:", "bom:", "crlf:")):
                kind, source = new.split(":", 1)
                text = (project / source).read_text(encoding="utf-8")
                new = {"copy": text, "bom": "\ufeff" + text, "crlf": text.replace("\n", "\r\n")}[
                    kind].encode("utf-8")
            path.parent.mkdir(parents=True, exist_ok=True)  # e.g. content/briefs/
            path.write_bytes(new if isinstance(new, bytes) else new.encode("utf-8"))
        else:
            text = path.read_text(encoding="utf-8")
            assert old in text, f"test set-up: {old!r} not in {relative}"
            path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def built_small(tmp_path_factory):
    """The small project, built once; each case starts from a copy of it."""
    root = write_small_project(tmp_path_factory.mktemp("bad") / "site")
    assert main(["--project", str(root), "build"]) == 0
    return root


@pytest.fixture
def project(built_small, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(built_small, copy, symlinks=True)
    return copy


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_is_reported_once_and_changes_nothing(project, run, case: Case):
    apply(project, case.edits)
    content_before = snapshot(project / "content")
    output_before = snapshot(project / "build")
    started = time.monotonic()
    result = run(project, "build")
    elapsed = time.monotonic() - started
    assert result.code == case.code
    assert "Traceback" not in result.err + result.out
    reported = [line for line in result.err.splitlines() if line.startswith("content/")]
    for file, line, field, words in case.expected:
        prefix = f"{file}:{line}: {field}: "
        matching = [text for text in reported if text.startswith(prefix) and words in text]
        assert len(matching) == 1, f"expected {prefix}…{words}…, got:\n" + "\n".join(reported)
        assert "(" in matching[0] and matching[0].endswith(")"), "no advice on what to do"
    assert len(reported) == len(case.expected), "\n".join(reported)
    assert snapshot(project / "content") == content_before
    assert snapshot(project / "build") == output_before
    assert elapsed < 10
    assert not Path("/tmp/briefings-pwned").exists()


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_unusual_but_valid_input_builds(project, run, name):
    apply(project, ACCEPTED[name])
    result = run(project, "build")
    assert result.code == 0, result.err
    page = (project / "build" / "docs" / "articles" / "2025-test.md").read_text(encoding="utf-8")
    assert "\r" not in page and "\ufeff" not in page
    assert 'id="p-3"' in page


def test_a_ten_megabyte_article_is_accepted_quickly(project, run):
    paragraphs = [f"Paragraph {n} about rail, ports and trade between Kazakhstan and Türkiye "
                  + "with more words to fill the line " * 8 for n in range(30000)]
    article = project / "content" / "articles" / "2025-long.md"
    article.write_text("---\ntitle: Long\ndate: 2025\npublication: P\nsummary: S\n---\n"
                       + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    assert article.stat().st_size > 10_000_000
    (project / "content" / "articles" / "2025-long.yml").write_text(
        "countries:\n  - id: KZ\n    evidence: Paragraph 29999 about rail\n", encoding="utf-8")
    started = time.monotonic()
    result = run(project, "generate")
    assert result.code == 0, result.err
    assert time.monotonic() - started < 30


def test_a_site_build_that_fails_puts_every_page_back(project, run):
    """mkdocs refuses the site after every article page changed (a template links to a page
    that does not exist): the docs folder is as it was, file for file and date for date, and
    nothing the build kept aside is left behind."""
    docs_before = snapshot(project / "build" / "docs")
    site_before = snapshot(project / "build" / "site")
    template = project / "templates" / "article.md.j2"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("{% block body %}", "{% block body %}\n[More](no-such-page.md)\n",
                                     1), encoding="utf-8")
    result = run(project, "build")
    assert result.code != 0 and "Traceback" not in result.err + result.out
    assert "no-such-page.md" in result.err + result.out
    assert snapshot(project / "build" / "docs") == docs_before
    assert snapshot(project / "build" / "site") == site_before
    assert sorted(path.name for path in (project / "build").iterdir()
                  if path.name.startswith(".briefings-") and path.is_dir()) == []


@pytest.mark.parametrize("line", ["{{ 1 // 0 }}", "{% for first, second in [1] %}{% endfor %}",
                                  "{{ [1, 'a'] | sort | list }}", "{{ no_such_name }}"])
def test_a_template_whose_own_code_fails_is_named_at_its_line(project, run, line):
    """A template expression that raises (a division by zero, a loop that unpacks the wrong
    shape, a filter given nonsense, a name that is not defined) is reported at the
    template's line, once, with no traceback, and the generated pages stay as they were."""
    docs_before = snapshot(project / "build" / "docs")
    template = project / "templates" / "article.md.j2"
    lines = template.read_text(encoding="utf-8").splitlines(keepends=True)
    body = next(number for number, text in enumerate(lines) if "{% block body %}" in text)
    lines.insert(body + 1, line + "\n")
    template.write_text("".join(lines), encoding="utf-8")
    result = run(project, "generate")
    output = result.err + result.out
    assert result.code == 1 and "Traceback" not in output  # the project's to fix, as content
    assert output.count(f"error: templates/article.md.j2:{body + 2}: template error while "
                        "writing articles/") == 1
    assert "(fix the template)" in output
    assert snapshot(project / "build" / "docs") == docs_before


@pytest.mark.parametrize(("line", "words"), [
    ("{% if kb %}", "Jinja was looking for the following tags: 'elif' or 'else' or 'endif'"),
    ("{% endfor %}", "unknown tag 'endfor'"),
    ("{{ 1 + }}", "unexpected 'end of print statement'"),
])
def test_a_template_that_does_not_compile_is_named_at_its_line(project, run, line, words):
    """A syntax error is the editors' to fix, as a problem in the content is (exit code 1): its
    line is named as the editor sees the file from the project, once, and nothing is written."""
    docs_before = snapshot(project / "build" / "docs")
    template = project / "templates" / "person.md.j2"
    lines = template.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(1, line + "\n")
    template.write_text("".join(lines), encoding="utf-8")
    result = run(project, "generate")
    output = result.err + result.out
    assert result.code == 1 and "Traceback" not in output
    assert output.count("error: templates/person.md.j2:") == 1
    assert words in output and output.count("(fix the template)") == 1
    assert str(project) not in output
    assert snapshot(project / "build" / "docs") == docs_before


def test_a_missing_template_is_named(project, run):
    docs_before = snapshot(project / "build" / "docs")
    (project / "templates" / "topic.md.j2").unlink()
    result = run(project, "generate")
    assert result.code == 1 and "Traceback" not in result.err + result.out
    assert result.err.count("error: template topic.md.j2 is missing from templates "
                            "(restore it from the repository)") == 1
    assert snapshot(project / "build" / "docs") == docs_before
