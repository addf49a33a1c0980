"""Atom feeds: one for the site and one per country, relation, organisation, person and topic
page, read back by feedparser and checked against the Atom schema, as a feed reader would."""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import feedparser
import pytest

from generator.build import check, generate, load_project
from generator.site.feeds import ENTRIES, FEED_FILE, SiteAddress, feed_xml, plan_feeds
from tests.conftest import REPO, dedent
from tests.sitecheck import page_file, parse_page

ATOM = "{http://www.w3.org/2005/Atom}"
SCHEMA = REPO / "tests" / "fixtures" / "atom.rnc"
SECTIONS = ("countries", "relations", "organisations", "people", "topics")
SITE_URL = load_project(REPO).address.url


def feeds_in(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob(FEED_FILE)) if "pagefind" not in path.parts}


@pytest.fixture(scope="module")
def built_feeds(built_site) -> dict[str, bytes]:
    found = feeds_in(built_site)
    assert found, "the sample build wrote no feed"
    return found


@pytest.fixture(scope="module")
def parsed(built_feeds) -> dict[str, feedparser.FeedParserDict]:
    return {path: feedparser.parse(data) for path, data in built_feeds.items()}


def _built_file(built_site: Path, url: str) -> tuple[Path, str]:
    """The built file an absolute address of the site is served from, and its fragment."""
    assert url.startswith(SITE_URL), f"{url} is not an address on {SITE_URL}"
    parts = urlsplit(url)
    return page_file(built_site, "/" + url[len(SITE_URL):].split("#")[0]), parts.fragment


@cache
def _ids(path: Path) -> frozenset[str]:
    return frozenset(parse_page(path).ids)


def test_every_entity_page_and_the_site_have_a_feed_and_nothing_else_does(built_site,
                                                                          built_feeds):
    docs = built_site.parent / "docs"
    expected = {FEED_FILE}
    for section in SECTIONS:
        pages = [path for path in (docs / section).glob("*.md") if path.name != "index.md"]
        assert pages, section
        expected |= {f"{section}/{path.stem}/{FEED_FILE}" for path in pages}
    assert set(built_feeds) == expected


def test_every_feed_is_atom_that_feedparser_reads_without_complaint(parsed, built_site):
    for path, feed in parsed.items():
        assert not feed.bozo, f"{path}: {feed.get('bozo_exception')}"
        assert feed.version == "atom10", path
        assert feed.feed.title and feed.feed.id and feed.feed.updated, path
        links = {link.rel: link.href for link in feed.feed.links}
        assert links["self"] == SITE_URL + path
        assert feed.feed.id == links["self"]
        page, _ = _built_file(built_site, links["alternate"])
        assert page.is_file(), f"{path}: the feed's page {links['alternate']} was not built"


def test_every_entry_has_a_title_an_id_and_links_to_built_pages(parsed, built_site):
    entries = 0
    for path, feed in parsed.items():
        assert len(feed.entries) <= ENTRIES, path
        ids = [entry.id for entry in feed.entries]
        assert len(ids) == len(set(ids)), f"{path}: an id appears twice"
        for entry in feed.entries:
            entries += 1
            assert entry.title.strip() and entry.id.startswith(SITE_URL), (path, entry.id)
            assert entry.updated_parsed and entry.published_parsed
            for link in entry.links:
                target, anchor = _built_file(built_site, link.href)
                assert target.is_file(), f"{path}: {link.href} leads to no built page"
                if anchor:
                    assert anchor in _ids(target), f"{path}: {link.href}: no such anchor"
    assert entries > 100


def test_entries_are_newest_first_and_the_feed_is_dated_by_its_newest(parsed):
    site_updated = parsed[FEED_FILE].feed.updated_parsed
    for path, feed in parsed.items():
        dates = [entry.updated_parsed for entry in feed.entries]
        assert dates == sorted(dates, reverse=True), path
        # A feed with nothing in it yet is dated by the site's newest entry, never the clock.
        assert feed.feed.updated_parsed == (dates[0] if dates else site_updated), path


