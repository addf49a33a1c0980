"""Where mkdocs serves a Markdown page with directory URLs (``use_directory_urls``, its
default and ours): ``relations/kazakhstan-turkiye.md`` at ``relations/kazakhstan-turkiye/``,
built as that folder's ``index.html``; an ``index.md`` at its own folder. (MkDocs' own
``structure/files.py`` gives each file its ``url`` and ``dest_uri`` the same way.)"""

from __future__ import annotations

BUILT_PAGE = "index.html"


def page_url(path: str) -> str:
    """The directory URL mkdocs serves a page at, relative to the site root ("" for the home
    page)."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return (stem.removesuffix("/index") if stem.endswith("/index") else stem) + "/"


def built_page(path: str) -> str:
    """The HTML file mkdocs builds a page into, relative to the site folder."""
    return page_url(path) + BUILT_PAGE
