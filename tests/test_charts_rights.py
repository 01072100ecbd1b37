"""The rights chart of lesson 04: one row per country, a colour and a symbol per kind, honest dates."""

import json

import pytest

from coursekit.charts import MIMETYPE, ChartError, hover_text
from coursekit.charts.rights import (
    KIND_SYMBOLS,
    comparison_chart,
    country_order,
    kind_label,
    kind_style,
    rights_chart,
)
from coursekit.tables import EVENT_KINDS


@pytest.fixture(scope="module")
def kinded(timeline):
    return timeline[timeline["kind"].notna()]


def draw(events):
    return rights_chart(events, title="Events", description="Events by country and kind.")


def event_traces(chart):
    """The traces that carry events (the legend-only traces have no points)."""
    return [t for t in chart.figure.data if t.customdata is not None]


def test_one_trace_per_kind_with_every_event_on_its_countrys_row(kinded):
    chart = draw(kinded)
    traces = event_traces(chart)
    present = [k for k in EVENT_KINDS if k in set(kinded["kind"])]
    assert [t.name for t in traces] == [kind_label(k) for k in present]
    assert sum(len(t.x) for t in traces) == len(kinded)
    for trace in traces:
        kind = EVENT_KINDS[[kind_label(k) for k in EVENT_KINDS].index(trace.name)]
        expected = kinded[kinded["kind"] == kind]
        assert sorted(trace.y) == sorted(expected["country"])
    layout = chart.figure.layout
    assert layout.xaxis.type == "date" and layout.yaxis.type == "category"
    assert layout.xaxis.title.text.startswith("date") and layout.yaxis.title.text == "country"


def test_kazakhstan_is_the_top_row_and_the_others_follow_by_number_of_events(kinded):
    order = country_order(kinded)
    counts = kinded["country"].value_counts()
    assert order[0] == "Kazakhstan"
    assert [counts[c] for c in order[1:]] == sorted((counts[c] for c in order[1:]), reverse=True)
    # plotly lists categories bottom to top
    assert list(draw(kinded).figure.layout.yaxis.categoryarray) == list(reversed(order))


def test_every_kind_has_its_own_symbol_and_colour_symbol_pair():
    styles = [kind_style(k) for k in EVENT_KINDS]
    assert len({s for _, s in styles}) == len(EVENT_KINDS) == len(set(styles))
    assert len(KIND_SYMBOLS) >= len(EVENT_KINDS)


def test_the_legend_names_each_kind_with_its_filled_symbol_and_explains_open_markers(kinded):
    chart = draw(kinded)
    legend = {t.name: t.marker.symbol for t in chart.figure.data if t.customdata is None}
    for kind in set(kinded["kind"]):
        assert legend[kind_label(kind)] == kind_style(kind)[1]
    assert legend["exact day"] == "circle" and legend["month or year only"] == "circle-open"


def test_partial_dates_are_open_markers_and_the_hover_gives_the_date_as_written(kinded):
    for trace in event_traces(draw(kinded)):
        for (date, *_), symbol in zip(trace.customdata, trace.marker.symbol):
            assert symbol.endswith("-open") == (len(date) < 10), (date, symbol)
    year_only = kinded[kinded["date_precision"] == "year"]
    assert not year_only.empty  # 1995, 1998, 2024: the check above covers them


def test_hover_names_event_kind_and_source(kinded):
    hovered = [c for t in event_traces(draw(kinded)) for c in t.customdata]
    assert sorted(c[3] for c in hovered) == sorted(kinded["source_title"].map(hover_text))
    assert sorted(c[2] for c in hovered) == sorted(kinded["event"].map(hover_text))
    assert all("Source" in t.hovertemplate and "%{y}" in t.hovertemplate for t in event_traces(draw(kinded)))


def test_rows_without_a_kind_are_left_out(timeline):
    chart = draw(timeline)
    assert sum(len(t.x) for t in event_traces(chart)) == timeline["kind"].notna().sum()


def test_nothing_to_plot_or_a_wrong_table_is_a_chart_error(timeline, kinded):
    with pytest.raises(ChartError, match="no events with a kind"):
        draw(timeline[timeline["kind"].isna()])
    with pytest.raises(ChartError, match="lacks the column"):
        draw(kinded.drop(columns=["kind"]))


def test_the_figure_is_plain_json_with_a_description(kinded):
    bundle = draw(kinded).mimebundle()
    payload = json.loads(json.dumps(bundle[MIMETYPE]))
    assert payload["layout"]["title"]["text"] == "Events"
    assert bundle["text/plain"].endswith("Events by country and kind.")


def test_the_comparison_chart_names_its_countries_and_counts_in_title_and_description(timeline, kinded):
    chart = comparison_chart(timeline)
    countries = kinded["country"].nunique()
    assert chart.title.startswith(f"Laws and events about LGBTQ+ people in {countries} countries")
    assert chart.description.startswith(f"{len(kinded)} events") and "Kazakhstan, " in chart.description
    assert sum(len(t.x) for t in event_traces(chart)) == len(kinded)
    with pytest.raises(ChartError, match="No rows with a kind"):
        comparison_chart(timeline[timeline["kind"].isna()])
