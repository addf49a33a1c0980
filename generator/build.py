"""The orchestrator: read, validate, link, render, write; then, for a full build, mkdocs.

Each step is a plain function over plain data; this module only strings them together.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import threading
import time
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import yaml
from filelock import FileLock, Timeout
from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

from .content.registry import Registry, load_registry
from .content.schema import Checker
from .content.sources import article_paths
from .content.yamlfile import syntax_error
from .engine.collector import collector_paused
from .engine.cores import map_on_cores, whole_before_termination
from .engine.directory_urls import BUILT_PAGE, page_url
from .engine.incremental import (
    Keying,
    checking_key,
    digest,
    entities_key,
    environment_key,
    named_entry_keys,
    page_key,
    site_key,
)
from .engine.mkdocs_config import NotSettings, published_address, read_config
from .engine.mkdocs_parts import parts_for, run_mkdocs
from .engine.mkdocs_runner import PREVIOUS_SITE, SITE_FILES, mkdocs_environment, runner_command
from .engine.output import (
    MANIFEST,
    UNDO_FOLDER,
    Changes,
    OutputRefused,
    check_target,
    previous_keys,
    undo,
    write_tree,
)
from .engine.problems import Problems
from .engine.progress import QUIET, VERBOSE, Progress
from .engine.read_ahead import reading_ahead
from .engine.rendered_files import RenderedFiles, clear_leftovers
from .engine.search_index import COPIES_KEY, IndexingFailed, copies_digest, index_search, update_copies
from .engine.site_archive import Unpacking, pack
from .knowledge import plaindata
from .knowledge.article_cache import ContributionCache
from .knowledge.briefs import load_briefs
from .knowledge.knowledge import KnowledgeBase
from .knowledge.linking import (
    Contribution,
    assemble,
    contribution_of_file,
    duplicate_slugs,
    slug_of_file,
)
from .pictures.pictures import Pictures
from .site import listings
from .site.datasettings import DataSettings, read_data_settings
from .site.editor_pages import load_editor_pages, missing_links
from .site.feeds import MISSING_ADDRESS, SiteAddress, feed_key, feed_xml, page_feeds, plan_feeds
from .site.flags import flag_assets
from .site.kept_plans import KeptPlans
from .site.links import Links
from .site.metadata import Site, describe_pages
from .site.opendata import FOLDER as DATA_FOLDER
from .site.opendata import PACKAGE as DATA_PACKAGE
from .site.opendata import ReleaseUnderway, data_key
from .site.opendata import pages as data_pages
from .site.pages import RESERVED_SLUGS, SECTIONS, plan_pages
from .site.previous_site import (
    built_with,
    compare_with_previous,
    publish_overlay,
    read_site_files,
    staging_folder,
)
from .site.redirects import redirect_files
from .site.render import make_environment
from .site.site_config import NAV_FILE, check_nav, configured_nav, nav_entries, write_site_config
from .site.sitemap import page_dates, rewrite_sitemap, source_date_epoch

ASSETS = "assets"
# Links and citations made for one page are reused by the next pages of its folder; a worker
# that kept every one it made held 200 MB more at 10,000 articles, for few more reuses.
LINKS_KEPT = 20_000
SITE_FILES_LIST = ".briefings-site-files.json"  # beside the site, during a build only


class BuildFailed(Exception):
    """A step after validation failed; the message says what to do."""


class TemplateFailed(BuildFailed):
    """A template of the project is at fault (named with its line): the editors' to fix, as
    a problem in the content is, not a build that could not run."""


@dataclass(frozen=True)
class Project:
    root: Path
    docs_dir: Path
    site_dir: Path
    address: SiteAddress = SiteAddress()  # where the site is published, for its feeds
    site: Site = Site()  # name, address and description from mkdocs.yml, for page metadata

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def search_pages(self) -> Path:
        """The trimmed copies of the site's pages that Pagefind reads (see search_index)."""
        return self.site_dir.with_name(self.site_dir.name + "-search-pages")

    @property
    def lock_file(self) -> Path:
        return self.docs_dir.parent / ".briefings.lock"


def load_project(root: Path) -> Project:
    root = root.resolve()
    config_file = root / "mkdocs.yml"
    try:
        config = read_config(config_file)
    except FileNotFoundError as error:
        raise BuildFailed(f"{config_file}: not found; run briefings in the project folder "
                          "or pass --project") from error
    except yaml.MarkedYAMLError as error:
        line, message, hint = syntax_error(error, config_file.read_text(encoding="utf-8"))
        raise BuildFailed(f"{config_file.name}:{line}: {message} ({hint})") from error
    except UnicodeDecodeError as error:
        raise BuildFailed(f"{config_file.name}: the file is not UTF-8 text (save it as UTF-8)"
                          ) from error
    except NotSettings as error:
        raise BuildFailed(f"{config_file.name}: not a mapping of settings (compare it with the "
                          "repository's mkdocs.yml)") from error
    except (OSError, yaml.YAMLError) as error:
        raise BuildFailed(f"{config_file.name}: cannot be read: {error}") from error
    docs = root / str(config.get("docs_dir", "build/docs"))
    site = root / str(config.get("site_dir", "build/site"))
    return Project(root, docs, site, address=SiteAddress.from_config(config),
                   site=site_of(config))


