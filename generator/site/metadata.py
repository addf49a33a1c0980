"""What a page tells search engines, feed readers and link previews about itself.

Every generated page gets, as plain values in its context (so that they count in its inputs
key and its front matter carries them to the theme's head, ``templates/theme/main.html``):

- ``description``: one line of plain text, at most ``DESCRIPTION_LENGTH`` characters: an
  article's summary; an organisation's or topic's description; else the first sentence of the
  page's bottom line (an editor's lede, or its status and trend in words);
- ``updated``: the date of the newest article the page draws on, so that the sitemap's
  ``lastmod`` and the page's "last updated" change only when the content does;
- ``structured_data``: JSON-LD (schema.org): ``NewsArticle`` for articles, ``Country``,
  ``Organization`` or ``Person`` for entity pages (with ``sameAs`` Wikidata and Wikipedia),
  a ``WebPage`` about both actors for relations and about the topic for topics.

Article and entity text is untrusted: JSON-LD goes into a ``<script>`` element, where HTML
escaping does not apply, so ``<``, ``>`` and ``&`` are written as JSON escapes and no text can
close the element.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..content.dates import PartialDate
from ..content.registry import Country, Organisation, Person, Topic
from ..knowledge.briefing import BottomLine
from ..knowledge.knowledge import KnowledgeBase
from ..knowledge.model import Article, Relation
from ..knowledge.urls import page_url, path_of

DESCRIPTION_LENGTH = 160
SCHEMA_ORG = "https://schema.org"
SOCIAL_IMAGE = "assets/social.png"  # templates/assets/social.png, shipped with the site
WIKIDATA = "https://www.wikidata.org/wiki/"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'(])")
# Characters that must not appear raw inside <script>: they could end the element or start
# a comment; JSON allows them escaped. U+2028 and U+2029 end lines in older JavaScript.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})


@dataclass(frozen=True)
class Site:
    """What mkdocs.yml says about the site: its name, its address (``site_url``, ending in a
    slash; empty when none is set, and then no absolute address is written) and description."""

    name: str = ""
    url: str = ""
    description: str = ""

    def address(self, path: str) -> str:
        """The canonical address of a generated page, or "" without a site address."""
        return self.url + page_url(path) if self.url else ""

    @property
    def image(self) -> str:
        return self.url + SOCIAL_IMAGE if self.url else ""


def plain(text) -> str:
    return " ".join(str(text).split())


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """Plain text of at most ``limit`` characters, cut after a whole word with an ellipsis."""
    text = plain(text)
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–—-") + "…"


def first_sentence(text: str) -> str:
    return _SENTENCE_END.split(plain(text), maxsplit=1)[0]


def script_json(data) -> str:
    """JSON for a ``<script type="application/ld+json">`` element that no text can leave."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)


# -- descriptions --------------------------------------------------------------------------------

def _bottom_sentence(knowledge: KnowledgeBase, subject: str, bottom: BottomLine | None,
                     actor: str = "") -> str:
    """The bottom line's first sentence: the editor's lede, else the status and the trend.
    ``actor``: the page's own actor, whose statuses are given with each partner."""
    if bottom is None:
        return ""
    if bottom.brief is not None and bottom.brief.sentences:
        return first_sentence(bottom.brief.sentences[0][0])
    clauses = []
    if bottom.statuses:
        line = bottom.statuses[0]
        since = line.since.holds_from.label
        if actor:
            partner = knowledge.registry.actor(line.relation.partner_of(actor))
            clauses.append(f"{line.name} with {partner.name} since {since}")
        else:
            clauses.append(f"{line.name} since {since}")
    headline = bottom.outlook.headline
    if headline.known and headline.period is not None:
        clauses.append(f"trend {headline.direction} in {headline.period.label}")
    if not clauses:
        return ""
    return f"{subject}: {'; '.join(clauses)}."


def _sourced(articles: list) -> str:
    """How many articles a page draws on, and how new the newest is (newest first)."""
    if len(articles) == 1:
        return f"from one sourced article, of {articles[0].date.label}"
    return f"from {len(articles)} sourced articles, the newest of {articles[0].date.label}"


def description_of(template: str, context: dict, knowledge: KnowledgeBase) -> str:
    """The page's description as plain text, not yet shortened; "" when it has none of its
    own (the site's description stands for it)."""
    if template == "article.md.j2":
        return context["article"].summary
    articles = context.get("articles") or []
    bottom = context.get("bottom")
    if template == "country.md.j2":
        country: Country = context["country"]
        return (_bottom_sentence(knowledge, country.name, bottom, country.code)
                or (f"{country.name}: relations, events and figures {_sourced(articles)}."
                    if articles else f"{country.name}: no article covers it yet."))
    if template == "relation.md.j2":
        relation: Relation = context["relation"]
        return (_bottom_sentence(knowledge, context["title"], bottom)
                or f"{context['title']}: {relation.latest.label}; "
                   f"{_sourced(articles) if articles else 'no article covers it yet'}.")
    if template == "organisation.md.j2":
        organisation: Organisation = context["organisation"]
        return (organisation.description
                or _bottom_sentence(knowledge, organisation.name, bottom, organisation.id)
                or (f"{organisation.name}: relations and events {_sourced(articles)}."
                    if articles else f"{organisation.name}: no article covers it yet."))
    if template == "person.md.j2":
        person: Person = context["person"]
        who = f"{person.name}, {person.role}" if person.role else person.name
        return (f"{who}: events, quotes and statements {_sourced(articles)}." if articles
                else f"{who}: no article mentions them yet.")
    if template == "topic.md.j2":
        topic: Topic = context["topic"]
        return (topic.description or _bottom_sentence(knowledge, topic.name, bottom)
                or (f"{topic.name}: figures and events {_sourced(articles)}." if articles
                    else f"{topic.name}: no article covers it yet."))
    return ""


