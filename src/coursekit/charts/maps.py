"""A map of the course's places that draws with no internet connection (lesson 02).

Plotly's geo maps usually get their land, coasts and borders from a file, `world_110m.json`,
that plotly.js downloads from a CDN (its `topojsonURL`). Offline, or behind a school firewall,
that download fails and the map stays blank. plotly.js fetches the file only when the figure
needs it: when one of the geo subplot's base layers is switched on (`showcoastlines`,
`showland`, `showcountries`, `showocean`, `showlakes`, `showrivers`, `showsubunits`) or when a
trace places things by country name or code (`locationmode`). So this map switches every base
layer off, never uses `locationmode`, and draws the borders and coasts itself as plain lines,
from the copy of the same file that the course bundles (`coursekit.geo`).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..geo import Box, Line, border_lines, country_outline
from . import PALETTE, SYMBOLS, Chart, ChartError, chart, hover_text

# Every base layer of a geo subplot. All but the frame make plotly.js fetch the world map.
BASE_LAYERS = ("showcoastlines", "showland", "showocean", "showlakes", "showrivers", "showcountries",
               "showsubunits", "showframe")
# From California to eastern Kazakhstan: every place of the course, and no more of the world.
REGION: Box = (-125.0, 18.0, 92.0, 64.0)
KAZAKHSTAN: Box = (45.0, 39.0, 89.0, 57.0)
BORDER_COLOUR = "#BBBBBB"
EMPHASIS_COLOUR = "#444444"
REQUIRED = ("place", "kind", "country", "latitude", "longitude", "what_happened", "mentioned_in", "coordinates_title")
HOVER = ("<b>%{customdata[0]}</b> (%{customdata[1]})<br>%{customdata[2]}<br>Named in: %{customdata[3]}"
         "<br><i>Coordinates: %{customdata[4]}</i><extra></extra>")


def lines_trace(lines: list[Line], *, name: str, colour: str, width: float, legend: bool) -> go.Scattergeo:
    """Many lines as one trace: their points joined, with a gap (None) between one line and the next."""
    lon: list[float | None] = []
    lat: list[float | None] = []
    for line in lines:
        lon += [x for x, _ in line] + [None]
        lat += [y for _, y in line] + [None]
    return go.Scattergeo(lon=lon, lat=lat, mode="lines", name=name, line={"color": colour, "width": width},
                         hoverinfo="skip", showlegend=legend)


def places_map(places: pd.DataFrame, *, box: Box = REGION, emphasise: str | None = "KAZ", labels: bool = False,
               title: str, description: str) -> Chart:
    """The places as markers over country borders drawn from the bundled map, cropped to `box`.

    Places that the three texts name and places that only the timeline adds get different
    colours and symbols. The country with the code `emphasise` gets a darker outline. With
    `labels`, each place's name is written by its marker (cities above, sites below, so that a
    site inside a city keeps a readable label).
    """
    missing = [c for c in REQUIRED if c not in places.columns]
    if missing:
        raise ChartError(f"The places table lacks the column(s) {', '.join(missing)}; "
                         "pass rows of load_table('places').")
    if places.empty:
        raise ChartError("There are no places to map.")
    figure = go.Figure()
    figure.add_trace(lines_trace(border_lines(box), name="borders and coasts", colour=BORDER_COLOUR,
                                 width=0.8, legend=False))
    if emphasise:
        figure.add_trace(lines_trace(country_outline(emphasise), name="Kazakhstan's borders"
                                     if emphasise == "KAZ" else f"{emphasise}'s borders",
                                     colour=EMPHASIS_COLOUR, width=1.6, legend=True))
    named = places["mentioned_in"].notna()
    groups = [(named, "named in the texts", 0), (~named, "only in the timeline", 1)]
    for mask, name, style in groups:
        rows = places[mask]
        if rows.empty:
            continue
        figure.add_trace(go.Scattergeo(
            lon=rows["longitude"].astype(float), lat=rows["latitude"].astype(float), name=name,
            mode="markers+text" if labels else "markers", text=rows["place"] if labels else None,
            textposition=["bottom center" if kind == "site" else "top center" for kind in rows["kind"]],
            textfont={"size": 12, "color": "#333333"},
            marker={"size": 10, "color": PALETTE[style], "symbol": SYMBOLS[style * 2],
                    "line": {"width": 1, "color": "white"}},
            customdata=list(zip(
                rows["place"], rows["country"], rows["what_happened"].map(hover_text),
                rows["mentioned_in"].fillna("none of the three"), rows["coordinates_title"].map(hover_text),
            )),
            hovertemplate=HOVER,
        ))
    west, south, east, north = box
    geo = {layer: False for layer in BASE_LAYERS}
    figure.update_geos(
        visible=False, **geo, projection_type="natural earth", bgcolor="white",
        lonaxis_range=[west, east], lataxis_range=[south, north],
    )
    # The map keeps its proportions inside the figure: size the figure to the box, not the reverse.
    height = int(min(560, max(320, 150 + 900 * (north - south) / (east - west))))
    figure.update_layout(height=height, legend={"orientation": "h", "y": -0.02})
    return chart(figure, title=title, description=description)
