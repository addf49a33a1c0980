"""Writing the generated folder: only what changed, stale files removed, never outside it.

The folder carries a manifest of what we wrote. Its presence is how we know the folder is
ours: the generator refuses to write into a non-empty folder without one, and only files it
lists are ever removed.
"""

from __future__ import annotations

import itertools
import json
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

MANIFEST = ".briefings-manifest.json"
_BINARY = getattr(os, "O_BINARY", 0)  # Windows would otherwise translate line ends


class OutputRefused(Exception):
    """The output folder is not one we may write to."""


@dataclass
class Changes:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    # What the touched files held before (None: they did not exist), to undo a failed build.
    before: dict[str, bytes | None] = field(default_factory=dict, repr=False)

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


def _relative(path: str) -> PurePosixPath:
    relative = PurePosixPath(path)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise OutputRefused(f"refusing to write {path!r}: outside the output folder")
    return relative


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
            stream.write(data)
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


def write_tree(folder: Path, project_root: Path, files: dict[str, bytes],
               keys: dict[str, str] | None = None) -> Changes:
    """Make ``folder`` hold exactly ``files``, touching only those whose bytes differ.

    ``keys`` gives the inputs key of each page; a page listed there but not in ``files`` was
    not rendered because its inputs are unchanged, and its file is kept as it is."""
    check_target(folder, project_root)
    keys = keys or {}
    relatives = {name: _relative(name) for name in files}
    kept = set(keys) - set(files)
    changes = Changes(unchanged=len(kept))
    folder.mkdir(parents=True, exist_ok=True)
    folders: set[Path] = set()
    for name in sorted(files):
        target = folder.joinpath(*relatives[name].parts)
        data = files[name]
        try:
            old = target.read_bytes()
        except FileNotFoundError:
            old = None
        if old == data:
            changes.unchanged += 1
            continue
        (changes.added if old is None else changes.changed).append(name)
        changes.before[name] = old
        if old is None:
            _write_new(target, data, folders)
        else:
            write_atomically(target, data)
    for name in sorted(set(previous_manifest(folder)) - set(files) - kept):
        try:
            target = folder.joinpath(*_relative(name).parts)
        except OutputRefused:
            continue
        if target.is_file():
            changes.before[name] = target.read_bytes()
            target.unlink()
            changes.removed.append(name)
            _remove_empty_parents(target.parent, folder)
    manifest = json.dumps({"generator": "briefings", "files": sorted(set(files) | kept),
                           "keys": dict(sorted(keys.items()))}, indent=0) + "\n"
    manifest_path = folder / MANIFEST
    old_manifest = manifest_path.read_bytes() if manifest_path.exists() else None
    if old_manifest != manifest.encode("utf-8"):
        changes.before[MANIFEST] = old_manifest
        write_atomically(manifest_path, manifest.encode("utf-8"))
    return changes


def undo(folder: Path, changes: Changes) -> None:
    """Put back what ``write_tree`` changed, so a failed build leaves the folder as it was."""
    for name, old in changes.before.items():
        target = folder.joinpath(*_relative(name).parts)
        if old is None:
            target.unlink(missing_ok=True)
            _remove_empty_parents(target.parent, folder)
        else:
            write_atomically(target, old)


def _remove_empty_parents(folder: Path, top: Path) -> None:
    while folder != top and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