def test_the_feeds_are_valid_atom_by_the_relax_ng_schema(built_feeds, built_site):
    jing = shutil.which("jing")
    if jing is None:
        pytest.fail("validating the feeds needs jing: run 'make test' (scripts/setup-test-tools "
                    "installs it) or 'apt-get install jing'", pytrace=False)
    files = [str(built_site / path) for path in built_feeds]
    result = subprocess.run([jing, "-c", str(SCHEMA), *files], capture_output=True, text=True,
                            check=False)
    errors = [line for line in result.stdout.splitlines() if "error" in line]
    assert result.returncode == 0 and not errors, "\n".join(errors or [result.stderr])


def test_a_broken_feed_fails_the_schema(tmp_path):
    """The schema test can fail: a feed without an id and with a date Atom does not allow."""
    jing = shutil.which("jing")
    if jing is None:
        pytest.fail("validating the feeds needs jing: run 'make test'", pytrace=False)
    broken = tmp_path / "feed.xml"
    broken.write_text('<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>'
                      "<updated>2025-05-07</updated></feed>", encoding="utf-8")
    result = subprocess.run([jing, "-c", str(SCHEMA), str(broken)], capture_output=True,
                            text=True, check=False)
    assert result.returncode != 0
    assert "id" in result.stdout and "updated" in result.stdout


def test_the_rules_the_schema_cannot_state(built_feeds):
    """RFC 4287 4.1.1: an author on the feed or on every entry; at most one alternate link per
    type and language, on the feed and on each entry."""
    for path, data in built_feeds.items():
        root = ElementTree.fromstring(data)
        entries = root.findall(f"{ATOM}entry")
        assert root.find(f"{ATOM}author") is not None or all(
            entry.find(f"{ATOM}author") is not None for entry in entries), path
        for element in (root, *entries):
            alternates = [(link.get("type"), link.get("hreflang"))
                          for link in element.findall(f"{ATOM}link")
                          if link.get("rel", "alternate") == "alternate"]
            assert len(alternates) == len(set(alternates)) == 1, path


def test_a_relation_feed_has_its_articles_and_its_changes_of_status(parsed):
    feed = parsed[f"relations/kazakhstan-turkiye/{FEED_FILE}"]
    kinds = {entry.tags[0].term for entry in feed.entries}
    assert kinds == {"article", "status-change"}
    change = next(entry for entry in feed.entries
                  if "to enhanced strategic partnership" in entry.title)
    assert change.id.startswith(SITE_URL + "relations/kazakhstan-turkiye/#status-")
    assert change.link == SITE_URL + "relations/kazakhstan-turkiye/#status-over-time"
    related = [link.href for link in change.links if link.rel == "related"]
    assert related and "#p-" in related[0] and "/articles/" in related[0]
    # The change shows on both actors' feeds and the site's, with the same id.
    for path in ("countries/kazakhstan/feed.xml", "countries/turkiye/feed.xml", FEED_FILE):
        assert change.id in {entry.id for entry in parsed[path].entries}, path
    # A person's feed follows articles only.
    person = parsed[f"people/kassym-jomart-tokayev/{FEED_FILE}"]
    assert person.entries
    assert {entry.tags[0].term for entry in person.entries} == {"article"}


def _knowledge(root: Path):
    project = load_project(root)
    knowledge, problems = check(project)
    assert not problems, problems
    return project, knowledge


def test_the_limit_keeps_the_newest_entries(sample_project):
    project, knowledge = _knowledge(sample_project)
    whole = plan_feeds(knowledge, project.address, limit=10_000)
    cut = plan_feeds(knowledge, project.address, limit=3)
    assert [feed.path for feed in whole] == [feed.path for feed in cut]
    assert max(len(feed.entries) for feed in whole) > 3  # the limit is exercised
    for full, short in zip(whole, cut, strict=True):
        assert short.entries == full.entries[:3]
        assert feed_xml(short, project.address).count(b"<entry>") == len(short.entries)
    site = whole[0]
    assert site.path == FEED_FILE
    statuses = sum(1 for event in knowledge.events if event.status_change)
    assert len(site.entries) == len(knowledge.articles) + statuses


