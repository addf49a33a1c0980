"""Locator maps as a reader sees them: desktop and mobile screenshots of the Kazakhstan page,
the Kazakhstan–Türkiye page and the home page; the right countries highlighted; the map on
screen, as wide as the phone allows and no wider; in both colour schemes."""

from __future__ import annotations

import pytest

from generator.build import check, load_project
from tests.conftest import REPO

DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 390, "height": 844}

# What each layer of a page's map holds: locator-first is filled in, locator-second hatched.
HIGHLIGHTED = """(svg) => {
  const codes = (selector) => [...svg.querySelectorAll(selector)]
      .map((element) => element.dataset.code).sort();
  return {first: codes('.locator-first [data-code]'), second: codes('.locator-second [data-code]'),
          land: codes('.locator-land [data-code]'),
          shaded: codes('.locator-land [data-code][class^="locator-c"]'),
          labels: [...svg.querySelectorAll('text')].map((text) => text.textContent).sort()};
}"""

STYLE = """(element) => {
  const style = getComputedStyle(element);
  return {fill: style.fill, stroke: style.stroke, width: parseFloat(style.strokeWidth)};
}"""


@pytest.fixture(scope="module")
def covered() -> list[str]:
    """The countries at least one sample article covers: the home page's shaded ones."""
    knowledge, problems = check(load_project(REPO))
    assert knowledge is not None, problems
    return sorted(code for code in knowledge.countries_with_pages()
                  if knowledge.articles_about("country", code))


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    return tmp_path_factory.mktemp("map-screenshots")


def open_map(browser, site_url, path: str, viewport: dict, shots, name: str, dark=False):
    context = browser.new_context(viewport=viewport, is_mobile=viewport is MOBILE,
                                  has_touch=viewport is MOBILE)
    page = context.new_page()
    page.goto(site_url + path, wait_until="load")
    if dark:
        page.click("form[data-md-component='palette'] label:not([hidden])")
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    figure = page.locator("figure.locator")
    assert figure.count() == 1
    figure.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / f"{name}.png"))
    figure.screenshot(path=str(shots / f"{name}-map.png"))
    return context, page, page.locator("figure.locator svg.locator-map")


def check_fits(page, svg, viewport: dict) -> None:
    """On screen, as wide as its column, never wider than the window, in proportion."""
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    assert box["width"] > (340 if viewport is MOBILE else 300)
    width, height = (int(n) for n in svg.get_attribute("viewBox").split()[2:])
    assert abs(box["height"] / box["width"] - height / width) < 0.02
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "mobile"])
def test_the_kazakhstan_page_shows_kazakhstan_among_its_neighbours(browser, site_url, shots,
                                                                   viewport):
    name = f"kazakhstan-{'mobile' if viewport is MOBILE else 'desktop'}"
    context, page, svg = open_map(browser, site_url, "/countries/kazakhstan/", viewport,
                                  shots, name)
    layers = svg.evaluate(HIGHLIGHTED)
    assert layers["first"] == ["KZ"] and layers["second"] == []
    assert {"CN", "KG", "RU", "TM", "UZ"} <= set(layers["land"])
    assert layers["labels"] == ["Kazakhstan"]
    check_fits(page, svg, viewport)
    # Not by colour alone: the highlighted country is outlined more heavily and labelled.
    kazakhstan = svg.locator("[data-code='KZ']").evaluate(STYLE)
    russia = svg.locator("[data-code='RU']").evaluate(STYLE)
    assert kazakhstan["fill"] != russia["fill"] and kazakhstan["width"] >= 2 * russia["width"]
    caption = page.locator("figure.locator figcaption")
    assert "with its neighbours" in caption.inner_text()
    assert caption.locator("a", has_text="Russia").count() == 1
    assert (shots / f"{name}.png").stat().st_size > 10_000
    context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "mobile"])
def test_the_relation_page_shows_both_countries(browser, site_url, shots, viewport):
    name = f"kazakhstan-turkiye-{'mobile' if viewport is MOBILE else 'desktop'}"
    context, page, svg = open_map(browser, site_url, "/relations/kazakhstan-turkiye/",
                                  viewport, shots, name)
    layers = svg.evaluate(HIGHLIGHTED)
    assert layers["first"] == ["KZ"] and layers["second"] == ["TR"]
    assert layers["labels"] == ["Kazakhstan", "Türkiye"]
    check_fits(page, svg, viewport)
    kazakhstan = svg.locator("[data-code='KZ']").evaluate(STYLE)
    turkiye = svg.locator("[data-code='TR']").evaluate(STYLE)
    assert "url(" in turkiye["fill"] and "url(" not in kazakhstan["fill"]  # hatched, filled
    caption = page.locator("figure.locator figcaption").inner_text()
    assert "Kazakhstan" in caption and "Türkiye" in caption
    assert page.locator("figure.locator .locator-key").count() == 2
    context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "mobile"])
def test_the_home_page_shades_the_countries_the_articles_cover(browser, site_url, shots,
                                                               viewport, covered):
    name = f"home-{'mobile' if viewport is MOBILE else 'desktop'}"
    context, page, svg = open_map(browser, site_url, "/", viewport, shots, name)
    layers = svg.evaluate(HIGHLIGHTED)
    assert layers["shaded"] == covered
    assert layers["first"] == [] and layers["second"] == []
    check_fits(page, svg, viewport)
    legend = page.locator("figure.locator figcaption .locator-key")
    assert legend.count() >= 2
    description = svg.locator("desc").text_content()
    assert "Most covered: Kazakhstan" in description
    context.close()


@pytest.mark.parametrize("path", ["/countries/kazakhstan/", "/relations/kazakhstan-turkiye/",
                                  "/"])
def test_the_maps_follow_the_dark_scheme(browser, site_url, shots, path):
    name = "dark-" + (path.strip("/").replace("/", "-") or "home")
    context, page, svg = open_map(browser, site_url, path, DESKTOP, shots, name, dark=True)
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    land = svg.locator(".locator-land path").first.evaluate(STYLE)
    label = svg.locator("text")
    # Land shows against the dark page, and labels are light on it.
    assert land["fill"] not in (background, "rgb(255, 255, 255)", "rgb(0, 0, 0)")
    if label.count():
        colour = label.first.evaluate("(text) => getComputedStyle(text).fill")
        channels = [int(n) for n in colour[colour.index("(") + 1:].split(",")[:3]]
        assert sum(channels) > 3 * 180
    context.close()
