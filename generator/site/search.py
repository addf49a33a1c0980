"""What search should find each page by: every name, alias and spelling, from the registry.

A search index neither folds diacritics nor knows that Turkey is Türkiye. Each entity page
therefore carries its names, aliases, demonyms and their accent-free spellings as search terms:
in its front matter (``search_terms``, a key of our own, so that ``tags`` stays free for real
tags) and in a hidden block that Pagefind weighs above the text (templates/_page.md.j2). Nothing
is listed by hand per page: the terms come from the registry.

Readers narrow a search by what a page is (an article, a country...), by an article's year and
by country: each page carries those values as Pagefind filters, in a hidden block as well.
"""

from __future__ import annotations

from text_unidecode import unidecode

from ..content.registry import Country, NamedEntity, Registry
from ..knowledge.knowledge import KnowledgeBase
from ..knowledge.model import Relation

ENTITY_BOOST = 2  # an entity's own page ranks above articles that merely mention it


def _with_plain_spellings(names) -> list[str]:
    terms: dict[str, None] = {}
    for name in names:
        if not name:
            continue
        terms[name] = None
        terms[unidecode(name)] = None  # "Türkiye" is also found as "Turkiye"
    return list(terms)


def names_of(thing) -> list[str]:
    """Every name a reader may type for one entity."""
    if isinstance(thing, Country):
        return [thing.name, *thing.other_names, *thing.demonyms, thing.code]
    if isinstance(thing, NamedEntity):  # an organisation's other names include its acronym
        return [thing.name, *thing.other_names]
    raise TypeError(f"no names for {thing!r}")


def search_terms(thing, registry: Registry) -> list[str]:
    """The terms a page is found by; a relation is found by the names of both actors."""
    if isinstance(thing, Relation):
        names = []
        for ref in thing.pair:
            actor = registry.actor(ref)
            # Demonyms stay off relation pages: "Turkish" should lead to Türkiye itself.
            names += [actor.name, *actor.other_names] if isinstance(actor, Country) else \
                names_of(actor)
        return _with_plain_spellings(names)
    return _with_plain_spellings(names_of(thing))


# What a page is, by its template; pages of other templates (indexes, archive parts, the
# timeline) carry no filter and drop out as soon as the reader picks a kind.
PAGE_KINDS = {"article.md.j2": "Article", "country.md.j2": "Country",
              "relation.md.j2": "Relation", "organisation.md.j2": "Organisation",
              "person.md.j2": "Person", "topic.md.j2": "Topic"}


def search_filters(template: str, context: dict, knowledge: KnowledgeBase
                   ) -> list[tuple[str, str]]:
    """The (filter, value) pairs a page is found under: its kind; for an article its year and
    the countries it is annotated with; for a country, relation or person the countries it is
    about. Sorted, so that the page comes out the same every time."""
    kind = PAGE_KINDS.get(template)
    if kind is None:
        return []
    codes: set[str] = set()
    filters = [("kind", kind)]
    if template == "article.md.j2":
        article = context["article"]
        filters.append(("year", str(article.date.year)))
        claims = context["claims"]  # planned with the page: its panel lists them
        codes.update(m.ref for m in claims["mentions"] if m.kind == "country")
        for relation, _ in claims["relations"]:
            codes.update(relation.pair)
    elif template == "country.md.j2":
        codes.add(context["country"].code)
    elif template == "relation.md.j2":
        codes.update(context["relation"].pair)
    elif template == "person.md.j2" and context.get("country") is not None:
        codes.add(context["country"].code)
    countries = knowledge.registry.countries
    filters += sorted(("country", countries[code].name) for code in codes if code in countries)
    return filters