def with_saved_settings(project: Project) -> tuple[Project, bool]:
    """``project`` with the site's name, address and description as mkdocs.yml has them
    now: serve regenerates after mkdocs.yml is saved, and the pages' metadata and feeds must
    follow it as a fresh generate's do. The folders stay the ones it started with; the flag
    says whether mkdocs.yml names others."""
    saved = load_project(project.root)
    moved = (saved.docs_dir, saved.site_dir) != (project.docs_dir, project.site_dir)
    return replace(project, address=saved.address, site=saved.site), moved


def site_of(config: dict) -> Site:
    """The site's name, address (see published_address) and description as mkdocs.yml gives
    them."""
    def text(key: str) -> str:
        value = config.get(key)
        return " ".join(value.split()) if isinstance(value, str) else ""

    return Site(text("site_name"), published_address(config), text("site_description"))


def open_cache(project: Project, kept: ContributionCache | None = None,
               progress: Progress | None = None) -> ContributionCache:
    """The previous build's checked articles (empty when the code changed since; an entry
    whose entity entries changed is checked again, see ContributionCache.get). A
    long-running process passes the cache it ``kept`` from its last build instead of reading
    it from disk again."""
    environment = checking_key()
    if kept is not None and kept.environment == environment:
        return kept.renewed()
    cache = ContributionCache(project.docs_dir.parent, environment, project.root)
    with (progress or Progress(QUIET)).phase("loading the cache of checked articles"), \
            reading_ahead(project.content / "articles", cache.article_keys):  # see read_ahead
        cache.load()
    if cache.note:
        print(f"note: {cache.note}", file=sys.stderr)
    return cache


def check(project: Project, progress: Progress | None = None,
          cache: ContributionCache | None = None) -> tuple[KnowledgeBase | None, Problems]:
    """Validate everything; the knowledge base only when there is no problem at all.

    With a cache, articles whose files are unchanged since it was written are not checked
    again: their results, problems included, are taken from it."""
    progress = progress or Progress(QUIET)
    problems = Problems(root=project.root)
    if not project.content.is_dir():
        problems.add(project.content, 1, "folder", "the content folder is missing",
                     "create content/articles/ and content/entities/")
        return None, problems
    checker = Checker(problems)
    with progress.phase("reading entities"):
        registry = read_entities(project, checker)
    read_data_settings(project.config_file, problems)
    if cache is None:
        cache = ContributionCache(project.docs_dir.parent, "", project.root)
    cache.against(registry, entities_key(project.content))
    with progress.phase("listing and hashing articles"):
        paths = article_paths(project.content, problems)
        duplicates = duplicate_slugs(paths)
        keys = {path: cache.article_keys(path) for path in paths}
    cached = {path: cache.get(path, keys[path]) for path in paths if path not in duplicates}
    fresh = [path for path in paths if cached.get(path) is None]
    if len(fresh) < len(paths):
        reused = len(paths) - len(fresh)
        progress.say(f"reusing {reused} unchanged article{'s' if reused != 1 else ''} from the "
                     "last build", VERBOSE)

    def check_file(path: Path) -> Contribution:
        return contribution_of_file(path, project.content, registry, project.root,
                                    duplicates.get(path))

    checked = {path: _unpacked(result, path, check_file) for path, result in zip(
        fresh, progress.track(map_on_cores(check_file, fresh, pack=_packed), len(fresh),
                              "checking articles"), strict=True)}
    contributions = []
    for path in paths:
        contribution = cached.get(path) or checked[path]
        if path not in duplicates:
            cache.keep(path, keys[path], contribution)
        contributions.append(contribution)
    with progress.phase("linking articles into one knowledge base"), collector_paused():
        knowledge = assemble(contributions, registry, problems,
                             {c.article.slug: keys[c.source] for c in contributions
                              if c.article is not None})
    # The articles with problems, by the names a brief may cite them by (see load_briefs).
    reported = {problem.file for problem in problems.items}
    load_briefs(project.content, knowledge, checker, frozenset(
        name for path in paths if problems.display(path) in reported
        or problems.display(path.with_suffix(".yml")) in reported
        for name in (path.stem, slug_of_file(path))))
    knowledge.editor_pages = load_editor_pages(project.content, checker, SECTIONS)
    check_nav(knowledge.editor_pages, configured_nav(project.config_file), problems)
    return (None if problems else knowledge), problems


