"""Writing the generated folder: only what changed, stale files removed, never outside it.

The folder carries a manifest of what we wrote. Its presence is how we know the folder is
ours: the generator refuses to write into a non-empty folder without one, and only files it
lists are ever removed.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import json
import os
import shutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from .rendered_files import OutputRefused, RenderedFiles, relative_name

MANIFEST = ".briefings-manifest.json"
UNDO_FOLDER = ".briefings-undo"
_BINARY = getattr(os, "O_BINARY", 0)  # Windows would otherwise translate line ends


@dataclass
class Changes:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    # To undo a failed build: where each touched file's old version was put aside (None: it
    # did not exist). On disk, not in memory: a build that changes every page of ten
    # thousand articles would otherwise hold the whole old folder.
    before: dict[str, Path | None] = field(default_factory=dict, repr=False)
    undo_folder: Path | None = field(default=None, repr=False)

    def put_aside(self, name: str, target: Path, existed: bool, move: bool = False) -> None:
        """Keep the old version of ``target`` until the build stands (a link to it where the
        system allows, so nothing is copied); ``move``: it is being removed."""
        if self.undo_folder is None:
            return
        if not existed:
            self.before[name] = None
            return
        kept = self.undo_folder.joinpath(*relative_name(name).parts)
        kept.parent.mkdir(parents=True, exist_ok=True)
        if move:
            shutil.move(target, kept)
        else:
            try:
                os.link(target, kept)
            except OSError:  # no hard links here (or another disk): a copy
                shutil.copy2(target, kept)
        self.before[name] = kept

    def settle(self) -> None:
        """The build stands: the old versions are no longer needed."""
        if self.undo_folder is not None:
            shutil.rmtree(self.undo_folder, ignore_errors=True)
        self.before.clear()

    def touched(self) -> list[str]:
        """The files written: added or changed."""
        return [*self.added, *self.changed]

    def summary(self) -> str:
        return (f"{len(self.added)} added, {len(self.changed)} changed, "
                f"{len(self.removed)} removed, {self.unchanged} unchanged")


def forbidden_targets(project_root: Path) -> list[Path]:
    return [Path("/"), Path.home(), project_root, project_root / "content",
            project_root / "templates", project_root / "generator", project_root / "tests"]


def check_target(folder: Path, project_root: Path) -> None:
    """Raise OutputRefused unless ``folder`` is a place the generator may own."""
    target = folder.resolve()
    root = project_root.resolve()
    for forbidden in forbidden_targets(root):
        if target == forbidden.resolve():
            raise OutputRefused(f"refusing to write generated files into {folder}: "
                                "set docs_dir in mkdocs.yml to a folder of its own, e.g. build/docs")
    if target in root.parents or (root / "content").resolve() in (target, *target.parents):
        raise OutputRefused(f"refusing to write generated files into {folder}: it holds the "
                            "project or its content")
    if target.exists() and not target.is_dir():
        raise OutputRefused(f"{folder} exists and is not a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / MANIFEST).is_file():
        raise OutputRefused(f"refusing to write into {folder}: it was not created by briefings "
                            f"(no {MANIFEST}); empty it or choose another docs_dir")


def _write_new(target: Path, data: bytes, folders: set[Path]) -> None:
    """A file that did not exist: nothing can read a half-old version, so no temporary copy
    (which costs three system calls more for each of ten thousand pages)."""
    if target.parent not in folders:
        target.parent.mkdir(parents=True, exist_ok=True)
        folders.add(target.parent)
    with open(target, "wb") as stream:
        stream.write(data)


def write_atomically(target: Path, data: bytes) -> None:
    """Replace a file so that a reader sees the old bytes or the new ones, never a mix, and
    an interrupted write leaves the old file in place."""
    with replacing(target) as stream:
        stream.write(data)


@contextmanager
def replacing(target: Path) -> Iterator[BinaryIO]:
    """A file to write in pieces that replaces ``target`` as write_atomically does, when the
    block ends without an error (else ``target`` is left as it was)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for attempt in itertools.count():
        temporary = target.parent / f".tmp-{os.getpid()}-{attempt}-{target.name}"
        try:
            # Created like any new file (0o666 less the umask, which the system applies), so
            # published files are readable; O_EXCL: never someone else's file.
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o666)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _manifest(folder: Path) -> dict:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def previous_manifest(folder: Path) -> list[str]:
    files = _manifest(folder).get("files", [])
    return [str(path) for path in files] if isinstance(files, list) else []


