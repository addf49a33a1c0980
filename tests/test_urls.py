"""Page addresses come from one module: a page's file, its served URL, and links between
pages in Markdown (between files) and in raw HTML (between served URLs) agree."""

from __future__ import annotations

import posixpath

import pytest
from mkdocs.structure.files import File

from generator.engine.directory_urls import built_page, relative_path
from generator.knowledge.urls import (
    article_path,
    article_slug,
    citation_url,
    page_url,
    relative_url,
    url_relative_to,
)

PAGES = ["index.md", "countries/index.md", "countries/kazakhstan.md",
         "relations/kazakhstan-turkiye.md", "articles/2025-a.md", "timeline/class-verbal.md",
         "articles/archive/2024.md"]


@pytest.mark.parametrize("here", PAGES)
@pytest.mark.parametrize("there", PAGES)
def test_markdown_links_and_html_links_reach_the_same_page(here, there):
    # A Markdown link is resolved from the file's folder; an HTML link from the served URL.
    by_file = posixpath.normpath(posixpath.join(posixpath.dirname(here),
                                                relative_url(here, there)))
    assert by_file == there
    by_url = posixpath.normpath(posixpath.join("/" + page_url(here), url_relative_to(here, there)))
    assert by_url.lstrip("/") + "/" == (page_url(there) or "/") or (by_url == "/" and
                                                                     page_url(there) == "")


def test_article_paths_round_trip_and_other_pages_are_not_articles():
    assert article_slug(article_path("2025-a")) == "2025-a"
    assert article_slug("articles/index.md") is None
    assert article_slug("countries/kazakhstan.md") is None
    assert citation_url("2025-a", "p-3") == "articles/2025-a/#p-3"


@pytest.mark.parametrize("path", ["index.md", "countries/index.md", "countries/kazakhstan.md",
                                  "relations/kazakhstan-turkiye.md", "about.md",
                                  "countries/kazakhstan/2024.md", "a/b/c/index.md"])
def test_pages_are_where_mkdocs_puts_them(path):
    """The URL and the built file of a page are those mkdocs gives it with directory URLs."""
    file = File(path, "docs", "site", use_directory_urls=True)
    assert page_url(path) == file.url.removeprefix("./")
    assert built_page(path) == file.dest_uri


FOLDERS = ["", ".", "countries", "countries/", "countries/kazakhstan/", "countries/kazakhstan",
           "relations/kazakhstan-turkiye/", "assets/kz.svg", "articles/archive/2024/",
           "articles/", "countries/kazakhstan/2024-03/", "countries/kazakh/", "a/b/c/d/"]


@pytest.mark.parametrize("start", FOLDERS)
@pytest.mark.parametrize("target", FOLDERS)
def test_relative_paths_are_what_posixpath_gives(target, start):
    # relative_path replaces posixpath.relpath for addresses inside the site; "" is the root.
    assert relative_path(target, start) == posixpath.relpath(target or ".", start or ".")
