"""The kinds of value a content field can hold, each as one object.

A kind knows everything about its values in one place: how to check one (and what to say when
it is wrong), how to describe it to an editor, its JSON Schema for editors' tools, and which
ids it names (for the registry to look up). Adding a kind is one class and one line in
``KINDS``. (MkDocs' config options are built the same way: a class per type of option.)

Fields name their kind by its key in ``KINDS`` (``Field("date", "date")``), so that the
declarations in ``schema.py`` stay one readable line each.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from ..engine.problems import did_you_mean
from .body import safe_url
from .dates import parse_date, parse_period
from .yamlfile import YList

if TYPE_CHECKING:
    from pathlib import Path

    from .schema import Checker, Field

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COUNTRY_PATTERN = re.compile(r"^[A-Z]{2}$")
ALPHA_3_PATTERN = re.compile(r"^[A-Z]{3}$")
WIKIDATA_PATTERN = re.compile(r"^Q[1-9][0-9]*$")
# An article on any language's Wikipedia: the site links to it and names it in structured data.
WIKIPEDIA_PATTERN = re.compile(r"^https://[a-z][a-z0-9-]*\.wikipedia\.org/wiki/[^\s<>\"]+$")
# The shapes only: the checker also knows that February has no 30th.
DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
PERIOD_PATTERN = r"^\d{4}-((0[1-9]|1[0-2])|[Qq][1-4])$"
TONE_RANGE = (-10, 10)


def is_scalar_text(value) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


class Kind:
    """A kind of scalar text. Subclasses say what differs."""

    words = "text"  # what a value is, as in "expected {words}"
    advice = ""  # what to write instead of a wrong value; the field's doc when empty

    def hint(self, spec: Field) -> str:
        return self.advice or spec.doc or "write plain text"

    def check(self, checker: Checker, value, spec: Field, path: Path, line: int, name: str):
        """The clean value, or None after reporting what is wrong with it."""
        if not is_scalar_text(value):
            checker.wrong(path, line, name, spec, value)
            return None
        return self.check_text(checker, value, str(value).strip(), spec, path, line, name)

    def check_text(self, checker, value, text: str, spec, path, line, name):
        if not text:
            checker.wrong(path, line, name, spec, value)
            return None
        return text

    def json_schema(self, spec: Field, record_schema) -> dict:
        return {"type": ["string", "number"]}

    def names(self, value) -> list[tuple[int | None, str]]:
        """The ids a checked value names, each with its place in a list (None: not a list)."""
        return []


class PatternKind(Kind):
    def __init__(self, pattern: re.Pattern, words: str, advice: str):
        self.pattern, self.words, self.advice = pattern, words, advice

    def check_text(self, checker, value, text, spec, path, line, name):
        if not self.pattern.match(text):
            checker.wrong(path, line, name, spec, value)
            return None
        return text

    def json_schema(self, spec, record_schema):
        return {"type": "string", "pattern": self.pattern.pattern}


class CountryKind(Kind):
    """A country's code. Which codes exist is the registry's to judge: it knows the entry's
    name, and so what was meant; here only that it is text."""

    words = "a country code"
    advice = "use an ISO 3166-1 alpha-2 code in capitals, e.g. KZ"

    def json_schema(self, spec, record_schema):
        return {"type": "string", "pattern": COUNTRY_PATTERN.pattern}


class RefKind(Kind):
    """The id of something in the registry (``Field.ref`` says what)."""

    words = "an id"

    def json_schema(self, spec, record_schema):
        if spec.ref == "country":
            return {"type": "string", "pattern": COUNTRY_PATTERN.pattern}
        return {"type": "string"}

    def names(self, value):
        return [(None, value)]


class NumberKind(Kind):
    words = "a number"
    advice = "write digits only, e.g. 5 or 5.8; put the unit in 'unit'"

    def check(self, checker, value, spec, path, line, name):
        if not is_scalar_text(value) or isinstance(value, str) or not math.isfinite(value):
            checker.wrong(path, line, name, spec, value)
            return None
        return value

    def json_schema(self, spec, record_schema):
        return {"type": "number"}


class ScoreKind(NumberKind):
    """A place on the cooperation–conflict (Goldstein) scale."""

    words = "a number from −10 to +10"
    advice = "write a number from -10 (armed conflict) to +10 (the closest cooperation)"

    def check(self, checker, value, spec, path, line, name):
        value = super().check(checker, value, spec, path, line, name)
        if value is not None and not TONE_RANGE[0] <= value <= TONE_RANGE[1]:
            checker.problems.add(path, line, name, f"{value} is outside the scale −10 … +10",
                                 self.hint(spec))
            return None
        return value

    def json_schema(self, spec, record_schema):
        return {"type": "number", "minimum": TONE_RANGE[0], "maximum": TONE_RANGE[1]}


class ParsedKind(Kind):
    """A value a parser turns into an object (a date, a period); None from it means wrong."""

    def __init__(self, parse, on_text: bool, words: str, advice: str, schema: dict):
        self.parse, self.on_text, self.words, self.advice = parse, on_text, words, advice
        self.schema = schema

    def check_text(self, checker, value, text, spec, path, line, name):
        parsed = self.parse(text if self.on_text else value)
        if parsed is None:
            checker.wrong(path, line, name, spec, value)
        return parsed

    def json_schema(self, spec, record_schema):
        return dict(self.schema)


class UrlKind(Kind):
    words = "an http(s) address"
    advice = "write the full address starting with https://"

    def check_text(self, checker, value, text, spec, path, line, name):
        if not (safe_url(text) and text.lower().startswith(("http://", "https://"))):
            checker.wrong(path, line, name, spec, value)
            return None
        return text

    def json_schema(self, spec, record_schema):
        return {"type": "string", "pattern": "^https?://"}


class ChoiceKind(Kind):
    """One of the words in ``Field.choices``."""

    words = "one of the listed words"

    def hint(self, spec):
        return "use one of: " + ", ".join(spec.choices)

    def check_text(self, checker, value, text, spec, path, line, name):
        if text not in spec.choices:
            checker.problems.add(path, line, name, f"'{text}' is not a known {spec.name}",
                                 did_you_mean(text, spec.choices) or self.hint(spec))
            return None
        return text

    def json_schema(self, spec, record_schema):
        return {"enum": list(spec.choices)}


class BoolKind(Kind):
    words = "true or false"

    def check(self, checker, value, spec, path, line, name):
        if not isinstance(value, bool):
            checker.wrong(path, line, name, spec, value)
            return None
        return value

    def json_schema(self, spec, record_schema):
        return {"type": "boolean"}


class RecordKind(Kind):
    """One mapping checked against ``Field.record`` (a list's element, such as a source)."""

    def check(self, checker, value, spec, path, line, name):
        item = checker.record(value, spec.record, path, line, name)
        return item.values if item and item.valid else None

    def json_schema(self, spec, record_schema):
        return record_schema(spec.record)


class ListKind(Kind):
    """A list whose elements are each of one kind; valid only when all of them are."""

    def __init__(self, element: str, words: str, advice: str = ""):
        self.element, self.words, self.advice = element, words, advice

    def check(self, checker, value, spec, path, line, name):
        if not isinstance(value, YList):
            checker.wrong(path, line, name, spec, value)
            return None
        element = spec.element()
        kind = KINDS[element.kind]
        result = []
        for index, entry in enumerate(value):
            checked = kind.check(checker, entry, element, path, value.line_of(index),
                                 f"{name}[{index + 1}]")
            if checked is not None:
                result.append(checked)
        return result if len(result) == len(value) else None

    def json_schema(self, spec, record_schema):
        element = spec.element()
        return {"type": "array", "items": KINDS[element.kind].json_schema(element, record_schema)}

    def names(self, value):
        return [(index, ref) for index, item in enumerate(value)
                for _, ref in KINDS[self.element].names(item)]


class RecordsKind(Kind):
    """A non-empty list of items, each checked against ``Field.record``."""

    words = "a list of items"

    def check(self, checker, value, spec, path, line, name):
        if not isinstance(value, YList) or not value:
            checker.wrong(path, line, name, spec, value)
            return None
        items = checker.records(value, spec.record, path, line, name)
        return items if all(item.valid for item in items) and len(items) == len(value) else None

    def json_schema(self, spec, record_schema):
        return {"type": "array", "minItems": 1, "items": record_schema(spec.record)}


_LIST_ADVICE = "write a list in brackets, e.g. [a, b]"
KINDS: dict[str, Kind] = {
    "text": Kind(),
    "texts": ListKind("text", "a list of texts, e.g. [a, b]", _LIST_ADVICE),
    # A date may be written as a YAML number (2025): the parser takes the value as written.
    "date": ParsedKind(parse_date, False, "a date",
                       "write YYYY, YYYY-MM or YYYY-MM-DD with a real month and day",
                       {"type": ["string", "integer"], "pattern": DATE_PATTERN}),
    "period": ParsedKind(parse_period, True, "a month (YYYY-MM) or a quarter (YYYY-Qn)",
                         "write a month such as 2025-07 or a quarter such as 2025-Q3",
                         {"type": "string", "pattern": PERIOD_PATTERN}),
    "number": NumberKind(),
    "score": ScoreKind(),
    "url": UrlKind(),
    "choice": ChoiceKind(),
    "bool": BoolKind(),
    "id": PatternKind(ID_PATTERN, "an id",
                      "use lower-case letters, digits and hyphens, e.g. middle-corridor"),
    "country": CountryKind(),
    "alpha3": PatternKind(ALPHA_3_PATTERN, "three capital letters",
                          "write three capital letters, e.g. XKX"),
    "wikidata": PatternKind(WIKIDATA_PATTERN, "a Wikidata id", "write a Wikidata id such as Q43"),
    "wikipedia": PatternKind(WIKIPEDIA_PATTERN, "the address of a Wikipedia article",
                             "write the article's full address, e.g. "
                             "https://en.wikipedia.org/wiki/Kazakhstan"),
    "ref": RefKind(),
    "refs": ListKind("ref", "a list of ids, e.g. [a, b]", _LIST_ADVICE),
    "source": RecordKind(),
    "sources": ListKind("source", "a list of {name, url}"),
    "records": RecordsKind(),
}
