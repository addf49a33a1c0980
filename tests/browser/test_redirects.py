"""A renamed country's old addresses, followed in Chromium, land on its new page."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from generator.cli import main
from tests.browser.conftest import serve
from tests.conftest import write_small_project
from tests.test_redirects import COUNTRIES, NAMED_TURKEY, RENAMED


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory):
    """A site built while Türkiye was called Turkey, then rebuilt after the rename."""
    project = write_small_project(tmp_path_factory.mktemp("renamed") / "site")
    (project / COUNTRIES).write_text(NAMED_TURKEY, encoding="utf-8")
    assert main(["--project", str(project), "-q", "build"]) == 0
    (project / COUNTRIES).write_text(RENAMED, encoding="utf-8")
    assert main(["--project", str(project), "-q", "build", "--incremental"]) == 0
    with serve(project / "build" / "site") as url:
        yield url


@pytest.mark.parametrize(("old", "new"), [
    ("/countries/turkey/", "/countries/turkiye/"),
    ("/relations/kazakhstan-turkey/", "/relations/kazakhstan-turkiye/"),
    # The anchor comes along: a link to a section of the old page lands on that section.
    ("/countries/turkey/#relations", "/countries/turkiye/#relations"),
])
def test_an_old_address_lands_on_the_new_page(browser, renamed_site, old, new):
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(renamed_site + old)
    page.wait_for_url(renamed_site + new)
    page.wait_for_load_state("load")
    landed = urlsplit(page.url)
    assert landed.path + (f"#{landed.fragment}" if landed.fragment else "") == new
    assert "Türkiye" in page.locator("h1").first.inner_text()
    assert errors == []
    context.close()
