"""serve's preview: a saved article's page at once, and never left behind by the regeneration
that follows it (generator/preview.py)."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from watchdog.events import DirModifiedEvent, FileModifiedEvent, FileMovedEvent

from generator.build import BuildFailed, check, load_project
from generator.cli import main
from generator.preview import (
    deleted_articles,
    entities_saved,
    preview_articles,
    preview_saved,
    saved_articles,
)
from generator.serve import _Regenerate
from tests.conftest import dedent

ARTICLE = "content/articles/2025-test.md"
PAGE = "build/docs/articles/2025-test.md"


def _docs(root: Path) -> dict[str, bytes]:
    docs = root / "build" / "docs"
    return {path.relative_to(docs).as_posix(): path.read_bytes()
            for path in sorted(docs.rglob("*")) if path.is_file()}


def _generated(root: Path):
    """Generate; the project and its entities as serve keeps them."""
    assert main(["--project", str(root), "--quiet", "generate"]) == 0
    project = load_project(root)
    knowledge, problems = check(project)
    assert knowledge is not None, problems.sorted()
    return project, knowledge.registry


def _knowledge(project):
    """The knowledge base serve keeps from its last regeneration."""
    knowledge, problems = check(project)
    assert knowledge is not None, problems.sorted()
    return knowledge


def _assert_as_cold(root: Path, tmp_path: Path) -> None:
    """Nothing is left of a preview: the docs folder is what a cold generate makes."""
    cold = shutil.copytree(root, tmp_path / "cold", ignore=shutil.ignore_patterns("build"))
    assert main(["--project", str(cold), "--quiet", "generate"]) == 0
    assert _docs(root) == _docs(cold)


def _edit(root: Path, old: str, new: str) -> None:
    for suffix in (".md", ".yml"):
        path = (root / ARTICLE).with_suffix(suffix)
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("address", [True, False], ids=["with feeds", "no site address"])
def test_the_saved_article_is_shown_as_the_whole_regeneration_writes_it(small_project, tmp_path,
                                                                         address):
    if not address:  # no feeds: the page links to none
        config = small_project / "mkdocs.yml"
        config.write_text("".join(line for line in config.read_text(encoding="utf-8")
                                  .splitlines(keepends=True) if not line.startswith("site_url:")),
                          encoding="utf-8")
    project, registry = _generated(small_project)
    assert bool(project.address.url) is address
    _edit(small_project, "went to Ankara", "travelled to Astana")
    articles = saved_articles(project, {small_project / ARTICLE,
                                        (small_project / ARTICLE).with_suffix(".yml")})
    preview = preview_articles(project, registry, articles)
    shown = (small_project / PAGE).read_bytes()
    assert b"travelled to Astana" in shown
    assert list(preview.before) == ["articles/2025-test.md"]
    # The regeneration renders it again from the whole knowledge base: the same page.
    assert main(["--project", str(small_project), "--quiet", "generate"]) == 0
    assert preview.settle(regenerated=True) == []
    assert (small_project / PAGE).read_bytes() == shown
    _assert_as_cold(small_project, tmp_path)


def test_a_new_article_is_shown_and_removed_again_if_the_regeneration_fails(small_project):
    project, registry = _generated(small_project)
    before = _docs(small_project)
    new = small_project / "content" / "articles" / "2025-second.md"
    shutil.copy(small_project / ARTICLE, new)
    shutil.copy((small_project / ARTICLE).with_suffix(".yml"), new.with_suffix(".yml"))
    preview = preview_articles(project, registry, saved_articles(project, {new}))
    assert (small_project / "build/docs/articles/2025-second.md").is_file()
    # The whole site finds the copy a duplicate of the first article and is not written.
    assert main(["--project", str(small_project), "--quiet", "generate"]) != 0
    assert preview.settle(regenerated=False) == ["articles/2025-second.md"]
    assert _docs(small_project) == before


def test_a_page_the_regeneration_does_not_render_again_gets_its_old_bytes(small_project):
    """A preview that differs from the page the whole site has (the regeneration keeps that
    page: its inputs are unchanged) must not outlive the regeneration."""
    project, registry = _generated(small_project)
    before = _docs(small_project)
    preview = preview_articles(project, registry, [small_project / ARTICLE])
    page = small_project / PAGE
    page.write_bytes(page.read_bytes() + b"\npreview only\n")  # as if rendered differently
    assert main(["--project", str(small_project), "--quiet", "generate"]) == 0
    assert preview.settle(regenerated=True) == ["articles/2025-test.md"]
    assert _docs(small_project) == before


def test_an_article_deleted_before_the_regeneration_leaves_no_page(small_project):
    project, registry = _generated(small_project)
    new = small_project / "content" / "articles" / "2025-second.md"
    new.write_text((small_project / ARTICLE).read_text(encoding="utf-8")
                   .replace("talk trade", "meet again")
                   .replace("for talks", "for long talks"), encoding="utf-8")
    shutil.copy((small_project / ARTICLE).with_suffix(".yml"), new.with_suffix(".yml"))
    preview = preview_articles(project, registry, [new])
    assert (small_project / "build/docs/articles/2025-second.md").is_file()
    new.unlink()
    new.with_suffix(".yml").unlink()
    assert main(["--project", str(small_project), "--quiet", "generate"]) == 0
    preview.settle(regenerated=True)
    assert not (small_project / "build/docs/articles/2025-second.md").exists()


def test_an_article_with_a_problem_is_left_to_the_regeneration(small_project):
    project, registry = _generated(small_project)
    before = _docs(small_project)
    annotation = (small_project / ARTICLE).with_suffix(".yml")
    annotation.write_text(annotation.read_text(encoding="utf-8").replace("went to Ankara",
                                                                         "never said"))
    preview = preview_articles(project, registry, [small_project / ARTICLE])
    assert preview.before == {}
    assert _docs(small_project) == before


def test_only_saved_articles_are_previewed(small_project):
    project = load_project(small_project)
    articles = small_project / "content" / "articles"
    article = articles / "2025-test.md"
    # The article or its annotation, however an editor saves them; temporary files and the
    # folder itself (it changes with every file made in it) are not articles.
    assert saved_articles(project, {article.with_suffix(".yml"), articles / ".2025-test.md.swp",
                                    articles / "2025-test.md~", articles / "4913",
                                    articles}) == [article]
    # A deleted article has no page to show: it is among the deleted ones, found alike.
    gone = articles / "2025-gone.md"
    assert saved_articles(project, {gone}) == []
    assert deleted_articles(project, {gone.with_suffix(".yml"), articles / ".2025-gone.md.swp",
                                      articles / "2025-gone.md~", articles, article}) == [gone]
    assert deleted_articles(project, {gone, small_project / "mkdocs.yml"}) == []
    # Entity files (and an editor's temporary files beside them) are read again with it
    # (entities_saved); briefs, templates, the configuration: the preview renders an article's
    # page alone, so only the regeneration.
    entities = small_project / "content" / "entities"
    assert saved_articles(project, {article, entities / "people.yml", entities,
                                    entities / ".people.yml.swp"}) == [article]
    assert entities_saved(project, {article, entities / "people.yml"})
    assert not entities_saved(project, {article, entities / ".people.yml.swp",
                                        entities / "people.yml~", entities})
    for other in (small_project / "templates" / "article.md.j2",
                  small_project / "content" / "briefs" / "kz.md",
                  small_project / "mkdocs.yml"):
        assert saved_articles(project, {article, other}) is None


def _name_a_new_person(root: Path) -> Path:
    """The test article now names someone the entities do not know yet; people.yml, saved
    with it, adds them."""
    _edit(root, "went to Ankara for talks.",
          "went to Ankara for talks with Hakan Fidan.")
    annotation = (root / ARTICLE).with_suffix(".yml")
    annotation.write_text(annotation.read_text(encoding="utf-8") + dedent("""\
        people:
          - id: hakan-fidan
            evidence: talks with Hakan Fidan
        """), encoding="utf-8")
    return _add_hakan_fidan(root)


def _add_hakan_fidan(root: Path) -> Path:
    """people.yml with a new person in it (its path)."""
    people = root / "content" / "entities" / "people.yml"
    people.write_text(people.read_text(encoding="utf-8") + dedent("""\
        - id: hakan-fidan
          name: Hakan Fidan
          role: Foreign Minister of Türkiye
          country: TR
        """), encoding="utf-8")
    return people


def test_an_article_saved_with_the_person_it_names_is_shown_at_once(small_project):
    """An editor adds a person to people.yml and an article naming them, and saves both: the
    preview checks the article against the entities as saved, and shows the page the
    regeneration then writes."""
    project, registry = _generated(small_project)
    people = _name_a_new_person(small_project)
    article = small_project / ARTICLE
    # With the entities the last regeneration read, the person is unknown: nothing to show.
    assert preview_articles(project, registry, [article]).before == {}
    preview = preview_saved(project, registry, {article, article.with_suffix(".yml"), people})
    assert preview is not None and list(preview.before) == ["articles/2025-test.md"]
    shown = (small_project / PAGE).read_bytes()
    assert b"(../people/hakan-fidan.md)" in shown  # named, with a link to their page
    assert main(["--project", str(small_project), "--quiet", "generate"]) == 0
    assert preview.settle(regenerated=True) == []
    assert (small_project / PAGE).read_bytes() == shown


def test_no_preview_when_the_saved_entities_have_a_problem(small_project):
    project, registry = _generated(small_project)
    knowledge = _knowledge(project)
    people = _name_a_new_person(small_project)
    people.write_text(people.read_text(encoding="utf-8").replace("  name: Hakan Fidan\n", ""),
                      encoding="utf-8")
    before = _docs(small_project)
    article = small_project / ARTICLE
    assert preview_saved(project, registry, {article, people}) is None
    assert _docs(small_project) == before
    # Saved alone, too: the regeneration reports the problem.
    assert preview_saved(project, registry, {people}, knowledge) is None


def test_a_preview_of_an_article_other_articles_share_an_event_with(sample_project):
    """The preview knows one article: the event it shares is cited from it alone until the
    regeneration writes the page with every source."""
    project, registry = _generated(sample_project)
    slug = "2025-ots-gabala-summit"
    article = sample_project / "content" / "articles" / f"{slug}.md"
    page = sample_project / "build" / "docs" / "articles" / f"{slug}.md"
    whole = page.read_bytes()
    other = b"2025-kazakhstan-turkiye-partnership-history.md#"
    assert other in whole
    preview = preview_articles(project, registry, [article])
    assert other not in page.read_bytes()
    assert main(["--project", str(sample_project), "--quiet", "generate"]) == 0
    preview.settle(regenerated=True)
    assert page.read_bytes() == whole


def _serve_steps(preview_shows: bool) -> list:
    """What serve's watcher does after an article is saved (see serve._Regenerate)."""
    steps: list = []
    done = threading.Event()
    handler = _Regenerate(lambda: steps.append("regenerate"),
                          lambda count, underway: steps.append(("tell mkdocs", count, underway)),
                          lambda: (steps.append("save the cache"), done.set()),
                          lambda saved: steps.append(("preview", saved)) or preview_shows)
    handler.on_any_event(FileModifiedEvent("/project/content/articles/2025-new.md"))
    handler.on_any_event(FileMovedEvent("/project/content/articles/.2025-new.yml.tmp",
                                        "/project/content/articles/2025-new.yml"))
    handler.on_any_event(DirModifiedEvent("/project/content/articles"))
    threading.Thread(target=handler.run_forever, daemon=True).start()
    assert done.wait(10)
    return steps


