"""Generated files waiting on disk, not in memory, until the build puts them in place.

A build renders every page before it writes any, so that a template that fails leaves the
docs folder as it was. Held in memory until then, the rendered pages and the data downloads
of 10,000 articles took a gigabyte beside the knowledge base. Here each file is written once,
by the process that made it (a forked worker, mostly), into a folder of its own beside the
docs folder; ``write_tree`` then moves the changed ones into place (a rename on the same
disk) and the folder is removed.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath
from typing import BinaryIO

FOLDER = ".briefings-rendered"


class OutputRefused(Exception):
    """The output folder is not one we may write to."""


def relative_name(path: str) -> PurePosixPath:
    """A generated file's name as a path inside the output folder, refused if it leads out."""
    relative = PurePosixPath(path)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise OutputRefused(f"refusing to write {path!r}: outside the output folder")
    return relative


def clear_leftovers(build_folder: Path) -> None:
    """Remove what a build that was killed left waiting (call it holding the build lock)."""
    shutil.rmtree(build_folder / FOLDER, ignore_errors=True)


class RenderedFiles(Mapping[str, bytes]):
    """Files by their path inside the docs folder, each read from disk when asked for."""

    def __init__(self, build_folder: Path):
        """A new, empty folder under ``build_folder`` (beside the docs folder, so that moving
        a file into place is a rename)."""
        parent = build_folder / FOLDER
        parent.mkdir(parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix="build-", dir=parent))
        self._names: dict[str, None] = {}  # in the order they were added
        self._held: dict[str, bytes] = {}  # small files kept in memory (see put)

    def path(self, name: str) -> Path:
        return self.folder.joinpath(*relative_name(name).parts)

    def write(self, name: str, data: bytes) -> str:
        """Write one file; safe in a forked worker (the parent then calls ``add``)."""
        with self.open(name) as stream:
            stream.write(data)
        return name

    def open(self, name: str) -> BinaryIO:
        """A file to write in pieces (the parent then calls ``add``)."""
        target = self.path(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        return open(target, "wb")  # noqa: SIM115 - the caller closes it

    def add(self, name: str) -> None:
        """Count a file written by ``write`` (in this process or a worker) as one of these."""
        self._names[name] = None

    def put(self, name: str, data: bytes) -> None:
        """A small file made in this process, held in memory: the redirect pages and flags
        are thousands of files of a few hundred bytes, which a round trip through the disk
        would only slow down."""
        relative_name(name)
        self._held[name] = data
        self.add(name)

    def waiting(self, name: str) -> Path | None:
        """Where the file waits on disk; None if it is held in memory."""
        return None if name in self._held else self.path(name)

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __getitem__(self, name: str) -> bytes:
        if name not in self._names:
            raise KeyError(name)
        held = self._held.get(name)
        return held if held is not None else self.path(name).read_bytes()

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def discard(self) -> None:
        """Remove the folder and whatever is still in it."""
        shutil.rmtree(self.folder, ignore_errors=True)
        self._names.clear()
        self._held.clear()
        with contextlib.suppress(OSError):  # another build's files may still wait there
            self.folder.parent.rmdir()
