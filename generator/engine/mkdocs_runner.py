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
docs folder (``rebuild_on_signal``), builds each page as it read it while briefings may be
writing the docs folder (``build_pages_as_read``), its site is kept from one start to the
next, so that a start renders only the pages that changed (``keep_serve_site``), its first
build of a large site is shared out over the cores (``share_first_serve_build``), and
Pagefind indexes the site again after each build, in the background (``SearchIndexer``).

It lists the files the site has (``record_site_files``): the previous site keeps a file only
when mkdocs still lists it, so that a page, feed, flag or redirect no longer made is removed
from the site as a cold build would leave it out.

A build with more than a few dozen pages to render runs as several mkdocs processes, one per
core, each building its share of the pages (``build_part``; engine/mkdocs_parts.py puts them
together).

And mkdocs replaces a file it writes instead of writing into it, and links the files it only
copies (data downloads, feeds, flags, theme assets) to their sources: a file may have other
names, which must not change with it.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Callable
from pathlib import Path, PurePath

from jinja2 import BytecodeCache

from .collector import collector_paused
from .directory_urls import built_page
from .output import MANIFEST, write_atomically
from .search_index import PAGEFIND
from .tree import files_under

DIRTY_NOTICE = "A 'dirty' build is being performed"
PREVIOUS_SITE = "BRIEFINGS_PREVIOUS_SITE"  # where --dirty compares times (see compare_with)
SITE_FILES = "BRIEFINGS_SITE_FILES"  # where the list of the site's files goes
# serve: the docs folder mkdocs must not poll, and the folder it polls instead (see
# rebuild_on_signal).
SERVE_DOCS, SERVE_SIGNAL = "BRIEFINGS_SERVE_DOCS", "BRIEFINGS_SERVE_SIGNAL"
SIGNAL_FILE = "regenerated"  # in the signal folder; briefings serve rewrites it (write_signal)
UNDERWAY = "underway"  # in the signal: a regeneration is still writing the docs folder
NOT_LISTED = "is not found among documentation files"  # mkdocs' warning of a link's target
# A share of a build: "k/n", and where that share's anchors and links go (build_part).
PART, PART_ANCHORS = "BRIEFINGS_PART", "BRIEFINGS_PART_ANCHORS"
# A share of serve's first build: the address serve gives the site (share_first_serve_build).
SERVE_ADDRESS = "BRIEFINGS_SERVE_ADDRESS"
# serve: the folder its site is kept in from one start to the next (keep_serve_site).
SERVE_SITE = "BRIEFINGS_SERVE_SITE"
# serve: the folder of the trimmed copies its search index is made from (SearchIndexer).
SERVE_SEARCH = "BRIEFINGS_SERVE_SEARCH"
# serve's rebuilds (remember_between_rebuilds): URL answers kept, about two a page and a
# link; and the attribute a file's own answer to "changed since its HTML?" is kept in.
_REMEMBERED = 1 << 17
_MODIFIED = "_briefings_modified"


def runner_command(*arguments: str) -> list[str]:
    """mkdocs' command line (``build``, ``serve`` and their options) run through this module."""
    return [sys.executable, "-m", "generator.engine.mkdocs_runner", *arguments]


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
    from mkdocs.structure.files import Files

    copy_static_files = Files.copy_static_files

    @functools.wraps(copy_static_files)
    def record_and_copy(self: Files, *args, **kwargs) -> None:
        with open(target, "w", encoding="utf-8") as stream:
            json.dump(sorted(_listed(self, kwargs)), stream, indent=0)
        copy_static_files(self, *args, **kwargs)

    Files.copy_static_files = record_and_copy


def _listed(files, copy_arguments: dict) -> set[str]:
    """The site's files as mkdocs lists them when it copies them (``Files.copy_static_files``
    and the inclusion level it was given)."""
    from mkdocs.structure.files import InclusionLevel

    included = copy_arguments.get("inclusion", InclusionLevel.is_included)
    return {file.dest_uri for file in files if included(file.inclusion)}


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
    logging.getLogger("mkdocs.structure.pages").addFilter(
        _WithoutLinksToComingPages(os.path.join(signal, SIGNAL_FILE)))


