"""An article that uses every Markdown construct an editor may paste, built for real (strict
mkdocs): each top-level block is one citable paragraph on the page, rendered as the construct
it is, evidence is found inside list items and table cells, and raw HTML stays text."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.content.evidence import normalise
from tests.conftest import REPO, write_small_project
from tests.sitecheck import page_file, parse_page, resolve

FIXTURE = REPO / "tests" / "fixtures" / "markdown"
SLUG = "2025-caspian-ferries"


def build_every_construct(folder: Path) -> Path:
    """The small project with the fixture article, built with the real command; its build/."""
    root = write_small_project(folder / "site")
    for name in (f"{SLUG}.md", f"{SLUG}.yml"):
        shutil.copy(FIXTURE / name, root / "content" / "articles" / name)
    assert main(["--project", str(root), "build"]) == 0
    return root / "build"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_every_construct(tmp_path_factory.mktemp("markdown"))


def inner_div(text: str, start: int) -> str:
    """The HTML inside the <div> whose opening tag ends at start, up to its own </div>."""
    depth = 1
    for tag in re.finditer(r"<(/?)div\b", text[start:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return text[start:start + tag.start()]
    raise AssertionError("the <div> is not closed")


def article_body(text: str) -> str:
    opening = '<div class="article-body">'
    return inner_div(text, text.index(opening) + len(opening))


def paragraphs(text: str) -> dict[str, str]:
    """Each numbered paragraph's HTML by anchor, without its ¶ link."""
    return {match.group(1): inner_div(text, match.end()).split("\n", 1)[1].strip("\n")
            for match in re.finditer(r'<div class="paragraph" id="(p-\d+)">', text)}


@pytest.fixture(scope="module")
def markdown_page(built) -> str:
    return (built / "docs" / "articles" / f"{SLUG}.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def html_page(built) -> str:
    return page_file(built / "site", f"/articles/{SLUG}/").read_text(encoding="utf-8")


def test_the_generated_markdown_has_one_div_per_block(markdown_page):
    body = article_body(markdown_page)
    blocks = paragraphs(body)
    assert list(blocks) == [f"p-{n}" for n in range(1, 10)]
    assert re.findall(r'<h2 class="article-heading">([^<]*)', body) == [
        "Where the days go", "What shippers ask for &lt;i id=\"injected-in-heading\"&gt;now&lt;/i&gt;",
        "What is planned"]
    assert "\n<hr>\n<h2" in body  # the thematic break, between blocks and unnumbered
    # Nothing is left for mkdocs to read as Markdown: it passes the HTML through as it is.
    for line in body.splitlines():
        assert not line.startswith(("|", "```", "- ", "> ", "[^", "===", "---")), line


def test_each_construct_is_rendered_as_itself(html_page):
    blocks = paragraphs(article_body(html_page))
    loose_list = blocks["p-3"]
    assert loose_list.count("<ul>") == 1 and loose_list.count("<ol>") == 1
    assert loose_list.count("<li>") == 6 and loose_list.count("<p>") == 4  # loose: items are <p>
    table = blocks["p-4"]
    assert table.count("<tr>") == 3 and table.count("<th ") == 3
    assert '<td style="text-align:right">430 km</td>' in table
    assert "<strong>three to five days</strong>" in table
    quote = blocks["p-6"]
    assert quote.startswith("<blockquote>") and quote.count("<p>") == 2
    code = blocks["p-7"]
    assert '<pre><code class="language-text">sample ferry timetable' in code
    assert "\n\nAktau 08:00   Alat 20:00\n</code></pre>" in code  # one block, blank line kept
    # Notes in the markup of Python-Markdown's footnotes, which Material styles.
    notes = blocks["p-9"]
    assert notes.startswith('<div class="footnote">\n<hr>\n<ol>\n<li id="fn:1"><p>The waiting')
    assert notes.count("<li id=") == 2 and notes.endswith("</ol>\n</div>")
    assert '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>' in blocks["p-5"]
    assert '<a href="https://example.org/ferries" rel="nofollow noopener">link</a>' in blocks["p-5"]
    assert "<a>bad link</a>" in blocks["p-5"] and "[image: a ferry at Alat]" in blocks["p-5"]


def test_raw_html_in_every_construct_stays_text(built, html_page):
    page = parse_page(page_file(built / "site", f"/articles/{SLUG}/"))
    injected = ("item", "cell", "paragraph", "heading", "quote", "code", "footnote")
    assert not [ident for ident in page.ids if ident.startswith("injected")]
    text = "".join(page.text)
    for where in injected:
        assert f'id="injected-in-{where}"' in text, where  # shown to the reader as typed
    body = article_body(html_page)
    assert not re.search(r"<(script|img|iframe|span|b|i|em)\b", body)


def test_links_inside_the_article_lead_somewhere(built):
    site = built / "site"
    page = page_file(site, f"/articles/{SLUG}/")
    parsed = parse_page(page)
    internal = [href for href, _ in parsed.links if href.startswith("#")]
    assert {"#fn:1", "#fn:2", "#fnref:1", "#fnref:2", "#p-3", "#p-4"} <= set(internal)
    for href in internal:
        assert resolve(site, page, href)[1] in parsed.ids, href


def test_evidence_in_list_items_and_table_cells_is_cited_to_its_block(built):
    site = built / "site"
    data = json.loads((site / "data" / "knowledge.json").read_text(encoding="utf-8"))
    sources = [item["source"] for key in ("events", "figures", "quotes") for item in data[key]
               if item["source"]["article"] == SLUG]
    cited = {source["quote"]: source["paragraph"] for source in sources}
    assert cited == {"430 km": 4, "Alat to Kars 830 km": 4, "four new ferries by 2027": 9,
                     "Give us two more ships and a timetable": 6}
    page = parse_page(page_file(site, f"/articles/{SLUG}/"))
    for quote, number in cited.items():
        assert normalise(quote) in normalise(page.text_of(f"p-{number}"))
    # Countries are cited from the article's panel: a list item and a nested item.
    html = page_file(site, f"/articles/{SLUG}/").read_text(encoding="utf-8")
    panel = html[html.index('class="annotations"'):]
    for quote in ("rail through Azerbaijan and Georgia", "on to the Black Sea ports of Poti and Batumi"):
        item = next(chunk for chunk in panel.split("</li>") if quote in chunk)
        assert re.search(r'href="#p-3"|href="[^"]*#p-3"', item), quote
        assert quote in normalise(page.text_of("p-3"))
