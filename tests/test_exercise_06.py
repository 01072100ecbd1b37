"""Exercise 06 (to leave or to stay): the master notebook's answers pass, and plausible mistakes fail
with a hint that points at the step to re-check, without giving the answer away."""

import io
from contextlib import redirect_stdout
from functools import partial

import nbformat
import plotly.express as px
import pytest
from answers import earned as earned_points
from answers import failure, master

from coursekit.charts import chart
from coursekit.checks import checker
from coursekit.datasets import load_table

AUTO = ("q1", "q2", "q3", "q4", "q5", "q6")


earned = partial(earned_points, "06")


def test_q1_counting_every_holder_earns_the_labels_only(right):
    everyone = load_table("reasons")["pull"].value_counts()
    shown = failure("06", "q1", everyone)
    assert "whose holder is not Aliya" in shown
    assert earned("q1", everyone) == 1
    for side, n in right["q1"].items():
        assert f"{side}: {n}" not in shown and f"'{side}': {n}" not in shown


def test_q1_counting_the_holders_instead_of_the_pull(right):
    reasons = load_table("reasons")
    shown = failure("06", "q1", reasons[reasons["holder"] != "aliya"]["holder"].value_counts())
    assert "pull column" in shown
    assert "0 of 2" in shown


def test_q1_a_number_instead_of_counts():
    shown = failure("06", "q1", 12)
    assert "a count per side" in shown and "your answer is an int" in shown


def test_q2_forgetting_the_holder_condition(right):
    reasons = load_table("reasons")
    every_stay = reasons[reasons["pull"] == "stay"][["reason_id", "reason", "passage"]]
    shown = failure("06", "q2", every_stay)
    assert "both conditions at once" in shown
    assert earned("q2", every_stay) == 1
    for reason_id in right["q2"]["reason_id"]:
        assert reason_id not in shown


def test_q2_one_row_too_few(right):
    assert "both conditions at once" in failure("06", "q2", right["q2"].iloc[1:])


def test_q2_a_missing_column(right):
    shown = failure("06", "q2", right["q2"].drop(columns="passage"))
    assert "the columns reason_id, reason, passage" in shown
    assert earned("q2", right["q2"].drop(columns="passage")) == 0


def test_q3_counting_source_ids_instead_of_genres(right):
    per_source = load_table("reasons")["source_id"].value_counts()
    shown = failure("06", "q3", per_source)
    assert "genre column" in shown
    assert str(right["q3"].max()) not in shown


def test_q3_one_reason_counted_twice(right):
    wrong = right["q3"].copy()
    wrong.iloc[0] += 1
    shown = failure("06", "q3", wrong)
    assert "count each reason once" in shown
    assert earned("q3", wrong) == 1


def counts_per_holder_and_pull():
    return load_table("reasons").groupby(["holder", "pull"]).size().reset_index(name="reasons")


def test_q4_a_raw_figure_without_title_or_axis_titles():
    raw = px.bar(counts_per_holder_and_pull(), x="holder", y="reasons", color="pull")
    shown = failure("06", "q4", raw)
    assert "give the figure a title" in shown and "readable titles" in shown
    assert earned("q4", raw) == 2


def test_q4_right_data_and_axes_but_no_title():
    untitled = px.bar(counts_per_holder_and_pull(), x="holder", y="reasons", color="pull",
                      labels={"holder": "Whose reason", "reasons": "Number of reasons"})
    shown = failure("06", "q4", untitled)
    assert "give the figure a title" in shown
    assert earned("q4", untitled) == 3


def test_q4_bars_not_coloured_by_pull():
    per_holder = load_table("reasons")["holder"].value_counts().rename_axis("holder").reset_index(name="reasons")
    plain = chart(px.bar(per_holder, x="holder", y="reasons"), title="Reasons by holder",
                  description="One bar per holder.", x_title="Whose reason", y_title="Number of reasons")
    shown = failure("06", "q4", plain)
    assert "colour the bars by pull" in shown
    assert earned("q4", plain) == 3


