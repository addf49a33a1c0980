"""The article cache is plain JSON data: what a build checked comes back equal, and reading it
can make nothing but the generator's own records."""

from __future__ import annotations

import copy
import dataclasses
import json
import multiprocessing
import os
import pickle
import time
import typing
from pathlib import Path

import pytest

from generator.build import _saving_the_cache, check, load_project
from generator.content.dates import PartialDate, Period
from generator.engine.cores import JobsAside
from generator.engine.problems import Problem
from generator.knowledge import plaindata
from generator.knowledge.article_cache import ContributionCache
from generator.knowledge.linking import Contribution
from generator.knowledge.model import Citation, Event, Figure
from tests.conftest import copy_project, write_small_project


def _checked(root):
    cache = ContributionCache(root / "build", "test")
    check(load_project(root), cache=cache)
    return {name: contribution for name, (_, contribution) in cache.used.items()}


def _same(back, made, where="contribution"):
    """``back`` is ``made``: the same types all the way down (a tuple is no list, 12 no
    12.0), fields that equality leaves out included."""
    assert type(back) is type(made), f"{where}: {type(back).__name__}, not {type(made).__name__}"
    if dataclasses.is_dataclass(made):
        for field in dataclasses.fields(made):
            _same(getattr(back, field.name), getattr(made, field.name), f"{where}.{field.name}")
    elif isinstance(made, (tuple, list)):
        assert len(back) == len(made), where
        for number, (one, other) in enumerate(zip(back, made, strict=True)):
            _same(one, other, f"{where}[{number}]")
    elif isinstance(made, dict):
        assert list(back) == list(made), where
        for key in made:
            _same(back[key], made[key], f"{where}[{key!r}]")
    else:
        assert back == made, where


def test_every_checked_sample_article_comes_back_the_same(tmp_path):
    contributions = _checked(copy_project(tmp_path / "sample", with_content=True))
    assert len(contributions) > 10
    assert any(c.events and c.figures and c.quotes and c.relation_claims
               for c in contributions.values())
    for name, contribution in contributions.items():
        _same(plaindata.loads(plaindata.dumps(contribution), Contribution), contribution, name)


def test_problems_and_reminders_come_back_too(tmp_path):
    root = write_small_project(tmp_path / "site")
    annotation = root / "content" / "articles" / "2025-test.yml"
    annotation.write_text(annotation.read_text(encoding="utf-8")
                          + "people:\n  - id: nobody-known\n    evidence: Tokayev\n"
                          + "topics:\n  - id: middle-corridor\n    draft: true\n"
                          + "    evidence: transport\n", encoding="utf-8")
    [contribution] = _checked(root).values()
    assert contribution.problems and contribution.reminders
    _same(plaindata.loads(plaindata.dumps(contribution), Contribution), contribution)


def test_tuples_numbers_and_paths_keep_their_kind(tmp_path):
    citation = Citation("a", 2, "q")
    event = Event(PartialDate(2025, 6), "meeting", "verbal cooperation", "Talks", ("KZ", "TR"),
                  citation, differing=((PartialDate(2025, 5), citation),), tone=3,
                  origin=("content/articles/a.yml", 3), status_change=("ally", "partner"))
    figures = [Figure("gdp", ("KZ",), value, "USD bn", "", citation) for value in (12, 12.5)]
    contribution = Contribution(tmp_path / "a.md", events=[event], figures=figures)
    back = plaindata.loads(plaindata.dumps(contribution), Contribution)
    _same(back, contribution)
    assert isinstance(back.source, Path) and hash(back.events[0]) == hash(event)
    assert back.events[0].sources == (citation,)  # what the record works out as it is made
    assert [type(figure.value) for figure in back.figures] == [int, float]


_CITATION = '{"article": "a", "paragraph": 2, "quote": "q"}'
_EVENT = ('{"date": {"year": 2025, "month": 6}, "kind": "meeting", "event_class": "verbal",'
          ' "title": "Talks", "actors": %s, "citation": ' + _CITATION + '}')


def test_a_checked_article_is_read_from_its_fields():
    data = '{"source": "a.md", "events": [' + _EVENT % '["KZ", "TR"]' + ']}'
    back = plaindata.loads(data, Contribution)
    assert back.source == Path("a.md") and back.events[0].actors == ("KZ", "TR")
    assert back.events[0].citation == Citation("a", 2, "q") and back.article is None


