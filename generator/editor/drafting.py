"""Drafting an annotation for a new article: what the registry can name in its paragraphs,
figures with units and periods, relations and events, each with an evidence quote that only
one paragraph holds, and each marked `draft: true` for an editor to confirm.

Everything here is a guess made from the text alone. The guesses are cheap and explainable
(names from the registry, patterns for numbers, actors named in one sentence), so an editor
can see why an item was proposed and delete it when it is wrong; `briefings check` reminds
them of every draft and keeps drafts off the site until they are confirmed.
"""

from __future__ import annotations

from collections import Counter

from ..content.dates import PartialDate
from ..content.registry import Registry
from ..content.schema import ANNOTATION_SECTIONS
from .events import events_of
from .figures import figures_of
from .jsonschema import schema_line
from .quotes import Article, read_article
from .relations import relations_of
from .yaml_writer import yaml_value

# content/articles/<slug>.yml is two folders below the schemas.
_HEADER = (schema_line(2, "annotation.schema.json") + "\n"
           "# Drafted by `briefings new` from the article's text. Check each item against the\n"
           "# article: fix or delete it, then delete its `draft: true` line to confirm it.\n")

# How many places of one name are tried for a unique quote before giving up on it.
_TRIES = 5


def draft_items(paragraphs: list[str], registry: Registry,
                date: PartialDate | None = None) -> dict[str, list[dict]]:
    """The draft, section by section: each item a dict of the annotation fields."""
    article = read_article(paragraphs, registry)
    sections: dict[str, list[dict]] = {}
    for section, kind in (("countries", "country"), ("organisations", "organisation"),
                          ("people", "person"), ("topics", "topic")):
        sections[section] = _mentions(article, kind)
    sections["relations"] = relations_of(article)
    sections["events"] = events_of(article, registry, date) if date else []
    sections["figures"] = figures_of(article)
    return {name: items for name, items in sections.items() if items}


def draft_annotation(paragraphs: list[str], registry: Registry,
                     date: PartialDate | None = None) -> str:
    """The draft annotation file (YAML text) for an article with these paragraphs."""
    return _annotation_yaml(draft_items(paragraphs, registry, date))


def _mentions(article: Article, kind: str) -> list[dict]:
    """Each entity of this kind that the article names, quoted at its first place that
    gives a unique quote."""
    items: dict[str, dict] = {}
    tried: Counter = Counter()
    for paragraph, found in enumerate(article.found):
        for item in found:
            # A name whose first few places give no unique quote sits in repeated text.
            if item.kind != kind or item.ref in items or tried[item.ref] >= _TRIES:
                continue
            tried[item.ref] += 1
            quote = article.quote(paragraph, item.start, item.end)
            if quote:
                items[item.ref] = {"id": item.ref, "evidence": quote}
    return list(items.values())


def _annotation_yaml(sections: dict[str, list[dict]]) -> str:
    """The annotation file: sections and fields in the schema's order, each item a draft."""
    lines = [_HEADER.rstrip("\n")]
    for section, record in ANNOTATION_SECTIONS.items():
        items = sections.get(section)
        if not items:
            continue
        lines.append(f"{section}:")
        for item in items:
            fields = [spec.name for spec in record.fields if spec.name in item and spec.name != "draft"]
            for index, name in enumerate(fields):
                lines.append(f"{'  - ' if index == 0 else '    '}{name}: {yaml_value(item[name])}")
            lines.append("    draft: true")
    return "\n".join(lines) + "\n"
