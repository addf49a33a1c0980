"""The browser tests find Chromium on any system (BRIEFINGS_CHROMIUM, else PATH) and, without it,
say what to install: a skip on a contributor's machine, a failure where the tools must be."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.chromium import VARIABLE, find_chromium
from tests.browser.conftest import REQUIRE, missing_tool
from tests.conftest import REPO

FINDER = REPO / "tests" / "browser" / "chromium.py"


def fake_program(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name + (".exe" if os.name == "nt" else ""))
    path.write_text("#!/bin/sh\n", encoding="utf-8")
    path.chmod(0o755)
    return path


@pytest.fixture
def no_browser_anywhere(monkeypatch, tmp_path):
    """A PATH with no browser on it, and no install folder a browser could be found in."""
    monkeypatch.delenv(VARIABLE, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    for root in ("PROGRAMFILES", "PROGRAMFILES(X86)", "LOCALAPPDATA"):
        monkeypatch.setenv(root, str(tmp_path / "no-programs"))
    monkeypatch.setattr("tests.browser.chromium._installed_off_path", lambda: [])
    return tmp_path


def test_the_variable_names_the_browser(no_browser_anywhere, monkeypatch):
    browser = fake_program(no_browser_anywhere / "opt" / "chrome", "my-chrome")
    monkeypatch.setenv(VARIABLE, str(browser))
    assert find_chromium() == (str(browser), "")


def test_the_variable_may_name_a_command_on_path(no_browser_anywhere, monkeypatch):
    folder = no_browser_anywhere / "bin"
    browser = fake_program(folder, "chrome-beta")
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.setenv(VARIABLE, "chrome-beta")
    found, _ = find_chromium()
    assert Path(found).resolve() == browser.resolve()


@pytest.mark.parametrize("name", ["chromium", "chromium-browser", "google-chrome"])
def test_without_the_variable_the_browser_is_found_on_path(no_browser_anywhere, monkeypatch, name):
    folder = no_browser_anywhere / "bin"
    browser = fake_program(folder, name)
    monkeypatch.setenv("PATH", str(folder))
    found, _ = find_chromium()
    assert Path(found).resolve() == browser.resolve()


def test_a_variable_naming_nothing_is_reported_not_passed_over(no_browser_anywhere, monkeypatch):
    fake_program(no_browser_anywhere / "bin", "chromium")
    monkeypatch.setenv("PATH", str(no_browser_anywhere / "bin"))
    monkeypatch.setenv(VARIABLE, str(no_browser_anywhere / "missing" / "chrome"))
    found, problem = find_chromium()
    assert found is None
    assert VARIABLE in problem and "not a program" in problem


def test_no_browser_says_what_to_install_and_which_variable_to_set(no_browser_anywhere):
    found, problem = find_chromium()
    assert found is None
    assert "apt-get install chromium" in problem and VARIABLE in problem
    result = subprocess.run([sys.executable, str(FINDER)], capture_output=True, text=True,
                            check=False, env=os.environ.copy())
    assert result.returncode == 1
    assert VARIABLE in result.stderr


def test_a_missing_tool_skips_the_test_unless_the_tools_are_required(monkeypatch):
    monkeypatch.delenv(REQUIRE, raising=False)
    with pytest.raises(pytest.skip.Exception, match="install it"):
        missing_tool("install it")
    monkeypatch.setenv(REQUIRE, "1")
    with pytest.raises(pytest.fail.Exception, match="install it"):
        missing_tool("install it")


def test_make_test_and_ci_require_the_browser():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    test_recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert f"{REQUIRE}=1 $(BIN)/pytest" in test_recipe
    assert f"{REQUIRE}=1" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_no_browser_path_is_written_into_the_code():
    folders = [REPO / "tests", REPO / "benchmarks", REPO / "scripts", REPO / "generator"]
    files = [path for folder in folders for path in folder.rglob("*")
             if path.is_file() and path.suffix in (".py", "", ".sh", ".cjs")
             and path != Path(__file__)]
    hard_coded = [path.relative_to(REPO).as_posix() for path in files
                  if "/usr/bin/chromium" in path.read_text(encoding="utf-8", errors="replace")]
    assert hard_coded == []
