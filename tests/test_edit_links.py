"""Every page that comes from one content file links to it: the theme's edit button."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from generator.build import check, load_project
from generator.site.edit_links import edit_url
from generator.site.pages import plan_pages
from tests.sitecheck import parse_page

BRIEF = """\
country: KZ
written: 2025-06-01
sentences:
  - text: Tokayev went to Ankara for talks.
    article: 2025-test
    evidence: Tokayev went to Ankara
"""


def front_matter(docs: Path, path: str) -> dict:
    return yaml.safe_load((docs / path).read_text(encoding="utf-8").split("---")[1])


def test_each_page_names_the_file_it_comes_from(small_project, run):
    assert run(small_project, "generate").code == 0
    docs = small_project / "build" / "docs"
    expected = {
        "articles/2025-test.md": "content/articles/2025-test.md",
        # An entry of an entities file, with its line (TR is on line 1, KZ on line 5).
        "countries/turkiye.md": "content/entities/countries.yml#L1",
        "countries/kazakhstan.md": "content/entities/countries.yml#L5",
        "organisations/ots.md": "content/entities/organisations.yml#L1",
        "people/kassym-jomart-tokayev.md": "content/entities/people.yml#L1",
        "topics/middle-corridor.md": "content/entities/topics.yml#L1",
        # A relation without a brief: the annotation file of its latest statement.
        "relations/kazakhstan-turkiye.md": "content/articles/2025-test.yml",
        "countries/index.md": "content/entities/countries.yml",
        "people/index.md": "content/entities/people.yml",
    }
    for path, source in expected.items():
        assert front_matter(docs, path).get("edit_url") == source, path
    # Pages that gather every article have no one file to edit.
    for path in ("index.md", "timeline/index.md", "articles/index.md", "data/index.md"):
        assert "edit_url" not in front_matter(docs, path), path


def test_a_page_with_a_brief_links_to_the_brief(small_project, run):
    briefs = small_project / "content" / "briefs"
    briefs.mkdir()
    (briefs / "kazakhstan.yml").write_text(BRIEF, encoding="utf-8")
    assert run(small_project, "generate").code == 0
    docs = small_project / "build" / "docs"
    assert front_matter(docs, "countries/kazakhstan.md")["edit_url"] == \
        "content/briefs/kazakhstan.yml"
    assert front_matter(docs, "countries/turkiye.md")["edit_url"] == \
        "content/entities/countries.yml#L1"


def test_a_file_name_is_written_as_a_url(small_project):
    articles = small_project / "content" / "articles"
    for suffix in ("md", "yml"):
        (articles / f"2025-test.{suffix}").rename(articles / f"2025 çay & co.{suffix}")
    knowledge, problems = check(load_project(small_project))
    assert knowledge is not None, problems.sorted()
    [article] = [page for page in plan_pages(knowledge) if page.template == "article.md.j2"]
    assert edit_url(knowledge, article.template, article.context) == \
        "content/articles/2025%20%C3%A7ay%20%26%20co.md"


def edit_button(page: Path) -> str | None:
    text = page.read_text(encoding="utf-8")
    found = re.search(r'<a href="([^"]*)" title="Edit this page"[^>]*rel="edit"', text)
    return found.group(1) if found else None


def test_the_built_pages_show_the_edit_button(built_site):
    repository = "https://github.com/example/briefings/edit/main/"
    assert edit_button(built_site / "articles" / "2025-ots-gabala-summit" / "index.html") == \
        repository + "content/articles/2025-ots-gabala-summit.md"
    assert edit_button(built_site / "countries" / "kazakhstan" / "index.html") == \
        repository + "content/briefs/kazakhstan.yml"
    georgia = edit_button(built_site / "countries" / "georgia" / "index.html")
    line = int(georgia.rsplit("#L", 1)[1])
    entities = (Path(__file__).parent.parent / "content" / "entities" / "countries.yml")
    assert entities.read_text(encoding="utf-8").split("\n")[line - 1] == "- id: GE"
    assert edit_button(built_site / "timeline" / "index.html") is None
    # The repository link is a plain link: Material's script would ask GitHub's API for stars.
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'class="md-source"' in home and 'data-md-component="source"' not in home
    links = [href for href, _ in parse_page(built_site / "index.html").links]
    assert "https://github.com/example/briefings" in links
