"""Locator maps, planned as plain data: which countries a map highlights, which part of the
world it shows, and the words that describe it.

Pages plan a map (``LocatorMap``); templates draw it with ``LocatorMap.svg()`` (see
map_drawing). Nothing is fetched and no script runs in the reader's browser: the SVG is inline,
its colours are the theme's own CSS variables (so it follows the light and dark schemes), and
the same inputs give the same bytes.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import shapely
from markupsafe import Markup

from ..content.atlas import REGIONAL, Window, atlas, projector
from .map_drawing import draw

# The countries index shows at most this part of the world (lon, lat): from the Atlantic to
# western China, from the Sahel to the Arctic Circle.
FRAME = (-25.0, 12.0, 95.0, 68.0)
ASPECT = (0.55, 1.0)  # the least and most height per width
MIN_SPAN_KM = 1800  # the smallest window: a small country still shows its surroundings
MAX_MARGIN_KM = 1200  # Russia's surroundings need not be a third of its map


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
    transformer = projector(REGIONAL)
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
        return Markup(draw(self))

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