def write_signal(signal_file: Path, count: int, underway: bool) -> None:
    """What briefings serve writes to start a rebuild: its ``count``-th signal, ``underway``
    when a regeneration is still writing the docs folder (a preview's), so that mkdocs
    knows the pages it does not list yet may be on their way."""
    write_atomically(signal_file, f"{count}{' ' + UNDERWAY if underway else ''}\n".encode())


class _WithoutLinksToComingPages(logging.Filter):
    """While a regeneration is underway (the rebuild after a preview), a link to a page that
    mkdocs does not list is most likely to a page the regeneration has yet to write (a new
    article's relation): no warning then. The page with the link is built again after the
    regeneration (build_pages_as_read), and warned about then if the page is still
    missing."""

    def __init__(self, signal_file: str):
        super().__init__()
        self.signal_file = signal_file

    def filter(self, record: logging.LogRecord) -> bool:
        if NOT_LISTED not in record.getMessage():
            return True
        try:
            with open(self.signal_file, encoding="utf-8") as stream:
                return UNDERWAY not in stream.read()
        except OSError:
            return True


def part_of(src_uri: str, parts: int) -> int:
    """Which share of a build a page belongs to: by its name, so that it is the same in
    every process without a list being passed around."""
    return zlib.crc32(src_uri.encode("utf-8")) % parts


def build_part(part: int, parts: int, anchors_file: str) -> None:
    """Build one share of a build: the pages ``part_of`` gives this process and, in the
    first process only, the copied files and the pages made from the theme (404.html, the
    sitemap). It runs as --dirty, so that mkdocs leaves every other page alone, into the same
    empty folder as the other shares. In an incremental build a share builds, of its pages,
    those that changed (``compare_with`` says which).

    mkdocs checks a link to an anchor only when it has built the page the link goes to. So
    each share writes to ``anchors_file`` the anchors of the pages it built and the links it
    could not check (the other shares' pages); engine/mkdocs_parts checks those once every
    share is done."""
    from mkdocs.commands import build
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    changed = File.is_modified  # every file, in a cold build; see compare_with

    def is_modified(self: File) -> bool:
        if self.is_documentation_page():
            return part_of(self.src_uri, parts) == part and changed(self)
        return part == 0 and changed(self)

    File.is_modified = is_modified
    if part != 0:
        build._build_theme_template = lambda *args, **kwargs: None
    anchors: dict[str, list[str]] = {}
    unchecked: list[list[str]] = []
    validate = Page.validate_anchor_links

    @functools.wraps(validate)
    def validate_and_record(self: Page, *, files, log_level: int) -> None:
        validate(self, files=files, log_level=log_level)
        if self.present_anchor_ids is None:
            return
        anchors[self.file.src_uri] = sorted(self.present_anchor_ids)
        for to_file, links in (self.links_to_anchors or {}).items():
            if to_file.page is not None and to_file.page.present_anchor_ids is None:
                unchecked.extend([self.file.src_uri, to_file.src_uri, anchor, link]
                                 for anchor, link in links.items())

    Page.validate_anchor_links = validate_and_record
    run = build.build

    @functools.wraps(run)
    def build_and_record(*args, **kwargs) -> None:
        run(*args, **kwargs)
        with open(anchors_file, "w", encoding="utf-8") as stream:
            json.dump({"anchors": anchors, "unchecked": sorted(unchecked)}, stream)

    build.build = build_and_record


