"""The linked knowledge base and the questions pages ask of it: which articles mention
Kazakhstan, which events belong to the Kazakhstan–Türkiye relation, and so on. (linking.py
builds it from checked articles.)"""

from __future__ import annotations

import operator
from collections import defaultdict
from dataclasses import dataclass, field

from ..content.evidence import normalise
from ..content.registry import Registry, folded_name
from ..engine.once import computed_once
from .model import (
    Article,
    Assessment,
    Citation,
    Event,
    Figure,
    Mention,
    Quote,
    Relation,
)

# A citation's fields in the order Citation(order=True) compares them.
_citation_order = operator.attrgetter("article", "paragraph", "quote")


@dataclass
class _ClaimsIndex:
    """Each actor's, pair's, person's and article's claims by kind, in page order; mentions by
    (kind, ref); relations by actor and by framework."""

    # Keyed by (actor, kind), ((actor, actor), kind), (person, kind), (article, kind): one flat
    # table each, filled with plain appends (800,000 of them at 10,000 articles).
    by_actor: dict[tuple[str, str], list] = field(default_factory=lambda: defaultdict(list))
    by_pair: dict[tuple[tuple[str, str], str], list] = field(
        default_factory=lambda: defaultdict(list))
    by_person: dict[tuple[str, str], list] = field(default_factory=lambda: defaultdict(list))
    by_article: dict[tuple[str, str], list] = field(default_factory=lambda: defaultdict(list))
    mentions_of: dict[tuple[str, str], list[Mention]] = field(
        default_factory=lambda: defaultdict(list))
    relations_of: dict[str, list[Relation]] = field(default_factory=lambda: defaultdict(list))
    relations_in: dict[str, list[Relation]] = field(default_factory=lambda: defaultdict(list))


