"""Drawing a planned locator map as SVG: shapes cut to the map's window and simplified to its
scale with shapely, so a map stays a few tens of kilobytes whatever it shows."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import numpy as np
import shapely
from shapely.ops import polylabel

from ..content.atlas import Projected, Window, atlas, polygons
from .svg import text

if TYPE_CHECKING:
    from .maps import LocatorMap

LEVELS_KM = (1.0, 2.0, 4.0, 8.0, 16.0, 32.0)  # simplification steps, chosen by scale
WIDTH = 1000  # viewBox width; heights follow the window
LABEL_SIZE = 44
POLYGON = 3  # shapely's type id
POINT_RADIUS = 9


def _level(metres_per_unit: float) -> float:
    """The coarsest simplification finer than about half a unit of the viewBox."""
    wanted = metres_per_unit * 0.5 / 1000
    finer = [level for level in LEVELS_KM if level <= wanted]
    return finer[-1] if finer else LEVELS_KM[0]


def _paths(geometries, origin: tuple[float, float], scale: float) -> list[str]:
    """Path data in viewBox units for each geometry: integers, each ring as a start and
    relative steps.

    The rings of all of a map's countries are converted in one numpy pass: a map shows up to
    two hundred countries, and every relation page has a map of its own."""
    found = [""] * len(geometries)
    parts, geometry_of_part = shapely.get_parts(geometries, return_index=True)
    polygon = shapely.get_type_id(parts) == POLYGON
    rings, polygon_of_ring = shapely.get_rings(parts[polygon], return_index=True)
    coordinates, ring_of = shapely.get_coordinates(rings, return_index=True)
    if not len(coordinates):
        return found
    geometry_of_ring = geometry_of_part[polygon][polygon_of_ring]
    west, north = origin
    units = np.rint(np.column_stack([(coordinates[:, 0] - west) * scale,
                                     (north - coordinates[:, 1]) * scale])).astype(np.int64)
    steps = units[1:] - units[:-1]
    # The steps within a ring that move at least a unit (from one ring to the next is no step).
    keep = (ring_of[1:] == ring_of[:-1]) & np.any(steps != 0, axis=1)
    counts = np.bincount(ring_of[1:][keep], minlength=len(rings)).tolist()
    numbers = list(map(str, steps[keep].ravel().tolist()))
    starts = units[np.flatnonzero(np.r_[True, ring_of[1:] != ring_of[:-1]])].tolist()
    pieces: list[list[str]] = [[] for _ in found]
    offset = 0
    for ring, count in enumerate(counts):
        if count >= 3:  # a ring smaller than a unit or two is nothing to see
            x, y = starts[ring]
            pieces[geometry_of_ring[ring]].append(
                f"M{x} {y}l" + " ".join(numbers[offset:offset + 2 * count]).replace(" -", "-")
                + "z")
        offset += 2 * count
    return ["".join(piece) for piece in pieces]


def _clipped(projected: Projected, codes: list[str], level: float, window: Window,
             margin: float) -> np.ndarray:
    """The countries' shapes at this level of detail, cut to the window (plus a margin, so
    that no outline is drawn along its edge)."""
    geometries = np.array([projected.at_level(level)[code] for code in codes], dtype=object)
    bounds = np.array([projected.bounds[code] for code in codes]).reshape(-1, 4)
    west, south, east, north = window
    cut = (bounds[:, 0] < west) | (bounds[:, 1] < south) | (bounds[:, 2] > east) | \
        (bounds[:, 3] > north)
    if cut.any():
        geometries[cut] = shapely.clip_by_rect(geometries[cut], west - margin, south - margin,
                                               east + margin, north + margin)
    return geometries


@functools.lru_cache(maxsize=8)
def _land(projection: str, window: Window, codes: tuple[str, ...]) -> tuple[list, list[str]]:
    """The countries' shapes cut to a window, and their path data. Every world map has the
    same window (and the home page and the countries index share theirs): those are drawn
    once per process."""
    projected = atlas().projection(projection)
    west, south, east, north = window
    scale = WIDTH / (east - west)
    geometries = _clipped(projected, list(codes), _level(1 / scale), window, 4 / scale)
    return list(geometries), _paths(geometries, (west, north), scale)


def _label_point(geometries: list) -> tuple[float, float] | None:
    """Inside the largest drawn part, or above a dot (in viewBox units)."""
    parts = [part for geometry in geometries for part in polygons(geometry)]
    if parts:
        largest = max(parts, key=lambda part: (part.area, part.bounds))
        point = polylabel(largest, tolerance=max(largest.length / 200, 1.0))
        return point.x, point.y
    dots = [geometry for geometry in geometries if isinstance(geometry, shapely.Point)]
    return (dots[0].x, dots[0].y - LABEL_SIZE) if dots else None


def _to_units(geometry, origin: tuple[float, float], scale: float):
    west, north = origin
    return shapely.transform(geometry, lambda xy: np.column_stack(
        [(xy[:, 0] - west) * scale, (north - xy[:, 1]) * scale]))


HATCH = ('<pattern id="locator-hatch" patternUnits="userSpaceOnUse" width="14" height="14" '
         'patternTransform="rotate(45)"><rect class="locator-hatch-ground" width="14" '
         'height="14"/><rect class="locator-hatch-line" width="6" height="14"/></pattern>')
# For a country both actors stand for (a member of the organisation it has relations with):
# the lines alone, drawn over the first actor's fill.
HATCH_OVER = ('<pattern id="locator-hatch-over" patternUnits="userSpaceOnUse" width="14" '
              'height="14" patternTransform="rotate(45)"><rect class="locator-hatch-line" '
              'width="6" height="14"/></pattern>')


def draw(plan: LocatorMap) -> str:
    projected = atlas().projection(plan.projection)
    west, south, east, north = plan.window
    scale = WIDTH / (east - west)
    height = round((north - south) * scale)
    origin = (west, north)
    first, second = set(plan.first), set(plan.second)
    shade = dict(plan.classes)
    tips = dict(plan.tips)
    layers: dict[str, list[str]] = {"land": [], "first": [], "second": [], "both": []}
    drawn: dict[str, object] = {}

    def element(code: str, shape: str, geometry: str, layer: str) -> None:
        css = f' class="locator-c{shade[code]}"' if code in shade else ""
        tip = f"<title>{text(tips[code])}</title>" if code in tips else ""
        closing = f">{tip}</{shape}>" if tip else "/>"
        layers[layer].append(f'<{shape} data-code="{code}"{css} {geometry}{closing}')

    def place(code: str, shape: str, geometry: str) -> None:
        if code in first:
            element(code, shape, geometry, "first")
            if code in second:
                element(code, shape, geometry, "both")
        elif code in second:
            element(code, shape, geometry, "second")
        else:
            element(code, shape, geometry, "land")

    codes = tuple(code for code in plan.shown if code not in projected.points)
    geometries, paths = _land(plan.projection, plan.window, codes)
    for code, geometry, data in zip(codes, geometries, paths, strict=True):
        if data:
            drawn[code] = geometry
            place(code, "path", f'd="{data}"')
    for code in plan.shown:
        if code not in projected.points:
            continue
        x, y = projected.points[code]
        radius = POINT_RADIUS if code in first | second | shade.keys() else POINT_RADIUS // 2
        place(code, "circle", f'cx="{round((x - west) * scale)}" cy="{round((north - y) * scale)}"'
                              f' r="{radius}"')
        drawn[code] = shapely.Point(x, y)
    lines = [f'<svg class="locator-map" xmlns="http://www.w3.org/2000/svg" '
             f'viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="locator-title" '
             f'aria-describedby="locator-desc">',
             f'<title id="locator-title">{text(plan.title)}</title>',
             f'<desc id="locator-desc">{text(plan.description)}</desc>']
    patterns = (HATCH if layers["second"] else "") + (HATCH_OVER if layers["both"] else "")
    if patterns:
        lines.append(f"<defs>{patterns}</defs>")
    groups = (("land", ""), ("first", ""), ("second", ' fill="url(#locator-hatch)"'),
              ("both", ' fill="url(#locator-hatch-over)"'))
    for name, fill in groups:
        if layers[name]:
            lines.append(f'<g class="locator-{name}"{fill}>' + "".join(layers[name]) + "</g>")
    labels = _labels(plan, drawn, origin, scale, height)
    if labels:
        lines.append(f'<g class="locator-labels" font-size="{LABEL_SIZE}" '
                     f'text-anchor="middle">{"".join(labels)}</g>')
    lines.append("</svg>")
    return "\n".join(lines)


def _labels(plan: LocatorMap, drawn: dict, origin, scale: float, height: int) -> list[str]:
    """Each label inside the largest part of what it names, within the picture, and below
    an earlier label it would cover."""
    labels = []
    placed: list[tuple[float, float, float]] = []
    line = LABEL_SIZE * 1.15
    for label, codes in plan.labels:
        point = _label_point([_to_units(drawn[c], origin, scale) for c in codes if c in drawn])
        if point is None:
            continue
        half = len(label) * LABEL_SIZE * 0.3
        x = min(max(point[0], half + 4), WIDTH - half - 4)
        y = min(max(point[1] + LABEL_SIZE * 0.35, LABEL_SIZE), height - 8)
        for other_x, other_y, other_half in placed:
            if abs(other_y - y) < line and abs(other_x - x) < half + other_half:
                y = other_y + line if other_y + line < height - 8 else other_y - line
        placed.append((x, y, half))
        labels.append(f'<text x="{round(x)}" y="{round(y)}">{text(label)}</text>')
    return labels
