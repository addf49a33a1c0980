"""Checked articles as plain JSON data, and back.

The article cache is restored from CI's cache store, so reading it must never run code (as
unpickling can): it holds only JSON values, and reading it makes only the records named
below. Every JSON object in the data has exactly one key, which says what it stands for:

- ``{"t": [...]}``: a tuple (JSON has only lists, and frozen records need tuples to hash);
- ``{"m": [[key, value], ...]}``: a mapping (its keys may be any value, and as a list of
  pairs it holds no JSON object that could pass for another kind);
- ``{"p": "..."}``: a file path;
- ``{"@Name": [field values in order]}``: one of the records in ``RECORDS``. A field the
  record declares a tuple is a plain list there, made a tuple again as the record is read:
  that is most of the tuples there are (860,000 at 10,000 articles), and each ``{"t": ...}``
  costs the decoder a call into Python.

Anything else (an unknown record, a wrong number of fields) is refused with ``Unreadable``.
"""

from __future__ import annotations

import dataclasses
import json
import operator
from pathlib import Path, PurePath

from ..content.body import Block
from ..content.dates import PartialDate, Period
from ..engine.problems import Problem
from .linking import Contribution
from .model import (
    Article,
    Assessment,
    Citation,
    Event,
    Figure,
    Mention,
    Quote,
    RelationClaim,
)

# Everything a checked article is made of: the only types reading the data can create.
RECORDS: dict[str, type] = {cls.__name__: cls for cls in (
    Contribution, Article, Block, Citation, Mention, RelationClaim, Event, Figure, Quote,
    Assessment, PartialDate, Period, Problem)}
_TAGS = {cls: "@" + name for name, cls in RECORDS.items()}
_FIELDS = {cls: tuple(field.name for field in dataclasses.fields(cls)) for cls in RECORDS.values()}
# Each record's fields in one call (every record has more than one, so this gives a tuple).
_GETTERS = {cls: operator.attrgetter(*names) for cls, names in _FIELDS.items()}
# The places of the fields each record declares tuples (annotations are text here: the model
# modules postpone them).
_TUPLE_FIELDS = {cls: tuple(number for number, field in enumerate(dataclasses.fields(cls))
                            if str(field.type).startswith("tuple"))
                 for cls in RECORDS.values()}
_PLAIN = frozenset({str, int, float, bool, type(None)})


class Unstorable(TypeError):
    """A value of a kind the data cannot hold (a record missing from ``RECORDS``?)."""


class Unreadable(ValueError):
    """Data that is not what ``plain`` writes."""


def plain(value):
    """The value as JSON-ready data (see the module's note)."""
    # Written for speed: a cache holds about 600 values per article, most of them text and
    # numbers, which are checked inline rather than by a call each.
    kind = type(value)
    if kind in _PLAIN:
        return value
    tag = _TAGS.get(kind)
    if tag is not None:
        values = _GETTERS[kind](value)
        items = [item if type(item) in _PLAIN else plain(item) for item in values]
        for number in _TUPLE_FIELDS[kind]:
            if type(values[number]) is not tuple:  # it would come back a tuple
                raise Unstorable(f"{kind.__name__}.{_FIELDS[kind][number]} is not a tuple")
            items[number] = items[number]["t"]
        return {tag: items}
    if isinstance(value, (tuple, list)):
        items = [item if type(item) in _PLAIN else plain(item) for item in value]
        return {"t": items} if isinstance(value, tuple) else items
    if isinstance(value, dict):
        return {"m": [[plain(key), plain(item)] for key, item in value.items()]}
    if isinstance(value, str):  # a subclass: kept as the text it is
        return str(value)
    if isinstance(value, PurePath):
        return {"p": str(value)}
    raise Unstorable(f"cannot store a {kind.__module__}.{kind.__qualname__}")


def _tuple(content):
    if type(content) is not list:
        raise Unreadable("a tuple that is not a list")
    return tuple(content)


def _mapping(content):
    if type(content) is not list or not all(
            type(pair) is list and len(pair) == 2 for pair in content):
        raise Unreadable("a mapping that is not a list of pairs")
    try:
        return dict(content)
    except TypeError as error:  # a key that cannot be a key (a list)
        raise Unreadable("a mapping key that cannot be a key") from error


def _path(content):
    if type(content) is not str:
        raise Unreadable("a path that is not text")
    return Path(content)


def _record(cls):
    name, count, tuples = cls.__name__, len(_FIELDS[cls]), _TUPLE_FIELDS[cls]

    def make(content):
        if type(content) is not list or len(content) != count:
            raise Unreadable(f"a {name} that is not a list of {count} fields")
        for number in tuples:
            field = content[number]
            if type(field) is not list:
                raise Unreadable(f"a {name} whose field {_FIELDS[cls][number]} is not a list")
            content[number] = tuple(field)
        return cls(*content)

    return make


_MAKERS = {"t": _tuple, "m": _mapping, "p": _path,
           **{tag: _record(cls) for cls, tag in _TAGS.items()}}


def _node(pairs: list):
    """One JSON object, as its (key, value) pairs, back as the value it stands for (called
    innermost first). Pairs, not a dict: the decoder makes no dict to be taken apart."""
    if len(pairs) == 1:
        tag, content = pairs[0]
        make = _MAKERS.get(tag)
        if make is not None:
            return make(content)
        raise Unreadable(f"unknown kind of value {tag!r}")
    raise Unreadable(f"an object with {len(pairs)} keys")


# One decoder for all the data: json.loads given a hook makes a new one for every call (there
# is one per article, ten thousand of them, when the cache loads).
_DECODER = json.JSONDecoder(object_pairs_hook=_node)


def dumps(value) -> str:
    return json.dumps(plain(value), separators=(",", ":"))


def loads(text: str | bytes):
    """Raises ``Unreadable`` (a ValueError) for anything but what ``dumps`` writes."""
    try:
        if not isinstance(text, str):  # bytes in any of JSON's encodings, as json.loads reads them
            text = text.decode(json.detect_encoding(text), "surrogatepass")
        return _DECODER.decode(text)
    except Unreadable:
        raise
    except RecursionError as error:
        raise Unreadable("nested too deeply") from error
    except ValueError as error:  # not JSON, or not UTF-8
        raise Unreadable(str(error)) from error