class SearchIndexer:
    """serve's search: Pagefind indexes the site serve keeps after each build, in a process of
    its own at a low priority (search_index.main), so that neither serving nor the editor's
    next regeneration waits for it; builds that come while it runs are indexed once, after
    it. The index lags the site by its run (a second for the sample, about 15 s at ten
    thousand articles); a failure is said once, not after every build."""

    def __init__(self, site: str, copies: str, command: list[str] | None = None):
        self.command = command or [sys.executable, "-m", "generator.engine.search_index",
                                   site, copies]
        self.wanted = threading.Event()
        self.process: subprocess.Popen | None = None
        self.said = ""
        self.runs = 0
        self.stopped = False
        # No indexer starts once stopping() has looked. Re-entrant: a second Ctrl+C runs
        # stopping() in the main thread while it may be in stop() (at exit) already.
        self.starting = threading.RLock()
        self.thread = threading.Thread(target=self._run_forever, daemon=True)
        self.thread.start()
        atexit.register(self.stop)

    def request(self) -> None:
        self.wanted.set()

    def _run_forever(self) -> None:
        while True:
            self.wanted.wait()
            self.wanted.clear()
            with self.starting:
                if self.stopped:
                    return
                self.process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL,
                                                stderr=subprocess.PIPE, text=True)
            _, said = self.process.communicate()
            if self.stopped:  # serve stopped it: what it says of that is no news
                return
            if self.process.returncode != 0 and said.strip() and said != self.said:
                print(said.strip(), file=sys.stderr, flush=True)
            self.said = said if self.process.returncode != 0 else ""
            self.runs += 1

    def stopping(self) -> subprocess.Popen | None:
        """serve is stopping: an index half made is thrown away (the next start makes it),
        and none is started after (a build finishing as serve stops asks for one: it would go
        on writing into the build folder after serve). The indexer still running, if any."""
        with self.starting:
            self.stopped = True
            process = self.process
        if process is not None and process.poll() is None:
            process.terminate()
            return process
        return None

    def stop(self) -> None:
        """serve stopped: as ``stopping``, and the indexer has ended."""
        process = self.stopping()
        if process is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=10)


def keep_serve_site(folder: str, search_copies: str = "") -> None:
    """mkdocs serve builds the whole site into a new temporary folder on every start and
    removes it when it stops: at ten thousand articles, ten minutes on two cores each time.
    Its site is kept in ``folder`` instead, which briefings serve empties whenever what every
    page depends on besides its Markdown changed (see serve.kept_site). Serve builds --dirty,
    so its first build then renders only the pages whose Markdown is newer than their HTML
    there; files the site no longer has are removed after that build, and after each build
    the files the build before it had and it has not (a deleted article's page: a --dirty
    build leaves it, and the search index would find it)."""
    from mkdocs.commands import serve
    from mkdocs.structure.files import Files

    class _OwnFolder:  # serve's tempfile and shutil, as it uses them for its site folder
        @staticmethod
        def mkdtemp(*args, **kwargs) -> str:
            os.makedirs(folder, exist_ok=True)
            return folder

        @staticmethod
        def rmtree(path, *args, **kwargs) -> None:
            if os.path.abspath(path) != os.path.abspath(folder):
                shutil.rmtree(path, *args, **kwargs)

    serve.tempfile = serve.shutil = _OwnFolder
    indexer = SearchIndexer(folder, search_copies) if search_copies else None
    if indexer is not None:  # at once: the build under way may end before mkdocs does
        _AT_INTERRUPTION.append(indexer.stopping)
    listed: set[str] = set()  # the files of the build under way, as mkdocs lists them
    had: set[str] = set()  # the files of the last build
    copy_static_files = Files.copy_static_files

    @functools.wraps(copy_static_files)
    def record_and_copy(self: Files, *args, **kwargs) -> None:
        listed.clear()
        listed.update(_listed(self, kwargs))
        copy_static_files(self, *args, **kwargs)

    Files.copy_static_files = record_and_copy
    build = serve.build

    @functools.wraps(build)
    def build_then_remove_stale(config, *args, **kwargs) -> None:
        listed.clear()
        build(config, *args, **kwargs)
        if listed:
            made = {*listed, *config.theme.static_templates, "sitemap.xml.gz", MANIFEST}
            # After the first build, every file the kept site holds; then only what the
            # build before had (a walk of the whole site on every rebuild would cost a
            # large site a second). Pagefind's index stays: the indexer replaces it whole.
            gone = (had or set(files_under(Path(folder), skip_top=PAGEFIND))) - made
            for name in sorted(gone):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(os.path.join(folder, name))
            had.clear()
            had.update(made)
        if indexer is not None:
            indexer.request()

    serve.build = build_then_remove_stale


