"""serve's mkdocs rebuilds while briefings writes the docs folder: each page as it was read.

mkdocs --dirty reads the changed pages, then builds them. serve's regeneration may write pages
in between (it runs while mkdocs rebuilds after the preview). Here the writes happen exactly
there, in one process, so the test does not depend on timing."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from mkdocs.commands import build
from mkdocs.config import load_config
from mkdocs.structure import pages
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.theme import Theme

from generator.engine.mkdocs_runner import build_pages_as_read, remember_between_rebuilds


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    # A clearly later time than any file written before, whatever the file system's clock.
    later = time.time() + 2 + len(list(path.parent.iterdir()))
    os.utime(path, (later, later))


def _html(site: Path, name: str) -> str:
    return (site / name / "index.html").read_text(encoding="utf-8")


def _patched_as_serve_does(monkeypatch) -> None:
    """mkdocs' functions as serve patches them; monkeypatch puts the originals back."""
    for owner, name in ((build, "_populate_page"), (build, "_build_page"),
                        (Page, "render"), (Files, "get_file_from_path"),
                        (File, "is_modified"), (pages, "urljoin"), (pages, "urlsplit"),
                        (pages, "get_build_date"), (Theme, "get_env")):
        monkeypatch.setattr(owner, name, getattr(owner, name))
    for name in ("src_path", "dest_uri"):  # descriptors: taken from the class itself
        monkeypatch.setattr(File, name, File.__dict__[name])
    build_pages_as_read()
    remember_between_rebuilds()


def _home_built_as_serve_builds(tmp_path, monkeypatch) -> tuple[Path, Path]:
    """A site of one page, built; then mkdocs patched as serve patches it. Its docs and site."""
    docs, site = tmp_path / "docs", tmp_path / "site"
    docs.mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\nnav: [index.md]\n"
                                         "validation: {omitted_files: ignore}\n",
                                         encoding="utf-8")
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    build.build(load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(site)))
    _patched_as_serve_does(monkeypatch)
    return docs, site


def test_a_page_written_while_mkdocs_rebuilds_is_served_as_last_written(tmp_path, monkeypatch):
    docs, site = tmp_path / "docs", tmp_path / "site"
    docs.mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\nnav: [index.md]\n"
                                         "validation: {omitted_files: ignore}\n",
                                         encoding="utf-8")
    for name, text in (("index", "Home"), ("shown", "Shown first"), ("other", "Other first")):
        (docs / f"{name}.md").write_text(f"# {text}\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(site))
    build.build(config)
    _patched_as_serve_does(monkeypatch)
    populate = build._populate_page

    def regeneration_writes_meanwhile(page, config, files, dirty=False) -> None:
        populate(page, config, files, dirty)
        if page.file.src_uri == "shown.md" and page.content and "preview" in page.content:
            # After mkdocs read the preview's page: the regeneration rewrites it, and
            # another page mkdocs did not read.
            _write(docs / "shown.md", "# Shown as regenerated\n")
            _write(docs / "other.md", "# Other regenerated\n")

    monkeypatch.setattr(build, "_populate_page", regeneration_writes_meanwhile)
    _write(docs / "shown.md", "# Shown by the preview\n")
    build.build(load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(site)), dirty=True)
    assert "Shown by the preview" in _html(site, "shown")  # the version it read
    assert "Other first" in _html(site, "other")  # not read: left for the next build
    # The next rebuild (the regeneration's end signals it) builds both as last written.
    build.build(load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(site)), dirty=True)
    assert "Shown as regenerated" in _html(site, "shown")
    assert "Other regenerated" in _html(site, "other")


def test_a_page_built_before_a_page_it_links_to_was_written_is_built_again(tmp_path,
                                                                            monkeypatch):
    """The preview writes a new article's page, linking to its relation's page, which the
    regeneration writes only afterwards: mkdocs builds the article with the link as written
    (to the Markdown file). The Markdown of the article does not change again, yet the next
    rebuild must build it with the link resolved."""
    docs, site = _home_built_as_serve_builds(tmp_path, monkeypatch)
    _write(docs / "article.md", "# Article\n\nSee [the relation](relation.md).\n")
    build.build(load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(site)), dirty=True)
    assert 'href="relation.md"' in _html(site, "article")  # not there yet: left as written
    _write(docs / "relation.md", "# Relation\n")  # the regeneration writes it
    build.build(load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(site)), dirty=True)
    assert 'href="../relation/"' in _html(site, "article")
    assert "Relation" in _html(site, "relation")
    # Built once more, it is left alone: only a page built against a shorter list is redone.
    built = (site / "article" / "index.html").stat().st_mtime
    build.build(load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(site)), dirty=True)
    assert (site / "article" / "index.html").stat().st_mtime == built


