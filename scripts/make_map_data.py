"""Write generator/data/countries-110m.json, the country shapes the locator maps are drawn from.

The source is Natural Earth's 1:110m Admin 0 countries (public domain), as the geopandas
0.14.4 wheel on PyPI ships it (``geopandas/datasets/naturalearth_lowres``, with Crimea
already drawn as part of Ukraine). Fetch the wheel and run this once:

    pip download --no-deps geopandas==0.14.4 -d /tmp/wheels
    pip install "pyshp>=2.3" shapely
    python scripts/make_map_data.py /tmp/wheels/geopandas-0.14.4-py3-none-any.whl

Countries are keyed by ISO 3166-1 alpha-2 code, the way the site addresses them (Kosovo as
XK). Natural Earth draws Northern Cyprus and Somaliland apart from Cyprus and Somalia; ISO
3166, and so the site, counts them as part of those, so their shapes are merged in.
States too small for this scale (Malta, Bahrain, Andorra, ...) get a point at their capital,
taken from the same wheel's ``naturalearth_cities``. Coordinates are rounded to 0.01°
(about a kilometre, finer than the 1:110m lines); the output is the same on every run.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import zipfile
from pathlib import Path

import pycountry
import shapefile
from shapely import STRtree
from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.ops import unary_union

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "generator" / "data" / "countries-110m.json"
DATASETS = "geopandas/datasets"

# Shapes Natural Earth keeps apart from the ISO 3166 country the site counts them in.
MERGED = {"CYN": "CY", "SOL": "SO"}
# Shapes with no ISO 3166-1 code, by Natural Earth name; XK is the code the EU uses.
NAMED = {"Kosovo": "XK"}
# Antarctica is left out: no page needs it, and it would stretch every world map.
LEFT_OUT = {"AQ"}
# Small states missing at 1:110m, drawn as a point at their capital (a naturalearth_cities
# name; names that file misspells are not used).
CAPITALS = {
    "AD": "Andorra", "AG": "Saint John's", "BB": "Bridgetown", "BH": "Manama", "CV": "Praia",
    "DM": "Roseau", "FM": "Palikir", "GD": "Saint George's", "HK": "Hong Kong", "KI": "Tarawa",
    "KM": "Moroni", "KN": "Basseterre", "LC": "Castries", "LI": "Vaduz", "MC": "Monaco",
    "MH": "Majuro", "MT": "Valletta", "MU": "Port Louis", "MV": "Malé", "PW": "Melekeok",
    "SC": "Victoria", "SG": "Singapore", "SM": "San Marino", "ST": "São Tomé", "TO": "Nuku'alofa",
    "TV": "Funafuti", "VA": "Vatican City", "VC": "Kingstown", "WS": "Apia",
}
# Two countries are neighbours when their shapes come this close (degrees): the 1:110m
# borders of neighbours do not always meet exactly.
TOUCH = 0.05
DIGITS = 2


def read_shapes(archive: zipfile.ZipFile, name: str) -> shapefile.Reader:
    base = f"{DATASETS}/{name}/{name}"
    files = {ext: io.BytesIO(archive.read(f"{base}.{ext}")) for ext in ("shp", "shx", "dbf")}
    encoding = archive.read(f"{base}.cpg").decode().strip() or "latin-1"
    return shapefile.Reader(shp=files["shp"], shx=files["shx"], dbf=files["dbf"],
                            encoding=encoding)


def alpha_2(record) -> str | None:
    code = record["iso_a3"]
    if code in MERGED:
        return MERGED[code]
    if record["name"] in NAMED:
        return NAMED[record["name"]]
    country = pycountry.countries.get(alpha_3=code)
    return country.alpha_2 if country else None


def polygons(geometry) -> list[Polygon]:
    if isinstance(geometry, Polygon):
        return [geometry]
    if isinstance(geometry, MultiPolygon):
        return list(geometry.geoms)
    return [part for part in getattr(geometry, "geoms", []) if isinstance(part, Polygon)]


def rounded_ring(coordinates) -> list[float]:
    flat: list[float] = []
    previous = None
    for lon, lat in coordinates:
        point = (round(lon, DIGITS), round(lat, DIGITS))
        if point != previous:
            flat += point
            previous = point
    return flat


def encode(geometry) -> list[list[list[float]]]:
    """Polygons (largest first) as rings of flat lon, lat lists, exterior first."""
    parts = sorted(polygons(geometry), key=lambda p: (-p.area, p.bounds))
    encoded = []
    for part in parts:
        exterior = rounded_ring(part.exterior.coords)
        if len(exterior) < 8:  # fewer than three distinct corners left after rounding
            continue
        holes = [rounded_ring(ring.coords) for ring in part.interiors]
        encoded.append([exterior, *(hole for hole in holes if len(hole) >= 8)])
    return encoded


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel", type=Path, help="geopandas-0.14.4-py3-none-any.whl")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    arguments = parser.parse_args(argv)
    with zipfile.ZipFile(arguments.wheel) as archive:
        countries = read_shapes(archive, "naturalearth_lowres")
        cities = read_shapes(archive, "naturalearth_cities")
        version = arguments.wheel.name.split("-")[1]
        shapes: dict[str, list] = {}
        names: dict[str, str] = {}
        for record, geometry in zip(countries.records(), countries.shapes(), strict=True):
            code = alpha_2(record)
            if code is None:
                print(f"no code for {record['name']} ({record['iso_a3']})", file=sys.stderr)
                return 1
            if code in LEFT_OUT:
                continue
            shapes.setdefault(code, []).append(shape(geometry.__geo_interface__))
            if record["iso_a3"] not in MERGED:
                names[code] = record["name"]
        capitals = {record["name"]: geometry.points[0]
                    for record, geometry in zip(cities.records(), cities.shapes(), strict=True)}
    merged = {code: unary_union(parts) if len(parts) > 1 else parts[0]
              for code, parts in shapes.items()}
    codes = sorted(merged)
    tree = STRtree([merged[code] for code in codes])
    neighbours = {}
    for code in codes:
        near = tree.query(merged[code], predicate="dwithin", distance=TOUCH)
        neighbours[code] = sorted(codes[index] for index in near if codes[index] != code)
    points = {}
    for code, city in sorted(CAPITALS.items()):
        if code in merged:
            continue
        lon, lat = capitals[city]
        points[code] = [round(lon, DIGITS), round(lat, DIGITS)]
    data = {
        "source": f"Natural Earth 1:110m Cultural Vectors, Admin 0 - Countries, as shipped in "
                  f"geopandas {version} (naturalearth_lowres, naturalearth_cities)",
        "licence": "public domain (Natural Earth terms of use)",
        "shapes": {code: {"name": names.get(code, code), "polygons": encode(merged[code])}
                   for code in codes},
        "neighbours": {code: near for code, near in neighbours.items() if near},
        "points": points,
    }
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    arguments.output.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {arguments.output} ({len(text) // 1024} KB, {len(codes)} shapes, "
          f"{len(points)} points)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