def test_serve_tells_mkdocs_after_the_preview_and_again_after_the_regeneration():
    saved = {Path("/project/content/articles/2025-new.md"),
             Path("/project/content/articles/.2025-new.yml.tmp"),
             Path("/project/content/articles/2025-new.yml")}
    assert _serve_steps(preview_shows=True) == [
        ("preview", saved), ("tell mkdocs", 1, True), "regenerate", ("tell mkdocs", 2, False),
        "save the cache"]
    # Nothing to show (not an article, or one with a problem): the regeneration alone.
    assert _serve_steps(preview_shows=False) == [
        ("preview", saved), "regenerate", ("tell mkdocs", 1, False), "save the cache"]


def test_a_preview_that_fails_halfway_leaves_the_docs_folder_as_it_was(small_project,
                                                                      monkeypatch):
    import generator.preview as preview_module

    project, registry = _generated(small_project)
    before = _docs(small_project)
    articles = small_project / "content" / "articles"
    _edit(small_project, "went to Ankara", "travelled to Astana")
    second = articles / "2025-second.md"
    second.write_text((articles / "2025-test.md").read_text(encoding="utf-8")
                      .replace("talk trade", "meet again")
                      .replace("for talks", "for long talks"),
                      encoding="utf-8")
    shutil.copy(articles / "2025-test.yml", second.with_suffix(".yml"))
    written = []
    real_write = preview_module.write_atomically

    def disk_fills(target, data):  # the second page finds the disk full, for a moment
        written.append(target)
        if len(written) == 2:
            raise OSError(28, "No space left on device", str(target))
        real_write(target, data)

    monkeypatch.setattr(preview_module, "write_atomically", disk_fills)
    with pytest.raises(OSError):
        preview_articles(project, registry, saved_articles(project, {articles / "2025-test.md",
                                                                     second}))
    monkeypatch.setattr(preview_module, "write_atomically", real_write)
    assert len(written) == 3  # one page written, one refused, the first put back
    assert _docs(small_project) == before


