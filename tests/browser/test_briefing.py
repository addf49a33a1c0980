"""The first screen briefs: on a phone and on a laptop, the bottom line of a country,
relation, organisation and topic page is read without scrolling; the home page opens with
what changed; trend arrows are also words; the timeline filters in place."""

from __future__ import annotations

import pytest

ENTITY_PAGES = ["/relations/kazakhstan-turkiye/", "/relations/azerbaijan-russia/",
                "/countries/kazakhstan/", "/countries/azerbaijan/", "/organisations/ots/",
                "/organisations/cpc/", "/topics/trade/", "/topics/middle-corridor/"]
BOX = """selector => { const e = document.querySelector(selector); if (!e) return null;
  const r = e.getBoundingClientRect();
  return {top: r.top + window.scrollY, bottom: r.bottom + window.scrollY, left: r.left,
          right: r.right}; }"""


@pytest.fixture(params=[(390, 844), (1280, 800)], ids=["phone", "laptop"])
def screen(request, browser, site_url):
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height},
                                  is_mobile=width < 500, has_touch=width < 500)
    page = context.new_page()
    yield page, width, height
    context.close()


@pytest.mark.parametrize("path", ENTITY_PAGES)
def test_the_bottom_line_is_on_the_first_screen(screen, site_url, path):
    page, width, height = screen
    page.goto(site_url + path, wait_until="load")
    box = page.evaluate(BOX, ".bottom-line")
    assert box is not None, "no bottom line"
    assert box["bottom"] <= height, f"the bottom line ends at {box['bottom']:.0f} px"
    assert 0 <= box["left"] and box["right"] <= width
    # Nothing of the page's own content comes before it.
    first = page.evaluate("""() => { const h = document.querySelector('.md-content h1');
        let e = h.nextElementSibling; return e.className; }""")
    assert "bottom-line" in first
    visible = page.locator(".bottom-line").inner_text()
    assert "Trend:" in visible


@pytest.mark.parametrize("path", ENTITY_PAGES)
def test_trend_arrows_have_a_text_equivalent(mobile, site_url, path):
    page, _ = mobile
    page.goto(site_url + path, wait_until="load")
    trends = page.locator(".bottom-line .trend")
    assert trends.count() >= 1
    for number in range(trends.count()):
        trend = trends.nth(number)
        arrow = trend.locator(".trend-arrow")
        assert arrow.get_attribute("aria-hidden") == "true"
        words = trend.inner_text().replace(arrow.inner_text(), "").strip()
        assert words in ("improving", "deteriorating", "unchanged", "not enough data")
        # What a screen reader announces is the word, not the arrow.
        assert trend.evaluate("e => e.textContent").strip().endswith(words)


def test_the_home_page_opens_with_changes_not_a_map(screen, site_url):
    page, _, height = screen
    page.goto(site_url + "/", wait_until="load")
    changes = page.evaluate(BOX, "#latest-changes li")
    assert changes is not None and changes["top"] < height, "no change on the first screen"
    first_map = page.evaluate(BOX, ".locator")
    assert first_map is None or first_map["top"] >= height, "a map on the first screen"


def test_the_timeline_filters_in_place(desktop, site_url):
    page, watch = desktop
    page.goto(site_url + "/timeline/", wait_until="load")
    form = page.locator("#timeline-filter")
    assert form.is_visible()
    total = page.locator(".timeline-list > li").count()
    page.select_option("#timeline-filter select[name=class]", "material-conflict")
    shown = page.locator(".timeline-list > li:not([hidden])")
    assert 0 < shown.count() < total
    for number in range(shown.count()):
        assert shown.nth(number).get_attribute("data-class") == "material-conflict"
    page.select_option("#timeline-filter select[name=country]", "KZ")
    for number in range(shown.count()):
        assert "KZ" in shown.nth(number).get_attribute("data-actors").split()
    assert "events shown" in page.locator("#timeline-filter output").inner_text()
    assert watch.errors == []


def test_without_scripts_the_timeline_links_a_page_per_filter(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/timeline/", wait_until="load")
    assert not page.locator("#timeline-filter").is_visible()
    page.click("text=material conflict")
    page.wait_for_load_state("load")
    assert page.url.endswith("/timeline/class-material-conflict/")
    classes = {page.locator(".timeline-list > li").nth(n).get_attribute("data-class")
               for n in range(page.locator(".timeline-list > li").count())}
    assert classes == {"material-conflict"}
    context.close()
