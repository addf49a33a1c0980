"""Reading the articles ahead while the cache loads: every article file is asked for, and no
helper outlives the step it ran beside (the build forks its workers after it)."""

from __future__ import annotations

import multiprocessing

import pytest

from generator.engine import read_ahead


def _articles(folder):
    folder.mkdir()
    for stem in ("a", "b"):
        (folder / f"{stem}.md").write_text("text", encoding="utf-8")
        (folder / f"{stem}.yml").write_text("countries: []", encoding="utf-8")
    (folder / "notes.txt").write_text("not an article", encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "c.md").write_text("not directly in the folder", encoding="utf-8")
    return folder


def test_every_article_file_is_asked_for(tmp_path, monkeypatch):
    folder = _articles(tmp_path / "articles")
    asked = []
    monkeypatch.setattr(read_ahead, "_ask_for", asked.append)
    read_ahead._read_ahead(str(folder))
    assert sorted(asked) == sorted(str(folder / name)
                                   for name in ("a.md", "a.yml", "b.md", "b.yml"))


def test_a_file_that_cannot_be_read_is_left_to_the_hashing(tmp_path):
    read_ahead._ask_for(str(tmp_path / "gone.md"))  # no error: hashing reports it


def test_no_helper_is_left_when_the_step_ends(tmp_path):
    folder = _articles(tmp_path / "articles")
    with read_ahead.reading_ahead(folder):
        pass
    assert multiprocessing.active_children() == []
    with pytest.raises(RuntimeError), read_ahead.reading_ahead(folder):
        raise RuntimeError("the cache could not be loaded")
    assert multiprocessing.active_children() == []


def test_a_missing_folder_is_no_error(tmp_path):
    with read_ahead.reading_ahead(tmp_path / "missing"):
        pass
    assert multiprocessing.active_children() == []