def _pages_to_build(docs: Path, site: Path) -> int:
    """The Markdown pages whose HTML in ``site`` is missing or older (use_directory_urls)."""
    count = 0
    for page in docs.rglob("*.md"):
        built = site / built_page(page.relative_to(docs).as_posix())
        try:
            count += built.stat().st_mtime < page.stat().st_mtime
        except FileNotFoundError:
            count += 1
    return count


def build_pages_as_read() -> None:
    """serve's rebuilds read the docs folder while briefings may be writing it (the
    regeneration that follows a preview). mkdocs --dirty reads the changed pages first and
    builds them afterwards, so a page can change in between. One written after the reading
    was not read: mkdocs would build it without content (our theme fails on that), so it is
    left to the next rebuild, which the regeneration's end signals. One read before it was
    written again gets the time of the version read on its HTML, so that the next rebuild
    sees the newer one (with the build's time it would look newer, and stay stale). One
    that links to a page missing from the files mkdocs listed as the build began (a new
    relation's page, written by the regeneration after the preview's page) gets the oldest
    time on its HTML: the next rebuild builds it again, with the link resolved (the
    article's page kept a link to the relation's Markdown file, which serves nothing)."""
    from mkdocs.commands import build
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    populate, build_page = build._populate_page, build._build_page
    render, find_file = Page.render, Files.get_file_from_path
    read_at: dict[str, float] = {}  # a page's Markdown file: its time when it was read
    rendering: list[str] = []  # the Markdown file of the page being rendered
    unresolved: set[str] = set()  # pages rendered with a link to a file not listed

    @functools.wraps(render)
    def render_noting_links(self, config, files) -> None:
        rendering.append(self.file.abs_src_path)
        try:
            render(self, config, files)
        finally:
            rendering.pop()

    @functools.wraps(find_file)
    def find_file_noting_missing(self, path: str):
        found = find_file(self, path)
        if found is None and rendering:  # a link mkdocs leaves as written, and warns about
            unresolved.add(rendering[-1])
        return found

    @functools.wraps(populate)
    def populate_noting_time(page, config, files, dirty=False) -> None:
        source = page.file.abs_src_path
        if source and (not dirty or page.file.is_modified()):
            with contextlib.suppress(OSError):  # taken before reading: at worst one more build
                read_at[source] = os.path.getmtime(source)
        populate(page, config, files, dirty)

    @functools.wraps(build_page)
    def build_page_as_read(page, config, doc_files, nav, env, dirty=False,
                           excluded=False) -> None:
        if dirty and page.content is None and page.file.is_modified():
            return  # written after the pages were read
        build_page(page, config, doc_files, nav, env, dirty, excluded)
        read = read_at.pop(page.file.abs_src_path, None)
        if page.file.abs_src_path in unresolved:
            unresolved.discard(page.file.abs_src_path)
            read = 0.0  # older than any Markdown: built again by the next rebuild
        if read is not None:
            with contextlib.suppress(OSError):  # no HTML (an empty page): nothing to date
                os.utime(page.file.abs_dest_path, (read, read))

    build._populate_page, build._build_page = populate_noting_time, build_page_as_read
    Page.render, Files.get_file_from_path = render_noting_links, find_file_noting_missing


