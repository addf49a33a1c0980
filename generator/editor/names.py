"""The registry's names in an article's text: every country, organisation, person and topic
the registry knows, by any of its spellings."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from text_unidecode import unidecode

from ..content.evidence import normalise
from ..content.registry import Registry

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Found:
    """One name of a registry entity, found in a paragraph."""

    kind: str  # country, organisation, person, topic
    ref: str
    paragraph: int
    start: int
    end: int


def _key(name: str) -> str:
    """A name in the form in which names are compared: the typography that evidence matching
    forgives is forgiven here too, by the same rule."""
    return normalise(name)


def _spellings(name: str) -> list[str]:
    """The name, its spelling without accents, and its other spelling of 'Organisation'."""
    name = re.sub(r"^the\s+", "", unicodedata.normalize("NFC", name.strip()), flags=re.IGNORECASE)
    spellings = [name, unidecode(name)]
    for british, american in (("Organisation", "Organization"), ("organisation", "organization")):
        for spelling in list(spellings):
            spellings += [spelling.replace(british, american), spelling.replace(american, british)]
    if " " not in name and name[:1].islower():
        spellings.append(name[:1].upper() + name[1:])  # a common noun opening a sentence
    return list(dict.fromkeys(spellings))


class NameFinder:
    """Every name the registry gives, matched word by word and longest first, so that "South
    Sudan" is one country and not also Sudan, and "Azerbaijan Railways" is the company.

    One word is matched in its own case ("Turkey", never the bird "turkey"); names of several
    words are distinctive enough to be matched in any case. A lookup per word keeps this fast
    on long articles, where one large regular expression would try every name at every letter.
    """

    def __init__(self, registry: Registry):
        entries: list[tuple[str, bool, str, str]] = []  # (name, plural allowed, kind, ref)
        for code, country in registry.countries.items():
            names = [country.name, *country.iso_names, *country.aliases, country.capital]
            entries += [(name, False, "country", code) for name in names]
            entries += [(name, True, "country", code) for name in country.demonyms]
        for ident, organisation in registry.organisations.items():
            for name in (organisation.name, organisation.short, *organisation.aliases):
                entries.append((name, False, "organisation", ident))
        for ident, person in registry.people.items():
            entries += [(name, False, "person", ident) for name in (person.name, *person.aliases)]
        for ident, topic in registry.topics.items():
            entries += [(name, False, "topic", ident) for name in (topic.name, *topic.aliases)]
        self.one_word: dict[str, tuple[str, str]] = {}
        self.several_words: dict[str, tuple[str, str]] = {}  # by casefolded key
        self.most_words: dict[str, int] = {}  # by casefolded first word
        for name, plural, kind, ref in entries:
            for spelling in _spellings(name or ""):
                words = list(_WORD.finditer(spelling))
                if not words or not self._usable(spelling, kind):
                    continue
                key = _key(spelling[words[0].start():words[-1].end()])
                for form in ([key, key + "s"] if plural else [key]):
                    # The first entity to claim a spelling keeps it.
                    if len(words) == 1:
                        self.one_word.setdefault(form, (kind, ref))
                    else:
                        self.several_words.setdefault(form.casefold(), (kind, ref))
                    first = _WORD.match(form).group().casefold()
                    self.most_words[first] = max(self.most_words.get(first, 0), len(words))

    @staticmethod
    def _usable(name: str, kind: str) -> bool:
        if len(name) < 2 or "," in name:  # "Korea, Republic of" is a list entry, not prose
            return False
        # A two-letter country code in prose is almost always something else ("US" in a
        # heading, "IN", "NO"): codes are not names.
        return not (kind == "country" and re.fullmatch(r"[A-Z]{2}", name))

    def find(self, text: str, paragraph: int = 0) -> list[Found]:
        words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        found = []
        index = 0
        while index < len(words):
            start, end = words[index]
            most = min(self.most_words.get(text[start:end].casefold(), 0), len(words) - index)
            for count in range(most, 0, -1):
                last = words[index + count - 1][1]
                key = _key(text[start:last])
                owner = self.one_word.get(key) if count == 1 else \
                    self.several_words.get(key.casefold())
                if owner:
                    found.append(Found(*owner, paragraph, start, last))
                    index += count
                    break
            else:
                index += 1
        return found