def _packed(contribution: Contribution) -> bytes | Contribution:
    """A checked article as a worker sends it back: as the article cache writes it, which
    costs a third of pickling it to write and half to read (records keep their fields in
    slots, which pickle runs Python for: 10,000 articles took 2.7 s to pickle and 2.0 s to
    unpickle, 1.0 s to write and 1.0 s to read so). One that cannot be written so is
    pickled."""
    try:
        return plaindata.dumps(contribution)
    except plaindata.Unstorable:
        return contribution


def _unpacked(result: bytes | Contribution, path: Path,
              check_file: Callable[[Path], Contribution]) -> Contribution:
    if not isinstance(result, bytes):
        return result
    try:
        return plaindata.loads(result, Contribution)
    except plaindata.Unreadable:  # a record that reads back otherwise: checked again here
        return check_file(path)


def read_entities(project: Project, checker: Checker) -> Registry:
    """The entities in content/entities/, their problems (a reserved id among them) reported
    to ``checker``."""
    registry, _ = load_registry(project.content, checker)
    _check_reserved(registry, checker.problems, project)
    return registry


def _check_reserved(registry, problems: Problems, project: Project) -> None:
    for stem, table in (("organisations", registry.organisations), ("people", registry.people),
                        ("topics", registry.topics)):
        for ident in table:
            if ident in RESERVED_SLUGS:
                problems.add(project.content / "entities" / f"{stem}.yml", 0, "id",
                             f"the id '{ident}' is reserved for the section's index page",
                             "choose another id")
    for path in sorted((project.content / "articles").glob("index.md")):
        problems.add(path, 1, "file name", "the name 'index' is reserved for the articles index",
                     "rename the file")


def render_changed(project: Project, knowledge: KnowledgeBase, progress: Progress | None = None,
                   previous: dict[str, str] | None = None, data: bool = True,
                   meanwhile: Sequence[Callable[[], object]] = ()
                   ) -> tuple[RenderedFiles, dict[str, str], list | None]:
    """The generated files whose inputs changed since ``previous`` (path: inputs key, from
    the last manifest), waiting on disk beside the docs folder (the caller discards them),
    the inputs key of every page, and the results of the jobs ``meanwhile`` (None when they
    were not run: only while the data downloads are made, on the core that makes them, does
    running them save time). ``data``: False keeps the data section of the last build as it
    is, if there is one (a preview's shortcut)."""
    progress = progress or Progress(QUIET)
    previous = previous or {}
    shared = environment_key(project.content, project.templates)
    environment = page_environment(project)
    files = RenderedFiles(project.docs_dir.parent)
    # The data files, if they must be made again, are made on the other cores meanwhile.
    data_section = DataSection(project, knowledge, shared, previous, data, files, meanwhile)
    try:
        keys = _render_changed(project, knowledge, progress, previous, shared, environment,
                               data_section, files)
    except BaseException:
        files.discard()
        raise
    finally:
        data_section.stop()
    return files, keys, data_section.meanwhile