def remember_between_rebuilds() -> None:
    """Every serve rebuild lists the whole docs folder afresh and makes a page object for
    each of its pages: at ten thousand articles 15,000 pages, each given its address and
    its edit link (two URL joins and a split) and asked four times, by mkdocs and by
    build_pages_as_read, whether its Markdown is newer than its HTML (three file lookups
    each time): 1.6 of the 3.3 s mkdocs took to show a saved article. The URL functions are
    pure, so their answers are remembered for as long as serve runs; whether a file changed
    is asked of the disk once per build (each build lists its files as new objects, so the
    next build asks again), which is also what mkdocs decides on: a page written after its
    first answer waits for the next build, as build_pages_as_read already lets it. The
    build date is worked out once a second, not once a page."""
    from mkdocs.structure import pages
    from mkdocs.structure.files import File

    pages.urljoin = functools.lru_cache(maxsize=_REMEMBERED)(pages.urljoin)
    pages.urlsplit = functools.lru_cache(maxsize=_REMEMBERED)(pages.urlsplit)
    build_date = pages.get_build_date
    made: list = [None, ""]  # the second it was made in, and the date

    @functools.wraps(build_date)
    def build_date_of_this_second() -> str:
        now = int(time.time())
        if made[0] != now:
            made[:] = [now, build_date()]
        return made[1]

    pages.get_build_date = build_date_of_this_second
    is_modified = File.is_modified

    @functools.wraps(is_modified)
    def modified_asked_once(self: File) -> bool:
        known = self.__dict__.get(_MODIFIED)
        if known is None:
            known = self.__dict__[_MODIFIED] = is_modified(self)
        return known

    File.is_modified = modified_asked_once
    remember_file_paths()
    compile_templates_once()


def remember_file_paths() -> None:
    """Each rebuild makes a File for every one of the docs folder's 29,000 files (at ten
    thousand articles), and mkdocs works out each one's path as a PurePath and its
    destination from that: a fifth of the 0.6 s it takes to list the folder. Both are pure
    functions of the path (and of use_directory_urls), so their answers are remembered for
    as long as serve runs; a File of another kind (a plugin's) works its own out."""
    from mkdocs.structure.files import File

    posix = functools.lru_cache(maxsize=_REMEMBERED)(lambda path: PurePath(path).as_posix())
    source = File.src_path

    def set_source(self: File, value: str) -> None:
        self.src_uri = posix(value)

    File.src_path = source.setter(set_source)
    destination = File._get_dest_path
    destinations: dict[tuple[str, bool], str] = {}

    def remembered_destination(self: File, use_directory_urls: bool | None = None) -> str:
        if type(self) is not File or use_directory_urls is not None:
            return destination(self, use_directory_urls)
        key = (self.src_uri, self.use_directory_urls)
        found = destinations.get(key)
        if found is None:
            if len(destinations) > _REMEMBERED:
                destinations.clear()
            found = destinations[key] = destination(self)
        return found

    File.dest_uri = cached = functools.cached_property(remembered_destination)
    cached.__set_name__(File, "dest_uri")


class _CompiledTemplates(BytecodeCache):
    """Jinja's bytecode cache, in memory: each template compiled once, kept by jinja's own key
    (its name) with jinja's own check (the checksum of its source, so an edited template is
    compiled again)."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def compile_templates_once() -> None:
    """mkdocs makes its theme's template environment afresh for every build, so each serve
    rebuild compiled the theme's templates again (the 404 page, the sitemap, the page
    template and Material's partials): 0.36 s of each rebuild at ten thousand articles.
    Their compiled code is kept for as long as serve runs."""
    from mkdocs.theme import Theme

    get_env = Theme.get_env
    cache = _CompiledTemplates()

    @functools.wraps(get_env)
    def get_env_compiled_once(self: Theme):
        environment = get_env(self)
        environment.bytecode_cache = cache
        return environment

    Theme.get_env = get_env_compiled_once


def share_first_serve_build() -> None:
    """mkdocs serve builds the whole site into a new folder when it starts: at ten thousand
    articles a quarter of an hour on one core. That first build is shared out over the cores
    like a cold ``briefings build`` (engine/mkdocs_parts), at the address serve gives the
    site; serve's own build then finds every page built and writes only what the theme
    makes. The rebuilds after it are serve's own (the pages briefings rewrote)."""
    from mkdocs.commands import serve

    from .mkdocs_parts import parts_for, run_mkdocs

    build = serve.build
    first = [True]

    @functools.wraps(build)
    def build_shared_first(config, *args, **kwargs) -> None:
        if first:
            first.clear()
            # A site kept from the last start (keep_serve_site) needs only its changed pages.
            parts = parts_for(_pages_to_build(Path(config.docs_dir), Path(config.site_dir)))
            if parts > 1 and config.config_file_path:
                print(f"serve: building the site on {parts} cores first", file=sys.stderr,
                      flush=True)
                environment = {name: value for name, value in os.environ.items()
                               if name not in (SERVE_DOCS, SERVE_SIGNAL)}
                result = run_mkdocs(
                    runner_command("build", "--no-strict", "--config-file",
                                   config.config_file_path, "--site-dir", config.site_dir),
                    Path.cwd(),
                    {**environment, SERVE_ADDRESS: config.site_url}, parts)
                if result.returncode != 0:  # serve's own build makes whatever is missing
                    print(result.output, file=sys.stderr, flush=True)
        build(config, *args, **kwargs)

    serve.build = build_shared_first


