"""Pagefind's index, the same bytes for the same pages.

Pagefind 1.5 writes the values of each search filter, and the list of filters, in the order
of a hash map: a different order on every run, hence different files under different names
(its issue 638). Everything else it writes comes out the same each time. This puts the
values and the filters in order and names the files after what they now hold, the way
Pagefind names them (language, underscore, the start of a digest), so that the same pages
give the same index and an incremental build gives a cold build's bytes.

Pagefind's index files are gzip-compressed CBOR after a signature. They hold arrays, text,
bytes and whole numbers only; reading and writing those is a few lines here (cbor2, the CBOR
library, has no build for Python 3.11 in its current release). Anything else in a file
means a Pagefind this code does not know: the build stops with a message instead of
writing an index the browser could not read.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
_FILTERS = 3  # a language's meta file: [version, pages, index chunks, filters, sorts, fields]
_META_DIGEST, _FILTER_DIGEST = 10, 7  # the lengths of the names Pagefind gives these files


class UnknownIndex(ValueError):
    """A Pagefind index in a form this code does not know."""


def put_in_order(bundle: Path) -> None:
    """Rewrite the filter files of Pagefind's index in ``bundle`` (site/pagefind) with their
    values in order, and each language's meta file with its filters in order."""
    entry_file = bundle / ENTRY
    try:
        entry = json.loads(entry_file.read_text(encoding="utf-8"))
        languages = entry["languages"]
        for language, about in sorted(languages.items()):
            about["hash"] = _ordered_meta(bundle, language, about["hash"])
    except (OSError, KeyError, TypeError, ValueError) as error:
        raise UnknownIndex(f"cannot put Pagefind's index in {bundle} in order: {error}") from error
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")


def _ordered_meta(bundle: Path, language: str, name: str) -> str:
    meta_file = bundle / f"pagefind.{name}.pf_meta"
    meta = _read(meta_file)
    filters = []
    for filter_name, chunk in meta[_FILTERS]:
        chunk_file = bundle / "filter" / f"{chunk}.pf_filter"
        own_name, values = _read(chunk_file)
        ordered = _write(bundle / "filter", language, _FILTER_DIGEST, "{}.pf_filter",
                         [own_name, sorted(values, key=lambda value: value[0])])
        if ordered != chunk:
            chunk_file.unlink()
        filters.append([filter_name, ordered])
    meta[_FILTERS] = sorted(filters)
    ordered = _write(bundle, language, _META_DIGEST, "pagefind.{}.pf_meta", meta)
    if ordered != name:
        meta_file.unlink()
    return ordered


def _read(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise UnknownIndex(f"{path.name} does not start with Pagefind's signature")
    value, end = _decode(data, len(SIGNATURE))
    if end != len(data):
        raise UnknownIndex(f"{path.name} holds more than one value")
    return value


def _write(folder: Path, language: str, digest_length: int, pattern: str, value) -> str:
    """Write ``value`` as Pagefind does (gzip without a time stamp) under a name made from
    its bytes; return that name."""
    data = SIGNATURE + _encode(value)
    name = f"{language}_{hashlib.sha256(data).hexdigest()[:digest_length]}"
    (folder / pattern.format(name)).write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return name


# CBOR (RFC 8949): a head byte of major type (3 bits) and argument; arguments of 24 and more
# follow in 1, 2, 4 or 8 bytes.
_UNSIGNED, _NEGATIVE, _BYTES, _TEXT, _ARRAY = 0, 1, 2, 3, 4
_SIZES = {24: 1, 25: 2, 26: 4, 27: 8}
_FORMATS = {1: ">B", 2: ">H", 4: ">I", 8: ">Q"}


def _decode(data: bytes, at: int):
    head = data[at]
    major, argument = head >> 5, head & 0x1F
    at += 1
    if argument in _SIZES:
        size = _SIZES[argument]
        (argument,) = struct.unpack_from(_FORMATS[size], data, at)
        at += size
    elif argument > 23:
        raise UnknownIndex(f"a CBOR value of indefinite or reserved length (byte {head:#x})")
    if major == _UNSIGNED:
        return argument, at
    if major == _NEGATIVE:
        return -1 - argument, at
    if major == _BYTES:
        return bytes(data[at:at + argument]), at + argument
    if major == _TEXT:
        return data[at:at + argument].decode("utf-8"), at + argument
    if major == _ARRAY:
        items = []
        for _ in range(argument):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    raise UnknownIndex(f"a CBOR value of major type {major} (a map, tag or float), which "
                       "Pagefind 1.5 does not write")


def _head(major: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([major << 5 | argument])
    for code, size in _SIZES.items():
        if argument < 1 << (8 * size):
            return bytes([major << 5 | code]) + struct.pack(_FORMATS[size], argument)
    raise UnknownIndex(f"a number too large for CBOR: {argument}")


def _encode(value) -> bytes:
    if isinstance(value, bool) or not isinstance(value, (int, str, bytes, list)):
        raise UnknownIndex(f"cannot write a {type(value).__name__} as Pagefind does")
    if isinstance(value, int):
        return _head(_UNSIGNED, value) if value >= 0 else _head(_NEGATIVE, -1 - value)
    if isinstance(value, bytes):
        return _head(_BYTES, len(value)) + value
    if isinstance(value, str):
        text = value.encode("utf-8")
        return _head(_TEXT, len(text)) + text
    return _head(_ARRAY, len(value)) + b"".join(_encode(item) for item in value)
