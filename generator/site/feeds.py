"""Atom feeds, so that a reader can follow the whole site or one page in a feed reader.

There is a feed for the site and one for each country, relation, organisation, person and
topic page. Its entries are the articles that concern the page and, on the pages of a relation
and of its two actors, the changes of the relation's status: the newest ``ENTRIES`` of them.

Nothing in a feed comes from the clock: an entry is dated by its source, a feed by its newest
entry, and an entry's id is the address of the page it stands for, so the same content gives
the same bytes and a reader never sees an entry twice. Atom needs absolute addresses: without
a ``site_url`` in mkdocs.yml no feed is written.

Written with ElementTree, not feedgen: feedgen 1.0.0 drops the ``rel`` and ``type`` of an
entry's links, which gives an entry two alternate links of one type, invalid Atom.
"""

from __future__ import annotations

import functools
import heapq
import re
from dataclasses import dataclass, fields
from xml.etree import ElementTree

from ..content.dates import PartialDate
from ..engine.incremental import digest
from ..engine.mkdocs_config import published_address
from ..engine.once import computed_once
from ..knowledge.knowledge import KnowledgeBase
from ..knowledge.model import Article, Event, Relation
from ..knowledge.urls import page_url, path_of
from .links import Links

FEED_FILE = "feed.xml"
ENTRIES = 30  # entries per feed, newest first: what a reader polling now and then needs
STATUS_SECTION = "status-over-time"  # the heading of a relation page's status table
ATOM_TYPE = "application/atom+xml"
ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
_NO_ENTRIES = PartialDate(1970, 1, 1)  # the date of an empty feed on a site with no article
# XML 1.0 cannot carry these at all, not even escaped; YAML's "\x01" escapes can produce them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class SiteAddress:
    """Where the site is published, from mkdocs.yml."""

    url: str = ""  # absolute http(s), ending in "/"; "" when mkdocs.yml gives none
    name: str = ""
    language: str = ""
    directory_urls: bool = True

    @classmethod
    def from_config(cls, config: dict) -> SiteAddress:
        url = published_address(config)
        theme = config.get("theme")
        language = theme.get("language") if isinstance(theme, dict) else None
        name = config.get("site_name")
        return cls(url, name if isinstance(name, str) else "",
                   language if isinstance(language, str) else "",
                   config.get("use_directory_urls") is not False)

    def page_url(self, path: str, anchor: str = "") -> str:
        """The absolute address of a generated page (a Markdown path in the docs folder)."""
        # The served address is urls.page_url's; mkdocs without directory URLs serves .html files.
        address = page_url(path) if self.directory_urls else f"{path.removesuffix('.md')}.html"
        return self.url + address + (f"#{anchor}" if anchor else "")

    def file_url(self, path: str) -> str:
        return self.url + path


MISSING_ADDRESS = ("no Atom feeds were written: mkdocs.yml gives no site_url (an http or https "
                   "address), and feeds need absolute addresses; set it to where the site is "
                   "published")


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    date: PartialDate
    link: str  # the page the entry stands for
    summary: str
    category: str  # "article" or "status-change"
    authors: tuple[str, ...] = ()
    related: str = ""  # the paragraph a status change comes from

    @computed_once
    def key(self) -> str:
        """A digest of everything the entry says: an article's entry is in a dozen feeds, and
        is digested once for all of their keys."""
        return digest(repr(self).encode())

    @computed_once
    def newest_first(self):
        # By the instant it is dated at, then as the site orders dates (a year after its
        # days), then by id, so that the order never depends on anything else.
        return (self.date.span[0], self.date.order_key, self.id)


@dataclass(frozen=True)
class Feed:
    path: str  # in the docs folder, beside its page: countries/kazakhstan/feed.xml
    page: str  # the page it follows: countries/kazakhstan.md
    title: str
    subtitle: str
    updated: PartialDate
    entries: tuple[Entry, ...]


def feed_path(page: str) -> str:
    """Where a page's feed lives: in the page's own folder, so that it is served at
    /countries/kazakhstan/feed.xml beside /countries/kazakhstan/."""
    stem = page.removesuffix(".md")
    return FEED_FILE if stem == "index" else f"{stem}/{FEED_FILE}"


