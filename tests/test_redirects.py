"""Renaming keeps old addresses working: every alias's address is a redirect to the page."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.build import check, load_project
from generator.site.pages import plan_pages
from generator.site.redirects import plan_redirects, redirect_page
from tests.sitecheck import parse_page

COUNTRIES = Path("content") / "entities" / "countries.yml"
NAMED_TURKEY = """\
- id: TR
  name: Turkey
  demonyms: [Turkish]
- id: KZ
  demonyms: [Kazakh]
"""
RENAMED = """\
- id: TR
  name: Türkiye
  aliases: [Turkey]
  demonyms: [Turkish]
- id: KZ
  demonyms: [Kazakh]
"""


def redirects_of(project: Path) -> dict[str, str]:
    knowledge, problems = check(load_project(project))
    assert knowledge is not None, problems.sorted()
    return plan_redirects(knowledge, plan_pages(knowledge))


def redirect_target(page: Path) -> str:
    """Where a built redirect page sends the reader (and asserts it is one)."""
    text = page.read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' in text and "data-pagefind-body" not in text
    parsed = parse_page(page)
    [(href, _)] = parsed.links
    assert f'content="0; url={href}"' in text and f'rel="canonical" href="{href}"' in text
    return href


def test_every_alias_of_a_page_s_subject_leads_to_the_page(small_project):
    redirects = redirects_of(small_project)
    # Türkiye's aliases: Turkey and Turkiye; the second gives its own address, so no redirect.
    assert redirects["countries/turkey.md"] == "countries/turkiye.md"
    assert "countries/turkiye.md" not in redirects
    # A relation's address with one actor under an alias.
    assert redirects["relations/kazakhstan-turkey.md"] == "relations/kazakhstan-turkiye.md"
    assert all(target in {page.path for page in plan_pages(check(load_project(
        small_project))[0])} for target in redirects.values())


def test_a_page_that_exists_wins_and_an_address_two_subjects_claim_leads_nowhere(
        small_project):
    (small_project / COUNTRIES).write_text("""\
- id: TR
  name: Türkiye
  aliases: [Kazakhstan, Turan]
- id: KZ
  aliases: [Turan]
""", encoding="utf-8")
    redirects = redirects_of(small_project)
    assert "countries/kazakhstan.md" not in redirects  # Kazakhstan's own page
    assert "countries/turan.md" not in redirects  # whose is it? neither's
    assert not any(old.startswith("countries/") for old in redirects)


def test_a_renamed_article_keeps_its_old_address(small_project, run):
    articles = small_project / "content" / "articles"
    for suffix in ("md", "yml"):
        (articles / f"2025-test.{suffix}").rename(articles / f"2025-talks.{suffix}")
    article = articles / "2025-talks.md"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "topics: [middle-corridor]", "topics: [middle-corridor]\naliases: [2025-test]"),
        encoding="utf-8")
    assert run(small_project, "generate").code == 0
    page = small_project / "build" / "docs" / "articles" / "2025-test" / "index.html"
    assert redirect_target(page) == "../2025-talks/"
    # Taking the alias out takes the redirect away.
    article.write_text(article.read_text(encoding="utf-8").replace("aliases: [2025-test]\n",
                                                                   ""), encoding="utf-8")
    assert run(small_project, "generate").code == 0
    assert not page.exists() and not page.parent.exists()


def test_aliases_of_an_article_must_be_a_list(small_project, run):
    article = small_project / "content" / "articles" / "2025-test.md"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "topics: [middle-corridor]", "topics: [middle-corridor]\naliases: 2025-old"),
        encoding="utf-8")
    result = run(small_project, "check")
    assert result.code == 1
    assert "content/articles/2025-test.md:7: aliases: expected a list of texts" in result.err
    assert "Traceback" not in result.err


def test_a_redirect_page_shows_its_title_as_text():
    page = redirect_page("organisations/old.md", "organisations/new.md",
                         '<script>alert(1)</script> & "co"').decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;" in page
    # The only script is ours: it carries the #anchor along to the new address.
    assert page.count("<script>") == 1
    assert 'location.replace("../new/" + location.hash)' in page


def test_renaming_a_country_keeps_its_old_addresses_working(small_project, run):
    """The rename test: a site built with Turkey, then with Türkiye and the alias Turkey."""
    (small_project / COUNTRIES).write_text(NAMED_TURKEY, encoding="utf-8")
    assert run(small_project, "-q", "build").code == 0
    site = small_project / "build" / "site"
    old = site / "countries" / "turkey" / "index.html"
    old_relation = site / "relations" / "kazakhstan-turkey" / "index.html"
    assert "data-pagefind-body" in old.read_text(encoding="utf-8")  # a real page
    assert "data-pagefind-body" in old_relation.read_text(encoding="utf-8")

    (small_project / COUNTRIES).write_text(RENAMED, encoding="utf-8")
    result = run(small_project, "-q", "build", "--incremental")
    assert result.code == 0, result.err
    new = site / "countries" / "turkiye" / "index.html"
    assert "<h1" in new.read_text(encoding="utf-8") and "Türkiye" in new.read_text(
        encoding="utf-8")
    assert redirect_target(old) == "../turkiye/"
    assert "Türkiye" in parse_page(old).links[0][1]
    assert redirect_target(old_relation) == "../kazakhstan-turkiye/"
    # Redirects are not pages: the sitemap leaves them out, and so does search.
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/countries/turkiye/" in sitemap and "/countries/turkey/" not in sitemap

    # A cold build gives the same redirects.
    cold = small_project.parent / "cold"
    shutil.copytree(small_project, cold, ignore=shutil.ignore_patterns("build"))
    assert run(cold, "-q", "build").code == 0
    for page in (Path("countries/turkey/index.html"),
                 Path("relations/kazakhstan-turkey/index.html")):
        assert (cold / "build" / "site" / page).read_bytes() == (site / page).read_bytes()


def test_the_sample_site_leads_turkey_to_turkiye(built_site):
    """The sample's Türkiye keeps Turkey as an alias: its old address is a redirect, which
    the sitemap does not list (nor search: it has no data-pagefind-body)."""
    assert redirect_target(built_site / "countries" / "turkey" / "index.html") == "../turkiye/"
    assert redirect_target(built_site / "relations" / "kazakhstan-turkey" / "index.html") == \
        "../kazakhstan-turkiye/"
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/countries/turkey/" not in sitemap and "/countries/turkiye/" in sitemap
