"""A timeline strip of events, drawn with the precision each source gives.

A date given as a year is a bar across that year, a month a bar across the month, a day a
diamond: the picture never claims more precision than the article. Events that overlap in
time go to separate lanes. Each mark links to the paragraph it comes from.
"""

from __future__ import annotations

from markupsafe import Markup

from ..content.dates import PartialDate, year_start
from ..knowledge.model import Event
from ..knowledge.urls import article_path
from .svg import figure, href, link, number, text

WIDTH = 640
MARGIN = 16
LANE = 18
MARK = 12
AXIS = 34
MAX_LANES = 8
MIN_MARK = 8  # pixels: a day or a short month stays visible and clickable
CLASS_STYLE = {  # fill for cooperation, outline for conflict: the shape says it, not only colour
    "verbal cooperation": "coop verbal",
    "material cooperation": "coop material",
    "verbal conflict": "conflict verbal",
    "material conflict": "conflict material",
    "neutral": "other",
}


def span(date: PartialDate) -> tuple[int, int]:
    return date.span


def _lanes(placed: list[tuple[float, float, Event]]) -> list[int]:
    ends: list[float] = []
    lanes = []
    for left, right, _ in placed:
        for number_, end in enumerate(ends):
            if left >= end + 2:
                ends[number_] = right
                lanes.append(number_)
                break
        else:
            if len(ends) < MAX_LANES:
                ends.append(right)
                lanes.append(len(ends) - 1)
            else:  # crowded: share the lane that frees first
                lane = min(range(len(ends)), key=ends.__getitem__)
                ends[lane] = max(ends[lane], right)
                lanes.append(lane)
    return lanes


def timeline(events: list[Event], here: str, subject: str) -> Markup:
    """The strip for a page's events, or nothing when there are none."""
    if not events:
        return Markup("")
    spans = [span(event.date) for event in events]
    first_year = min(event.date.year for event in events)
    last_year = max(event.date.year for event in events)
    origin = year_start(first_year)
    scale = (WIDTH - 2 * MARGIN) / (year_start(last_year + 1) - origin)

    def x(day: float) -> float:
        return MARGIN + (day - origin) * scale

    placed = []
    for (start, end), event in sorted(zip(spans, events, strict=True),
                                      key=lambda item: (item[0][0], item[1].sort_key)):
        left, right = x(start), x(end)
        if right - left < MIN_MARK:
            middle = (left + right) / 2
            left, right = middle - MIN_MARK / 2, middle + MIN_MARK / 2
        placed.append((left, right, event))
    lanes = _lanes(placed)
    height = MARGIN + (max(lanes) + 1) * LANE + AXIS
    marks = []
    for (left, right, event), lane in zip(placed, lanes, strict=True):
        top = MARGIN + lane * LANE
        style = CLASS_STYLE[event.event_class]
        if event.date.precision == "day":
            middle, half = (left + right) / 2, MARK / 2
            shape = (f'<polygon class="mark day {style}" points="{number(middle)},{number(top)} '
                     f'{number(middle + half)},{number(top + half)} {number(middle)},'
                     f'{number(top + MARK)} {number(middle - half)},{number(top + half)}"/>')
        else:
            shape = (f'<rect class="mark {event.date.precision} {style}" x="{number(left)}" '
                     f'y="{number(top)}" width="{number(right - left)}" height="{MARK}" rx="2"/>')
        label = f"{event.date.label}: {event.title} ({'planned ' if event.expected else ''}{event.kind})"
        url = href(here, article_path(event.citation.article), event.citation.anchor)
        marks.append(link(url, shape, label))
    axis_y = height - AXIS + 8
    ticks = [f'<line class="axis" x1="{MARGIN}" y1="{number(axis_y)}" x2="{WIDTH - MARGIN}" '
             f'y2="{number(axis_y)}"/>']
    years = last_year - first_year + 1
    step = max(1, -(-years // 10))  # at most about ten labelled years, however long the span
    for year in range(first_year, last_year + 2, step):
        tick = x(year_start(year))
        ticks.append(f'<line class="tick" x1="{number(tick)}" y1="{number(axis_y)}" '
                     f'x2="{number(tick)}" y2="{number(axis_y + 5)}"/>')
        if year <= last_year:
            # One year per label: in the middle of it; fewer labels: at the year's start.
            middle = x((year_start(year) + year_start(year + 1)) / 2) if step == 1 else tick
            ticks.append(f'<text class="label" x="{number(middle)}" y="{number(axis_y + 20)}" '
                         f'text-anchor="middle">{year}</text>')
    span_text = str(first_year) if years == 1 else f"{first_year} to {last_year}"
    count = f"{len(events)} event{'s' if len(events) != 1 else ''}"
    description = (f"{count} from {span_text}. A date the source gives as a year or a month is "
                   "drawn as a bar across it, a day as a diamond; cooperation is filled, "
                   "conflict outlined. Every event is listed below with its source.")
    caption = (f"Timeline: {text(count)}, {text(span_text)}. Bar: a year or month as the source "
               "gives it · diamond: a day · filled: cooperation · outlined: conflict. "
               "Select a mark to open its source.")
    return figure("timeline", WIDTH, height, f"Timeline of events: {subject}", description,
                  "".join(ticks) + "".join(marks), caption)