def _render_changed(project: Project, knowledge: KnowledgeBase, progress: Progress,
                    previous: dict[str, str], shared: str, environment,
                    data_section: DataSection, files: RenderedFiles) -> dict[str, str]:
    with progress.phase("planning pages"), collector_paused():
        feeds = plan_feeds(knowledge, project.address)
        feeds_by_page = {feed.page: feed for feed in feeds}
        # What every entity page is made from besides its articles (see kept_plans.py).
        whole, named = _keyings(project, knowledge, shared)
        kept = KeptPlans(project.docs_dir.parent, [
            repr(project.site), repr(project.address),
            repr(knowledge.countries_with_pages()), repr(bool(feeds))],
            previous, project.docs_dir, named,
            lambda path: repr(sorted(page_feeds(path, feeds_by_page).items())))
        pages = plan_pages(knowledge, kept)
        planned = [page for page in pages if not page.kept_key]
        describe_pages(planned, knowledge, project.site)
    if kept.kept:
        progress.say(f"reusing the pages of {len(kept.kept)} entities whose articles are "
                     "unchanged", VERBOSE)
    if not feeds:
        progress.say(f"note: {MISSING_ADDRESS}")
    for page in planned:  # before keying: a page whose feed links change is written again
        page.context.update(page_feeds(page.path, feeds_by_page))
    with progress.phase("keying pages"):
        keys = {}
        for page in pages:
            if page.sources is not None:
                keying = named if page.named_entries else whole
                keys[page.path] = page.kept_key or page_key(
                    keying.environment, page.template, page.context, page.selection,
                    knowledge.with_status_basis(page.sources), keying.article_keys)
    kept.save(keys)
    stale = [page for page in pages if keys.get(page.path) is None
             or previous.get(page.path) != keys[page.path]
             or not (project.docs_dir / page.path).is_file()]
    if len(stale) < len(pages):
        progress.say(f"reusing {len(pages) - len(stale)} pages whose inputs are unchanged",
                     VERBOSE)
    for name in sorted({page.template for page in stale}):
        _template(environment, name, project)  # compiled once, before workers fork
    link_cache: dict = {}

    def render(page) -> str:
        """Render one page into ``files`` (in a worker, mostly); its path."""
        if len(link_cache) > LINKS_KEPT:
            link_cache.clear()
        return files.write(page.path, render_page(environment, project, knowledge, page,
                                                  link_cache))

    for path in progress.track(map_on_cores(render, stale), len(stale), "writing pages"):
        files.add(path)
    # Made before waiting for the data downloads, while the other core may still be at them
    # (at 10,000 articles it is: these took 0.4 s after it had finished).
    # A feed is written from its title, dates and entries alone, all in its key: of the
    # entity files, it counts nothing else (a person added rewrites no other feed).
    _changed_feeds(project, feeds, keys, previous, named.environment, progress, files)
    other = {**flag_assets(knowledge.countries_with_pages()), **redirect_files(knowledge, pages)}
    other[NAV_FILE] = (json.dumps(nav_entries(knowledge.editor_pages), ensure_ascii=False,
                                  indent=1) + "\n").encode("utf-8")
    assets = project.templates / ASSETS
    if assets.is_dir():
        for path in sorted(assets.rglob("*")):
            if path.is_file():
                other[f"{ASSETS}/{path.relative_to(assets).as_posix()}"] = path.read_bytes()
    for name, data in other.items():
        files.put(name, data)
    # The data downloads' jobs the other core has not started are made here meanwhile.
    with progress.phase("data downloads (the rest, beside the other cores)"):
        data_section.finish(render, keys)
    # Every address the docs folder will hold: planned pages, written files, and files kept
    # from the last build because their inputs are unchanged (the data section's).
    broken = missing_links(knowledge.editor_pages,
                           _addresses([page.path for page in pages], [*keys, *files]))
    if broken:
        raise BuildFailed("links to pages that do not exist; nothing was written:\n"
                          + "\n".join(broken))
    return keys


def _keyings(project: Project, knowledge: KnowledgeBase, shared: str) -> tuple[Keying, Keying]:
    """How pages are keyed: those drawn on everything by the environment (``shared``) with
    the entity files whole; those drawn on some articles (Page.named_entries: the pages of
    articles, relations and entities, the parts of the timeline, what changed and the long
    indexes) by the entries of people, organisations and topics their articles name
    (incremental.named_entry_keys; an entity's pages also by those they show of their own:
    pages.shown_entries), so that a person added to people.yml renders again the pages that
    show people, not every article's. Which countries have pages counts for those too: it
    decides which names are links."""
    named = digest(environment_key(project.content, project.templates, per_entry=True).encode(),
                   repr(knowledge.countries_with_pages()).encode())
    return (Keying(shared, knowledge.source_keys),
            Keying(named, named_entry_keys(knowledge.source_keys, knowledge.source_views,
                                           entities_key(project.content))))


def _changed_feeds(project: Project, feeds, keys: dict[str, str], previous: dict[str, str],
                   environment: str, progress: Progress, files: RenderedFiles) -> None:
    """The feeds whose inputs changed, written into ``files``; every feed's inputs key goes
    into ``keys``, so that write_tree keeps the unchanged ones and removes those no longer
    planned."""
    for feed in feeds:
        keys[feed.path] = feed_key(feed, project.address, environment)
    stale = [feed for feed in feeds if previous.get(feed.path) != keys[feed.path]
             or not (project.docs_dir / feed.path).is_file()]

    def write(feed) -> str:
        return files.write(feed.path, feed_xml(feed, project.address))

    for path in progress.track(map_on_cores(write, stale), len(stale), "writing feeds"):
        files.add(path)


def _addresses(pages: list[str], files: list[str]) -> set[str]:
    """Every address of the site, as a path inside it: "countries/kazakhstan/", "data/x.csv"."""
    found = {""}
    for path in [*pages, *files]:
        if path.endswith(".md"):
            found.add(page_url(path))
        elif path.endswith("/" + BUILT_PAGE):
            found.add(path.removesuffix(BUILT_PAGE))
        else:
            found.add(path)
    return found


def _data_settings(project: Project) -> DataSettings:
    problems = Problems(root=project.root)
    settings = read_data_settings(project.config_file, problems)
    if problems:  # check() reports these; only a caller that skipped it gets here
        raise BuildFailed(f"{problems.sorted()[0]}")
    return settings