# -- dates ---------------------------------------------------------------------------------------

def newest_source(sources, knowledge: KnowledgeBase, newest_of_all: PartialDate | None
                  ) -> PartialDate | None:
    """The date of the newest article among ``sources`` (slugs); ``None`` means the page
    draws on every article."""
    if sources is None:
        return newest_of_all
    # The first in the site's order is the newest: it sorts by date, newest first.
    newest = knowledge.newest_article(sources)
    return newest.date if newest is not None else None


# -- structured data ----------------------------------------------------------------------------

def _same_as(thing) -> list[str]:
    links = []
    if getattr(thing, "wikidata", ""):
        links.append(WIKIDATA + thing.wikidata)
    if getattr(thing, "wikipedia", ""):
        links.append(thing.wikipedia)
    return links


def _with(data: dict, **values) -> dict:
    """``data`` with the values that are not empty."""
    data.update({key: value for key, value in values.items() if value})
    return data


def _entity(thing, site: Site, path: str = "") -> dict:
    """A schema.org description of a country, organisation or person."""
    if isinstance(thing, Country):
        kind, names = "Country", list(thing.other_names)
    elif isinstance(thing, Organisation):
        kind, names = "Organization", list(thing.other_names)
    elif isinstance(thing, Person):
        kind, names = "Person", list(thing.other_names)
    else:
        kind, names = "Thing", list(getattr(thing, "other_names", ()))
    return _with({"@type": kind, "name": thing.name}, url=site.address(path) if path else "",
                 alternateName=names, sameAs=_same_as(thing))


def _article_data(article: Article, updated: PartialDate | None, address: str,
                  site: Site) -> dict:
    authors = [{"@type": "Person", "name": name} for name in article.authors]
    publisher = {"@type": "Organization", "name": article.publication}
    citations = [_with({"@type": "CreativeWork", "name": source["name"]},
                       url=source.get("url", "")) for source in article.sources]
    return _with(
        {"@context": SCHEMA_ORG, "@type": "NewsArticle", "headline": article.title,
         "description": plain(article.summary), "datePublished": article.date.iso,
         "dateModified": (updated or article.date).iso,
         "author": authors or [publisher], "publisher": publisher},
        url=address, mainEntityOfPage=address, image=site.image, isBasedOn=article.url,
        citation=citations,
        isPartOf=_with({"@type": "WebSite", "name": site.name}, url=site.url) if site.name
        else None)


def structured_data(template: str, context: dict, path: str, knowledge: KnowledgeBase,
                    site: Site, description: str, updated: PartialDate | None) -> dict | None:
    """The page's JSON-LD as data, or None for pages that describe no one thing."""
    address = site.address(path)
    if template == "article.md.j2":
        return _article_data(context["article"], updated, address, site)
    subject = {"country.md.j2": "country", "organisation.md.j2": "organisation",
               "person.md.j2": "person"}.get(template)
    if subject is not None:
        thing = context[subject]
        data = {"@context": SCHEMA_ORG, **_entity(thing, site, path)}
        extra: dict = {"description": description, "mainEntityOfPage": address}
        if isinstance(thing, Country):
            extra["identifier"] = thing.code
        if isinstance(thing, Organisation) and thing.founded:
            extra["foundingDate"] = thing.founded.iso
        if isinstance(thing, Person):
            extra["jobTitle"] = thing.role
            country = knowledge.registry.countries.get(thing.country)
            if country is not None:
                extra["nationality"] = _entity(country, site)
        return _with(data, **extra)
    if template in ("relation.md.j2", "topic.md.j2"):
        if template == "relation.md.j2":
            # Both actors of a relation have pages of their own.
            about = [_entity(actor, site, path_of(actor)) for actor in
                     (knowledge.registry.actor(ref) for ref in context["relation"].pair)]
        else:
            topic: Topic = context["topic"]
            about = _with({"@type": "Thing", "name": topic.name},
                          alternateName=list(topic.other_names))
        return _with({"@context": SCHEMA_ORG, "@type": "WebPage", "name": plain(context["title"]),
                      "about": about}, description=description, url=address,
                     dateModified=updated.iso if updated else "")
    return None


# -- all pages ----------------------------------------------------------------------------------

def describe_pages(pages, knowledge: KnowledgeBase, site: Site) -> None:
    """Add each page's description, newest source date and structured data to its context."""
    newest_of_all = max((article.date for article in knowledge.articles.values()), default=None)
    for page in pages:
        context = page.context
        updated = newest_source(page.sources, knowledge, newest_of_all)
        description = shorten(description_of(page.template, context, knowledge))
        data = structured_data(page.template, context, page.path, knowledge, site,
                               description, updated)
        context["updated"] = updated
        # Plain values: they count in the page's inputs key, so a change of site address
        # renders every page again.
        context["updated_iso"] = updated.iso if updated else ""
        context["description"] = description
        context["structured_data"] = script_json(data) if data is not None else ""
        context["og_type"] = "article" if page.template == "article.md.j2" else "website"
        if page.template == "article.md.j2":
            context["published_iso"] = context["article"].date.iso
