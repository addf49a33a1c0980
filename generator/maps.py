"""Locator maps, drawn at build time as SVG from Natural Earth's country shapes.

Pages plan a map as plain data (``LocatorMap``: which countries are highlighted, which part of
the world is shown); templates draw it with ``LocatorMap.svg()``. Nothing is fetched and no
script runs in the reader's browser: the SVG is inline, its colours are the theme's own CSS
variables (so it follows the light and dark schemes), and the same inputs give the same bytes.

Projections (pyproj):

- the region (Europe, North Africa, the Middle East, Central Asia, Russia and China) is drawn
  in a Lambert azimuthal equal-area projection centred on 45°N 40°E, roughly the Black Sea
  and the Caucasus: it keeps areas true, so a choropleth compares honestly, and at 4,000 km
  from its centre (Lisbon, the Gulf, western China) shapes are still only slightly bent;
- a map whose highlighted countries reach beyond that (the United States, Japan, Brazil) is a
  world map in the Equal Earth projection, also equal-area.

Shapes are cut to the map's window and simplified to its scale with shapely, so a map stays
a few tens of kilobytes whatever it shows.
"""

from __future__ import annotations

import functools
import html
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely
from markupsafe import Markup
from pyproj import Geod, Transformer
from shapely.geometry import MultiPolygon, Polygon
from shapely.ops import polylabel

DATA = Path(__file__).resolve().parent / "data" / "countries-110m.json"

REGIONAL = "+proj=laea +lat_0=45 +lon_0=40 +ellps=WGS84 +units=m +no_defs"
WORLD = "+proj=eqearth +lon_0=0 +ellps=WGS84 +units=m +no_defs"
CENTRE = (40.0, 45.0)  # lon, lat of the regional projection's centre
# A shape belongs on the regional map when all of it lies within this distance of the centre:
# Russia's Kamchatka (7,760 km) and China's south coast (7,260 km) do; Honshu (8,060 km) and
# the Americas do not, so Japan and the United States are drawn on a world map instead.
REACH_KM = 8000
# The countries index shows at most this part of the world (lon, lat): from the Atlantic to
# western China, from the Sahel to the Arctic Circle.
FRAME = (-25.0, 12.0, 95.0, 68.0)
WIDTH = 1000  # viewBox width; heights follow the window
ASPECT = (0.55, 1.0)  # the least and most height per width
MIN_SPAN_KM = 1800  # the smallest window: a small country still shows its surroundings
MAX_MARGIN_KM = 1200  # Russia's surroundings need not be a third of its map
LEVELS_KM = (1.0, 2.0, 4.0, 8.0, 16.0, 32.0)  # simplification steps, chosen by scale
DENSIFY_DEGREES = 1.0  # long straight edges are split so that they bend with the projection
LABEL_SIZE = 44
POLYGON = 3  # shapely's type id
POINT_RADIUS = 9


# -- the data ---------------------------------------------------------------------------------

@dataclass
class Projected:
    """Every shape in one projection, in metres, with its simplified versions."""

    shapes: dict[str, MultiPolygon]
    parts: dict[str, list]  # each part of the data file (largest first), projected
    points: dict[str, tuple[float, float]]
    bounds: dict[str, tuple[float, float, float, float]]
    simplified: dict[float, dict[str, object]] = field(default_factory=dict)

    def at_level(self, level_km: float) -> dict[str, object]:
        found = self.simplified.get(level_km)
        if found is None:
            codes = sorted(self.shapes)
            geometries = shapely.simplify(np.array([self.shapes[c] for c in codes]),
                                          level_km * 1000, preserve_topology=True)
            found = self.simplified[level_km] = dict(zip(codes, geometries, strict=True))
        return found


@dataclass
class Atlas:
    names: dict[str, str]
    neighbours: dict[str, tuple[str, ...]]
    near: dict[str, list[bool]]  # per part: within REACH_KM of the regional centre
    point_near: dict[str, bool]
    regional: Projected
    world: Projected

    def projection(self, name: str) -> Projected:
        return self.regional if name == "regional" else self.world

    def has(self, code: str) -> bool:
        return code in self.regional.shapes or code in self.regional.points

    def is_regional(self, code: str) -> bool:
        """Whether the country's main part (its largest) fits the regional map."""
        if code in self.near:
            return self.near[code][0]
        return self.point_near.get(code, False)