def test_a_template_that_fails_stops_the_preview_before_it_writes(small_project):
    project, registry = _generated(small_project)
    before = _docs(small_project)
    template = small_project / "templates" / "article.md.j2"
    template.write_text(template.read_text(encoding="utf-8").replace(
        "{% block body %}", "{% block body %}{{ article.missing.attribute }}"), encoding="utf-8")
    with pytest.raises(BuildFailed, match="article.md.j2"):
        preview_articles(project, registry, [small_project / ARTICLE])
    assert _docs(small_project) == before


def test_a_page_that_cannot_be_put_back_is_removed_for_the_next_regeneration(small_project,
                                                                             monkeypatch):
    import generator.preview as preview_module

    project, registry = _generated(small_project)
    before = _docs(small_project)
    _edit(small_project, "went to Ankara", "travelled to Astana")
    preview = preview_articles(project, registry, [small_project / ARTICLE])

    def disk_full(target, data):
        raise OSError(28, "No space left on device", str(target))

    monkeypatch.setattr(preview_module, "write_atomically", disk_full)
    with pytest.raises(OSError):
        preview.settle(regenerated=False)  # the regeneration failed
    assert not (small_project / PAGE).exists()  # not the preview: no page at all
    # The next regeneration finds the page missing and writes it.
    _edit(small_project, "travelled to Astana", "went to Ankara")
    assert main(["--project", str(small_project), "--quiet", "generate"]) == 0
    assert _docs(small_project) == before