def _feed_entries(docs: Path) -> dict[str, list[str]]:
    return {path: [entry.id for entry in feedparser.parse(data).entries]
            for path, data in feeds_in(docs).items()}


NEWER_ARTICLE = """\
    ---
    title: Kazakhstan counts its grain
    date: 2025-09-01
    publication: Test Desk
    summary: Another short test article.
    ---
    Kazakhstan reported a record grain harvest.
    """
OLDER_ARTICLE = NEWER_ARTICLE.replace("2025-09-01", "2024-03-01").replace("grain", "wool")


def _add(root: Path, name: str, text: str) -> None:
    folder = root / "content" / "articles"
    (folder / f"{name}.md").write_text(dedent(text), encoding="utf-8")
    (folder / f"{name}.yml").write_text(dedent("""\
        countries:
          - id: KZ
            evidence: Kazakhstan reported a record
        """), encoding="utf-8")


def test_ids_stay_and_a_new_article_comes_first(small_project):
    project, knowledge = _knowledge(small_project)
    generate(project, knowledge)
    before = _feed_entries(project.docs_dir)
    _add(small_project, "2025-grain", NEWER_ARTICLE)
    project, knowledge = _knowledge(small_project)
    generate(project, knowledge)
    after = _feed_entries(project.docs_dir)
    new = SITE_URL + "articles/2025-grain/"
    for path in (FEED_FILE, f"countries/kazakhstan/{FEED_FILE}"):
        assert after[path] == [new, *before[path]], path
    for path in (f"countries/turkiye/{FEED_FILE}", f"topics/middle-corridor/{FEED_FILE}"):
        assert after[path] == before[path], path


def test_only_the_feeds_an_article_concerns_are_rewritten(small_project):
    project, knowledge = _knowledge(small_project)
    generate(project, knowledge)
    # Older than the newest article: the empty feeds, dated by the site's newest, stay too.
    _add(small_project, "2024-wool", OLDER_ARTICLE)
    project, knowledge = _knowledge(small_project)
    changes = generate(project, knowledge)
    rewritten = {name for name in changes.added + changes.changed if name.endswith(FEED_FILE)}
    assert rewritten == {FEED_FILE, f"countries/kazakhstan/{FEED_FILE}"}
    project, knowledge = _knowledge(small_project)
    again = generate(project, knowledge)
    assert not [name for name in again.added + again.changed if name.endswith(FEED_FILE)]


def test_a_page_that_goes_takes_its_feed_with_it(small_project):
    project, knowledge = _knowledge(small_project)
    generate(project, knowledge)
    feed = project.docs_dir / "people" / "kassym-jomart-tokayev" / FEED_FILE
    assert feed.is_file()
    people = small_project / "content" / "entities" / "people.yml"
    people.write_text("[]\n", encoding="utf-8")
    project, knowledge = _knowledge(small_project)
    changes = generate(project, knowledge)
    assert not feed.exists()
    assert f"people/kassym-jomart-tokayev/{FEED_FILE}" in changes.removed


@pytest.mark.parametrize("setting", ["", "site_url: /briefings/\n", "site_url: 42\n"])
def test_without_an_absolute_site_url_no_feed_is_written_and_the_editor_is_told(
        small_project, run, setting):
    config = small_project / "mkdocs.yml"
    lines = [line for line in config.read_text(encoding="utf-8").splitlines(keepends=True)
             if not line.startswith("site_url:")]
    config.write_text(setting + "".join(lines), encoding="utf-8")
    result = run(small_project, "generate")
    assert result.code == 0
    assert "site_url" in result.out
    docs = small_project / "build" / "docs"
    assert not list(docs.rglob(FEED_FILE))
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert "\nfeed:" not in text and "site_feed:" not in text and "Atom feed" not in text


