"""The timeline chart of lesson 02: one row per theme, honest about partial dates, every point sourced."""

import json

import pandas as pd
import pytest

from coursekit.charts import MIMETYPE, PALETTE, SYMBOLS, ChartError, hover_text
from coursekit.charts.timeline import (
    theme_label,
    theme_style,
    timeline_chart,
)
from coursekit.tables import THEMES


def draw(events):
    return timeline_chart(events, title="Events", description="Events on a time axis.")


def event_traces(chart):
    """The traces that carry events (the two legend-only traces have no points)."""
    return [t for t in chart.figure.data if t.customdata is not None]


def test_one_trace_per_theme_in_the_course_order_with_every_event(timeline):
    chart = draw(timeline)
    traces = event_traces(chart)
    assert [t.name for t in traces] == [theme_label(t) for t in THEMES]
    assert sum(len(t.x) for t in traces) == len(timeline)
    for trace in traces:
        assert set(trace.y) == {trace.name}
    assert chart.figure.layout.xaxis.type == "date" and chart.figure.layout.yaxis.type == "category"
    # The y axis lists the themes top to bottom in the course's order.
    assert list(chart.figure.layout.yaxis.categoryarray) == [theme_label(t) for t in reversed(THEMES)]


def test_a_selection_plots_only_its_themes(timeline):
    chosen = timeline[timeline["theme"].isin(["politics", "film"])]
    chart = draw(chosen)
    assert [t.name for t in event_traces(chart)] == ["film", "politics"]
    assert sum(len(t.x) for t in event_traces(chart)) == len(chosen)


def test_each_theme_has_its_own_colour_and_symbol_in_any_selection(timeline):
    styles = [theme_style(t) for t in THEMES]
    assert len({c for c, _ in styles}) == len(THEMES) and len({s for _, s in styles}) == len(THEMES)
    assert theme_style("politics") == (PALETTE[THEMES.index("politics")], SYMBOLS[THEMES.index("politics")])
    (politics,) = event_traces(draw(timeline[timeline["theme"] == "politics"]))
    colour, symbol = theme_style("politics")
    assert politics.marker.color == colour
    assert {s.removesuffix("-open") for s in politics.marker.symbol} == {symbol}


def test_exact_days_are_filled_and_partial_dates_open(timeline):
    for trace in event_traces(draw(timeline)):
        for (date, *_), marker in zip(trace.customdata, trace.marker.symbol):
            assert marker.endswith("-open") == (len(date) < 10), (date, marker)
    legend = [(t.name, t.marker.symbol) for t in draw(timeline).figure.data if t.customdata is None]
    themes = [(theme_label(t), theme_style(t)[1]) for t in THEMES]
    assert legend == themes + [("exact day", "circle"), ("month or year only", "circle-open")]


def test_the_legend_shows_each_theme_once_filled_and_toggles_its_points(timeline):
    figure = draw(timeline).figure
    for trace in event_traces(draw(timeline)):
        (entry,) = [t for t in figure.data if t.customdata is None and t.name == trace.name]
        assert trace.showlegend is False and entry.legendgroup == trace.legendgroup
        assert entry.x == (None,), "a legend entry carries no point"


def test_a_partial_date_is_placed_on_its_first_day_but_shown_as_written(timeline):
    year_only = timeline[timeline["date"] == "2021"].head(1)
    (trace,) = event_traces(draw(year_only))
    assert pd.Timestamp(trace.x[0]) == pd.Timestamp("2021-01-01")
    assert trace.customdata[0][0] == "2021"


def test_hover_shows_event_date_and_source(timeline):
    chart = draw(timeline)
    hovered = {(c[0], c[2].replace("<br>", " "), c[3].replace("<br>", " "))
               for t in event_traces(chart) for c in t.customdata}
    expected = set(zip(timeline["date"], timeline["event"], timeline["source_title"]))
    assert hovered == expected
    for trace in event_traces(chart):
        assert "Source: %{customdata[3]}" in trace.hovertemplate


def test_hover_text_breaks_long_lines_only_between_words():
    text = "Kazakhstan's Constitutional Court ruled that the 2000 law on the First President had lost its legal basis."
    lines = hover_text(text, width=30).split("<br>")
    assert len(lines) > 1 and all(len(line) <= 30 for line in lines)
    assert " ".join(lines) == text


def test_the_chart_is_titled_described_and_small(timeline):
    chart = draw(timeline)
    layout = chart.figure.layout
    assert layout.title.text == "Events" and chart.description == "Events on a time axis."
    assert layout.xaxis.title.text.startswith("date") and layout.yaxis.title.text == "theme"
    assert len(json.dumps(chart.mimebundle()[MIMETYPE])) < 100_000


def test_no_events_is_a_chart_error_with_advice(timeline):
    with pytest.raises(ChartError, match="no events to plot"):
        draw(timeline.iloc[0:0])


def test_a_table_that_is_not_the_timeline_is_refused():
    with pytest.raises(ChartError, match="lacks the column"):
        draw(pd.DataFrame({"date": ["2019"], "event": ["x"]}))