def _transformer(projection: str) -> Transformer:
    return Transformer.from_crs("EPSG:4326", projection, always_xy=True)


def _project(geometries: dict[str, list[Polygon]], points: dict, projection: str) -> Projected:
    transformer = _transformer(projection)

    def forward(coordinates):
        x, y = transformer.transform(coordinates[:, 0], coordinates[:, 1])
        return np.column_stack([x, y])

    parts = {}
    for code in sorted(geometries):
        dense = shapely.segmentize(np.array(geometries[code]), DENSIFY_DEGREES)
        projected = shapely.transform(dense, forward)
        parts[code] = [part if part.is_valid else shapely.make_valid(part) for part in projected]
    shapes = {code: MultiPolygon([p for part in found for p in _polygons(part)])
              for code, found in parts.items()}
    bounds = {code: tuple(shape.bounds) for code, shape in shapes.items()}
    projected_points = {}
    for code, (lon, lat) in sorted(points.items()):
        x, y = transformer.transform(lon, lat)
        projected_points[code] = (x, y)
        bounds[code] = (x, y, x, y)
    return Projected(shapes, parts, projected_points, bounds)


def _polygons(geometry) -> list[Polygon]:
    """The polygons in a geometry (clipping and repairs can leave lines and points too)."""
    if isinstance(geometry, Polygon):
        return [] if geometry.is_empty else [geometry]
    return [polygon for part in getattr(geometry, "geoms", ()) for polygon in _polygons(part)]


def _rings(flat: list[float]) -> np.ndarray:
    return np.array(flat, dtype=float).reshape(-1, 2)


@functools.cache
def _data() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def map_names() -> dict[str, str]:
    """The name the map data gives each country it draws, by code: the registry's suggestions
    use it to know a place ISO gives no code (Kosovo, XK)."""
    return {code: entry["name"] for code, entry in _data()["shapes"].items()}


@functools.cache
def atlas() -> Atlas:
    """The shapes, loaded and projected once per process (before workers fork)."""
    data = _data()
    geometries: dict[str, list[Polygon]] = {}
    for code, entry in data["shapes"].items():
        geometries[code] = [Polygon(_rings(rings[0]), [_rings(hole) for hole in rings[1:]])
                            for rings in entry["polygons"]]
    points = {code: tuple(value) for code, value in data["points"].items()}
    geod = Geod(ellps="WGS84")
    near = {}
    for code, parts in geometries.items():
        flags = []
        for part in parts:
            lons, lats = np.asarray(part.exterior.coords).T
            _, _, distances = geod.inv(np.full(lons.shape, CENTRE[0]),
                                       np.full(lats.shape, CENTRE[1]), lons, lats)
            flags.append(bool(np.max(distances) <= REACH_KM * 1000))
        near[code] = flags
    point_near = {code: geod.inv(*CENTRE, lon, lat)[2] <= REACH_KM * 1000
                  for code, (lon, lat) in points.items()}
    names = {code: entry["name"] for code, entry in data["shapes"].items()}
    return Atlas(names, {code: tuple(v) for code, v in data["neighbours"].items()}, near,
                 point_near, _project(geometries, points, REGIONAL),
                 _project(geometries, points, WORLD))


# -- planning: which part of the world, which countries ---------------------------------------

Window = tuple[int, int, int, int]  # west, south, east, north, in metres


def _extent(codes, projection: str) -> tuple[float, float, float, float] | None:
    """The bounding box of the countries' parts that belong on this map."""
    land = atlas()
    projected = land.projection(projection)
    boxes = []
    for code in codes:
        if code in projected.points:
            boxes.append(projected.bounds[code])
            continue
        for part, near in zip(projected.parts.get(code, ()), land.near.get(code, ()),
                              strict=False):
            if near or projection == "world":
                boxes.append(part.bounds)
    if not boxes:
        return None
    array = np.array(boxes)
    return (float(array[:, 0].min()), float(array[:, 1].min()),
            float(array[:, 2].max()), float(array[:, 3].max()))