def previous_keys(folder: Path) -> dict[str, str]:
    """The inputs key of each page the last build wrote (see incremental.py)."""
    keys = _manifest(folder).get("keys", {})
    return {str(k): str(v) for k, v in keys.items()} if isinstance(keys, dict) else {}


def write_tree(folder: Path, project_root: Path, files: Mapping[str, bytes],
               keys: dict[str, str] | None = None, undo_folder: Path | None = None) -> Changes:
    """Make ``folder`` hold exactly ``files``, touching only those whose bytes differ.

    ``keys`` gives the inputs key of each page; a page listed there but not in ``files`` was
    not rendered because its inputs are unchanged, and its file is kept as it is. Files
    waiting on disk (RenderedFiles) are moved into place, not copied. ``undo_folder``: where
    the old versions of the files it replaces or removes are kept for ``undo`` (it is
    emptied first); then, if writing fails halfway, the folder is put back as it was.
    Without it, none are kept."""
    check_target(folder, project_root)
    keys = keys or {}
    relatives = {name: relative_name(name) for name in files}
    kept = set(keys) - set(files)
    if undo_folder is not None:
        shutil.rmtree(undo_folder, ignore_errors=True)
    changes = Changes(unchanged=len(kept), undo_folder=undo_folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        folders: set[Path] = set()
        for name in sorted(files):
            target = folder.joinpath(*relatives[name].parts)
            waiting = files.waiting(name) if isinstance(files, RenderedFiles) else None
            existed = target.exists()
            if existed and _same(target, waiting or files[name]):
                changes.unchanged += 1
                continue
            (changes.changed if existed else changes.added).append(name)
            changes.put_aside(name, target, existed=existed)
            if waiting is not None and _moved(waiting, target, folders):
                continue
            data = files[name]
            if not existed:
                _write_new(target, data, folders)
            else:
                write_atomically(target, data)
        for name in sorted(set(previous_manifest(folder)) - set(files) - kept):
            try:
                target = folder.joinpath(*relative_name(name).parts)
            except OutputRefused:
                continue
            if target.is_file():
                changes.put_aside(name, target, existed=True, move=True)
                target.unlink(missing_ok=True)
                changes.removed.append(name)
                _remove_empty_parents(target.parent, folder)
        manifest = json.dumps({"generator": "briefings", "files": sorted(set(files) | kept),
                               "keys": dict(sorted(keys.items()))}, indent=0) + "\n"
        manifest_path = folder / MANIFEST
        old_manifest = manifest_path.read_bytes() if manifest_path.exists() else None
        if old_manifest != manifest.encode("utf-8"):
            changes.put_aside(MANIFEST, manifest_path, existed=old_manifest is not None)
            write_atomically(manifest_path, manifest.encode("utf-8"))
    except BaseException:
        # Disk full, or the build stopped: what was written so far is put back too.
        if undo_folder is not None:
            with contextlib.suppress(OSError):  # the first error is the one to report
                undo(folder, changes)
        raise
    return changes


def _same(target: Path, new: bytes | Path) -> bool:
    """Whether ``target`` holds ``new``: bytes, or a file waiting on disk, compared a piece
    at a time (a data download is 120 MB at 10,000 articles)."""
    if isinstance(new, bytes):
        return target.read_bytes() == new
    waiting = new
    if target.stat().st_size != waiting.stat().st_size:
        return False
    with open(target, "rb") as old, open(waiting, "rb") as new:
        while True:
            piece = old.read(1 << 20)
            if piece != new.read(1 << 20):
                return False
            if not piece:
                return True


def _moved(source: Path, target: Path, folders: set[Path]) -> bool:
    """Rename a waiting file into place (what a reader sees is the old file or the new one);
    False where that cannot be done (another disk), so the caller writes it."""
    if target.parent not in folders:
        target.parent.mkdir(parents=True, exist_ok=True)
        folders.add(target.parent)
    try:
        os.replace(source, target)
    except OSError as error:
        if error.errno == errno.EXDEV:
            return False
        raise
    return True


def undo(folder: Path, changes: Changes) -> None:
    """Put back what ``write_tree`` changed, so a failed build leaves the folder as it was."""
    for name, old in changes.before.items():
        target = folder.joinpath(*relative_name(name).parts)
        if old is None:
            target.unlink(missing_ok=True)
            _remove_empty_parents(target.parent, folder)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.replace(old, target)
            except OSError:  # another disk
                write_atomically(target, old.read_bytes())
    changes.settle()


def _remove_empty_parents(folder: Path, top: Path) -> None:
    while folder != top and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