class DataSection:
    """The files and pages of /data/, unless the last build made them from the same inputs
    (then they are kept as they are: building the database is the costly part). Without
    ``rebuild``, those of the last build are kept whatever their inputs; their old key makes
    the next full generate build them again. When they must be made, they are made from the
    start on the other cores, while this one plans and renders the pages."""

    def __init__(self, project: Project, knowledge: KnowledgeBase, environment: str,
                 previous: dict[str, str], rebuild: bool, files: RenderedFiles,
                 meanwhile: Sequence[Callable[[], object]] = ()):
        """``files``: where the made files go; ``meanwhile``: jobs to run beside the data
        files, if they are made (their results then in ``self.meanwhile``)."""
        self.knowledge, self.files = knowledge, files
        settings = _data_settings(project)
        self.key = data_key(environment, settings, knowledge.source_keys)
        reused = self.key if rebuild else previous.get(f"{DATA_FOLDER}/{DATA_PACKAGE}", self.key)
        kept = [path for path, old in previous.items() if old == reused]
        # Without the articles' digests (a knowledge base linked in memory) nothing is reused.
        known = bool(knowledge.source_keys) or not knowledge.articles
        self.kept: dict[str, str] = {}
        self.underway: ReleaseUnderway | None = None
        self.meanwhile: list | None = None
        if known and kept and all((project.docs_dir / path).is_file() for path in kept):
            self.kept = dict.fromkeys(kept, reused)
        else:
            self.underway = ReleaseUnderway(knowledge, settings, files, meanwhile)

    def finish(self, render, keys: dict[str, str]) -> None:
        """Wait for the made files, render the pages into ``files`` (``render``: a page
        into them, giving its path), and add every key to ``keys``."""
        keys.update(self.kept)
        if self.underway is None:
            return
        release = self.underway.result()
        self.meanwhile = release.meanwhile
        made = [f"{DATA_FOLDER}/{name}" for name in release.sizes]
        for page in data_pages(self.knowledge, release):
            self.files.add(render(page))
            made.append(page.path)
        keys.update(dict.fromkeys(made, self.key))

    def stop(self) -> None:
        if self.underway is not None:
            self.underway.stop()


def page_environment(project: Project):
    """The Jinja environment pages are rendered in: the project's templates."""
    environment = make_environment([project.templates])
    environment.globals["listings"] = listings
    return environment


def render_page(environment, project: Project, knowledge: KnowledgeBase, page,
                link_cache: dict | None = None) -> bytes:
    """One planned page's Markdown. ``link_cache``: links already made, shared by pages."""
    links = Links(knowledge, page.path, link_cache)
    try:
        text = _template(environment, page.template, project).render(
            page.context, links=links, pictures=Pictures(knowledge, page.path),
            kb=knowledge, here=page.path)
    except TemplateError as error:  # an undefined name, a failed filter: Jinja's own
        where = template_line(error, project.templates, jinja=True) or f"template {page.template}"
        raise TemplateFailed(f"{where}: template error while writing {page.path}: {error} "
                             "(fix the template)") from error
    except Exception as error:
        # An expression of the template itself failed ({{ 1 // 0 }}, a loop unpacking the
        # wrong shape): the editor's to fix, at its line. Anything else is our own fault.
        where = template_line(error, project.templates)
        if where is None:
            raise
        raise TemplateFailed(f"{where}: template error while writing {page.path}: "
                             f"{type(error).__name__}: {error} (fix the template)") from error
    return text.encode("utf-8")


def template_line(error: BaseException, templates: Path, jinja: bool = False) -> str | None:
    """"file:line" of the template line an error was raised by, when it was raised by a
    template's own code (or a Jinja filter or test it called), not by ours. ``jinja``: the
    error is Jinja's own (an undefined name, which our finalize meets first), the template's
    whoever raised it."""
    ours = Path(__file__).resolve().parent
    where = None
    frame = error.__traceback__
    while frame is not None:
        code = frame.tb_frame.f_code
        file = Path(code.co_filename)
        if file.suffix == ".j2" or templates in file.parents:
            shown = _shown_template(file, templates) if templates in file.parents else file.as_posix()
            where = f"{shown}:{frame.tb_lineno}"
        elif where is not None and not jinja and ours in file.parents:
            where = None  # the template called our code, which failed: not the template's
        frame = frame.tb_next
    return where


def _template(environment, name: str, project: Project):
    try:
        return environment.get_template(name)
    except TemplateSyntaxError as error:
        where = _shown_template(error.filename, project.templates) if error.filename else error.name
        raise TemplateFailed(f"{where}:{error.lineno}: template error: {error.message} "
                             "(fix the template)") from error
    except TemplateNotFound as error:
        raise TemplateFailed(f"template {error.name} is missing from "
                             f"{_shown_template(project.templates, project.templates)}"
                             " (restore it from the repository)") from error
    except TemplateError as error:
        raise TemplateFailed(f"template {name} cannot be loaded: {error} (fix the template)"
                             ) from error


def _shown_template(path: str | Path, templates: Path) -> str:
    """A template's path as the editor sees it from the project: templates/article.md.j2."""
    file = Path(path)
    return (file.relative_to(templates.parent) if file.is_relative_to(templates.parent)
            else file).as_posix()


