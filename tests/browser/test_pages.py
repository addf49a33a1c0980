"""Every page of the sitemap, loaded in Chromium as a reader would: no console error, no request
to another host, no broken link or anchor, no accessibility violation of ours."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import missing_tool
from tests.conftest import REPO
from tests.sitecheck import page_file, parse_page

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
# The two violations a stock Material page has (measured on an empty
# Material site): not ours to fix.
THEME_VIOLATIONS = {"aria-dialog-name": None, "color-contrast": ".md-copyright"}


@dataclass
class PageReport:
    path: str
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)


def ours(violation: dict) -> list[str]:
    """The nodes of an axe violation that our pages, not the theme, are responsible for."""
    scope = THEME_VIOLATIONS.get(violation["id"], "")
    if violation["id"] in THEME_VIOLATIONS and scope is None:
        return []
    nodes = []
    for node in violation["nodes"]:
        target = " ".join(str(part) for part in node["target"])
        if scope and (scope in target or scope in node.get("html", "")):
            continue
        nodes.append(f"{violation['id']}: {target}: {node.get('failureSummary', '')[:200]}")
    return nodes


def axe_violations(page, scope: str = "document") -> list[str]:
    """axe's violations of ours on the page loaded, in the part ``scope`` (a script) names."""
    if not AXE.exists():
        missing_tool("axe-core is missing: run 'make test' (it runs scripts/setup-test-tools)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(f"() => axe.run({scope}, {{resultTypes: ['violations']}})")
    return [node for violation in result["violations"] for node in ours(violation)]


def visit(page, watch, url: str, report: PageReport) -> None:
    watch.errors.clear()
    watch.foreign.clear()
    page.goto(url, wait_until="load")
    page.wait_for_timeout(50)
    # SVG links (in pictures) have no string href: resolve the attribute as the browser does.
    report.links = page.eval_on_selector_all(
        "a[href]", "links => links.map(a => new URL(a.getAttribute('href'), document.baseURI).href)")
    report.violations += axe_violations(page)
    report.errors = list(watch.errors)
    report.foreign = list(watch.foreign)


@pytest.fixture(scope="module")
def reports(browser, site_url, sitemap_paths) -> dict[str, PageReport]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    from tests.browser.conftest import PageWatch

    watch = PageWatch(page, site_url)
    collected = {}
    for path in sitemap_paths:
        report = PageReport(path)
        visit(page, watch, site_url + path, report)
        collected[path] = report
    context.close()
    return collected


def test_every_page_loads_without_console_errors(reports):
    failing = {path: r.errors for path, r in reports.items() if r.errors}
    assert failing == {}


def test_no_page_requests_another_host(reports):
    failing = {path: r.foreign for path, r in reports.items() if r.foreign}
    assert failing == {}


def test_no_broken_internal_link_or_anchor(reports, built_site, site_url):
    host = urlsplit(site_url).netloc
    anchors: dict[str, set[str]] = {}
    broken = []
    for path, report in reports.items():
        for href in report.links:
            parts = urlsplit(href)
            if parts.netloc != host:
                continue
            target = page_file(built_site, parts.path)
            if not target.exists():
                broken.append(f"{path} -> {href}")
                continue
            if parts.fragment and target.suffix == ".html":
                if parts.path not in anchors:
                    anchors[parts.path] = parse_page(target).ids
                if parts.fragment not in anchors[parts.path]:
                    broken.append(f"{path} -> {href} (no such anchor)")
    assert broken == []


def test_axe_finds_nothing_of_ours(reports):
    failing = {path: r.violations for path, r in reports.items() if r.violations}
    assert failing == {}


@pytest.mark.parametrize("path", ["/", "/relations/kazakhstan-turkiye/",
                                  "/articles/2025-kazakhstan-turkiye-strategic-ties/",
                                  "/countries/kazakhstan/"])
def test_axe_finds_nothing_of_ours_in_the_dark_scheme(desktop, site_url, path):
    page, watch = desktop
    page.goto(site_url + path)
    # Material's palette switch; the choice is kept for the next page load.
    page.click("form[data-md-component='palette'] label:not([hidden])")
    dark = "document.body.getAttribute('data-md-color-scheme') === 'slate'"
    page.wait_for_function(dark)
    report = PageReport(path)
    visit(page, watch, site_url + path, report)
    assert page.evaluate(dark)
    assert report.violations == []


def test_a_citation_lands_on_its_paragraph_which_is_marked(desktop, site_url):
    page, _ = desktop
    page.goto(site_url + "/relations/kazakhstan-turkiye/")
    row = page.locator("tr", has_text="more than 5 billion USD").first
    link = row.locator(".cite a").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_load_state("load")
    anchor = urlsplit(page.url).fragment
    assert anchor == urlsplit(href).fragment and anchor.startswith("p-")
    paragraph = page.locator(f"#{anchor}")
    assert "$5 billion" in paragraph.inner_text()
    assert paragraph.is_visible()
    box = paragraph.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"]
    marked = paragraph.evaluate("el => getComputedStyle(el).borderLeftColor")
    unmarked = page.locator(".article-body .paragraph:not(:target)").first.evaluate(
        "el => getComputedStyle(el).borderLeftColor")
    assert marked != unmarked and marked not in ("rgba(0, 0, 0, 0)", "transparent")
