"""Events in an article's text: visits, summits and signed agreements, with the countries and
people the sentence names and the place it gives."""

from __future__ import annotations

import re

from ..content.dates import PartialDate
from ..content.registry import Registry
from .phrases import label_text
from .quotes import Article

_VISIT = re.compile(r"\b(?P<adjective>(?:official|state|working|first|two-day|three-day)\s+)?"
                    r"(?P<kind>visit|trip|summit)\s+(?:to|in)\s+"
                    r"(?P<place>[A-Z][\w\u2019'-]+(?:\s[A-Z][\w\u2019'-]+)?)")
_POSSESSOR = re.compile(r"(?P<who>(?:[A-Z][\w-]+\s){0,2}[A-Z][\w-]+)[\u2019']s\s+$")
_SIGNED = re.compile(r"\bsign(?:ed|s)?\s+(?:an?\s+|the\s+|their\s+)?(?P<what>(?:[\w-]+\s+){0,3}?"
                     r"(?:agreement|deal|memorandum|treaty|accord|declaration|contract)s?)\b"
                     r"(?:\s+in\s+(?P<place>[A-Z][\w\u2019'-]+))?")


def events_of(article: Article, registry: Registry, date: PartialDate) -> list[dict]:
    """Visits, summits and signed agreements ("Tokayev's official visit to Ankara"), dated by
    the article's year: the text seldom gives the day, and the editor knows it better."""
    events = []
    seen = set()
    for paragraph, text in enumerate(article.texts):
        matches = [("visit" if m.group("kind") in ("visit", "trip") else "summit", m)
                   for m in _VISIT.finditer(text)]
        matches += [("declaration" if m.group("what").lower().endswith("declaration")
                     else "agreement", m) for m in _SIGNED.finditer(text)]
        for kind, match in sorted(matches, key=lambda pair: pair[1].start()):
            first, last = article.sentence_of(paragraph, match.start())
            place = match.group("place") or ""
            place_country = next((item.ref for item in article.found_in(
                paragraph, match.start("place"), match.end("place"), ("country",))), "") \
                if place else ""
            begin = match.start()
            possessor = _POSSESSOR.search(text, first, begin)
            if kind in ("visit", "summit") and possessor:
                begin = possessor.start("who")
            countries = [item.ref for item in article.found_in(paragraph, first, last, ("country",))]
            people = [item.ref for item in article.found_in(paragraph, first, last, ("person",))]
            countries += [registry.people[ref].country for ref in people
                          if registry.people[ref].country in registry.countries]
            actors = list(dict.fromkeys(countries))
            quote = article.quote(paragraph, begin, match.end())
            if not actors or not quote or (kind, place or quote) in seen:
                continue
            seen.add((kind, place or quote))
            title = text[begin:match.end()] if kind in ("visit", "summit") else \
                match.group("what") + (f" in {place}" if place else "")
            event: dict = {"date": str(date.year), "kind": kind, "title": label_text(title),
                           "actors": actors}
            if place:
                event["place"] = place
            if place_country:
                event["place_country"] = place_country
            if people:
                event["people"] = list(dict.fromkeys(people))
            event["evidence"] = quote
            events.append(event)
    return events