@contextmanager
def build_lock(project: Project):
    """One build at a time per output folder; a second one is told, not queued."""
    with exclusive(project, project.lock_file,
                   f"another briefings build is writing {project.docs_dir.parent} right now; "
                   "wait for it to finish and run this again"):
        yield


@contextmanager
def exclusive(project: Project, lock_file: Path, busy: str):
    """Hold ``lock_file``'s lock, or fail with ``busy`` at once if another process holds it."""
    check_targets(project)  # the lock lives beside the output: it must be a place we may write
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    # filelock takes the system's own lock (flock on Linux and macOS, msvcrt on Windows), which
    # the system drops when a process is killed: no stale lock is ever left behind.
    lock = FileLock(lock_file, timeout=0)
    try:
        lock.acquire()
    except Timeout as error:
        raise BuildFailed(busy) from error
    try:
        yield
    finally:
        lock.release()


def generate(project: Project, knowledge: KnowledgeBase, progress: Progress | None = None,
             cache: ContributionCache | None = None, data: bool = True,
             save: bool = True, undoable: bool = False) -> Changes:
    """Write the docs folder; only pages whose inputs changed are rendered and written.
    ``data``: False keeps the last build's data section (see render_changed). ``save``:
    False leaves saving the article cache to the caller (serve saves it once mkdocs has
    been told to rebuild, so that the two overlap). ``undoable``: keep the old versions of
    the files it replaces, for ``undo`` (the caller settles the changes when they stand);
    they are kept while writing in any case, so that a write that fails halfway (a full
    disk) leaves the docs folder as it was. Call it holding the build lock."""
    progress = progress or Progress(QUIET)
    try:
        check_target(project.docs_dir, project.root)
        clear_leftovers(project.docs_dir.parent)
        # The cache is saved beside the data downloads, if they are made (0.4 s at 10,000
        # articles, which would otherwise follow the writing).
        saving = cache is not None and save
        files, keys, saved = render_changed(project, knowledge, progress,
                                            previous_keys(project.docs_dir), data,
                                            [_saving_the_cache(cache)] if saving else [])
        try:
            with progress.phase("writing changed files"):
                changes = write_tree(project.docs_dir, project.root, files, keys,
                                     project.docs_dir.parent / UNDO_FOLDER)
        finally:
            files.discard()
        if not undoable:
            changes.settle()
        site_config(project)
        if saving:
            if saved:
                _report_saving(cache, progress, *saved[0])
            else:
                save_cache(cache, progress)
        return changes
    except OutputRefused as error:
        raise BuildFailed(str(error)) from error
    except OSError as error:
        raise BuildFailed(f"cannot write {error.filename or project.docs_dir}: {error.strerror} "
                          "(check the disk and the folder's permissions)") from error


def save_cache(cache: ContributionCache, progress: Progress | None = None) -> None:
    """Write the article cache; a failure is a warning, since the cache only saves time."""
    _report_saving(cache, progress or Progress(QUIET), *_saving_the_cache(cache)())


def _saving_the_cache(cache: ContributionCache) -> Callable[[], tuple[float, str, int]]:
    """A job that writes the article cache in whichever process runs it (a fork has the
    same cache): how long that took, what went wrong ("" if nothing did) and the process,
    for this one to report. Whatever then happens to the pages, the checked articles
    stand."""
    def save() -> tuple[float, str, int]:
        started = time.monotonic()
        # On the other core, stopped if the build fails meanwhile: a save cut short would
        # leave a temporary file as large as the cache (190 MB at 10,000 articles).
        with whole_before_termination():
            try:
                cache.save()
                problem = ""
            except OSError as error:  # the build stands
                problem = (f"cannot save {cache.file}: {error.strerror}; the next build "
                           "checks every article again")
        return time.monotonic() - started, problem, os.getpid()
    return save


def _report_saving(cache: ContributionCache, progress: Progress, seconds: float, problem: str,
                   process: int) -> None:
    if process != os.getpid():
        cache.saved_elsewhere()
    if problem:
        progress.warn(problem)
    else:
        progress.say(f"saving the cache: {seconds:.2f} s", VERBOSE)


def site_config(project: Project) -> Path:
    """The configuration mkdocs builds with: mkdocs.yml and the editors' pages in its nav,
    written beside mkdocs.yml (see site_config.py)."""
    try:
        return write_site_config(project.config_file, project.docs_dir)
    except OSError as error:
        raise BuildFailed(f"cannot write {error.filename or project.root}: {error.strerror} "
                          "(briefings writes .briefings-mkdocs.yml beside mkdocs.yml; check "
                          "the folder's permissions)") from error


