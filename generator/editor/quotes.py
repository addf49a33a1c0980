"""The article as the drafting heuristics read it (paragraphs, sentences, the registry's names)
and the quotes it offers: the shortest readable words around a place that only one paragraph
holds, as `briefings check` will match them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..content.evidence import normalise
from ..content.registry import Registry
from .names import Found, NameFinder
from .phrases import STOP_WORDS

# Fewer words rarely say anything a reader can check; more are added only when needed to make
# the quote unique.
_MIN_QUOTE_WORDS = 6
# Two things this close (in characters: two actors, a figure and its metric) are quoted
# together; further apart, the quote is taken around the one the item is about.
QUOTE_SPAN = 90

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
# Words a quote should not end on: it would read as cut off.
_DANGLING = STOP_WORDS | {"new", "more", "most", "other", "such", "than", "very", "not", "no",
                          "which", "who", "whose", "where", "when", "up", "into", "over", "under",
                          "between", "about", "through", "within", "across", "toward", "towards",
                          "after", "before", "during", "if", "because", "while", "also", "being",
                          "can", "could", "should", "may", "might", "must", "shall", "it", "they",
                          "we", "he", "she", "them", "so", "or", "but", "said", "says", "like"}


@dataclass
class Article:
    """An article's paragraphs with their sentences and the registry names found in them."""

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
                if len(quote.split()) >= _MIN_QUOTE_WORDS and _reads_whole(quote) and \
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


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where each sentence of a paragraph starts and ends; an abbreviation's full stop ends none."""
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


def read_article(paragraphs: list[str], registry: Registry) -> Article:
    texts = [unicodedata.normalize("NFC", paragraph) for paragraph in paragraphs]
    finder = NameFinder(registry)
    return Article(texts, [normalise(text) for text in texts], [sentence_spans(t) for t in texts],
                   [finder.find(text, index) for index, text in enumerate(texts)])
