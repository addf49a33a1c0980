"""The change summary a build leaves behind: which pages changed and what new articles touch.

CI shows it in the job summary, so a reviewer sees what an article adds to the site.
"""

from __future__ import annotations

from ..engine.output import Changes
from ..knowledge.knowledge import KnowledgeBase
from ..knowledge.urls import article_slug
from .links import Links

SUMMARY_FILE = "changes.md"
LISTED = 30  # page names listed per kind of change; a longer list is counted, not listed


def _new_articles(changes: Changes, knowledge: KnowledgeBase) -> list:
    slugs = {article_slug(name) for name in changes.added} - {None}
    return [article for slug, article in knowledge.articles.items() if slug in slugs]


def _touched(article, knowledge: KnowledgeBase) -> list[str]:
    """The names of everything one article's annotations point at, relations included."""
    claims = knowledge.claims_in(article.slug)
    links = Links(knowledge, "")
    registry = knowledge.registry
    names = [links.name(registry.table(m.kind)[m.ref]) for m in claims["mentions"]]
    names += [links.name(relation) for relation, _ in claims["relations"]]
    for item in claims["events"] + claims["figures"] + claims["quotes"]:
        names += [registry.actor(ref).name for ref in getattr(item, "actors", ())]
    names += [registry.topics[ref].name for ref in article.topics]
    return sorted(dict.fromkeys(names), key=str.casefold)


def change_summary(changes: Changes, knowledge: KnowledgeBase) -> str:
    lines = ["## Site changes", "",
             f"{len(changes.added)} pages added, {len(changes.changed)} changed, "
             f"{len(changes.removed)} removed, {changes.unchanged} unchanged.", ""]
    new = _new_articles(changes, knowledge)
    if new:
        lines += ["### New articles", ""]
        for article in new:
            touched = ", ".join(_touched(article, knowledge)) or "nothing annotated yet"
            lines.append(f"- {article.title} ({article.date.label}): touches {touched}")
        lines.append("")
    for heading, names in (("Added", changes.added), ("Changed", changes.changed),
                           ("Removed", changes.removed)):
        pages = [name for name in names if name.endswith(".md")]
        if not pages:
            continue
        lines += [f"### {heading} pages", ""]
        lines += [f"- `{name}`" for name in pages[:LISTED]]
        if len(pages) > LISTED:
            lines.append(f"- … and {len(pages) - LISTED} more")
        lines.append("")
    return "\n".join(lines)
