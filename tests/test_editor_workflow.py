"""Help while writing and publishing: schemas, CI formats, drafts, progress, change summary,
the workflows' commands and the pre-commit hook (tests/test_ci.py checks the workflows)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.content.yamlfile import parse_yaml
from generator.editor.jsonschema import schema_files
from generator.engine.problems import Problems
from tests.conftest import REPO

SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def test_committed_schemas_are_the_generated_ones():
    for name, text in schema_files().items():
        assert (REPO / "schema" / name).read_text(encoding="utf-8") == text, \
            f"schema/{name} is stale: run 'briefings schema'"


def sample_files():
    return sorted((REPO / "content").rglob("*.yml"))


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.name)
def test_every_sample_file_names_its_schema_and_passes_it(path):
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    match = SCHEMA_LINE.match(first)
    assert match, f"{path.name} does not start with the yaml-language-server line"
    schema_path = (path.parent / match.group(1)).resolve()
    assert schema_path.is_file()
    data = parse_yaml(path.read_text(encoding="utf-8"), path, Problems())
    jsonschema.validate(json.loads(json.dumps(data)), json.loads(schema_path.read_text()))


def test_the_schema_catches_what_the_validator_catches():
    schema = json.loads((REPO / "schema" / "annotation.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    good = {"relations": [{"actors": ["KZ", "TR"], "label": "x", "stance": "cooperative",
                           "evidence": "y"}]}
    assert not list(validator.iter_errors(good))
    for broken in ({"relations": [{**good["relations"][0], "evidnce": "y"}]},
                   {"relations": [{**good["relations"][0], "stance": "friendly"}]},
                   {"relation": []},
                   {"events": [{"date": "2025-13", "kind": "visit", "title": "t",
                                "actors": ["KZ"], "evidence": "e"}]}):
        assert list(validator.iter_errors(broken)), broken


def test_check_speaks_github_annotations(small_project, run):
    annotation = small_project / "content" / "articles" / "2025-test.yml"
    annotation.write_text(annotation.read_text().replace("id: KZ", "id: XX"))
    result = run(small_project, "check", "--format", "github")
    assert result.code == 1
    assert ("::error file=content/articles/2025-test.yml,line=2,title=countries[1].id::"
            "unknown country code 'XX' ('XX' is a user-assigned code: define it in "
            "content/entities/countries.yml with '- id: XX' and a 'name:')") in result.out


def test_check_speaks_json(small_project, run):
    annotation = small_project / "content" / "articles" / "2025-test.yml"
    annotation.write_text(annotation.read_text().replace("id: KZ", "id: XX"))
    result = run(small_project, "check", "--format", "json")
    report = json.loads(result.out)
    assert result.code == 1 and report["ok"] is False
    assert report["problems"] == [{"file": "content/articles/2025-test.yml", "line": 2,
                                   "field": "countries[1].id",
                                   "message": "unknown country code 'XX'",
                                   "hint": "'XX' is a user-assigned code: define it in "
                                           "content/entities/countries.yml with '- id: XX' "
                                           "and a 'name:'"}]


def test_drafts_are_reminded_and_kept_off_the_site(small_project, run):
    annotation = small_project / "content" / "articles" / "2025-test.yml"
    annotation.write_text(annotation.read_text().replace(
        "    evidence: Trade passed", "    draft: true\n    evidence: Trade passed"))
    result = run(small_project, "check")
    assert result.code == 0
    assert ("reminder: content/articles/2025-test.yml:18: figures[1].draft: draft figure not yet "
            "confirmed") in result.err
    github = run(small_project, "check", "--format", "github")
    assert "::warning file=content/articles/2025-test.yml,line=18,title=figures[1].draft::" \
        in github.out
    assert run(small_project, "generate").code == 0
    page = (small_project / "build" / "docs" / "relations" / "kazakhstan-turkiye.md").read_text()
    assert "5 billion" not in page


def test_quiet_and_verbose(small_project, run):
    quiet = run(small_project, "--quiet", "generate")
    assert quiet.code == 0 and quiet.out == "" and quiet.err == ""
    verbose = run(small_project, "--verbose", "generate")
    assert verbose.code == 0
    # The quiet run left everything in place: nothing to check or render again.
    assert "reusing 1 unchanged article from the last build" in verbose.out
    assert re.search(r"checking articles: 0 in \d+\.\d+ s", verbose.out)
    assert re.search(r"reusing \d+ pages whose inputs are unchanged", verbose.out)
    # Every phase says how long it took, so a slow build shows where its time goes.
    for phase in ("loading the cache of checked articles", "linking articles into one knowledge "
                  "base", "planning pages", "keying pages", "writing changed files"):
        assert re.search(rf"^{phase}: \d+\.\d\d s$", verbose.out, re.MULTILINE), phase
    assert "planning pages" not in run(small_project, "generate").out
    (small_project / "build" / ".briefings-cache").unlink()
    cold = run(small_project, "--verbose", "generate")
    assert re.search(r"checking articles: 1 in \d+\.\d+ s", cold.out)
    assert re.search(r"writing pages: \d+/\d+", cold.out)  # plain lines: this is no terminal
    assert "## Site changes" in cold.out


def test_the_change_summary_names_what_a_new_article_touches(small_project, run):
    assert run(small_project, "generate").code == 0
    articles = small_project / "content" / "articles"
    (articles / "2025-second.md").write_text(
        "---\ntitle: A second article\ndate: 2025-06\npublication: Desk\nsummary: S.\n---\n"
        "The Organization of Turkic States met in Astana.\n", encoding="utf-8")
    (articles / "2025-second.yml").write_text(
        "organisations:\n  - id: ots\n    evidence: Turkic States met\n", encoding="utf-8")
    assert run(small_project, "generate").code == 0
    summary = (small_project / "build" / "changes.md").read_text(encoding="utf-8")
    assert "1 pages added" in summary or "pages added" in summary
    assert "- A second article (June 2025): touches Organization of Turkic States" in summary
    assert "`articles/2025-second.md`" in summary


def test_workflows_run_the_readme_commands_and_deploy_pages():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    publish = yaml.safe_load((REPO / ".github" / "workflows" / "publish.yml").read_text())
    review = yaml.safe_load((REPO / ".github" / "workflows" / "pull-request.yml").read_text())
    runs = [step.get("run", "") for workflow in (publish, review)
            for job in workflow["jobs"].values() for step in job["steps"]]
    make_runs = [run for run in runs if run.startswith("make ")]
    assert {"make site", "make test", "make check FORMAT=github",
            "make published-env"} <= set(make_runs)
    assert "make site" in readme and "make test" in readme
    uses = [step.get("uses", "") for job in publish["jobs"].values() for step in job["steps"]]
    assert any(use.startswith("actions/deploy-pages@") for use in uses)
    setup = [step for job in publish["jobs"].values() for step in job["steps"]
             if step.get("uses", "").startswith("actions/setup-python@")]
    assert setup and setup[0]["with"]["cache"] == "pip"


@pytest.mark.skipif(sys.platform == "win32",
                    reason="the hook's entry is .venv/bin/briefings, a path of Linux and macOS")
def test_the_pre_commit_hook_runs_briefings_check(sample_project):
    git = shutil.which("git")
    assert git
    shutil.copy(REPO / ".pre-commit-config.yaml", sample_project)
    # The environment running the tests stands for the project's .venv (in CI on macOS the
    # tools are installed into the runner's Python instead).
    (sample_project / ".venv").symlink_to(sys.prefix)
    environment = {**os.environ, "PRE_COMMIT_HOME": str(sample_project.parent / "pre-commit")}
    for command in (["init", "-q"], ["add", "-A"]):
        subprocess.run([git, *command], cwd=sample_project, check=True)
    hook = [str(Path(sys.prefix) / "bin" / "pre-commit"), "run", "--all-files"]
    passed = subprocess.run(hook, cwd=sample_project, capture_output=True, text=True,
                            env=environment, check=False)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    annotation = next((sample_project / "content" / "articles").glob("*.yml"))
    annotation.write_text(annotation.read_text().replace("stance: cooperative", "stance: chummy", 1))
    failed = subprocess.run(hook, cwd=sample_project, capture_output=True, text=True,
                            env=environment, check=False)
    assert failed.returncode != 0
    assert "'chummy' is not a known stance" in failed.stdout + failed.stderr


@pytest.mark.seed
def test_new_from_the_command_line_writes_a_draft_once(sample_project, run):
    from tests.conftest import SEED

    first = run(sample_project, "new", str(SEED))
    assert first.code == 0, first.err
    written = sorted((sample_project / "content" / "articles").glob("kazakhstan-and-turkey*"))
    assert [path.suffix for path in written] == [".md", ".yml"]
    assert "draft: true" in written[1].read_text(encoding="utf-8")
    checked = run(sample_project, "check")
    assert "reminder:" in checked.err and "draft relation not yet confirmed" in checked.err
    again = run(sample_project, "new", str(SEED))
    assert again.code == 1 and "already exists; nothing was written" in again.err


def test_the_change_summary_counts_pages_apart_from_other_files():
    from generator.engine.output import Changes
    from generator.knowledge.knowledge import KnowledgeBase
    from generator.site.summary import change_summary
    changes = Changes(added=["articles/2025-x.md", "data/knowledge.json", "feed.xml"],
                      changed=["index.md", "countries/kazakhstan/feed.xml"],
                      removed=["assets/flags/xx.svg"], unchanged=40)
    summary = change_summary(changes, KnowledgeBase(registry=None))
    assert ("1 pages added, 1 changed, 0 removed; 4 other files (feeds, data downloads, "
            "pictures) written or removed; 40 files unchanged.") in summary
    assert "`data/knowledge.json`" not in summary and "`index.md`" in summary
