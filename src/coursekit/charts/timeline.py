"""A timeline of dated events, one row per theme (lesson 02 and its timeline explorer).

Dates in the course are only as precise as their sources: `2019`, `2019-03` or `2019-03-19`. A
plot needs a point, so an event is placed on the first day its date can mean (`date_start`), and
the marker says how much to trust that position: a filled marker for an exact day, an open one
for a month or a year only. The hover box gives the date as written, so a partial date is never
shown as more precise than it is, and names the source, so every point can be checked.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..tables import THEMES
from . import PALETTE, SYMBOLS, Chart, ChartError, chart, hover_text

REQUIRED = ("date", "date_start", "date_precision", "event", "theme", "source_title")
HOVER = (
    "<b>%{customdata[0]}</b> · %{customdata[1]}<br>%{customdata[2]}"
    "<br><i>Source: %{customdata[3]}</i><extra></extra>"
)


def theme_label(theme: str) -> str:
    """The theme as a reader writes it: `queer_rights` becomes `queer rights`."""
    return theme.replace("_", " ")


def theme_style(theme: str) -> tuple[str, str]:
    """The colour and marker symbol of a theme, the same in every chart and in any selection."""
    position = THEMES.index(theme) if theme in THEMES else len(THEMES)
    return PALETTE[position % len(PALETTE)], SYMBOLS[position % len(SYMBOLS)]


def timeline_chart(events: pd.DataFrame, *, title: str, description: str) -> Chart:
    """Events as points on a time axis, one row per theme, coloured and shaped by theme.

    `events` is the timeline table (`load_table("timeline")`) or any selection of its rows.
    """
    missing = [c for c in REQUIRED if c not in events.columns]
    if missing:
        raise ChartError(f"The events table lacks the column(s) {', '.join(missing)}; "
                         "pass rows of load_table('timeline').")
    if events.empty:
        raise ChartError("There are no events to plot: choose more themes or a wider range of years.")
    themes = [t for t in THEMES if t in set(events["theme"])]
    themes += sorted(set(events["theme"]) - set(themes))  # a theme the schema does not know, last
    figure = go.Figure()
    for theme in themes:
        rows = events[events["theme"] == theme]
        colour, symbol = theme_style(theme)
        exact = rows["date_precision"] == "day"
        # The legend shows a trace's first marker, which may be open; a point-less twin shows
        # the theme's filled symbol instead, and toggles the theme's points with it.
        figure.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", name=theme_label(theme), legendgroup=theme, hoverinfo="skip",
            marker={"color": colour, "symbol": symbol, "size": 12, "line": {"width": 2, "color": colour}},
        ))
        figure.add_trace(go.Scatter(
            x=rows["date_start"],
            y=[theme_label(theme)] * len(rows),
            mode="markers",
            name=theme_label(theme),
            legendgroup=theme,
            showlegend=False,
            marker={
                "color": colour,
                "symbol": [symbol if day else f"{symbol}-open" for day in exact],
                "size": 12,
                "line": {"width": 2, "color": colour},
            },
            customdata=list(zip(rows["date"], [theme_label(theme)] * len(rows),
                                rows["event"].map(hover_text), rows["source_title"].map(hover_text))),
            hovertemplate=HOVER,
        ))
    # Two legend entries with no points explain the filled and open markers.
    for name, symbol in [("exact day", "circle"), ("month or year only", "circle-open")]:
        figure.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", name=name, hoverinfo="skip",
            marker={"symbol": symbol, "size": 12, "color": "#555555", "line": {"width": 2, "color": "#555555"}},
        ))
    # Axis types are set, not guessed: plotly.js guesses from the first trace, a point-less one.
    figure.update_xaxes(type="date")
    figure.update_yaxes(type="category", categoryorder="array",
                        categoryarray=[theme_label(t) for t in reversed(themes)])
    figure.update_layout(height=max(300, 120 + 55 * len(themes)), hovermode="closest",
                         legend={"title": {"text": "theme · date"}})
    return chart(figure, title=title, description=description, x_title="date (first day of a partial date)",
                 y_title="theme")
