"""serve's preview: a saved article's own page at once, before the whole site is generated again.

At 10,000 articles a regeneration takes a quarter of a minute: every article is linked into one
knowledge base again and every page the saved article touches (its countries' pages with their
thousands of items, the timeline, the home page) is planned again. The editor who saved an
article wants to see that article. So serve first checks the saved articles alone, renders
their own pages from a knowledge base of those articles and the entities (planned as
plan_pages plans an article page), writes them into the docs folder and tells mkdocs; then it
regenerates the whole site as before. An article saved with the entity files it needs (a new
person beside the article that names them) is checked against the entities as saved. An entity
file saved alone (a person's role corrected) shows the pages of the entries it adds or changes,
planned on the last regeneration's knowledge base with the entities as saved.

A preview never outlives the regeneration that follows it (``Preview.settle``): a page that the
regeneration rendered again stands as the regeneration wrote it (an event that other articles
tell too cites them there, which the preview, knowing one article, cannot); a page it did not
render again (its inputs key unchanged, or the regeneration failed) gets its old bytes back,
so that the docs folder always ends as a generate leaves it. Anything but articles and entity
files saved (briefs, templates, the configuration), an article with a problem, entities with a
problem or an entry removed: no preview, only the regeneration. A deleted article's page is
taken away at once (the pages listing it follow with the regeneration).
"""

from __future__ import annotations

import contextlib
import copy
from dataclasses import dataclass, field
from pathlib import Path

from .build import Project, build_lock, page_environment, read_entities, render_page
from .content.registry import Registry
from .content.schema import ENTITY_FILES, Checker
from .engine.output import Changes, previous_keys, write_atomically
from .engine.problems import Problems
from .knowledge.knowledge import KnowledgeBase
from .knowledge.linking import assemble, contribution_of_file, slug_of_file
from .knowledge.urls import path_of
from .site.feeds import article_feeds, entity_feeds
from .site.metadata import describe_pages
from .site.pages import ENTITY_SECTIONS, article_pages, entity_pages

ARTICLE_SUFFIXES = (".md", ".yml")


@dataclass
class Preview:
    """The pages a preview wrote, with what they held before (None: they were new) and
    their inputs keys in the docs folder's manifest then."""

    docs: Path
    before: dict[str, bytes | None] = field(default_factory=dict)
    keys: dict[str, str | None] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)  # pages of deleted articles taken away

    def summary(self) -> str:
        """What an editor is told: the pages shown and those taken away."""
        shown = [name for name in sorted(self.before) if name not in self.removed]
        return "; ".join(part for part in (
            f"showing {', '.join(shown)} at once" if shown else "",
            f"taking away {', '.join(sorted(self.removed))}" if self.removed else "") if part)

    def account(self, changes: Changes) -> None:
        """Count in ``changes`` (the regeneration's, before ``settle``) the pages it rendered
        again that the preview had already written: the regeneration found their bytes in
        place and counted them unchanged, yet the save added or changed them."""
        rendered = self._rendered_again()
        counted = {*changes.added, *changes.changed}
        for name, old in self.before.items():
            if name in counted or name not in rendered:
                continue  # counted already, or kept or gone (settle puts back its old bytes)
            try:
                now = (self.docs / name).read_bytes()
            except OSError:
                continue
            if old is not None and now == old:
                continue
            (changes.added if old is None else changes.changed).append(name)
            changes.unchanged -= 1
        changes.added.sort()
        changes.changed.sort()

    def _rendered_again(self, keys: dict[str, str] | None = None) -> set[str]:
        """The pages the regeneration rendered again: their inputs key in the docs folder's
        manifest (``keys``, read when not given) is no longer the one the preview found."""
        keys = previous_keys(self.docs) if keys is None else keys
        return {name for name in self.before if name in keys and keys[name] != self.keys[name]}

    def settle(self, regenerated: bool) -> list[str]:
        """After the regeneration (``regenerated``: it wrote the docs folder): put back each
        page it did not render again; the pages put back."""
        keys = previous_keys(self.docs) if regenerated else {}
        rendered = self._rendered_again(keys)
        restored, failed = [], None
        for name, old in self.before.items():
            target = self.docs / name
            if name in rendered:
                continue  # rendered again from the whole knowledge base
            try:
                if old is None or (regenerated and name not in keys):  # new, or gone since
                    target.unlink(missing_ok=True)
                else:
                    write_atomically(target, old)
            except OSError as error:
                # A page that is missing is rendered again by the next regeneration.
                with contextlib.suppress(OSError):
                    target.unlink(missing_ok=True)
                failed = failed or error
            restored.append(name)
        self.before.clear()
        self.removed.clear()
        if failed is not None:
            raise failed
        return restored


