"""The previous site as one archive (build --site-archive): what CI's cache restores instead of
the site's files, unpacked while the next build checks and generates. The build from it is
the cold build's site; an archive that is not one a build wrote is never used."""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from tests.conftest import copy_project
from tests.test_incremental_site import EDITS, site_files

ARCHIVE = "previous-site.tar.zst"


@pytest.fixture(scope="module")
def archived(tmp_path_factory):
    """The sample site built once, with its archive written beside the build folder."""
    from generator.cli import main

    root = copy_project(tmp_path_factory.mktemp("archived") / "project", with_content=True)
    assert main(["--project", str(root), "-q", "build", "--site-archive",
                 str(root / ARCHIVE)]) == 0
    return root


def _names(archive: Path) -> list[str]:
    """The archive's files (Python's tarfile reads no zstd before 3.14; tar does)."""
    listing = subprocess.run(["tar", "--zstd", "-tf", str(archive)], capture_output=True,
                             text=True, check=True)
    return [name.removeprefix("./").rstrip("/") for name in listing.stdout.splitlines()]


def _as_on_a_fresh_runner(root: Path) -> None:
    """What CI's cache does not restore: the site and its search copies (the archive holds
    them), so that nothing but the archive can give the build its previous site."""
    for name in ("site", "site-search-pages"):
        shutil.rmtree(root / "build" / name)


def _cold(root: Path, tmp_path: Path, run) -> dict[str, bytes]:
    cold = tmp_path / "cold"
    shutil.copytree(root, cold, ignore=shutil.ignore_patterns("build", ARCHIVE))
    assert run(cold, "-q", "build").code == 0
    return site_files(cold / "build" / "site")


def test_the_archive_holds_the_site_without_what_every_build_makes_again(archived):
    names = _names(archived / ARCHIVE)
    assert "site/index.html" in names
    assert any(name.startswith("site-search-pages/") for name in names)
    assert not [name for name in names
                if name.startswith(("site/pagefind", "site/data")) or
                not name.startswith(("site", "site-search-pages"))]


def test_a_build_from_the_archive_equals_a_cold_one(archived, tmp_path, run):
    untouched = archived / "build" / "site" / "people" / "index.html"
    before = untouched.stat().st_mtime_ns
    _as_on_a_fresh_runner(archived)
    written = (archived / ARCHIVE).stat().st_mtime_ns
    EDITS["a new article"](archived)
    result = run(archived, "-v", "build", "--incremental", "--site-archive",
                 str(archived / ARCHIVE))
    assert result.code == 0, result.err
    assert "mkdocs build --dirty" in result.out  # built on the archive's site
    assert "waiting for the previous site to unpack" in result.out
    assert untouched.stat().st_mtime_ns == before, "an unchanged page was rendered again"
    assert not (archived / "build" / ".briefings-unpacking").exists()
    assert site_files(archived / "build" / "site") == _cold(archived, tmp_path, run)
    # Written again for the next build, with the new article's page.
    assert (archived / ARCHIVE).stat().st_mtime_ns != written
    assert "site/articles/2026-cpc-terminal-drone-attack-again/index.html" in \
        _names(archived / ARCHIVE)


def _member(archive: tarfile.TarFile, name: str, data: bytes = b"<p>page</p>", **fields):
    info = tarfile.TarInfo(name)
    for field, value in fields.items():
        setattr(info, field, value)
    if info.type == tarfile.REGTYPE:
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    else:
        archive.addfile(info)


def _symbolic_link(archive):  # the site would publish what it points to
    _member(archive, "site/secret.txt", type=tarfile.SYMTYPE, linkname="/etc/hostname")


def _hard_link(archive):
    _member(archive, "site/index.html")
    _member(archive, "site/copy.html", type=tarfile.LNKTYPE, linkname="site/index.html")


def _outside(archive):
    _member(archive, "../outside.html")


def _another_folder(archive):
    _member(archive, "docs/index.md", b"# Not a site's file")


def _special_file(archive):
    _member(archive, "site/pipe", type=tarfile.FIFOTYPE)


BAD_ARCHIVES = {"a symbolic link": _symbolic_link, "a file with two names": _hard_link,
                "a name outside the folder": _outside, "another folder": _another_folder,
                "a special file": _special_file}
# What the warning says, where it is our check that finds the problem (not tar).
REASONS = {"a symbolic link": "site/secret.txt is a symbolic link",
           "a file with two names": "has other names",
           "another folder": "'docs', which is not a site's folder",
           "a special file": "site/pipe is a special file"}


@pytest.mark.parametrize("kind", [*BAD_ARCHIVES, "damaged", "not there"])
def test_an_archive_a_build_did_not_write_is_not_used(small_project, tmp_path, run, kind):
    archive = tmp_path / "given.tar"
    if kind == "damaged":
        archive.write_bytes(b"this is not a tar archive at all" * 40)
    elif kind != "not there":
        with tarfile.open(archive, "w") as writing:
            _member(writing, "site/index.html")
            BAD_ARCHIVES[kind](writing)
    result = run(small_project, "build", "--incremental", "--site-archive", str(archive))
    assert result.code == 0, result.err
    if kind == "not there":
        assert f"note: there is no {archive}" in result.out
        assert "every page is built" in result.out
    else:
        assert result.err.count(f"warning: {archive} cannot be used") == 1, result.err
        assert REASONS.get(kind, "") in result.err
        assert "Exiting with failure status" not in result.err  # tar's reason, not its summary
        assert "every page is built" in result.err
    site = small_project / "build" / "site"
    assert not (site / "secret.txt").exists() and not (site / "copy.html").exists()
    assert not (tmp_path / "outside.html").exists()
    assert not (small_project / "build" / ".briefings-unpacking").exists()
    with tarfile.open(archive) as written:  # the built site's, for the next build
        assert "site/index.html" in written.getnames()
        assert not [name for name in written.getnames() if "secret" in name or "docs" in name]
    assert site_files(site) == _cold(small_project, tmp_path, run)


@pytest.mark.parametrize("place", ["build/site/previous.tar", "build/site-search-pages/x.tar",
                                   "content/previous.tar", "templates"])
def test_an_archive_inside_the_site_or_the_content_is_refused(small_project, run, place):
    content_before = sorted((small_project / "content").rglob("*"))
    result = run(small_project, "build", "--incremental", "--site-archive",
                 str(small_project / place))
    assert result.code == 2
    assert result.err.count("error:") == 1 and "archive" in result.err
    assert not (small_project / "build" / "site").exists()
    assert sorted((small_project / "content").rglob("*")) == content_before
