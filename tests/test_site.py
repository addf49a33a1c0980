"""A full strict build of the sample site, read back as a reader would read it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.content.evidence import normalise
from tests.conftest import REPO
from tests.sitecheck import page_file, parse_page, resolve

SECTION_PAGES = ["index.md", "countries/index.md", "relations/index.md", "organisations/index.md",
                 "people/index.md", "topics/index.md", "articles/index.md", "timeline/index.md",
                 "changes/index.md", "data/index.md"]


@pytest.mark.parametrize("url", [
    "/countries/kazakhstan/", "/countries/turkiye/", "/countries/china/", "/countries/russia/",
    "/organisations/eu/", "/organisations/ots/", "/organisations/eaeu/", "/organisations/csto/",
    "/relations/kazakhstan-turkiye/", "/people/kassym-jomart-tokayev/",
    "/topics/middle-corridor/", "/timeline/", "/data/", "/data/knowledge.json"])
def test_required_pages_exist(built_site, url):
    assert page_file(built_site, url).is_file()


def cited_paragraph(built_site: Path, page: Path, href: str) -> str:
    target, anchor = resolve(built_site, page, href)
    assert anchor.startswith("p-"), href
    article = parse_page(target)
    assert anchor in article.ids, f"{href}: no paragraph {anchor}"
    return normalise(article.text_of(anchor))


def citations_near(page_html: str, phrase: str) -> list[str]:
    """The paragraph links in the same table row or list item as a phrase."""
    hrefs = []
    page_html = re.sub(r"<figure.*?</figure>", "", page_html, flags=re.S)  # pictures: own tests
    # The bottom line puts several numbers in one item: tests/test_briefing.py checks each.
    page_html = re.sub(r'<div[^>]*class="bottom-line".*?</div>', "", page_html, flags=re.S)
    for chunk in re.split(r"</tr>|</li>|</blockquote>", page_html):
        if phrase in chunk:
            hrefs += re.findall(r'href="([^"]*#p-\d+)"', chunk)
    return hrefs


@pytest.mark.parametrize(("phrase", "quote_words"), [
    ("expanded strategic partnership", "expanded strategic partnership"),
    ("more than 5 billion USD", "$5 billion"),
    ("Ankara", "Ankara"),
])
def test_kazakhstan_turkiye_statements_link_to_their_paragraph(built_site, phrase, quote_words):
    page = page_file(built_site, "/relations/kazakhstan-turkiye/")
    html = page.read_text(encoding="utf-8")
    hrefs = citations_near(html, phrase)
    assert hrefs, f"no citation next to {phrase!r}"
    for href in hrefs:
        assert quote_words in cited_paragraph(built_site, page, href)


def test_kazakhstan_turkiye_page_shows_the_sectors(built_site):
    page = parse_page(page_file(built_site, "/relations/kazakhstan-turkiye/"))
    text = " ".join("".join(page.text).split())
    for sector in ("energy", "transport", "defence", "education", "agriculture"):
        assert sector in text
    assert "cooperative" in text


def test_every_cited_paragraph_holds_its_quote(built_site):
    data = yaml.safe_load((built_site / "data" / "knowledge.json").read_text(encoding="utf-8"))
    sources = [claim["source"] for relation in data["relations"] for claim in relation["claims"]]
    sources += [item["source"] for key in ("events", "figures", "quotes") for item in data[key]]
    assert len(sources) > 20
    for source in sources:
        article = parse_page(page_file(built_site, f"/articles/{source['article']}/"))
        paragraph = normalise(article.text_of(f"p-{source['paragraph']}"))
        assert normalise(source["quote"]) in paragraph


def test_no_dead_links_or_anchors_and_no_other_hosts(built_site):
    # 404.html is served at any depth, so mkdocs gives it absolute links; it is not ours to check.
    pages = sorted(p for p in built_site.rglob("*.html") if p.name != "404.html")
    assert len(pages) > 50
    for page in pages:
        parsed = parse_page(page)
        for href, _ in parsed.links:
            target = resolve(built_site, page, href)
            if target is None:
                continue
            path, anchor = target
            assert path.exists(), f"{page}: dead link {href}"
            if anchor and path.suffix == ".html":
                assert anchor in parse_page(path).ids, f"{page}: dead anchor {href}"
        for resource in parsed.resources:
            assert not re.match(r"^(https?:)?//", resource), f"{page}: loads {resource}"


def test_nav_lists_section_index_pages_only():
    config = yaml.load((REPO / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    targets = [next(iter(entry.values())) for entry in config["nav"]]
    assert targets == SECTION_PAGES


def test_entity_pages_link_every_named_entity(built_site):
    page = page_file(built_site, "/countries/kazakhstan/")
    links = {text: resolve(built_site, page, href)[0] for href, text in parse_page(page).links
             if resolve(built_site, page, href)}
    for name, url in [("Türkiye", "/countries/turkiye/"),
                      ("Organization of Turkic States", "/organisations/ots/"),
                      ("Kassym-Jomart Tokayev", "/people/kassym-jomart-tokayev/")]:
        assert name in links, f"{name} is not a link on the Kazakhstan page"
        assert links[name] == page_file(built_site, url)


def test_the_same_pair_in_either_order_is_one_page(built_site):
    assert not page_file(built_site, "/relations/turkiye-kazakhstan/").exists()
    relations = parse_page(page_file(built_site, "/relations/"))
    hrefs = [href for href, _ in relations.links if "kazakhstan-turkiye" in href]
    assert hrefs


def test_files_mkdocs_only_copies_are_links_to_the_generated_ones(built_site):
    # The data downloads are the largest files of the site: held once, not copied again.
    docs = built_site.parent / "docs"
    for name in ("data/knowledge.json", "data/briefings.db", "feed.xml"):
        assert (built_site / name).samefile(docs / name), name
        assert (built_site / name).read_bytes() == (docs / name).read_bytes()
