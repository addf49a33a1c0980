"""A build that reuses the last one's work writes exactly what a cold build writes.

Each step edits the sample content the way an editor would, regenerates the same project
(reusing checked articles and unchanged pages), and compares every file with a cold
generate of the same content in a fresh folder. Long lists are cut short so that the
archive pages, whose parts shift as items arrive, are exercised too.
"""

from __future__ import annotations

import ast
import json
import os
import random
import re
import shutil
import sys
import time
from importlib import metadata

import pytest

from generator.engine import incremental
from generator.site import archives
from tests.conftest import REPO, copy_project

sys.path.insert(0, str(REPO / "benchmarks"))
from make_corpus import country_names, make_article  # noqa: E402


def _tree(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _add_article(root, number: int) -> str:
    slug, article, annotation = make_article(number, random.Random(number), country_names())
    folder = root / "content" / "articles"
    (folder / f"{slug}.md").write_text(article, encoding="utf-8")
    (folder / f"{slug}.yml").write_text(annotation, encoding="utf-8")
    return slug


def _replace(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _append_person(root, ident: str = "ada-newcomer") -> None:
    with (root / "content" / "entities" / "people.yml").open("a", encoding="utf-8") as stream:
        stream.write(f"\n- id: {ident}\n  name: Ada Newcomer\n  role: Minister\n"
                     "  country: KZ\n")


def _kz_tr(root):
    return next((root / "content" / "articles").glob("*kazakhstan-turkiye*.yml"))


EDITS = {
    "add an article": lambda root: _add_article(root, 501),
    "add another in the same year": lambda root: _add_article(root, 502),
    "change a relation's stance": lambda root: _replace(
        _kz_tr(root), "stance: cooperative", "stance: mixed"),
    "retitle an article": lambda root: _replace(
        _kz_tr(root).with_suffix(".md"), "title: ", "title: Retitled — "),
    # One no brief cites: removing an article a brief quotes is an error, as for any evidence.
    "remove an article": lambda root: [
        path.unlink() for path in sorted((root / "content" / "articles").glob(
            "2025-azerbaijan-turkiye-alliance-trade-defence.*"))],
    # The other article's 2024 values of the series become older: its page must say so.
    "a newer value of a series another article gives": lambda root: _replace(
        root / "content" / "articles" / "2026-china-central-asia-treaty-khorgos.yml",
        "    period: 2024\n    evidence: put two-way trade",
        "    period: 2025\n    evidence: put two-way trade"),
    # The SCO's page lists the China–Kazakhstan relation with its latest label, which an
    # article that does not name the SCO gives.
    "relabel a relation an organisation frames": lambda root: _replace(
        root / "content" / "articles" / "2026-china-central-asia-treaty-khorgos.yml",
        "  - actors: [CN, KZ]\n    label: permanent", "  - actors: [CN, KZ]\n    label: lasting"),
    "rename a person": lambda root: _replace(
        root / "content" / "entities" / "people.yml", "name: ", "name: Dr "),
    # Articles whose entries are unchanged are not checked again: these must show regardless.
    "add a person no article names": lambda root: _append_person(root),
    # The pages of articles and relations count only the entries their articles name: these
    # are named by some of them (see test_named_entries.py).
    "give a named person a new role": lambda root: _replace(
        root / "content" / "entities" / "people.yml", "role: President of Kazakhstan",
        "role: Head of State of Kazakhstan"),
    "rename an organisation articles name": lambda root: _replace(
        root / "content" / "entities" / "organisations.yml",
        "name: Organization of Turkic States", "name: Organisation of Turkic States"),
    "rename a topic": lambda root: _replace(
        root / "content" / "entities" / "topics.yml", "name: Middle Corridor",
        "name: Trans-Caspian Middle Corridor"),
    "turn a status relations have hostile": lambda root: _replace(
        root / "content" / "entities" / "statuses.yml", "name: alliance\n  score: 9",
        "name: alliance\n  score: -8"),
    # The Azerbaijan–Russia article's change to crisis (June 2025) now follows a status another
    # article gives (strained, December 2024): every page listing the change must name it.
    "a status between two another article gives": lambda root: _replace(
        root / "content" / "articles" / "2025-kazakhstan-turkiye-strategic-ties.yml",
        "  - actors: [KZ, RU]\n",
        "  - actors: [AZ, RU]\n    status: strained\n    as_of: 2024-12\n"
        "    evidence: Kazakhstan remains tied to Russia\n  - actors: [KZ, RU]\n"),
    # Kazakhstan–Russia turned deteriorating in December 2024 after an unchanged November. An
    # accord in November, told by an article with nothing in December, makes November
    # improving: December's page must say what the trend was before.
    "an act in the month before a trend flip": lambda root: _replace(
        root / "content" / "articles" / "2025-middle-corridor-freight-volumes.yml",
        "events:\n",
        "events:\n  - date: 2024-11-20\n    kind: agreement\n    title: A transit accord\n"
        "    actors: [RU, KZ]\n    evidence: Its November 2023 report\n"),
    # Kazakhstan–Türkiye became an enhanced strategic partnership in May 2022, told by the
    # partnership-history article. Another article's statement dating that status to 2020
    # makes May 2022 no change: May's page of what changed drew on that change alone, and
    # must drop it though it shows nothing of the article that moved it.
    "date a status earlier than another article's change to it": lambda root: _replace(
        root / "content" / "articles" / "2025-kazakhstan-turkiye-strategic-ties.yml",
        "    as_of: 2025-07  # the visit to Ankara the article reports (28-29 July 2025)\n"
        "    evidence: Officials on both sides",
        "    as_of: 2020-12\n    evidence: Officials on both sides"),
    "edit a template": lambda root: _replace(
        root / "templates" / "country.md.j2", "{% block body %}", "{% block body %}\n"),
}


@pytest.fixture
def short_lists(monkeypatch):
    monkeypatch.setattr(archives, "LATEST", 3)
    monkeypatch.setattr(archives, "PART", 4)


def test_each_edit_regenerates_what_a_cold_build_would(tmp_path, run, short_lists):
    project = copy_project(tmp_path / "project", with_content=True)
    assert run(project, "--quiet", "generate").code == 0
    assert any("/20" in name for name in _tree(project / "build" / "docs"))  # archive parts
    for step, (name, edit) in enumerate(EDITS.items()):
        edit(project)
        before = _tree(project / "build" / "docs")
        result = run(project, "generate")
        assert result.code == 0, f"{name}: {result.out}{result.err}"
        after = _tree(project / "build" / "docs")
        cold = tmp_path / f"cold-{step}"
        shutil.copytree(project, cold, ignore=shutil.ignore_patterns("build"))
        assert run(cold, "--quiet", "generate").code == 0
        expected = _tree(cold / "build" / "docs")
        assert after.keys() == expected.keys(), name
        different = [path for path in expected if after[path] != expected[path]]
        assert not different, f"{name}: differs from a cold build: {different[:5]}"
        # Only what changed was written, and the summary says how much that was.
        touched = {path for path in after if before.get(path) != after[path]}
        touched |= before.keys() - after.keys()
        touched.discard(".briefings-manifest.json")
        counts = re.search(r"(\d+) added, (\d+) changed, (\d+) removed", result.out)
        assert sum(int(n) for n in counts.groups()) == len(touched), name


def _checked(output: str) -> int:
    return int(re.search(r"checking articles: (\d+) in", output).group(1))


def test_an_entity_edit_checks_again_only_the_articles_that_name_what_changed(tmp_path, run):
    project = copy_project(tmp_path / "project", with_content=True)
    articles = len(list((project / "content" / "articles").glob("*.md")))
    assert _checked(run(project, "-v", "generate").out) == articles
    # A person no article names yet: no article is checked again.
    _append_person(project)
    assert _checked(run(project, "-v", "generate").out) == 0
    # A status's score sets the stance of every statement that gives it and no stance: the
    # articles naming that status are checked again, and only those.
    naming = [path for path in (project / "content" / "articles").glob("*.yml")
              if "status: alliance" in path.read_text(encoding="utf-8")]
    assert 0 < len(naming) < articles
    EDITS["turn a status relations have hostile"](project)
    assert _checked(run(project, "-v", "generate").out) == len(naming)


def test_removing_an_entry_an_article_names_brings_its_problem_back(tmp_path, run):
    project = copy_project(tmp_path / "project", with_content=True)
    assert run(project, "--quiet", "generate").code == 0
    people = project / "content" / "entities" / "people.yml"
    original = people.read_text(encoding="utf-8")
    kept, gone = original.split("\n- id: abdullah-gul\n")
    people.write_text(kept + "\n" + gone.split("\n\n", 1)[-1] if "\n\n" in gone else kept,
                      encoding="utf-8")
    failed = run(project, "generate")
    assert failed.code == 1
    assert "unknown person 'abdullah-gul'" in failed.out + failed.err
    people.write_text(original, encoding="utf-8")
    assert run(project, "--quiet", "generate").code == 0


def test_a_kept_check_with_a_problem_is_made_again_after_any_entity_edit(tmp_path):
    """serve keeps the checked articles between builds, problems included: a problem's hint
    may draw on any entry, so an entity edit checks that article again."""
    from generator import build as pipeline

    root = copy_project(tmp_path / "project", with_content=True)
    article = root / "content" / "articles" / "2025-kazakhstan-turkiye-partnership-history.yml"
    _replace(article, "people:\n", "people:\n  - id: ada-newcomr\n"
             "    evidence: The Nakhchivan Agreement of 3 October\n")
    project = pipeline.load_project(root)
    cache = pipeline.open_cache(project)
    knowledge, problems = pipeline.check(project, cache=cache)
    assert "unknown person 'ada-newcomr'" in str(problems.sorted())
    assert "did you mean" not in str(problems.sorted())
    # The misspelt id still names nothing, but the hint now has an entry to point to.
    cache = pipeline.open_cache(project, kept=cache)  # as serve's next build does
    _append_person(root, "ada-newcomer")
    knowledge, problems = pipeline.check(project, cache=cache)
    assert "did you mean 'ada-newcomer'?" in str(problems.sorted())


def test_an_unchanged_rerun_renders_only_the_pages_that_draw_on_everything(tmp_path, run):
    project = copy_project(tmp_path / "project", with_content=True)
    assert run(project, "--quiet", "generate").code == 0
    result = run(project, "--verbose", "generate")
    assert "checking articles: 0 in" in result.out
    rendered = int(re.search(r"writing pages: (\d+) in", result.out).group(1))
    total = sum(1 for _ in (project / "build" / "docs").rglob("*.md"))
    assert 0 < rendered <= 10 < total


def test_entities_whose_articles_are_unchanged_are_not_planned_again(tmp_path, run):
    project = copy_project(tmp_path / "project", with_content=True)
    assert run(project, "--quiet", "generate").code == 0
    expected = _tree(project / "build" / "docs")
    result = run(project, "--verbose", "generate")
    entities = int(re.search(r"reusing the pages of (\d+) entities", result.out).group(1))
    assert entities > 50
    # A damaged or foreign record of the plans: every page is planned, with the same result.
    plans = project / "build" / ".briefings-plans.json"
    site_wide = json.loads(plans.read_text(encoding="utf-8"))["site wide"]
    for damage in ("{not json", '{"site wide": 1, "units": []}', '{"units": {"x": 1}}',
                   json.dumps({"site wide": site_wide, "units": {
                       "countries/kazakhstan": 1, "countries/turkiye": {"signature": "x"},
                       "countries/georgia": {"signature": "x", "pages": [1]}}})):
        plans.write_text(damage, encoding="utf-8")
        result = run(project, "--verbose", "generate")
        assert result.code == 0, result.err
        assert "reusing the pages of" not in result.out
        assert _tree(project / "build" / "docs") == expected


def test_a_damaged_cache_means_a_cold_build(tmp_path, run):
    project = copy_project(tmp_path / "project", with_content=True)
    assert run(project, "--quiet", "generate").code == 0
    expected = _tree(project / "build" / "docs")
    cache = project / "build" / ".briefings-cache"
    header = cache.read_bytes().split(b"\n")[0]
    for damaged in (b"not a cache", header + b"\n[[1, 2]", header + b"\n[" + b"\0" * 40,
                    header.replace(b'"format": 2', b'"format": 1') + b"\n[]"):
        cache.write_bytes(damaged)
        _replace(_kz_tr(project), "stance: cooperative", "stance: mixed")
        _replace(_kz_tr(project), "stance: mixed", "stance: cooperative")
        result = run(project, "--verbose", "generate")
        assert result.code == 0
        assert "reusing" not in result.out.split("checking articles")[0]
        assert _tree(project / "build" / "docs") == expected
        # Said once, plainly: which file, and that it costs only time.
        [note] = [line for line in result.err.splitlines() if line.startswith("note:")]
        assert ".briefings-cache is not an article cache" in note
        assert "every article is checked again" in note
        assert "Traceback" not in result.err


def test_a_cache_from_another_version_is_said_to_be_why_all_is_checked(tmp_path, run):
    """After an upgrade of briefings or its libraries the cache is of no use: the build says
    so, once, rather than being slow without a word."""
    project = copy_project(tmp_path / "project", with_content=True)
    assert run(project, "--quiet", "generate").code == 0
    expected = _tree(project / "build" / "docs")
    cache = project / "build" / ".briefings-cache"
    header, rest = cache.read_bytes().split(b"\n", 1)
    fields = json.loads(header)
    fields["environment"] = "another version"
    cache.write_bytes(json.dumps(fields).encode() + b"\n" + rest)
    result = run(project, "--quiet", "generate")
    assert result.code == 0
    [note] = [line for line in result.err.splitlines() if line.startswith("note:")]
    assert ".briefings-cache was written by another version of briefings" in note
    assert "every article is checked again" in note
    assert _tree(project / "build" / "docs") == expected
    again = run(project, "--quiet", "generate")  # the cache written now is this version's
    assert again.code == 0 and "note:" not in again.err


class _Planted:
    """What a poisoned cache could hold: unpickling it would create a file."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_cache_restored_from_elsewhere_cannot_run_code(tmp_path, run):
    """CI restores the cache from a shared store: reading it must only ever read data."""
    import pickle

    project = copy_project(tmp_path / "project", with_content=True)
    assert run(project, "--quiet", "generate").code == 0
    expected = _tree(project / "build" / "docs")
    marker = tmp_path / "code-ran"
    planted = {"environment": None, "entries": _Planted(marker)}
    (project / "build" / ".briefings-cache").write_bytes(pickle.dumps(planted))
    result = run(project, "generate")
    assert result.code == 0
    assert not marker.exists()
    assert "is not an article cache" in result.err
    assert _tree(project / "build" / "docs") == expected


def test_a_cache_that_cannot_be_written_costs_time_not_the_build(tmp_path, run):
    project = copy_project(tmp_path / "project", with_content=True)
    (project / "build" / ".briefings-cache").mkdir(parents=True)  # a folder: cannot replace
    result = run(project, "generate")
    assert result.code == 0
    assert "warning: cannot save" in result.err
    assert (project / "build" / "docs" / "countries" / "kazakhstan.md").is_file()


# Libraries the generator imports that cannot change the Markdown it writes: the live server's
# file watcher, progress bars, the builders run after it, text extraction for `new`, the lock.
_NOT_OUTPUT = {"watchdog", "tqdm", "mkdocs", "pagefind", "trafilatura", "filelock"}


def test_every_library_that_shapes_output_is_in_the_environment_key():
    distributions = metadata.packages_distributions()
    imported = set()
    for module in (REPO / "generator").rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    def normal(name: str) -> str:  # distribution names compare as PEP 503 says
        return re.sub(r"[-_.]+", "-", name).lower()

    third_party = {normal(name) for top in imported - set(sys.stdlib_module_names)
                   if top != "generator" for name in distributions.get(top, [top])}
    keyed = {normal(name) for name in incremental.OUTPUT_LIBRARIES}
    assert third_party - keyed - _NOT_OUTPUT == set()
    # and nothing is keyed that the generator does not use (a stale entry hides a missing one)
    assert keyed - third_party == set()



def _article_pair(folder, text="a"):
    folder.mkdir(parents=True, exist_ok=True)
    article = folder / "2025-one.md"
    article.write_text(f"---\ntitle: One\n---\n\n{text}\n", encoding="utf-8")
    article.with_suffix(".yml").write_text(f"countries: [{text}]\n", encoding="utf-8")
    return article


def _counting_reads(monkeypatch) -> list:
    reads = []
    real = incremental.article_key

    def counted(path):
        reads.append(path)
        return real(path)

    monkeypatch.setattr(incremental, "article_key", counted)
    return reads


def _clock(ahead: float):
    """The time ``ahead`` seconds from now, as ArticleKeys reads it."""
    return lambda: time.time_ns() + int(ahead * 1_000_000_000)


@pytest.mark.skipif(not incremental.STATUS_TELLS_EVERY_CHANGE,
                    reason="on Windows every article is read every time")
def test_serve_reads_a_settled_unchanged_article_once_and_sees_every_change(
        tmp_path, monkeypatch):
    reads = _counting_reads(monkeypatch)
    article = _article_pair(tmp_path)
    keys = incremental.ArticleKeys(now=_clock(60))  # the files have settled by then
    first = keys(article)
    assert first == incremental.article_key(article)
    reads.clear()
    assert keys(article) == first and reads == []
    # The same size and modification time as before: the change time still tells.
    annotation = article.with_suffix(".yml")
    status = annotation.stat()
    annotation.write_text("countries: [b]\n", encoding="utf-8")
    os.utime(annotation, ns=(status.st_atime_ns, status.st_mtime_ns))
    changed = keys(article)
    assert reads == [article] and changed != first
    assert changed == incremental.article_key(article)
    # A new annotation file beside an article that had none is seen too.
    annotation.unlink()
    without = keys(article)
    annotation.write_text("countries: [c]\n", encoding="utf-8")
    assert keys(article) not in (without, changed)


def test_a_file_changed_within_the_settling_time_is_read_every_time(tmp_path, monkeypatch):
    """A change in the same tick of the file system's clock as the read would leave the
    status as it was: a key is remembered only for files changed a while ago."""
    reads = _counting_reads(monkeypatch)
    article = _article_pair(tmp_path)
    keys = incremental.ArticleKeys(now=_clock(incremental.SETTLING_SECONDS / 2))
    keys(article)
    keys(article)
    assert reads == [article, article]


def test_where_a_status_may_hide_a_change_every_article_is_read_every_time(
        tmp_path, monkeypatch):
    """On Windows the status holds the creation time, not the time of the last change."""
    monkeypatch.setattr(incremental, "STATUS_TELLS_EVERY_CHANGE", False)
    reads = _counting_reads(monkeypatch)
    article = _article_pair(tmp_path)
    keys = incremental.ArticleKeys(now=_clock(60))
    keys(article)
    keys(article)
    assert reads == [article, article]


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32",
                    reason="symbolic links need privileges on Windows")
def test_a_linked_article_is_read_every_time(tmp_path, monkeypatch):
    """Where a link points can change without the link's own status changing."""
    reads = _counting_reads(monkeypatch)
    target = _article_pair(tmp_path / "elsewhere")
    article = tmp_path / "articles" / "2025-one.md"
    article.parent.mkdir()
    article.symlink_to(target)
    article.with_suffix(".yml").symlink_to(target.with_suffix(".yml"))
    keys = incremental.ArticleKeys(now=_clock(60))
    first = keys(article)
    target.with_suffix(".yml").write_text("countries: [z]\n", encoding="utf-8")
    assert keys(article) != first and len(reads) == 2
