"""Bringing the articles' files into memory while the process is busy with something else.

Every build hashes all the articles to find the changed ones (engine/incremental.article_key).
On a runner that has just restored the previous build from its cache, those 20,000 small
files at ten thousand articles may no longer be in memory, and reading them one after the
other takes 3 to 5 seconds of waiting on the disk. Loading the cache of checked articles, the
step just before, is as long and keeps the processor busy. So while it loads, a forked
process asks the system to read the files ahead (``posix_fadvise``, which only queues the
reads). Not a thread: the loading holds the interpreter's lock for milliseconds at a time,
and a thread that needs it for each of 20,000 files hardly moves. Nothing is taken from what
the helper does: the hashing reads the files as before, only from memory, with the same
results. Where there is no fork, a thread does what it can.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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


def _read_ahead(folder: str, stop: threading.Event | None = None) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if stop is not None and stop.is_set():
            return
        if entry.name.endswith((".md", ".yml")):
            _ask_for(entry.path)


@contextmanager
def reading_ahead(folder: Path) -> Iterator[None]:
    """Files directly in ``folder`` are read ahead while the body runs. On the way out the
    helper is stopped, so that none is left when the build forks its workers."""
    if "fork" in multiprocessing.get_all_start_methods():
        helper = multiprocessing.get_context("fork").Process(
            target=_read_ahead, args=(str(folder),), daemon=True, name="briefings-read-ahead")
        helper.start()
        try:
            yield
        finally:
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
