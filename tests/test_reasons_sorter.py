"""The reasons sorter and its figures: sorting, counting, comparing, and advice for bad input.

Each test drives the widgets as a student would (choose a side, press a toggle or a button) and
checks what update() recomputed: `choices`, the summary, the figure in the output area, and the
comparison with the course's reading.
"""

from __future__ import annotations

import pytest

from coursekit.charts import MIMETYPE
from coursekit.charts.reasons import (
    ReasonsError,
    reading_chart,
    side_counts,
    sorting_chart,
)
from coursekit.errors import CourseError
from coursekit.tables import SIDES
from coursekit.widgets import ReasonsSorter
from coursekit.widgets.reasons_sorter import compare_readings


def figure_json(sorter: ReasonsSorter) -> dict:
    (figure,) = [o["data"][MIMETYPE] for o in sorter.figure.outputs if MIMETYPE in o["data"]]
    return figure


def course_side(reasons, reason_id: str) -> str:
    return reasons.loc[reasons["reason_id"] == reason_id, "pull"].item()


def other_side(side: str) -> str:
    return next(s for s in SIDES if s != side)


def test_opens_with_nothing_sorted_and_advice_not_a_figure(reasons):
    sorter = ReasonsSorter(reasons)
    assert sorter.choices == {} and sorter.chart is None and sorter.figure.outputs == ()
    assert "Nothing sorted yet" in sorter.summary.value
    assert sorter.differences.empty
    assert len(sorter.controls) == len(reasons)


def test_every_control_is_labelled_and_offers_the_three_sides(reasons):
    sorter = ReasonsSorter(reasons)
    for control in sorter.controls.values():
        assert control.description == "Sort as"
        assert [value for _, value in control.options] == list(SIDES)
        assert [label for label, _ in control.options] == ["Go", "Stay", "Both or unsure"]
        assert control.value is None
    assert sorter.compare.description == "Compare with the course's reading"
    assert sorter.reset.description == "Clear my sorting"


def test_every_card_shows_its_passage_source_and_holder(reasons):
    sorter = ReasonsSorter(reasons)
    first = reasons.iloc[0]
    card_html = sorter.reasons.children[0].children[0].value
    assert first["reason"] in card_html and "The Calvert Journal" in card_html
    assert "whose reason: Aliya (in the film)" in card_html
    assert card_html.count("<q>") == 1


def test_sorting_updates_choices_summary_and_figure(reasons):
    sorter = ReasonsSorter(reasons)
    ids = list(reasons["reason_id"])
    sorter.controls[ids[0]].value = "go"  # as the buttons would
    assert sorter.choices == {ids[0]: "go"}
    assert "<b>1 of 23</b>" in sorter.summary.value and f"{len(reasons) - 1} still to sort" in sorter.summary.value
    first = figure_json(sorter)
    assert [bar["x"] for bar in first["data"]] == [[1, 0, 0]]
    sorter.sort(ids[1], "stay")
    sorter.sort(ids[2], "stay")
    assert sorter.choices == {ids[0]: "go", ids[1]: "stay", ids[2]: "stay"}
    assert "<b>1</b> go, <b>2</b> stay, <b>0</b> both or unsure" in sorter.summary.value
    assert figure_json(sorter)["data"][0]["x"] == [1, 2, 0]
    assert figure_json(sorter)["layout"]["title"]["text"] == "How you sorted 3 of 23 reasons"


def test_unsorting_removes_a_choice(reasons):
    sorter = ReasonsSorter(reasons)
    rid = reasons["reason_id"].iloc[0]
    sorter.sort(rid, "both")
    sorter.sort(rid, None)
    assert sorter.choices == {} and "Nothing sorted yet" in sorter.summary.value


def test_compare_shows_differences_as_discussion_with_the_courses_reason(reasons):
    sorter = ReasonsSorter(reasons)
    agree, differ = reasons.iloc[3], reasons.iloc[4]
    sorter.sort(agree["reason_id"], agree["pull"])
    sorter.sort(differ["reason_id"], other_side(differ["pull"]))
    assert sorter.comparison.value == ""  # only on request
    assert list(sorter.differences["reason_id"]) == [differ["reason_id"]]  # kept for later cells anyway
    sorter.compare.value = True
    shown = sorter.comparison.value
    assert "1 of the 2" in shown and "Neither reading is the answer" in shown
    assert shown.count("coursekit-reasons-difference") == 1
    assert differ["explanation"] in shown
    assert "wrong" not in shown.lower() and "correct" not in shown.lower()
    names = [bar["name"] for bar in figure_json(sorter)["data"]]
    assert names == ["Your sorting", "The course's reading"]
    sorter.compare.value = False
    assert sorter.comparison.value == "" and len(figure_json(sorter)["data"]) == 1


def test_full_agreement_is_still_framed_for_discussion(reasons):
    sorter = ReasonsSorter(reasons, choices=dict(zip(reasons["reason_id"][:3], reasons["pull"][:3])))
    sorter.compare.value = True
    assert sorter.differences.empty
    assert "as the course does" in sorter.comparison.value
    assert "You have sorted them all" not in sorter.summary.value


