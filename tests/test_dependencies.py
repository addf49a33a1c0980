"""What the project depends on: bounded in pyproject.toml, pinned with hashes in
requirements.lock for the published site, and trafilatura only where `new` needs it."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from generator.cli import main
from tests.conftest import REPO, copy_project

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

LOCK = REPO / "requirements.lock"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")


def _project() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _dependencies() -> list[Requirement]:
    return [Requirement(text) for text in _project()["dependencies"]]


def _locked(text: str) -> dict[str, tuple[Version, int]]:
    """Each pinned package of a lock file: its version and how many hashes it lists."""
    pins: dict[str, tuple[Version, int]] = {}
    current = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("--hash="):
            assert current, f"a hash before any requirement: {line}"
            version, hashes = pins[current]
            pins[current] = (version, hashes + 1)
            continue
        pin = _PIN.match(stripped)
        assert pin, f"requirements.lock: not an exact pin: {line!r} (run 'make lock')"
        current = canonicalize_name(pin.group(1))
        pins[current] = (Version(pin.group(2)), 0)
    return pins


def _upper_bounded(requirement: Requirement) -> bool:
    return any(spec.operator in ("<", "<=", "==", "===", "~=")
               for spec in requirement.specifier)


def test_every_dependency_has_an_upper_bound():
    unbounded = [str(r) for r in _dependencies() if not _upper_bounded(r)]
    assert not unbounded, f"give these an upper bound in pyproject.toml: {unbounded}"


def test_the_bound_check_would_catch_an_open_range():
    assert not _upper_bounded(Requirement("pycountry>=24.6"))
    assert _upper_bounded(Requirement("pycountry>=24.6,<27"))


def test_the_lock_pins_every_dependency_within_its_bounds_with_hashes():
    pins = _locked(LOCK.read_text(encoding="utf-8"))
    for requirement in _dependencies():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not in requirements.lock: run 'make lock'"
        version, hashes = pins[name]
        assert requirement.specifier.contains(version, prereleases=True), \
            f"requirements.lock has {name}=={version}, outside '{requirement.specifier}': " \
            "run 'make lock'"
        assert hashes, f"{name} has no hash in requirements.lock"
    assert all(hashes for _, hashes in pins.values())
    assert "pagefind-bin" in pins  # the [bin] extra: the search indexer itself


def test_the_lock_check_would_catch_a_loose_or_missing_pin():
    with pytest.raises(AssertionError, match="not an exact pin"):
        _locked("jinja2>=3.1\n    --hash=sha256:00\n")
    assert _locked("Jinja2==3.1.6 \\\n    --hash=sha256:00\n") == {"jinja2": (Version("3.1.6"), 1)}


def test_the_lock_is_for_the_published_site_only():
    """Made by `make lock` from the dependencies alone: no test tools, no trafilatura."""
    text = LOCK.read_text(encoding="utf-8")
    assert "#    make lock" in text
    pins = _locked(text)
    for absent in ("trafilatura", "pytest", "playwright", "uv"):
        assert absent not in pins
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes --no-deps -r requirements.lock" in makefile


def test_trafilatura_is_an_extra_for_new_only():
    project = _project()
    names = {canonicalize_name(r.name) for r in _dependencies()}
    assert "trafilatura" not in names
    extras = project["optional-dependencies"]
    assert [Requirement(r).name for r in extras["new"]] == ["trafilatura"]
    assert "briefings[new]" in extras["test"]  # so that the tests still read HTML pages


def test_no_command_but_new_imports_trafilatura(tmp_path):
    """Every module of the generator, and a whole build, without trafilatura installed."""
    project = copy_project(tmp_path / "project", with_content=True)
    script = (
        "import sys, pkgutil, importlib\n"
        "sys.modules['trafilatura'] = None\n"  # as if it were not installed
        "import generator\n"
        "for module in pkgutil.iter_modules(generator.__path__):\n"
        "    if module.name != '__main__':\n"
        "        importlib.import_module('generator.' + module.name)\n"
        "from generator.cli import main\n"
        f"sys.exit(main(['--quiet', '--project', {str(project)!r}, 'generate']))\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=REPO, check=False)
    assert result.returncode == 0, result.stderr
    assert (project / "build" / "docs" / "index.md").is_file()


def test_new_without_trafilatura_says_how_to_install_it(tmp_path, monkeypatch, capsys):
    project = copy_project(tmp_path / "project", with_content=True)
    before = sorted(project.rglob("*"))
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    monkeypatch.setitem(sys.modules, "trafilatura.settings", None)
    page = REPO / "tests" / "fixtures" / "new" / "saved-page.html"
    assert main(["--project", str(project), "new", str(page)]) != 0
    err = capsys.readouterr().err
    assert "saved-page.html:1" in err and "needs trafilatura" in err
    assert "pip install -e '.[new]'" in err and "Traceback" not in err
    assert sorted(project.rglob("*")) == before
    # Text and Markdown need no extra.
    assert main(["--project", str(project), "new",
                 str(REPO / "tests" / "fixtures" / "new" / "front-matter.md")]) == 0
