"""Files: content/ is never written, output goes only where briefings may write, one build at a
time, and repeated builds give identical bytes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

from tests.conftest import REPO
from tests.test_bad_input import snapshot


@pytest.mark.parametrize("command", ["check", "generate", "build"])
def test_no_command_writes_under_content(small_project, run, command):
    before = snapshot(small_project / "content")
    assert run(small_project, command).code == 0
    assert run(small_project, command).code == 0
    assert snapshot(small_project / "content") == before


def set_config(project: Path, key: str, value: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    default = {"docs_dir": "build/docs", "site_dir": "build/site"}[key]
    config.write_text(text.replace(f"{key}: {default}", f"{key}: {value}"), encoding="utf-8")


@pytest.mark.parametrize(("key", "value"), [
    ("docs_dir", "/"), ("docs_dir", "."), ("docs_dir", "content"), ("docs_dir", "~home"),
    ("site_dir", "/"), ("site_dir", "."), ("site_dir", "content"), ("site_dir", "~home"),
    ("site_dir", "templates"), ("docs_dir", ".."), ("docs_dir", "content/articles"),
    # briefings' own files (its cache, changes.md) would land in the project or above it
    ("docs_dir", "docs"), ("docs_dir", "../docs"),
    # and its search copies and unpacked previous site, beside the site folder
    ("site_dir", "site"), ("site_dir", "../site"),
])
def test_output_never_goes_to_root_content_home_or_slash(small_project, run, monkeypatch,
                                                         tmp_path, key, value):
    home = tmp_path / "home"
    home.mkdir()
    (home / ".profile").write_text("keep me")
    monkeypatch.setenv("HOME", str(home))
    set_config(small_project, key, str(home) if value == "~home" else value)
    before = snapshot(small_project)
    result = run(small_project, "build")
    assert result.code == 2
    assert "refusing to write" in result.err
    assert snapshot(small_project) == before
    assert (home / ".profile").read_text() == "keep me"


def test_a_folder_briefings_did_not_create_is_refused_for_the_site(small_project, run):
    site = small_project / "build" / "site"
    site.mkdir(parents=True)
    (site / "precious.html").write_text("mine")
    result = run(small_project, "build")
    assert result.code == 2
    assert "was not created by briefings" in result.err
    assert not (small_project / "build" / "docs").exists()
    assert (site / "precious.html").read_text() == "mine"


def test_a_second_build_at_the_same_time_is_told_and_waits_for_nothing(small_project, run):
    assert run(small_project, "generate").code == 0
    lock_path = small_project / "build" / ".briefings.lock"
    with FileLock(lock_path):  # as a running build holds it
        before = snapshot(small_project / "build" / "docs")
        result = run(small_project, "build")
    assert result.code == 2
    assert "another briefings build is writing" in result.err
    assert snapshot(small_project / "build" / "docs") == before


def test_two_builds_started_together_leave_a_whole_site(sample_project, run):
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "generator", "--project", str(sample_project), "build"]
    processes = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True, env=environment) for _ in range(2)]
    outcomes = [(p.wait(timeout=300), p.stderr.read()) for p in processes]
    assert any(code == 0 for code, _ in outcomes)
    for code, err in outcomes:
        assert code == 0 or (code == 2 and "another briefings build" in err), err
    docs = snapshot(sample_project / "build" / "docs")
    site = snapshot(sample_project / "build" / "site")
    assert run(sample_project, "build").code == 0
    assert {k: v[0] for k, v in snapshot(sample_project / "build" / "docs").items()} == \
        {k: v[0] for k, v in docs.items()}
    assert (sample_project / "build" / "site" / "countries" / "kazakhstan" / "index.html").exists()
    assert set(snapshot(sample_project / "build" / "site")) == set(site)


# mkdocs writes the day of the build into these; everything else is the same on every build.
MKDOCS_TIMESTAMPED = {"sitemap.xml", "sitemap.xml.gz"}


def test_building_twice_gives_the_same_site(sample_project, run, tmp_path):
    assert run(sample_project, "build").code == 0
    first = snapshot(sample_project / "build")
    (sample_project / "build").rename(tmp_path / "first")
    assert run(sample_project, "build").code == 0
    second = snapshot(sample_project / "build")
    assert set(first) == set(second)
    differing = {name for name in first if first[name][0] != second[name][0]}
    assert {Path(name).name for name in differing} <= MKDOCS_TIMESTAMPED


def test_replacing_a_file_never_touches_the_process_umask(tmp_path):
    """The umask is process-wide: setting it, even briefly, races with every thread that
    creates a file meanwhile. Replaced files get the usual mode all the same."""
    target = tmp_path / "page.md"
    target.write_bytes(b"old")
    fresh = tmp_path / "fresh.md"
    fresh.write_bytes(b"")
    script = (
        "import os, sys\n"
        "def refuse(mask): raise SystemExit('os.umask called')\n"
        "os.umask = refuse\n"
        "from pathlib import Path\n"
        "from generator import build\n"
        "from generator.engine import output\n"
        "output.write_atomically(Path(sys.argv[1]), b'new')\n")
    subprocess.run([sys.executable, "-c", script, str(target)], check=True, cwd=REPO)
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == fresh.stat().st_mode & 0o777
    assert sorted(path.name for path in tmp_path.iterdir()) == ["fresh.md", "page.md"]


def test_the_build_runs_where_the_system_has_no_fcntl(small_project):
    """Windows has no fcntl module: the command must not depend on it (the build lock is
    filelock's, which uses the lock each system has)."""
    script = ("import sys; sys.modules['fcntl'] = None\n"  # as on Windows: import fcntl fails
              "from generator.cli import main\n"
              f"sys.exit(main(['--project', {str(small_project)!r}, '-q', 'generate']))\n")
    result = subprocess.run([sys.executable, "-W", "ignore", "-c", script], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert (small_project / "build" / "docs" / "articles" / "2025-test.md").exists()