def check_targets(project: Project) -> None:
    """Both output folders must be ours before anything is written to either."""
    # Beside the docs folder briefings keeps its own files (the article cache, the page plans,
    # the build's summary changes.md, files waiting to be moved in, the lock): that must be
    # a folder of its own, never the project's (its changes.md is the editors' to keep).
    # Beside the site folder go Pagefind's copies of the pages, the previous site while it is
    # unpacked and the folders mkdocs builds into: the same rule.
    root = project.root.resolve()
    for key, folder, kept, example in (
            ("docs_dir", project.docs_dir, "its cache and build files", "build/docs"),
            ("site_dir", project.site_dir, "the search copies and the unpacked previous site",
             "build/site")):
        beside = folder.resolve().parent
        if beside == root or beside in root.parents:
            raise BuildFailed(f"refusing to write generated files into {folder}: briefings "
                              f"keeps {kept} beside that folder, which would put them into "
                              f"{beside}; set {key} in {project.config_file.name} to a folder "
                              f"inside one of its own, e.g. {example}")
    try:
        check_target(project.docs_dir, project.root)
        check_target(project.site_dir, project.root)
        check_target(project.search_pages, project.root)
    except OutputRefused as error:
        raise BuildFailed(str(error)) from error


def generate_and_build(project: Project, knowledge: KnowledgeBase,
                       progress: Progress | None = None,
                       cache: ContributionCache | None = None,
                       incremental: bool = False, unpacking: Unpacking | None = None,
                       site_archive: Path | None = None) -> Changes:
    """Generate, then build with mkdocs; if mkdocs fails, the Markdown is put back as it was.
    ``incremental``: build only the pages whose Markdown changed, into a copy of the previous
    site, when there is one built with the same configuration and theme. ``unpacking``: the
    previous site's archive being unpacked meanwhile (see unpacking_previous_site), waited for
    before mkdocs. ``site_archive``: where to write the site once built, for the next build."""
    progress = progress or Progress(QUIET)
    check_targets(project)
    changes = generate(project, knowledge, progress, cache, save=False, undoable=True)
    # Read while the previous site may still be unpacking (1 s at 10,000 articles), rather
    # than after waiting for it: the dates are the Markdown's alone.
    with progress.phase("dating pages for the sitemap"):
        dates = page_dates(project.docs_dir)
    if unpacking is not None:
        with progress.phase("waiting for the previous site to unpack"):
            unpacking.finish(progress)
    saving: list[bool] = []

    def save() -> None:
        saving.append(True)
        save_cache(cache, progress)

    progress.say("building the site with mkdocs (strict)...")
    try:
        # The article cache is saved while this process only waits for mkdocs (1-2 s at
        # 10,000 articles); whatever happens to the site, the checked articles stand.
        mkdocs_build(project, verbose=progress.level >= VERBOSE, incremental=incremental,
                     progress=progress,
                     changed=sum(name.endswith(".md") for name in changes.touched()),
                     meanwhile=save if cache is not None else None, dates=dates)
    except BuildFailed:
        undo(project.docs_dir, changes)
        with contextlib.suppress(BuildFailed):  # the next build writes it again
            site_config(project)
        raise
    finally:
        if cache is not None and not saving:  # mkdocs_build stopped before mkdocs ran
            save_cache(cache, progress)
    changes.settle()  # the site stands: the Markdown it was built from stays
    if site_archive is not None:
        with progress.phase("archiving the site for the next build"):
            problem = pack(project.site_dir, project.search_pages, site_archive)
        if problem:  # the site stands; the next build renders every page
            progress.warn(f"cannot write {site_archive}: {problem}; the next build with it "
                          "renders every page")
    return changes


def check_site_archive(project: Project, archive: Path) -> None:
    """A site's archive is a file of its own: not inside a folder a build replaces (it would
    be packed into itself, or removed) or one editors own (a build never writes there)."""
    check_targets(project)
    where = archive.resolve()
    if where.is_dir():
        raise BuildFailed(f"the site's archive {archive} is a folder; give a file name, such "
                          f"as {project.site_dir.parent / 'previous-site.tar.zst'}")
    for folder in (project.site_dir, project.search_pages, project.docs_dir, project.content):
        if where.is_relative_to(folder.resolve()):
            raise BuildFailed(f"the site's archive {archive} is inside {folder}, which builds "
                              "replace or editors own (give a file beside them, such as "
                              f"{project.site_dir.parent / 'previous-site.tar.zst'})")


@contextmanager
def unpacking_previous_site(project: Project, archive: Path):
    """The previous site's archive (written by a build with the same ``archive``) being
    unpacked beside the site, for generate_and_build to wait for before mkdocs; stopped if
    the build ends before then. The caller holds the build lock."""
    unpacking = Unpacking(archive, project.site_dir, project.search_pages)
    try:
        yield unpacking
    finally:
        unpacking.stop()