def _window(box, margin: float, minimum_km: float = MIN_SPAN_KM) -> Window:
    """A window around a box: a margin (a share of its larger side, at most MAX_MARGIN_KM),
    at least a minimum span, and a height between ASPECT times the width."""
    west, south, east, north = box
    pad = min(max(east - west, north - south) * margin, MAX_MARGIN_KM * 1000)
    west, south, east, north = west - pad, south - pad, east + pad, north + pad
    minimum = minimum_km * 1000
    width, height = max(east - west, minimum), max(north - south, minimum * ASPECT[0])
    if height < width * ASPECT[0]:
        height = width * ASPECT[0]
    if height > width * ASPECT[1]:
        width = height / ASPECT[1]
    centre_x, centre_y = (west + east) / 2, (south + north) / 2
    return (round((centre_x - width / 2) / 1000) * 1000, round((centre_y - height / 2) / 1000) * 1000,
            round((centre_x + width / 2) / 1000) * 1000, round((centre_y + height / 2) / 1000) * 1000)


@functools.cache
def _world_window() -> Window:
    bounds = np.array(list(atlas().world.bounds.values()))
    box = (bounds[:, 0].min(), bounds[:, 1].min(), bounds[:, 2].max(), bounds[:, 3].max())
    return _window(box, 0.01, 0)


@functools.cache
def _frame() -> tuple[float, float, float, float]:
    """The largest window of the countries index, in regional metres."""
    west, south, east, north = FRAME
    edge = shapely.segmentize(shapely.box(west, south, east, north), 1.0)
    transformer = _transformer(REGIONAL)
    x, y = transformer.transform(*np.asarray(edge.exterior.coords).T)
    return (float(min(x)), float(min(y)), float(max(x)), float(max(y)))


def _inside(box, window: Window) -> bool:
    return box[2] >= window[0] and box[0] <= window[2] and box[3] >= window[1] and \
        box[1] <= window[3]


def _shown(window: Window, projection: str) -> tuple[str, ...]:
    """Every country any part of which is in the window."""
    bounds = atlas().projection(projection).bounds
    return tuple(sorted(code for code, box in bounds.items() if _inside(box, window)))


@dataclass(frozen=True)
class LocatorMap:
    """One map, as plain data: its ``repr`` is its inputs key (see ``inputs_key``)."""

    kind: str  # country, relation, organisation, coverage
    projection: str  # regional or world
    window: Window
    first: tuple[str, ...]  # drawn filled: the country, the first actor, the members
    second: tuple[str, ...] = ()  # drawn hatched: the second actor, the observers
    shown: tuple[str, ...] = ()  # every country in the window
    labels: tuple[tuple[str, tuple[str, ...]], ...] = ()  # text, and the countries it names
    title: str = ""
    description: str = ""
    neighbours: tuple[str, ...] = ()  # for a country: the neighbours on the map, by name
    missing: tuple[str, ...] = ()  # highlighted countries too small for 1:110m data
    # Highlighted places under user-assigned codes that the map data has no shape for.
    unmapped: tuple[str, ...] = ()
    # Sets are sorted tuples here: a frozenset's repr changes order from run to run.
    linked: tuple[str, ...] = ()  # countries of the caption that have a page
    classes: tuple[tuple[str, int], ...] = ()  # coverage: country and its class (1..)
    legend: tuple[str, ...] = ()  # coverage: the label of each class
    counts: tuple[tuple[str, int], ...] = ()  # coverage: articles per country, most first
    outside: tuple[str, ...] = ()  # coverage: covered countries beyond the window
    tips: tuple[tuple[str, str], ...] = ()  # coverage: what hovering over a country shows
    pair: tuple[str, ...] = ()  # relation: its two actors
    organisations: tuple[str, ...] = ()  # relation: the actors that are organisations
    drawn_actors: tuple[str, ...] = ()  # relation: the actors the map shows
    names: tuple[tuple[str, str], ...] = ()  # the name of each country the caption mentions

    @property
    def inputs_key(self) -> str:
        """Everything the drawing depends on besides the data file and the registry's names."""
        return repr(self)

    def svg(self) -> Markup:
        return Markup(_draw(self))

    def name(self, code: str) -> str:
        return dict(self.names).get(code, code)

    def count(self, code: str) -> int:
        return dict(self.counts).get(code, 0)


