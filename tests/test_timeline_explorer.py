"""The timeline explorer, driven from Python as a student drives it in the browser."""

import re
from html import unescape

import ipywidgets as w
import pytest

from coursekit.charts import MIMETYPE
from coursekit.charts.timeline import theme_label
from coursekit.errors import CourseError
from coursekit.tables import THEMES
from coursekit.widgets import TimelineExplorer


def count_in(explorer) -> int:
    match = re.search(r"(\d+) events?", explorer.count.value)
    assert match, explorer.count.value
    return int(match.group(1))


def plotted_points(explorer) -> int:
    """The points in the figure the explorer's output holds, as the browser would draw them."""
    (figure_output, description) = explorer.output.outputs
    figure = figure_output["data"][MIMETYPE]
    assert "Figure:" in description["data"]["text/html"]
    return sum(len(trace["x"]) for trace in figure["data"] if trace.get("customdata"))


def test_it_opens_on_every_event_with_a_labelled_box_per_theme(timeline):
    explorer = TimelineExplorer(timeline)
    assert list(explorer.theme_boxes) == list(THEMES)
    assert [b.description for b in explorer.theme_boxes.values()] == [theme_label(t) for t in THEMES]
    assert all(b.value for b in explorer.theme_boxes.values())
    assert isinstance(explorer.years, w.IntRangeSlider) and explorer.years.description == "Years"
    assert explorer.years.value == (1989, 2026) == (explorer.years.min, explorer.years.max)
    assert len(explorer.events) == len(timeline) == count_in(explorer) == plotted_points(explorer)


def test_unticking_and_ticking_a_theme_changes_the_events(timeline):
    explorer = TimelineExplorer(timeline)
    explorer.theme_boxes["politics"].value = False
    assert "politics" not in set(explorer.events["theme"])
    politics = (timeline["theme"] == "politics").sum()
    assert len(explorer.events) == len(timeline) - politics == plotted_points(explorer)
    explorer.theme_boxes["politics"].value = True
    assert len(explorer.events) == len(timeline)


def test_the_slider_narrows_the_years(timeline):
    explorer = TimelineExplorer(timeline, themes=["politics"])
    before = len(explorer.events)
    explorer.years.value = (2019, 2023)
    years = explorer.events["date_start"].dt.year
    assert years.between(2019, 2023).all() and 0 < len(explorer.events) < before
    expected = ((timeline["theme"] == "politics") & timeline["date_start"].dt.year.between(2019, 2023)).sum()
    assert len(explorer.events) == expected == count_in(explorer) == plotted_points(explorer)
    assert "2019 to 2023" in explorer.count.value and explorer.chart.title.endswith("2019 to 2023")


def test_a_single_year_is_named_once(timeline):
    explorer = TimelineExplorer(timeline, years=(2022, 2022))
    assert "in 2022 ·" in explorer.count.value
    assert set(explorer.events["date_start"].dt.year) == {2022}


def test_nothing_ticked_gives_advice_and_no_chart(timeline):
    explorer = TimelineExplorer(timeline)
    for box in explorer.theme_boxes.values():
        box.value = False
    assert explorer.events.empty and explorer.chart is None
    assert explorer.output.outputs == () and explorer.table.value == ""
    assert "Tick at least one theme" in explorer.count.value


def test_years_without_events_give_advice_and_no_chart(timeline):
    explorer = TimelineExplorer(timeline, themes=["film"], years=(1992, 1994))
    assert explorer.events.empty and explorer.chart is None and explorer.output.outputs == ()
    assert "No events in 1992 to 1994" in explorer.count.value and "(film)" in explorer.count.value
    assert "Widen the range" in explorer.count.value
    explorer.years.value = (1989, 2026)  # and it recovers
    assert len(explorer.events) == (timeline["theme"] == "film").sum()


def test_hover_and_table_give_each_events_source(timeline):
    explorer = TimelineExplorer(timeline, themes=["politics"], years=(2022, 2022))
    hovered = [c for t in explorer.chart.figure.data if t.customdata is not None for c in t.customdata]
    assert sorted(c[3].replace("<br>", " ") for c in hovered) == sorted(explorer.events["source_title"])
    assert sorted(c[0] for c in hovered) == sorted(explorer.events["date"])
    table = unescape(explorer.table.value)
    for event in explorer.events.itertuples():
        assert f"href='{event.source_url}'" in table and event.source_title in table and event.event in table


def test_the_table_stops_at_max_rows_and_says_so(timeline):
    explorer = TimelineExplorer(timeline, max_rows=5)
    assert explorer.table.value.count("<tr>") == 5 + 1  # the header row
    assert f"{len(timeline) - 5} more not shown" in explorer.table.value


def test_event_text_is_escaped_in_the_table(timeline):
    events = timeline.head(3).copy()
    events.loc[events.index[0], "event"] = "<script>alert(1)</script>"
    explorer = TimelineExplorer(events)
    assert "<script>" not in explorer.table.value and "&lt;script&gt;" in explorer.table.value


def test_only_the_themes_of_the_events_get_a_box(timeline):
    explorer = TimelineExplorer(timeline[timeline["theme"].isin(["film", "funding"])])
    assert list(explorer.theme_boxes) == ["film", "funding"]


def test_an_unknown_theme_is_a_course_error(timeline):
    with pytest.raises(CourseError, match="No events have the theme"):
        TimelineExplorer(timeline, themes=["statues"])


def test_the_parts_carry_the_css_classes_the_browser_test_uses(timeline):
    explorer = TimelineExplorer(timeline)
    assert "coursekit-timeline-explorer" in explorer.widget._dom_classes
    assert "coursekit-timeline-years" in explorer.years._dom_classes
    assert "coursekit-timeline-chart" in explorer.output._dom_classes
    assert "coursekit-timeline-theme-politics" in explorer.theme_boxes["politics"]._dom_classes
    assert explorer._repr_mimebundle_() == explorer.widget._repr_mimebundle_()


def test_a_single_theme_as_a_word_and_years_given_backwards_are_understood(timeline):
    explorer = TimelineExplorer(timeline, themes="politics", years=(2023, 2019))
    assert explorer.years.value == (2019, 2023)
    assert set(explorer.events["theme"]) == {"politics"}
    assert explorer.events["date_start"].dt.year.between(2019, 2023).all()


def test_a_table_without_the_derived_dates_gets_a_sentence(timeline):
    with pytest.raises(CourseError, match="lacks date_start"):
        TimelineExplorer(timeline.drop(columns=["date_start"]))
