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

# The function the forked workers run and the items they run it on, and how a result is
# packed to cross the pipe: set just before the fork, so that none is ever pickled; only
# ranges of indexes are sent.
_job: Callable | None = None
_items: Sequence = ()
_pack: Callable | None = None


def usable_cores() -> int:
    """Cores this process may run on (a CI container often has fewer than the machine)."""
    try:
        count = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS has no affinity call
        count = os.cpu_count() or 1
    override = os.environ.get("BRIEFINGS_WORKERS", "")
    return max(1, int(override)) if override.isdigit() else count


@contextmanager
def _terminations_held() -> Iterator[None]:
    """A termination that arrives during the block waits (blocked, not lost) in this thread,
    and in the processes it forks meanwhile, until the block ends."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - no fork there either
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextmanager
def _forking() -> Iterator[None]:
    """Around starting workers: a termination waits in this thread, and so in the processes
    it forks and the threads it starts (a pool's, which fork the workers that replace those
    that end), until a new process has made terminations end it (_end_when_terminated)."""
    with _terminations_held():
        yield


@contextmanager
def whole_before_termination() -> Iterator[None]:
    """In a process forked here (a JobsAside's, whose parent stops it when the build fails),
    a termination that arrives during the block ends the process only once the block is
    done: a file it writes is then whole, not a temporary file left behind. Elsewhere,
    nothing is held."""
    if multiprocessing.parent_process() is None:
        yield
        return
    with _terminations_held():
        yield


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
    results = [_job(item) for item in _items[bounds[0]:bounds[1]]]
    return results if _pack is None else [_pack(result) for result in results]


def map_on_cores(job: Callable[[Item], Result], items: Sequence[Item],
                 pack: Callable[[Result], object] | None = None) -> Iterator[Result]:
    """``job`` applied to each item, in order; on forked workers when that pays off.
    ``pack``: what a worker sends back instead of each result, when it is cheaper to send
    than the pickled result (the caller then receives it as it is, and unpacks it); results
    made in this process are never packed."""
    global _job, _items, _pack
    workers = min(usable_cores(), -(-len(items) // CHUNK))
    if workers < 2 or len(items) < MINIMUM_ITEMS or "fork" not in \
            multiprocessing.get_all_start_methods():
        yield from (job(item) for item in items)
        return
    chunks = [(start, start + CHUNK) for start in range(0, len(items), CHUNK)]
    _job, _items, _pack = job, items, pack
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
        _job, _items, _pack = None, (), None
        gc.unfreeze()


class JobsAside:
    """Jobs run one after another on another core (a forked process, so nothing is pickled
    but their results), in order, while this process goes on. ``results()`` then runs here,
    from the last one back, the jobs that core has not started yet, beside the one it is
    running: at the end neither core waits idle while the other has a job left. Where there
    is one core or no fork, every job runs here; a job that fails there runs again here, so
    that the results and the errors are the same either way.

    The two cores claim jobs under a lock, the other from the front, this one from the back,
    so that no job runs twice (each writes its own files)."""

    def __init__(self, jobs: Sequence[Callable[[], Result]], worth_it: bool = True):
        self.jobs = list(jobs)
        self.process = None
        if not worth_it or not self.jobs or usable_cores() < 2 or \
                "fork" not in multiprocessing.get_all_start_methods():
            return
        context = multiprocessing.get_context("fork")
        self.receiver, sender = context.Pipe(duplex=False)
        # The jobs not yet claimed: those from ``front`` (the other core's next) to ``back``.
        self.lock = context.Lock()
        self.front, self.back = context.RawValue("i", 0), context.RawValue("i", len(self.jobs))
        jobs, front, back, lock = self.jobs, self.front, self.back, self.lock

        def run() -> None:
            _end_when_terminated()
            while True:
                with lock:
                    number = front.value
                    if number >= back.value:
                        break
                    front.value = number + 1
                try:
                    sender.send((number, True, jobs[number]()))
                except BaseException:  # the parent runs it again and sees the error itself
                    sender.send((number, False, None))

        gc.freeze()  # as in map_on_cores: the child must not copy the parent's heap
        try:
            self.process = context.Process(target=run, daemon=True)
            with _forking():
                self.process.start()
        finally:
            gc.unfreeze()
        sender.close()

    def _claim_last(self) -> int | None:
        """The last job neither core has started, now this one's; None when there is none.
        Should the other core die holding the lock, its jobs are all run here."""
        while not self.lock.acquire(timeout=1):
            if not self.process.is_alive():
                return None
        try:
            if self.front.value >= self.back.value:
                return None
            self.back.value -= 1
            return self.back.value
        finally:
            self.lock.release()

    def results(self) -> list[Result]:
        """Every job's result, in the jobs' order."""
        if self.process is None:
            return [job() for job in self.jobs]
        done: dict[int, Result] = {}
        try:
            while (number := self._claim_last()) is not None:
                done[number] = self.jobs[number]()
            # The other core's jobs: every one this core did not claim.
            awaited = set(range(len(self.jobs))) - set(done)
            while awaited:
                try:
                    number, ran, value = self.receiver.recv()
                except (EOFError, OSError):  # the child died
                    break
                awaited.discard(number)
                if ran:
                    done[number] = value
        finally:
            self.stop()
        for number, job in enumerate(self.jobs):
            if number not in done:
                done[number] = job()
        return [done[number] for number in range(len(self.jobs))]

    def stop(self) -> None:
        """End the jobs still running on the other core (the caller no longer needs them)."""
        if self.process is not None:
            self.receiver.close()
            if self.process.is_alive():
                self.process.terminate()
            self.process.join()
            self.process = None

