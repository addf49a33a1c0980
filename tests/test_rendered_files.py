"""Rendered files wait on disk, written by the worker that made them, and are moved into
place only when the whole build is made; a build that fails afterwards is undone from the old
versions kept aside on disk."""

from __future__ import annotations

import errno
import os

import pytest

from generator.engine import cores
from generator.engine.cores import map_on_cores
from generator.engine.output import UNDO_FOLDER, undo, write_tree
from generator.engine.rendered_files import OutputRefused, RenderedFiles


def tree(folder):
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_files_written_by_forked_workers_are_read_back_in_order(tmp_path, monkeypatch):
    monkeypatch.setattr(cores, "MINIMUM_ITEMS", 2)
    monkeypatch.setattr(cores, "usable_cores", lambda: 2)
    files = RenderedFiles(tmp_path / "build")
    parent = os.getpid()
    names = [f"pages/{number}.md" for number in range(200)]

    def render(name: str) -> str:
        return files.write(name, f"{name} made by {os.getpid() != parent}".encode())

    for name in map_on_cores(render, names):
        files.add(name)
    assert list(files) == names and len(files) == 200 and "pages/7.md" in files
    assert "pages/999.md" not in files
    assert files["pages/7.md"] == b"pages/7.md made by True"  # a worker wrote it
    files.discard()
    assert not (tmp_path / "build" / ".briefings-rendered").exists()


def test_a_name_that_leads_out_of_the_folder_is_refused(tmp_path):
    files = RenderedFiles(tmp_path / "build")
    for name in ("../escape.md", "/etc/passwd", ""):
        with pytest.raises(OutputRefused):
            files.put(name, b"x")
    assert not (tmp_path / "escape.md").exists()


def test_changed_files_are_moved_into_place_and_undone_from_disk(tmp_path):
    project = tmp_path / "project"
    docs = project / "build" / "docs"
    first = RenderedFiles(project / "build")
    for name, data in {"same.md": b"same", "changes.md": b"old", "goes.md": b"bye",
                       "deep/old.md": b"deep"}.items():
        first.put(name, data)
    write_tree(docs, project, first)
    first.discard()
    before = tree(docs)

    second = RenderedFiles(project / "build")
    for name, data in {"same.md": b"same", "changes.md": b"new", "deep/new.md": b"fresh"}.items():
        second.add(second.write(name, data))  # as a worker writes a page
    second.put("deep/old.md", b"deep")  # a small file held in memory
    assert second.waiting("deep/old.md") is None and second.waiting("same.md") is not None
    changes = write_tree(docs, project, second, undo_folder=project / "build" / UNDO_FOLDER)
    assert changes.added == ["deep/new.md"] and changes.changed == ["changes.md"]
    assert changes.removed == ["goes.md"] and changes.unchanged == 2
    assert (docs / "changes.md").read_bytes() == b"new"
    assert not second.path("changes.md").exists()  # moved, not copied
    assert second.path("same.md").exists()  # unchanged: left where it waited
    assert (docs / "same.md").stat().st_mtime_ns == before["same.md"][1]
    second.discard()

    undo(docs, changes)
    assert tree(docs) == before  # bytes and dates, the manifest included
    assert not (project / "build" / UNDO_FOLDER).exists()


def test_without_an_undo_folder_nothing_is_kept_aside(tmp_path):
    project = tmp_path / "project"
    docs = project / "build" / "docs"
    write_tree(docs, project, {"page.md": b"one"})
    changes = write_tree(docs, project, {"page.md": b"two"})
    assert changes.changed == ["page.md"] and changes.before == {}
    assert sorted(path.name for path in (project / "build").iterdir()) == ["docs"]


def test_a_write_that_fails_halfway_puts_the_folder_back(tmp_path, monkeypatch):
    """A full disk in the middle of writing: the files already moved into place are put
    back, so the folder is the last build's, not half of each."""
    project = tmp_path / "project"
    docs = project / "build" / "docs"
    write_tree(docs, project, {"a.md": b"a", "b.md": b"b", "c.md": b"c", "gone.md": b"g"})
    before = tree(docs)
    files = RenderedFiles(project / "build")
    for name, data in {"a.md": b"A", "b.md": b"B", "c.md": b"C", "new.md": b"N"}.items():
        files.add(files.write(name, data))
    real_replace, calls = os.replace, []

    def disk_full_at_the_third(source, target):
        calls.append(target)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", disk_full_at_the_third)
    with pytest.raises(OSError, match="No space left"):
        write_tree(docs, project, files, undo_folder=project / "build" / UNDO_FOLDER)
    assert tree(docs) == before
