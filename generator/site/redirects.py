"""Old addresses that still lead somewhere: a redirect page for every alias of a page's subject.

A page's address comes from a name: a country's preferred name, an organisation's, person's or
topic's id, an article's file name, and for a relation the addresses of its two actors. When
an editor renames one (Turkey became Türkiye) and keeps the old name as an alias, the old
address gets a small HTML page that sends the reader on to the new one, so that no address
the site ever published stops working.

The redirect pages are static HTML files in the docs folder (``countries/turkey/index.html``),
which mkdocs copies into the site as they are: no plugin is involved, so any builder that
reads mkdocs.yml copies them too, and an incremental build keeps them like any other file.
They carry no ``data-pagefind-body``, so Pagefind leaves them out of search, and no sitemap
lists them.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict

from slugify import slugify

from ..content.registry import SLUG_LENGTH, Country
from ..engine.directory_urls import built_page, page_url, relative_path
from ..knowledge.knowledge import KnowledgeBase
from ..knowledge.urls import path_of
from .editor_pages import RESERVED_NAMES
from .page_plan import Page
from .pages import RESERVED_SLUGS

# An id or a file name longer than this could not have been an address (a file name has at
# most 255 bytes); a longer alias is only a name, and its slug is cut to fit.
ALIAS_SLUG_LENGTH = 200


def alias_slugs(thing) -> list[str]:
    """The addresses a page's subject had under its aliases, apart from its own: made as its
    own address is (a country's from its name, cut at a word; others from their id or file
    name)."""
    if isinstance(thing, Country):
        slugs = [slugify(alias, max_length=SLUG_LENGTH, word_boundary=True)
                 for alias in thing.aliases]
    else:
        slugs = [slugify(alias, max_length=ALIAS_SLUG_LENGTH)
                 for alias in getattr(thing, "aliases", ())]
    return [slug for slug in dict.fromkeys(slugs)
            if slug and slug != thing.slug and slug not in RESERVED_SLUGS]


def _relation_slugs(knowledge: KnowledgeBase, relation) -> list[str]:
    """The addresses the relation had while one of its actors went by an alias, the pair
    ordered by the slugs it had then, as the generator orders pairs now. (One actor at a time:
    every combination of both actors' aliases would multiply the redirects, and names that
    were never the site's, for a rename of both actors of one pair.)"""
    registry = knowledge.registry
    first, second = ((registry.actor(ref).slug, ref) for ref in relation.pair)
    slugs = []
    for renamed, kept in ((first, second), (second, first)):
        actor = registry.actor(renamed[1])
        for alias in alias_slugs(actor):
            ordered = sorted(((alias, renamed[1]), kept))
            slugs.append(f"{ordered[0][0]}-{ordered[1][0]}")
    return [slug for slug in dict.fromkeys(slugs) if slug != relation.slug]


def _subjects(knowledge: KnowledgeBase, pages: list[Page]):
    """(section, old slug, the page's path) for every alias of every page's subject."""
    planned = {page.path for page in pages}
    registry = knowledge.registry
    things = [*(registry.countries[code] for code in knowledge.countries_with_pages()),
              *registry.organisations.values(), *registry.people.values(),
              *registry.topics.values(), *knowledge.articles.values()]
    for thing in things:
        path = path_of(thing)
        if path in planned:
            for slug in alias_slugs(thing):
                yield path.split("/")[0], slug, path
    for relation in knowledge.relations.values():
        path = path_of(relation)
        if path in planned:
            for slug in _relation_slugs(knowledge, relation):
                yield "relations", slug, path
    for page in knowledge.editor_pages:
        if page.docs_path in planned:
            for slug in alias_slugs(page):
                yield "", slug, page.docs_path


def plan_redirects(knowledge: KnowledgeBase, pages: list[Page]) -> dict[str, str]:
    """Old page path: the page it now is, both as docs paths ("countries/turkey.md": ...).

    A page that exists always wins over a redirect, and an old address that two subjects
    claim leads to neither (it cannot be known which one the reader meant). The archive
    parts of a page (``countries/turkiye/2025.md``) are redirected with it."""
    planned = {page.path for page in pages}
    # The folders pages are served from ("countries/kazakhstan", "countries"), and the site's
    # own folders: a redirect written there would take a page's place.
    taken = {path.removesuffix(".md").removesuffix("/index").removesuffix("index")
             for path in planned} | RESERVED_NAMES
    claims: dict[str, set[str]] = defaultdict(set)
    for section, slug, path in _subjects(knowledge, pages):
        claims[f"{section}/{slug}.md" if section else f"{slug}.md"].add(path)
    inside = _pages_inside(page.path for page in pages)
    redirects = {}
    for old, targets in sorted(claims.items()):
        if len(targets) != 1 or old.removesuffix(".md") in taken:
            continue
        target = next(iter(targets))
        redirects[old] = target
        base, old_base = target.removesuffix(".md") + "/", old.removesuffix(".md") + "/"
        for path in inside.get(base, ()):
            moved = old_base + path[len(base):]
            if moved not in planned:
                redirects[moved] = path
    return dict(sorted(redirects.items()))


def _pages_inside(paths) -> dict[str, list[str]]:
    """Every folder ("countries/turkiye/"): the page paths anywhere inside it. Looked up once
    per redirect, where a scan of all pages per redirect took minutes at 10,000 articles."""
    inside: dict[str, list[str]] = defaultdict(list)
    for path in paths:
        end = path.find("/")
        while end != -1:
            inside[path[:end + 1]].append(path)
            end = path.find("/", end + 1)
    return inside


def redirect_page(old: str, target: str, title: str) -> bytes:
    """The HTML of one redirect: a refresh, a canonical link and a link the reader can follow.
    The script carries the address's #anchor along (a refresh drops it), so that a link to
    a paragraph of a renamed article still lands on the paragraph."""
    # Both pages are served as folders (directory URLs): link from one folder to the other.
    url = relative_path(page_url(target), page_url(old)) + "/"
    shown = html.escape(title)
    link = html.escape(url)
    return (
        "<!doctype html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"<title>Moved: {shown}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{link}">\n'
        f'<meta http-equiv="refresh" content="0; url={link}">\n'
        f"<script>location.replace({json.dumps(url)} + location.hash);</script>\n"
        "</head>\n"
        "<body>\n"
        f'<p>This page has moved to <a href="{link}">{shown}</a>.</p>\n'
        "</body>\n"
        "</html>\n").encode()


def redirect_files(knowledge: KnowledgeBase, pages: list[Page]) -> dict[str, bytes]:
    """Every redirect page, by path inside the docs folder."""
    titles = {page.path: str(page.context.get("title", "")) for page in pages}
    return {built_page(old): redirect_page(old, target, titles.get(target) or target)
            for old, target in plan_redirects(knowledge, pages).items()}