def test_every_sample_article_told_by_itself_alone_is_previewed_as_the_site_writes_it(
        sample_project):
    """The preview plans, describes and renders an article page as the whole site does: for
    every sample article whose events no other article tells, the same bytes."""
    project, registry = _generated(sample_project)
    knowledge, _ = check(project)
    alone = 0
    for article in knowledge.articles.values():
        told = {article.slug} | {citation.article for event in
                                 knowledge.claims_in(article.slug)["events"]
                                 for citation in event.sources}
        if told != {article.slug}:
            continue
        alone += 1
        page = sample_project / "build" / "docs" / "articles" / f"{article.slug}.md"
        whole = page.read_bytes()
        preview = preview_articles(project, registry, [sample_project / article.path])
        assert page.read_bytes() == whole, article.slug
        preview.settle(regenerated=False)
    assert alone >= 5


def _second_article(root: Path) -> Path:
    """A new article beside the small project's one (its text differs, so it is no copy)."""
    new = root / "content" / "articles" / "2025-second.md"
    new.write_text((root / ARTICLE).read_text(encoding="utf-8")
                   .replace("talk trade", "meet again")
                   .replace("for talks", "for long talks"), encoding="utf-8")
    shutil.copy((root / ARTICLE).with_suffix(".yml"), new.with_suffix(".yml"))
    return new