def test_site_addresses_as_mkdocs_reads_them():
    assert SiteAddress.from_config({"site_url": "https://example.org/x"}).url == \
        "https://example.org/x/"
    address = SiteAddress.from_config({"site_url": "https://example.org/", "site_name": "S"})
    assert address.page_url("index.md") == "https://example.org/"
    assert address.page_url("countries/index.md") == "https://example.org/countries/"
    assert address.page_url("countries/kazakhstan.md", "p-1") == \
        "https://example.org/countries/kazakhstan/#p-1"
    flat = SiteAddress.from_config({"site_url": "https://example.org/",
                                    "use_directory_urls": False})
    assert flat.page_url("countries/kazakhstan.md") == "https://example.org/countries/kazakhstan.html"
    assert SiteAddress.from_config({"site_url": "ftp://example.org/"}).url == ""


def test_hostile_text_stays_text_in_a_feed(small_project):
    article = small_project / "content" / "articles" / "2025-test.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace(
        "title: Kazakhstan and Türkiye talk trade",
        'title: "<script>alert(1)</script> & ]]> \\x07 talk"'), encoding="utf-8")
    project, knowledge = _knowledge(small_project)
    generate(project, knowledge)
    data = (project.docs_dir / FEED_FILE).read_bytes()
    assert b"<script" not in data and b"\x07" not in data
    feed = feedparser.parse(data)
    assert not feed.bozo, feed.get("bozo_exception")
    title = ElementTree.fromstring(data).find(f"{ATOM}entry/{ATOM}title").text
    assert title == "<script>alert(1)</script> & ]]> talk"


class _FeedLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and attributes.get("type") == "application/atom+xml":
            assert attributes.get("rel", "").split() == ["alternate"]
            self.found.append((attributes["href"], attributes.get("title", "")))


def head_feeds(page: Path) -> list[tuple[str, str]]:
    """The Atom feeds a built page's head links to, as (href, title), in order."""
    parser = _FeedLinks()
    parser.feed(page.read_text(encoding="utf-8").split("</head>")[0])
    return parser.found


@pytest.mark.parametrize(("url", "own"), [
    ("/countries/kazakhstan/", "Kazakhstan"),
    ("/relations/kazakhstan-turkiye/", "Kazakhstan – Türkiye"),
    ("/organisations/ots/", "Organization of Turkic States"),
    ("/people/kassym-jomart-tokayev/", "Kassym-Jomart Tokayev"),
    ("/topics/middle-corridor/", "Middle Corridor"),
    ("/articles/2025-kazakhstan-turkiye-strategic-ties/", None),
    ("/", None),
    ("/timeline/", None),
])
def test_pages_link_their_feeds_in_the_head_and_visibly(built_site, parsed, url, own):
    page = page_file(built_site, url)
    links = head_feeds(page)
    targets = [(page.parent / href).resolve() for href, _ in links]
    assert all(target.is_file() for target in targets), links
    site_feed = (built_site / FEED_FILE).resolve()
    assert site_feed in targets  # every page offers the site's feed
    visible = [href for href, text in parse_page(page).links if text == "Atom feed"]
    if own is None:
        assert len(links) == 1
        assert visible == (["feed.xml"] if url == "/" else [])
        return
    assert len(links) == 2
    (href, title), own_feed = links[0], targets[0]
    assert own_feed != site_feed and title.endswith(f": {own}")
    feed = parsed[own_feed.relative_to(built_site.resolve()).as_posix()]
    assert feed.feed.title == title
    alternate = next(link.href for link in feed.feed.links if link.rel == "alternate")
    assert alternate == SITE_URL + url.lstrip("/")  # the feed names this page as its own
    assert visible == [href]
