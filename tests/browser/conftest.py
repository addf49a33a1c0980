"""Browser tests: the built sample site served on 127.0.0.1 and read in Chromium.

Playwright for Python drives the system's Chromium or Chrome (found by tests/browser/chromium.py:
BRIEFINGS_CHROMIUM, else PATH); no browser is ever downloaded. Without the browser or another
tool these tests need, they are skipped with what to install; with BRIEFINGS_REQUIRE_BROWSER=1
(set by 'make test' and CI, which install the tools first) they fail instead, so that a missing
browser can never pass unnoticed.
"""

from __future__ import annotations

import functools
import os
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest

from tests.browser.chromium import find_chromium

REQUIRE = "BRIEFINGS_REQUIRE_BROWSER"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def missing_tool(message: str) -> None:
    """Skip the test for want of a tool, or fail it where the tools must be there."""
    if os.environ.get(REQUIRE, "") not in ("", "0"):
        pytest.fail(f"{message} ({REQUIRE} is set: the browser tests must run here)",
                    pytrace=False)
    pytest.skip(f"{message} (set {REQUIRE}=1 to make this a failure)")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the name http.server uses
        pass


@contextmanager
def serve(folder: Path, handler_class=None):
    """Serve a built site on 127.0.0.1 (a free port) while the block runs."""
    handler = functools.partial(handler_class or QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    chromium, problem = find_chromium()
    if chromium is None:
        missing_tool(problem)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_tool("Playwright for Python is missing: run 'make test' or "
                     "'pip install -e .[test]'")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageWatch:
    """What a page did while loading: console errors and requests to other hosts."""

    def __init__(self, page, site_url: str):
        self.page = page
        self.errors: list[str] = []
        self.foreign: list[str] = []
        host = urlsplit(site_url).netloc
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("request", lambda r: self.foreign.append(r.url)
                if urlsplit(r.url).netloc not in (host, "") and not r.url.startswith("data:")
                else None)


@pytest.fixture
def desktop(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = PageWatch(page, site_url)
    yield page, watch
    context.close()


@pytest.fixture
def mobile(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    page = context.new_page()
    watch = PageWatch(page, site_url)
    yield page, watch
    context.close()


@pytest.fixture(scope="session")
def sitemap_paths(built_site) -> list[str]:
    """Every page the sitemap lists, as URL paths."""
    tree = ElementTree.parse(built_site / "sitemap.xml")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    paths = [urlsplit(loc.text).path for loc in tree.findall(".//s:loc", namespace)]
    assert len(paths) > 50
    return paths
