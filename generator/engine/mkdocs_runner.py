"""mkdocs' own command line, with a few changes for incremental builds and for serve.

The one warning every ``--dirty`` build prints is silenced. ``mkdocs build --strict`` fails on
any warning, and ``--dirty`` always warns that navigation may be inaccurate. Ours cannot be
(see build.mkdocs_build): the nav lists fixed section pages only. Every other warning still
fails the build. (``--quiet`` is no way out: it hides warnings from strict mode's count too,
so a quiet strict build passes with a dead link.)

An incremental build writes into an empty folder, and --dirty compares the times of Markdown
and HTML with the previous site (``compare_with``), which stays as it is until the build is
complete (site/previous_site.py).

For serve, mkdocs waits for a signal that a regeneration is complete instead of polling the
docs folder (``rebuild_on_signal``).

It lists the files the site has (``record_site_files``): the previous site keeps a file only
when mkdocs still lists it, so that a page, feed, flag or redirect no longer made is removed
from the site as a cold build would leave it out.

And mkdocs replaces a file it writes instead of writing into it, and links the files it only
copies (data downloads, feeds, flags, theme assets) to their sources: a file may have other
names, which must not change with it.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import sys

DIRTY_NOTICE = "A 'dirty' build is being performed"
PREVIOUS_SITE = "BRIEFINGS_PREVIOUS_SITE"  # where --dirty compares times (see compare_with)
SITE_FILES = "BRIEFINGS_SITE_FILES"  # where the list of the site's files goes
# serve: the docs folder mkdocs must not poll, and the folder it polls instead (see
# rebuild_on_signal).
SERVE_DOCS, SERVE_SIGNAL = "BRIEFINGS_SERVE_DOCS", "BRIEFINGS_SERVE_SIGNAL"


def mkdocs_environment() -> dict[str, str]:
    """The environment every mkdocs we start runs in. Material prints a banner about MkDocs 2.0
    on every start (MkDocs 2 drops plugins and Material; we pin mkdocs<2, see the README):
    the variable its own notice names turns it off."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


class _WithoutDirtyNotice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return DIRTY_NOTICE not in record.getMessage()


def unlink_file(path: str) -> None:
    """Remove a file (not a folder) so that what is written next is a new file, whatever
    other names the old one had."""
    if os.path.isfile(path) or os.path.islink(path):
        os.unlink(path)


def _replacing(write):
    """mkdocs' writers (content or source, then output path) replace the output file."""
    @functools.wraps(write)
    def replace(what, output_path: str) -> None:
        unlink_file(output_path)
        write(what, output_path)
    return replace


def _linking(copy):
    """mkdocs' copy of a file that is not rendered (a data download, a feed, a flag, a theme
    asset) as a hard link to it, where the file system allows: the data downloads alone are
    300 MB at ten thousand articles, copied again whenever an article is added. Nothing
    writes into either name afterwards (the generator, like mkdocs here, replaces files), and
    a site kept for the next build holds each such file once."""
    @functools.wraps(copy)
    def link(source_path: str, output_path: str) -> None:
        unlink_file(output_path)
        os.makedirs(os.path.dirname(output_path) or ".", exist_ok=True)
        try:
            os.link(source_path, output_path)
        except OSError:  # another file system, or one without hard links
            copy(source_path, output_path)
    return link


def replace_instead_of_overwrite() -> None:
    """Every page, theme file and copied file mkdocs writes goes through these two; the
    gzipped sitemap, which it writes itself, is removed before a build starts."""
    from mkdocs import utils

    utils.write_file = _replacing(utils.write_file)
    utils.copy_file = _linking(utils.copy_file)


def compare_with(previous_site: str) -> None:
    """mkdocs --dirty builds a page again when its Markdown is newer than its HTML in the
    site folder. An incremental build writes into an empty folder (the overlay, see
    site/previous_site.py) and has the HTML compared where it is: in the previous site."""
    from mkdocs.structure.files import File

    def is_modified(self: File) -> bool:
        if self._content is not None or self.abs_src_path is None:
            return True  # made in memory: always written
        built = os.path.join(previous_site, self.dest_uri)
        if os.path.isfile(built):
            return os.path.getmtime(built) < os.path.getmtime(self.abs_src_path)
        return True

    File.is_modified = is_modified


def record_site_files(target: str) -> None:
    """Write the site's files, as mkdocs knows them (pages, copied files, theme assets; the
    few it makes from templates, 404.html and the sitemaps, it writes on every build), to
    ``target`` as a sorted JSON list, just before it copies them. A --dirty build writes
    only what changed; this says what the whole site holds."""
    from mkdocs.structure.files import Files, InclusionLevel

    copy_static_files = Files.copy_static_files

    @functools.wraps(copy_static_files)
    def record_and_copy(self: Files, *args, **kwargs) -> None:
        included = kwargs.get("inclusion", InclusionLevel.is_included)
        names = sorted({file.dest_uri for file in self if included(file.inclusion)})
        with open(target, "w", encoding="utf-8") as stream:
            json.dump(names, stream, indent=0)
        copy_static_files(self, *args, **kwargs)

    Files.copy_static_files = record_and_copy


def rebuild_on_signal(docs: str, signal: str) -> None:
    """mkdocs serve polls the folders it watches every half second, taking a snapshot of
    each file. At ten thousand articles the docs folder has 21,000 files in 18,000 folders:
    the polling kept a core busy, slowed the regeneration it was waiting for, and started a
    rebuild while pages were still being written (a saved article took 165 s to show).
    briefings serve knows when a regeneration is complete and then rewrites a file in a
    folder of its own (``signal``); mkdocs watches that folder instead of ``docs``."""
    from mkdocs.livereload import LiveReloadServer

    watch = LiveReloadServer.watch
    docs = os.path.abspath(docs)

    @functools.wraps(watch)
    def watch_signal_for_docs(self, path: str, *args, **kwargs) -> None:
        if os.path.abspath(path) == docs:
            os.makedirs(signal, exist_ok=True)
            path = signal
        watch(self, path, *args, **kwargs)

    LiveReloadServer.watch = watch_signal_for_docs


def main() -> None:
    logging.getLogger("mkdocs.commands.build").addFilter(_WithoutDirtyNotice())
    replace_instead_of_overwrite()
    if os.environ.get(PREVIOUS_SITE):
        compare_with(os.environ[PREVIOUS_SITE])
    if os.environ.get(SITE_FILES):
        record_site_files(os.environ[SITE_FILES])
    if os.environ.get(SERVE_DOCS) and os.environ.get(SERVE_SIGNAL):
        rebuild_on_signal(os.environ[SERVE_DOCS], os.environ[SERVE_SIGNAL])
    from mkdocs.__main__ import cli

    sys.exit(cli())


if __name__ == "__main__":
    main()