def test_a_link_to_a_page_still_to_come_is_warned_about_only_once_the_regeneration_ends(
        tmp_path, monkeypatch, caplog):
    """The rebuild after a preview runs while the regeneration still writes: a link to a
    page it has yet to write is not an editor's mistake, and is not reported then. After
    the regeneration, a link whose page is still missing is."""
    from mkdocs.livereload import LiveReloadServer

    from generator.engine.mkdocs_runner import (
        SIGNAL_FILE,
        rebuild_on_signal,
        write_signal,
    )

    docs, site = _home_built_as_serve_builds(tmp_path, monkeypatch)
    signal = tmp_path / "signal"
    signal.mkdir()
    monkeypatch.setattr(LiveReloadServer, "watch", LiveReloadServer.watch)
    monkeypatch.setattr(logging.getLogger("mkdocs.structure.pages"), "filters", [])
    rebuild_on_signal(str(docs), str(signal))

    def rebuild(count: int, underway: bool) -> list[str]:
        write_signal(signal / SIGNAL_FILE, count, underway)
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            build.build(load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(site)),
                        dirty=True)
        return [record.getMessage() for record in caplog.records
                if "relation.md" in record.getMessage()]

    _write(docs / "article.md", "# Article\n\nSee [the relation](relation.md).\n")
    assert rebuild(1, underway=True) == []  # the preview's rebuild
    said = rebuild(2, underway=False)  # the regeneration ended without writing it
    assert len(said) == 1 and "article.md" in said[0]
    _write(docs / "relation.md", "# Relation\n")
    assert rebuild(3, underway=False) == []
    assert 'href="../relation/"' in _html(site, "article")


def test_a_rebuild_asks_the_disk_once_per_file_and_the_next_asks_again(tmp_path, monkeypatch):
    """serve's rebuilds remember whether a page changed for the length of one build (each
    build lists its files as new objects); a page saved after that answer is the next
    build's, and then built with what was saved."""
    docs, site = _home_built_as_serve_builds(tmp_path, monkeypatch)
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(site))
    listed = File("index.md", str(docs), str(site), True)
    assert not listed.is_modified()
    _write(docs / "index.md", "# Home, saved\n")
    assert not listed.is_modified()  # the build that asked goes on with its answer
    assert File("index.md", str(docs), str(site), True).is_modified()  # the next one sees it
    build.build(config, dirty=True)
    assert "Home, saved" in (site / "index.html").read_text(encoding="utf-8")
    assert not File("index.md", str(docs), str(site), True).is_modified()


def test_remembered_addresses_and_edit_links_are_mkdocs_own(tmp_path, monkeypatch):
    """Pages made while serve remembers URL answers get the addresses, edit links and build
    date mkdocs itself gives them, at any site address and for every page, again and again."""
    docs = tmp_path / "docs"
    (docs / "countries").mkdir(parents=True)
    names = ["index.md", "countries/index.md", "countries/türkiye.md", "a b.md"]
    for name in names:
        (docs / name).write_text("# Page\n", encoding="utf-8")

    def made(site_url: str) -> list[tuple]:
        (tmp_path / "mkdocs.yml").write_text(
            f"site_name: Test\nsite_url: {site_url}\nrepo_url: https://example.org/r/\n"
            "edit_uri: edit/main/content/\n", encoding="utf-8")
        config = load_config(str(tmp_path / "mkdocs.yml"))
        made = []
        for name in names:
            page = Page(None, File(name, str(docs), str(tmp_path / "site"), True), config)
            made.append((page.canonical_url, page.abs_url, page.edit_url, page.update_date))
        return made

    addresses = ["https://example.org/briefings/", "http://127.0.0.1:8000/", "https://a.example"]
    own = [made(address) for address in addresses]
    _patched_as_serve_does(monkeypatch)
    for _ in range(2):
        assert [made(address) for address in addresses] == own