def _article_files(project: Project, saved: set[Path]) -> set[Path] | None:
    """The article files (.md, saved or deleted) behind a burst of saved paths, if
    previewing them is safe: None when anything but articles, their annotations and the
    entity files changed (briefs, templates, the configuration), since the preview renders
    an article's page alone. Editors' temporary files in the articles and entities folders
    (``.name.swp``, ``name.md~``) are not what they save."""
    articles_folder = (project.content / "articles").resolve()
    entities_folder = (project.content / "entities").resolve()
    found = set()
    for path in saved:
        path = Path(path).resolve()
        if path in (articles_folder, entities_folder):  # changes with every file made in it
            continue
        if path.parent == entities_folder:
            continue  # an entity file, read again (entities_saved), or an editor's temporary
        if path.parent != articles_folder:
            return None
        if path.name.startswith(".") or path.suffix not in ARTICLE_SUFFIXES:
            continue
        found.add(path.with_suffix(".md"))
    return found


def saved_articles(project: Project, saved: set[Path]) -> list[Path] | None:
    """The article files (.md) saved in a burst of saved paths, None when the burst cannot
    be previewed (see _article_files); a deleted article is not among them (see
    deleted_articles)."""
    found = _article_files(project, saved)
    return None if found is None else sorted(path for path in found if path.is_file())


def deleted_articles(project: Project, saved: set[Path]) -> list[Path]:
    """The article files (.md) among a burst of saved paths that are gone (deleted, or
    renamed: the new name is a saved article)."""
    found = _article_files(project, saved) or set()
    return sorted(path for path in found if not path.exists())


def preview_saved(project: Project, registry: Registry, saved: set[Path],
                  knowledge: KnowledgeBase | None = None) -> Preview | None:
    """The preview of a burst of ``saved`` paths, ``registry`` being the entities of the last
    regeneration and ``knowledge`` its knowledge base; None when there is nothing it can show
    (see saved_articles). An article saved with an entity file it needs (a new person beside
    the article naming them) is checked against the entities as saved; entity files saved
    alone show the pages of the entries they add or change (see preview_entities); a deleted
    article's page is taken away (see hide_deleted). With a problem in the entities, there is
    no preview: the regeneration reports it."""
    articles = saved_articles(project, saved)
    if articles is None:
        return None
    deleted = deleted_articles(project, saved) if knowledge is not None else []
    with_entities = entities_saved(project, saved)
    if not (articles or deleted or with_entities):
        return None
    if with_entities:
        registry = saved_entities(project)
        if registry is None:
            return None
    if articles:
        preview = preview_articles(project, registry, articles)
    elif with_entities and knowledge is not None:
        preview = preview_entities(project, knowledge, registry)
    elif deleted:
        preview = Preview(project.docs_dir)
    else:
        return None  # entities saved alone, with no knowledge base to plan their pages on
    if deleted:
        hide_deleted(project, knowledge, deleted, preview)
    return preview


def entities_saved(project: Project, saved: set[Path]) -> bool:
    """Whether an entity file (content/entities/people.yml, ...) is among the saved paths."""
    entities_folder = (project.content / "entities").resolve()
    return any(Path(path).resolve().parent == entities_folder and Path(path).stem in ENTITY_FILES
               and Path(path).suffix == ".yml" for path in saved)


def saved_entities(project: Project) -> Registry | None:
    """The entities as saved, or None when they have a problem (the regeneration reports it)."""
    problems = Problems(root=project.root)
    registry = read_entities(project, Checker(problems))
    return None if problems else registry