def _names(registry, codes) -> list[str]:
    return [name_of(registry, code) for code in codes]


def name_of(registry, code: str) -> str:
    country = registry.countries.get(code) or registry.organisations.get(code)
    return country.name if country else atlas().names.get(code, code)


def _listing(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _by_name(registry, codes) -> tuple[str, ...]:
    return tuple(sorted(codes, key=lambda code: (name_of(registry, code).casefold(), code)))


def _members(registry, ref: str) -> tuple[str, ...]:
    """The countries an actor stands for on a map: itself, or an organisation's members."""
    if ref in registry.organisations:
        return tuple(registry.organisations[ref].members)
    return (ref,)


def _choose(codes) -> str:
    land = atlas()
    drawn = [code for code in codes if land.has(code)]
    return "regional" if drawn and all(land.is_regional(code) for code in drawn) else "world"


def _unmapped(registry, code: str) -> bool:
    """A place the editors named under a user-assigned code that the map data does not draw:
    missing from the map for want of a shape, not for being small."""
    country = registry.countries.get(code)
    return country is not None and country.user_assigned and not atlas().has(code)


def _small_note(registry, missing) -> str:
    if not missing:
        return ""
    return (f" {_listing(_names(registry, missing))} "
            f"{'is' if len(missing) == 1 else 'are'} too small to draw at this scale.")


def _unmapped_note(registry, unmapped) -> str:
    if not unmapped:
        return ""
    return (f" {_listing(_names(registry, unmapped))} "
            f"{'is' if len(unmapped) == 1 else 'are'} not in the map data.")


def _dots(registry, codes) -> str:
    dots = [code for code in codes if code in atlas().regional.points]
    if not dots:
        return ""
    return (f" {_listing(_names(registry, dots))} {'is' if len(dots) == 1 else 'are'} "
            "marked by a dot, too small to draw as a shape.")


def country_map(knowledge, code: str) -> LocatorMap | None:
    """Where a country is, with its neighbours around it."""
    land = atlas()
    if not land.has(code):
        return None
    registry = knowledge.registry
    projection = _choose([code])
    box = _extent([code], projection)
    if box is None:
        return None
    window = _window(box, 0.3) if projection == "regional" else _world_window()
    shown = _shown(window, projection)
    neighbours = _by_name(registry, (n for n in land.neighbours.get(code, ()) if n in shown))
    name = name_of(registry, code)
    around = (f" Its neighbours are shown around it: {_listing(_names(registry, neighbours))}."
              if neighbours else " It has no land neighbour.")
    scope = "a world map" if projection == "world" else "a map of the region"
    return LocatorMap(
        "country", projection, window, (code,), shown=shown, labels=((name, (code,)),),
        title=f"Where {name} is",
        description=f"{name} is filled in, outlined and labelled on {scope}.{around}"
                    f"{_dots(registry, [code])}",
        neighbours=neighbours, linked=_linked(knowledge, neighbours),
        names=_named(registry, (code, *neighbours)))


def relation_map(knowledge, pair: tuple[str, str]) -> LocatorMap | None:
    """Both actors of a relation highlighted: the first filled, the second hatched; an
    organisation by its member countries."""
    registry = knowledge.registry
    land = atlas()
    first, second = (tuple(c for c in _members(registry, ref) if land.has(c)) for ref in pair)
    drawn = [*first, *second]
    if not drawn:
        return None
    projection = _choose(drawn)
    window = _window(_extent(drawn, projection), 0.12) if projection == "regional" \
        else _world_window()
    absent = tuple(code for ref in pair if ref in registry.organisations
                   for code in _members(registry, ref) if not land.has(code))
    missing = tuple(code for code in absent if not _unmapped(registry, code))
    unmapped = tuple(dict.fromkeys(code for code in (*pair, *absent) if _unmapped(registry, code)))
    names = [name_of(registry, ref) for ref in pair]
    parts, shown_actors = [], []
    for ref, name, codes, style in zip(pair, names, (first, second), ("filled in", "hatched"),
                                       strict=True):
        if codes:
            shown_actors.append(ref)
        if ref not in registry.organisations:
            parts.append(f"{name} is {style}" if codes else
                         f"{name} is not in the map data" if ref in unmapped else
                         f"{name} is too small to draw at this scale")
        elif codes:
            parts.append(f"{name} is shown by its {len(codes)} member "
                         f"{'country' if len(codes) == 1 else 'countries'}, {style}")
        else:
            parts.append(f"{name} has no member country listed to show")
    outlined = _listing([name_of(registry, ref) for ref in shown_actors])
    scope = "a world map" if projection == "world" else "a map of the region"
    labels = tuple((_short_name(registry, ref), codes)
                   for ref, codes in zip(pair, (first, second), strict=True) if codes)
    return LocatorMap(
        "relation", projection, window, first, second, _shown(window, projection), labels,
        title=f"Where {names[0]} and {names[1]} are",
        description=f"On {scope}, {parts[0]}, and {parts[1]}. {outlined} "
                    f"{'is' if len(shown_actors) == 1 else 'are'} outlined and labelled."
                    f"{_small_note(registry, missing)}"
                    f"{_unmapped_note(registry, [c for c in unmapped if c not in pair])}"
                    f"{_dots(registry, drawn)}",
        missing=missing, unmapped=unmapped, pair=tuple(pair),
        organisations=tuple(ref for ref in pair if ref in registry.organisations),
        drawn_actors=tuple(shown_actors), names=_named(registry, (*missing, *unmapped)))


def _short_name(registry, ref: str) -> str:
    """A label's text: an organisation by its acronym where it has one."""
    organisation = registry.organisations.get(ref)
    if organisation is not None:
        return organisation.short or organisation.name
    return name_of(registry, ref)


def organisation_map(knowledge, organisation) -> LocatorMap | None:
    """An organisation's members filled in, its observers hatched."""
    registry = knowledge.registry
    land = atlas()
    members = tuple(c for c in organisation.members if land.has(c))
    observers = tuple(c for c in organisation.observers if land.has(c) and c not in members)
    if not members and not observers:
        return None
    drawn = [*members, *observers]
    projection = _choose(drawn)
    window = _window(_extent(drawn, projection), 0.08) if projection == "regional" \
        else _world_window()
    scope = "a world map" if projection == "world" else "a map of the region"
    watching = (f"; its observers, {_listing(_names(registry, _by_name(registry, observers)))},"
                " are hatched" if observers else "")
    absent = tuple(c for c in (*organisation.members, *organisation.observers) if not land.has(c))
    missing = tuple(code for code in absent if not _unmapped(registry, code))
    unmapped = tuple(code for code in absent if _unmapped(registry, code))
    return LocatorMap(
        "organisation", projection, window, members, observers, _shown(window, projection),
        title=f"Members of the {organisation.name}" if members else
        f"Observers of the {organisation.name}",
        description=f"On {scope}, the member countries of the {organisation.name}, "
                    f"{_listing(_names(registry, _by_name(registry, members)))}, are filled in "
                    f"and outlined{watching}.{_small_note(registry, missing)}"
                    f"{_unmapped_note(registry, unmapped)}{_dots(registry, drawn)}",
        missing=missing, unmapped=unmapped, names=_named(registry, (*missing, *unmapped)))


def coverage_classes(maximum: int, steps: int = 5) -> list[tuple[int, int]]:
    """At most five ranges of article counts, each about as many times larger than the one
    before: 1, 2, 3, 4-6, 7-12 when the most covered country has 12 articles; 1-4, 5-24,
    25-121, 122-604, 605-3000 when it has 3,000."""
    if maximum < 1:
        return []
    bounds = sorted({max(1, round(maximum ** (step / steps))) for step in range(steps)})
    ranges = []
    for index, low in enumerate(bounds):
        high = bounds[index + 1] - 1 if index + 1 < len(bounds) else maximum
        if high >= low:
            ranges.append((low, high))
    return ranges


def coverage_map(knowledge, coverage: dict[str, int], top: int = 10) -> LocatorMap | None:
    """The region, each country shaded by how many articles cover it."""
    registry = knowledge.registry
    land = atlas()
    covered = {code: count for code, count in coverage.items() if count > 0 and land.has(code)}
    region = {code for r in registry.regions.values() for code in r.members if land.has(code)}
    anchor = [code for code in (*region, *covered) if land.is_regional(code)]
    frame = _frame()
    box = _extent(sorted(set(anchor)), "regional") if anchor else frame
    box = (max(box[0], frame[0]), max(box[1], frame[1]), min(box[2], frame[2]),
           min(box[3], frame[3]))
    window = _window(box, 0.02)
    shown = _shown(window, "regional")
    ranges = coverage_classes(max(covered.values(), default=0))
    classes = tuple((code, next(i for i, (low, high) in enumerate(ranges, 1) if low <= count <= high))
                    for code, count in sorted(covered.items()) if code in shown)
    legend = tuple(str(low) if low == high else f"{low}–{high}" for low, high in ranges)
    ranked = sorted(covered.items(), key=lambda kv: (-kv[1], name_of(registry, kv[0]).casefold()))
    outside = _by_name(registry, (code for code in covered if code not in shown))
    most = [f"{name_of(registry, code)} ({count})" for code, count in ranked[:top]]
    description = ("Countries are shaded by the number of articles that cover them: the more "
                   f"articles, the darker the shade ({', '.join(legend)} articles)."
                   if ranges else "No article covers a country yet.")
    if most:
        description += f" Most covered: {', '.join(most)}."
    if outside:
        description += f" Covered but beyond the map: {_listing(_names(registry, outside))}."
    return LocatorMap(
        "coverage", "regional", window, (), shown=shown,
        title="Countries by how many articles cover them", description=description,
        classes=classes, legend=legend, counts=tuple(ranked), outside=outside,
        tips=tuple((code, f"{name_of(registry, code)}: {count} article{'s' if count != 1 else ''}")
                   for code, count in sorted(covered.items()) if code in shown),
        linked=_linked(knowledge, outside), names=_named(registry, outside))


def _named(registry, codes) -> tuple[tuple[str, str], ...]:
    return tuple((code, name_of(registry, code)) for code in dict.fromkeys(codes))


def _linked(knowledge, codes) -> tuple[str, ...]:
    pages = set(knowledge.countries_with_pages())
    return tuple(sorted(code for code in codes if code in pages))


# -- drawing ----------------------------------------------------------------------------------

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
    parts = [part for geometry in geometries for part in _polygons(geometry)]
    if parts:
        largest = max(parts, key=lambda part: (part.area, part.bounds))
        point = polylabel(largest, tolerance=max(largest.length / 200, 1.0))
        return point.x, point.y
    dots = [geometry for geometry in geometries if isinstance(geometry, shapely.Point)]
    return (dots[0].x, dots[0].y - LABEL_SIZE) if dots else None


def _text(value) -> str:
    return html.escape(str(value), quote=True)


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


def _draw(plan: LocatorMap) -> str:
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
        tip = f"<title>{_text(tips[code])}</title>" if code in tips else ""
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
             f'<title id="locator-title">{_text(plan.title)}</title>',
             f'<desc id="locator-desc">{_text(plan.description)}</desc>']
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
    for text, codes in plan.labels:
        point = _label_point([_to_units(drawn[c], origin, scale) for c in codes if c in drawn])
        if point is None:
            continue
        half = len(text) * LABEL_SIZE * 0.3
        x = min(max(point[0], half + 4), WIDTH - half - 4)
        y = min(max(point[1] + LABEL_SIZE * 0.35, LABEL_SIZE), height - 8)
        for other_x, other_y, other_half in placed:
            if abs(other_y - y) < line and abs(other_x - x) < half + other_half:
                y = other_y + line if other_y + line < height - 8 else other_y - line
        placed.append((x, y, half))
        labels.append(f'<text x="{round(x)}" y="{round(y)}">{_text(text)}</text>')
    return labels
