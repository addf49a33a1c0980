"""The previous site, as the starting point of an incremental build.

An incremental build starts from hard links to the previous site's files (times kept: mkdocs
--dirty compares them), which take seconds where a copy of 1.4 GB took longer than the build.
Nothing is written into a linked file: mkdocs replaces the files it writes (see
engine/mkdocs_runner), the files written afterwards are replaced too, and Pagefind's folder
(a third of the site's files), made again anyway, is left out.

Linking 34,000 files takes a few seconds at ten thousand articles, and only needs the previous
site, so ``LinkingAside`` starts it on the other core before the articles are even loaded, when
that core has nothing else to do; the build takes the links, or drops them when the site must
be built whole after all.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path

from ..engine.cores import Aside
from ..engine.mkdocs_runner import unlink_file
from ..engine.output import MANIFEST
from .feeds import FEED_FILE
from .sitemap import SITEMAP


def built_with(site: Path) -> str:
    """The site key a previous build recorded in its manifest ("" if none)."""
    try:
        return json.loads((site / MANIFEST).read_text(encoding="utf-8")).get("key", "")
    except (OSError, ValueError, AttributeError):
        return ""


def staging_folder(site: Path) -> Path:
    """Where a build writes the new site before it replaces the previous one."""
    return site.with_name(site.name + ".new")


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or one without hard links
        shutil.copy2(source, target)


def link_previous_site(site: Path, staging: Path) -> None:
    """``staging`` made afresh: the previous site as hard links, without Pagefind's folder
    and without the files mkdocs and the build write in place."""
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(site, staging, symlinks=True, copy_function=_link_or_copy,
                    ignore=lambda folder, names: ["pagefind"]
                    if Path(folder) == site and "pagefind" in names else [])
    for name in (SITEMAP, f"{SITEMAP}.gz", MANIFEST):
        unlink_file(str(staging / name))


def drop_stale_pages(site: Path, docs: Path) -> None:
    """Remove the built pages whose Markdown is gone, the feeds no longer written (mkdocs
    --dirty leaves both), and the redirect pages (HTML in the docs folder, copied as they are)
    that are gone. One walk, deepest folders first, so that a folder left empty goes too."""
    for folder, _, names in os.walk(site, topdown=False):
        relative = Path(folder).relative_to(site).as_posix()
        if relative == "." or relative.split("/", 1)[0] == "pagefind":
            if FEED_FILE in names and relative == "." and not (docs / FEED_FILE).is_file():
                os.unlink(os.path.join(folder, FEED_FILE))
            continue
        stale = []
        if FEED_FILE in names and not (docs / relative / FEED_FILE).is_file():
            stale.append(FEED_FILE)
        if "index.html" in names and not any(
                (docs / name).is_file() for name in (f"{relative}.md", f"{relative}/index.md",
                                                     f"{relative}/index.html")):
            stale.append("index.html")
        for name in stale:
            os.unlink(os.path.join(folder, name))
        if stale:
            with contextlib.suppress(OSError):
                os.rmdir(folder)  # only when nothing else is left in it


class LinkingAside:
    """The previous site being linked into the staging folder on another core, started
    early. ``take()`` waits for the links (made here if the other core could not);
    ``discard()`` stops the work and removes what it made. Only started when there is a
    previous site built by briefings; whether its configuration still matches is decided
    later, when the configuration is written."""

    def __init__(self, site: Path):
        self.site = site
        self.staging = staging_folder(site)
        self.aside: Aside | None = None
        if site.is_dir() and built_with(site):
            self.aside = Aside(lambda: link_previous_site(self.site, self.staging))

    @property
    def started(self) -> bool:
        return self.aside is not None

    def take(self) -> None:
        if self.aside is None:
            link_previous_site(self.site, self.staging)
            return
        aside, self.aside = self.aside, None
        aside.result()

    def discard(self) -> None:
        if self.aside is not None:
            self.aside.stop()
            self.aside = None
            shutil.rmtree(self.staging, ignore_errors=True)
