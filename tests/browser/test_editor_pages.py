"""The editors' pages of the sample site, reached from the nav as a reader would."""

from __future__ import annotations


def test_the_about_page_is_in_the_nav_and_has_its_edit_button(desktop, site_url):
    page, watch = desktop
    page.goto(site_url + "/")
    tabs = page.locator(".md-tabs__link")
    labels = [text.strip() for text in tabs.all_inner_texts()]
    assert labels[labels.index("Data") + 1:labels.index("Data") + 3] == ["About", "Methodology"]
    tabs.filter(has_text="About").click()
    page.wait_for_url(site_url + "/about/")
    assert page.locator("h1").first.inner_text() == "About this site"
    edit = page.locator('a[rel="edit"]')
    assert edit.is_visible()
    assert edit.get_attribute("href").endswith("/edit/main/content/pages/about.md")
    # A link in the editor's text to another page of the site works from where it is shown.
    page.locator(".editor-page a", has_text="methodology page").click()
    page.wait_for_url(site_url + "/methodology/")
    assert page.locator("h1").first.inner_text() == "How we source and score"
    # Its headings are in the table of contents.
    toc = page.get_by_role("navigation", name="Table of contents").last.inner_text()
    assert "Which way things are moving" in toc
    assert watch.errors == [] and watch.foreign == []
