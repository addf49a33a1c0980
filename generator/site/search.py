"""What search should find each page by: every name, alias and spelling, from the registry.

A search index neither folds diacritics nor knows that Turkey is Türkiye. Each entity page
therefore carries its names, aliases, demonyms and their accent-free spellings as search terms:
in its front matter (``search_terms``, a key of our own, so that ``tags`` stays free for real
tags) and in a hidden block that Pagefind weighs above the text (templates/_page.md.j2). Nothing
is listed by hand per page: the terms come from the registry.
"""

from __future__ import annotations

from text_unidecode import unidecode

from ..content.registry import Country, NamedEntity, Registry
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