def test_serve_counts_a_new_article_shown_by_the_preview_as_added(small_project, monkeypatch,
                                                                   capsys):
    """The regeneration finds the preview's page in place, byte for byte what it renders; the
    summary of the save must still list the page as added and the article as new."""
    import generator.serve

    def serve(project, port, regenerate, save_cache, preview):  # one save, then stop
        new = _second_article(small_project)
        assert preview({new, new.with_suffix(".yml")})
        regenerate()
        return 0

    monkeypatch.setattr(generator.serve, "serve", serve)
    assert main(["--project", str(small_project), "serve"]) == 0
    said = capsys.readouterr().out.splitlines()
    summary = (small_project / "build" / "changes.md").read_text(encoding="utf-8")
    assert "- `articles/2025-second.md`" in summary.split("### Added pages")[1], summary
    assert "### New articles" in summary, summary
    regenerated = [line for line in said if line.startswith("generated")][-1]
    assert regenerated.split(": ", 1)[1].startswith(("1 added", "2 added", "3 added")), said


def test_a_page_the_preview_wrote_counts_once_as_the_regeneration_saw_it(small_project):
    from generator.engine.output import Changes

    project, registry = _generated(small_project)
    preview = preview_articles(project, registry, saved_articles(
        project, {_second_article(small_project)}))
    assert main(["--project", str(small_project), "--quiet", "generate"]) == 0
    # As the regeneration reports it: the page was in place already, so "unchanged".
    changes = Changes(added=["articles/index.md"], unchanged=5)
    preview.account(changes)
    assert changes.added == ["articles/2025-second.md", "articles/index.md"]
    assert changes.unchanged == 4
    again = Changes(added=["articles/2025-second.md"], unchanged=5)
    preview.account(again)  # counted by the regeneration itself: not twice
    assert again.added == ["articles/2025-second.md"] and again.unchanged == 5


ENTITY_EDITS = {
    # entity file, what it says, what the editor writes instead, the page that shows it
    "a person's role": ("people.yml", "role: President of Azerbaijan",
                        "role: Head of State of Azerbaijan", "people/ilham-aliyev.md"),
    "a topic's description": ("topics.yml", "rather than standing apart from them.",
                              "rather than standing aside.", "topics/embedded-sovereignty.md"),
    "a country's capital": ("countries.yml", "capital: Astana", "capital: Astana (since 1997)",
                            "countries/kazakhstan.md"),
}


@pytest.mark.parametrize("edit", list(ENTITY_EDITS))
def test_an_entity_file_saved_alone_shows_the_page_of_the_entry_it_changes(sample_project,
                                                                           tmp_path, edit):
    """An editor corrects an entry and saves the entity file: its page is shown at once,
    planned on the last regeneration's knowledge base with the entities as saved, as the
    regeneration then writes it; nothing of the preview is left after the regeneration."""
    name, old, new, page = ENTITY_EDITS[edit]
    project, registry = _generated(sample_project)
    knowledge = _knowledge(project)
    path = sample_project / "content" / "entities" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    docs = sample_project / "build" / "docs"
    before = (docs / page).read_bytes()
    preview = preview_saved(project, registry, {path}, knowledge)
    # The entry's page, and the archive pages of its long lists (Kazakhstan's by year).
    assert preview is not None and list(preview.before)[0] == page
    assert all(name.startswith(page.removesuffix(".md") + "/") for name in
               list(preview.before)[1:]), list(preview.before)
    shown = {name: (docs / name).read_bytes() for name in preview.before}
    assert shown[page] != before
    assert main(["--project", str(sample_project), "--quiet", "generate"]) == 0
    assert preview.settle(regenerated=True) == []
    assert {name: (docs / name).read_bytes() for name in shown} == shown
    _assert_as_cold(sample_project, tmp_path)