@dataclass
class KnowledgeBase:
    registry: Registry
    articles: dict[str, Article] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    relations: dict[tuple[str, str], Relation] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    # Editors' ledes by page subject: ("country", "KZ"), ("relation", ("KZ", "TR")), ...
    briefs: dict = field(default_factory=dict)
    # Editors' own pages (About, Methodology, ...), from content/pages/.
    editor_pages: list = field(default_factory=list)
    # The digest of each article's files, by slug: what pages drawing on it are keyed by.
    source_keys: dict[str, str] = field(default_factory=dict)
    # The digest of the entity entries each article's check looked up, by slug (Registry.view;
    # "" when its check reported a problem): see incremental.named_entry_keys.
    source_views: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        self._article_order: dict[str, int] = {}
        self._ordered: list[Article] = []
        self._country_pages: list[str] | None = None
        self._positions: dict[Citation, tuple] = {}
        self._figures_on: dict[str, list[Figure]] | None = None
        # By relation slug: the check against the last build's plans, the relation's page and
        # the home page's outlooks all ask, for each of thousands of relations.
        self._told_about: dict[str, frozenset[str]] = {}
        self._assessments_of: dict[tuple[str, ...], list[Assessment]] = defaultdict(list)

    # -- building -------------------------------------------------------------------------
    def finish(self) -> None:
        """Sort everything once, so that every page lists things in the same order. The
        indexes are built when a question first needs them."""
        self.articles = dict(sorted(self.articles.items(), key=lambda kv: kv[1].sort_key))
        self.events.sort(key=lambda event: event.sort_key)
        # A citation sorts as its fields do, given here as plain values: comparing the records
        # runs Python for each pair (thousands of mentions share a kind and a ref).
        # Metrics in the reader's alphabetical order, each series' periods in time order with
        # the undated ones last.
        self.figures.sort(key=lambda f: (f.metric.casefold(), f.metric, sorted(f.actors),
                                         f.actors, f.period.iso if f.period else "~",
                                         *_citation_order(f.citation)))
        self.quotes.sort(key=lambda quote: (*_citation_order(quote.citation), quote.text))
        self.mentions.sort(key=lambda m: (m.kind, m.ref, *_citation_order(m.citation)))
        for relation in self.relations.values():
            relation.claims.sort(key=lambda claim: claim.order_key)
        self.relations = dict(sorted(self.relations.items(), key=lambda kv: kv[1].slug))
        self.assessments.sort(key=lambda a: (a.actors, a.period, a.citation))
        self._assessments_of.clear()
        for assessment in self.assessments:
            self._assessments_of[assessment.actors].append(assessment)
        self._article_order = {slug: number for number, slug in enumerate(self.articles)}
        self._ordered = list(self.articles.values())
        self._told_about.clear()
        for index in ("_articles_of", "_claims", "_status_basis"):  # built again when asked
            self.__dict__.pop(index, None)

    # The indexes, so that each page's questions cost what they return, not a scan of the
    # whole corpus (ten thousand articles make that quadratic). Each is built when a question
    # first needs it (after finish()): the data downloads, made in a process forked before
    # the pages are planned, ask none of these questions, and start 2 s sooner at 10,000
    # articles for not waiting on them.
    @computed_once
    def _articles_of(self) -> dict[tuple[str, str], set[str]]:
        """The articles (slugs) with anything about each (kind, ref)."""
        index: dict[tuple[str, str], set[str]] = defaultdict(set)
        countries = self.registry.countries
        # actor_key inlined: 400,000 calls at 10,000 articles.
        for mention in self.mentions:
            index[(mention.kind, mention.ref)].add(mention.citation.article)
        for article in self.articles.values():
            for topic in article.topics:
                index[("topic", topic)].add(article.slug)
        for relation in self.relations.values():
            for claim in relation.claims:
                for actor in relation.pair:
                    index["country" if actor in countries else "organisation", actor].add(
                        claim.citation.article)
                index[("relation", relation.slug)].add(claim.citation.article)
                for ref in claim.frameworks:
                    index[("organisation", ref)].add(claim.citation.article)
        for event in self.events:
            parties = event.parties  # a property, made on each call
            for citation in event.sources:
                for actor in parties:
                    index["country" if actor in countries else "organisation", actor].add(
                        citation.article)
                for person in event.people:
                    index[("person", person)].add(citation.article)
        for item in self.figures:
            for actor in item.actors:
                index["country" if actor in countries else "organisation", actor].add(
                    item.citation.article)
        for quote in self.quotes:
            for actor in quote.actors:
                index["country" if actor in countries else "organisation", actor].add(
                    quote.citation.article)
            if quote.person:
                index[("person", quote.person)].add(quote.citation.article)
        return index

    @computed_once
    def _claims(self) -> _ClaimsIndex:
        claims = _ClaimsIndex()
        by_actor, by_pair, by_article = claims.by_actor, claims.by_pair, claims.by_article
        for kind, items in (("events", self.events), ("figures", self.figures),
                            ("quotes", self.quotes)):
            for item in items:  # already in page order, so each bucket is too
                # An event reaches the pages of everyone it involves or affects, and of the
                # relations among them.
                actors = sorted(set(item.parties if kind == "events" else item.actors))
                for number, actor in enumerate(actors):
                    by_actor[actor, kind].append(item)
                    for other in actors[number + 1:]:
                        by_pair[(actor, other), kind].append(item)
                for article in dict.fromkeys(c.article for c in citations_of(item)):
                    by_article[article, kind].append(item)
        for event in self.events:
            for person in dict.fromkeys(event.people):
                claims.by_person[person, "events"].append(event)
        for quote in self.quotes:
            if quote.person:
                claims.by_person[quote.person, "quotes"].append(quote)
        for mention in self.mentions:
            claims.mentions_of[(mention.kind, mention.ref)].append(mention)
            by_article[mention.citation.article, "mentions"].append(mention)
        for relation in self.relations.values():
            for actor in relation.pair:
                claims.relations_of[actor].append(relation)
            for framework in relation.frameworks:
                claims.relations_in[framework].append(relation)
            for claim in relation.claims:
                by_article[claim.citation.article, "relations"].append((relation, claim))
        return claims

    def actor_key(self, actor: str) -> tuple[str, str]:
        return ("country" if actor in self.registry.countries else "organisation", actor)

    # -- questions pages ask ----------------------------------------------------------------
    def articles_about(self, kind: str, ref: str) -> list[Article]:
        slugs = sorted(self._articles_of.get((kind, ref), ()), key=self._article_order.get)
        return [self.articles[slug] for slug in slugs]

    def newest_article(self, slugs) -> Article | None:
        """The newest of the given articles (by slug; unknown ones left out), as the site
        orders them: the first in the articles' order. Compared as their places in that
        order, not as dates, whose comparisons run in Python: the pages planned for one new
        article at 10,000 ask this of a few million sources."""
        order = self._article_order
        first = min((order[slug] for slug in slugs if slug in order), default=None)
        return None if first is None else self._ordered[first]

    def relations_of(self, actor: str) -> list[Relation]:
        return list(self._claims.relations_of.get(actor, ()))

    def relations_in(self, framework: str) -> list[Relation]:
        return list(self._claims.relations_in.get(framework, ()))

    def _claims_of(self, kind: str, actors: tuple[str, ...]) -> list:
        if not actors:
            return []
        if len(actors) == 1:
            return list(self._claims.by_actor.get((actors[0], kind), ()))
        if len(actors) == 2:  # relation pages: indexed, as there are thousands of pairs
            pair = tuple(sorted(actors))
            return list(self._claims.by_pair.get((pair, kind), ()))
        # Start from the actor with the fewest claims.
        lists = [self._claims.by_actor.get((actor, kind), []) for actor in actors]
        shortest = min(lists, key=len)
        return [item for item in shortest if all(a in item.actors for a in actors)]

    def events_of(self, *actors: str) -> list[Event]:
        return self._claims_of("events", actors)

    def figures_of(self, *actors: str) -> list[Figure]:
        return self._claims_of("figures", actors)

    def quotes_of(self, *actors: str) -> list[Quote]:
        return self._claims_of("quotes", actors)

    def position(self, citation: Citation) -> tuple:
        """Where a claim was told: its article's date, the paragraph, and the place of the
        quote in it. Of two targets named in one paragraph, the later one is the newer."""
        found = self._positions.get(citation)
        if found is None:  # kept: every page that shows a target asks again
            article = self.articles[citation.article]
            text = next((block.text for block in article.paragraphs
                         if block.number == citation.paragraph), "")
            found = self._positions[citation] = (
                article.date, citation.paragraph,
                normalise(text).find(normalise(citation.quote)))
        return found

    def assessments_of(self, actors: tuple[str, ...]) -> list[Assessment]:
        """The editors' trend assessments of one actor, or of a relation's pair."""
        return list(self._assessments_of.get(actors, ()))

    def told_about(self, relation: Relation) -> frozenset[str]:
        """Every article (slug) anything on a relation's page comes from: its statements,
        the events, figures and quotes of its pair, and the assessments of it."""
        known = self._told_about.get(relation.slug)
        if known is not None:
            return known
        pair = relation.pair
        found = {claim.citation.article for claim in relation.claims}
        found.update(article.slug for article in self.articles_about("relation", relation.slug))
        for item in (*self.events_of(*pair), *self.figures_of(*pair), *self.quotes_of(*pair)):
            found.update(citation.article for citation in citations_of(item))
        found.update(a.citation.article for a in self.assessments_of(pair))
        known = self._told_about[relation.slug] = frozenset(found)
        return known

    @computed_once
    def _status_basis(self) -> dict[str, frozenset[str]]:
        """For each article with a status statement that is no change (the statement just
        before it in the relation's history, another article's, gives the same status), the
        articles of those statements before (see with_status_basis)."""
        found: dict[str, set[str]] = defaultdict(set)
        for relation in self.relations.values():
            previous = None
            for claim in relation.status_claims:
                if previous is not None and previous.status == claim.status \
                        and previous.citation.article != claim.citation.article:
                    found[claim.citation.article].add(previous.citation.article)
                previous = claim
        return {slug: frozenset(before) for slug, before in found.items()}

    def with_status_basis(self, sources: frozenset[str] | set[str]) -> frozenset[str] | set[str]:
        """A page's sources, with the articles of the statements that make a status statement
        of its articles no change. Whether a statement is a change of status, and from what,
        rests on the one before it: a change carries that statement's article with it
        (Event.basis), but a page that showed a change which another article's statement has
        since made no change shows nothing of that article, and must still be written again."""
        basis = self._status_basis
        hits = basis.keys() & sources  # a set operation: a topic draws on thousands
        return sources.union(*(basis[slug] for slug in hits)) if hits else sources

    def figures_on(self, topic: str) -> list[Figure]:
        """The figures annotated with a topic, in page order."""
        if self._figures_on is None:
            self._figures_on = defaultdict(list)
            for item in self.figures:
                for ref in dict.fromkeys(item.topics):
                    self._figures_on[ref].append(item)
        return list(self._figures_on.get(topic, ()))

    def events_with_person(self, person: str) -> list[Event]:
        return list(self._claims.by_person.get((person, "events"), ()))

    def quotes_by(self, person: str) -> list[Quote]:
        return list(self._claims.by_person.get((person, "quotes"), ()))

    def mentions_of(self, kind: str, ref: str) -> list[Mention]:
        return list(self._claims.mentions_of.get((kind, ref), ()))

    def people_of(self, country: str) -> list:
        people = self.registry.people.values()
        return sorted((p for p in people if p.country == country),
                      key=lambda p: folded_name(p.name))

    def memberships_of(self, country: str) -> list[tuple[object, str]]:
        found = []
        for organisation in sorted(self.registry.organisations.values(),
                                   key=lambda o: folded_name(o.name)):
            if country in organisation.members:
                found.append((organisation, "member"))
            elif country in organisation.observers:
                found.append((organisation, "observer"))
        return found

    def events_in(self, article: str) -> tuple[Event, ...]:
        """The events one article is annotated with (claims_in's, without copying the rest)."""
        return tuple(self._claims.by_article.get((article, "events"), ()))

    def claims_in(self, article: str) -> dict[str, list]:
        """What one article is annotated with, for its panel."""
        found = self._claims.by_article
        return {kind: list(found.get((article, kind), ())) for kind in
                ("mentions", "relations", "events", "figures", "quotes")}

    def countries_with_pages(self) -> list[str]:
        """Every country the site names anywhere: each gets a page, so no name is a dead end."""
        if self._country_pages is None:
            self._country_pages = self._countries_named()
        return list(self._country_pages)

    def _countries_named(self) -> list[str]:
        registry = self.registry
        codes = {m.ref for m in self.mentions if m.kind == "country"}
        for relation in self.relations.values():
            codes.update(relation.pair)
        for event in self.events:
            codes.update(event.parties)
        for item in self.figures:
            codes.update(item.actors)
        for quote in self.quotes:
            codes.update(quote.actors)
        for organisation in registry.organisations.values():
            codes.update(organisation.members)
            codes.update(organisation.observers)
        for region in registry.regions.values():
            codes.update(region.members)
        codes.update(person.country for person in registry.people.values())
        codes.update(code for code, c in registry.countries.items()
                     if c.aliases or c.wikidata or c.wikipedia)
        return sorted((code for code in codes if code in registry.countries),
                      key=lambda code: registry.countries[code].slug)


# -- linking ----------------------------------------------------------------------------------


def citations_of(item) -> tuple[Citation, ...]:
    return item.sources if isinstance(item, Event) else (item.citation,)


def pair_of(actors, registry: Registry) -> tuple[str, str]:
    first, second = sorted(actors, key=lambda ref: (registry.actor(ref).slug, ref))
    return first, second


def relation_slug(pair: tuple[str, str], registry: Registry) -> str:
    return f"{registry.actor(pair[0]).slug}-{registry.actor(pair[1]).slug}"
