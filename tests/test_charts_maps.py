"""The offline map of lesson 02, and the border lines it draws from the bundled world map."""

import itertools
import json

import pandas as pd
import pytest

from coursekit.charts import MIMETYPE, ChartError
from coursekit.charts.maps import BASE_LAYERS, KAZAKHSTAN, REGION, places_map
from coursekit.errors import CourseError
from coursekit.geo import border_lines, country_boxes, country_outline

# The base layers whose display makes plotly.js download world_110m.json from its CDN. In the
# plotly.js that JupyterLab's plotly extension bundles, a geo subplot's plot() sets a flag when
# `layout.geo["show" + layer]` is true for any of these, or when a trace has `locationmode`, and
# only then calls fetchTopojson(). (The frame is drawn from a sphere and fetches nothing.)
FETCHING_LAYERS = ("showocean", "showland", "showlakes", "showsubunits", "showcountries",
                   "showcoastlines", "showrivers")


@pytest.fixture(scope="module")
def maps(places):
    kazakh = places[places["country"] == "Kazakhstan"]
    return [
        places_map(places, title="Places", description="Every place."),
        places_map(kazakh, box=KAZAKHSTAN, labels=True, title="Kazakhstan", description="Kazakh places."),
        places_map(kazakh, box=KAZAKHSTAN, emphasise=None, title="Kazakhstan", description="No emphasis."),
    ]


def payload(chart) -> dict:
    """The figure exactly as the notebook sends it to plotly.js."""
    return chart.mimebundle()[MIMETYPE]


def test_the_map_can_never_make_plotly_fetch_its_world_map(maps):
    # Offline (a classroom, the browser tests) the fetch fails and the map stays blank, so every
    # layer that would trigger it must be off in what reaches the browser, explicitly: the
    # course's template (plotly_white) switches land and lakes on, and a layer left unset
    # would take the template's value. No trace may use locationmode either.
    assert set(FETCHING_LAYERS) <= set(BASE_LAYERS)
    for chart in maps:
        figure = payload(chart)
        geos = {key: value for key, value in figure["layout"].items() if key.startswith("geo")}
        assert list(geos) == ["geo"], "one geo subplot, named geo"
        for layer in FETCHING_LAYERS:
            assert geos["geo"].get(layer) is False, layer
        assert geos["geo"]["visible"] is False
        for trace in figure["data"]:
            assert trace["type"] == "scattergeo"
            assert "locationmode" not in trace and "locations" not in trace and "geojson" not in trace


def test_the_figure_stays_small(maps):
    for chart in maps:
        assert len(json.dumps(payload(chart))) < 300_000


def test_borders_are_drawn_as_plain_lines_without_hover(maps):
    figure = maps[0].figure
    borders, kazakhstan = figure.data[0], figure.data[1]
    for trace in (borders, kazakhstan):
        assert trace.mode == "lines" and trace.hoverinfo == "skip"
        assert None in trace.lon and len(trace.lon) == len(trace.lat)
    assert borders.line.width < kazakhstan.line.width and kazakhstan.name == "Kazakhstan's borders"
    assert not borders.showlegend


def test_without_emphasis_there_is_one_line_trace(maps):
    lines = [t for t in maps[2].figure.data if t.mode == "lines"]
    assert len(lines) == 1


def test_every_place_is_a_marker_with_its_story_and_source(maps, places):
    markers = [t for t in maps[0].figure.data if t.mode == "markers"]
    assert sum(len(t.lon) for t in markers) == len(places)
    hovered = {c[0]: c for t in markers for c in t.customdata}
    assert set(hovered) == set(places["place"])
    for row in places.itertuples():
        _, country, story, _, coordinates = hovered[row.place]
        assert country == row.country
        assert story.replace("<br>", " ") == row.what_happened
        assert coordinates.replace("<br>", " ") == row.coordinates_title
    for trace in markers:
        assert "Coordinates: %{customdata[4]}" in trace.hovertemplate


