"""The article cache is plain JSON data: what a build checked comes back equal, and reading it
can make nothing but the generator's own records."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator.build import check, load_project
from generator.content.dates import PartialDate
from generator.engine.problems import Problem
from generator.knowledge import plaindata
from generator.knowledge.article_cache import ContributionCache
from generator.knowledge.model import Citation, Event
from tests.conftest import copy_project, write_small_project


def _checked(root):
    cache = ContributionCache(root / "build", "test")
    check(load_project(root), cache=cache)
    return {name: contribution for name, (_, contribution) in cache.used.items()}


def test_every_checked_sample_article_comes_back_equal(tmp_path):
    contributions = _checked(copy_project(tmp_path / "sample", with_content=True))
    assert len(contributions) > 10
    for name, contribution in contributions.items():
        assert plaindata.loads(plaindata.dumps(contribution)) == contribution, name


def test_problems_and_reminders_come_back_too(tmp_path):
    root = write_small_project(tmp_path / "site")
    annotation = root / "content" / "articles" / "2025-test.yml"
    annotation.write_text(annotation.read_text(encoding="utf-8")
                          + "people:\n  - id: nobody-known\n    evidence: Tokayev\n"
                          + "topics:\n  - id: middle-corridor\n    draft: true\n"
                          + "    evidence: transport\n", encoding="utf-8")
    [contribution] = _checked(root).values()
    assert contribution.problems and contribution.reminders
    assert plaindata.loads(plaindata.dumps(contribution)) == contribution


def test_tuples_mappings_and_paths_keep_their_kind(tmp_path):
    citation = Citation("a", 2, "q")
    event = Event(PartialDate(2025, 6), "meeting", "verbal cooperation", "Talks", ("KZ", "TR"),
                  citation, differing=((PartialDate(2025, 5), citation),),
                  origin=("content/articles/a.yml", 3))
    value = [event, {"name": "Desk", ("KZ", "TR"): [1.5, None, True]}, tmp_path / "a.md"]
    back = plaindata.loads(plaindata.dumps(value))
    assert back == value
    assert isinstance(back[0].actors, tuple) and isinstance(back[0].differing[0], tuple)
    assert hash(back[0]) == hash(event)


@pytest.mark.parametrize("data", [
    '{"@Popen": [["touch", "/tmp/x"]]}',  # not one of ours
    '{"@__main__.Anything": []}',
    '{"@Citation": ["a", 2]}',  # a field missing
    '{"@Citation": {"article": "a"}}',
    '{"t": [1], "p": "x"}',  # two kinds at once
    '{"t": [1], "t": [2]}',  # one kind twice: which would it be?
    '{}',
    '{"plain": "object"}',
    '{"m": [[[1], 2]]}',  # a list cannot be a key
    '{"m": [[1]]}',
    '{"p": 3}',
    "[" * 100_000 + "]" * 100_000,
    "\x80\x04not json",
    b'{"t": [1, \xff]}',  # not UTF-8
])
def test_anything_else_is_refused(data):
    with pytest.raises(plaindata.Unreadable):
        plaindata.loads(data)


def test_a_records_tuple_fields_are_plain_lists_and_must_be():
    """A field a record declares a tuple is written as a plain list (no {"t": ...} object for
    the decoder to hand back to Python) and read back a tuple; anything else there is refused,
    and a tuple field that holds a list is not stored (it would come back a tuple)."""
    citation = Citation("a", 2, "q")
    event = Event(PartialDate(2025, 6), "meeting", "verbal cooperation", "Talks", ("KZ", "TR"),
                  citation, people=("someone",), origin=("content/articles/a.yml", 3))
    data = json.loads(plaindata.dumps(event))
    fields = data["@Event"]
    assert fields[4] == ["KZ", "TR"] and not any(isinstance(f, dict) and "t" in f for f in fields)
    back = plaindata.loads(json.dumps(data))
    assert back == event and isinstance(back.people, tuple) and isinstance(back.origin, tuple)
    for wrong in ("KZ", {"t": ["KZ", "TR"]}, None):
        fields[4] = wrong
        with pytest.raises(plaindata.Unreadable):
            plaindata.loads(json.dumps(data))
    with pytest.raises(plaindata.Unstorable):
        plaindata.dumps(Event(PartialDate(2025, 6), "meeting", "verbal cooperation", "Talks",
                              ["KZ", "TR"], citation))


def test_data_is_read_from_text_and_from_bytes():
    citation = Citation("a", 2, "quoted words ‘here’")
    text = plaindata.dumps(citation)
    assert plaindata.loads(text) == citation
    assert plaindata.loads(text.encode("utf-8")) == citation


def test_a_value_of_another_kind_is_not_stored():
    with pytest.raises(plaindata.Unstorable):
        plaindata.dumps([Problem("a", 1, "f", "m"), object()])
    with pytest.raises(plaindata.Unstorable):
        plaindata.dumps({1, 2})


def test_every_record_can_be_made_again_from_its_fields():
    """Records are made again from their fields in order: none may have a field that its
    constructor does not take."""
    for name, cls in plaindata.RECORDS.items():
        fields = cls.__dataclass_fields__.values()
        assert all(field.init for field in fields), name
        assert len(fields) > 1, f"{name}: a record of one field reads back as that field"


def test_the_cache_file_is_json_lines(tmp_path):
    root = write_small_project(tmp_path / "site")
    cache = ContributionCache(root / "build", "environment")
    check(load_project(root), cache=cache)
    cache.save()
    header, line, end = cache.file.read_text(encoding="utf-8").split("\n")
    assert json.loads(header)["environment"] == "environment" and end == ""
    where, data = line.split("\t")
    name, key = json.loads(where)
    assert name.endswith("2025-test.md") and len(key) == 32
    assert "@Contribution" in json.loads(data)
    again = ContributionCache(root / "build", "environment").load()
    assert again.note is None and again.entries == cache.used


def test_unchanged_articles_are_written_back_as_they_were_read(tmp_path, monkeypatch):
    root = write_small_project(tmp_path / "site")
    cache = ContributionCache(root / "build", "environment")
    check(load_project(root), cache=cache)
    cache.save()
    before = cache.file.read_bytes()
    articles = root / "content" / "articles"
    (articles / "2025-second.md").write_text(
        "---\ntitle: Second\ndate: 2025-06\npublication: Desk\nsummary: S.\n---\nText.\n",
        encoding="utf-8")
    encoded = []
    monkeypatch.setattr(plaindata, "dumps", lambda value: encoded.append(value) or "{}")
    again = ContributionCache(root / "build", "environment").load()
    check(load_project(root), cache=again)
    again.save()
    assert [c.source.name for c in encoded] == ["2025-second.md"]
    assert before.split(b"\n")[1] in cache.file.read_bytes().split(b"\n")


def test_a_project_moved_to_another_folder_reuses_its_checked_articles(tmp_path, monkeypatch):
    # CI restores the cache into a runner's workspace, which need not be where it was written.
    first = write_small_project(tmp_path / "first")
    cache = ContributionCache(first / "build", "environment", first)
    before, _ = check(load_project(first), cache=cache)
    cache.save()
    moved = tmp_path / "elsewhere" / "second"
    moved.parent.mkdir()
    first.rename(moved)
    import generator.build as build
    checked = []
    real = build.contribution_of_file
    monkeypatch.setattr(build, "contribution_of_file",
                        lambda path, *rest: checked.append(path) or real(path, *rest))
    again = ContributionCache(moved / "build", "environment", moved).load()
    after, problems = check(load_project(moved), cache=again)
    assert not problems and checked == []
    [(name, (_, contribution))] = again.used.items()
    assert name == str(moved / "content" / "articles" / "2025-test.md")
    assert contribution.source == moved / "content" / "articles" / "2025-test.md"
    assert [a.slug for a in after.articles.values()] == [a.slug for a in before.articles.values()]


def test_an_article_quoting_the_old_folder_keeps_its_words(tmp_path):
    first = write_small_project(tmp_path / "first")
    article = first / "content" / "articles" / "2025-test.md"
    quoted = json.dumps(str(first) + "/")[1:-1]
    article.write_text(article.read_text(encoding="utf-8").replace(
        "summary:", f'summary: "{quoted} is where it was." #', 1), encoding="utf-8")
    cache = ContributionCache(first / "build", "environment", first)
    before, _ = check(load_project(first), cache=cache)
    cache.save()
    moved = tmp_path / "second"
    first.rename(moved)
    again = ContributionCache(moved / "build", "environment", moved).load()
    after, _ = check(load_project(moved), cache=again)
    [summary] = [a.summary for a in after.articles.values()]
    assert summary == [a.summary for a in before.articles.values()][0]
    assert summary.startswith(str(first) + "/")


def _add_second_article(root) -> None:
    (root / "content" / "articles" / "2025-second.md").write_text(
        "---\ntitle: Second\ndate: 2025-06\npublication: Desk\nsummary: S.\n---\nText.\n",
        encoding="utf-8")


def test_lines_copied_after_a_move_name_the_new_folder(tmp_path):
    first = write_small_project(tmp_path / "first")
    cache = ContributionCache(first / "build", "environment", first)
    check(load_project(first), cache=cache)
    cache.save()
    moved = tmp_path / "second"
    first.rename(moved)
    _add_second_article(moved)
    again = ContributionCache(moved / "build", "environment", moved).load()
    check(load_project(moved), cache=again)
    again.save()
    assert str(first) not in again.file.read_text(encoding="utf-8")
    third = ContributionCache(moved / "build", "environment", moved).load()
    assert third.note is None and third.entries == again.used and len(third.entries) == 2


def test_a_cache_file_changed_since_it_was_read_is_written_whole_again(tmp_path):
    """Unchanged lines are copied from where the file held them when it was read; if the
    file is no longer that file, they are encoded again instead of copying other bytes."""
    root = write_small_project(tmp_path / "site")
    cache = ContributionCache(root / "build", "environment", root)
    check(load_project(root), cache=cache)
    cache.save()
    again = ContributionCache(root / "build", "environment", root).load()
    cache.file.write_bytes(b"x" * 10 + cache.file.read_bytes())  # every line moved along
    _add_second_article(root)
    check(load_project(root), cache=again)
    again.save()
    third = ContributionCache(root / "build", "environment", root).load()
    assert third.note is None and third.entries == again.used and len(third.entries) == 2
    cache.file.unlink()  # gone before the next save: written from memory
    again.used.pop(str(root / "content" / "articles" / "2025-test.md"))  # not as loaded
    again.save()
    fourth = ContributionCache(root / "build", "environment", root).load()
    assert fourth.note is None and fourth.entries == again.used and len(fourth.entries) == 1


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="lists open files in /proc")
def test_the_last_cache_file_is_closed_before_it_is_replaced(tmp_path, monkeypatch):
    """Windows refuses to replace a file that is open: the lines copied from the last cache
    are read from a file closed before the new one takes its place."""
    root = write_small_project(tmp_path / "site")
    cache = ContributionCache(root / "build", "environment", root)
    check(load_project(root), cache=cache)
    cache.save()
    again = ContributionCache(root / "build", "environment", root).load()
    _add_second_article(root)
    check(load_project(root), cache=again)
    real_replace, open_at_replace = os.replace, []

    def replace(source, target):
        open_at_replace.extend(fd for fd in os.listdir("/proc/self/fd")
                               if os.path.realpath(f"/proc/self/fd/{fd}") == str(target))
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    again.save()
    assert open_at_replace == []
    assert len(ContributionCache(root / "build", "environment", root).load().entries) == 2