class _Entries:
    """Each article's and each status change's entry, made once however many feeds hold it."""

    def __init__(self, knowledge: KnowledgeBase, address: SiteAddress):
        self.knowledge = knowledge
        self.address = address
        self.names = Links(knowledge, "")
        self._articles: dict[str, Entry] = {}
        self._changes: dict[Event, Entry] = {}
        self._rank: dict[str, int] | None = None  # an article's place, newest entry first
        self._by_rank: list[Entry] = []
        for relation in knowledge.relations.values():
            self._status_entries(relation)

    def article(self, article: Article) -> Entry:
        found = self._articles.get(article.slug)
        if found is None:
            url = self.address.page_url(path_of(article))
            summary = f"{article.summary} ({article.publication}, {article.date.label})"
            found = self._articles[article.slug] = Entry(
                url, article.title, article.date, url, summary, "article", article.authors)
        return found

    def articles(self, articles) -> list[Entry]:
        return [self.article(article) for article in articles]

    def newest_articles(self, articles, limit: int) -> list[Entry]:
        """The entries of the newest ``limit`` of these articles as a feed orders them
        (_feed's order): only those can be among a feed's newest entries. A country's feed
        draws on thousands of articles; making every one an entry, for each feed, took half
        of the planning of the feeds."""
        if self._rank is None:
            ranked = sorted(((self.article(article), article.slug)
                             for article in self.knowledge.articles.values()),
                            key=lambda pair: pair[0].newest_first, reverse=True)
            self._by_rank = [entry for entry, _ in ranked]
            self._rank = {slug: number for number, (_, slug) in enumerate(ranked)}
        rank = self._rank
        chosen = heapq.nsmallest(limit, [rank[article.slug] for article in articles])
        return [self._by_rank[number] for number in chosen]

    def changes(self, events) -> list[Entry]:
        return [self._changes[event] for event in events if event.status_change]

    def every_change(self) -> list[Entry]:
        return list(self._changes.values())

    def _status_entries(self, relation: Relation) -> None:
        page = path_of(relation)
        seen: dict[str, int] = {}
        statuses = self.knowledge.registry.statuses
        for event in self.knowledge.events_of(*relation.pair):
            if not event.status_change or event.actors != relation.pair:
                continue
            old, new = (statuses[ref] for ref in event.status_change)
            # The change to a status on a date: the same entry whatever comes before it.
            key = f"status-{event.date.iso}-{new.id}"
            seen[key] = seen.get(key, 0) + 1
            if seen[key] > 1:
                key += f"-{seen[key]}"
            article = self.knowledge.articles[event.citation.article]
            summary = (f"{self.names.name(relation)}: {new.name} since {event.date.label} "
                       f"(before: {old.name}), according to {article.title}, "
                       f"¶{event.citation.paragraph} ({article.publication}, "
                       f"{article.date.label}).")
            self._changes[event] = Entry(
                self.address.page_url(page, key), event.title, event.date,
                self.address.page_url(page, STATUS_SECTION), summary, "status-change",
                related=self.address.page_url(path_of(article), event.citation.anchor))


def _feed(page: str, title: str, subtitle: str, entries: list[Entry], limit: int,
          fallback: PartialDate) -> Feed:
    unique = {entry.id: entry for entry in entries}.values()
    # The same as sorting all and taking the first ``limit``, without sorting a country's
    # thousands of entries for each of its feeds.
    newest = heapq.nlargest(limit, unique, key=lambda entry: entry.newest_first)
    updated = max((entry.date for entry in newest), key=lambda date: date.span[0],
                  default=fallback)
    return Feed(feed_path(page), page, title, subtitle, updated, tuple(newest))


def plan_feeds(knowledge: KnowledgeBase, address: SiteAddress, limit: int = ENTRIES
               ) -> list[Feed]:
    """Every feed of the site, the site's own first; none without the site's address."""
    if not address.url:
        return []
    entries = _Entries(knowledge, address)
    registry = knowledge.registry
    site = _feed("index.md", address.name, f"New articles and changes of status: {address.name}",
                 [*entries.newest_articles(knowledge.articles.values(), limit),
                  *entries.every_change()],
                 limit, _NO_ENTRIES)
    # A page with nothing to show yet still has a feed to follow; it is dated by the site's
    # newest entry, so that it changes with the content and never with the clock.
    fallback = site.updated
    feeds = [site]

    def follow(thing, title: str, articles, events=()) -> None:
        about = "New articles and changes of status" if events else "New articles"
        feeds.append(_feed(path_of(thing), f"{address.name}: {title}", f"{about}: {title}",
                           [*entries.newest_articles(articles, limit), *entries.changes(events)],
                           limit, fallback))

    for code in knowledge.countries_with_pages():
        country = registry.countries[code]
        follow(country, country.name, knowledge.articles_about("country", code),
               knowledge.events_of(code))
    for relation in knowledge.relations.values():
        follow(relation, entries.names.name(relation),
               knowledge.articles_about("relation", relation.slug),
               knowledge.events_of(*relation.pair))
    for organisation in registry.organisations.values():
        follow(organisation, organisation.name,
               knowledge.articles_about("organisation", organisation.id),
               knowledge.events_of(organisation.id))
    for person in registry.people.values():
        follow(person, person.name, knowledge.articles_about("person", person.id))
    for topic in registry.topics.values():
        follow(topic, topic.name, knowledge.articles_about("topic", topic.id))
    return feeds


