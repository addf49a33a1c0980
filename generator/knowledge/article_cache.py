"""The checked articles of the last build, kept beside the generated folder
(``build/.briefings-cache``), so that a build checks only the articles that changed.

The cache is JSON (see plaindata), never pickle: CI restores it from a shared store, and
reading it must not be able to run code. It is only ever a shortcut: a missing, damaged or
foreign file means every article is checked again, with the same result.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..engine.collector import collector_paused
from ..engine.incremental import ArticleKeys
from ..engine.output import replacing
from . import plaindata
from .linking import Contribution

CACHE_FILE = ".briefings-cache"
_MAGIC = "briefings article cache"
_FORMAT = 6  # 3: each checked article records the entity entries it looked up; 4: and
#   the digest of its text; 5: records' tuple fields are plain lists; 6: records are
#   objects keyed by field name, read against their declared types (see plaindata)


class ContributionCache:
    """Checked articles by path and key, loaded from and saved beside the generated folder.

    The file is JSON Lines: a header naming the environment, then one line per article,
    ``["path","key"]``, a tab, and the checked article as plaindata writes it. (JSON text never
    holds a raw tab.) Lines of unchanged articles are copied from the last file as they were,
    so a build that adds one article encodes one; only where each line is, not the line, is
    kept in memory (the file is 150 MB at 10,000 articles), and the new file is written line
    by line."""

    def __init__(self, folder: Path, environment: str, root: Path | None = None):
        """``environment``: what every check depends on besides the article and the entity
        entries it names (checking_key). ``root``: the project's folder. The articles' paths
        in the cache are its files; a cache written where the project was before (another
        checkout, a CI runner's workspace) is read as if written here."""
        self.file = folder / CACHE_FILE
        self.environment = environment
        # The entity files (entities_key) the entries were checked against, and those of the
        # build under way with its registry (see against()).
        self.entities = ""
        self._entities_now = ""
        self._registry = None
        self.root = str(root) if root is not None else ""
        self.entries: dict[str, tuple[str, object]] = {}
        self.used: dict[str, tuple[str, object]] = {}
        self.note: str | None = None  # why the file on disk could not be used
        # Each entry's key and where its line is in the file: (offset, length in bytes).
        self._stored: dict[str, tuple[str, int, int]] = {}
        self._moved = _Moved("", "")  # how the file's lines are read as if written here
        # Each article's key, by the status of its files, while this process runs (serve).
        self.article_keys = ArticleKeys()

    def load(self) -> ContributionCache:
        """The entries of the last build, if it was made in the same environment. A file that
        is not such a cache is ignored (every article is checked again) and ``note`` says why."""
        self.entries, self._stored, self.note = {}, {}, None
        try:
            with open(self.file, "rb") as stream:
                first = stream.readline()
                environment, root, entities = _header(first.decode("utf-8"))
                if environment != self.environment:
                    # Said, so that a build slowed by it says why (after an upgrade, say).
                    self.note = (f"{self.file} was written by another version of briefings "
                                 "or of the libraries it uses; every article is checked again")
                    return self
                self.entities = entities
                moved = _Moved(root, self.root)
                offset = len(first)
                # A collection pass over a hundred thousand fresh objects costs more than the
                # loading itself; nothing loaded here forms a cycle.
                with collector_paused():
                    for number, raw in enumerate(stream, start=2):
                        name, key, contribution = _entry(moved(raw), number)
                        self.entries[name] = (key, contribution)
                        self._stored[name] = (key, offset, len(raw))
                        offset += len(raw)
                self._moved = moved
        except FileNotFoundError:
            pass  # the first build
        except (OSError, ValueError) as error:
            self.entries, self._stored = {}, {}
            reason = error.strerror if isinstance(error, OSError) else str(error)
            self.note = (f"{self.file} is not an article cache this version of briefings can "
                         f"read ({reason}); it is ignored and every article is checked again")
        return self

    def against(self, registry, entities: str) -> None:
        """The registry this build checks with, and its entity files' key: an entry is used
        only if the entries its article named are what they were when it was checked."""
        self._registry, self._entities_now = registry, entities

    def get(self, path: Path, key: str | None):
        found = self.entries.get(str(path))
        if found is None or key is None or found[0] != key:
            return None
        contribution = found[1]
        if self._registry is None or self.entities == self._entities_now:
            return contribution
        # The entity files changed: a check that reported no problem stands if the entries
        # it looked up did not (a new person changes nothing for articles that name others).
        view = contribution.registry_view
        return contribution if view and view == self._registry.view(
            map(tuple, json.loads(contribution.consulted))) else None

    def keep(self, path: Path, key: str | None, contribution) -> None:
        if key is not None:
            self.used[str(path)] = (key, contribution)

    def renewed(self) -> ContributionCache:
        """This cache as the next build in the same process finds it."""
        if self.used:
            self.entries, self.used = self.used, {}
            self.entities = self._entities_now
        return self

    def save(self) -> None:
        """Write the entries of this build (so deleted articles leave the cache too)."""
        if self.used.keys() == self.entries.keys() and self.entities == self._entities_now \
                and all(self.entries[name][0] == key for name, (key, _) in self.used.items()):
            return
        header = json.dumps({"cache": _MAGIC, "format": _FORMAT, "environment": self.environment,
                             "entities": self._entities_now,
                             **({"root": self.root} if self.root else {})}) + "\n"
        stored: dict[str, tuple[str, int, int]] = {}
        with contextlib.ExitStack() as stack:
            out = stack.enter_context(replacing(self.file))
            # Entered second, so closed before the new file replaces it (Windows refuses to
            # replace a file that is open).
            last = stack.enter_context(_reading(self.file)) if self._stored else None
            out.write(header.encode("utf-8"))
            offset = len(header.encode("utf-8"))
            for name, (key, contribution) in sorted(self.used.items()):
                # A line is copied only for the very entry read from it: an article checked
                # again (an entity it names changed) has a new one under the same key.
                line = self._copied(last, name, key) if self.entries.get(
                    name, (None, None))[1] is contribution else None
                if line is None:
                    try:
                        line = (_line_start(name, key) + plaindata.dumps(contribution)
                                + b"\n")
                    except plaindata.Unstorable:
                        continue  # that article is checked again next time
                out.write(line)
                stored[name] = (key, offset, len(line))
                offset += len(line)
        self._stored, self._moved = stored, _Moved("", "")

    def saved_elsewhere(self) -> None:
        """Another process (a fork of this one) saved this cache: where each line of the new
        file lies is unknown here, so a later save writes every line afresh."""
        self._stored, self._moved = {}, _Moved("", "")

    def _copied(self, last, name: str, key: str) -> bytes | None:
        """The line of an unchanged entry, as the last file holds it (moved to this folder),
        or None if it is not there as it should be."""
        found = self._stored.get(name)
        if last is None or found is None or found[0] != key:
            return None
        last.seek(found[1])
        raw = last.read(found[2])
        raw = self._moved(raw)
        # The file may have been changed since it was read (it is only ever a shortcut).
        if not raw.startswith(_line_start(name, key)) or not raw.endswith(b"\n"):
            return None
        return raw


@contextlib.contextmanager
def _reading(path: Path) -> Iterator[BinaryIO | None]:
    """The last cache file to copy lines from; None if it is gone."""
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError:
        yield None
        return
    with stream:
        yield stream


def _header(line: str) -> tuple[str, str, str]:
    """The environment, project folder and entity files the cache was written in;
    ValueError if it is no cache of ours."""
    try:
        header = json.loads(line)
    except ValueError:
        header = None
    if not isinstance(header, dict) or header.get("cache") != _MAGIC:
        raise ValueError("not a briefings article cache")
    if header.get("format") != _FORMAT:
        raise ValueError(f"written in format {header.get('format')!r}, this version reads "
                         f"{_FORMAT}")
    root, entities = header.get("root"), header.get("entities")
    return (str(header.get("environment")), root if isinstance(root, str) else "",
            entities if isinstance(entities, str) else "")


def _line_start(name: str, key: str) -> bytes:
    """What a line starts with: its article's file and key, and a tab."""
    return (json.dumps([name, key]) + "\t").encode("utf-8")


class _Moved:
    """A cache line as if written in the project's present folder: the files it names (the
    line's own name, and the checked article's source, the first field of its data: the
    only paths the data holds) are moved from the folder the cache was written in. Only
    those two places are touched: an article quoting the old folder's name keeps its
    words."""

    def __init__(self, written_in: str, now_in: str):
        self.replacements_due = bool(written_in and now_in and written_in != now_in)
        if self.replacements_due:
            # The name as json.dumps writes it (ASCII), the source as plaindata does (UTF-8).
            old, new = (json.dumps(folder.rstrip(os.sep) + os.sep)[:-1]
                        for folder in (written_in, now_in))
            self.start, self.start_now = ("[" + old).encode(), ("[" + new).encode()
            old, new = (plaindata.dumps(folder.rstrip(os.sep) + os.sep)[:-1]
                        for folder in (written_in, now_in))
            self.path, self.path_now = b'\t{"source":' + old, b'\t{"source":' + new

    def __call__(self, line: bytes) -> bytes:
        if not self.replacements_due:
            return line
        if line.startswith(self.start):
            line = self.start_now + line[len(self.start):]
        return line.replace(self.path, self.path_now, 1)


def _entry(line: bytes, number: int) -> tuple[str, str, Contribution]:
    """One line of the cache: the article's file, its key, and what checking it gave."""
    where, _, data = line.partition(b"\t")
    try:
        name, key = json.loads(where)
    except (ValueError, TypeError):
        name = key = None
    if not (isinstance(name, str) and isinstance(key, str)):
        raise ValueError(f"line {number} does not start with a file and a key")
    try:
        contribution = plaindata.loads(data, Contribution)
    except plaindata.Unreadable as error:
        raise ValueError(f"line {number} holds no checked article ({error})") from error
    return name, key, contribution
