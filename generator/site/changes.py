"""What changed: the latest status changes, trend flips and events, for the home page, and
one page per month that keeps the history.

"Latest" is counted back from the newest source on the site, not from the day of the build,
so that a rebuild of the same content gives the same pages.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from ..content.dates import PartialDate, Period
from ..knowledge.knowledge import KnowledgeBase
from ..knowledge.model import Event, Relation
from ..knowledge.trends import DETERIORATING, Trend, newest_dated, outlook, trend
from .page_plan import make_page, sources_of

WINDOW_DAYS = 90
HOME_CHANGES = 12
MONTH_EVENTS = 300  # a month page lists at most this many events, the strongest first


@dataclass(frozen=True)
class Change:
    date: PartialDate
    event: Event | None = None  # a status change or an event
    relation: Relation | None = None  # for a trend flip: whose trend
    trend: Trend | None = None
    previous: Trend | None = None
    deteriorating: bool = False  # it concerns a relation whose trend is deteriorating

    @property
    def sort_key(self):
        title = self.event.title if self.event else self.relation.slug
        return (not self.deteriorating, -self.date.span[0], title)


def relation_outlooks(knowledge: KnowledgeBase) -> dict[tuple[str, str], object]:
    found = {}
    for pair, relation in knowledge.relations.items():
        # As of the same newest source as the relation's own page.
        as_of = newest_dated([knowledge.articles[slug].date
                              for slug in knowledge.told_about(relation)])
        found[pair] = outlook(knowledge.events_of(*pair), as_of, knowledge.assessments_of(pair))
    return found


def _deteriorating_pairs(outlooks) -> set[tuple[str, str]]:
    return {pair for pair, seen in outlooks.items() if seen.headline.direction == DETERIORATING}


def _touches(event: Event, pairs: set) -> bool:
    parties = set(event.parties)
    return any(a in parties and b in parties for a, b in pairs)


def latest_changes(knowledge: KnowledgeBase, outlooks: dict | None = None) -> dict:
    """The changes within WINDOW_DAYS of the newest source, deteriorating relations first.
    ``outlooks``: each relation's, when the caller has them already."""
    newest = next(iter(knowledge.articles.values()), None)
    if newest is None:
        return {"items": [], "total": 0, "since": None, "until": None}
    end = newest.date.span[1]
    start = end - WINDOW_DAYS
    outlooks = outlooks if outlooks is not None else relation_outlooks(knowledge)
    worse = _deteriorating_pairs(outlooks)
    items = []
    for event in knowledge.events:
        if not event.expected and start <= event.date.span[0] < end:
            items.append(Change(event.date, event, deteriorating=_touches(event, worse)))
    for pair, seen in outlooks.items():
        before = seen.flipped
        current = seen.history[0] if seen.history else None
        if before is not None and seen.as_of and start <= seen.as_of.span[0] < end:
            # Flagged (and listed first) when the flip it tells is to deteriorating: a quarter
            # that improved is not flagged for the month after it that did not.
            items.append(Change(seen.as_of, relation=knowledge.relations[pair], trend=current,
                                previous=before, deteriorating=pair in worse and current is not None
                                and current.direction == DETERIORATING))
    items.sort(key=lambda change: change.sort_key)
    return {"items": items[:HOME_CHANGES], "total": len(items),
            "since": PartialDate(*_ymd(start)), "until": newest.date}


def _ymd(ordinal: int) -> tuple[int, int, int]:
    day = datetime.date.fromordinal(ordinal)
    return day.year, day.month, day.day


def change_pages(knowledge: KnowledgeBase):
    """A "what changed" page per month with a change, and their index."""

    # Months are grouped by (year, month) and made Periods once each: hashing and making
    # dataclasses, per event and per relation, took half of this at 10,000 articles.
    periods: dict[tuple[int, int], Period] = {}

    def period(key: tuple[int, int]) -> Period:
        found = periods.get(key)
        if found is None:
            year, month = key
            found = periods[key] = Period(year, (month - 1) // 3 + 1, month)
        return found

    by_month: dict[tuple[int, int], list[Change]] = defaultdict(list)
    basis: dict[tuple[int, int], set[str]] = defaultdict(set)  # see below
    for event in knowledge.events:
        date = event.date
        if date.month and not event.expected:
            by_month[date.year, date.month].append(Change(date, event))
    for pair, relation in knowledge.relations.items():
        events = knowledge.events_of(*pair)
        assessments = knowledge.assessments_of(pair)
        # Each month's events, in their order: what trend() would pick out of all of them
        # (a date without a month lies in none).
        in_month: dict[tuple[int, int], list[Event]] = defaultdict(list)
        happened = set()
        for event in events:
            date = event.date
            if date.month:
                in_month[date.year, date.month].append(event)
                if not event.expected:
                    happened.add((date.year, date.month))
        happened.update((a.period.year, a.period.month) for a in assessments
                        if a.period.kind == "month")
        wanted = sorted(happened)
        # Each month's trend once: a month is also the one before the next.
        trends = {key: trend(in_month.get(key, ()), period(key), assessments)
                  for key in {*wanted, *map(_month_before, wanted)}}
        for key in wanted:
            prior = _month_before(key)
            now, before = trends[key], trends[prior]
            if now.known:
                # Whether the month shows a flip, and what it says the trend was before,
                # rests on the month before as well: its events and assessments count among
                # the month page's sources (the month's own events are listed on it).
                for event in in_month.get(prior, ()):
                    basis[key].update(citation.article for citation in event.sources)
                month, previous = period(key), period(prior)
                basis[key].update(a.citation.article for a in assessments
                                  if a.period in (month, previous))
            if now.known and before.known and now.direction != before.direction:
                by_month[key].append(Change(PartialDate(*key), None, relation, now, before,
                                            now.direction == DETERIORATING))
    keys = sorted(by_month, reverse=True)
    pages = [make_page("changes/index.md", "changes_index.md.j2", title="What changed",
                   months=[(period(key), len(by_month[key])) for key in keys])]
    for key in keys:
        month, changes = period(key), by_month[key]
        flips = [c for c in changes if c.relation is not None]
        statuses = [c.event for c in changes if c.event and c.event.status_change]
        events = [c.event for c in changes if c.event and not c.event.status_change]
        shown = sorted(events, key=lambda e: (-abs(e.tone), e.sort_key))[:MONTH_EVENTS]
        shown.sort(key=lambda e: e.sort_key)
        told = sources_of([*events, *statuses, *(c.relation for c in flips)]) | basis[key]
        pages.append(make_page(f"changes/{month.key}.md", "changes_month.md.j2", told,
                           title=f"What changed: {month.label}", search_exclude=True,
                           month=month, flips=sorted(flips, key=lambda c: c.sort_key),
                           statuses=statuses, events=shown, hidden=len(events) - len(shown)))
    return pages


def _month_before(key: tuple[int, int]) -> tuple[int, int]:
    year, month = key
    return (year - 1, 12) if month == 1 else (year, month - 1)
