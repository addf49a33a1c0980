"""Editors' pages (content/pages/): published as written, safely, in the nav where they say."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from generator.site.site_config import SITE_CONFIG, nav_with_pages
from tests.sitecheck import parse_page

PAGES = Path("content") / "pages"
ABOUT = """\
---
title: About this site
nav_title: About
nav_after: Data
---
We write about the neighbourhood.

# What we cover

Read [how we work](/methodology/#sources), [the data](/data/), a
[country](/countries/kazakhstan/) or [Wikipedia](https://en.wikipedia.org/).
"""
METHODOLOGY = """\
---
title: How we work
nav_title: Methodology
nav_after: About
---
## Sources

Every statement has a source.
"""
IMPRINT = """\
---
title: Imprint
in_nav: false
---
Published by the desk.
"""
UNTRUSTED = """\
---
title: Corrections <script>alert(1)</script>
nav_title: Fixes <b>now</b>
---
<script>alert("body")</script> and <img src=x onerror=alert(2)>

[click](javascript:alert(3)) ![a chart](https://elsewhere.example/chart.png)

<div onclick="alert(4)">raw block</div>
"""


def write_pages(project: Path, **pages: str) -> None:
    folder = project / PAGES
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        (folder / f"{name}.md").write_text(text, encoding="utf-8")


def nav_of(project: Path) -> list:
    config = yaml.safe_load((project / SITE_CONFIG).read_text(encoding="utf-8"))
    assert config["INHERIT"] == "mkdocs.yml"
    return config["nav"]


def tabs(page: Path) -> list[tuple[str, str]]:
    """The nav tabs of a built page: (label, link)."""
    text = page.read_text(encoding="utf-8")
    return re.findall(r'<li class="md-tabs__item[^"]*">\s*<a href="([^"]*)" class="md-tabs__link">'
                      r"\s*([^<]*?)\s*</a>", text)


def test_pages_are_published_in_the_nav_where_they_say(small_project, run):
    write_pages(small_project, about=ABOUT, methodology=METHODOLOGY, imprint=IMPRINT)
    result = run(small_project, "-q", "build")
    assert result.code == 0, result.err
    labels = [next(iter(entry)) for entry in nav_of(small_project)]
    assert labels[-3:] == ["Data", "About", "Methodology"]  # Imprint is not in the nav
    site = small_project / "build" / "site"
    home_tabs = [label for _, label in tabs(site / "index.html")]
    assert home_tabs[-3:] == ["Data", "About", "Methodology"]
    about = parse_page(site / "about" / "index.html")
    text = " ".join("".join(about.text).split())
    assert "We write about the neighbourhood." in text and "What we cover" in text
    links = dict((label, href) for href, label in about.links)
    # The site's own addresses become relative links; others keep http(s) only.
    assert links["how we work"] == "../methodology/#sources"
    assert links["the data"] == "../data/" and links["country"] == "../countries/kazakhstan/"
    assert links["Wikipedia"] == "https://en.wikipedia.org/"
    # The editor's top heading is below the page title, and in the table of contents.
    html = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h2 id="what-we-cover">What we cover', html)
    assert 'href="#what-we-cover"' in html
    assert (site / "imprint" / "index.html").is_file()
    # Each page's edit button opens its file.
    assert "content/pages/about.md" in html


def test_a_page_without_a_place_comes_at_the_end(small_project, run):
    write_pages(small_project, zz=METHODOLOGY.replace("nav_after: About\n", ""))
    assert run(small_project, "generate").code == 0
    assert nav_of(small_project)[-1] == {"Methodology": "zz.md"}


def test_raw_html_in_a_page_is_shown_as_text(small_project, run):
    write_pages(small_project, corrections=UNTRUSTED)
    result = run(small_project, "-q", "build")
    assert result.code == 0, result.err
    site = small_project / "build" / "site"
    html = (site / "corrections" / "index.html").read_text(encoding="utf-8")
    text = html.split('class="editor-page"')[1].split("</article>")[0]
    # Raw HTML is shown as the editor typed it; nothing of it is markup.
    assert '&lt;script&gt;alert("body")&lt;/script&gt;' in text
    assert "&lt;img src=x onerror=alert(2)&gt;" in text
    assert '&lt;div onclick="alert(4)"&gt;raw block&lt;/div&gt;' in text
    assert "<script" not in text and "<img" not in text and "<div onclick" not in text
    # An image from another host is its description; a javascript: link is its text.
    assert "[image: a chart]" in text and "elsewhere.example" not in html
    assert "<a>click</a>" in text and "javascript:" not in html
    # Titles and nav labels are text too, on every page that shows the nav.
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<b>now</b>" not in home and "Fixes &lt;b&gt;now&lt;/b&gt;" in home
    assert "<script>alert(1)" not in html


def test_a_link_to_no_page_of_the_site_stops_the_build_and_keeps_the_output(small_project,
                                                                           run):
    assert run(small_project, "-q", "build").code == 0
    before = {path: path.read_bytes() for path in (small_project / "build").rglob("*")
              if path.is_file() and path.name != ".briefings.lock"}
    write_pages(small_project, about=ABOUT.replace("/countries/kazakhstan/", "/countrys/kz/"))
    result = run(small_project, "build")
    assert result.code == 2
    assert ("content/pages/about.md:11: link: no page of this site at /countrys/kz/ "
            "(write the address") in result.err
    assert "Traceback" not in result.err
    after = {path: path.read_bytes() for path in (small_project / "build").rglob("*")
             if path.is_file() and path.name != ".briefings.lock"}
    assert after == before


def test_a_new_page_appears_in_the_nav_of_every_page_of_an_incremental_build(small_project,
                                                                             run):
    assert run(small_project, "-q", "build").code == 0
    site = small_project / "build" / "site"
    assert ("about/", "About") not in [(href.removeprefix("./"), label)
                                       for href, label in tabs(site / "index.html")]
    write_pages(small_project, about=ABOUT.replace("/methodology/#sources", "/topics/"))
    result = run(small_project, "-q", "build", "--incremental")
    assert result.code == 0, result.err
    # The nav changed, so every page is built again, not only the new one.
    for page in (site / "index.html", site / "people" / "index.html"):
        assert "About" in [label for _, label in tabs(page)], page
    # The same content gives the same configuration and pages again.
    config = (small_project / SITE_CONFIG).read_bytes()
    assert run(small_project, "-q", "generate").code == 0
    assert (small_project / SITE_CONFIG).read_bytes() == config


def test_a_renamed_page_keeps_its_old_address(small_project, run):
    write_pages(small_project, about=IMPRINT.replace("in_nav: false\n", "aliases: [imprint]\n"))
    assert run(small_project, "generate").code == 0
    redirect = small_project / "build" / "docs" / "imprint" / "index.html"
    assert 'url=../about/"' in redirect.read_text(encoding="utf-8")


def test_nav_labels_are_escaped_and_pages_follow_in_file_order():
    nav = [{"Home": "index.md"}, {"Data": "data/index.md"}, "extra.md"]
    entries = [{"title": "A & B", "file": "a.md", "after": "Home"},
               {"title": "C", "file": "c.md", "after": "Home"},
               {"title": "D", "file": "d.md", "after": "A & B"},
               {"title": "E", "file": "e.md", "after": ""}]
    assert nav_with_pages(nav, entries) == [
        {"Home": "index.md"}, {"A &amp; B": "a.md"}, {"D": "d.md"}, {"C": "c.md"},
        {"Data": "data/index.md"}, "extra.md", {"E": "e.md"}]


def test_a_link_to_an_article_whose_name_ends_in_index_is_found(small_project, run):
    articles = small_project / "content" / "articles"
    for suffix in ("md", "yml"):
        (articles / f"2025-test.{suffix}").rename(articles / f"2025-price-index.{suffix}")
    write_pages(small_project, about=IMPRINT.replace(
        "Published by the desk.", "See [the index article](/articles/2025-price-index/)."))
    result = run(small_project, "generate")
    assert result.code == 0, result.err


def test_an_unwritable_nav_configuration_is_reported_not_raised(small_project, run):
    (small_project / SITE_CONFIG).mkdir()  # something in the way of the file
    result = run(small_project, "build")
    assert result.code == 2
    assert "cannot write" in result.err and SITE_CONFIG in result.err
    assert "Traceback" not in result.err