def test_named_and_unnamed_places_differ_in_symbol_and_colour(maps, places):
    named, unnamed = [t for t in maps[0].figure.data if t.mode == "markers"]
    assert (named.name, unnamed.name) == ("named in the texts", "only in the timeline")
    assert named.marker.symbol != unnamed.marker.symbol and named.marker.color != unnamed.marker.color
    assert {c[0] for c in named.customdata} == set(places.loc[places["mentioned_in"].notna(), "place"])
    assert {c[3] for c in unnamed.customdata} == {"none of the three"}


def test_labels_name_each_place_cities_above_sites_below(maps, places):
    markers = [t for t in maps[1].figure.data if t.mode == "markers+text"]
    kazakh = places[places["country"] == "Kazakhstan"].set_index("place")
    labelled = {name: position for t in markers for name, position in zip(t.text, t.textposition)}
    assert set(labelled) == set(kazakh.index)
    for name, position in labelled.items():
        assert position == ("bottom center" if kazakh.loc[name, "kind"] == "site" else "top center")
    assert all(t.text is None for t in maps[0].figure.data if t.mode == "markers")


def test_the_figure_is_sized_to_the_box(maps):
    assert maps[0].figure.layout.height < maps[1].figure.layout.height


def test_the_view_is_the_box(maps):
    geo = maps[1].figure.layout.geo
    west, south, east, north = KAZAKHSTAN
    assert tuple(geo.lonaxis.range) == (west, east) and tuple(geo.lataxis.range) == (south, north)
    assert maps[0].figure.layout.geo.lonaxis.range == (REGION[0], REGION[2])


def test_a_map_needs_places_from_the_places_table(places):
    with pytest.raises(ChartError, match="no places"):
        places_map(places.iloc[0:0], title="T", description="D.")
    with pytest.raises(ChartError, match="lacks the column"):
        places_map(pd.DataFrame({"place": ["Almaty"]}), title="T", description="D.")


# coursekit.geo: the lines the map draws

def test_kazakhstans_outline_is_one_closed_ring_inside_its_box():
    (ring,) = country_outline("KAZ")
    assert ring[0] == ring[-1] and len(ring) > 50
    (west, south, east, north), = country_boxes("KAZ")
    assert all(west - 0.01 <= x <= east + 0.01 and south - 0.01 <= y <= north + 0.01 for x, y in ring)


def test_outlines_are_rounded_and_have_no_repeated_points():
    for decimals in (0, 2):
        (ring,) = country_outline("KAZ", decimals=decimals)
        assert all(round(x, decimals) == x and round(y, decimals) == y for x, y in ring)
        assert all(a != b for a, b in itertools.pairwise(ring))
    assert len(country_outline("KAZ", decimals=0)[0]) < len(country_outline("KAZ")[0])


def test_a_country_in_several_parts_has_several_outlines():
    assert len(country_outline("USA")) >= 3  # the mainland, Alaska, Hawaii


def test_border_lines_in_a_box_reach_into_it_and_are_fewer():
    everywhere = border_lines()
    west, south, east, north = KAZAKHSTAN
    cropped = border_lines(KAZAKHSTAN)
    assert 0 < len(cropped) < len(everywhere)
    assert all(any(west <= x <= east and south <= y <= north for x, y in line) for line in cropped)
    assert set(map(tuple, cropped)) <= set(map(tuple, everywhere))


def test_shared_borders_are_drawn_once():
    # Kazakhstan's outline is made of arcs shared with its neighbours; drawing arcs, not
    # outlines, means no two border lines are the same line.
    lines = [tuple(line) for line in border_lines()]
    assert len(lines) == len(set(lines))


def test_an_unknown_country_code_is_a_course_error():
    with pytest.raises(CourseError, match="no country with the code 'XXX'"):
        country_outline("XXX")