@pytest.mark.parametrize("data", [
    '{"source": 3}',  # a path that is not text
    '{"events": []}',  # the source missing
    '{"source": "a.md", "events": [' + _EVENT % '"KZ"' + ']}',  # a tuple that is text
    '{"source": "a.md", "events": [' + _EVENT % '{"t": ["KZ", "TR"]}' + ']}',
    '{"source": "a.md", "events": [' + _EVENT % 'null' + ']}',
    '{"source": "a.md", "events": [{"kind": "meeting"}]}',  # fields missing
    '{"source": "a.md", "events": [["@Popen", ["touch", "/tmp/x"]]]}',
    '{"source": "a.md", "article": {"@Popen": [["touch", "/tmp/x"]]}}',
    '{"source": "a.md", "mentions": [{"kind": "country", "ref": "KZ", "citation":'
    ' {"article": "a", "paragraph": "2", "quote": "q"}}]}',  # a number that is text
    '{"source": "a.md", "figures": [{"metric": "gdp", "actors": ["KZ"], "value": true,'
    ' "unit": "", "bound": "", "citation": ' + _CITATION + '}]}',
    '{"source": "a.md", "problems": [{"file": "a"}]}',
    '[]',
    '"a.md"',
    "[" * 100_000 + "]" * 100_000,
    "\x80\x04not json",
    b'{"source": "a\xff.md"}',  # not UTF-8
])
def test_anything_else_is_refused(data):
    with pytest.raises(plaindata.Unreadable):
        plaindata.loads(data, Contribution)


def test_data_is_read_from_text_and_from_bytes():
    citation = Citation("a", 2, "quoted words ‘here’")
    data = plaindata.dumps(citation)
    assert plaindata.loads(data, Citation) == citation
    assert plaindata.loads(data.decode("utf-8"), Citation) == citation


def test_a_value_of_another_kind_is_not_stored():
    with pytest.raises(plaindata.Unstorable):
        plaindata.dumps([Problem("a", 1, "f", "m"), object()])
    with pytest.raises(plaindata.Unstorable):
        plaindata.dumps(Contribution(Path("a.md"), problems=[Problem("a", 1, "f", "m")],
                                     reminders=[1j]))


def _records(kind, found=None) -> dict[str, type]:
    """Every record a checked article can hold, by name: the dataclasses its fields'
    declared types name, and theirs."""
    found = {} if found is None else found
    if dataclasses.is_dataclass(kind) and kind.__name__ not in found:
        found[kind.__name__] = kind
        for declared in typing.get_type_hints(kind).values():
            _records(declared, found)
    for inner in typing.get_args(kind):
        _records(inner, found)
    return found


def test_every_record_comes_back_the_same():
    records = _records(Contribution)
    assert {"Article", "Block", "Event", "Figure", "PartialDate", "Problem"} <= set(records)
    for name, cls in records.items():
        made = _example(cls)
        _same(plaindata.loads(plaindata.dumps(made), cls), made, name)


def _kept_values(record) -> dict[str, object]:
    """What a record holds in slots, its fields and what it works out from them alike."""
    names = [name for cls in type(record).__mro__ for name in getattr(cls, "__slots__", ())]
    return {name: getattr(record, name) for name in names if hasattr(record, name)}


@pytest.mark.parametrize("again", [
    lambda record: plaindata.loads(plaindata.dumps(record), type(record)),
    lambda record: pickle.loads(pickle.dumps(record)),
    copy.copy, copy.deepcopy, dataclasses.replace])
def test_what_a_record_works_out_is_there_however_it_is_made_again(again):
    # Events and figures keep in slots what they work out as they are made (an event's
    # sort key, sources and parties; a figure's series): a record made again by msgspec,
    # pickle or copy must have them too, not only the fields.
    for name, cls in _records(Contribution).items():
        made = _example(cls)
        kept = _kept_values(made)
        back = again(made)
        assert back == made, name
        for slot, value in kept.items():
            if not slot.startswith("_"):  # kept once asked for (a date's text)
                assert getattr(back, slot) == value, f"{name}.{slot}"
    assert {"sort_key", "sources", "parties"} <= set(_kept_values(_example(Event)))