def mkdocs_build(project: Project, verbose: bool = False, incremental: bool = False,
                 progress: Progress | None = None, changed: int | None = None,
                 meanwhile: Callable[[], None] | None = None,
                 dates: dict[str, str] | None = None) -> None:
    """Build the site into a fresh folder and put it in place only when mkdocs and Pagefind
    succeeded.

    Incremental: mkdocs builds only the pages whose Markdown is newer than their HTML in the
    previous site, into an empty folder that is then moved into the previous site (see
    previous_site.py). That is safe because the generator rewrites exactly the pages whose
    inputs changed and the nav lists fixed section pages only, so no other page's HTML can
    change; the configuration, theme and versions are keyed, and any change to them means a
    full build. Pagefind then indexes the whole site again.

    The pages to render (every page when cold; ``changed``, the Markdown pages generate
    wrote, when incremental) are shared out over the cores once there are a few dozen
    (engine/mkdocs_parts). ``meanwhile`` runs in a thread while mkdocs does (this process
    only waits for it then); it must not fail. ``dates``: the pages' dates (page_dates of
    the docs folder as it is now), when the caller has read them already."""
    check_targets(project)
    progress = progress or Progress(QUIET)
    staging = staging_folder(project.site_dir)
    shutil.rmtree(staging, ignore_errors=True)
    config = site_config(project)
    key = site_key([project.config_file, config], project.templates / "theme")
    dirty = incremental and project.site_dir.is_dir() and built_with(project.site_dir) == key
    if incremental and not dirty:
        progress.say("no previous site built with this configuration: building every page")
    # The build's time is the newest source's: the same content gives the same site.
    if dates is None:
        with progress.phase("dating pages for the sitemap"):
            dates = page_dates(project.docs_dir)
    epoch = source_date_epoch(dates)
    environment = {**mkdocs_environment(), "SOURCE_DATE_EPOCH": epoch}
    listing = project.site_dir.with_name(SITE_FILES_LIST)
    listing.unlink(missing_ok=True)
    if dirty:
        environment[PREVIOUS_SITE] = str(project.site_dir.resolve())
        environment[SITE_FILES] = str(listing.resolve())
    # Not --quiet: it would hide warnings from strict mode's count (see mkdocs_runner).
    command = runner_command("build", "--strict", *(["--verbose"] if verbose else []),
                             "--config-file", str(config), "--site-dir", str(staging),
                             *(["--dirty"] if dirty else []))
    # One mkdocs per core once each has a share of pages to render (every page, when cold).
    parts = parts_for(len(dates) if not dirty or changed is None else changed)
    if parts > 1:
        progress.say(f"building the pages on {parts} cores, one mkdocs each", VERBOSE)
    beside = threading.Thread(target=meanwhile) if meanwhile else None
    if beside:
        beside.start()
    try:
        with progress.phase("mkdocs build" + (" --dirty" if dirty else "")):
            result = run_mkdocs(command, project.root, environment, parts)
    finally:
        if beside:
            beside.join()
    if verbose:
        print(result.output, file=sys.stderr, end="")
    try:  # the list of the site's files is only for this build
        if result.returncode != 0:
            shutil.rmtree(staging, ignore_errors=True)
            raise BuildFailed("mkdocs build --strict failed; the previous site is kept:\n"
                              + result.output.strip())
        try:
            listed = read_site_files(listing) if dirty else set()
        except ValueError as error:
            shutil.rmtree(staging, ignore_errors=True)
            raise BuildFailed(f"{error}; the previous site is kept") from error
    finally:
        listing.unlink(missing_ok=True)
    with progress.phase("rewriting the sitemap"):
        rewrite_sitemap(staging, dates, project.site.url, epoch)
    try:
        with progress.phase("trimming the changed pages for search"):
            stale, kept = compare_with_previous(project.site_dir, staging, listed) \
                if dirty else ([], [])
            update_copies(staging, project.search_pages,
                          previous=project.site_dir if dirty else None, kept=kept)
        with progress.phase("indexing search with Pagefind"):
            index_search(staging, project.search_pages, verbose, environment)
    except IndexingFailed as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(str(error)) from error
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(f"cannot write {error.filename or project.search_pages}: "
                          f"{error.strerror}; the previous site is kept (check the disk and "
                          "the folder's permissions)") from error
    (staging / MANIFEST).write_text(json.dumps({
        "generator": "briefings", "site": True, "key": key,
        COPIES_KEY: copies_digest(project.search_pages)}) + "\n", encoding="utf-8")
    if dirty:
        with progress.phase("moving the changed files into the site"):
            publish_overlay(project.site_dir, staging, stale)
        return
    with progress.phase("replacing the previous site"):
        old = project.site_dir.with_name(project.site_dir.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if project.site_dir.exists():
            project.site_dir.rename(old)
        staging.rename(project.site_dir)
        shutil.rmtree(old, ignore_errors=True)
