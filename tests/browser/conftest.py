"""Browser tests: the built sample site served on 127.0.0.1 and read in Debian's Chromium.

Playwright for Python drives the system browser; no browser is ever downloaded. Without
Chromium these tests fail with the command that installs it (in CI a missing browser must be
a failure, never a skip).
"""

from __future__ import annotations

import functools
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
INSTALL_HINT = ("Chromium is needed for the browser tests: run 'make test' (it installs the "
                "test tools) or 'apt-get install chromium'")


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
    if not CHROMIUM.exists():
        pytest.fail(INSTALL_HINT, pytrace=False)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright for Python is missing: run 'make test' or "
                    "'pip install -e .[test]'", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
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
