"""The checked articles of the last build, kept beside the generated folder
(``build/.briefings-cache``), so that a build checks only the articles that changed.

The cache is JSON (see plaindata), never pickle: CI restores it from a shared store, and
reading it must not be able to run code. It is only ever a shortcut: a missing, damaged or
foreign file means every article is checked again, with the same result.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..engine.collector import collector_paused
from ..engine.incremental import ArticleKeys
from ..engine.output import write_atomically
from . import plaindata
from .linking import Contribution

CACHE_FILE = ".briefings-cache"
_MAGIC = "briefings article cache"
_FORMAT = 2


class ContributionCache:
    """Checked articles by path and key, loaded from and saved beside the generated folder.

    The file is JSON Lines: a header naming the environment, then one line per article,
    ``["path","key"]``, a tab, and the checked article as plaindata writes it. (JSON text never
    holds a raw tab.) Lines of unchanged articles are written back as they were read, so a
    build that adds one article encodes one."""

    def __init__(self, folder: Path, environment: str, root: Path | None = None):
        """``root``: the project's folder. The articles' paths in the cache are its files;
        a cache written where the project was before (another checkout, a CI runner's
        workspace) is read as if written here."""
        self.file = folder / CACHE_FILE
        self.environment = environment
        self.root = str(root) if root is not None else ""
        self.entries: dict[str, tuple[str, object]] = {}
        self.used: dict[str, tuple[str, object]] = {}
        self.note: str | None = None  # why the file on disk could not be used
        self._lines: dict[str, tuple[str, str]] = {}  # each entry's key and stored line
        # Each article's key, by the status of its files, while this process runs (serve).
        self.article_keys = ArticleKeys()

    def load(self) -> ContributionCache:
        """The entries of the last build, if it was made in the same environment. A file that
        is not such a cache is ignored (every article is checked again) and ``note`` says why."""
        self.entries, self._lines, self.note = {}, {}, None
        try:
            with open(self.file, encoding="utf-8", newline="\n") as stream:
                environment, root = _header(stream.readline())
                if environment != self.environment:
                    return self  # another version of the code, templates or entities
                moved = _Moved(root, self.root)
                # A collection pass over a hundred thousand fresh objects costs more than the
                # loading itself; nothing loaded here forms a cycle.
                with collector_paused():
                    for number, line in enumerate(stream, start=2):
                        line = moved(line)
                        name, key, contribution = _entry(line, number)
                        self.entries[name] = (key, contribution)
                        self._lines[name] = (key, line.rstrip("\n"))
        except FileNotFoundError:
            pass  # the first build
        except (OSError, ValueError) as error:
            self.entries, self._lines = {}, {}
            reason = error.strerror if isinstance(error, OSError) else str(error)
            self.note = (f"{self.file} is not an article cache this version of briefings can "
                         f"read ({reason}); it is ignored and every article is checked again")
        return self

    def get(self, path: Path, key: str | None):
        found = self.entries.get(str(path))
        return found[1] if found is not None and key is not None and found[0] == key else None

    def keep(self, path: Path, key: str | None, contribution) -> None:
        if key is not None:
            self.used[str(path)] = (key, contribution)

    def renewed(self) -> ContributionCache:
        """This cache as the next build in the same process finds it."""
        if self.used:
            self.entries, self.used = self.used, {}
        return self

    def save(self) -> None:
        """Write the entries of this build (so deleted articles leave the cache too)."""
        if self.used.keys() == self.entries.keys() and all(
                self.entries[name][0] == key for name, (key, _) in self.used.items()):
            return
        lines = {}
        for name, (key, contribution) in sorted(self.used.items()):
            stored = self._lines.get(name)
            if stored is not None and stored[0] == key:
                lines[name] = stored
                continue
            try:
                lines[name] = (key, json.dumps([name, key]) + "\t" + plaindata.dumps(contribution))
            except plaindata.Unstorable:
                continue  # that article is checked again next time
        header = json.dumps({"cache": _MAGIC, "format": _FORMAT, "environment": self.environment,
                             **({"root": self.root} if self.root else {})})
        text = "".join(f"{line}\n" for line in [header, *(line for _, line in lines.values())])
        write_atomically(self.file, text.encode("utf-8"))
        self._lines = lines


def _header(line: str) -> tuple[str, str]:
    """The environment and project folder the cache was written in; ValueError if it is no
    cache of ours."""
    try:
        header = json.loads(line)
    except ValueError:
        header = None
    if not isinstance(header, dict) or header.get("cache") != _MAGIC:
        raise ValueError("not a briefings article cache")
    if header.get("format") != _FORMAT:
        raise ValueError(f"written in format {header.get('format')!r}, this version reads "
                         f"{_FORMAT}")
    root = header.get("root")
    return str(header.get("environment")), root if isinstance(root, str) else ""


class _Moved:
    """A cache line as if written in the project's present folder: the files it names (the
    line's own name and the article's path, the only paths the data holds) are moved from
    the folder the cache was written in. Only text that starts a path is touched: an article
    quoting the old folder's name keeps its words."""

    def __init__(self, written_in: str, now_in: str):
        self.replacements_due = bool(written_in and now_in and written_in != now_in)
        if self.replacements_due:
            old, new = (json.dumps(folder.rstrip(os.sep) + os.sep)[:-1]
                        for folder in (written_in, now_in))
            self.start, self.start_now = "[" + old, "[" + new
            self.path, self.path_now = '{"p":' + old, '{"p":' + new

    def __call__(self, line: str) -> str:
        if not self.replacements_due:
            return line
        if line.startswith(self.start):
            line = self.start_now + line[len(self.start):]
        # Inside JSON text a quote is escaped: '{"p":"' can only be a path's own tag.
        return line.replace(self.path, self.path_now)


def _entry(line: str, number: int) -> tuple[str, str, Contribution]:
    """One line of the cache: the article's file, its key, and what checking it gave."""
    where, _, data = line.partition("\t")
    try:
        name, key = json.loads(where)
    except (ValueError, TypeError):
        name = key = None
    if not (isinstance(name, str) and isinstance(key, str)):
        raise ValueError(f"line {number} does not start with a file and a key")
    contribution = plaindata.loads(data)
    if not isinstance(contribution, Contribution):
        raise ValueError(f"line {number} holds no checked article")
    return name, key, contribution
