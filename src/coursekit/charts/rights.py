"""Laws and events about LGBTQ+ people, compared across countries (lesson 04 and its explorer).

One row per country, time across: a reader sees at a glance that Russia's laws came first and
that Kyrgyzstan, Georgia and Kazakhstan followed, and what happened in between (court rulings,
attacks, detentions). Each kind of event has its own colour AND its own marker symbol, so the
kinds stay apart without colour. Partial dates are drawn as in lesson 02's timeline: an open
marker for a month or a year only, and the hover box gives the date as the source writes it.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..tables import EVENT_KINDS
from . import PALETTE, SYMBOLS, Chart, ChartError, chart
from .timeline import add_event_points, add_precision_legend, theme_label

REQUIRED = ("date", "date_start", "date_precision", "event", "kind", "country", "source_title")
# More kinds than the shared symbols: three more shapes, so that no two kinds share a symbol.
KIND_SYMBOLS = (*SYMBOLS, "pentagon", "triangle-down", "hourglass")
# The country the course is about comes first (at the top); the others follow by their number of events.
HOME = "Kazakhstan"
HOVER = (
    "<b>%{customdata[0]}</b> · %{y} · %{customdata[1]}<br>%{customdata[2]}"
    "<br><i>Source: %{customdata[3]}</i><extra></extra>"
)


def kind_label(kind: str) -> str:
    """The kind as a reader writes it: `court_ruling` becomes `court ruling`."""
    return theme_label(kind)


def kind_style(kind: str) -> tuple[str, str]:
    """The colour and marker symbol of a kind of event, the same in every chart and selection."""
    position = EVENT_KINDS.index(kind) if kind in EVENT_KINDS else len(EVENT_KINDS)
    return PALETTE[position % len(PALETTE)], KIND_SYMBOLS[position % len(KIND_SYMBOLS)]


def country_order(events: pd.DataFrame) -> list[str]:
    """The countries of `events`, Kazakhstan first, then by number of events (most first), then by name."""
    counts = events["country"].value_counts()
    return sorted(counts.index, key=lambda c: (c != HOME, -counts[c], c))


def _require_columns(events: pd.DataFrame) -> None:
    missing = [c for c in REQUIRED if c not in events.columns]
    if missing:
        raise ChartError(f"The events table lacks the column(s) {', '.join(missing)}; "
                         "pass rows of load_table('timeline').")


def rights_chart(events: pd.DataFrame, *, title: str, description: str) -> Chart:
    """Events on a time axis, one row per country, each kind with its own colour and symbol.

    `events` is rows of the timeline table (`load_table("timeline")`) that have a `kind`.
    """
    _require_columns(events)
    events = events[events["kind"].notna()]
    if events.empty:
        raise ChartError("There are no events with a kind to plot: choose more countries or kinds.")
    kinds = [k for k in EVENT_KINDS if k in set(events["kind"])]
    kinds += sorted(set(events["kind"]) - set(kinds))  # a kind the schema does not know, last
    countries = country_order(events)
    figure = go.Figure()
    for kind in kinds:
        rows = events[events["kind"] == kind]
        colour, symbol = kind_style(kind)
        add_event_points(figure, rows, rows["country"], kind_label(kind), colour, symbol, group=kind, size=13,
                         hovertemplate=HOVER)
    add_precision_legend(figure)
    # Axis types are set, not guessed: plotly.js guesses from the first trace, a point-less one.
    figure.update_xaxes(type="date")
    figure.update_yaxes(type="category", categoryorder="array", categoryarray=list(reversed(countries)))
    figure.update_layout(height=max(320, 140 + 60 * len(countries)), hovermode="closest",
                         legend={"title": {"text": "kind · date"}})
    return chart(figure, title=title, description=description, x_title="date (first day of a partial date)",
                 y_title="country")


def comparison_chart(timeline: pd.DataFrame) -> Chart:
    """Every timeline row with a kind, compared by country: the lesson's overview figure."""
    _require_columns(timeline)
    events = timeline[timeline["kind"].notna()]
    if events.empty:
        raise ChartError("No rows with a kind to compare: pass load_table('timeline').")
    countries = country_order(events)
    first, last = events["date_start"].dt.year.min(), events["date_start"].dt.year.max()
    return rights_chart(
        events,
        title=f"Laws and events about LGBTQ+ people in {len(countries)} countries, {first} to {last}",
        description=(f"{len(events)} events from {first} to {last}, one row per country ({', '.join(countries)}), "
                     "each kind of event with its own colour and symbol; open markers are dates known only "
                     "to the month or year."),
    )