def collect_after_rebuilds() -> None:
    """A serve rebuild makes a File and a Page for each of the docs folder's files (29,000
    and 20,000 at ten thousand articles) and a tree of the nav around them, and Python's
    cycle collector walked the whole process one and a half times per rebuild while it
    did: 0.2 to 0.45 s of the 1.5 to 1.7 s it took. The collector is paused while a rebuild
    runs and resumed after it; its first pass then takes what the rebuild left (0.17 s),
    after the page is written. Not during the first build, which may render the whole site
    in this process."""
    from mkdocs.commands import serve

    build = serve.build
    first = [True]

    @functools.wraps(build)
    def build_then_collect(config, *args, **kwargs) -> None:
        if first:
            first.clear()
            build(config, *args, **kwargs)
            return
        with collector_paused(freeze=False):
            build(config, *args, **kwargs)

    serve.build = build_then_collect


def at_address(url: str) -> None:
    """Build the site for ``url``, as serve does, whatever mkdocs.yml says."""
    from mkdocs import config

    load_config = config.load_config

    @functools.wraps(load_config)
    def load_at_address(*args, **kwargs):
        loaded = load_config(*args, **kwargs)
        loaded.site_url = url
        return loaded

    config.load_config = load_at_address


# What stops at once when serve's mkdocs is terminated, before it winds down (which waits for
# the build under way).
_AT_INTERRUPTION: list[Callable[[], object]] = []


def stop_as_on_ctrl_c() -> None:
    """Take a termination as an interruption (Ctrl+C), so that what runs cleans up: mkdocs
    serve shuts its server down, as briefings serve stops it to start afresh after a
    configuration change; briefings serve, terminated by a process manager, stops mkdocs
    and waits until it has let go of the port. Once: a second termination (a process group
    is sent one, then serve terminates its mkdocs) would break off the shutdown half-way and
    leave mkdocs' server thread running for ever."""
    def interrupt(number, frame) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        for step in _AT_INTERRUPTION:
            step()
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGINT, interrupt)  # Ctrl+C: the same, the indexer stopped at once


def main() -> None:
    logging.getLogger("mkdocs.commands.build").addFilter(_WithoutDirtyNotice())
    replace_instead_of_overwrite()
    if os.environ.get(PREVIOUS_SITE):
        compare_with(os.environ[PREVIOUS_SITE])
    part, parts = 0, 1
    if os.environ.get(PART) and os.environ.get(PART_ANCHORS):
        part, parts = (int(number) for number in os.environ[PART].split("/"))
        build_part(part, parts, os.environ[PART_ANCHORS])
    if os.environ.get(SITE_FILES) and part == 0:  # one list, written by one process
        record_site_files(os.environ[SITE_FILES])
    if os.environ.get(SERVE_ADDRESS):
        at_address(os.environ[SERVE_ADDRESS])
    if os.environ.get(SERVE_DOCS) and os.environ.get(SERVE_SIGNAL):
        rebuild_on_signal(os.environ[SERVE_DOCS], os.environ[SERVE_SIGNAL])
        build_pages_as_read()
        remember_between_rebuilds()
        share_first_serve_build()
        if os.environ.get(SERVE_SITE):
            keep_serve_site(os.environ[SERVE_SITE], os.environ.get(SERVE_SEARCH, ""))
        collect_after_rebuilds()
        stop_as_on_ctrl_c()
    from mkdocs.__main__ import cli

    sys.exit(cli())


if __name__ == "__main__":
    main()
