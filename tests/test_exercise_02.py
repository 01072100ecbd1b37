"""Exercise 02 (Statues and street names): the right answers pass, plausible wrong ones fail kindly.

Each wrong answer is derived from the master notebook's own answer or rebuilt the way a student
might get it wrong (a year too many, the whole timeline instead of its politics rows, a statue
event lost before the join, a chart without a title, the other text's use of the name, the year
the capital was renamed rather than renamed back). Each test checks that the student is told what
to look at, and never the answer itself.
"""

from __future__ import annotations

from functools import partial

import nbformat
import plotly.express as px
import plotly.graph_objects as go
import pytest
from answers import below_headline, failure, master
from answers import earned as earned_points

from coursekit.charts import chart
from coursekit.checks import checker

earned = partial(earned_points, "02")


hints = below_headline


def test_q1_a_year_too_many_or_every_theme_loses_the_rows_point(right, timeline):
    politics = timeline[timeline["theme"] == "politics"]
    one_year_more = politics[politics["date_start"].dt.year.between(2010, 2019)]
    every_theme = timeline[timeline["date_start"].dt.year.between(2010, 2018)]
    for wrong in (one_year_more, every_theme):
        assert len(wrong) > len(right["q1"])
        shown = failure("02", "q1", wrong)
        assert "1 of 2" in shown
        assert "both included" in shown
        assert f"{len(right['q1'])} rows" not in shown


def test_q1_a_table_without_the_event_column(right):
    shown = failure("02", "q1", right["q1"][["date", "theme"]])
    assert "needs the columns date, event" in shown
    assert earned("q1", right["q1"][["date", "theme"]]) == 0


def test_q1_a_count_is_the_wrong_kind(right):
    shown = failure("02", "q1", len(right["q1"]))
    assert "expects a DataFrame with the columns date, event" in shown


def test_q2_the_statue_events_without_the_join_have_no_coordinates(right, timeline):
    statue_events = timeline[timeline["event"].str.contains("statue|monument", case=False)]
    shown = failure("02", "q2", statue_events)
    assert "needs the columns date, place, latitude, longitude" in shown
    assert earned("q2", statue_events) == 0


def test_q2_a_statue_event_lost_before_the_join(right, timeline, places):
    only_his = timeline[timeline["event"].str.contains("Nazarbayev statue|statue of Nazarbayev", case=False)]
    wrong = only_his.merge(places[["place", "latitude", "longitude"]], on="place")
    assert 0 < len(wrong) < len(right["q2"])
    shown = failure("02", "q2", wrong)
    assert "2 of 3" not in shown and "1 of 3" in shown
    assert "merge them with places on the column" in shown
    assert "Karaganda" not in shown


def test_q2_latitude_and_longitude_swapped(right):
    swapped = right["q2"].rename(columns={"latitude": "longitude", "longitude": "latitude"})
    shown = failure("02", "q2", swapped)
    assert "1 of 3" in shown
    assert "its own place" in shown


def test_q2_merging_the_whole_places_table_is_fine(timeline, places):
    statue_events = timeline[timeline["event"].str.contains("statue|monument", case=False)]
    checker("02")("q2", statue_events.merge(places, on="place"))


def test_q3_counting_every_theme_gets_the_labels_wrong(right, timeline):
    every_theme = timeline["date_start"].dt.year.value_counts()
    shown = failure("02", "q3", every_theme)
    assert "0 of 2" in shown
    assert "politics rows only" in shown


def test_q3_an_off_by_one_count_keeps_the_labels_point(right):
    wrong = right["q3"].copy()
    wrong.iloc[0] += 1
    shown = failure("02", "q3", wrong)
    assert "1 of 2" in shown
    assert "some counts are off" in shown
    assert str(right["q3"].max()) not in hints(shown)


def test_q3_years_without_a_politics_event_may_be_listed_as_zero(right):
    every_year = right["q3"].reindex(range(1989, 2027), fill_value=0)
    assert (every_year == 0).any()
    checker("02")("q3", every_year)


def test_q3_a_table_is_the_wrong_kind(right):
    shown = failure("02", "q3", right["q3"].reset_index())
    assert "expects a pandas Series of counts per year" in shown


