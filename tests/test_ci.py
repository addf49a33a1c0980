"""The GitHub workflows and Dependabot's file: valid against their published schemas (checked
offline), on current actions, with write access only where Pages is deployed, and the site's
address taken from GitHub Pages."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
import yaml

from generator.build import load_project
from generator.engine.incremental import site_key
from generator.engine.mkdocs_config import read_config
from generator.knowledge.article_cache import CACHE_FILE
from generator.site.kept_plans import PLANS_FILE
from generator.site.opendata import FOLDER as DATA_FOLDER
from tests.conftest import REPO, copy_project

WORKFLOWS = REPO / ".github" / "workflows"
DEPENDABOT = REPO / ".github" / "dependabot.yml"
# The first major of each action that runs on Node 24 or later (GitHub removed Node 20 from its
# runners in September 2026), and the current one when this was written. upload-pages-artifact
# is a composite action: its v5 is the first that calls a Node 24 upload-artifact.
NODE24_MAJORS = {
    "actions/checkout": 5, "actions/setup-python": 6, "actions/setup-node": 5,
    "actions/cache": 5, "actions/configure-pages": 6, "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
}
_USES = re.compile(r"^([\w.-]+/[\w.-]+)@v(\d+)$")
_STEP_OUTPUT = re.compile(r"steps\.([\w-]+)\.outputs\.")


def _workflows() -> dict[str, dict]:
    files = sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))
    assert len(files) == 2
    return {path.name: yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
            for path in files}


def _steps(workflow: dict):
    for name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield name, step


def _schema_check(schema: str, *paths) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema,
                           *map(str, paths)], capture_output=True, text=True, check=False)


def test_workflows_follow_the_github_workflow_schema():
    files = sorted(WORKFLOWS.glob("*.y*ml"))
    result = _schema_check("vendor.github-workflows", *files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dependabot_file_follows_its_schema():
    result = _schema_check("vendor.dependabot", DEPENDABOT)
    assert result.returncode == 0, result.stdout + result.stderr
    ecosystems = {update["package-ecosystem"]
                  for update in yaml.safe_load(DEPENDABOT.read_text())["updates"]}
    assert {"github-actions", "pip"} <= ecosystems


def test_the_schema_check_would_catch_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - uses: actions/checkout@v7\n        wiht: {}\n", encoding="utf-8")
    assert _schema_check("vendor.github-workflows", broken).returncode != 0


def test_every_action_is_a_node24_major():
    for file, workflow in _workflows().items():
        for job, step in _steps(workflow):
            if "uses" not in step:
                continue
            match = _USES.match(step["uses"])
            assert match, f"{file}, {job}: pin {step['uses']} to a major, e.g. @v5"
            action, major = match.group(1), int(match.group(2))
            assert action in NODE24_MAJORS, f"{file}: which major of {action} runs on Node 24?"
            assert major >= NODE24_MAJORS[action], \
                f"{file}, {job}: {action}@v{major} runs on Node 20, which runners no longer have"


def test_only_the_deploy_job_may_write():
    for file, workflow in _workflows().items():
        assert workflow["permissions"] == {"contents": "read"}, file
        for name, job in workflow["jobs"].items():
            granted = job.get("permissions", {})
            assert isinstance(granted, dict), f"{file}, {name}: list each permission"
            writes = {scope for scope, level in granted.items() if level == "write"}
            if file == "publish.yml" and name == "deploy":
                assert writes == {"pages", "id-token"}
                assert not any("run" in step for step in job["steps"])  # no code of ours
            else:
                assert not writes, f"{file}, {name} may write: {writes}"


def test_pull_requests_cancel_runs_a_new_push_makes_moot():
    concurrency = _workflows()["pull-request.yml"]["concurrency"]
    assert concurrency["cancel-in-progress"] == "true"
    assert "github.event.pull_request.number" in concurrency["group"]
    # Publishing is never cancelled halfway.
    assert _workflows()["publish.yml"]["concurrency"]["cancel-in-progress"] == "false"


def test_step_outputs_used_are_of_earlier_steps_of_the_same_job():
    for file, workflow in _workflows().items():
        for name, job in workflow["jobs"].items():
            seen = set()
            for step in job["steps"]:
                text = yaml.safe_dump(step)
                for used in _STEP_OUTPUT.findall(text):
                    assert used in seen, f"{file}, {name}: no earlier step has the id '{used}'"
                seen.add(step.get("id"))
            for used in _STEP_OUTPUT.findall(yaml.safe_dump(job.get("environment", {}))):
                assert used in seen, f"{file}, {name}: no step has the id '{used}'"


def test_the_site_address_comes_from_github_pages():
    build = _workflows()["publish.yml"]["jobs"]["build"]
    steps = build["steps"]
    [pages] = [step for step in steps if step.get("uses", "").startswith("actions/configure-pages@")]
    [site] = [step for step in steps if step.get("run", "").startswith("make site")]
    assert steps.index(pages) < steps.index(site)
    assert site["env"]["SITE_URL"] == "${{ steps." + pages["id"] + ".outputs.base_url }}"


def test_the_published_site_is_built_from_the_lock_file():
    steps = _workflows()["publish.yml"]["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert runs.index("make published-env") < runs.index("make site BUILD_FLAGS=--incremental")
    [setup] = [step for step in steps if step.get("uses", "").startswith("actions/setup-python@")]
    assert setup["with"]["cache-dependency-path"] == "requirements.lock"


def test_the_publish_cache_keeps_what_an_incremental_build_starts_from():
    """The Markdown, checked articles, page plans, and the site with Pagefind's trimmed copies
    as the archive the build takes it from, as the project's configuration names them."""
    project = load_project(REPO)
    steps = [step for _, step in _steps(_workflows()["publish.yml"])
             if step.get("uses", "").startswith("actions/cache@")]
    assert len(steps) == 1
    paths = steps[0]["with"]["path"].split()
    [build] = [step for step in _workflows()["publish.yml"]["jobs"]["build"]["steps"]
               if step.get("run", "").startswith("make site")]
    archive = build["env"]["SITE_ARCHIVE"]  # the Makefile passes it as --site-archive
    folders = [project.docs_dir, project.docs_dir.parent / CACHE_FILE,
               project.docs_dir.parent / PLANS_FILE, REPO / archive]
    assert [folder.relative_to(REPO).as_posix() for folder in folders] == \
        [path for path in paths if not path.startswith("!")]
    assert not (REPO / archive).resolve().is_relative_to(project.site_dir)
    # The data downloads are made again whenever an article changes (see
    # test_incremental_site.py: a build without them equals a cold one); the archive leaves
    # them out, and Pagefind's index (test_site_archive.py).
    assert f"!{project.docs_dir.relative_to(REPO).as_posix()}/{DATA_FOLDER}" in paths


