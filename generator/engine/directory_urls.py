"""Where mkdocs serves a Markdown page with directory URLs (``use_directory_urls``, its
default and ours): ``relations/kazakhstan-turkiye.md`` at ``relations/kazakhstan-turkiye/``,
built as that folder's ``index.html``; an ``index.md`` at its own folder. (MkDocs' own
``structure/files.py`` gives each file its ``url`` and ``dest_uri`` the same way.)"""

from __future__ import annotations

import posixpath

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


def relative_path(target: str, start: str) -> str:
    """posixpath.relpath(target, start) for paths inside the site ("" or "." for its root):
    the same answer from the paths' parts alone. relpath makes both absolute first, asking
    the operating system for the working folder each time: the links of a relation page's
    pictures took an eighth of its rendering."""
    target_parts = [part for part in target.split("/") if part not in ("", ".")]
    start_parts = [part for part in start.split("/") if part not in ("", ".")]
    if ".." in target_parts or ".." in start_parts:
        return posixpath.relpath(target or ".", start or ".")
    common = 0
    for ours, theirs in zip(target_parts, start_parts, strict=False):  # lengths differ
        if ours != theirs:
            break
        common += 1
    parts = [".."] * (len(start_parts) - common) + target_parts[common:]
    return "/".join(parts) or "."
