"""Telling the user how long work is going: a bar in a terminal, plain lines in CI logs.

Short work says nothing; only phases over ``LONG`` items report progress, so that a small
site's output stays two lines while a ten-thousand-article build is never silent for long.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from tqdm import tqdm

Item = TypeVar("Item")
QUIET, NORMAL, VERBOSE = 0, 1, 2
LONG = 300  # items: below this a phase takes well under a second
PLAIN_STEPS = 10  # lines per long phase when the output is a log, not a terminal


class Progress:
    def __init__(self, level: int = NORMAL):
        self.level = level

    @property
    def terminal(self) -> bool:
        return sys.stderr.isatty()

    def say(self, message: str, level: int = NORMAL) -> None:
        """Results and phases go to standard output; bars, which only a terminal shows, to
        standard error."""
        if self.level >= level:
            print(message, flush=True)

    def warn(self, message: str) -> None:
        """Something the reader should know that does not stop the build: shown at every
        level, quiet included, on standard error like problems."""
        print(f"warning: {message}", file=sys.stderr, flush=True)

    def track(self, items: Iterable[Item], total: int, label: str) -> Iterator[Item]:
        """Yield the items, reporting progress on long phases (and every phase in verbose)."""
        started = time.monotonic()
        if self.level == QUIET or (total < LONG and self.level < VERBOSE):
            yield from items
        elif self.terminal:
            yield from tqdm(items, total=total, desc=label, unit="", file=sys.stderr,
                            leave=False, dynamic_ncols=True)
        else:
            step = max(1, total // PLAIN_STEPS)
            for done, item in enumerate(items, start=1):
                yield item
                if done % step == 0 or done == total:
                    self.say(f"{label}: {done}/{total}")
        if self.level >= VERBOSE:
            self.say(f"{label}: {total} in {time.monotonic() - started:.2f} s", VERBOSE)

    @contextmanager
    def phase(self, label: str) -> Iterator[None]:
        """Time a step that has no items to count; verbose output says how long it took, so
        that anyone can see where a slow build spends its time."""
        started = time.monotonic()
        yield
        self.say(f"{label}: {time.monotonic() - started:.2f} s", VERBOSE)
