"""At 390×844 no page scrolls sideways, and the menu reaches every section."""

from __future__ import annotations

from urllib.parse import urlsplit

import yaml

from tests.conftest import REPO

OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


def test_no_page_scrolls_sideways(mobile, site_url, sitemap_paths):
    page, _ = mobile
    wide = {}
    for path in sitemap_paths:
        page.goto(site_url + path, wait_until="load")
        extra = page.evaluate(OVERFLOW)
        if extra > 0:
            wide[path] = extra
    assert wide == {}


def nav_sections() -> list[tuple[str, str]]:
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return [next(iter(entry.items())) for entry in config["nav"]]


def test_the_menu_reaches_every_section(mobile, site_url):
    page, _ = mobile
    for title, target in nav_sections():
        page.goto(site_url + "/countries/kazakhstan/")
        page.click("label.md-header__button[for='__drawer']")
        drawer = page.locator("nav.md-nav--primary")
        link = drawer.locator("a.md-nav__link", has_text=title).first
        link.wait_for(state="visible", timeout=5000)
        # The drawer slides in: wait until the link has arrived on screen.
        page.wait_for_function("el => el.getBoundingClientRect().left >= 0",
                               arg=link.element_handle(), timeout=5000)
        box = link.bounding_box()
        assert box and 0 <= box["x"] and box["x"] + box["width"] <= 390, title
        link.click()
        page.wait_for_load_state("load")
        expected = "/" + target.removesuffix("index.md")
        assert urlsplit(page.url).path == expected, title
