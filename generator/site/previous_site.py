"""The previous site, brought up to date in place by an incremental build.

mkdocs --dirty builds only the pages whose Markdown is newer than their HTML. It is pointed at
the previous site for that comparison (see engine/mkdocs_runner) and writes what it builds into
an empty folder beside it, the overlay: at ten thousand articles, a few dozen pages where the
site has 34,000 files. Pagefind's new index goes there too. Only when everything succeeded is
the overlay moved into the site, file by file, and the pages whose Markdown is gone removed;
until then the previous site is as it was, so a build that fails leaves it intact.

(It used to be a full copy of the site as hard links, swapped in for the old one: making and
removing 34,000 names took longer than mkdocs' own work.)
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from ..engine.output import MANIFEST
from ..engine.tree import files_under

PAGEFIND = "pagefind"  # Pagefind's folder: made whole by every build, replaced whole


def built_with(site: Path) -> str:
    """The site key a previous build recorded in its manifest ("" if none)."""
    try:
        return json.loads((site / MANIFEST).read_text(encoding="utf-8")).get("key", "")
    except (OSError, ValueError, AttributeError):
        return ""


def staging_folder(site: Path) -> Path:
    """Where a build writes the new site (or, incrementally, the overlay) before it is
    published."""
    return site.with_name(site.name + ".new")


def _files(folder: Path) -> Iterator[str]:
    """The files under ``folder`` (relative, with /), in a fixed order, without Pagefind's."""
    return files_under(folder, skip_top=PAGEFIND)


def compare_with_previous(site: Path, overlay: Path, listed: set[str]
                          ) -> tuple[list[str], list[str]]:
    """The previous site's stale files and the HTML pages it keeps, in one pass over its
    34,000 files at ten thousand articles. Stale: neither made again into the overlay nor
    ``listed`` among the site's files by mkdocs (engine/mkdocs_runner), which --dirty leaves
    in place; pages whose Markdown is gone, and feeds, flags and redirects no longer
    written. A cold build would not have them."""
    stale, kept = [], []
    for name in _files(site):
        if name == MANIFEST:
            continue
        if name not in listed and not (overlay / name).is_file():
            stale.append(name)
        elif name.endswith(".html"):
            kept.append(name)
    return stale, kept


def read_site_files(listing: Path) -> set[str]:
    """The list ``record_site_files`` wrote; ValueError when there is none to trust."""
    try:
        names = json.loads(listing.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ValueError(f"mkdocs did not list the site's files in {listing}: {error}") from error
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise ValueError(f"{listing} is not a list of the site's files")
    return set(names)


def publish_overlay(site: Path, overlay: Path, stale: list[str]) -> None:
    """Move what an incremental build made into the previous site: each file replaces its old
    version (a new file under the old name, so that nothing that still holds the old one sees
    it change), Pagefind's folder is replaced whole, and the stale files are removed."""
    for name in _files(overlay):
        if name == MANIFEST:
            continue  # last: a site whose manifest is new is whole
        target = site / name
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(overlay / name, target)
    new_index = overlay / PAGEFIND
    if new_index.is_dir():
        old_index = overlay / f"{PAGEFIND}.old"
        if (site / PAGEFIND).is_dir():
            os.replace(site / PAGEFIND, old_index)
        os.replace(new_index, site / PAGEFIND)
    for name in sorted(stale, reverse=True):  # deepest first, so that empty folders go too
        (site / name).unlink(missing_ok=True)
        folder = (site / name).parent
        while folder != site:
            try:
                folder.rmdir()  # only when nothing else is left in it
            except OSError:
                break
            folder = folder.parent
    if (overlay / MANIFEST).is_file():
        os.replace(overlay / MANIFEST, site / MANIFEST)
    shutil.rmtree(overlay, ignore_errors=True)
