"""Drafting an annotation for a new article: what the registry can name in its paragraphs,
figures with units and periods, and candidate relations, each with an evidence quote that only
one paragraph holds, and each marked `draft: true` for an editor to confirm.

Everything here is a guess made from the text alone. The guesses are cheap and explainable
(names from the registry, patterns for numbers, actors named in one sentence), so an editor
can see why an item was proposed and delete it when it is wrong; `briefings check` reminds
them of every draft and keeps drafts off the site until they are confirmed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from slugify import slugify
from text_unidecode import unidecode

from .dates import PartialDate
from .evidence import APOSTROPHES, normalise
from .extraction import Extracted, extract
from .jsonschema import schema_line
from .pages import RESERVED_SLUGS
from .problems import Problems
from .registry import SLUG_LENGTH, Registry, load_registry
from .schema import ANNOTATION_SECTIONS, Checker
from .sources import inside

# content/articles/<slug>.yml is two folders below the schemas.
HEADER = (schema_line(2, "annotation.schema.json") + "\n"
          "# Drafted by `briefings new` from the article's text. Check each item against the\n"
          "# article: fix or delete it, then delete its `draft: true` line to confirm it.\n")

# How many places of one name are tried for a unique quote before giving up on it.
_TRIES = 5
# Fewer words rarely say anything a reader can check; more are added only when needed to make
# the quote unique.
MIN_QUOTE_WORDS = 6

_WORD = re.compile(r"\w+")
_CLAUSE_MARKS = set(",;:()\u2013\u2014")
_CLOSING = "\"'\u201d\u2019)]"
_OPENING = "\"'\u201c\u2018(["
_CONJUNCTIONS = {"and", "or", "but", "while", "whereas", "nor", "so"}
_TRIM = " \t\n,;:(\u2013\u2014-"
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sen", "rep", "gov",
                  "no", "vs", "etc", "e.g", "i.e", "approx", "inc", "ltd", "co", "jan", "feb",
                  "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
_SENTENCE_BREAK = re.compile(r"(?<=[.!?\u2026])([\"'\u201d\u2019)\]]*)\s+"
                             r"(?=[\"'\u201c\u2018(\[]?[A-Z0-9\u00c0-\u00de])")

# -- figures ----------------------------------------------------------------------------------

_NUMBER = r"(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = (r"(?:(?:\s+|-)(?P<scale>trillion|billion|million|thousand|tn|bn|mn)\b"
          r"|(?P<short>tn|bn|mn|m|k)\b)?")
_CURRENCY_SIGNS = {"US$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "₸": "KZT"}
_CURRENCY_CODES = ("USD", "EUR", "GBP", "RUB", "CNY", "KZT", "TRY", "AZN", "UZS", "GEL", "AMD")
_CURRENCY_WORDS = {"US dollars": "USD", "dollars": "USD", "euros": "EUR", "euro": "EUR",
                   "pounds": "GBP", "roubles": "RUB", "rubles": "RUB", "yuan": "CNY",
                   "tenge": "KZT", "liras": "TRY", "lira": "TRY", "manat": "AZN", "soums": "UZS",
                   "soum": "UZS", **{code: code for code in _CURRENCY_CODES}}
_QUANTITY_UNITS = {"percentage points": "percentage points", "per cent": "percent",
                   "percent": "percent", "%": "percent", "metric tons": "tonnes",
                   "tonnes": "tonnes", "tons": "tonnes", "kilometres": "km", "kilometers": "km",
                   "km": "km", "miles": "miles", "billion cubic metres": "bcm",
                   "billion cubic meters": "bcm", "bcm": "bcm", "cubic metres": "cubic metres",
                   "TEU": "TEU", "containers": "containers", "barrels per day": "barrels per day",
                   "bpd": "barrels per day", "barrels": "barrels", "MW": "MW", "GW": "GW",
                   "TWh": "TWh", "GWh": "GWh", "MWh": "MWh"}
_SCALE_WORDS = {"tn": "trillion", "bn": "billion", "mn": "million", "m": "million",
                "k": "thousand"}


def _alternatives(words) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_FIGURE_PATTERNS = (
    re.compile(rf"(?P<sign>{_alternatives(_CURRENCY_SIGNS)})\s?{_NUMBER}{_SCALE}"),
    re.compile(rf"\b(?P<code>{_alternatives(_CURRENCY_CODES)})\s?{_NUMBER}{_SCALE}"),
    re.compile(rf"{_NUMBER}{_SCALE}\s+(?P<word>{_alternatives(_CURRENCY_WORDS)})\b"),
    re.compile(rf"{_NUMBER}{_SCALE}\s*(?P<unit>{_alternatives(_QUANTITY_UNITS)})(?!\w)"),
)
_BOUND_WORDS = (
    ("more than", r"more than|over|above|exceeding|exceeded|exceeds|surpassed|surpassing|"
                  r"surpasses|topped|topping|tops|in excess of"),
    ("at least", r"at least|no less than|a minimum of"),
    ("less than", r"less than|fewer than|under|below"),
    ("at most", r"up to|at most|no more than|a maximum of"),
    ("about", r"about|around|approximately|roughly|nearly|almost|some|close to|an estimated|"
              r"estimated at|circa"),
)
_BOUNDS = [(bound, re.compile(rf"\b(?:{words})\s+$", re.IGNORECASE))
           for bound, words in _BOUND_WORDS]
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
           "December")
_PERIOD_AFTER = re.compile(rf"^\s*(?:in|for|during|by|as of)\s+(?:(?P<month>{_MONTHS})\s+)?"
                           r"(?P<year>(?:19|20)\d{2})\b")
_PERIOD_OPENING = re.compile(rf"^\s*(?:in|during|by|for)\s+(?:(?P<month>{_MONTHS})\s+)?"
                             r"(?P<year>(?:19|20)\d{2})\b", re.IGNORECASE)
_METRIC_WORDS = ("trade turnover", "trade", "turnover", "exports", "imports", "investment",
                 "investments", "GDP", "growth", "inflation", "budget", "loan", "loans", "credit",
                 "financing", "funding", "aid", "grant", "cargo", "freight", "transit", "traffic",
                 "shipments", "volume", "volumes", "capacity", "production", "output", "reserves",
                 "debt", "revenue", "revenues", "remittances", "population", "unemployment",
                 "supplies", "deliveries", "throughput", "spending", "sales", "transport")
_METRIC = re.compile(rf"\b(?:(?P<modifier>[A-Za-z-]+)\s+)?(?P<noun>{_alternatives(_METRIC_WORDS)})"
                     r"\b", re.IGNORECASE)
_MODIFIER = re.compile(r"^(?:[a-z-]+(?:al|ic|ive|ary|ign|ish|ian|ese|ern)|total|annual|"
                       r"foreign|direct|gas|oil|container|rail|freight|cargo|transit|energy|trade|"
                       r"export|import|two-way|mutual)$", re.IGNORECASE)
_FALLBACK_METRIC = {"percent": "share", "percentage points": "change", "tonnes": "volume",
                    "km": "length", "miles": "length", "bcm": "gas volume", "TEU": "volume",
                    "containers": "volume", "barrels": "volume", "barrels per day": "output"}

# -- relations and events ---------------------------------------------------------------------

_QUOTED = re.compile(r"[\"\u201c\u201e\u00ab]([^\"\u201c\u201d\u201e\u00ab\u00bb]{3,90})"
                     r"[\"\u201d\u00bb]")
_FRAMEWORK_BEFORE = re.compile(r"\b(?:through|under|within|via|inside|in the framework of|"
                               r"as part of|as members of|as a member of)\s+(?:the\s+)?$",
                               re.IGNORECASE)
_FRAMEWORK_LIST = re.compile(r"^\s*(?:,\s*)?(?:and|or)?\s*(?:the\s+)?$")
_RELATION_NOUNS = ("strategic partnership", "partnership", "co-operation", "cooperation", "ties",
                   "relations", "relationship", "alliance", "agreement", "accord", "treaty",
                   "dialogue", "talks", "rivalry", "dispute", "tensions", "conflict",
                   "engagement", "integration", "coordination", "sanctions")
_RELATION_NOUN = re.compile(rf"\b(?P<noun>{_alternatives(_RELATION_NOUNS)})\b", re.IGNORECASE)
_TENSE_WORDS = re.compile(r"\b(?:sanction\w*|attack\w*|strikes?|dispute\w*|tension\w*|accus\w+|"
                          r"condemn\w*|protest\w*|clash\w*|conflict\w*|war|threat\w*|expel\w*|"
                          r"hostil\w+|rivalry)\b", re.IGNORECASE)
_SECTORS = {"energy": "energy", "transport": "transport", "defence": "defence",
            "defense": "defence", "education": "education", "agriculture": "agriculture",
            "investment": "investment", "logistics": "logistics", "security": "security",
            "finance": "finance", "digital": "digital", "health": "health", "culture": "culture",
            "tourism": "tourism", "trade": "trade", "infrastructure": "infrastructure",
            "mining": "mining", "industry": "industry"}
_SECTOR = re.compile(rf"\b(?P<sector>{_alternatives(_SECTORS)})\b", re.IGNORECASE)
# Two actors this close (in characters) are quoted together; further apart, the quote is
# taken around the second, where the sentence says what links it to the first.
_NEAR = 90
_LINK_WORDS = re.compile(r"^(?:and|or|but|while|whereas|as well as|together with|with)\s+",
                         re.IGNORECASE)
_STOP = {"the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those",
         "of", "to", "and", "in", "on", "for", "with", "by", "as", "at", "from", "has", "have",
         "had", "is", "are", "was", "were", "be", "been", "will", "would", "both", "two"}
_SPEECH = {"said", "says", "say", "added", "noted", "stated", "told", "announced", "stressed",
           "according", "reported", "claimed"}
# Words a quote should not end on: it would read as cut off.
_DANGLING = _STOP | {"new", "more", "most", "other", "such", "than", "very", "not", "no", "which",
                     "who", "whose", "where", "when", "up", "into", "over", "under", "between",
                     "about", "through", "within", "across", "toward", "towards", "after", "before",
                     "during", "if", "because", "while", "also", "being", "can", "could", "should",
                     "may", "might", "must", "shall", "it", "they", "we", "he", "she", "them", "so",
                     "or", "but", "said", "says", "like"}
_VISIT = re.compile(r"\b(?P<adjective>(?:official|state|working|first|two-day|three-day)\s+)?"
                    r"(?P<kind>visit|trip|summit)\s+(?:to|in)\s+"
                    r"(?P<place>[A-Z][\w\u2019'-]+(?:\s[A-Z][\w\u2019'-]+)?)")
_POSSESSOR = re.compile(r"(?P<who>(?:[A-Z][\w-]+\s){0,2}[A-Z][\w-]+)[\u2019']s\s+$")
_SIGNED = re.compile(r"\bsign(?:ed|s)?\s+(?:an?\s+|the\s+|their\s+)?(?P<what>(?:[\w-]+\s+){0,3}?"
                     r"(?:agreement|deal|memorandum|treaty|accord|declaration|contract)s?)\b"
                     r"(?:\s+in\s+(?P<place>[A-Z][\w\u2019'-]+))?")
# Where a sentence may turn to a new subject: actors on either side are not paired.
_NEW_SUBJECT = re.compile(r";|,\s+(?:while|whereas|but|although)\b")


# -- finding the registry's names -------------------------------------------------------------

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


# -- the article as sentences, names and quotes ----------------------------------------------

@dataclass
class _Article:
    texts: list[str]  # paragraphs, NFC
    normalised: list[str]  # as evidence is matched against them
    sentences: list[list[tuple[int, int]]]
    found: list[list[Found]]
    whole: str = ""  # the normalised paragraphs joined, to count a quote's places at once

    def __post_init__(self) -> None:
        self.whole = "\x00".join(self.normalised)

    def unique(self, quote: str, paragraph: int) -> bool:
        """Whether the quote is found in this paragraph and nowhere else, as `check` matches
        evidence (typography forgiven); a quote found twice even in one paragraph is not used."""
        needle = normalise(quote)
        if not needle or needle not in self.normalised[paragraph]:
            return False
        return self.whole.find(needle, self.whole.find(needle) + 1) < 0  # stops at a second

    def sentence_of(self, paragraph: int, position: int) -> tuple[int, int]:
        for start, end in self.sentences[paragraph]:
            if start <= position < end:
                return start, end
        return 0, len(self.texts[paragraph])

    def found_in(self, paragraph: int, start: int, end: int, kinds=None) -> list[Found]:
        return [item for item in self.found[paragraph] if start <= item.start and item.end <= end
                and (kinds is None or item.kind in kinds)]

    def quote(self, paragraph: int, start: int, end: int) -> str | None:
        """The shortest readable quote around text[start:end] that only this paragraph holds:
        words are added on both sides, within the clause while it lasts, then across the
        sentence; the whole sentence or paragraph when nothing shorter is unique."""
        text = self.texts[paragraph]
        first, last = self.sentence_of(paragraph, start)
        last = max(last, end)
        words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[first:last])]
        words = [(first + a, first + b) for a, b in words]
        inside_span = [i for i, (a, b) in enumerate(words) if a < end and b > start]
        if inside_span:
            low, high = inside_span[0], inside_span[-1]
            right_turn = True
            while True:
                quote = _tidy(text[words[low][0]:words[high][1]])
                if low < inside_span[0]:
                    quote = _without_conjunction(quote)
                if len(quote.split()) >= MIN_QUOTE_WORDS and _reads_whole(quote) and \
                        self.unique(quote, paragraph):
                    return quote
                can_right = high + 1 < len(words)
                can_left = low > 0
                if not (can_left or can_right):
                    break
                open_right = can_right and not _clause_break(text, words[high], words[high + 1])
                open_left = can_left and not _clause_break(text, words[low - 1], words[low])
                if open_right or open_left:
                    grow_right = open_right and (right_turn or not open_left)
                else:
                    grow_right = can_right and (right_turn or not can_left)
                if grow_right:
                    high += 1
                else:
                    low -= 1
                right_turn = not grow_right
                low, high = self._whole_names(paragraph, words, low, high)
        for span_start, span_end in ((first, last), (0, len(text))):
            quote = _tidy(text[span_start:span_end])
            if self.unique(quote, paragraph):
                return quote
        return None

    def _whole_names(self, paragraph: int, words, low: int, high: int) -> tuple[int, int]:
        """Widen a run of words so that it cuts no name in two ("the Eurasian" → "the
        Eurasian Economic Union")."""
        for item in self.found[paragraph]:
            if item.start < words[low][0] < item.end:
                low = max(i for i, (a, _) in enumerate(words) if a <= item.start)
            if item.start < words[high][1] < item.end:
                high = min(i for i, (_, b) in enumerate(words) if b >= item.end)
        return low, high

    def masked(self, paragraph: int) -> str:
        """The paragraph with every registry name blanked out, so that the words of a name
        ("Collective Security Treaty Organization") are not read as the sentence's words."""
        text = list(self.texts[paragraph])
        for item in self.found[paragraph]:
            text[item.start:item.end] = " " * (item.end - item.start)
        return "".join(text)


def _clause_break(text: str, before: tuple[int, int], after: tuple[int, int]) -> bool:
    """Whether a clause mark stands between two neighbouring words ("sovereignty,” positioning")."""
    word = text[before[0]:before[1]].rstrip(_CLOSING)
    between = word[-1:] + text[before[1]:after[0] + 1]
    return any(char in _CLAUSE_MARKS for char in between)


def _reads_whole(quote: str) -> bool:
    """A quote should not stop on "the" or "in", nor open on "and"."""
    words = [word.strip(_CLOSING + _OPENING + ",;:").lower() for word in quote.split()]
    return words[-1] not in _DANGLING and words[0] not in _CONJUNCTIONS


def _without_conjunction(quote: str) -> str:
    """"and engages with the European Union" reads as a quote without its "and"."""
    first, _, rest = quote.partition(" ")
    return rest if first.lower() in _CONJUNCTIONS and rest else quote


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(_TRIM)
    if text.endswith(")") and text.count("(") < text.count(")"):
        text = text[:-1].rstrip(_TRIM)
    return text


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        word = re.search(r"(\S+)$", text[:match.start()])
        token = word.group(1).rstrip(".").lower() if word else ""
        if token in _ABBREVIATIONS or re.fullmatch(r"[a-z]|(?:[a-z]\.)+[a-z]", token):
            continue  # "Mr. Aliyev", "J. Smith", "U.S. officials"
        end = match.start() + len(match.group(1))
        spans.append((start, end))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _read(paragraphs: list[str], registry: Registry) -> _Article:
    texts = [unicodedata.normalize("NFC", paragraph) for paragraph in paragraphs]
    finder = NameFinder(registry)
    return _Article(texts, [normalise(text) for text in texts], [_sentences(t) for t in texts],
                    [finder.find(text, index) for index, text in enumerate(texts)])


# -- drafting ---------------------------------------------------------------------------------

def draft_items(paragraphs: list[str], registry: Registry,
                date: PartialDate | None = None) -> dict[str, list[dict]]:
    """The draft, section by section: each item a dict of the annotation fields."""
    article = _read(paragraphs, registry)
    sections: dict[str, list[dict]] = {}
    for section, kind in (("countries", "country"), ("organisations", "organisation"),
                          ("people", "person"), ("topics", "topic")):
        sections[section] = _mentions(article, kind)
    sections["relations"] = _relations(article)
    sections["events"] = _events(article, registry, date) if date else []
    sections["figures"] = _figures(article)
    return {name: items for name, items in sections.items() if items}


def draft_annotation(paragraphs: list[str], registry: Registry,
                     date: PartialDate | None = None) -> str:
    """The draft annotation file (YAML text) for an article with these paragraphs."""
    return annotation_yaml(draft_items(paragraphs, registry, date))


def _mentions(article: _Article, kind: str) -> list[dict]:
    items: dict[str, dict] = {}
    tried: Counter = Counter()
    for paragraph, found in enumerate(article.found):
        for item in found:
            # A name whose first few places give no unique quote sits in repeated text.
            if item.kind != kind or item.ref in items or tried[item.ref] >= _TRIES:
                continue
            tried[item.ref] += 1
            quote = article.quote(paragraph, item.start, item.end)
            if quote:
                items[item.ref] = {"id": item.ref, "evidence": quote}
    return list(items.values())


def _main_countries(article: _Article) -> list[str]:
    counts = Counter(item.ref for found in article.found for item in found
                     if item.kind == "country")
    return [code for code, _ in counts.most_common(2)]


def _figures(article: _Article) -> list[dict]:
    figures: list[dict] = []
    seen = set()
    main = _main_countries(article)
    for paragraph, text in enumerate(article.texts):
        for match in _figure_matches(text):
            figure = _figure(article, paragraph, match, main, seen)
            if figure is not None:
                seen.add((figure["value"], figure["unit"], figure.get("period")))
                figures.append(figure)
    return figures


def _figure_matches(text: str) -> list[re.Match]:
    """Every figure, the longest where two patterns read the same number."""
    matches = sorted((m for pattern in _FIGURE_PATTERNS for m in pattern.finditer(text)),
                     key=lambda m: (m.start("num"), -(m.end() - m.start())))
    chosen: list[re.Match] = []
    for match in matches:
        if not any(match.start() < other.end() and other.start() < match.end() for other in chosen):
            chosen.append(match)
    return sorted(chosen, key=lambda m: m.start())


def _figure(article: _Article, paragraph: int, match: re.Match, main: list[str],
            seen: set) -> dict | None:
    """The figure a match reads, unless one with its value, unit and period is drafted."""
    text = article.texts[paragraph]
    groups = match.groupdict()
    number = float(groups["num"].replace(",", ""))
    value = int(number) if number.is_integer() else number
    scale = groups.get("scale") or groups.get("short") or ""
    scale = _SCALE_WORDS.get(scale, scale)
    if groups.get("unit"):
        unit = _QUANTITY_UNITS[groups["unit"]]
        unit = unit if unit in ("percent", "percentage points") else f"{scale} {unit}".strip()
    else:
        currency = (_CURRENCY_SIGNS.get(groups.get("sign") or "") or groups.get("code")
                    or _CURRENCY_WORDS.get(groups.get("word") or ""))
        unit = f"{scale} {currency}".strip()
    start, end = match.start(), match.end()
    first, last = article.sentence_of(paragraph, start)
    figure: dict = {"metric": "", "actors": [], "value": value, "unit": unit}
    window = max(first, start - 40)
    for bound, pattern in _BOUNDS:
        said = pattern.search(text, window, start)
        if said:
            figure["bound"], start = bound, said.start()
            break
    period = _period(text, match.end(), last, first, match.start())
    if period:
        figure["period"], period_end = period
        end = max(end, period_end)
    if (value, unit, figure.get("period")) in seen:
        return None
    metric, metric_start = _metric(text, first, match.start(), last, unit)
    figure["metric"] = metric
    # The quote takes in the metric's words when they are close and speak of this figure alone.
    if metric_start is not None and match.start() - metric_start <= _NEAR and not any(
            metric_start < other.start() < match.start() for other in _figure_matches(text)):
        start = min(start, metric_start)
    actors = [item.ref for item in article.found_in(paragraph, first, last, ("country",))]
    actors = actors or [item.ref for item in article.found_in(paragraph, first, last,
                                                             ("organisation",))]
    figure["actors"] = list(dict.fromkeys(actors)) or main
    if not figure["actors"]:
        return None
    quote = article.quote(paragraph, start, end)
    if not quote:
        return None
    figure["evidence"] = quote
    return figure


def _period(text: str, after: int, last: int, first: int, start: int) -> tuple[str, int] | None:
    """The period a figure covers: "in 2024" right after it, or a sentence opening "In 2024"."""
    following = _PERIOD_AFTER.match(text[after:last])
    if following:
        return _period_text(following), after + following.end()
    opening = _PERIOD_OPENING.match(text[first:start])
    if opening:
        return _period_text(opening), after
    return None


def _period_text(match: re.Match) -> str:
    month = match.group("month")
    if month:
        number = _MONTHS.split("|").index(month.capitalize()) + 1
        return f"{match.group('year')}-{number:02d}"
    return match.group("year")


def _metric(text: str, first: int, start: int, last: int, unit: str) -> tuple[str, int | None]:
    """What a figure measures, as the sentence names it ("Bilateral trade surpassed $5
    billion" → bilateral trade), or a word by the unit that the editor will sharpen."""
    before = list(_METRIC.finditer(text, first, start))
    after = list(_METRIC.finditer(text, start, last))
    match = before[-1] if before else (after[0] if after else None)
    if match is None:
        return next((metric for ending, metric in _FALLBACK_METRIC.items()
                     if unit.endswith(ending)), "amount"), None
    noun = match.group("noun")
    modifier = match.group("modifier") or ""
    if modifier and _MODIFIER.match(modifier) and modifier.lower() not in _STOP:
        words, begin = f"{modifier} {noun}", match.start("modifier")
    else:
        words, begin = noun, match.start("noun")
    words = " ".join(word if word.isupper() else word.lower() for word in words.split())
    return words, (begin if match in before else None)


def _units(text: str, first: int, last: int) -> list[tuple[int, int]]:
    """A sentence cut where a new subject may start ("..., while Turkey offers ..."; ";")."""
    cuts = [(m.start(), m.end()) for m in _NEW_SUBJECT.finditer(text, first, last)]
    starts = [first] + [end for _, end in cuts]
    ends = [start for start, _ in cuts] + [last]
    return list(zip(starts, ends, strict=True))


def _actors_of(article: _Article, paragraph: int, first: int, last: int):
    """The actors a stretch of text names, in order (each once), and the organisations it
    names only as a framework ("through the Eurasian Economic Union and the CSTO")."""
    text = article.texts[paragraph]
    actors: list[Found] = []
    frameworks: list[Found] = []
    previous_end, previous_framework = first, False
    for item in article.found_in(paragraph, first, last, ("country", "organisation")):
        framework = item.kind == "organisation" and bool(
            _FRAMEWORK_BEFORE.search(text, first, item.start)
            or (previous_framework and _FRAMEWORK_LIST.match(text[previous_end:item.start])))
        (frameworks if framework else actors).append(item)
        previous_end, previous_framework = item.end, framework
    unique: dict[str, Found] = {}
    for item in actors:
        unique.setdefault(item.ref, item)
    return list(unique.values()), frameworks


@dataclass
class _Candidate:
    """Two actors named together: where, and the part of the sentence that is about them."""

    paragraph: int
    sentence: tuple[int, int]
    first: Found
    second: Found
    frameworks: list[str]
    region: tuple[int, int]
    linked_from: int  # where the words linking the first actor to the second begin


def _relations(article: _Article) -> list[dict]:
    candidates: dict[tuple[str, str], list[_Candidate]] = {}
    paragraph_actors: list[set[str]] = []
    for paragraph, sentences in enumerate(article.sentences):
        named: set[str] = set()
        for sentence in sentences:
            for first, last in _units(article.texts[paragraph], *sentence):
                actors, frameworks = _actors_of(article, paragraph, first, last)
                named.update(item.ref for item in actors)
                for candidate in _pairs(article, paragraph, sentence, (first, last), actors,
                                        frameworks):
                    key = tuple(sorted((candidate.first.ref, candidate.second.ref)))
                    candidates.setdefault(key, []).append(candidate)
        paragraph_actors.append(named)
    relations = []
    for key, found in candidates.items():
        relation = _relation(article, key, found, paragraph_actors)
        if relation:
            relations.append(relation)
    return relations


def _pairs(article: _Article, paragraph: int, sentence, unit, actors: list[Found],
           frameworks: list[Found]) -> list[_Candidate]:
    """Two actors are paired; of more, the first (usually the subject) with each other one:
    "A cooperates with B and with C" says nothing of B and C."""
    first, last = unit
    if len(actors) < 2:
        return []
    found = []
    masked = article.masked(paragraph)
    linked = True
    for one, other in ([(actors[0], other) for other in actors[1:]] if len(actors) > 2
                       else [(actors[0], actors[1])]):
        following = min([item.start for item in actors if item.start > other.start] + [last])
        own = [item.ref for item in frameworks
               if item.start < actors[0].start or other.end <= item.start < following]
        before = max(item.end for item in actors if item.start < other.start)
        if len(actors) > 2:
            # "A said B and C would join": only words of speech link A to B, and C shares
            # B's link ("and"): neither is a relation of A.
            words = [w.lower() for w in re.findall(r"[\w-]+", masked[before:other.start])]
            if any(w not in _STOP and w not in _SPEECH for w in words):
                linked = True
            elif any(w in _SPEECH for w in words):
                linked = False
            if not linked:
                continue
        region = (first, last) if len(actors) == 2 else (before, following)
        # The words linking them start after the last time the first one is named.
        linked_from = max(item.end for item in article.found_in(paragraph, first, other.start)
                          if item.ref == one.ref)
        found.append(_Candidate(paragraph, sentence, one, other, list(dict.fromkeys(own)), region,
                                max(linked_from, before)))
    return found


def _relation(article: _Article, key: tuple[str, str], candidates: list[_Candidate],
              paragraph_actors: list[set[str]]) -> dict | None:
    """One relation per pair: from the first sentence that gives it a quoted label, else the
    first that names the pair."""
    chosen = None
    about_pair = [index for index, named in enumerate(paragraph_actors) if named == set(key)]
    for paragraph in sorted({c.paragraph for c in candidates} | set(about_pair)):
        text = article.texts[paragraph]
        for candidate in (c for c in candidates if c.paragraph == paragraph):
            quoted = _QUOTED.search(text, *candidate.region)
            if quoted:
                chosen = (candidate, candidate.sentence, quoted, True)
                break
        # "Officials from both countries described the relationship as an 'expanded strategic
        # partnership'": a quoted phrase in a sentence that names no actor, in a paragraph
        # about this pair alone, is the pair's label in the source's words.
        if not chosen and paragraph in about_pair:
            for sentence in article.sentences[paragraph]:
                quoted = _QUOTED.search(text, *sentence)
                if quoted and not _actors_of(article, paragraph, *sentence)[0]:
                    named = [c for c in candidates if c.paragraph == paragraph] or candidates
                    chosen = (_Candidate(paragraph, sentence, named[0].first, named[0].second,
                                         [], sentence, sentence[0]), sentence, quoted, False)
                    break
        if chosen:
            break
    if chosen:
        candidate, region, quoted, names_them = chosen
        label = _label_text(quoted.group(1))
        if names_them:
            span = (min(candidate.first.start, quoted.start()), max(candidate.second.end, quoted.end()))
        else:  # the quote's sentence does not name them: the quote is the evidence
            span = (quoted.start(), quoted.end())
    else:
        candidate = candidates[0]
        region = candidate.region
        label = _relation_label(article, candidate)
        span = (candidate.first.start, candidate.second.end)
    if span[1] - span[0] > _NEAR:  # far apart: quote what the sentence says of the second
        span = (candidate.second.start, candidate.second.end)
    quote = article.quote(candidate.paragraph, *span)
    if not quote or not label:
        return None
    about = article.masked(candidate.paragraph)[region[0]:region[1]]
    sectors = list(dict.fromkeys(_SECTORS[m.group("sector").lower()]
                                 for m in _SECTOR.finditer(about)))
    relation: dict = {"actors": [candidate.first.ref, candidate.second.ref], "label": label,
                      "stance": "tense" if _TENSE_WORDS.search(about) else "cooperative"}
    if sectors:
        relation["sectors"] = sectors
    if candidate.frameworks:
        relation["frameworks"] = candidate.frameworks
    relation["evidence"] = quote
    return relation


def _relation_label(article: _Article, candidate: _Candidate) -> str:
    """A short phrase of the sentence: its word for the relation ("strategic partnership"),
    else the words that link the two actors ("engages with the European Union"), else the
    words that follow the second."""
    text = article.texts[candidate.paragraph]
    masked = article.masked(candidate.paragraph)
    noun = _RELATION_NOUN.search(masked, *candidate.region)
    if noun:
        modifiers = []
        for word in reversed(masked[candidate.region[0]:noun.start()].split()[-2:]):
            if word.lower() in _STOP or not _MODIFIER.match(word):
                break
            modifiers.insert(0, word)
        return " ".join([*modifiers, noun.group("noun")]).lower()
    between = re.split(r"[,;:()]", masked[candidate.linked_from:candidate.second.start])[-1]
    linking = _LINK_WORDS.sub("", between.strip())
    if 0 < len(linking.split()) <= 8 and any(w.lower() not in _STOP for w in linking.split()):
        return _label_text(f"{linking} {text[candidate.second.start:candidate.second.end]}")
    first, last = candidate.sentence
    marks = [index for index in range(candidate.second.end, last) if text[index] in ",;:()"]
    return _label_text(" ".join(masked[candidate.second.end:min(marks + [last])].split()[:8]))


def _label_text(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" \t\n,.;:()[]-\u2013\u2014")


def _events(article: _Article, registry: Registry, date: PartialDate) -> list[dict]:
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
            event: dict = {"date": str(date.year), "kind": kind, "title": _label_text(title),
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


# -- writing ----------------------------------------------------------------------------------

def yaml_string(text: str) -> str:
    """A double-quoted YAML scalar: JSON's escapes, plus those YAML reads as line breaks."""
    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(char if char.isprintable() or char == " " else f"\\u{ord(char):04x}"
                   for char in quoted)


def _yaml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # Positional, never "1e-05": YAML would read an exponent without a dot as text.
        return format(value, "f").rstrip("0").rstrip(".")
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_yaml_value(item) for item in value) + "]"
    return yaml_string(str(value))


def annotation_yaml(sections: dict[str, list[dict]]) -> str:
    lines = [HEADER.rstrip("\n")]
    for section, record in ANNOTATION_SECTIONS.items():
        items = sections.get(section)
        if not items:
            continue
        lines.append(f"{section}:")
        for item in items:
            fields = [spec.name for spec in record.fields if spec.name in item and spec.name != "draft"]
            for index, name in enumerate(fields):
                lines.append(f"{'  - ' if index == 0 else '    '}{name}: {_yaml_value(item[name])}")
            lines.append("    draft: true")
    return "\n".join(lines) + "\n"


def article_markdown(extracted: Extracted) -> str:
    """The article file: the front matter the source gives, and its body."""
    lines = ["---"]
    if extracted.title:
        lines.append(f"title: {yaml_string(extracted.title)}")
    if extracted.date:
        lines.append(f"date: {extracted.date.iso}")
    else:
        lines.append("# date: the source gives none; add it as YYYY, YYYY-MM or YYYY-MM-DD")
    if extracted.publication:
        lines.append(f"publication: {yaml_string(extracted.publication)}")
    else:
        lines.append("# publication: the source does not say; add where it was published")
    summary = extracted.summary
    if not summary and extracted.paragraphs:
        lines.append("# summary: the article's first sentence; rewrite it in one or two sentences")
        summary = _first_sentence(extracted.paragraphs[0])
    if summary:
        lines.append(f"summary: {yaml_string(summary)}")
    if extracted.url:
        lines.append(f"url: {yaml_string(extracted.url)}")
    if extracted.authors:
        lines.append(f"authors: {_yaml_value(list(extracted.authors))}")
    if extracted.dropped:
        lines.append("# not carried over from the source's front matter: "
                     + ", ".join(extracted.dropped))
    lines.append("---")
    return "\n".join(lines) + "\n" + extracted.body.lstrip("\n")


def _first_sentence(paragraph: str) -> str:
    start, end = _sentences(paragraph)[0]
    return re.sub(r"\s+", " ", paragraph[start:end]).strip()


def article_slug(extracted: Extracted, source: Path) -> str:
    """YEAR-title, as the content guide names articles; the title alone when the source gives
    no date, and the file's own name when it gives no title."""
    words = extracted.title or source.stem
    if extracted.date:
        words = f"{extracted.date.year} {words}"
    # "Georgia's" gives "georgias", not "georgia-s".
    slug = slugify(words, max_length=SLUG_LENGTH, word_boundary=True,
                   replacements=[[mark, ""] for mark in APOSTROPHES])
    return f"{slug}-article" if slug in RESERVED_SLUGS else slug


def new_article(project_root: Path, source: Path, problems: Problems) -> tuple[Path, Path] | None:
    """Write content/articles/<slug>.md and its draft <slug>.yml from a raw source; None (with
    the reasons in ``problems``) when nothing was written."""
    content = project_root / "content"
    articles = content / "articles"
    if not content.is_dir():
        problems.add(content, 1, "folder", "the content folder is missing",
                     "run this in the project folder, or pass --project")
        return None
    before = len(problems.items)
    registry, _ = load_registry(content, Checker(problems))
    if len(problems.items) > before:
        return None  # the entity files' problems are reported; a draft would miss their names
    extracted = extract(source, problems)
    if extracted is None:
        return None
    if not extracted.paragraphs:
        problems.add(source, 1, "body", "no article text was found",
                     "check that the file holds the article's text")
        return None
    slug = article_slug(extracted, source)
    if not slug:
        problems.add(source, 1, "title", "the source gives no title to name the article by",
                     "rename the source file after the article, e.g. kazakhstan-turkiye.txt")
        return None
    if articles.is_symlink() or (articles.exists() and not articles.is_dir()) or \
            (articles.exists() and not inside(articles, content)):
        problems.add(articles, 1, "folder", "content/articles is not a folder inside content/",
                     "make content/articles a plain folder")
        return None
    markdown_path, annotation_path = articles / f"{slug}.md", articles / f"{slug}.yml"
    existing = [path for path in (markdown_path, annotation_path)
                if path.exists() or path.is_symlink()]
    if existing:
        problems.add(existing[0], 1, "file", f"{existing[0].name} already exists; nothing was "
                     "written", "rename or remove the existing article first, or edit it instead")
        return None
    annotation = draft_annotation(extracted.paragraphs, registry, extracted.date)
    try:
        articles.mkdir(exist_ok=True)
        _write_new(markdown_path, article_markdown(extracted))
        try:
            _write_new(annotation_path, annotation)
        except OSError:
            markdown_path.unlink()  # never leave an article without its annotation
            raise
    except FileExistsError as error:
        problems.add(error.filename or markdown_path, 1, "file", "the file appeared while the "
                     "draft was being written; nothing was written", "run the command again")
        return None
    except OSError as error:
        problems.add(error.filename or articles, 1, "file",
                     f"cannot write the draft: {error.strerror}", "check the folder's permissions")
        return None
    return markdown_path, annotation_path


def _write_new(path: Path, text: str) -> None:
    # "x": an existing file, even one made a moment ago by someone else, is never overwritten.
    with open(path, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
