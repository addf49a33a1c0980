"""Charts of a metric over time, when the sources give it for two or more periods.

Each reported value is a point linked to the paragraph it comes from. A bound is drawn as
what it says (a triangle pointing up for "more than", down for "less than", a hollow circle
for "about"), and a period for which sources report different values shows all of them,
joined by a bracket marked ≠. The text alternative lists every value and says where sources
differ.

A forecast is a point drawn apart (a square) and left off the line joining the reported
values; a target is a dashed line across the chart at its value, as a goal is not a value of
any one period.

Drawn by our own SVG writer rather than matplotlib: at ten thousand articles the site has
about 2,400 charts, and matplotlib's 34 ms each would add over a minute to every build.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable

from markupsafe import Markup

from ..knowledge.model import Citation, Figure, number_text
from ..knowledge.urls import article_path
from .svg import figure, href, link, number, text
from .timelines import span

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 28, 44
MARKERS = {"exactly": "exact", "about": "about", "more than": "above", "at least": "above",
           "less than": "below", "at most": "below"}


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2 or 5 times a power of ten) covering [low, high]."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    ticks = [round(math.floor(low / step) * step, 10)]
    while ticks[-1] < high:  # the last tick is at or above the highest value
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _marker(kind: str, cx: float, cy: float) -> str:
    size = 6
    if kind == "above":
        points = f"{number(cx)},{number(cy - size)} {number(cx + size)},{number(cy + size)} " \
                 f"{number(cx - size)},{number(cy + size)}"
        return f'<polygon class="point above" points="{points}"/>'
    if kind == "below":
        points = f"{number(cx)},{number(cy + size)} {number(cx + size)},{number(cy - size)} " \
                 f"{number(cx - size)},{number(cy - size)}"
        return f'<polygon class="point below" points="{points}"/>'
    return f'<circle class="point {kind}" cx="{number(cx)}" cy="{number(cy)}" r="{size - 1}"/>'


def _forecast(cx: float, cy: float) -> str:
    size = 5
    return (f'<rect class="point forecast" x="{number(cx - size)}" y="{number(cy - size)}" '
            f'width="{2 * size}" height="{2 * size}"/>')


def series(figures: list[Figure]) -> list[tuple[str, str, list[Figure]]]:
    """(metric, unit, figures) for each metric given for at least two periods."""
    groups: dict[tuple[str, str], list[Figure]] = defaultdict(list)
    for item in figures:
        groups[(item.metric, item.unit)].append(item)
    found = []
    for (metric, unit), items in sorted(groups.items()):
        if len({item.period for item in items if item.period and item.type != "target"}) >= 2:
            found.append((metric, unit, items))
    return found


def chart(metric: str, unit: str, figures: list[Figure], here: str,
          source_label: Callable[[Citation], str], ident: str) -> Markup:
    dated = sorted((item for item in figures if item.period and item.type != "target"),
                   key=lambda item: (item.period, item.value, item.citation))
    targets = sorted((item for item in figures if item.type == "target"),
                     key=lambda item: (item.value, item.citation))
    spans = {item.period: span(item.period) for item in dated}
    origin = min(start for start, _ in spans.values())
    end = max(after for _, after in spans.values())
    values = [item.value for item in dated] + [item.value for item in targets]
    ticks = nice_ticks(min(0.0, min(values)), max(values))
    low, high = ticks[0], ticks[-1]
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(period) -> float:
        start, after = spans[period]
        middle = (start + after) / 2
        return LEFT + (middle - origin) / (end - origin) * plot_width

    def y(value: float) -> float:
        return TOP + (high - value) / (high - low) * plot_height

    parts = []
    for tick in ticks:
        label = number_text(tick)
        parts.append(f'<line class="grid" x1="{LEFT}" y1="{number(y(tick))}" '
                     f'x2="{WIDTH - RIGHT}" y2="{number(y(tick))}"/>'
                     f'<text class="label" x="{LEFT - 8}" y="{number(y(tick) + 4)}" '
                     f'text-anchor="end">{text(label)}</text>')
    by_period: dict = defaultdict(list)
    for item in dated:
        by_period[item.period].append(item)
    trend = []
    summary: list[str] = []
    for item in targets:
        url = href(here, article_path(item.citation.article), item.citation.anchor)
        target_line = (f'<line class="target" x1="{LEFT}" y1="{number(y(item.value))}" '
                       f'x2="{WIDTH - RIGHT}" y2="{number(y(item.value))}"/>'
                       f'<text class="note" x="{WIDTH - RIGHT}" y="{number(y(item.value) - 5)}" '
                       f'text-anchor="end">target {text(number_text(item.value))}</text>')
        parts.append(link(url, target_line,
                          f"Target: {item.value_text} ({source_label(item.citation)})"))
        summary.append(f"target: {item.value_text}"
                       + (f" for {item.period.label}" if item.period else ""))
    for period, items in by_period.items():
        cx = x(period)
        parts.append(f'<text class="label" x="{number(cx)}" y="{HEIGHT - BOTTOM + 20}" '
                     f'text-anchor="middle">{text(period.label)}</text>')
        distinct = sorted({item.value for item in items})
        if len(distinct) > 1:
            parts.append(f'<line class="differ" x1="{number(cx)}" y1="{number(y(distinct[0]))}" '
                         f'x2="{number(cx)}" y2="{number(y(distinct[-1]))}"/>'
                         # A sign, not words: neighbouring periods' notes would collide.
                         f'<text class="note" x="{number(cx + 9)}" '
                         f'y="{number(y(distinct[-1]) - 6)}">≠</text>')
        reported = sorted(item.value for item in items if item.type == "actual")
        if reported:
            trend.append((cx, y(reported[len(reported) // 2])))
        said = []
        for item in items:
            url = href(here, article_path(item.citation.article), item.citation.anchor)
            forecast = item.type == "forecast"
            label = (f"{period.label}: {'forecast ' if forecast else ''}{item.value_text} "
                     f"({source_label(item.citation)})")
            marker = (_forecast(cx, y(item.value)) if forecast
                      else _marker(MARKERS[item.bound], cx, y(item.value)))
            parts.append(link(url, marker, label))
            said.append(f"forecast {item.value_text}" if forecast else item.value_text)
        differ = " (sources differ)" if len(distinct) > 1 else ""
        summary.append(f"{period.label}: {'; '.join(dict.fromkeys(said))}{differ}")
    line = " ".join(f"{number(px)},{number(py)}" for px, py in trend)
    undated = len(figures) - len(dated)
    description = (f"{metric} in {unit}, by period. " + ". ".join(summary) + "."
                   + (f" {undated} value{'s' if undated != 1 else ''} without a period "
                      "appear in the table only." if undated else ""))
    body = (f'<polyline class="trend" points="{line}"/>' + "".join(parts)
            + f'<text class="label unit" x="{LEFT}" y="16">{text(unit)}</text>')
    caption = (f"{text(metric)} ({text(unit)}). Circle: a reported value · hollow circle: "
               "about · triangle up: more than or at least · triangle down: less than or at most "
               "· ≠ and a bracket: sources differ"
               + (" · square: a forecast" if any(i.type == "forecast" for i in dated) else "")
               + (" · dashed line across: a target" if targets else "")
               + ". Select a point to open its source.")
    return figure("chart", WIDTH, HEIGHT, f"Chart: {metric} ({unit})", description, body,
                  caption, ident=ident)


def charts(figures: list[Figure], here: str, source_label: Callable[[Citation], str]
           ) -> list[Markup]:
    """One chart for each metric of the page given for two or more periods."""
    return [chart(metric, unit, items, here, source_label, f"chart-{number_}")
            for number_, (metric, unit, items) in enumerate(series(figures), start=1)]
