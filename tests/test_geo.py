"""Unit tests for coursekit.geo: country boxes decoded from the bundled TopoJSON world map.

The `inside_country` rule of the places table trusts these boxes to catch coordinates typed with
a wrong sign or in the wrong country, so the decoding (delta encoding, quantisation, several parts
per country) and the 0.5 degree margin are checked here on their own, with well-known cities.
A broken map must stop with a CourseError that names the file; those cases use a copy of data/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coursekit.errors import CourseError
from coursekit.geo import MARGIN_DEGREES, country_boxes, is_inside, world_map_path

DATA = Path(__file__).resolve().parents[1] / "data"
ALMATY = (43.2775, 76.8958)
LOS_ANGELES = (34.05, -118.25)
ANCHORAGE = (61.2181, -149.9003)
HONOLULU = (21.3069, -157.8583)


@pytest.fixture(autouse=True)
def real_data(monkeypatch):
    monkeypatch.setenv("COURSEKIT_DATA", str(DATA))


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A private copy of data/, which the test may break."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    monkeypatch.setenv("COURSEKIT_DATA", str(copy))
    return copy


def in_box(box, latitude, longitude) -> bool:
    west, south, east, north = box
    return west <= longitude <= east and south <= latitude <= north


def test_kazakhstan_box_matches_its_known_extent():
    # Natural Earth puts Kazakhstan at about 46.5-87.4 E and 40.7-55.4 N; a decoding error
    # (deltas not summed, scale or translate ignored) would land far from these figures.
    (box,) = country_boxes("KAZ")
    assert box == pytest.approx((46.46, 40.66, 87.36, 55.38), abs=0.05)


@pytest.mark.parametrize("iso3, point", [
    ("KAZ", ALMATY), ("GBR", (51.5078, -0.1281)), ("RUS", (55.7558, 37.6173)), ("USA", LOS_ANGELES),
])
def test_a_city_is_inside_its_country(iso3, point):
    assert is_inside(iso3, *point)


@pytest.mark.parametrize("iso3, point", [
    ("KAZ", (-ALMATY[0], ALMATY[1])),  # latitude sign flipped: the Indian Ocean
    ("KAZ", (ALMATY[0], -ALMATY[1])),  # longitude sign flipped: the Atlantic
    ("USA", ALMATY),
    ("GBR", (-51.5078, -0.1281)),
])
def test_a_point_elsewhere_is_outside(iso3, point):
    assert not is_inside(iso3, *point)


def test_the_margin_takes_half_a_degree_beyond_the_box():
    assert MARGIN_DEGREES == 0.5
    (west, south, east, north) = country_boxes("KAZ")[0]
    latitude = (south + north) / 2
    assert is_inside("KAZ", latitude, east + 0.4)
    assert not is_inside("KAZ", latitude, east + 0.4, margin=0)
    assert not is_inside("KAZ", latitude, east + 0.6)
    assert is_inside("KAZ", north + 0.49, (west + east) / 2)
    assert not is_inside("KAZ", north + 0.51, (west + east) / 2)


def test_the_usa_has_separate_parts_for_the_mainland_alaska_and_hawaii():
    boxes = country_boxes("USA")
    (mainland,) = [b for b in boxes if in_box(b, *LOS_ANGELES)]
    assert not in_box(mainland, *ANCHORAGE) and not in_box(mainland, *HONOLULU)
    assert is_inside("USA", *ANCHORAGE) and is_inside("USA", *HONOLULU)
    assert not is_inside("USA", 40.0, -140.0)  # the Pacific between California and Alaska


def test_every_part_box_is_well_formed():
    for box in country_boxes("USA") + country_boxes("FRA"):
        west, south, east, north = box
        assert -180 <= west <= east <= 180 and -90 <= south <= north <= 90


@pytest.mark.parametrize("code", ["XXX", "kaz", ""])
def test_an_unknown_code_is_a_course_error(code):
    with pytest.raises(CourseError, match=f"no country with the code {code!r}"):
        country_boxes(code)


def test_a_point_across_the_atlantic_is_not_inside_russia():
    assert not is_inside("RUS", 55.7558, -37.6173)


def test_the_map_is_looked_up_in_the_data_folder(data_copy):
    assert world_map_path() == data_copy / "maps" / "world_110m.json"


def test_a_missing_map_is_a_course_error_naming_it(data_copy):
    (data_copy / "maps" / "world_110m.json").unlink()
    with pytest.raises(CourseError, match="missing or damaged") as info:
        country_boxes("KAZ")
    assert str(data_copy / "maps" / "world_110m.json") in str(info.value)


@pytest.mark.parametrize("damage", [
    lambda text: text[: len(text) // 2],  # a download cut short
    lambda text: "",
    lambda text: '{"type": "Topology", "arcs": []}',  # valid JSON, but no countries
])
def test_a_damaged_map_is_a_course_error_naming_it(data_copy, damage):
    path = data_copy / "maps" / "world_110m.json"
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(CourseError, match="missing or damaged") as info:
        country_boxes("KAZ")
    assert str(path) in str(info.value)


def test_a_map_whose_arcs_are_cut_is_a_course_error(data_copy):
    import json

    path = data_copy / "maps" / "world_110m.json"
    topology = json.loads(path.read_text(encoding="utf-8"))
    topology["arcs"] = topology["arcs"][:10]
    path.write_text(json.dumps(topology), encoding="utf-8")
    with pytest.raises(CourseError, match="missing or damaged"):
        country_boxes("KAZ")
