"""Which way a relation or a country is moving in a month or a quarter, CrisisWatch-style.

The rule, applied to one subject (a relation, or a country or organisation with all of its
events) and one period:

1. An editor's assessment for that subject and period wins (``assessments:``).
2. Status changes dated within the period decide next: each counts +1 when the new status
   stands higher on the cooperation–conflict scale, −1 when lower. A positive sum is
   *improving*, a negative one *deteriorating*.
3. Otherwise the events dated within the period decide (planned ones do not count; a date
   given only as a year lies in no month or quarter, one given as a month lies in its
   quarter). No event: *not enough data*. Else the mean of their tones (Goldstein scores):
   at least +2 is *improving*, at most −2 *deteriorating*, anything between *unchanged*
   (routine contact such as visits and statements moves nothing).

The periods reported are the month and the quarter of the subject's newest source.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..content.dates import PartialDate, Period, month_of, quarter_of
from .model import Assessment, Event

IMPROVING, DETERIORATING, UNCHANGED, UNKNOWN = (
    "improving", "deteriorating", "unchanged", "not enough data")
THRESHOLD = 2.0  # mean tone at or beyond which events move the trend
# No direction: a dash. (A dot read as one more of the "·" that separate the parts of the
# bottom line's trend, as in "Trend: · not enough data in Q4 2025 · why".)
ARROWS = {IMPROVING: "↗", DETERIORATING: "↘", UNCHANGED: "→", UNKNOWN: "–"}


@dataclass(frozen=True)
class Trend:
    period: Period | None
    direction: str
    basis: tuple[Event, ...] = ()  # the status changes and events it rests on
    mean: float | None = None  # the events' mean tone, when events decided
    assessment: Assessment | None = None

    @property
    def arrow(self) -> str:
        return ARROWS[self.direction]

    @property
    def known(self) -> bool:
        return self.direction != UNKNOWN

    @property
    def rule(self) -> str:
        """In words, what decided it."""
        if self.assessment is not None:
            return "the editors' assessment"
        if self.direction == UNKNOWN:
            return "no dated event in this period"
        changes = [event for event in self.basis if event.status_change]
        if changes and self.mean is None:
            return f"{_count(len(changes), 'change')} of status"
        return (f"mean tone {self.mean:+.2f} of {_count(len(self.basis), 'event')} "
                f"(±{THRESHOLD:.0f} moves the trend)").replace("-", "−")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}"


def trend(events: list[Event], period: Period | None,
          assessments: list[Assessment] = ()) -> Trend:
    """The trend of one subject in one period (see the module's rule)."""
    if period is None:
        return Trend(None, UNKNOWN)
    for assessment in assessments:
        if assessment.period == period:
            return Trend(period, assessment.trend, assessment=assessment)
    inside = [event for event in events if not event.expected and period.holds(event.date)]
    changes = [event for event in inside if event.status_change]
    net = sum((event.tone > 0) - (event.tone < 0) for event in changes)
    if net:
        return Trend(period, IMPROVING if net > 0 else DETERIORATING, tuple(changes))
    acts = [event for event in inside if not event.status_change]
    if not acts:
        return Trend(period, UNCHANGED if changes else UNKNOWN, tuple(changes))
    mean = round(sum(event.tone for event in acts) / len(acts), 2)
    direction = (IMPROVING if mean >= THRESHOLD else DETERIORATING if mean <= -THRESHOLD
                 else UNCHANGED)
    return Trend(period, direction, tuple(changes + acts), mean)


@dataclass
class Outlook:
    """A subject's trends as of its newest source: the month, the quarter, and the quarters
    before (for the history table and to see a flip)."""

    as_of: PartialDate | None
    month: Trend
    quarter: Trend
    history: list[Trend] = field(default_factory=list)  # newest quarter first

    @property
    def headline(self) -> Trend:
        """The trend a reader sees first: the month's when it is known, else the quarter's."""
        return self.month if self.month.known else self.quarter

    @property
    def last_known(self) -> Trend | None:
        """The newest quarter with a known trend: what a reader can go by when the current
        period has too little data."""
        return next((found for found in self.history if found.known), None)

    @property
    def flipped(self) -> Trend | None:
        """The previous quarter's trend when the current one differs from it (both known)."""
        if len(self.history) > 1:
            current, before = self.history[0], self.history[1]
            if current.known and before.known and current.direction != before.direction:
                return before
        return None


HISTORY = 4


def _months(period: Period) -> tuple[int, int]:
    """The first and last month of a period, counted from year 0: comparable across years."""
    first, last = period.months
    return period.year * 12 + first, period.year * 12 + last


def within(events: list[Event], first: Period, last: Period) -> list[Event]:
    """The events dated to a month from the start of ``first`` to the end of ``last``, in
    their order: every event any period between them holds, so that a subject with thousands
    of events is scanned once rather than once per period."""
    low, high = _months(first)[0], _months(last)[1]
    return [event for event in events
            if event.date.month and low <= event.date.year * 12 + event.date.month <= high]


def outlook(events: list[Event], as_of: PartialDate | None,
            assessments: list[Assessment] = ()) -> Outlook:
    month, quarter = (month_of(as_of), quarter_of(as_of)) if as_of else (None, None)
    if quarter:
        oldest = quarter
        for _ in range(HISTORY - 1):
            oldest = oldest.previous()
        events = within(events, oldest, quarter)
    history = []
    period = quarter
    for _ in range(HISTORY if quarter else 0):
        history.append(trend(events, period, assessments))
        period = period.previous()
    return Outlook(as_of, trend(events, month, assessments),
                   history[0] if history else trend(events, None), history)


def newest_dated(dates) -> PartialDate | None:
    """The newest date precise enough to name a month: the date trends are given as of."""
    found = [date for date in dates if date is not None and date.month]
    # By the order dates sort in, as plain tuples: max() comparing the dates themselves runs
    # their Python __gt__ for every pair (the home page asks this of every relation's sources).
    return max(found, key=_DATE_ORDER) if found else None


_DATE_ORDER = PartialDate.order_key.fget
