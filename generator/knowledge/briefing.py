"""What a page says on its first screen: the bottom line of a country, relation, organisation
or topic, as plain data for the templates.

Where it stands (the current status, since when), which way it moves (the trend), the key
numbers (each series' latest value, its change since the period before, any target), the
last changes, what comes next, and how fresh the sources are.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from ..content.dates import PartialDate
from .briefs import Brief
from .knowledge import KnowledgeBase
from .model import Article, Event, Figure, Relation, RelationClaim
from .trends import Outlook, newest_dated, outlook

KEY_NUMBERS = 3
CHANGES = 3
NEXT = 2
STATUSES = 3
_NO_DATE = PartialDate(1)  # where a value or target without a period sorts: first


@dataclass(frozen=True)
class KeyNumber:
    latest: Figure
    previous: Figure | None = None
    target: Figure | None = None

    @property
    def change(self) -> str:
        """The change since the previous period in words, e.g. 'down 17%'; '' if unknown."""
        if self.previous is None or not self.previous.value:
            return ""
        ratio = (self.latest.value - self.previous.value) / abs(self.previous.value) * 100
        if round(ratio) == 0:
            return "about the same as"
        return f"{'up' if ratio > 0 else 'down'} {abs(ratio):.0f}% from"


@dataclass(frozen=True)
class StatusLine:
    relation: Relation
    current: RelationClaim
    since: RelationClaim
    name: str


@dataclass
class BottomLine:
    outlook: Outlook
    statuses: list[StatusLine] = field(default_factory=list)
    numbers: list[KeyNumber] = field(default_factory=list)
    changes: list[Event] = field(default_factory=list)
    upcoming: list[Event] = field(default_factory=list)
    newest: Article | None = None
    brief: Brief | None = None
    brief_out_of_date: bool = False


def status_line(knowledge: KnowledgeBase, relation: Relation) -> StatusLine | None:
    current = relation.current
    if current is None:
        return None
    return StatusLine(relation, current, relation.since,
                      knowledge.registry.statuses[current.status].name)


def key_numbers(figures: list[Figure], limit: int = KEY_NUMBERS, position=None
                ) -> list[KeyNumber]:
    """Each series' latest actual value with the one before it and its latest target; the
    series with the newest values first. ``position`` orders targets without a period by
    where they were told (KnowledgeBase.position); without it, the last one given counts."""
    actual: dict[tuple, list[Figure]] = {}
    targets: dict[tuple, list[Figure]] = {}
    for figure in figures:
        (actual if figure.type == "actual" else targets if figure.type == "target" else {}
         ).setdefault(figure.series, []).append(figure)
    numbers = []
    for series, values in actual.items():
        goals = targets.get(series)
        if len(values) == 1 and (goals is None or len(goals) == 1):
            # Most series of a topic's page have one value and no more than one target: no
            # sorting to do (the sorts below cost a topic's page more than all the rest).
            numbers.append(KeyNumber(values[0], None, goals[0] if goals else None))
            continue
        # By period, then citation, as (f.period, f.citation) sorts, in plain tuples: a topic's
        # page compares thousands of figures.
        dated = sorted((f for f in values if f.period is not None),
                       key=lambda f: (f.period.order_key, f.citation.article,
                                      f.citation.paragraph, f.citation.quote))
        latest = dated[-1] if dated else values[-1]
        previous = next((f for f in reversed(dated) if f.period != latest.period), None) \
            if dated else None
        goal = sorted(targets.get(series, []), key=lambda f: (
            (f.period or _NO_DATE).order_key, position(f.citation) if position else ()))
        numbers.append(KeyNumber(latest, previous, goal[-1] if goal else None))
    # Series first (a value with the one before it says which way it goes), then the newest.
    # Only the few that fit are picked, as sorting all and cutting would (a topic's page has
    # thousands of series), by plain tuples: comparing dates and citations as records runs
    # their Python methods for every pair.
    return heapq.nlargest(limit, numbers, key=lambda n: (
        n.previous is not None or n.target is not None, (n.latest.period or _NO_DATE).order_key,
        n.latest.citation.article, n.latest.citation.paragraph, n.latest.citation.quote))


def bottom_line(knowledge: KnowledgeBase, events: list[Event], figures: list[Figure],
                articles: list[Article], subject: tuple, actors: tuple[str, ...] = (),
                relations: list[Relation] = (), numbers: int = KEY_NUMBERS) -> BottomLine:
    """``subject`` names the page for its brief; ``actors`` the one actor or pair whose
    assessments count; ``relations`` the relations whose status the page states; ``numbers``
    how many key numbers fit (pages about one actor have more series, in longer words)."""
    as_of = newest_dated([article.date for article in articles]
                         or [event.date for event in events if not event.expected])
    assessments = knowledge.assessments_of(actors) if actors else []
    line = BottomLine(outlook(events, as_of, assessments))
    statuses = [found for found in (status_line(knowledge, r) for r in relations) if found]
    statuses.sort(key=lambda s: (s.current.holds_from, s.relation.slug), reverse=True)
    line.statuses = statuses[:STATUSES]
    line.numbers = key_numbers(figures, numbers, knowledge.position)
    happened = [event for event in events if not event.expected]
    # The newest few, as sorted(...)[:CHANGES] gives them, without sorting thousands.
    line.changes = heapq.nlargest(CHANGES, happened, key=lambda e: e.sort_key)
    newest = articles[0] if articles else None
    line.newest = newest
    # Plans still ahead when the newest source was written (all of them without a source).
    start = newest.date.span[0] if newest else 0
    line.upcoming = [event for event in events
                     if event.expected and event.date.span[1] > start][:NEXT]
    brief = knowledge.briefs.get(subject)
    if brief is not None:
        line.brief = brief
        line.brief_out_of_date = any(brief.out_of_date(article.date) for article in articles)
    return line
