"""Checked articles as JSON, and back.

The article cache is restored from CI's cache store, so reading it must never run code (as
unpickling can). It is read against the type it must hold (``loads(data, Contribution)``):
msgspec makes exactly the records that type's fields declare, field by field, and checks
every value as it goes (a tuple field holds a list of what the tuple holds, a date is a
PartialDate's fields, a number a number). Anything else is refused with ``Unreadable``.

Records are JSON objects keyed by their field names, tuples and lists are JSON lists, paths
are text. msgspec decodes straight into the records in C: at 10,000 articles the cache
(920,000 records) loads in 1.0 s, where Python's json module with a hook making each record
took 2.1 s. A record msgspec makes has an attribute dictionary of its own, where records
made by their constructor share one set of keys (240 MB more at 10,000 articles): the
records made most often (citations, mentions, paragraphs, relation claims, quotes,
assessments, problems) therefore keep their fields in slots and have no dictionary at all.

What a record's fields are declared to be is therefore what it reads back as: a field must
be declared as exactly as it is filled (``int | float`` for a number an editor writes, which
may be either; ``tuple[str, ...]`` for a tuple that may be empty). tests/test_cache_data.py
reads back every checked sample article and compares the type of every value.
"""

from __future__ import annotations

import functools
from pathlib import Path, PurePath

import msgspec


class Unstorable(TypeError):
    """A value of a kind the data cannot hold."""


class Unreadable(ValueError):
    """Data that is not the kind of value asked for."""


def _encode_other(value):
    if isinstance(value, PurePath):
        return str(value)
    raise Unstorable(f"cannot store a {type(value).__module__}.{type(value).__qualname__}")


def _decode_other(kind: type, value):
    if kind is Path and type(value) is str:
        return Path(value)
    raise TypeError(f"expected a {kind.__name__}")


_ENCODER = msgspec.json.Encoder(enc_hook=_encode_other)


@functools.cache
def _decoder(kind) -> msgspec.json.Decoder:
    return msgspec.json.Decoder(kind, dec_hook=_decode_other)


def dumps(value) -> bytes:
    """The value as JSON text, in UTF-8."""
    try:
        return _ENCODER.encode(value)
    except Unstorable:
        raise
    except (TypeError, ValueError, OverflowError) as error:
        raise Unstorable(str(error)) from error


def loads(data: str | bytes, kind):
    """The value of type ``kind`` that ``data`` holds. Raises ``Unreadable`` (a ValueError)
    for anything else: not JSON, not UTF-8, or not a ``kind``."""
    try:
        return _decoder(kind).decode(data)
    except msgspec.DecodeError as error:  # ValidationError included
        raise Unreadable(str(error)) from error
    except RecursionError as error:
        raise Unreadable("nested too deeply") from error
