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


def _pages(names: list[str]) -> list[str]:
    return [name for name in names if name.endswith(".md")]


def change_summary(changes: Changes, knowledge: KnowledgeBase) -> str:
    # Pages are what a reviewer reads; the feeds, data downloads and pictures that change
    # with them are counted on their own.
    touched = (changes.added, changes.changed, changes.removed)
    others = sum(len(names) - len(_pages(names)) for names in touched)
    lines = ["## Site changes", "",
             f"{len(_pages(changes.added))} pages added, {len(_pages(changes.changed))} "
             f"changed, {len(_pages(changes.removed))} removed; {others} other "
             f"file{'s' if others != 1 else ''} (feeds, data downloads, pictures) written or "
             f"removed; {changes.unchanged} files unchanged.", ""]
    new = _new_articles(changes, knowledge)
    if new:
        lines += ["### New articles", ""]
        for article in new:
            touched = ", ".join(_touched(article, knowledge)) or "nothing annotated yet"
            lines.append(f"- {article.title} ({article.date.label}): touches {touched}")
        lines.append("")
    for heading, names in (("Added", changes.added), ("Changed", changes.changed),
                           ("Removed", changes.removed)):
        pages = _pages(names)
        if not pages:
            continue
        lines += [f"### {heading} pages", ""]
        lines += [f"- `{name}`" for name in pages[:LISTED]]
        if len(pages) > LISTED:
            lines.append(f"- … and {len(pages) - LISTED} more")
        lines.append("")
    return "\n".join(lines)
