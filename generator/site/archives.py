"""Long lists, split so that no page grows with the corpus: an entity page keeps its latest
items and each year with more gets archive pages; a long section index becomes one page per
group (a year, an initial). A busy year is split by month (see year_pieces), anything else
that is long in parts of at most PART items, cut where the items themselves say (see
_parts), so that one item added changes one part."""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ..content.dates import MONTH_NAMES
from ..knowledge.knowledge import KnowledgeBase
from .page_plan import Page, make_page, make_part

# Long lists are split: an entity page shows its latest items, and every year with more gets
# an archive page (a page per month when a year alone is long), so no page grows with the
# corpus.
LATEST = 50
PART = 300
LISTS = ("articles", "events", "figures", "quotes", "mentions")


def _filed_under(knowledge: KnowledgeBase, kind: str, items: list) -> list[tuple[int, int]]:
    """The year and month (0 when the date gives only the year) each item is filed under: its
    own date, a figure's period, else its article's. One loop per list (an entity page at
    10,000 articles files hundreds of thousands)."""
    if kind in ("articles", "events"):
        return [(item.date.year, item.date.month) for item in items]
    articles = knowledge.articles
    if kind == "figures":
        return [(item.period.year, item.period.month) if item.period else
                (articles[item.citation.article].date.year,
                 articles[item.citation.article].date.month) for item in items]
    return [(articles[item.citation.article].date.year, articles[item.citation.article].date.month)
            for item in items]


def _latest(kind: str, items: list) -> list:
    # Articles are listed newest first; events and figures oldest first.
    return items[:LATEST] if kind == "articles" else items[-LATEST:]


@dataclass
class Piece:
    """One archive page: ``label`` links to it from its group's row (a year's, or an
    initial's), ``heading`` names it in its title; ``lists`` holds its items, by kind;
    ``months`` links a split year's months from the year's own page."""

    label: str
    heading: str
    path: str
    lists: dict[str, list]
    months: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Archive:
    """Links to the pages of a long list: (year, items, [(label, path), ...]), newest year
    first."""

    parts: list[tuple[int, int, list[tuple[str, str]]]] = field(default_factory=list)
    total: int = 0


def _item_mark(item) -> int:
    """A number that depends on the item alone, never on its neighbours or its place in a
    list: an article or relation by its slug, anything else by the words it is cited for."""
    slug = getattr(item, "slug", None)
    if slug is None:
        citation = item.citation
        slug = f"{citation.article}\n{citation.paragraph}\n{citation.quote}"
    return zlib.crc32(slug.encode())