def test_the_records_made_by_the_hundred_thousand_have_no_dictionaries():
    # 920,000 records at 10,000 articles: msgspec gives each record that has an attribute
    # dictionary one of its own (hundreds of megabytes; see plaindata).
    records = _records(Contribution)
    many = {"Citation", "Mention", "Block", "RelationClaim", "Quote", "Assessment", "Problem",
            "Event", "Figure", "PartialDate"}
    assert many <= set(records)
    for name in many:
        back = plaindata.loads(plaindata.dumps(_example(records[name])), records[name])
        assert not hasattr(back, "__dict__"), name


def _example(cls):
    """A record of that type with every field it needs filled."""
    citation = Citation("a", 1, "q")
    date = PartialDate(2025)
    filled = {"str": "x", "int": 1, "float": 1.0, "int | float": 1, "bool": True,
              "PartialDate": date, "Citation": citation, "Period": Period(2025),
              "PartialDate | None": date, "Path": Path("a.md"),
              "tuple[str, ...]": ("KZ", "TR"), "tuple[str, str]": ("KZ", "TR")}
    values = {}
    for field in dataclasses.fields(cls):
        if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            values[field.name] = filled[str(field.type)]
    return cls(**values)


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
    assert json.loads(data)["source"].endswith("2025-test.md")
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
    monkeypatch.setattr(plaindata, "dumps", lambda value: encoded.append(value) or b"{}")
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


def _saved_then_one_article_added(tmp_path):
    """A project whose cache was saved, then a second article added: its folder, and the
    cache read back and used by a check of both articles."""
    root = write_small_project(tmp_path / "site")
    cache = ContributionCache(root / "build", "environment", root)
    check(load_project(root), cache=cache)
    cache.save()
    again = ContributionCache(root / "build", "environment", root).load()
    _add_second_article(root)
    check(load_project(root), cache=again)
    return root, again


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                    reason="generate saves the cache in a fork only where there is one")
def test_after_a_save_in_a_fork_the_next_save_here_writes_every_entry(tmp_path, monkeypatch):
    """generate saves the cache on the core that makes the data downloads, a fork of this
    process: where the new file holds each line is then unknown here (saved_elsewhere), so
    a later save here encodes every entry instead of copying lines from the file it read."""
    root, again = _saved_then_one_article_added(tmp_path)
    fork = multiprocessing.get_context("fork").Process(target=again.save)
    fork.start()
    fork.join()
    assert fork.exitcode == 0
    saved = ContributionCache(root / "build", "environment", root).load()
    assert saved.note is None and saved.entries == again.used and len(saved.entries) == 2
    again.saved_elsewhere()
    encoded = []
    real = plaindata.dumps
    monkeypatch.setattr(plaindata, "dumps", lambda value: encoded.append(value) or real(value))
    again.save()
    assert sorted(c.source.name for c in encoded) == ["2025-second.md", "2025-test.md"]
    last = ContributionCache(root / "build", "environment", root).load()
    assert last.note is None and last.entries == again.used


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                    reason="generate saves the cache in a fork only where there is one")
def test_a_save_on_the_other_core_is_finished_before_that_core_is_stopped(tmp_path,
                                                                          monkeypatch):
    """A build that fails stops its data downloads' process, which may be saving the cache:
    the save ends first, so the cache is whole and no temporary file is left behind."""
    root, again = _saved_then_one_article_added(tmp_path)
    saving = multiprocessing.get_context("fork").Event()
    real_save = ContributionCache.save

    def slow_save(cache):
        saving.set()
        time.sleep(1)  # the parent stops the process meanwhile
        real_save(cache)

    monkeypatch.setattr(ContributionCache, "save", slow_save)
    monkeypatch.setenv("BRIEFINGS_WORKERS", "2")
    jobs = JobsAside([_saving_the_cache(again)])
    process = jobs.process
    assert process is not None and saving.wait(10)
    jobs.stop()
    assert not process.is_alive()
    assert [path.name for path in (root / "build").iterdir() if path.name.startswith(".tmp")] \
        == []
    saved = ContributionCache(root / "build", "environment", root).load()
    assert saved.note is None and saved.entries == again.used and len(saved.entries) == 2


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
    root, again = _saved_then_one_article_added(tmp_path)
    real_replace, open_at_replace = os.replace, []

    def replace(source, target):
        open_at_replace.extend(fd for fd in os.listdir("/proc/self/fd")
                               if os.path.realpath(f"/proc/self/fd/{fd}") == str(target))
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    again.save()
    assert open_at_replace == []
    assert len(ContributionCache(root / "build", "environment", root).load().entries) == 2
