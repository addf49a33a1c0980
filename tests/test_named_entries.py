"""The pages of articles, relations and entities, and the parts of the timeline, what changed
and the long section indexes, are keyed by the entries of people, organisations and topics
their articles name (incremental.named_entry_keys; an entity's also by those
pages.shown_entries gives), not by those entity files whole: adding a person to
people.yml renders again the pages that show people, not every article's. That is sound only
while such a page shows no other entry, which these tests check on the sample content by
planning and rendering each of those pages with every other entry taken away."""

from __future__ import annotations

import dataclasses
import json
import re

from generator import build
from generator.knowledge.linking import contribution_of_file
from generator.knowledge.model import Article, Relation
from generator.site import pages as site_pages
from generator.site.feeds import page_feeds, plan_feeds
from generator.site.metadata import describe_pages
from tests.conftest import copy_project
from tests.test_incremental import _append_person, _replace

PER_ENTRY = {"person": "people", "organisation": "organisations", "topic": "topics"}


def _named(project, knowledge) -> dict[str, set[tuple[str, str]]]:
    """The entries each article's check looked up, by slug."""
    registry = knowledge.registry
    found = {}
    for path in sorted((project.content / "articles").glob("*.md")):
        contribution = contribution_of_file(path, project.content, registry, project.root)
        if contribution.article is not None:
            found[contribution.article.slug] = {
                tuple(entry) for entry in json.loads(contribution.consulted)}
    return found


def _with_only(registry, entries: set[tuple[str, str]]):
    """The registry with no person, organisation or topic but ``entries`` (nor where the
    others are written); countries, regions and statuses whole (they count whole in the key
    of every page)."""
    tables = {table: {ref: entry for ref, entry in getattr(registry, table).items()
                      if (kind, ref) in entries or ("actor", ref) in entries}
              for kind, table in PER_ENTRY.items()}
    lines = {(stem, ref): line for (stem, ref), line in registry.lines.items()
             if stem not in PER_ENTRY.values() or ref in tables[stem]}
    return dataclasses.replace(registry, **tables, lines=lines)


def _markdown(project, knowledge, pages, feeds) -> dict[str, bytes]:
    """The pages as a build writes them, each with links made afresh (no cache shared);
    ``feeds``: the site's, by page (planned from the whole registry, as a build does)."""
    describe_pages(pages, knowledge, project.site)
    environment = build.page_environment(project)
    found = {}
    for page in pages:
        page.context.update(page_feeds(page.path, feeds))
        found[page.path] = build.render_page(environment, project, knowledge, page)
    return found


def test_pages_show_only_the_entries_their_articles_name_and_their_own(sample_project):
    project = build.load_project(sample_project)
    knowledge, problems = build.check(project)
    assert not problems.items
    named = _named(project, knowledge)
    registry = knowledge.registry
    knowledge.countries_with_pages()  # asked of the whole registry, and counted whole
    feeds = {feed.page: feed for feed in plan_feeds(knowledge, project.address)}
    assert feeds
    units = [(article, site_pages._article(knowledge, article)[1])
             for article in knowledge.articles.values()]
    units += [(relation, lambda relation=relation: site_pages._relation(knowledge, relation))
              for relation in knowledge.relations.values()]
    units += [(registry.countries[code],
               lambda code=code: site_pages._country(knowledge, registry.countries[code]))
              for code in knowledge.countries_with_pages()]
    units += [(thing, lambda thing=thing, plan=plan: plan(knowledge, thing))
              for things, plan in ((registry.organisations, site_pages._organisation),
                                   (registry.people, site_pages._person))
              for thing in things.values()]
    units += [(topic, lambda topic=topic: site_pages._topic(
                  knowledge, topic, site_pages._topic_sources(knowledge, topic.id)))
              for topic in registry.topics.values()]
    assert len(units) > 100
    restricted = 0
    for thing, plan in units:
        planned = plan()
        site_pages._finish(knowledge, planned)
        expected = _markdown(project, knowledge, planned, feeds)
        # Planned and rendered with only what the unit's articles name (and an entity's
        # pages what they show of their own)...
        shown = set() if isinstance(thing, (Article, Relation)) else set(
            site_pages.shown_entries(knowledge, thing)[0])
        entries = set().union(*(named[slug] for slug in planned[0].sources)) | shown
        knowledge.registry = _with_only(registry, entries)
        try:
            again = plan()
            site_pages._finish(knowledge, again)
            assert _markdown(project, knowledge, again, feeds) == expected, thing
            # ...and each page (an archive part draws on fewer articles) rendered with only
            # what its own articles name.
            for page in planned[1:]:
                knowledge.registry = _with_only(
                    registry, set().union(*(named[slug] for slug in page.sources)) | shown)
                assert _markdown(project, knowledge, [page], feeds) == {page.path: expected[page.path]}
        finally:
            knowledge.registry = registry
        restricted += len(registry.people) > sum(1 for kind, _ in entries if kind == "person")
    # The restriction bites: the sample has people that most units' articles do not name.
    assert restricted > len(units) * 0.9


