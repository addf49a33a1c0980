"""The articles' keys worked out while the process is busy with something else.

Every build hashes all the articles to find the changed ones (engine/incremental.article_key):
20,000 small files at ten thousand articles, 1.3 s when they are in memory. On a runner that
has just restored the previous build from its cache they may not be, and reading them one
after the other takes 3 to 5 seconds of waiting on the disk. Loading the cache of checked
articles, the step just before, takes longer than either and keeps the processor busy. So
while it loads, a forked process asks the system to read the files ahead (``posix_fadvise``,
which only queues the reads, so the disk takes them in its own order), then works out each
article's key with an ArticleKeys of its own and sends back what that remembers: the key of
every settled pair of files with their statuses. The build adopts them, and its ArticleKeys
uses each one only while the files' statuses are still what they were, as serve's does from
one regeneration to the next; any other file (one saved a moment ago, a link) is hashed as
before. Not a thread: the loading holds the interpreter's lock for milliseconds at a time,
and a thread that needs it for each of 20,000 files hardly moves. Where there is no fork, a
thread only reads the files ahead.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .incremental import ArticleKeys

_ADVICE = getattr(os, "POSIX_FADV_WILLNEED", None)


def _ask_for(path: str) -> None:
    try:
        with open(path, "rb") as stream:
            if _ADVICE is not None:
                os.posix_fadvise(stream.fileno(), 0, 0, _ADVICE)
            else:  # pragma: no cover - macOS and Windows
                while stream.read(1 << 16):
                    pass
    except OSError:
        pass  # hashing will report or skip what cannot be read


def _read_ahead(folder: str, stop: threading.Event | None = None) -> list[Path]:
    """Every article and annotation file directly in ``folder`` asked for; the articles
    returned (not links: their keys are never remembered). Which files the build takes as
    articles is for it to say (content/sources): a key worked out for any other is unused."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    articles = []
    for entry in entries:
        if stop is not None and stop.is_set():
            return []
        if entry.name.endswith((".md", ".yml")):
            _ask_for(entry.path)
            if entry.name.endswith(".md") and not entry.name.startswith(".") \
                    and not entry.is_symlink():
                articles.append(Path(entry.path))
    return articles


def _hash_ahead(folder: str, sender) -> None:
    """The forked helper: the files read ahead, then the articles' keys sent back."""
    try:
        keys = ArticleKeys()
        for path in _read_ahead(folder):
            keys(path)
        sender.send(keys.known())
    except BaseException:  # noqa: BLE001 - the build hashes every file itself instead
        pass


@contextmanager
def reading_ahead(folder: Path, keys: ArticleKeys) -> Iterator[None]:
    """The articles directly in ``folder`` read and hashed ahead while the body runs; once it
    has run, ``keys`` adopts what the helper found. On the way out the helper is stopped, so
    that none is left when the build forks its workers."""
    if "fork" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        helper = context.Process(target=_hash_ahead, args=(str(folder), sender), daemon=True,
                                 name="briefings-read-ahead")
        helper.start()
        sender.close()
        try:
            yield
            try:  # usually there already: loading the cache takes longer
                keys.adopt(receiver.recv())
            except (EOFError, OSError):
                pass  # the helper failed: every file is hashed here
        finally:
            receiver.close()
            if helper.is_alive():
                helper.terminate()
            helper.join()
        return
    stop = threading.Event()  # pragma: no cover - Windows
    reader = threading.Thread(target=_read_ahead, args=(str(folder), stop), daemon=True,
                              name="briefings-read-ahead")
    reader.start()
    try:
        yield
    finally:
        stop.set()
        reader.join()