def test_a_new_entry_saved_alone_gets_its_page_at_once(small_project):
    project, registry = _generated(small_project)
    knowledge = _knowledge(project)
    people = _add_hakan_fidan(small_project)
    page = small_project / "build" / "docs" / "people" / "hakan-fidan.md"
    assert not page.exists()
    preview = preview_saved(project, registry, {people}, knowledge)
    assert preview is not None and preview.before == {"people/hakan-fidan.md": None}
    assert "Foreign Minister of Türkiye" in page.read_text(encoding="utf-8")
    assert main(["--project", str(small_project), "--quiet", "generate"]) == 0
    shown = page.read_bytes()
    preview.settle(regenerated=True)
    assert page.read_bytes() == shown


def test_an_entity_file_saved_alone_with_nothing_to_show(small_project):
    """No knowledge base (the last regeneration failed), or an entry with no page of its own
    (a region) or removed: nothing is shown, the regeneration does it all."""
    project, registry = _generated(small_project)
    knowledge = _knowledge(project)
    entities = small_project / "content" / "entities"
    before = _docs(small_project)
    people = entities / "people.yml"
    text = people.read_text(encoding="utf-8")
    people.write_text(text + "\n- id: someone-unnamed\n  name: Someone Unnamed\n",
                      encoding="utf-8")
    assert preview_saved(project, registry, {people}, None) is None
    assert _docs(small_project) == before
    people.write_text(text, encoding="utf-8")
    regions = entities / "regions.yml"
    regions.write_text(regions.read_text(encoding="utf-8").replace(
        "name: Central Asia", "name: Central Asia and the Caspian"), encoding="utf-8")
    shown = preview_saved(project, registry, {regions}, knowledge)
    assert shown is not None and shown.before == {}
    topics = entities / "topics.yml"
    topics.write_text("[]\n", encoding="utf-8")  # removed (the regeneration finds it named)
    shown = preview_saved(project, registry, {topics}, knowledge)
    assert shown is not None and shown.before == {}
    assert _docs(small_project) == before


def test_serve_previews_an_entity_file_saved_alone(small_project, monkeypatch, capsys):
    """serve keeps its last knowledge base for the preview of a saved entity file."""
    import generator.serve

    people = small_project / "content" / "entities" / "people.yml"
    shown = []

    def serve(project, port, regenerate, save_cache, preview):  # two saves, then stop
        text = people.read_text(encoding="utf-8")
        for role in ("Envoy", "Special Envoy"):  # added, then corrected
            people.write_text(f"{text}\n- id: ada-envoy\n  name: Ada Envoy\n  role: {role}\n",
                              encoding="utf-8")
            shown.append(preview({people}))
            page = small_project / "build" / "docs" / "people" / "ada-envoy.md"
            assert f"Ada Envoy, {role}:" in page.read_text(encoding="utf-8")
            regenerate()
        return 0

    monkeypatch.setattr(generator.serve, "serve", serve)
    assert main(["--project", str(small_project), "serve"]) == 0
    assert shown == [True, True]
    assert "showing people/ada-envoy.md at once" in capsys.readouterr().out


SECOND_PAGE = "build/docs/articles/2025-second.md"


def _with_second_article(root: Path):
    """The small project with a second article, generated; the project, its entities and
    its knowledge base as serve keeps them, and the second article's files."""
    new = _second_article(root)
    project, registry = _generated(root)
    assert (root / SECOND_PAGE).is_file()
    return project, registry, _knowledge(project), [new, new.with_suffix(".yml")]


def _delete(files: list[Path]) -> None:
    for path in files:
        path.unlink()


def _regenerated_as_cold(root: Path, preview, tmp_path: Path) -> None:
    """The regeneration after a preview succeeds, and leaves the docs folder as cold."""
    assert main(["--project", str(root), "--quiet", "generate"]) == 0
    preview.settle(regenerated=True)
    _assert_as_cold(root, tmp_path)