def test_section_parts_show_only_the_entries_their_articles_name(sample_project, monkeypatch):
    """The parts of the timeline, what changed and the long section indexes (made short
    here, so that the sample has them)."""
    from generator.site import archives

    monkeypatch.setattr(archives, "PART", 4)
    project = build.load_project(sample_project)
    knowledge, problems = build.check(project)
    named = _named(project, knowledge)
    registry = knowledge.registry
    knowledge.countries_with_pages()
    feeds = {feed.page: feed for feed in plan_feeds(knowledge, project.address)}
    pages = [page for page in site_pages.plan_pages(knowledge) if page.named_entries
             and page.path.split("/")[0] in ("timeline", "changes", "articles", "relations")
             and page.template not in ("article.md.j2", "relation.md.j2", "archive.md.j2")]
    sections = {page.path.split("/")[0] for page in pages}
    assert sections == {"timeline", "changes", "articles", "relations"}, sections
    expected = _markdown(project, knowledge, pages, feeds)
    try:
        for page in pages:
            knowledge.registry = _with_only(
                registry, set().union(*(named[slug] for slug in page.sources)))
            assert _markdown(project, knowledge, [page], feeds) == {
                page.path: expected[page.path]}
    finally:
        knowledge.registry = registry


def _rendered(output: str) -> int:
    return int(re.search(r"writing pages: (\d+) in", output).group(1))


def _keys(docs) -> dict[str, str]:
    """Each generated file's inputs key: a file rendered again has a new one."""
    return json.loads((docs / ".briefings-manifest.json").read_text(encoding="utf-8"))["keys"]


def test_a_person_added_renders_again_only_the_pages_that_show_people(tmp_path, run):
    project = copy_project(tmp_path / "project", with_content=True)
    assert run(project, "--quiet", "generate").code == 0
    docs = project / "build" / "docs"
    before = _keys(docs)
    _append_person(project)  # a minister of Kazakhstan
    result = run(project, "--verbose", "generate")
    assert result.code == 0, result.err
    after = _keys(docs)
    rendered = {path for path in after if before.get(path) != after[path]}
    assert _rendered(result.out) <= len(rendered)
    assert {"people/ada-newcomer.md", "people/ada-newcomer/feed.xml",
            "countries/kazakhstan.md"} <= rendered
    assert not [path for path in rendered if path.startswith((
        "articles/", "relations/", "organisations/", "topics/"))
        or path.startswith("countries/") and path != "countries/kazakhstan.md"
        or path.endswith("feed.xml") and path != "people/ada-newcomer/feed.xml"]
    assert len(rendered) < len(after) / 5
    # A person an article names, renamed: that article's page says the new name.
    _replace(project / "content" / "entities" / "people.yml",
             "name: Kassym-Jomart Tokayev", "name: Kassym-Jomart K. Tokayev")
    result = run(project, "--verbose", "generate")
    assert result.code == 0, result.err
    page = (docs / "articles" / "2025-kazakhstan-turkiye-strategic-ties.md").read_text(
        encoding="utf-8")
    assert "Kassym-Jomart K. Tokayev" in page
