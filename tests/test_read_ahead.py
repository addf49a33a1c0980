"""Reading and hashing the articles ahead while the cache loads: every article file is asked
for, the keys the helper works out are the build's own and are used only while the files are
as they were, and no helper outlives the step it ran beside (the build forks its workers
after it)."""

from __future__ import annotations

import multiprocessing

import pytest

from generator.engine import incremental, read_ahead
from generator.engine.incremental import ArticleKeys, article_key


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
    with read_ahead.reading_ahead(folder, ArticleKeys()):
        pass
    assert multiprocessing.active_children() == []
    with pytest.raises(RuntimeError), read_ahead.reading_ahead(folder, ArticleKeys()):
        raise RuntimeError("the cache could not be loaded")
    assert multiprocessing.active_children() == []


def test_a_missing_folder_is_no_error(tmp_path):
    with read_ahead.reading_ahead(tmp_path / "missing", ArticleKeys()):
        pass
    assert multiprocessing.active_children() == []


# Keys are worked out ahead by a forked helper; elsewhere a thread only reads the files.
forking = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                             reason="no fork here")


@forking
def test_the_keys_worked_out_ahead_are_the_articles_own(tmp_path, monkeypatch):
    folder = _articles(tmp_path / "articles")
    # Files count as settled at once (a status change time cannot be set back).
    monkeypatch.setattr(incremental, "SETTLING_SECONDS", -1)
    keys = ArticleKeys()
    with read_ahead.reading_ahead(folder, keys):
        pass
    known = keys.known()
    assert sorted(known) == [folder / "a.md", folder / "b.md"]  # not sub/c.md, not notes.txt
    for path, (_, key) in known.items():
        assert key == article_key(path)
    hashed = []
    monkeypatch.setattr(incremental, "article_key",
                        lambda path: hashed.append(path) or article_key(path))
    assert keys(folder / "a.md") == article_key(folder / "a.md")
    assert hashed == []  # taken from the helper, not read again
    # Changed since the helper hashed it: its status tells, and it is hashed again.
    (folder / "b.yml").write_text("countries: [KZ]", encoding="utf-8")
    assert keys(folder / "b.md") == article_key(folder / "b.md")
    assert hashed == [folder / "b.md"]


@forking
def test_a_file_saved_a_moment_ago_is_left_to_the_build(tmp_path, monkeypatch):
    """Its status could stay the same through a second save in the same clock tick."""
    folder = _articles(tmp_path / "articles")
    monkeypatch.setattr(incremental, "SETTLING_SECONDS", 3600)
    keys = ArticleKeys()
    with read_ahead.reading_ahead(folder, keys):
        pass
    assert keys.known() == {}


def test_a_failed_helper_leaves_the_hashing_to_the_build(tmp_path, monkeypatch, capfd):
    folder = _articles(tmp_path / "articles")
    monkeypatch.setattr(incremental, "SETTLING_SECONDS", -1)

    def broken(self, path):
        raise RuntimeError("cannot hash")

    monkeypatch.setattr(ArticleKeys, "__call__", broken)  # in the helper, forked after this
    keys = ArticleKeys()
    with read_ahead.reading_ahead(folder, keys):
        pass
    assert keys.known() == {}
    assert multiprocessing.active_children() == []
    assert "Traceback" not in capfd.readouterr().err
