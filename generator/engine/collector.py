"""Pausing Python's cycle collector while a build makes its long-lived objects.

Loading, linking and planning ten thousand articles make millions of objects that live until
the build ends. Each full pass of the collector walks all of them, and the passes come more
often the more there are: about five seconds of an incremental build at ten thousand
articles, for no garbage (these objects form no cycles that die). Paused, the collector
resumes afterwards and finds whatever did become garbage then.

What a paused block made is frozen on the way out (``gc.freeze``): the first pass after a
pause would otherwise walk every object the block made, once as young and again as older
(a second at ten thousand articles). Frozen objects are still freed when nothing refers to
them; only cycles among them wait, until ``release_frozen`` (a long-running ``serve`` calls
it before each rebuild, when the last build's objects are no longer needed).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused(freeze: bool = True) -> Iterator[None]:
    """No cycle collection inside the block; nested blocks leave it to the outermost.
    ``freeze``: False when what the block made is mostly garbage once it ends (serve's
    rebuilds), for the collector's first pass to take."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if freeze:
                gc.freeze()
            gc.enable()


def release_frozen() -> None:
    """Let the collector see again what earlier paused blocks froze."""
    gc.unfreeze()
