"""Which content file each page comes from, for the page's edit link.

The generated Markdown is not in the repository, so mkdocs' own edit link (``edit_uri`` plus
the generated file's path) would lead nowhere. Each page instead names, in its front matter
(``edit_url``), the one file an editor opens to change what it shows, as a path from the
repository's root; the theme joins it to ``repo_url`` and ``edit_uri`` of mkdocs.yml
(templates/theme/partials/actions.html). A page drawn from many files names the main one:

- an article page: the article;
- a country, organisation, person or topic page: its brief when it has one (the words at the
  top of the page), otherwise its entry in content/entities/ (with the entry's line);
- a relation page: its brief, otherwise the annotation file of its latest statement;
- the countries, organisations, people and topics indexes: their entity file;
- an editor's page: its file.

Pages that gather every article (home, the other indexes, timeline, what changed, data,
archive parts) have no one file to edit, and no edit link.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import quote

from ..knowledge.knowledge import KnowledgeBase
from ..knowledge.model import Article

CONTENT = PurePosixPath("content")
ENTITIES = CONTENT / "entities"
_SUBJECTS = {"country.md.j2": ("country", "countries"),
             "organisation.md.j2": ("organisation", "organisations"),
             "person.md.j2": ("person", "people"),
             "topic.md.j2": ("topic", "topics")}
_INDEXES = {"countries_index.md.j2": "countries", "organisations_index.md.j2": "organisations",
            "people_index.md.j2": "people", "topics_index.md.j2": "topics"}


def _url(path: str, line: int = 0) -> str:
    """A repository path as a relative URL; a line as GitHub's anchor (#L12)."""
    return quote(path, safe="/") + (f"#L{line}" if line else "")


def edit_url(knowledge: KnowledgeBase, template: str, context: dict) -> str:
    """The file the page comes from, as a URL relative to the repository; "" for none."""
    if template == "article.md.j2":
        return _url(context["article"].path)
    if template in _SUBJECTS:
        kind, stem = _SUBJECTS[template]
        thing = context[kind]
        brief = knowledge.briefs.get((kind, thing.id))
        if brief is not None:
            return _url(brief.path)
        line = knowledge.registry.lines.get((stem, thing.id), 0)
        return _url(str(ENTITIES / f"{stem}.yml"), line)
    if template == "relation.md.j2":
        relation = context["relation"]
        brief = knowledge.briefs.get(("relation", relation.pair))
        if brief is not None:
            return _url(brief.path)
        if not relation.claims:
            return ""
        article: Article = knowledge.articles[relation.claims[-1].citation.article]
        return _url(str(PurePosixPath(article.path).with_suffix(".yml")))
    if template in _INDEXES:
        return _url(str(ENTITIES / f"{_INDEXES[template]}.yml"))
    if "source_path" in context:  # an editor's page
        return _url(context["source_path"])
    return ""


def add_edit_links(knowledge: KnowledgeBase, pages) -> None:
    """Give every page its edit link (a plain value of its context, so that a page is
    written again when its link changes)."""
    for page in pages:
        page.context["edit_url"] = edit_url(knowledge, page.template, page.context)
