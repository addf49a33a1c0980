"""Where every generated page lives, and how one page addresses another: the only place that
knows.

A page is a Markdown file inside the docs folder (``relations/kazakhstan-turkiye.md``);
with mkdocs' directory URLs it is served at ``relations/kazakhstan-turkiye/`` (``page_url``,
from engine/directory_urls.py, which the build's own steps share). Links in Markdown are
written between files (mkdocs checks and rewrites them); links inside raw HTML, such as
pictures, are written as the final relative URLs, which mkdocs leaves alone. (MkDocs' own
``structure/files.py`` gives each file its ``url_relative_to`` the same way.)
"""

from __future__ import annotations

import posixpath

from ..content.registry import Country, Organisation, Person, Region, Topic
from ..engine.directory_urls import page_url, relative_path
from .model import Article, Relation

ARTICLES = "articles"
ARTICLES_INDEX = f"{ARTICLES}/index.md"
# The section folder of each kind of thing that has a page of its own.
_SECTION = ((Country, "countries"), (Organisation, "organisations"), (Person, "people"),
            (Topic, "topics"), (Relation, "relations"), (Article, ARTICLES))


def path_of(thing) -> str:
    """The Markdown file of a thing's page."""
    for kind, section in _SECTION:
        if isinstance(thing, kind):
            return f"{section}/{thing.slug}.md"
    if isinstance(thing, Region):
        return "countries/index.md"  # regions are sections of the countries index
    raise TypeError(f"no page for {thing!r}")


def article_path(slug: str) -> str:
    return f"{ARTICLES}/{slug}.md"


def article_slug(path: str) -> str | None:
    """The slug of the article a page path belongs to; None for any other page."""
    if path.startswith(f"{ARTICLES}/") and path != ARTICLES_INDEX and path.endswith(".md"):
        return path.removeprefix(f"{ARTICLES}/").removesuffix(".md")
    return None


def citation_url(slug: str, anchor: str) -> str:
    """A paragraph of an article, relative to the site root."""
    return f"{page_url(article_path(slug))}#{anchor}"


def relative_url(from_page: str, to_page: str, anchor: str = "") -> str:
    """A Markdown link from one page's file to another's, as mkdocs resolves it.

    This is posixpath.relpath without its cost, which mattered at hundreds of thousands of
    links per build."""
    folder = posixpath.dirname(from_page)
    if not folder:
        target = to_page
    elif to_page.startswith(folder + "/"):
        target = to_page[len(folder) + 1:]
    else:
        target = "../" * (folder.count("/") + 1) + to_page
    return target + (f"#{anchor}" if anchor else "")


def url_relative_to(from_page: str, to_page: str, anchor: str = "") -> str:
    """A link as the browser resolves it, from one served page to another: for raw HTML."""
    relative = relative_path(page_url(to_page), page_url(from_page))
    relative = "./" if relative == "." else relative + "/"
    return relative + (f"#{anchor}" if anchor else "")
