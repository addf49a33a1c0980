"""The map data: Natural Earth's country shapes (1:110m, generator/data/countries-110m.json),
projected once per process in the two projections the locator maps use.

Projections (pyproj):

- the region (Europe, North Africa, the Middle East, Central Asia, Russia and China) is drawn
  in a Lambert azimuthal equal-area projection centred on 45°N 40°E, roughly the Black Sea
  and the Caucasus: it keeps areas true, so a choropleth compares honestly, and at 4,000 km
  from its centre (Lisbon, the Gulf, western China) shapes are still only slightly bent;
- a map whose highlighted countries reach beyond that (the United States, Japan, Brazil) is a
  world map in the Equal Earth projection, also equal-area.

The registry asks it which places have a shape (``map_names``); locator maps plan and draw
with it.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import MultiPolygon, Polygon

DATA = Path(__file__).resolve().parents[1] / "data" / "countries-110m.json"

REGIONAL = "+proj=laea +lat_0=45 +lon_0=40 +ellps=WGS84 +units=m +no_defs"
WORLD = "+proj=eqearth +lon_0=0 +ellps=WGS84 +units=m +no_defs"
CENTRE = (40.0, 45.0)  # lon, lat of the regional projection's centre
# A shape belongs on the regional map when all of it lies within this distance of the centre:
# Russia's Kamchatka (7,760 km) and China's south coast (7,260 km) do; Honshu (8,060 km) and
# the Americas do not, so Japan and the United States are drawn on a world map instead.
REACH_KM = 8000
# The countries index shows at most this part of the world (lon, lat): from the Atlantic to
DENSIFY_DEGREES = 1.0  # long straight edges are split so that they bend with the projection


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


def projector(projection: str) -> Transformer:
    return Transformer.from_crs("EPSG:4326", projection, always_xy=True)


def _project(geometries: dict[str, list[Polygon]], points: dict, projection: str) -> Projected:
    transformer = projector(projection)

    def forward(coordinates):
        x, y = transformer.transform(coordinates[:, 0], coordinates[:, 1])
        return np.column_stack([x, y])

    parts = {}
    for code in sorted(geometries):
        dense = shapely.segmentize(np.array(geometries[code]), DENSIFY_DEGREES)
        projected = shapely.transform(dense, forward)
        parts[code] = [part if part.is_valid else shapely.make_valid(part) for part in projected]
    shapes = {code: MultiPolygon([p for part in found for p in polygons(part)])
              for code, found in parts.items()}
    bounds = {code: tuple(shape.bounds) for code, shape in shapes.items()}
    projected_points = {}
    for code, (lon, lat) in sorted(points.items()):
        x, y = transformer.transform(lon, lat)
        projected_points[code] = (x, y)
        bounds[code] = (x, y, x, y)
    return Projected(shapes, parts, projected_points, bounds)


def polygons(geometry) -> list[Polygon]:
    """The polygons in a geometry (clipping and repairs can leave lines and points too)."""
    if isinstance(geometry, Polygon):
        return [] if geometry.is_empty else [geometry]
    return [polygon for part in getattr(geometry, "geoms", ()) for polygon in polygons(part)]


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
