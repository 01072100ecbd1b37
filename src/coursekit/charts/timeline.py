"""A timeline of dated events, one row per theme (lesson 02 and its timeline explorer).

Dates in the course are only as precise as their sources: `2019`, `2019-03` or `2019-03-19`. A
plot needs a point, so an event is placed on the first day its date can mean (`date_start`), and
the marker says how much to trust that position: a filled marker for an exact day, an open one
for a month or a year only. The hover box gives the date as written, so a partial date is never
shown as more precise than it is, and names the source, so every point can be checked.
"""

from __future__ import annotations

from collections.abc import Iterable

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


def precision_symbols(symbol: str, precisions: Iterable[str]) -> list[str]:
    """One marker per date: `symbol` filled for an exact day, open for a month or a year only."""
    return [symbol if precision == "day" else f"{symbol}-open" for precision in precisions]


def add_legend_entry(figure: go.Figure, name: str, colour: str, symbol: str, *, group: str | None = None) -> None:
    """A point-less trace that shows `name` in the legend with its filled symbol.

    The legend draws a trace's first marker, which may be open; this twin shows the filled one
    instead, and with `group` it toggles the points of its group with it.
    """
    figure.add_trace(go.Scatter(
        x=[None], y=[None], mode="markers", name=name, legendgroup=group, hoverinfo="skip",
        marker={"color": colour, "symbol": symbol, "size": 12, "line": {"width": 2, "color": colour}},
    ))


def add_event_points(figure: go.Figure, rows: pd.DataFrame, y, name: str, colour: str, symbol: str, *,
                     group: str, size: int = 12, hovertemplate: str = HOVER) -> None:
    """One group of timeline events as markers at their dates, with a legend entry for the group.

    Markers are filled for an exact day and open for a month or a year; the hover box gives the
    date as written, the group's name, the event and its source (`hovertemplate` may add more,
    such as the row's country).
    """
    add_legend_entry(figure, name, colour, symbol, group=group)
    figure.add_trace(go.Scatter(
        x=rows["date_start"],
        y=y,
        mode="markers",
        name=name,
        legendgroup=group,
        showlegend=False,
        marker={"color": colour, "symbol": precision_symbols(symbol, rows["date_precision"]), "size": size,
                "line": {"width": 2, "color": colour}},
        customdata=list(zip(rows["date"], [name] * len(rows),
                            rows["event"].map(hover_text), rows["source_title"].map(hover_text))),
        hovertemplate=hovertemplate,
    ))


def add_precision_legend(figure: go.Figure) -> None:
    """Two legend entries with no points that explain the filled and the open markers."""
    for name, symbol in [("exact day", "circle"), ("month or year only", "circle-open")]:
        add_legend_entry(figure, name, "#555555", symbol)


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
        add_event_points(figure, rows, [theme_label(theme)] * len(rows), theme_label(theme), colour, symbol, group=theme)
    add_precision_legend(figure)
    # Axis types are set, not guessed: plotly.js guesses from the first trace, a point-less one.
    figure.update_xaxes(type="date")
    figure.update_yaxes(type="category", categoryorder="array",
                        categoryarray=[theme_label(t) for t in reversed(themes)])
    figure.update_layout(height=max(300, 120 + 55 * len(themes)), hovermode="closest",
                         legend={"title": {"text": "theme · date"}})
    return chart(figure, title=title, description=description, x_title="date (first day of a partial date)",
                 y_title="theme")
