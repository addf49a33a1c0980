"""What each page shows and where it lives, as plain data for the templates.

Paths are Markdown files under the docs folder; with mkdocs' directory URLs
``relations/kazakhstan-turkiye.md`` is served at ``/relations/kazakhstan-turkiye/``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from ..content.registry import Country, Organisation, Person, Topic, folded_name
from ..content.schema import EVENT_CLASSES, STANCES
from ..knowledge.briefing import bottom_line
from ..knowledge.knowledge import KnowledgeBase
from ..knowledge.model import Article, Relation
from ..knowledge.urls import path_of
from ..pictures.maps import country_map, coverage_map, organisation_map, relation_map
from . import archives
from .archives import split_long_lists, yearly_index
from .changes import change_pages, latest_changes, relation_outlooks
from .edit_links import add_edit_links
from .kept_plans import KeptPlans
from .links import Links
from .page_plan import Page, make_page, older_figures, sources_of
from .search import ENTITY_BOOST, search_filters, search_terms

SECTIONS = {
    "countries": "Countries",
    "relations": "Relations",
    "organisations": "Organisations",
    "people": "People",
    "topics": "Topics",
    "articles": "Articles",
    "timeline": "Timeline",
    "changes": "What changed",
    "data": "Data",
}
RESERVED_SLUGS = {"index"}
HOME_ARTICLES = 8
HOME_RELATIONS = 8


def _entity_page(knowledge: KnowledgeBase, thing, template: str, sources: frozenset[str],
                 **context) -> list[Page]:
    """A page about one entity or relation, found in search by all of its names, with the
    archive pages of its long lists. ``sources``: every article any of it comes from."""
    path = path_of(thing)
    figures = context.get("figures", ())
    context, archive, archive_pages = split_long_lists(knowledge, path.removesuffix(".md"),
                                             context["title"], context)
    context.setdefault("totals", {})
    page = Page(path, template, {
        **context, "archive": archive, "older_figures": older_figures(figures),
        "search_terms": search_terms(thing, knowledge.registry), "search_boost": ENTITY_BOOST},
        sources)
    return [page, *archive_pages]


def plan_pages(knowledge: KnowledgeBase, kept: KeptPlans | None = None) -> list[Page]:
    """Every page of the site, in a fixed order. With ``kept``, the pages of an entity whose
    articles are unchanged since the last build are taken from it, not planned again."""
    registry = knowledge.registry

    def entity(thing, sources, plan, older: str = "") -> list[Page]:
        """The pages of an article, relation or entity: they show no entry of people,
        organisations or topics but those their articles name (see Page.named_entries) and,
        for an entity, those shown_entries gives, counted as a plain value of each page and
        in what its plans are kept by."""
        shown = own = ""
        if not isinstance(thing, (Article, Relation)):
            entries, line = shown_entries(knowledge, thing)
            shown = f"{registry.view(entries)}:{registry.lines.get(line, 0)}"
            own = registry.view(own_entry(thing))
        if kept is None:
            planned = plan()
        else:
            path = path_of(thing)
            planned = kept.pages(path.removesuffix(".md"), path,
                                 knowledge.with_status_basis(sources), plan,
                                 f"{older}\n{shown}" if shown else older)
        for number, page in enumerate(planned):
            page.named_entries = True
            if shown and not page.kept_key:
                # The archive parts show the entity's own entry alone.
                page.context["entries_shown"] = own if number else shown
        return planned

    pages: list[Page] = [_home(knowledge)]
    country_codes = knowledge.countries_with_pages()
    countries = [registry.countries[code] for code in country_codes]
    pages.append(_countries_index(knowledge, countries))
    for country in countries:
        pages += entity(country, _actor_sources(knowledge, "country", country.code),
                        lambda country=country: _country(knowledge, country))
    relations = list(knowledge.relations.values())
    pages += _named(yearly_index("relations", "Relations", "relations_index.md.j2",
                                 _by_initial(knowledge, relations), stances=STANCES))
    for relation in relations:
        pages += entity(relation, knowledge.told_about(relation),
                        lambda relation=relation: _relation(knowledge, relation))
    organisations = sorted(registry.organisations.values(), key=lambda o: folded_name(o.name))
    pages.append(make_page("organisations/index.md", "organisations_index.md.j2",
                       title="Organisations", organisations=organisations,
                       counts={o.id: len(knowledge.articles_about("organisation", o.id))
                               for o in organisations}))
    for organisation in organisations:
        pages += entity(organisation,
                        _actor_sources(knowledge, "organisation", organisation.id)
                        | sources_of(knowledge.relations_in(organisation.id)),
                        lambda organisation=organisation: _organisation(knowledge, organisation))
    people = sorted(registry.people.values(), key=lambda p: folded_name(p.name))
    pages.append(make_page("people/index.md", "people_index.md.j2", title="People", people=people))
    for person in people:
        pages += entity(person, {a.slug for a in knowledge.articles_about("person", person.id)},
                        lambda person=person: _person(knowledge, person))
    topics = sorted(registry.topics.values(), key=lambda t: folded_name(t.name))
    pages.append(make_page("topics/index.md", "topics_index.md.j2", title="Topics", topics=topics,
                       counts={t.id: len(knowledge.articles_about("topic", t.id)) for t in topics}))
    for topic in topics:
        sources = _topic_sources(knowledge, topic.id)
        pages += entity(topic, sources,
                        lambda topic=topic, sources=sources: _topic(knowledge, topic, sources),
                        older_figures(knowledge.figures_on(topic.id)))
    articles = list(knowledge.articles.values())
    pages += _named(yearly_index("articles", "Articles", "articles_index.md.j2",
                                 _by_year(articles, lambda a: a.date.year),
                                 lambda a: a.date.month))
    for article in articles:
        told, plan, older = _article(knowledge, article)
        pages += entity(article, told, plan, older)
    pages += _named(_timeline(knowledge))
    pages += _named(change_pages(knowledge))
    # The data section (data/) is planned with its files: see opendata.py.
    for editor_page in knowledge.editor_pages:
        # Drawn on no article: the page's own text, a plain value, keys it.
        pages.append(make_page(editor_page.docs_path, "page.md.j2", frozenset(),
                           title=editor_page.title, blocks=editor_page.blocks,
                           text_key=editor_page.html, source_path=editor_page.path))
    _finish(knowledge, [page for page in pages if not page.kept_key])
    return pages


def article_pages(knowledge: KnowledgeBase) -> list[Page]:
    """The pages of the knowledge base's articles alone, planned as plan_pages plans them
    (serve's preview of a saved article, before the whole site is planned again)."""
    pages = [page for article in knowledge.articles.values()
             for page in _article(knowledge, article)[1]()]
    _finish(knowledge, pages)
    return pages


# The entity files' sections whose entries have pages of their own.
ENTITY_SECTIONS = ("countries", "organisations", "people", "topics")


def entity_pages(knowledge: KnowledgeBase, section: str, ref: str) -> list[Page]:
    """The pages of one entry of an entity file (``section``: one of ENTITY_SECTIONS),
    planned as plan_pages plans them; none when it has no page (a country the site never
    names). serve's preview of a saved entity file, before the whole site is planned again."""
    registry = knowledge.registry
    if section == "countries":
        planned = (_country(knowledge, registry.countries[ref])
                   if ref in knowledge.countries_with_pages() else [])
    elif section == "organisations":
        planned = _organisation(knowledge, registry.organisations[ref])
    elif section == "people":
        planned = _person(knowledge, registry.people[ref])
    elif section == "topics":
        planned = _topic(knowledge, registry.topics[ref], _topic_sources(knowledge, ref))
    else:
        raise ValueError(f"no pages for the entity section {section!r}")
    _finish(knowledge, planned)
    return planned


def _article(knowledge: KnowledgeBase, article) -> tuple[frozenset[str], Callable, str]:
    """An article's sources, the plan of its page and its older figures (see plan_pages)."""
    claims = knowledge.claims_in(article.slug)
    # An event other articles tell too cites them as well.
    told = sources_of([article, *claims["events"]])
    older = older_figures(claims["figures"])

    def plan() -> list[Page]:
        mentions_by_kind: dict[str, list] = {}  # grouped here: a template's selectattr is slow
        for mention in claims["mentions"]:
            mentions_by_kind.setdefault(mention.kind, []).append(mention)
        return [make_page(path_of(article), "article.md.j2", told, title=article.title,
                          article=article, claims=claims, older_figures=older,
                          mentions_by_kind=mentions_by_kind)]

    return told, plan, older


def _named(pages: list[Page]) -> list[Page]:
    """The pages, those drawn on some articles keyed by the entries those name (see
    Page.named_entries): the parts of a long section index, the timeline's and what
    changed's, which list articles, relations and events by what their articles say. An index
    drawn on everything (sources None) is written every time anyway."""
    for page in pages:
        page.named_entries = page.sources is not None
    return pages


def _finish(knowledge: KnowledgeBase, planned: list[Page]) -> None:
    """What every newly planned page gets: its edit links and search filters."""
    add_edit_links(knowledge, planned)
    for page in planned:
        page.context["search_filters"] = search_filters(page.template, page.context, knowledge)


# Where each kind of entity's own entry is written: its edit link points at the line.
_ENTITY_FILES = {Country: ("country", "countries"), Organisation: ("organisation", "organisations"),
                 Person: ("person", "people"), Topic: ("topic", "topics")}


def own_entry(thing) -> list[tuple[str, str]]:
    """An entity's own entry among people, organisations and topics (a country's is in
    countries.yml, which counts whole): all its archive parts show besides their articles."""
    kind = _ENTITY_FILES[type(thing)][0]
    return [] if kind == "country" else [(kind, thing.id)]


def shown_entries(knowledge: KnowledgeBase, thing) -> tuple[list[tuple[str, str]],
                                                           tuple[str, str]]:
    """The entries of people, organisations and topics the main page of a country,
    organisation, person or topic shows besides those its articles name (a country's page
    lists its people and the organisations it belongs to; an entity's page shows its own
    entry), and where its own entry is written (its edit link points at the line)."""
    kind, stem = _ENTITY_FILES[type(thing)]
    if kind != "country":
        return own_entry(thing), (stem, thing.id)
    return ([("person", person.id) for person in knowledge.people_of(thing.code)]
            + [("organisation", organisation.id)
               for organisation, _ in knowledge.memberships_of(thing.code)],
            (stem, thing.code))


# What an entity's pages are made from, besides the environment and the site-wide facts (see
# kept_plans.py): every article with anything about it, as its page's inputs key counts them.
def _actor_sources(knowledge: KnowledgeBase, kind: str, ref: str) -> set[str]:
    found = {article.slug for article in knowledge.articles_about(kind, ref)}
    found.update(a.citation.article for a in knowledge.assessments_of((ref,)))
    return found


def _topic_sources(knowledge: KnowledgeBase, ref: str) -> set[str]:
    articles = knowledge.articles_about("topic", ref)
    found = {article.slug for article in articles}
    found.update(figure.citation.article for figure in knowledge.figures_on(ref))
    # What an event draws on is sources_of's to say (its citations and any claim it follows).
    found.update(sources_of([event for article in articles
                             for event in knowledge.events_in(article.slug)]))
    return found


def _by_partner(knowledge: KnowledgeBase, relations: list[Relation], actor: str
                ) -> list[Relation]:
    """An actor's relations in the alphabetical order of the partners' names shown."""
    return sorted(relations, key=lambda relation: folded_name(
        knowledge.registry.actor(relation.partner_of(actor)).name))


def _by_name(knowledge: KnowledgeBase, relations) -> list[Relation]:
    """Relations in the alphabetical order of the names shown ("Caspian Pipeline Consortium –
    Kazakhstan" among the Ca's, though its address begins with "cpc")."""
    return sorted(relations, key=lambda relation: [
        folded_name(knowledge.registry.actor(ref).name) for ref in relation.pair])


def _by_initial(knowledge: KnowledgeBase, relations: list[Relation]
                ) -> list[tuple[str, list[Relation]]]:
    """Relations grouped by the initial of their address (each group a part of the index
    when it is long), each group in the order of the names shown."""
    groups: dict[str, list[Relation]] = defaultdict(list)
    for relation in relations:
        groups[relation.slug[:1]].append(relation)
    return sorted((initial, _by_name(knowledge, group)) for initial, group in groups.items())


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


def _locator(plan) -> dict:
    """A page's locator map, and its inputs as a plain value: the inputs key of a page counts
    its plain values, so the page is rendered again whenever its map would change (a
    neighbour that gets a page of its own becomes a link in the caption)."""
    return {"locator": plan, "locator_key": plan.inputs_key if plan else ""}


def _coverage(knowledge: KnowledgeBase, codes) -> dict[str, int]:
    return {code: len(knowledge.articles_about("country", code)) for code in codes}


def _home(knowledge: KnowledgeBase) -> Page:
    articles = list(knowledge.articles.values())[:HOME_ARTICLES]
    ranked = sorted(knowledge.relations.values(),
                    key=lambda r: (-_activity(knowledge, r), r.slug))[:HOME_RELATIONS]
    outlooks = relation_outlooks(knowledge)
    # The home page repeats what other pages are about, so search leaves it out.
    return make_page("index.md", "home.md.j2", title="Overview", search_exclude=True,
                 articles=articles, changes=latest_changes(knowledge, outlooks),
                 trends={r.slug: outlooks[r.pair].headline for r in ranked},
                 relations=[(r, _activity(knowledge, r)) for r in ranked],
                 counts=_counts(knowledge, knowledge.countries_with_pages()),
                 **_locator(coverage_map(knowledge, _coverage(
                     knowledge, knowledge.countries_with_pages()))))


def _countries_index(knowledge: KnowledgeBase, countries: list[Country]) -> Page:
    registry = knowledge.registry
    regions = sorted(registry.regions.values(), key=lambda r: folded_name(r.name))
    grouped = []
    for region in regions:
        members = [c for c in countries if region.id in c.groups]
        if members:
            grouped.append((region, members))
    ungrouped = [c for c in countries if not c.groups]
    coverage = _coverage(knowledge, [c.code for c in countries])
    return make_page("countries/index.md", "countries_index.md.j2", title="Countries",
                 groups=grouped, ungrouped=ungrouped, coverage=coverage,
                 **_locator(coverage_map(knowledge, coverage)))


def _country(knowledge: KnowledgeBase, country: Country) -> list[Page]:
    registry = knowledge.registry
    code = country.code
    events = knowledge.events_of(code)
    # Its page lists what happened there too; its trend, latest and people count only what it
    # took part in or was affected by (Event.involves).
    involving = [event for event in events if event.involves(code)]
    people = {p.id: p for p in knowledge.people_of(code)}
    for event in involving:
        for ref in event.people:
            people.setdefault(ref, registry.people[ref])
    articles = knowledge.articles_about("country", code)
    figures = knowledge.figures_of(code)
    relations = _by_partner(knowledge, knowledge.relations_of(code), code)
    return _entity_page(
        knowledge, country, "country.md.j2", sources_of(articles), title=country.name,
        country=country,
        bottom=bottom_line(knowledge, involving, figures, articles, ("country", code), (code,),
                           relations, numbers=2),
        regions=[registry.regions[group] for group in country.groups],
        memberships=knowledge.memberships_of(code),
        relations=relations, figures=figures, events=events,
        quotes=knowledge.quotes_of(code), mentions=knowledge.mentions_of("country", code),
        people=sorted(people.values(), key=lambda p: folded_name(p.name)),
        articles=articles, **_locator(country_map(knowledge, code)))


def _relation(knowledge: KnowledgeBase, relation: Relation) -> list[Page]:
    first, second = relation.pair
    figures = knowledge.figures_of(first, second)
    events = knowledge.events_of(first, second)
    quotes = knowledge.quotes_of(first, second)
    articles = knowledge.articles_about("relation", relation.slug)
    sources = knowledge.told_about(relation)
    told = sorted((knowledge.articles[slug] for slug in sources),
                  key=lambda article: article.sort_key)
    return _entity_page(
        knowledge, relation, "relation.md.j2", sources,
        bottom=bottom_line(knowledge, events, figures, told, ("relation", relation.pair),
                           relation.pair, [relation]),
        title=Links(knowledge, "").name(relation), relation=relation, figures=figures,
        events=events, quotes=quotes, articles=articles,
        **_locator(relation_map(knowledge, relation.pair)))


def _organisation(knowledge: KnowledgeBase, organisation: Organisation) -> list[Page]:
    ref = organisation.id
    articles = knowledge.articles_about("organisation", ref)
    events = knowledge.events_of(ref)
    figures = knowledge.figures_of(ref)
    relations = _by_partner(knowledge, knowledge.relations_of(ref), ref)
    framework_of = knowledge.relations_in(ref)
    # The relations it frames are listed with their latest statements, which articles that do
    # not name the organisation may give.
    return _entity_page(
        knowledge, organisation, "organisation.md.j2", sources_of([*articles, *framework_of]),
        title=organisation.name,
        bottom=bottom_line(knowledge, events, figures, articles, ("organisation", ref), (ref,),
                           relations, numbers=2),
        organisation=organisation, relations=relations,
        framework_of=framework_of, events=events,
        figures=figures, quotes=knowledge.quotes_of(ref),
        mentions=knowledge.mentions_of("organisation", ref), articles=articles,
        **_locator(organisation_map(knowledge, organisation)))


def _person(knowledge: KnowledgeBase, person: Person) -> list[Page]:
    registry = knowledge.registry
    articles = knowledge.articles_about("person", person.id)
    return _entity_page(
        knowledge, person, "person.md.j2", sources_of(articles), title=person.name,
        person=person,
        country=registry.countries.get(person.country),
        events=knowledge.events_with_person(person.id), quotes=knowledge.quotes_by(person.id),
        mentions=knowledge.mentions_of("person", person.id), articles=articles)


def _topic(knowledge: KnowledgeBase, topic: Topic, sources: set[str]) -> list[Page]:
    """``sources``: _topic_sources', which are those of its articles, figures and events."""
    articles = knowledge.articles_about("topic", topic.id)
    # Only the figures annotated with the topic: an article about trade also gives pipeline
    # lengths, which are not the topic's numbers.
    figures = knowledge.figures_on(topic.id)
    events = sorted({event for article in articles for event in knowledge.events_in(article.slug)},
                    key=lambda event: event.sort_key)
    return _entity_page(
        knowledge, topic, "topic.md.j2", frozenset(sources), title=topic.name,
        topic=topic,
        bottom=bottom_line(knowledge, events, figures, articles, ("topic", topic.id)),
        mentions=knowledge.mentions_of("topic", topic.id), figures=figures, articles=articles)


def _timeline(knowledge: KnowledgeBase) -> list[Page]:
    """The timeline, by year when long; the quarter counts by class head its index."""
    happened = [event for event in knowledge.events if not event.expected]
    pages = yearly_index("timeline", "Timeline", "timeline.md.j2",
                         _by_year(happened, lambda e: e.date.year), lambda e: e.date.month,
                         classes=EVENT_CLASSES)
    pages[0].context["quarters"] = quarter_counts(happened)
    pages[0].context["filters"] = timeline_filters(knowledge, happened)
    pages[0].context["upcoming"] = [event for event in knowledge.events if event.expected]
    by_class: dict[str, list] = defaultdict(list)
    for event in happened:
        by_class[event.event_class].append(event)
    for name in EVENT_CLASSES:  # a page per class, so that the filter works without scripts
        chosen = by_class[name][-archives.PART:]
        pages.append(make_page(f"timeline/class-{name.replace(' ', '-')}.md", "timeline.md.j2",
                           sources_of(chosen),
                           title=f"Timeline: {name}", search_exclude=True, parts=[],
                           years=_by_year(chosen, lambda e: e.date.year), classes=EVENT_CLASSES))
    return pages


def quarter_counts(events) -> list[tuple[str, dict[str, int]]]:
    """Events per quarter by class, newest quarter first; events dated only by year are
    counted under the year."""
    counts: dict[tuple, dict[str, int]] = defaultdict(lambda: dict.fromkeys(EVENT_CLASSES, 0))
    for event in events:
        key = (event.date.year, event.date.quarter or 5)
        counts[key][event.event_class] += 1
    return [(f"Q{quarter} {year}" if quarter < 5 else f"{year} (year only)", counts[(year, quarter)])
            for year, quarter in sorted(counts, reverse=True)]


def timeline_filters(knowledge: KnowledgeBase, events) -> dict:
    """What readers can filter the timeline by, with pages that work without JavaScript:
    each country's and relation's page lists its events; years have their own pages when
    the timeline is long; classes are marked on every entry."""
    countries = sorted({ref for event in events for ref in event.parties
                        if ref in knowledge.registry.countries},
                       key=lambda code: knowledge.registry.countries[code].name)
    return {"countries": [knowledge.registry.countries[code] for code in countries],
            "relations": _by_name(knowledge, knowledge.relations.values()),
            "years": sorted({event.date.year for event in events}, reverse=True)}
