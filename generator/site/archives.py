"""Long lists, split so that no page grows with the corpus: an entity page keeps its latest
items and each year with more gets archive pages; a long section index becomes one page per
group (a year, an initial), in parts of at most PART items."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..knowledge.knowledge import KnowledgeBase
from .page_plan import Page, make_page, make_part

# Long lists are split: an entity page shows its latest items, and every year with more gets
# an archive page (in parts when a year alone is long), so no page grows with the corpus.
LATEST = 50
PART = 300
LISTS = ("articles", "events", "figures", "quotes", "mentions")


def _years_of(knowledge: KnowledgeBase, kind: str, items: list) -> list[int]:
    """The year each item is filed under: its own date, a figure's period, else its article's.
    One loop per list (an entity page at 10,000 articles files hundreds of thousands)."""
    if kind in ("articles", "events"):
        return [item.date.year for item in items]
    articles = knowledge.articles
    if kind == "figures":
        return [item.period.year if item.period else articles[item.citation.article].date.year
                for item in items]
    return [articles[item.citation.article].date.year for item in items]


def _latest(kind: str, items: list) -> list:
    # Articles are listed newest first; events and figures oldest first.
    return items[:LATEST] if kind == "articles" else items[-LATEST:]


@dataclass
class Archive:
    """Links to the parts of a long list: (label, path) pairs, newest year first."""

    parts: list[tuple[str, str]] = field(default_factory=list)
    total: int = 0


def parts_of(base: str, label: str, key, count: int) -> list[tuple[str, str]]:
    """(label, path) of each part of one group: a year, or the initial of a name."""
    pieces = max(1, -(-count // PART))
    name = str(key).upper() if isinstance(key, str) else str(key)
    stem = f"{base}/{key}" if not isinstance(key, str) else f"{base}/letter-{key}"
    return [(name if pieces == 1 else f"{name} ({number}/{pieces})",
             f"{stem}.md" if number == 1 else f"{stem}-{number}.md")
            for number in range(1, pieces + 1)]


def split_long_lists(knowledge: KnowledgeBase, base: str, title: str, context: dict
           ) -> tuple[dict, Archive, list[Page]]:
    """The context with long lists cut to their latest items, and the archive pages."""
    lists = {kind: context[kind] for kind in LISTS if kind in context}
    if all(len(items) <= LATEST for items in lists.values()):
        return context, Archive(), []
    by_year: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for kind, items in lists.items():
        for year, item in zip(_years_of(knowledge, kind, items), items, strict=True):
            by_year[year][kind].append(item)
    archive = Archive(total=sum(len(items) for items in lists.values()))
    pages = []
    for year in sorted(by_year, reverse=True):
        kinds = by_year[year]
        longest = max(len(items) for items in kinds.values())
        parts = parts_of(base, title, year, longest)
        archive.parts += parts
        for number, (label, path) in enumerate(parts):
            chunk = {kind: items[number * PART:(number + 1) * PART]
                     for kind, items in kinds.items()}
            # Archive parts repeat what other pages say: search leaves them out.
            pages.append(make_part(path, "archive.md.j2",
                               [item for items in chunk.values() for item in items],
                               title=f"{title}: {label}",
                               subject_title=title, subject_path=f"{base}.md",
                               search_exclude=True, **chunk))
    cut = {**context, **{kind: _latest(kind, items) for kind, items in lists.items()}}
    cut["totals"] = {kind: len(items) for kind, items in lists.items()}
    return cut, archive, pages


def yearly_index(section: str, title: str, template: str, years: list[tuple], **context
            ) -> list[Page]:
    """A section index that lists everything, or, when that is long, links to a page per
    group, such as a year (in parts of at most PART items)."""
    total = sum(len(items) for _, items in years)
    if total <= PART:
        return [make_page(f"{section}/index.md", template, title=title, years=years, parts=[],
                      **context)]
    pages, links = [], []
    for key, items in years:
        parts = parts_of(section, title, key, len(items))
        links.append((key, len(items), parts))
        for number, (label, path) in enumerate(parts):
            chunk = items[number * PART:(number + 1) * PART]
            pages.append(make_part(path, template, chunk, title=f"{title}: {label}",
                               years=[(key, chunk)], parts=[], search_exclude=True,
                               **context))
    index = make_page(f"{section}/index.md", template, title=title, years=[], parts=links,
                  **context)
    return [index, *pages]
