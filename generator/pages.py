"""What each page shows and where it lives, as plain data for the templates.

Paths are Markdown files under the docs folder; with mkdocs' directory URLs
``relations/kazakhstan-turkiye.md`` is served at ``/relations/kazakhstan-turkiye/``.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass, field

from markupsafe import Markup

from .knowledge import KnowledgeBase
from .model import Article, Citation, Relation
from .registry import Country, Organisation, Person, Region, Topic
from .render import md_escape, relative_url
from .schema import EVENT_CLASSES, STANCES
from .search import ENTITY_BOOST, search_terms

SECTIONS = {
    "countries": "Countries",
    "relations": "Relations",
    "organisations": "Organisations",
    "people": "People",
    "topics": "Topics",
    "articles": "Articles",
    "timeline": "Timeline",
    "data": "Data",
}
RESERVED_SLUGS = {"index"}
HOME_ARTICLES = 8
HOME_RELATIONS = 8


@dataclass
class Page:
    path: str
    template: str
    context: dict = field(default_factory=dict)


def path_of(thing) -> str:
    if isinstance(thing, Country):
        return f"countries/{thing.slug}.md"
    if isinstance(thing, Organisation):
        return f"organisations/{thing.slug}.md"
    if isinstance(thing, Person):
        return f"people/{thing.slug}.md"
    if isinstance(thing, Topic):
        return f"topics/{thing.slug}.md"
    if isinstance(thing, Relation):
        return f"relations/{thing.slug}.md"
    if isinstance(thing, Article):
        return f"articles/{thing.slug}.md"
    if isinstance(thing, Region):
        return "countries/index.md"
    raise TypeError(f"no page for {thing!r}")


class Links:
    """Link helpers bound to the page being written, so that every link is relative and checked
    by ``mkdocs build --strict``."""

    def __init__(self, knowledge: KnowledgeBase, here: str, cache: dict | None = None):
        self.knowledge = knowledge
        self.here = here
        # Links depend only on the folder a page is in: pages of one section share them.
        self.cache = cache if cache is not None else {}
        self.folder = posixpath.dirname(here)

    def url(self, thing, anchor: str = "") -> str:
        if isinstance(thing, Region):
            anchor = anchor or f"region-{thing.id}"
        return relative_url(self.here, path_of(thing), anchor)

    def link(self, thing, text=None) -> Markup:
        key = ("link", id(thing), text, self.folder)
        found = self.cache.get(key)
        if found is None:
            label = md_escape(text if text is not None else self.name(thing))
            found = self.cache[key] = Markup(f"[{label}]({self.url(thing)})")
        return found

    def actor(self, ref: str):
        return self.knowledge.registry.actor(ref)

    def actor_link(self, ref: str) -> Markup:
        return self.link(self.actor(ref))

    def actors(self, refs) -> Markup:
        return Markup(", ").join(self.actor_link(ref) for ref in refs)

    def person_link(self, ref: str) -> Markup:
        return self.link(self.knowledge.registry.people[ref])

    def name(self, thing) -> str:
        if isinstance(thing, Relation):
            first, second = (self.actor(ref) for ref in thing.pair)
            return f"{first.name} – {second.name}"
        if isinstance(thing, Article):
            return thing.title
        return thing.name

    def cite(self, citation: Citation) -> Markup:
        """A link to the exact paragraph a statement comes from."""
        key = ("cite", citation.article, citation.paragraph, self.folder)
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = self._cite(citation)
        return found

    def _cite(self, citation: Citation) -> Markup:
        article = self.knowledge.articles[citation.article]
        label = md_escape(f"{article.title}, ¶{citation.paragraph}")
        title = md_escape(f"Source: {article.publication}, {article.date.label}")
        # The same article titles recur on many pages: search skips citations.
        return Markup(f'<span class="cite" data-search-exclude>[{label}]'
                      f'({self.url(article, citation.anchor)} "{title}")</span>')

    def date(self, value) -> str:
        return value.label if value else ""


def _page(path: str, template: str, **context) -> Page:
    return Page(path, template, context)


def _entity_page(knowledge: KnowledgeBase, thing, template: str, **context) -> Page:
    """A page about one entity or relation: found in search by all of its names."""
    return Page(path_of(thing), template, {
        **context, "search_terms": search_terms(thing, knowledge.registry),
        "search_boost": ENTITY_BOOST})


def plan_pages(knowledge: KnowledgeBase) -> list[Page]:
    """Every page of the site, in a fixed order."""
    registry = knowledge.registry
    pages: list[Page] = [_home(knowledge)]
    country_codes = knowledge.countries_with_pages()
    countries = [registry.countries[code] for code in country_codes]
    pages.append(_countries_index(knowledge, countries))
    for country in countries:
        pages.append(_country(knowledge, country))
    relations = list(knowledge.relations.values())
    pages.append(_page("relations/index.md", "relations_index.md.j2", title="Relations",
                       relations=relations, stances=STANCES))
    for relation in relations:
        pages.append(_relation(knowledge, relation))
    organisations = sorted(registry.organisations.values(), key=lambda o: o.name.casefold())
    pages.append(_page("organisations/index.md", "organisations_index.md.j2",
                       title="Organisations", organisations=organisations,
                       counts={o.id: len(knowledge.articles_about("organisation", o.id))
                               for o in organisations}))
    for organisation in organisations:
        pages.append(_organisation(knowledge, organisation))
    people = sorted(registry.people.values(), key=lambda p: p.name.casefold())
    pages.append(_page("people/index.md", "people_index.md.j2", title="People", people=people))
    for person in people:
        pages.append(_person(knowledge, person))
    topics = sorted(registry.topics.values(), key=lambda t: t.name.casefold())
    pages.append(_page("topics/index.md", "topics_index.md.j2", title="Topics", topics=topics,
                       counts={t.id: len(knowledge.articles_about("topic", t.id)) for t in topics}))
    for topic in topics:
        pages.append(_topic(knowledge, topic))
    articles = list(knowledge.articles.values())
    pages.append(_page("articles/index.md", "articles_index.md.j2", title="Articles",
                       years=_by_year(articles, lambda a: a.date.year)))
    for article in articles:
        pages.append(_page(path_of(article), "article.md.j2", title=article.title,
                           article=article, claims=knowledge.claims_in(article.slug)))
    pages.append(_page("timeline/index.md", "timeline.md.j2", title="Timeline",
                       years=_by_year(knowledge.events, lambda e: e.date.year, newest_first=True),
                       classes=EVENT_CLASSES))
    pages.append(_page("data/index.md", "data.md.j2", title="Data",
                       counts=_counts(knowledge, countries)))
    return pages


def _by_year(items, year_of, newest_first: bool = True) -> list[tuple[int, list]]:
    groups: dict[int, list] = defaultdict(list)
    for item in items:
        groups[year_of(item)].append(item)
    return sorted(groups.items(), reverse=newest_first)


def _counts(knowledge: KnowledgeBase, countries) -> dict[str, int]:
    return {"articles": len(knowledge.articles), "countries": len(countries),
            "relations": len(knowledge.relations), "events": len(knowledge.events),
            "figures": len(knowledge.figures), "quotes": len(knowledge.quotes)}


def _activity(knowledge: KnowledgeBase, relation: Relation) -> int:
    return (len(relation.claims) + len(knowledge.events_of(*relation.pair))
            + len(knowledge.figures_of(*relation.pair)))


def _home(knowledge: KnowledgeBase) -> Page:
    articles = list(knowledge.articles.values())[:HOME_ARTICLES]
    ranked = sorted(knowledge.relations.values(),
                    key=lambda r: (-_activity(knowledge, r), r.slug))[:HOME_RELATIONS]
    # The home page repeats what other pages are about, so search leaves it out.
    return _page("index.md", "home.md.j2", title="Overview", search_exclude=True,
                 articles=articles,
                 relations=[(r, _activity(knowledge, r)) for r in ranked],
                 counts=_counts(knowledge, knowledge.countries_with_pages()))


def _countries_index(knowledge: KnowledgeBase, countries: list[Country]) -> Page:
    registry = knowledge.registry
    regions = sorted(registry.regions.values(), key=lambda r: r.name.casefold())
    grouped = []
    for region in regions:
        members = [c for c in countries if region.id in c.groups]
        if members:
            grouped.append((region, members))
    ungrouped = [c for c in countries if not c.groups]
    coverage = {c.code: len(knowledge.articles_about("country", c.code)) for c in countries}
    return _page("countries/index.md", "countries_index.md.j2", title="Countries",
                 groups=grouped, ungrouped=ungrouped, coverage=coverage)


def _country(knowledge: KnowledgeBase, country: Country) -> Page:
    registry = knowledge.registry
    code = country.code
    people = {p.id: p for p in knowledge.people_of(code)}
    for event in knowledge.events_of(code):
        for ref in event.people:
            people.setdefault(ref, registry.people[ref])
    return _entity_page(
        knowledge, country, "country.md.j2", title=country.name, country=country,
        regions=[registry.regions[group] for group in country.groups],
        memberships=knowledge.memberships_of(code),
        relations=knowledge.relations_of(code),
        figures=knowledge.figures_of(code), events=knowledge.events_of(code),
        quotes=knowledge.quotes_of(code), mentions=knowledge.mentions_of("country", code),
        people=sorted(people.values(), key=lambda p: p.name.casefold()),
        articles=knowledge.articles_about("country", code))


def _relation(knowledge: KnowledgeBase, relation: Relation) -> Page:
    first, second = relation.pair
    return _entity_page(
        knowledge, relation, "relation.md.j2", title=Links(knowledge, "").name(relation),
        relation=relation, figures=knowledge.figures_of(first, second),
        events=knowledge.events_of(first, second), quotes=knowledge.quotes_of(first, second),
        articles=knowledge.articles_about("relation", relation.slug))


def _organisation(knowledge: KnowledgeBase, organisation: Organisation) -> Page:
    ref = organisation.id
    return _entity_page(
        knowledge, organisation, "organisation.md.j2", title=organisation.name,
        organisation=organisation, relations=knowledge.relations_of(ref),
        framework_of=knowledge.relations_in(ref), events=knowledge.events_of(ref),
        figures=knowledge.figures_of(ref), quotes=knowledge.quotes_of(ref),
        mentions=knowledge.mentions_of("organisation", ref),
        articles=knowledge.articles_about("organisation", ref))


def _person(knowledge: KnowledgeBase, person: Person) -> Page:
    registry = knowledge.registry
    return _entity_page(
        knowledge, person, "person.md.j2", title=person.name, person=person,
        country=registry.countries.get(person.country),
        events=knowledge.events_with_person(person.id), quotes=knowledge.quotes_by(person.id),
        mentions=knowledge.mentions_of("person", person.id),
        articles=knowledge.articles_about("person", person.id))


def _topic(knowledge: KnowledgeBase, topic: Topic) -> Page:
    return _entity_page(
        knowledge, topic, "topic.md.j2", title=topic.name, topic=topic,
        mentions=knowledge.mentions_of("topic", topic.id),
        articles=knowledge.articles_about("topic", topic.id))
