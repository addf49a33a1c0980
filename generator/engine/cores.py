"""Running independent work on every core the machine gives us.

Checking articles and rendering pages are each a map over thousands of independent items.
Worker processes are forked, so they start with the parent's registry, knowledge base and
compiled templates already in memory: only the items' indexes and the results cross the pipe.
Small jobs stay in the calling process, where a fork would cost more than it saves.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MINIMUM_ITEMS = 400  # below this a second process costs more than it saves
CHUNK = 64  # items per message: few enough round trips, even shares at the end

# The function the forked workers run and the items they run it on: set just before the
# fork, so that neither is ever pickled; only ranges of indexes are sent.
_job: Callable | None = None
_items: Sequence = ()


def usable_cores() -> int:
    """Cores this process may run on (a CI container often has fewer than the machine)."""
    try:
        count = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS has no affinity call
        count = os.cpu_count() or 1
    override = os.environ.get("BRIEFINGS_WORKERS", "")
    return max(1, int(override)) if override.isdigit() else count


@contextmanager
def _forking() -> Iterator[None]:
    """Around starting workers: a termination waits (blocked, not lost) in this thread, and
    so in the processes it forks and the threads it starts (a pool's, which fork the
    workers that replace those that end), until a new process has made terminations end it
    (_end_when_terminated)."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - no fork there either
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _end_when_terminated() -> None:
    """A forked process starts with its parent's handlers. serve's, once it is stopping,
    ignore terminations: a worker forked then outlived the pool's own termination, and
    serve waited for the pool for ever. So a worker ends at a termination, outright, as a
    new process does: no Python code runs (a handler can miss a signal that arrives just as
    it starts waiting for a lock, and wait for ever). Ctrl+C reaches the whole process group;
    it is left to the parent, which ends its workers. Then a termination held back while it
    was forked (_forking) reaches it."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})


def _run(bounds: tuple[int, int]) -> list:
    return [_job(item) for item in _items[bounds[0]:bounds[1]]]


def map_on_cores(job: Callable[[Item], Result], items: Sequence[Item]) -> Iterator[Result]:
    """``job`` applied to each item, in order; on forked workers when that pays off."""
    global _job, _items
    workers = min(usable_cores(), -(-len(items) // CHUNK))
    if workers < 2 or len(items) < MINIMUM_ITEMS or "fork" not in \
            multiprocessing.get_all_start_methods():
        yield from (job(item) for item in items)
        return
    chunks = [(start, start + CHUNK) for start in range(0, len(items), CHUNK)]
    _job, _items = job, items
    # Objects that exist before the fork are left to the parent's collector: a child that
    # scanned them would touch, and so copy, every page of the knowledge base.
    gc.freeze()
    try:
        with _forking():
            pool = multiprocessing.get_context("fork").Pool(
                workers, initializer=_end_when_terminated)
        with pool:  # leaving early (an error, Ctrl+C) terminates the workers
            for results in pool.imap(_run, chunks):
                yield from results
            pool.close()  # all done: the workers end of themselves, no signal needed
            pool.join()
    finally:
        _job, _items = None, ()
        gc.unfreeze()


class Aside:
    """A job started on another core (a forked process, so nothing is pickled but its
    result), while this process goes on with other work. ``result()`` waits for it. Where
    there is one core or no fork, or when the job fails there, it runs here instead, so that
    its result and its errors are the same either way."""

    def __init__(self, job: Callable[[], Result], worth_it: bool = True):
        self.job = job
        self.process = None
        if not worth_it or usable_cores() < 2 or \
                "fork" not in multiprocessing.get_all_start_methods():
            return
        context = multiprocessing.get_context("fork")
        self.receiver, sender = context.Pipe(duplex=False)

        def run() -> None:
            _end_when_terminated()
            try:
                sender.send((True, job()))
            except BaseException:  # the parent runs it again and sees the error itself
                sender.send((False, None))

        gc.freeze()  # as in map_on_cores: the child must not copy the parent's heap
        try:
            self.process = context.Process(target=run, daemon=True)
            with _forking():
                self.process.start()
        finally:
            gc.unfreeze()
        sender.close()

    def result(self) -> Result:
        if self.process is None:
            return self.job()
        try:
            done, value = self.receiver.recv()
        except (EOFError, OSError):  # the child died
            done, value = False, None
        finally:
            self.stop()
        return value if done else self.job()

    def stop(self) -> None:
        """End the job if it still runs (the caller no longer needs it)."""
        if self.process is not None:
            self.receiver.close()
            if self.process.is_alive():
                self.process.terminate()
            self.process.join()
            self.process = None