def test_q4_a_chart_without_a_title_earns_all_but_one_point(right):
    figure = go.Figure(right["q4"].figure)
    figure.layout.title.text = None
    shown = failure("02", "q4", figure)
    assert earned("q4", figure) == 3 - 1
    assert "give the figure a title" in shown


def test_q4_raw_axis_titles_cost_a_point(right):
    per_year = right["q3"]
    raw = px.bar(x=per_year.index, y=per_year.values, title="Politics events per year")
    shown = failure("02", "q4", raw)
    assert "2 of 3" in shown
    assert "readable titles" in shown


def test_q4_empty_bars_for_years_without_events_are_fine(right):
    every_year = right["q3"].reindex(range(1989, 2027), fill_value=0)
    figure = chart(px.bar(x=every_year.index, y=every_year.values), title="Politics events per year",
                   description="One bar per year.", x_title="Year", y_title="Politics events")
    checker("02")("q4", figure)


def test_q4_a_chart_of_every_theme_shows_the_wrong_bars(timeline):
    every_theme = timeline["date_start"].dt.year.value_counts().sort_index()
    wrong = chart(px.bar(x=every_theme.index, y=every_theme.values), title="Events per year",
                  description="Events per year.", x_title="Year", y_title="Events")
    shown = failure("02", "q4", wrong)
    assert "2 of 3" in shown
    assert "one bar per year" in shown


def test_q5_the_calvert_link_is_not_in_the_interview(sources, right):
    calvert = sources.loc[sources["source_id"] == "calvert", "text"].iloc[0]
    link = "5 minute guide to Nur-Sultan"
    assert link in calvert
    shown = failure("02", "q5", link)
    assert "0 of 2" in shown
    assert "exactly as they stand in the klassiki text" in shown
    assert right["q5"] not in shown


def test_q5_the_next_sentence_of_the_interview_is_the_wrong_place(sources, right):
    klassiki = sources.loc[sources["source_id"] == "klassiki", "text"].iloc[0]
    nearby = "A few cities were actually too scared"
    assert nearby in klassiki
    shown = failure("02", "q5", nearby)
    assert "1 of 2" in shown
    assert "that is not the passage" in shown
    assert right["q5"] not in shown


@pytest.mark.parametrize("between", ["\t", " ", "  "])
def test_q5_copied_across_the_search_tables_cells_is_accepted(right, between):
    name, rest = right["q5"].split(",", 1)
    checker("02")("q5", f"{name}{between},{rest}")


def test_q5_in_quotation_marks_and_with_its_full_stop_is_accepted(right):
    checker("02")("q5", f'"{right["q5"]}."')


def test_q5_a_stray_space_does_not_rescue_a_retyped_word(right):
    typed = right["q5"].replace("second-biggest", "second biggest").replace(",", " ,")
    shown = failure("02", "q5", typed)
    assert "0 of 2" in shown
    assert "exactly as they stand in the klassiki text" in shown
    assert "that is not the passage" not in shown


def test_the_texts_before_question_6_do_not_give_away_its_year(right):
    cells = nbformat.read(master("02"), as_version=4).cells
    before = []
    for cell in cells:
        if cell.source.startswith("## Question 6"):
            break
        if cell.cell_type == "markdown" or "### BEGIN SOLUTION" not in cell.source:
            before.append(cell.source)
    shown = "\n".join(before).replace("the unrest of January 2022", "")
    assert str(right["q6"]) not in shown


def test_q6_the_year_of_the_first_renaming_is_not_the_year_it_changed_back(right, timeline):
    renamed = timeline[timeline["event"].str.contains("renaming the capital Astana as Nursultan")]
    wrong = int(renamed["date_start"].dt.year.iloc[0])
    assert wrong != right["q6"]
    shown = failure("02", "q6", wrong)
    assert "gets back its earlier name" in shown
    assert str(right["q6"]) not in shown


def test_q6_a_year_in_quotation_marks_is_the_wrong_kind(right):
    shown = failure("02", "q6", str(right["q6"]))
    assert "expects a year, as a whole number" in shown