def test_q4_the_pulls_on_the_x_axis_instead_of_the_holders():
    swapped = chart(px.bar(counts_per_holder_and_pull(), x="pull", y="reasons", color="holder"),
                    title="Reasons by pull", description="One bar per pull.",
                    x_title="Side", y_title="Number of reasons")
    shown = failure("06", "q4", swapped)
    assert "one bar whose whole height" in shown and "colour the bars by pull" in shown
    assert earned("q4", swapped) == 2


def test_q4_a_histogram_of_the_raw_rows_passes():
    histogram = px.histogram(load_table("reasons"), x="holder", color="pull", title="Reasons by holder",
                             labels={"holder": "Whose reason"})
    histogram.update_yaxes(title_text="Number of reasons")
    checker("06")("q4", histogram)


def test_q5_the_sentences_before(right):
    for before in ("I don’t see any prospects in my home country.",
                   "The question of emigration still remains unresolved to me personally"):
        shown = failure("06", "q5", before)
        assert "the one that begins with \"But\"" in shown
        assert right["q5"] not in shown
        assert earned("q5", before) == 1


def test_q5_the_cell_before_prints_the_sentence_in_one_piece(right):
    """kwic splits a sentence into three cells, which a paste joins without spaces: the paragraph is printed whole."""
    cells = nbformat.read(master("06"), as_version=4).cells
    at = next(i for i, cell in enumerate(cells) if cell.metadata.get("coursekit", {}).get("question") == "q5")
    namespace = {"__name__": "__main__"}
    for cell in cells:  # the set-up cell, then the cell just before the answer
        if cell.cell_type == "code" and 'checker("06")' in cell.source:
            exec(compile(cell.source, "set-up cell", "exec"), namespace)  # noqa: S102
    printed = io.StringIO()
    with redirect_stdout(printed):
        exec(compile(cells[at - 1].source, "given cell", "exec"), namespace)  # noqa: S102
    assert right["q5"] in printed.getvalue()


def test_q5_the_klassiki_words_are_not_in_the_feature(right):
    klassiki = "I haven’t decided yet, it’s an open-ended question"
    shown = failure("06", "q5", klassiki)
    assert "exactly as they stand in the calvert text" in shown
    assert right["q5"] not in shown
    assert earned("q5", klassiki) == 0


def test_q5_a_retyped_straight_apostrophe_still_counts(right, capsys):
    retyped = right["q5"].replace("’", "'")
    assert retyped != right["q5"]
    checker("06")("q5", retyped)
    assert capsys.readouterr().out.startswith("✔ q5: 2 of 2")


def test_q6_keeping_the_high_confidence_rows_too(right):
    timeline = load_table("timeline")
    every_change = timeline[(timeline["theme"] == "emigration") & (timeline["date_start"] >= "2025-09-01")]
    shown = failure("06", "q6", every_change[["date", "event", "source_title"]])
    assert "all three conditions" in shown
    assert earned("q6", every_change) == 1
    for date in right["q6"]["date"]:
        assert date not in shown


def test_q6_forgetting_the_date(right):
    # Not tested: leaving out the theme condition. Every timeline row since September 2025 below
    # high confidence is an emigration row today, so that answer passes by accident of the data.
    timeline = load_table("timeline")
    uncertain = timeline[(timeline["theme"] == "emigration") & (timeline["confidence"] != "high")]
    assert "all three conditions" in failure("06", "q6", uncertain)


def test_q6_dates_as_timestamps_only(right):
    wrong = right["q6"].drop(columns="date").assign(date_start=load_table("timeline")["date_start"])
    assert "the columns date, event, source_title" in failure("06", "q6", wrong)


def test_q7_is_marked_by_the_teacher():
    with pytest.raises(Exception, match="your teacher marks"):
        checker("06")("q7", "my answer")


def test_q4_the_reference_chart_does_not_carry_the_pull_by_colour_alone(right):
    """The answer colours the bars by pull; its legend must name each pull too (accessibility lint)."""
    from coursekit.accessibility import colour_only_categories

    figure = getattr(right["q4"], "figure", right["q4"])
    assert not colour_only_categories(figure)