@pytest.mark.skipif(shutil.which("make") is None, reason="no make on this machine")
def test_make_site_passes_the_site_archive_on():
    """SITE_ARCHIVE, as the publish workflow sets it, reaches briefings build."""
    made = subprocess.run(["make", "-n", "site", "BUILD_FLAGS=--incremental",
                           "SITE_ARCHIVE=build/previous-site.tar.zst"], cwd=REPO,
                          capture_output=True, text=True, check=True).stdout
    assert "briefings build --incremental --site-archive build/previous-site.tar.zst" in made
    plain = subprocess.run(["make", "-n", "site"], cwd=REPO, capture_output=True, text=True,
                           check=True).stdout
    assert "--site-archive" not in plain


def test_the_tests_run_on_linux_macos_and_windows():
    test = _workflows()["pull-request.yml"]["jobs"]["test"]
    systems = test["strategy"]["matrix"]["os"]
    assert {system.split("-")[0] for system in systems} == {"ubuntu", "macos", "windows"}
    by_condition = {step.get("if", ""): step.get("run", "") for step in test["steps"]}
    # Linux runs the README's command, browser tests included; the others all but those.
    assert by_condition["runner.os == 'Linux'"] == "make test"
    assert "--ignore=tests/browser" in by_condition["runner.os != 'Linux'"]


@pytest.mark.parametrize("address", [None, "https://someone.github.io/briefings"])
def test_mkdocs_and_the_generator_read_the_same_site_address(tmp_path, monkeypatch, address):
    from mkdocs.config import load_config

    if address is None:
        monkeypatch.delenv("SITE_URL", raising=False)
    else:
        monkeypatch.setenv("SITE_URL", address)
    project = copy_project(tmp_path / "project", with_content=False)
    (project / "build" / "docs").mkdir(parents=True)
    config = load_config(str(project / "mkdocs.yml"))
    expected = (address or "https://briefings.example.org").rstrip("/") + "/"
    assert config["site_url"] == expected
    assert read_config(project / "mkdocs.yml")["site_url"].rstrip("/") + "/" == expected
    assert load_project(project).docs_dir == project / "build" / "docs"


def test_another_site_address_builds_every_page_again(tmp_path, monkeypatch):
    """Canonical links and the sitemap hold the address: an incremental build must not keep
    pages built for the old one."""
    project = copy_project(tmp_path / "project", with_content=False)
    theme = project / "templates" / "theme"
    monkeypatch.delenv("SITE_URL", raising=False)
    default = site_key([project / "mkdocs.yml"], theme)
    monkeypatch.setenv("SITE_URL", "https://someone.github.io/briefings/")
    assert site_key([project / "mkdocs.yml"], theme) != default
    monkeypatch.delenv("SITE_URL")
    assert site_key([project / "mkdocs.yml"], theme) == default