def test_compare_with_nothing_sorted_gives_advice(reasons):
    sorter = ReasonsSorter(reasons)
    sorter.compare.value = True
    assert "Sort a few reasons first" in sorter.comparison.value
    assert sorter.figure.outputs == ()


def test_clear_unsorts_everything_in_one_update(reasons, monkeypatch):
    sorter = ReasonsSorter(reasons, choices={rid: "go" for rid in reasons["reason_id"]})
    assert "You have sorted them all" in sorter.summary.value
    calls = []
    original = sorter.update
    monkeypatch.setattr(sorter, "update", lambda: (calls.append(1), original())[1])
    sorter.reset.click()
    assert sorter.choices == {} and len(calls) == 1
    assert all(c.value is None for c in sorter.controls.values())


def test_starting_choices_are_restored(reasons):
    start = {reasons["reason_id"].iloc[0]: "stay", reasons["reason_id"].iloc[5]: "both"}
    sorter = ReasonsSorter(reasons, choices=start)
    assert sorter.choices == start
    assert sorter.controls[reasons["reason_id"].iloc[5]].value == "both"


@pytest.mark.parametrize("choices, words", [
    ({"no-such-reason": "go"}, "no reason called 'no-such-reason'"),
    ({"calvert-new-freedom": "maybe"}, "not 'maybe'"),
])
def test_bad_starting_choices_give_advice_and_start_afresh(reasons, choices, words):
    sorter = ReasonsSorter(reasons, choices=choices)
    assert words in sorter.summary.value and "Starting with nothing sorted" in sorter.summary.value
    assert sorter.choices == {}
    sorter.sort("calvert-new-freedom", "go")  # sorting by hand replaces the advice
    assert words not in sorter.summary.value


def test_sorting_a_bad_id_or_side_in_code_raises_a_one_line_course_error(reasons):
    sorter = ReasonsSorter(reasons)
    with pytest.raises(CourseError, match="no reason called"):
        sorter.sort("nope", "go")
    with pytest.raises(CourseError, match="not 'sideways'"):
        sorter.sort("calvert-new-freedom", "sideways")


def test_a_wrong_table_is_refused_in_a_sentence(reasons):
    with pytest.raises(CourseError, match="needs the columns of reasons.csv"):
        ReasonsSorter(reasons.drop(columns=["pull"]))
    with pytest.raises(CourseError, match="no rows"):
        ReasonsSorter(reasons.iloc[0:0])


def test_a_filtered_table_works(reasons):
    stay = reasons[reasons["pull"] == "stay"]
    sorter = ReasonsSorter(stay)
    assert len(sorter.controls) == len(stay)
    sorter.sort(stay["reason_id"].iloc[0], "go")
    assert f"<b>1 of {len(stay)}</b>" in sorter.summary.value


# the logic and the figures ----------------------------------------------------------------


def test_compare_readings_lists_only_the_disagreements_in_table_order(reasons):
    ids = list(reasons["reason_id"])
    choices = {ids[2]: other_side(course_side(reasons, ids[2])), ids[0]: course_side(reasons, ids[0]),
               ids[1]: other_side(course_side(reasons, ids[1]))}
    found = compare_readings(reasons, choices)
    assert list(found["reason_id"]) == [ids[1], ids[2]]
    assert (found["yours"] != found["course"]).all()
    assert compare_readings(reasons, {}).empty


def test_side_counts_keeps_every_side():
    assert side_counts(["stay", "stay"]).to_dict() == {"go": 0, "stay": 2, "both": 0}
    assert side_counts([]).sum() == 0


def test_reading_chart_counts_the_courses_reading_per_holder(reasons):
    figure = reading_chart(reasons).figure
    totals = {bar.name: sum(bar.x) for bar in figure.data}
    expected = reasons["pull"].value_counts()
    assert totals == {"Go": expected["go"], "Stay": expected["stay"], "Both or unsure": expected["both"]}
    assert [bar.marker.pattern.shape for bar in figure.data] == ["", "x", "."]  # not colour alone
    assert all(t == "" or t.split(": ")[0] in {"Go", "Stay", "Both or unsure"} for bar in figure.data for t in bar.text)


def test_sorting_chart_refuses_nothing_sorted(reasons):
    with pytest.raises(ReasonsError, match="Nothing is sorted"):
        sorting_chart(reasons, {})


def test_sorting_chart_compares_the_same_reasons(reasons):
    stay = reasons[reasons["pull"] == "stay"]["reason_id"]
    chart = sorting_chart(reasons, {rid: "go" for rid in stay}, compare=True)
    yours, course = chart.figure.data
    assert list(yours.x) == [len(stay), 0, 0] and list(course.x) == [0, len(stay), 0]
    assert course.marker.pattern.shape == "/"
    assert f"{len(stay)} go" in chart.description and chart.description.endswith(".")


def test_the_course_reads_every_side_somewhere(reasons):
    """The sorter has something to compare on each side, and the reading is not one-sided."""
    assert set(reasons["pull"]) == set(SIDES)
    assert set(reasons["holder"]) == {"aliya", "director", "people"}
    assert reasons["explanation"].str.len().max() <= 160  # one line
