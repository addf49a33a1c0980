"""The pictures in Chromium: screenshots on desktop and mobile, network nodes that navigate,
marks that open their source, and pictures that fit a 390-pixel screen."""

from __future__ import annotations

import pytest

PAGES = {"kazakhstan": "/countries/kazakhstan/", "kazakhstan-turkiye":
         "/relations/kazakhstan-turkiye/", "home": "/"}
PICTURE_BYTES = 200_000


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("device", ["desktop", "mobile"])
def test_screenshots_show_every_picture(request, device, name, site_url, tmp_path_factory):
    page, watch = request.getfixturevalue(device)
    page.goto(site_url + PAGES[name], wait_until="load")
    figures = page.locator("figure.picture")
    assert figures.count() >= 1
    width = page.evaluate("window.innerWidth")
    for index in range(figures.count()):
        picture = figures.nth(index)
        picture.scroll_into_view_if_needed()
        box = picture.locator("svg").bounding_box()
        # Drawn, visible, and within the screen's width (no sideways scrolling).
        assert box["width"] > 200 and box["height"] > 40
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1
    folder = tmp_path_factory.mktemp("screenshots")
    shot = folder / f"{name}-{device}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert watch.errors == [] and watch.foreign == []


def test_every_page_keeps_its_pictures_small(desktop, site_url, sitemap_paths):
    page, _ = desktop
    heavy = {}
    for path in sitemap_paths:
        page.goto(site_url + path, wait_until="load")
        size = page.evaluate("""() => [...document.querySelectorAll('figure.picture')]
                                .reduce((total, f) => total + f.outerHTML.length, 0)""")
        if size > PICTURE_BYTES:
            heavy[path] = size
    assert heavy == {}


def test_a_network_node_opens_its_page(desktop, site_url):
    page, _ = desktop
    page.goto(site_url + "/countries/kazakhstan/", wait_until="load")
    node = page.locator("figure.picture-network a[aria-label='Türkiye']")
    node.scroll_into_view_if_needed()
    node.click()
    page.wait_for_url("**/countries/turkiye/")
    assert page.locator("h1").inner_text() == "Türkiye"


def test_a_network_edge_opens_the_relation(desktop, site_url):
    page, _ = desktop
    page.goto(site_url + "/", wait_until="load")
    edges = page.locator("figure.picture-network a:has(line.edge)")
    assert edges.count() >= 5
    label = edges.first.get_attribute("aria-label")
    edges.first.dispatch_event("click")
    page.wait_for_url("**/relations/**")
    first, second = label.split(":")[0].split(" – ")
    heading = page.locator("h1").inner_text()
    assert first in heading and second in heading


def test_a_timeline_mark_opens_its_source_paragraph(desktop, site_url):
    page, _ = desktop
    page.goto(site_url + "/relations/kazakhstan-turkiye/", wait_until="load")
    mark = page.locator("figure.picture-timeline a").first
    target = mark.get_attribute("href")
    mark.scroll_into_view_if_needed()
    mark.click()
    page.wait_for_url("**/articles/**")
    anchor = target.split("#")[1]
    assert page.evaluate("location.hash") == f"#{anchor}"
    assert page.locator(f"[id='{anchor}']").is_visible()


def test_pictures_follow_the_dark_scheme(desktop, site_url):
    page, _ = desktop
    page.goto(site_url + "/countries/kazakhstan/", wait_until="load")
    label = page.locator("figure.picture-network text.node-label").first
    light = label.evaluate("el => getComputedStyle(el).fill")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    dark = label.evaluate("el => getComputedStyle(el).fill")
    assert light != dark