def page_feeds(page: str, feeds_by_page: dict[str, Feed]) -> dict[str, str]:
    """What a page's front matter says about feeds: its own feed (path and title) and the
    site's, for the links in its head and the visible one. Empty without feeds."""
    own = feeds_by_page.get(page)
    return _feed_front_matter(page, own.path if own else "", own.title if own else "",
                              bool(feeds_by_page))


def article_feeds(address: SiteAddress, page: str) -> dict[str, str]:
    """page_feeds for an article's page (an article has no feed of its own) without
    planning the feeds: serve's preview. There are feeds when the site has an address."""
    return _feed_front_matter(page, "", "", bool(address.url))


def entity_feeds(address: SiteAddress, page: str, main: str, name: str) -> dict[str, str]:
    """page_feeds for a page of an entity whose main page is ``main`` (which has a feed of
    its own, titled with the entity's ``name``: see plan_feeds) without planning the feeds:
    serve's preview of a saved entity file. An archive page has no feed of its own."""
    if page != main:
        return article_feeds(address, page)
    return _feed_front_matter(page, feed_path(main), f"{address.name}: {name}",
                              bool(address.url))


def _feed_front_matter(page: str, own_path: str, own_title: str,
                       any_feeds: bool) -> dict[str, str]:
    if not any_feeds:
        return {"feed": "", "feed_title": "", "site_feed": ""}
    return {"feed": own_path, "feed_title": own_title,
            "site_feed": "" if page == "index.md" else FEED_FILE}


def feed_key(feed: Feed, address: SiteAddress, environment: str) -> str:
    """The inputs key of a feed: everything it is written from, so an unchanged feed is not
    written again (the environment key covers our code)."""
    header = [getattr(feed, name.name) for name in fields(feed) if name.name != "entries"]
    return digest(environment.encode(), repr(address).encode(), repr(header).encode(),
                  " ".join(entry.key for entry in feed.entries).encode())


def _text(value: str) -> str:
    return " ".join(_NOT_XML.sub("", str(value)).split())


def _element(parent: ElementTree.Element, tag: str, text: str = "", **attributes: str
             ) -> ElementTree.Element:
    element = ElementTree.SubElement(parent, tag, attributes)
    if text:
        element.text = text
    return element


def _date(date: PartialDate) -> str:
    """RFC 3339, as Atom wants it, at the start of the day, month or year the source gives."""
    return f"{date.year:04d}-{date.month or 1:02d}-{date.day or 1:02d}T00:00:00Z"


def feed_xml(feed: Feed, address: SiteAddress) -> bytes:
    """The Atom document of a feed (RFC 4287). ElementTree escapes text and attributes; the
    order of elements and attributes is the order they are made in, so the bytes are fixed."""
    self_url = address.file_url(feed.path)
    root = ElementTree.Element("feed", {"xmlns": ATOM_NAMESPACE})
    if address.language:
        root.set("xml:lang", address.language)
    _element(root, "id", self_url)
    _element(root, "title", _text(feed.title) or "Briefings")
    _element(root, "subtitle", _text(feed.subtitle))
    _element(root, "updated", _date(feed.updated))
    author = _element(root, "author")
    _element(author, "name", _text(address.name) or "Briefings")
    _element(root, "link", rel="alternate", type="text/html", href=address.page_url(feed.page))
    _element(root, "link", rel="self", type=ATOM_TYPE, href=self_url)
    _element(root, "generator", "briefings")  # no version: the bytes must not change with it
    ElementTree.indent(root)
    head = ElementTree.tostring(root, encoding="unicode").removesuffix("</feed>")
    entries = "".join(_entry_xml(entry) for entry in feed.entries)
    return f"<?xml version='1.0' encoding='utf-8'?>\n{head}{entries}</feed>\n".encode()


@functools.lru_cache(maxsize=1 << 16)
def _entry_xml(entry: Entry) -> str:
    """One entry, indented to sit in a feed. An article concerns many pages: its entry is
    written once and copied into each of their feeds."""
    item = ElementTree.Element("entry")
    _element(item, "id", entry.id)
    _element(item, "title", _text(entry.title) or entry.id)
    _element(item, "updated", _date(entry.date))
    _element(item, "published", _date(entry.date))
    for name in entry.authors:
        if _text(name):
            _element(_element(item, "author"), "name", _text(name))
    _element(item, "link", rel="alternate", type="text/html", href=entry.link)
    if entry.related:
        _element(item, "link", rel="related", type="text/html", href=entry.related)
    _element(item, "category", term=entry.category,
             label="Article" if entry.category == "article" else "Status change")
    if _text(entry.summary):
        _element(item, "summary", _text(entry.summary), type="text")
    ElementTree.indent(item, level=1)
    return f"  {ElementTree.tostring(item, encoding='unicode')}\n"