def test_a_deleted_article_is_taken_away_at_once(small_project, tmp_path):
    project, registry, knowledge, files = _with_second_article(small_project)
    _delete(files)
    preview = preview_saved(project, registry, set(files), knowledge)
    assert not (small_project / SECOND_PAGE).exists()
    assert preview.removed == ["articles/2025-second.md"]
    assert preview.summary() == "taking away articles/2025-second.md"
    _regenerated_as_cold(small_project, preview, tmp_path)


def test_a_deleted_article_comes_back_if_the_regeneration_fails(small_project):
    project, registry, knowledge, files = _with_second_article(small_project)
    before = _docs(small_project)
    _delete(files)
    preview = preview_saved(project, registry, {files[0]}, knowledge)  # the .md alone
    assert not (small_project / SECOND_PAGE).exists()
    annotation = (small_project / ARTICLE).with_suffix(".yml")  # a problem: nothing written
    annotation.write_text(annotation.read_text(encoding="utf-8").replace("went to Ankara",
                                                                         "never said"))
    assert main(["--project", str(small_project), "--quiet", "generate"]) != 0
    preview.settle(regenerated=False)
    assert _docs(small_project) == before


def test_an_article_deleted_and_restored_before_the_regeneration_keeps_its_page(
        small_project, tmp_path):
    project, registry, knowledge, files = _with_second_article(small_project)
    kept = {path: path.read_bytes() for path in files}
    _delete(files)
    preview = preview_saved(project, registry, set(files), knowledge)
    assert preview.removed == ["articles/2025-second.md"]
    for path, data in kept.items():  # undone at once
        path.write_bytes(data)
    _regenerated_as_cold(small_project, preview, tmp_path)
    assert (small_project / SECOND_PAGE).is_file()


def test_a_renamed_article_is_shown_under_its_new_name_at_once(small_project, tmp_path):
    project, registry, knowledge, files = _with_second_article(small_project)
    renamed = [path.with_name(path.name.replace("second", "renamed")) for path in files]
    for old, new in zip(files, renamed, strict=True):
        old.rename(new)
    preview = preview_saved(project, registry, {*files, *renamed}, knowledge)
    assert preview.removed == ["articles/2025-second.md"]
    assert (small_project / "build/docs/articles/2025-renamed.md").is_file()
    assert preview.summary() == ("showing articles/2025-renamed.md at once; "
                                 "taking away articles/2025-second.md")
    _regenerated_as_cold(small_project, preview, tmp_path)


def test_only_pages_of_deleted_articles_the_site_published_are_taken_away(small_project):
    project, registry, knowledge, files = _with_second_article(small_project)
    before = _docs(small_project)
    articles = small_project / "content" / "articles"
    # Never on the site, or gone without a knowledge base to say what it published (after a
    # regeneration that failed): nothing to take away.
    assert preview_saved(project, registry, {articles / "2025-never.md"}, knowledge
                         ).before == {}
    _delete(files)
    assert preview_saved(project, registry, set(files), None) is None
    # A file whose name gives the published article's address, but is not its file.
    assert deleted_articles(project, {articles / "2025_second.md"}) == [
        articles / "2025_second.md"]
    assert preview_saved(project, registry, {articles / "2025_second.md"}, knowledge
                         ).before == {}
    assert _docs(small_project) == before


def test_serve_takes_a_deleted_article_away_at_once(small_project, monkeypatch, capsys):
    import generator.serve

    new = _second_article(small_project)

    def serve(project, port, regenerate, save_cache, preview):  # one deletion, then stop
        _delete([new, new.with_suffix(".yml")])
        assert preview({new, new.with_suffix(".yml")})
        assert not (small_project / SECOND_PAGE).exists()
        regenerate()
        return 0

    monkeypatch.setattr(generator.serve, "serve", serve)
    assert main(["--project", str(small_project), "serve"]) == 0
    assert "taking away articles/2025-second.md; regenerating" in capsys.readouterr().out
    assert not (small_project / SECOND_PAGE).exists()
