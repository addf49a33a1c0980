"""`briefings serve`: a saved change to content/, templates/ or mkdocs.yml shows in the open
page by itself (live reload), with no click on reload. How fast is measured by
the benchmark (benchmarks/run.py, serve_latency), not here."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import write_small_project
from tests.test_cli import _fetch, _free_port, _wait_for, stop

RELOAD_WAIT_MS = 15000  # generous: this checks that the page reloads, not how fast
# Asked while the page reloads, the new document may have no body yet.
SHOWS = "document.body && document.body.innerText.includes('{}')"


@pytest.fixture
def served(tmp_path):
    project = write_small_project(tmp_path / "site")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "--project", str(project), "serve", "--port",
         str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        assert _wait_for(lambda: "went to Ankara" in _fetch(url + "/articles/2025-test/"), 60)
        yield project, url
    finally:
        stop(server)
        server.wait(timeout=30)


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_saved_changes_reload_the_open_page(browser, served):
    project, url = served
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "/articles/2025-test/")
    page.wait_for_timeout(500)  # let the live-reload script connect

    edit(project / "content" / "articles" / "2025-test.md", "for talks", "for long talks")
    page.wait_for_function(SHOWS.format("for long talks"),
                           timeout=RELOAD_WAIT_MS)

    edit(project / "templates" / "article.md.j2", "<div class=\"annotations\"",
         "<p>Template edited.</p>\n\n<div class=\"annotations\"")
    page.wait_for_function(SHOWS.format("Template edited."),
                           timeout=RELOAD_WAIT_MS)

    edit(project / "mkdocs.yml", "site_name: European Neighbourhood Briefings",
         "site_name: Renamed Briefings")
    page.wait_for_function("document.title.includes('Renamed Briefings')",
                           timeout=RELOAD_WAIT_MS)
    context.close()


def test_serve_searches_the_site_it_serves(browser, served):
    """Pagefind indexes the served site after each build: a saved article's new words are
    found (in the background, so the test waits for the index)."""
    from tests.browser.test_search import search

    project, url = served
    context = browser.new_context()
    page = context.new_page()
    assert search(page, url, "Tokayev")[0] == "/people/kassym-jomart-tokayev/"
    edit(project / "content" / "articles" / "2025-test.md", "for talks", "for talks on Zhezkazgan")
    for _ in range(60):
        page.wait_for_timeout(500)
        page.goto(url + "/articles/")  # a page load reads the index as it is now
        page.click("input.md-search__input")
        page.keyboard.type("Zhezkazgan", delay=20)
        page.wait_for_timeout(600)
        found = page.eval_on_selector_all(".md-search-result__item > .md-search-result__link",
                                          "links => links.map(link => link.href)")
        if found:
            break
    assert found and found[0].endswith("/articles/2025-test/"), found
    context.close()
