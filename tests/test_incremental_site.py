"""An incremental site build (only the pages whose Markdown changed, into a copy of the
previous site) gives the same site as a cold build, edit after edit."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.engine.incremental import checking_key
from generator.knowledge.article_cache import ContributionCache
from tests.conftest import copy_project


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, sitemaps included: nothing depends on the build's time."""
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file()}


def _replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as stream:
        stream.write(text)


ARTICLES = Path("content") / "articles"
MONGOLIA = "Mongolia sent an observer to the summit."


def _name_mongolia(root: Path, named: bool) -> None:
    article = root / ARTICLES / "2025-ots-gabala-summit"
    if named:
        with article.with_suffix(".md").open("a", encoding="utf-8") as stream:
            stream.write(f"\n{MONGOLIA}\n")
        _replace(article.with_suffix(".yml"), "countries:\n",
                 f"countries:\n  - id: MN\n    evidence: {MONGOLIA}\n")
    else:
        _replace(article.with_suffix(".md"), f"\n{MONGOLIA}\n", "")
        _replace(article.with_suffix(".yml"), f"  - id: MN\n    evidence: {MONGOLIA}\n", "")
EDITS = {
    "article text": lambda root: [
        _replace(root / ARTICLES / "2025-kazakhstan-turkiye-strategic-ties.md",
                 "Two-way trade came to", "Two-way trade reached"),
        _replace(root / ARTICLES / "2025-kazakhstan-turkiye-strategic-ties.yml",
                 "evidence: Two-way trade came to", "evidence: Two-way trade reached", -1)],
    # A follow-up that repeats the article and adds a paragraph (a bare copy is refused).
    "a new article": lambda root: [
        (root / ARTICLES / "2026-cpc-terminal-drone-attack-again.md").write_text(
            (root / ARTICLES / "2026-cpc-terminal-drone-attack.md").read_text(encoding="utf-8")
            + "\nThis follow-up adds one paragraph to the report above.\n", encoding="utf-8"),
        shutil.copy(root / ARTICLES / "2026-cpc-terminal-drone-attack.yml",
                    root / ARTICLES / "2026-cpc-terminal-drone-attack-again.yml")],
    "a removed article": lambda root: [
        (root / ARTICLES / f"2025-ots-budapest-informal-summit.{suffix}").unlink()
        for suffix in ("md", "yml")],
    # Mongolia gets a page and a flag, then no article names it: both go (stale files).
    "a newly named country": lambda root: _name_mongolia(root, True),
    "a country no longer named": lambda root: _name_mongolia(root, False),
    "a status": lambda root: _replace(
        root / ARTICLES / "2025-azerbaijan-russia-crisis-and-thaw.yml",
        "status: partial-thaw", "status: normalisation-talks"),
    "a renamed person": lambda root: _replace(
        root / "content" / "entities" / "people.yml", "name: ", "name: Dr "),
    # The page moves to /countries/turkey/; /countries/turkiye/ becomes a redirect to it.
    "a renamed country": lambda root: _replace(
        root / "content" / "entities" / "countries.yml",
        "name: Türkiye\n  aliases: [Turkey,", "name: Turkey\n  aliases: [Türkiye,"),
    "an editor's page": lambda root: _replace(
        root / "content" / "pages" / "about.md", "follows the countries", "covers the countries"),
    # A new entry in the nav, which every page shows: every page is built again.
    "a new editor's page": lambda root: (root / "content" / "pages" / "corrections.md").write_text(
        "---\ntitle: Corrections\nnav_after: About\n---\nWhat we corrected.\n",
        encoding="utf-8"),
    "a template": lambda root: _replace(
        root / "templates" / "country.md.j2", "{% block body %}",
        "{% block body %}\nCountry pages are updated with every article.\n"),
    "a brief": lambda root: _replace(
        root / "content" / "briefs" / "azerbaijan-russia.yml",
        "text: Azerbaijan and Russia declared", "text: Azerbaijan and Russia proclaimed"),
    # The article's address changes; the old one is no page of the site any more.
    "a renamed article file": lambda root: [
        (root / ARTICLES / f"2025-eu-central-asia-samarkand-summit.{suffix}").rename(
            root / ARTICLES / f"2025-samarkand-summit.{suffix}") for suffix in ("md", "yml")],
    # Every page shows the site's name.
    "the site's name": lambda root: _replace(
        root / "mkdocs.yml", "site_name: European Neighbourhood Briefings",
        "site_name: Neighbourhood Briefings"),
    # A person no article names yet: listed on the people index.
    "a new person": lambda root: _append(
        root / "content" / "entities" / "people.yml",
        "\n- id: ada-example\n  name: Ada Example\n  role: Envoy\n  country: KZ\n"),
}
# Edits after which the people index (the page the test watches) is built again.
_PEOPLE_INDEX_CHANGES = ("a renamed person", "a renamed country", "a new editor's page",
                         "the site's name", "a new person")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from generator.cli import main

    root = copy_project(tmp_path_factory.mktemp("incremental") / "project", with_content=True)
    assert main(["--project", str(root), "-q", "build"]) == 0
    return root


