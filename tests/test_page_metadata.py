"""What each page tells search engines and link previews (description, OpenGraph, JSON-LD), when
it last changed, and a site that is the same bytes whatever day it is built."""

from __future__ import annotations

import datetime
import gzip
import html
import json
import re
import shutil
import struct
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.build import load_project
from generator.site.metadata import DESCRIPTION_LENGTH, first_sentence, script_json, shorten
from generator.site.sitemap import newest, source_date_epoch
from tests.conftest import REPO, copy_project, dedent

ATTACK = '</script><script>window.__xss=1</script><!-- "quoted" & <b>bold</b>'


class Head(HTMLParser):
    """The meta tags, canonical link and JSON-LD of a page's head."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.canonical = ""
        self.json_ld: list[str] = []
        self._in_json = False
        self._in_head = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self._in_head = True
        if not self._in_head:
            return
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta[attrs.get("property") or attrs["name"]] = attrs.get("content", "")
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs["href"]
        if tag == "script":
            self._in_json = attrs.get("type") == "application/ld+json"
            if self._in_json:
                self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False
        if tag == "script":
            self._in_json = False

    def handle_data(self, data):
        if self._in_json:
            self.json_ld[-1] += data


def head(site: Path, page: str) -> Head:
    return Head((site / page / "index.html").read_text(encoding="utf-8"))


def structured(found: Head) -> dict:
    assert len(found.json_ld) == 1, found.json_ld
    return json.loads(found.json_ld[0])


# -- units -----------------------------------------------------------------------------------

def test_json_ld_text_cannot_end_its_script_element():
    data = {"headline": ATTACK, "name": "a\u2028b"}
    text = script_json(data)
    assert not set("<>&\u2028") & set(text)
    assert json.loads(text) == data


@pytest.mark.parametrize("text", ["Short and plain.", "word " * 100, "x" * 400,
                                  "A sentence that ends exactly here " * 5])
def test_descriptions_are_at_most_the_limit_and_end_on_a_whole_word(text):
    short = shorten(text)
    assert len(short) <= DESCRIPTION_LENGTH
    plain = " ".join(text.split())
    if len(plain) <= DESCRIPTION_LENGTH:
        assert short == plain
    else:
        assert short.endswith("…")
        kept = short.removesuffix("…")
        assert plain.startswith(kept)
        if " " in plain[:DESCRIPTION_LENGTH]:
            assert plain[len(kept)] in " ,;:", "cut inside a word"


def test_first_sentence():
    assert first_sentence("Ties grew in 2025. Trade doubled.") == "Ties grew in 2025."
    assert first_sentence("No full stop here") == "No full stop here"


def test_the_build_time_comes_from_the_content_unless_the_environment_sets_it():
    dates = {"a.md": "2025-10-09", "b.md": "2025-10", "c.md": "2024"}
    assert newest(dates.values()) == "2025-10"  # a month sorts at its end
    expected = int(datetime.datetime(2025, 10, 1, tzinfo=datetime.timezone.utc).timestamp())
    assert source_date_epoch(dates, {}) == str(expected)
    assert source_date_epoch(dates, {"SOURCE_DATE_EPOCH": "1700000000"}) == "1700000000"
    assert source_date_epoch({}, {}) == "0"


def test_mkdocs_yml_gives_the_site_name_address_and_description():
    site = load_project(REPO).site
    assert site.name == "European Neighbourhood Briefings"
    assert site.url.startswith("https://") and site.url.endswith("/")
    assert site.address("countries/kazakhstan.md") == site.url + "countries/kazakhstan/"
    assert site.address("index.md") == site.url


@pytest.mark.parametrize("address", ["javascript://evil.example/", "/news-site/",
                                     "ftp://example.org/", "example.org/news"])
def test_an_address_that_is_not_absolute_http_is_given_to_no_page_and_no_file(
        small_project, run, address):
    """Feeds, page metadata and the data package read the site's address in one place: one
    that is not an absolute http(s) address gives none of them an address."""
    from generator.build import load_project

    config = small_project / "mkdocs.yml"
    lines = [line for line in config.read_text(encoding="utf-8").splitlines(keepends=True)
             if not line.startswith("site_url:")]
    config.write_text(f"site_url: {address!r}\n" + "".join(lines), encoding="utf-8")
    project = load_project(small_project)
    assert project.site.url == project.address.url == ""
    result = run(small_project, "generate")
    assert result.code == 0, result.err
    docs = small_project / "build" / "docs"
    texts = [path.read_text(encoding="utf-8") for path in docs.rglob("*")
             if path.is_file() and path.suffix in (".md", ".json", ".xml")]
    assert texts and not any(address.rstrip("/") in text for text in texts)
    package = json.loads((docs / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert "homepage" not in package


def test_a_site_address_ends_in_a_slash_as_mkdocs_reads_it(small_project):
    from generator.build import load_project

    config = small_project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines(keepends=True) if not line.startswith("site_url:")]
    config.write_text("site_url: ' https://example.org/news '\n" + "".join(lines),
                      encoding="utf-8")
    project = load_project(small_project)
    assert project.site.url == project.address.url == "https://example.org/news/"


# -- the sample site -------------------------------------------------------------------------

def test_an_article_page_is_a_news_article_with_its_sources(built_site):
    found = head(built_site, "articles/2025-kazakhstan-turkiye-strategic-ties")
    article = (REPO / "content/articles/2025-kazakhstan-turkiye-strategic-ties.md").read_text(
        encoding="utf-8")
    summary = re.search(r"^summary: (.+)$", article, re.M).group(1).strip()
    data = structured(found)
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == "Kazakhstan and Türkiye widen their partnership"
    assert data["description"] == summary == found.meta["description"]
    assert found.meta["og:description"] == summary and found.meta["og:type"] == "article"
    assert data["datePublished"] == "2025" and data["dateModified"] >= "2025"
    assert data["author"] and all(author["name"] for author in data["author"])
    assert data["publisher"]["@type"] == "Organization"
    assert data["citation"] and all(c["@type"] == "CreativeWork" and c["name"]
                                    for c in data["citation"])
    cited = structured(head(built_site, "articles/2025-azerbaijan-russia-crisis-and-thaw"))
    assert len(cited["citation"]) >= 20
    assert {"@type": "CreativeWork", "name": cited["citation"][1]["name"],
            "url": "https://www.azernews.az/nation/189661.html"} == cited["citation"][1]
    canonical = "https://briefings.example.org/articles/2025-kazakhstan-turkiye-strategic-ties/"
    assert found.canonical == canonical == found.meta["og:url"] == data["url"]
    assert found.meta["og:image"] == data["image"] == "https://briefings.example.org/assets/social.png"
    assert found.meta["twitter:card"] == "summary_large_image"
    assert found.meta["og:title"] == found.meta["twitter:title"] == data["headline"]


def test_a_country_page_is_a_country_with_wikidata_and_wikipedia(built_site):
    found = head(built_site, "countries/kazakhstan")
    data = structured(found)
    assert data["@type"] == "Country" and data["name"] == "Kazakhstan"
    assert data["identifier"] == "KZ"
    assert data["sameAs"] == ["https://www.wikidata.org/wiki/Q232",
                              "https://en.wikipedia.org/wiki/Kazakhstan"]
    brief = (REPO / "content/briefs/kazakhstan.yml").read_text(encoding="utf-8")
    lede = re.search(r"- text: (.+)", brief).group(1)
    # The bottom line's first sentence: the editor's lede.
    assert found.meta["description"] == data["description"] == first_sentence(lede)
    assert found.meta["og:title"] == "Kazakhstan"
    page = (built_site / "countries/kazakhstan/index.html").read_text(encoding="utf-8")
    assert 'href="https://en.wikipedia.org/wiki/Kazakhstan"' in page
    assert 'href="https://www.wikidata.org/wiki/Q232"' in page


def test_entity_pages_say_who_or_what_they_are_about(built_site):
    organisation = structured(head(built_site, "organisations/eu"))
    assert organisation["@type"] == "Organization" and "EU" in organisation["alternateName"]
    assert "https://www.wikidata.org/wiki/Q458" in organisation["sameAs"]
    assert organisation["description"].startswith("Union of 27 European states")
    person_head = head(built_site, "people/vladimir-putin")
    person = structured(person_head)
    assert person["@type"] == "Person" and person["jobTitle"] == "President of Russia"
    assert person["nationality"]["@type"] == "Country"
    assert person_head.meta["description"].startswith("Vladimir Putin, President of Russia: ")
    relation_head = head(built_site, "relations/kazakhstan-turkiye")
    relation = structured(relation_head)
    assert relation["@type"] == "WebPage"
    assert [actor["name"] for actor in relation["about"]] == ["Kazakhstan", "Türkiye"]
    assert relation["about"][1]["url"] == "https://briefings.example.org/countries/turkiye/"
    assert relation_head.meta["description"].startswith("Kazakhstan and Türkiye have called")
    # Without a lede: the bottom line's status (with whom, on an actor's page) and trend.
    assert head(built_site, "countries/azerbaijan").meta["description"] == \
        "Azerbaijan: partial thaw with Russia since 9 October 2025."
    # Without a status or a trend: the latest description and the sources.
    untold = head(built_site, "relations/azerbaijan-turkiye").meta["description"]
    assert untold == ("Azerbaijan – Türkiye: energy and transport links; from 2 sourced "
                      "articles, the newest of 1 September 2025.")


def test_pages_without_a_subject_have_no_structured_data_but_a_description(built_site):
    for page in ("countries", "timeline", "articles"):
        found = head(built_site, page)
        assert found.json_ld == []
        assert found.meta["description"] and found.meta["og:description"] == \
            found.meta["description"]
    home = Head((built_site / "index.html").read_text(encoding="utf-8"))
    assert home.meta["description"].startswith("Sourced briefings")


def test_lastmod_and_last_updated_are_the_newest_source_of_each_page(built_site):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    lastmod = dict(re.findall(r"<loc>https://briefings\.example\.org/([^<]*)</loc>\s*"
                              r"<lastmod>([^<]*)</lastmod>", sitemap))
    assert lastmod["articles/2025-ots-gabala-summit/"] >= "2025-10-07"
    assert lastmod["articles/2026-cpc-terminal-drone-attack/"] == "2026-03-02"
    assert lastmod["countries/kazakhstan/"] == "2026-03-02"  # the CPC attack names it
    assert lastmod[""] == max(lastmod.values())  # the home page draws on every article
    page = (built_site / "countries/kazakhstan/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2026-03-02">2 March 2026</time>' in page
    assert gzip.decompress((built_site / "sitemap.xml.gz").read_bytes()).decode() == sitemap


def test_the_same_content_builds_the_same_site_in_another_folder_at_another_time(
        built_site, tmp_path):
    other = copy_project(tmp_path / "elsewhere", with_content=True)
    from generator.cli import main

    assert main(["--project", str(other), "-q", "build"]) == 0
    rebuilt = other / "build" / "site"
    first = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()}
    second = {p.relative_to(rebuilt).as_posix() for p in rebuilt.rglob("*") if p.is_file()}
    assert first == second
    assert [name for name in sorted(first)
            if (built_site / name).read_bytes() != (rebuilt / name).read_bytes()] == []
    # Nothing carries the day of the build: the gzip header holds the newest source's time.
    mtime = struct.unpack("<I", (rebuilt / "sitemap.xml.gz").read_bytes()[4:8])[0]
    assert datetime.datetime.fromtimestamp(mtime, datetime.timezone.utc).date() == \
        datetime.date(2026, 3, 2)
    today = datetime.date.today().isoformat()
    if today > "2026-03-02":
        assert today not in (rebuilt / "sitemap.xml").read_text(encoding="utf-8")


# -- flags -----------------------------------------------------------------------------------

REGIONAL_INDICATORS = re.compile("[\U0001F1E6-\U0001F1FF]")


def test_flags_are_images_shipped_with_the_site(built_site):
    page = (built_site / "countries/kazakhstan/index.html").read_text(encoding="utf-8")
    assert ('<img class="flag flag-large" src="../../assets/flags/kz.svg" '
            'alt="Flag of Kazakhstan" width="64" height="48">') in page
    index = (built_site / "countries/index.html").read_text(encoding="utf-8")
    shown = set(re.findall(r'src="\.\./assets/flags/([a-z]{2})\.svg"', index))
    shipped = {path.stem for path in (built_site / "assets/flags").glob("*.svg")}
    assert "tr" in shown and shown == shipped  # only the flags the pages show
    assert (built_site / "assets/flags/kz.svg").read_bytes() == \
        (REPO / "generator/data/flags/kz.svg").read_bytes()
    for path in built_site.rglob("*.html"):
        assert not REGIONAL_INDICATORS.search(path.read_text(encoding="utf-8")), path


def test_a_country_without_a_flag_shows_its_code():
    from generator.content.registry import Country
    from generator.site.flags import flag_image

    shown = flag_image(Country("ZZ", "Nowhere", ("Nowhere",)), "countries/index.md")
    assert "<img" not in shown and ">ZZ</span>" in shown
    kosovo = flag_image(Country("XK", "Kosovo", ("Kosovo",)), "countries/kosovo.md", "large")
    assert 'src="../../assets/flags/xk.svg" alt="Flag of Kosovo"' in kosovo


def test_a_flag_names_its_country_as_text_markdown_cannot_read():
    from generator.content.registry import Country
    from generator.site.flags import flag_image

    name = '![pic](data:text/html,x) "quoted" <b>'
    shown = flag_image(Country("TR", name, (name,)), "countries/index.md")
    alt = re.search(r'alt="([^"]*)"', shown).group(1)
    assert not set(alt) & set('[]<>"!')
    assert html.unescape(alt) == "Flag of " + name


def test_the_vendored_flags_carry_their_licence():
    folder = REPO / "generator/data/flags"
    assert "MIT License" in (folder / "LICENSE").read_text(encoding="utf-8")
    assert "flag-icons" in (folder / "SOURCE").read_text(encoding="utf-8")
    import pycountry

    missing = [c.alpha_2 for c in pycountry.countries
               if not (folder / f"{c.alpha_2.lower()}.svg").is_file()]
    assert missing == []


# -- untrusted text in the head --------------------------------------------------------------

@pytest.fixture(scope="module")
def attacked_site(tmp_path_factory):
    from generator.cli import main
    from tests.conftest import write_small_project

    root = write_small_project(tmp_path_factory.mktemp("attacked") / "site")
    article = root / "content/articles/2025-test.md"
    text = article.read_text(encoding="utf-8")
    text = text.replace("title: Kazakhstan and Türkiye talk trade", f"title: {json.dumps(ATTACK)}")
    text = text.replace("summary: A short test article.",
                        f"summary: {json.dumps(ATTACK + ' ' + 'long words ' * 30)}")
    text = text.replace("publication: Test Desk", "publication: Test Desk\n"
                        f"authors: [{json.dumps(ATTACK)}]\nsources:\n"
                        f"  - name: {json.dumps(ATTACK)}\n    url: https://example.org/s?a=1&b=2")
    article.write_text(text, encoding="utf-8")
    people = root / "content/entities/people.yml"
    people.write_text(people.read_text(encoding="utf-8")
                      + f"  role: {json.dumps(ATTACK)}\n"
                      "  wikipedia: https://en.wikipedia.org/wiki/Kassym-Jomart_Tokayev\n",
                      encoding="utf-8")
    assert main(["--project", str(root), "-q", "build"]) == 0
    return root / "build" / "site"


def test_untrusted_text_stays_text_in_the_head(attacked_site):
    found = head(attacked_site, "articles/2025-test")
    raw = (attacked_site / "articles/2025-test/index.html").read_text(encoding="utf-8")
    # Nowhere raw: in the title and the tags it is HTML-escaped, in the JSON-LD JSON-escaped.
    assert ATTACK not in raw and "<script>window.__xss" not in raw
    data = structured(found)  # one JSON-LD element, which parses: the text did not leave it
    assert data["headline"] == ATTACK and data["author"][0]["name"] == ATTACK
    assert data["citation"][0] == {"@type": "CreativeWork", "name": ATTACK,
                                   "url": "https://example.org/s?a=1&b=2"}
    assert found.meta["og:title"] == ATTACK
    assert found.meta["description"].startswith(ATTACK)
    assert len(found.meta["description"]) <= DESCRIPTION_LENGTH
    person = structured(head(attacked_site, "people/kassym-jomart-tokayev"))
    assert person["jobTitle"] == ATTACK
    assert person["sameAs"] == ["https://en.wikipedia.org/wiki/Kassym-Jomart_Tokayev"]


@pytest.mark.parametrize("value", ["http://en.wikipedia.org/wiki/X", "https://example.org/wiki/X",
                                   "https://en.wikipedia.org/w/index.php?title=X", "Kazakhstan"])
def test_a_wrong_wikipedia_address_is_reported_with_its_line(small_project, run, value):
    countries = small_project / "content/entities/countries.yml"
    countries.write_text(dedent("""\
        - id: KZ
          demonyms: [Kazakh]
          wikipedia: """) + json.dumps(value) + "\n", encoding="utf-8")
    result = run(small_project, "check")
    assert result.code == 1
    assert any(line.startswith("content/entities/countries.yml:3: countries[1].wikipedia: ")
               and "https://en.wikipedia.org/wiki/" in line for line in result.lines), result.err


def test_the_sample_image_is_a_png_of_the_card_size():
    image = (REPO / "templates/assets/social.png").read_bytes()
    assert image[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", image[16:24]) == (1200, 630)


def test_a_site_without_an_address_writes_no_absolute_addresses(small_project, run):
    config = small_project / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_url:.*$", "", config.read_text(encoding="utf-8")),
                      encoding="utf-8")
    assert run(small_project, "-q", "build").code == 0
    site = small_project / "build" / "site"
    found = head(site, "articles/2025-test")
    data = structured(found)
    assert "url" not in data and "image" not in data
    assert "og:image" not in found.meta and "og:url" not in found.meta
    assert found.meta["og:title"] == "Kazakhstan and Türkiye talk trade"
    shutil.rmtree(site)


@pytest.mark.parametrize("entry", [
    "<url>\n  <loc>{loc}</loc>\n  <lastmod>2099-01-01</lastmod>\n</url>",  # mkdocs: the build day
    "<url>\n        <loc>{loc}</loc>\n      </url>",  # Zensical: none
])
def test_the_sitemap_gets_each_pages_newest_source(tmp_path, entry):
    from generator.site.sitemap import rewrite_sitemap

    base = "https://user.example.io/briefings/"
    pages = {"": "index.md", "countries/": "countries/index.md",
             "countries/kazakhstan/": "countries/kazakhstan.md", "people/nobody/": ""}
    body = "".join(entry.format(loc=base + page) for page in pages)
    (tmp_path / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/'
        f'schemas/sitemap/0.9">{body}</urlset>\n', encoding="utf-8")
    dates = {"index.md": "2026-03-02", "countries/index.md": "2026-03",
             "countries/kazakhstan.md": "2025"}
    rewrite_sitemap(tmp_path, dates, base, "1772409600")
    text = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    found = dict(re.findall(r"<loc>([^<]*)</loc>(?:\s*<lastmod>([^<]*)</lastmod>)?", text))
    assert found == {base: "2026-03-02", base + "countries/": "2026-03",
                     base + "countries/kazakhstan/": "2025", base + "people/nobody/": ""}
    packed = (tmp_path / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed).decode() == text
    assert struct.unpack("<I", packed[4:8])[0] == 1772409600


def test_page_dates_reads_every_pages_updated_date_by_its_docs_path(tmp_path):
    from generator.site.sitemap import page_dates

    def page(name: str, text: str) -> None:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")

    page("index.md", '---\ntitle: "Overview"\nupdated: "2026-03-02"\n---\n\n# Overview\n')
    page("countries/kazakhstan.md", '---\nupdated: "2025"\n---\n')
    page("countries/kazakhstan/2024-05.md", '---\ntitle: "May"\nupdated: "2024-05-31"\n---\n')
    page("countries/kazakhstan/notes.md", "No front matter.\nupdated: \"2020\"\n")
    page("people/nobody.md", '---\nupdated: "not a date"\n---\n')
    page("people/body.md", '---\ntitle: "x"\n---\nupdated: "2019"\n')  # after the front matter
    page("data/knowledge.json", '{"updated": "2026"}')
    assert page_dates(tmp_path) == {"index.md": "2026-03-02", "countries/kazakhstan.md": "2025",
                                    "countries/kazakhstan/2024-05.md": "2024-05-31"}