def preview_articles(project: Project, registry: Registry, articles: list[Path]) -> Preview:
    """Write the pages of ``articles`` (article files) checked alone against ``registry``;
    an article with any problem is left to the regeneration."""
    preview = Preview(project.docs_dir)
    problems = Problems(root=project.root)
    contributions = []
    for path in articles:
        contribution = contribution_of_file(path, project.content, registry, project.root)
        if contribution.article is not None and not contribution.problems:
            contributions.append(contribution)
    if not contributions:
        return preview
    knowledge = assemble(contributions, registry, problems)
    if problems:
        return preview
    pages = article_pages(knowledge)
    describe_pages(pages, knowledge, project.site)
    environment = page_environment(project)
    rendered = {}
    for page in pages:
        page.context.update(article_feeds(project.address, page.path))
        rendered[page.path] = render_page(environment, project, knowledge, page)
    return _show(project, preview, rendered)


def changed_entries(before: Registry, after: Registry) -> list[tuple[str, str]]:
    """The entries with pages of their own (section, id) that ``after`` adds or changes."""
    return [(section, ref) for section in ENTITY_SECTIONS
            for ref, entry in getattr(after, section).items()
            if getattr(before, section).get(ref) != entry]


def preview_entities(project: Project, knowledge: KnowledgeBase, registry: Registry) -> Preview:
    """Write the pages of the entries that ``registry`` (the entities as saved) adds or
    changes, planned on the last regeneration's knowledge base with these entities: a person
    whose role an editor corrected, on the page the editor is looking at. Only the entries'
    own pages: the others that show them (a country's list of people) follow with the
    regeneration, as does everything when an entry was removed."""
    preview = Preview(project.docs_dir)
    changed = changed_entries(knowledge.registry, registry)
    if not changed:
        return preview
    knowledge = copy.copy(knowledge)  # the last build's articles, with the entities as saved
    knowledge.registry = registry
    environment = page_environment(project)
    rendered = {}
    for section, ref in changed:
        pages = entity_pages(knowledge, section, ref)
        if not pages:
            continue
        describe_pages(pages, knowledge, project.site)
        main, name = pages[0].path, getattr(registry, section)[ref].name
        for page in pages:
            page.context.update(entity_feeds(project.address, page.path, main, name))
            rendered[page.path] = render_page(environment, project, knowledge, page)
    return _show(project, preview, rendered)


def hide_deleted(project: Project, knowledge: KnowledgeBase, deleted: list[Path],
                 preview: Preview) -> Preview:
    """Take away the pages of the ``deleted`` article files that the last regeneration
    (``knowledge``) published, unless ``preview`` has just shown a saved article there (a
    file renamed to a name with the same address). The pages that list them follow with
    the regeneration, which also reports a link to them left in an editor's page."""
    gone = []
    for path in deleted:
        article = knowledge.articles.get(slug_of_file(path))
        if article is None or (project.root / article.path).resolve() != path.resolve():
            continue  # not on the site (it had a problem), or another file's address
        page = path_of(article)
        if page not in preview.before:
            gone.append(page)
    return _show(project, preview, {}, gone)


def _show(project: Project, preview: Preview, rendered: dict[str, str],
          gone: list[str] = ()) -> Preview:
    """Write the ``rendered`` pages into the docs folder and remove those ``gone``, keeping
    what they replace."""
    keys = previous_keys(project.docs_dir)
    with build_lock(project):
        try:
            for name in gone:
                target = project.docs_dir / name
                if target.is_file():
                    preview.before[name] = target.read_bytes()
                    preview.keys[name] = keys.get(name)
                    preview.removed.append(name)
                    target.unlink()
            for name, text in rendered.items():
                target = project.docs_dir / name
                preview.before[name] = target.read_bytes() if target.is_file() else None
                preview.keys[name] = keys.get(name)
                write_atomically(target, text)
        except BaseException:  # a full disk: what was written goes back
            with contextlib.suppress(OSError):
                preview.settle(regenerated=False)
            raise
    return preview