@pytest.mark.parametrize("edit", list(EDITS))
def test_an_incremental_build_equals_a_cold_one(built, tmp_path, run, edit):
    untouched = built / "build" / "site" / "people" / "index.html"
    before = untouched.stat().st_mtime_ns
    # More names for the previous site's files: the new site starts as hard links to them,
    # so anything written into one instead of replacing it would show here.
    witness = tmp_path / "previous-site"
    shutil.copytree(built / "build" / "site", witness, copy_function=os.link)
    previous = site_files(witness)
    EDITS[edit](built)
    result = run(built, "-q", "build", "--incremental")
    assert result.code == 0, result.err
    changed = [name for name, data in site_files(witness).items() if data != previous[name]]
    assert changed == [], "the build wrote into the previous site's files"
    # The people index lists people's names and countries, and every page shows the nav.
    if edit not in _PEOPLE_INDEX_CHANGES:
        assert untouched.stat().st_mtime_ns == before, "the untouched page was rebuilt"
    cold = tmp_path / "cold"
    shutil.copytree(built, cold, ignore=shutil.ignore_patterns("build"))
    assert run(cold, "-q", "build").code == 0
    incremental, full = site_files(built / "build" / "site"), site_files(cold / "build" / "site")
    assert sorted(incremental) == sorted(full)
    if edit in ("a newly named country", "a country no longer named"):
        named = edit == "a newly named country"
        for name in ("assets/flags/mn.svg", "countries/mongolia/index.html"):
            assert (name in incremental) == named, name
    differing = [name for name in full if incremental[name] != full[name]]
    assert differing == []


def test_a_build_restored_without_its_data_downloads_equals_a_cold_one(built, tmp_path, run):
    """The publish workflow's cache leaves the data downloads out (every new article changes
    them): an incremental build from what it restores makes them again."""
    for folder in ("docs", "site"):
        shutil.rmtree(built / "build" / folder / "data")
    EDITS["a new article"](built)
    result = run(built, "-q", "build", "--incremental")
    assert result.code == 0, result.err
    cold = tmp_path / "cold"
    shutil.copytree(built, cold, ignore=shutil.ignore_patterns("build"))
    assert run(cold, "-q", "build").code == 0
    assert site_files(built / "build" / "site") == site_files(cold / "build" / "site")
    docs = built / "build" / "docs"
    assert (docs / "data" / "events.csv").read_bytes() == \
        (cold / "build" / "docs" / "data" / "events.csv").read_bytes()