def test_theme_templates_are_compiled_once_and_again_when_edited(tmp_path, monkeypatch):
    """serve's rebuilds keep the theme's compiled templates; a template edited while serve
    runs is compiled again and the pages built after show the edit."""
    import jinja2

    docs, site = _home_built_as_serve_builds(tmp_path, monkeypatch)
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test\nnav: [index.md]\nvalidation: {omitted_files: ignore}\n"
        "theme: {name: mkdocs, custom_dir: overrides}\n", encoding="utf-8")
    main = overrides / "main.html"
    main.write_text('{% extends "base.html" %}{% block footer %}first footer{% endblock %}',
                    encoding="utf-8")
    compiled: list[str] = []
    compile_template = jinja2.Environment.compile

    def compile_noting(self, source, name=None, filename=None, *args, **kwargs):
        compiled.append(name)
        return compile_template(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", compile_noting)

    def rebuilt(text: str) -> list[str]:
        compiled.clear()
        _write(docs / "index.md", f"# {text}\n")
        build.build(load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(site)), dirty=True)
        return list(compiled)

    assert "main.html" in rebuilt("Home once")
    assert "first footer" in (site / "index.html").read_text(encoding="utf-8")
    assert rebuilt("Home twice") == []
    assert "Home twice" in (site / "index.html").read_text(encoding="utf-8")
    main.write_text('{% extends "base.html" %}{% block footer %}second footer{% endblock %}',
                    encoding="utf-8")
    assert rebuilt("Home thrice") == ["main.html"]
    built = (site / "index.html").read_text(encoding="utf-8")
    assert "second footer" in built and "Home thrice" in built


def test_remembered_file_paths_are_mkdocs_own(tmp_path, monkeypatch):
    """serve remembers each file's path and destination from one rebuild to the next: the
    files listed are mkdocs' own, with and without directory addresses, again and again; a
    file of another kind (a plugin's) works its own out."""
    from mkdocs.structure.files import get_files

    docs = tmp_path / "docs"
    names = ["index.md", "README.md", "a b.md", "countries/index.md", "countries/türkiye.md",
             "countries/README.md", "topics/x.md/y.md", "data/events.csv", "assets/a.svg",
             "pages/index.md", "pages/about.markdown"]
    for name in names:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("# Page\n", encoding="utf-8")

    def listed(directory_urls: bool) -> list[tuple]:
        (tmp_path / "mkdocs.yml").write_text(
            f"site_name: Test\nuse_directory_urls: {str(directory_urls).lower()}\n",
            encoding="utf-8")
        config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
        return [(f.src_uri, f.src_path, f.dest_uri, f.dest_path, f.url, f.abs_src_path,
                 f.abs_dest_path, f.name) for f in get_files(config)]

    own = [listed(True), listed(False)]
    assert len(own[0]) == len(names) - 2 and own[0] != own[1]  # READMEs beside an index: left out

    class Copied(File):  # a plugin's file, copied as it is
        def is_documentation_page(self) -> bool:
            return False

    _patched_as_serve_does(monkeypatch)
    for _ in range(2):
        assert [listed(True), listed(False)] == own
    assert File("countries/index.md", str(docs), str(tmp_path / "site"), True).dest_uri \
        == "countries/index.html"
    assert Copied("countries/index.md", str(docs), str(tmp_path / "site"), True).dest_uri \
        == "countries/index.md"
    given = File("a b.md", str(docs), str(tmp_path / "site"), True, dest_uri="x/y.html")
    assert given.dest_uri == "x/y.html" and given.src_path == "a b.md"


def test_rebuilds_after_the_first_run_with_the_collector_paused_not_frozen(monkeypatch):
    """serve's rebuilds make and drop tens of thousands of linked objects: the collector
    waits until a rebuild ends, then takes what it left. The first build (possibly the
    whole site) runs as usual; nothing is frozen, so a rebuild's garbage does go."""
    import gc
    import weakref

    from mkdocs.commands import serve

    from generator.engine.mkdocs_runner import collect_after_rebuilds

    enabled: list[bool] = []
    left: list[weakref.ref] = []

    class Node:
        pass

    def build(config, **kwargs) -> None:
        enabled.append(gc.isenabled())
        node = Node()
        node.itself = node  # a cycle, garbage once the build returns
        left.append(weakref.ref(node))

    monkeypatch.setattr(serve, "build", build)
    collect_after_rebuilds()
    frozen = gc.get_freeze_count()
    assert gc.isenabled()
    for _ in range(3):
        serve.build(None, dirty=True)
        assert gc.isenabled()
    assert enabled == [True, False, False]
    # Nothing was frozen: a freeze would move every tracked object (these builds' cycles
    # among them) into the permanent generation. The count may still fall, when an object
    # an earlier test froze in this process is freed meanwhile.
    assert gc.get_freeze_count() <= frozen
    gc.collect()
    assert all(ref() is None for ref in left)