def _parts(items: list) -> list[list]:
    """A long list in parts of at most PART items, cut after the items whose mark says so
    (content-defined chunking, as rsync and backup tools cut files). Parts cut by count moved
    every later item to another part when one was added early in the list, so every later
    part changed; cut by the items' marks, an item added or removed changes the items of its
    own part (and, when it is itself a cut or fills a part, of the next) while the rest keep
    theirs. Only when the number of parts changes (about one item in PART // 4) are the later
    parts renumbered. A part has at least PART // 6 items (except a last one too long to
    merge into the one before) and PART // 6 + PART // 4 on average: 125 of at most 300."""
    if len(items) <= PART:
        return [items]
    shortest, spacing = max(1, PART // 6), max(2, PART // 4)
    parts, start = [], 0
    for at, item in enumerate(items, 1):
        size = at - start
        if size >= PART or (size >= shortest and _item_mark(item) % spacing == 0):
            parts.append(items[start:at])
            start = at
    if start < len(items):
        rest = items[start:]
        if parts and len(rest) < shortest and len(parts[-1]) + len(rest) <= PART:
            parts[-1] = parts[-1] + rest
        else:
            parts.append(rest)
    return parts


def _numbered(label: str, heading: str, stem: str, lists: dict[str, list],
              later: str = "") -> list[Piece]:
    """One group's pages: one, or parts of at most PART items of each kind (see _parts);
    part N holds the Nth part of each kind. The first is ``stem.md``, the Nth
    ``later-N.md`` (``later`` is the stem unless given)."""
    cut = {kind: _parts(items) for kind, items in lists.items()}
    pieces = max(len(parts) for parts in cut.values())
    if pieces == 1:
        return [Piece(label, heading, f"{stem}.md", lists)]
    return [Piece(f"{label} ({number}/{pieces})", f"{heading} ({number}/{pieces})",
                  f"{stem}.md" if number == 1 else f"{later or stem}-{number}.md",
                  {kind: parts[number - 1] if number <= len(parts) else []
                   for kind, parts in cut.items()})
            for number in range(1, pieces + 1)]


def year_pieces(base: str, year: int, lists: dict[str, list],
                months: dict[str, list[int]]) -> list[Piece]:
    """The pages one year's items go on (``months``: each item's month, 0 for a date that
    gives only the year). The year's page (``base/2025.md``) always exists: it holds the
    whole year while no list is longer than PART. A longer year gets a page per month
    (``base/2025-03.md``, in parts when a month alone is longer), and its own page links
    them and holds what is dated by the year only (in parts when long:
    ``base/2025-year-only-2.md``).
    A month's page changes only when an item of that month does, so adding one article
    renders a few small pages again, not every later part of a busy year."""
    if max(len(items) for items in lists.values()) <= PART:
        return _numbered(str(year), str(year), f"{base}/{year}", lists)
    by_month: dict[int, dict[str, list]] = defaultdict(lambda: {kind: [] for kind in lists})
    for kind, items in lists.items():
        for month, item in zip(months[kind], items, strict=True):
            by_month[month][kind].append(item)
    month_pieces = [piece for month in sorted(month for month in by_month if month)
                    for piece in _numbered(MONTH_NAMES[month], f"{MONTH_NAMES[month]} {year}",
                                           f"{base}/{year}-{month:02d}", by_month[month])]
    # Its parts are not "2025-10": that is October's page.
    year_only = _numbered("year only", f"{year}, dated by year only", f"{base}/{year}",
                          by_month.get(0) or {kind: [] for kind in lists},
                          later=f"{base}/{year}-year-only")
    year_only[0].label = year_only[0].heading = str(year)
    year_only[0].months = [(piece.label, piece.path) for piece in month_pieces]
    # The year's page first, then the months, then the rest of the year-only items (which
    # sort after December).
    return [year_only[0], *month_pieces, *year_only[1:]]


def _months(piece: Piece) -> dict:
    """A page's month links, their paths as a plain value (a page's key counts plain values,
    so a year's page is rendered again when a month is added to its links), and whether it
    lists anything itself (what is dated by the year only)."""
    return {"months": piece.months, "month_paths": " ".join(path for _, path in piece.months),
            "year_only": any(piece.lists.values())}


def split_long_lists(knowledge: KnowledgeBase, base: str, title: str, context: dict
           ) -> tuple[dict, Archive, list[Page]]:
    """The context with long lists cut to their latest items, and the archive pages."""
    lists = {kind: context[kind] for kind in LISTS if kind in context}
    if all(len(items) <= LATEST for items in lists.values()):
        return context, Archive(), []
    by_year: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    months: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for kind, items in lists.items():
        for (year, month), item in zip(_filed_under(knowledge, kind, items), items, strict=True):
            by_year[year][kind].append(item)
            months[year][kind].append(month)
    archive = Archive(total=sum(len(items) for items in lists.values()))
    pages = []
    for year in sorted(by_year, reverse=True):
        kinds = by_year[year]
        pieces = year_pieces(base, year, kinds, months[year])
        archive.parts.append((year, sum(len(items) for items in kinds.values()),
                              [(piece.label, piece.path) for piece in pieces]))
        for piece in pieces:
            # Archive parts repeat what other pages say: search leaves them out.
            pages.append(make_part(piece.path, "archive.md.j2",
                                   [item for items in piece.lists.values() for item in items],
                                   title=f"{title}: {piece.heading}",
                                   subject_title=title, subject_path=f"{base}.md",
                                   search_exclude=True, **_months(piece), **piece.lists))
    cut = {**context, **{kind: _latest(kind, items) for kind, items in lists.items()}}
    cut["totals"] = {kind: len(items) for kind, items in lists.items()}
    return cut, archive, pages


def yearly_index(section: str, title: str, template: str, years: list[tuple],
                 month_of: Callable[[object], int] | None = None, **context) -> list[Page]:
    """A section index that lists everything, or, when that is long, links to a page per
    group: a year (by month when long: see year_pieces; ``month_of`` gives an item's month,
    0 when its date gives only the year), or an initial (in parts of at most PART items)."""
    total = sum(len(items) for _, items in years)
    if total <= PART:
        return [make_page(f"{section}/index.md", template, title=title, years=years, parts=[],
                      **context)]
    pages, links = [], []
    for key, items in years:
        if isinstance(key, str):  # an initial
            pieces = _numbered(key.upper(), key.upper(), f"{section}/letter-{key}",
                               {"items": items})
        else:
            pieces = year_pieces(section, key, {"items": items},
                                 {"items": [month_of(item) if month_of else 0
                                            for item in items]})
        links.append((key.upper() if isinstance(key, str) else key, len(items),
                      [(piece.label, piece.path) for piece in pieces]))
        for piece in pieces:
            chunk = piece.lists["items"]
            pages.append(make_part(piece.path, template, chunk, title=f"{title}: {piece.heading}",
                                   years=[(piece.heading, chunk)], parts=[], search_exclude=True,
                                   **_months(piece), **context))
    index = make_page(f"{section}/index.md", template, title=title, years=[], parts=links,
                  **context)
    return [index, *pages]