def test_a_changed_theme_builds_every_page(built, run):
    theme = built / "templates" / "theme" / "partials" / "toc.html"
    theme.write_text(theme.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    untouched = built / "build" / "site" / "people" / "index.html"
    before = untouched.stat().st_mtime_ns
    result = run(built, "build", "--incremental")
    assert result.code == 0, result.err
    assert "building every page" in result.err + result.out
    assert untouched.stat().st_mtime_ns != before


def test_a_new_site_address_builds_every_page(built, run, monkeypatch):
    """The publish workflow sets SITE_URL to the address GitHub Pages gives; when it changes
    (a custom domain), every canonical link changes with it, though no Markdown did."""
    monkeypatch.setenv("SITE_URL", "https://someone.github.io/briefings")
    result = run(built, "build", "--incremental")
    assert result.code == 0, result.err
    assert "building every page" in result.err + result.out
    page = (built / "build" / "site" / "people" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://someone.github.io/briefings/people/">' in page


@pytest.mark.parametrize("incremental", [False, True], ids=["cold", "incremental"])
def test_a_dead_link_fails_the_build_and_keeps_the_previous_site(small_project, run, incremental):
    assert run(small_project, "-q", "build").code == 0
    before = site_files(small_project / "build" / "site")
    template = small_project / "templates" / "topic.md.j2"
    template.write_text(template.read_text(encoding="utf-8").replace(
        "{% block body %}", "{% block body %}\n[gone](../nowhere.md)\n", 1), encoding="utf-8")
    result = run(small_project, "build", *(["--incremental"] if incremental else []))
    assert result.code != 0
    assert "nowhere.md" in result.err and "previous site is kept" in result.err
    assert site_files(small_project / "build" / "site") == before
    # The articles checked for it are saved (while mkdocs ran): the next build reuses them.
    saved = ContributionCache(small_project / "build", checking_key(), small_project).load()
    assert saved.entries.keys() == {str(small_project / "content" / "articles" / "2025-test.md")}


def test_an_article_with_a_problem_stops_an_incremental_build_and_leaves_the_site(
        small_project, run):
    assert run(small_project, "-q", "build").code == 0
    before = site_files(small_project / "build" / "site")
    annotation = next((small_project / "content" / "articles").glob("*.yml"))
    annotation.write_text(annotation.read_text(encoding="utf-8") + "\nnonsense: [\n",
                          encoding="utf-8")
    result = run(small_project, "build", "--incremental")
    assert result.code != 0
    assert annotation.name in result.err
    assert site_files(small_project / "build" / "site") == before
    assert not (small_project / "build" / "site.new").exists()


def test_the_overlay_replaces_changed_files_and_removes_stale_ones(tmp_path):
    """What an incremental build made is moved into the previous site: new files under the
    old names (whatever else holds an old file keeps it), Pagefind's folder whole, and the
    stale files (those mkdocs no longer lists) gone with the folders they leave empty."""
    from generator.site.previous_site import compare_with_previous, publish_overlay

    site, overlay = tmp_path / "site", tmp_path / "site.new"
    for name, text in {"kept/index.html": "kept", "changed/index.html": "old",
                       "gone/index.html": "gone", "pagefind/old.pf": "old index",
                       "assets/flags/mn.svg": "a flag no longer made", "kept/feed.xml": "feed",
                       ".briefings-manifest.json": "old"}.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    listed = {"kept/index.html", "changed/index.html", "new/index.html", "kept/feed.xml"}
    for name, text in {"changed/index.html": "new", "new/index.html": "new page",
                       "pagefind/new.pf": "new index", ".briefings-manifest.json": "new"}.items():
        (overlay / name).parent.mkdir(parents=True, exist_ok=True)
        (overlay / name).write_text(text, encoding="utf-8")
    holder = tmp_path / "held.html"
    os.link(site / "changed" / "index.html", holder)
    stale, kept = compare_with_previous(site, overlay, listed)
    assert stale == ["assets/flags/mn.svg", "gone/index.html"]
    assert kept == ["changed/index.html", "kept/index.html"]  # the previous site's pages
    publish_overlay(site, overlay, stale)
    assert {name: data.decode() for name, data in site_files(site).items()} == {
        ".briefings-manifest.json": "new", "changed/index.html": "new",
        "kept/feed.xml": "feed", "kept/index.html": "kept", "new/index.html": "new page",
        "pagefind/new.pf": "new index"}
    assert not (site / "gone").exists() and not (site / "assets").exists()
    assert not overlay.exists()
    assert holder.read_text(encoding="utf-8") == "old"
