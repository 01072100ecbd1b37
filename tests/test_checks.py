"""The check framework: scoring, partial credit, kinds of answer, hidden expected values, display.

These tests use small questions of their own, so that they pin the framework's behaviour
independently of any exercise; the exercises' own questions are tested in test_exercise_NN.py.
"""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import plotly.express as px
import pytest
from IPython.core.interactiveshell import InteractiveShell

from coursekit.charts import chart
from coursekit.checks import Checker, CheckFailed, Manual, Part, Question, checker
from coursekit.checks.digest import canonical, digest
from coursekit.checks.kinds import (
    collection,
    counts,
    figure,
    number,
    passage,
    table,
    text,
    whole_number,
)
from coursekit.checks.question import NO_ANSWER, score
from coursekit.errors import CourseError

COUNTS = {"review": 3, "calvert": 5}


def frame():
    return pd.DataFrame({"year": [2019, 2022, 2022], "event": ["a", "b", "c"]})


def run(question, answer):
    return score(question, answer)


def test_a_right_answer_prints_one_line_with_its_points(capsys):
    check = Checker("99", (whole_number("q1", reference=lambda: 7, hint="recount", points=2),))
    check("q1", 7)
    assert capsys.readouterr().out == "✔ q1: 2 of 2 points\n"


@pytest.mark.parametrize("missing", [..., None])
def test_a_missing_answer_says_so_and_earns_nothing(missing):
    result = run(whole_number("q1", reference=lambda: 7, hint="recount"), missing)
    assert (result.earned, result.hints) == (0, (NO_ANSWER,))


@pytest.mark.parametrize("wrong, described", [
    ("7", "a piece of text (a str), '7'"),
    (True, "True or False (a bool), True"),
    ([7], "a list of 1 items"),
    (7.5, "a float"),
])
def test_a_wrong_kind_of_answer_is_told_what_kind_was_expected(wrong, described):
    result = run(whole_number("q1", reference=lambda: 7, hint="recount"), wrong)
    assert result.earned == 0
    assert result.hints == (f"this question expects a whole number (an int); your answer is {described}.",)


def test_numpy_and_integer_valued_numbers_count_as_whole_numbers():
    question = whole_number("q1", reference=lambda: 7, hint="recount")
    assert run(question, np.int64(7)).passed
    assert run(question, 7.0).passed
    assert run(question, 8).hints == ("recount",)


def test_failure_shows_the_hints_and_no_traceback_in_ipython():
    shell = InteractiveShell.instance()
    shell.user_ns["check"] = Checker("99", (table("q2", columns=["year"], reference=frame, rows_hint="keep 2022 only"),))
    shell.user_ns["answer"] = frame().iloc[:1]
    result = shell.run_cell('check("q2", answer)')
    assert isinstance(result.error_in_exec, CheckFailed)
    assert result.error_in_exec._render_traceback_() == ["✘ q2: 1 of 2 points", "  • keep 2022 only"]


def test_partial_credit_adds_the_points_of_the_parts_that_pass():
    question = Question("q3", "a number", lambda a: isinstance(a, int), (
        Part(1, lambda a: a > 0, "must be positive"),
        Part(2, lambda a: a % 2 == 0, "must be even"),
    ))
    assert (run(question, 3).earned, run(question, 3).hints) == (1, ("must be even",))
    assert run(question, -2).earned == 2
    assert run(question, 4).passed


def test_a_part_that_raises_on_a_strange_answer_fails_with_its_hint_not_a_traceback():
    question = table("q4", columns=["year", "event"], reference=frame, rows_hint="check your filter")
    odd = pd.DataFrame({"year": [object()], "event": [None]})
    result = run(question, odd)
    assert result.earned == 1 and result.hints == ("check your filter",)


def test_tables_ignore_row_order_and_extra_columns_and_accept_the_index_as_a_column():
    question = table("q5", columns=["year", "event"], reference=frame, rows_hint="check your filter")
    shuffled = frame().iloc[::-1].assign(extra=1)
    assert run(question, shuffled).passed
    assert run(question, frame().set_index("year")).passed
    assert run(question, frame().rename(columns={"event": "what"})).earned == 0


def test_ordered_tables_care_about_order():
    question = table("q5", columns=["year", "event"], reference=frame, rows_hint="sort by year", ordered=True)
    assert not run(question, frame().iloc[::-1]).passed


def test_counts_accept_a_series_or_a_dict_and_give_a_point_for_the_right_labels():
    question = counts("q6", expects="counts per source", reference=lambda: pd.Series(COUNTS),
                      labels_hint="which sources?", counts_hint="recount")
    assert run(question, pd.Series(COUNTS)).passed
    assert run(question, {"calvert": 5, "review": 3}).passed
    off_by_one = run(question, {"calvert": 6, "review": 3})
    assert (off_by_one.earned, off_by_one.hints) == (1, ("recount",))
    assert run(question, {"calvert": 5}).earned == 0


def test_collections_split_points_between_nothing_extra_and_nothing_missing():
    question = collection("q7", expects="a list of ids", reference=lambda: ["a", "b"],
                          extra_hint="something extra", missing_hint="something missing")
    assert run(question, ("b", "a")).passed
    assert run(question, ["a"]).hints == ("something missing",)
    assert run(question, ["a", "b", "c"]).hints == ("something extra",)
    assert run(question, "ab").earned == 0


def test_figures_earn_points_for_title_axis_titles_and_data_separately():
    data = pd.DataFrame({"source": list(COUNTS), "quotes": list(COUNTS.values())})
    question = figure("q8", reference=lambda: COUNTS, data_hint="one bar per source", raw_names=["source", "quotes"])
    good = px.bar(data, x="source", y="quotes", title="Quotes per source", labels={"source": "Source", "quotes": "Quotes"})
    assert run(question, good).passed
    raw_axes = px.bar(data, x="source", y="quotes", title="Quotes per source")
    assert run(question, raw_axes).earned == 2
    untitled = px.bar(data, x="source", y="quotes", labels={"source": "Source", "quotes": "Quotes"})
    assert run(question, untitled).earned == 2
    wrong_bars = px.bar(data.assign(quotes=[3, 6]), x="source", y="quotes", title="t", labels={"source": "S", "quotes": "Q"})
    assert run(question, wrong_bars).hints == ("one bar per source",)
    horizontal = px.bar(data, y="source", x="quotes", orientation="h", title="t", labels={"source": "S", "quotes": "Q"})
    assert run(question, horizontal).passed


def test_a_copied_figure_whose_numbers_plotly_packed_is_read_back():
    fig = px.bar(x=[2019, 2020], y=[3, 5], title="t", labels={"x": "Year", "y": "Events"})
    copied = copy.deepcopy(fig)
    assert isinstance(copied.data[0].y, dict)  # plotly keeps them as {"dtype": ..., "bdata": ...}
    assert run(figure("q8", reference=lambda: {2019: 3, 2020: 5}, data_hint="bars"), copied).passed


def test_a_course_chart_is_accepted_as_a_figure():
    fig = px.bar(x=list(COUNTS), y=list(COUNTS.values()))
    made = chart(fig, title="Quotes", description="Quotes per source.", x_title="Source", y_title="Quotes")
    assert run(figure("q8", reference=lambda: COUNTS, data_hint="bars"), made).passed


def test_histograms_are_read_back_as_counts_of_their_values():
    fig = px.histogram(x=["review"] * 3 + ["calvert"] * 5, title="t", labels={"x": "Source"})
    fig.update_yaxes(title_text="Quotes")
    assert run(figure("q8", reference=lambda: COUNTS, data_hint="bars"), fig).passed


def test_numbers_allow_a_tolerance():
    question = number("q9", reference=lambda: 17.04, tolerance=0.05, hint="per 1,000 words")
    assert run(question, 17.0).passed
    assert not run(question, 37).passed


def test_text_ignores_case_spaces_and_curly_quotes_but_not_content():
    question = text("q10", digest=digest("q10", "Director’s words"), hint="who said it?")
    assert run(question, "  director's WORDS ").passed
    assert not run(question, "interviewer's words").passed


def test_digests_depend_on_the_question_and_hide_the_value():
    assert digest("q1", 2019) != digest("q2", 2019)
    assert "2019" not in digest("q1", 2019)
    assert canonical(["b", "a"]) == canonical(("a", "b"))
    assert canonical(["b", "a"], ordered=True) != canonical(["a", "b"], ordered=True)
    assert canonical(12.0) == canonical(12) == canonical(np.int64(12))


def test_a_passage_must_be_verbatim_and_from_the_right_place(sources):
    body = sources.loc[sources["source_id"] == "klassiki", "text"].iloc[0]
    start = body.index("Todd Haynes")
    question = passage("q11", source_id="klassiki", span=lambda: (start, start + 40), hint="the favourite film")
    assert run(question, body[start - 10:start + 30]).passed
    elsewhere = body[200:240]
    assert run(question, elsewhere).hints == ("the favourite film",)
    assert run(question, "Todd Haynes is great").earned == 0


def test_a_question_needs_exactly_one_source_of_its_expected_value():
    with pytest.raises(ValueError, match="exactly one of reference= or digest="):
        whole_number("q1", hint="h")
    with pytest.raises(ValueError, match="exactly one"):
        text("q1", hint="h", reference=lambda: "a", digest="00")


def test_the_checker_names_unknown_and_free_text_questions(capsys):
    check = Checker("99", (whole_number("q1", reference=lambda: 1, hint="h"), Manual("q2", 3)))
    with pytest.raises(CourseError, match="exercise 99 has no question 'q9'; its questions are q1, q2"):
        check("q9", 1)
    with pytest.raises(CourseError, match="your teacher marks"):
        check("q2", "my essay")
    with pytest.raises(CheckFailed):
        check("q1", 2)
    check.summary()
    out = capsys.readouterr().out
    assert "Exercise 99: 0 of 1 points" in out and "Not yet right (or not yet checked): q1." in out
    assert "Your teacher marks q2 (3 points)." in out


def test_checker_refuses_bad_exercise_numbers_and_duplicate_ids():
    with pytest.raises(CourseError, match="two digits"):
        checker(3)
    with pytest.raises(CourseError, match="no exercise 42"):
        checker("42")
    with pytest.raises(CourseError, match="twice"):
        Checker("99", (Manual("q1", 1), Manual("q1", 2)))


def test_a_passage_may_come_in_quotation_marks_and_with_the_line_breaks_of_a_copy(sources):
    body = sources.loc[sources["source_id"] == "klassiki", "text"].iloc[0]
    start = body.index("Todd Haynes")
    question = passage("q11", source_id="klassiki", span=lambda: (start, start + 40), hint="the favourite film")
    piece = body[start - 10:start + 30]
    assert run(question, f"“{piece}”").passed
    assert run(question, piece.replace(" ", "\n  ", 2)).passed


def test_text_not_in_the_source_gets_only_the_copying_hint(sources):
    question = passage("q11", source_id="klassiki", span=lambda: (0, 40), hint="the right passage")
    result = run(question, "words that are nowhere in the interview")
    assert result.earned == 0 and len(result.hints) == 1 and "copy" in result.hints[0]


def test_labels_counted_zero_times_may_be_listed_or_left_out():
    question = counts("q6", expects="counts per source", reference=lambda: pd.Series({**COUNTS, "klassiki": 0}),
                      labels_hint="which sources?", counts_hint="recount")
    assert run(question, pd.Series(COUNTS)).passed
    assert run(question, {**COUNTS, "klassiki": 0, "other": 0}).passed
    all_zero = run(question, {"review": 0, "calvert": 0})
    assert (all_zero.earned, all_zero.hints) == (1, ("recount",))


def test_a_one_column_table_counts_as_a_collection():
    question = collection("q7", expects="a list of ids", reference=lambda: ["a", "b"],
                          extra_hint="extra", missing_hint="missing")
    assert run(question, pd.DataFrame({"id": ["a", "b"]})).passed
    assert run(question, pd.DataFrame({"id": ["a", "b"], "n": [1, 2]})).earned == 0


def test_a_figure_of_the_wrong_kind_and_raw_axis_titles_lose_their_points():
    question = figure("q8", reference=lambda: COUNTS, data_hint="one bar per source", trace=("bar", "histogram"))
    bars = px.bar(x=list(COUNTS), y=list(COUNTS.values()), title="t", labels={"x": "Source", "y": "Quotes"})
    assert run(question, bars).passed
    line = px.line(x=list(COUNTS), y=list(COUNTS.values()), title="t", labels={"x": "Source", "y": "Quotes"})
    assert run(question, line).hints == ("draw it as a bar or histogram chart (px.bar), then: one bar per source",)
    raw = px.bar(x=list(COUNTS), y=list(COUNTS.values()), title="t", labels={"x": "Source_id", "y": "Quotes"})
    assert run(question, raw).earned == 2


def test_a_number_left_inside_a_one_element_series_counts():
    question = number("q9", reference=lambda: 17.04, tolerance=0.05, hint="per 1,000 words")
    assert run(question, pd.Series([17.0], index=[4])).passed
    assert run(whole_number("q1", reference=lambda: 7, hint="recount"), np.array([7])).passed
    assert run(whole_number("q1", reference=lambda: 7, hint="recount"), pd.Series([7, 7])).earned == 0


def test_a_histogram_of_sums_is_read_as_totals():
    data = pd.DataFrame({"source": ["review", "review", "calvert"], "quotes": [1, 2, 5]})
    fig = px.histogram(data, x="source", y="quotes", title="t", labels={"source": "Source"})
    fig.update_yaxes(title_text="Quotes")
    assert run(figure("q8", reference=lambda: COUNTS, data_hint="bars"), fig).passed
    averages = px.histogram(data, x="source", y="quotes", histfunc="avg", title="t", labels={"source": "Source"})
    assert run(figure("q8", reference=lambda: COUNTS, data_hint="bars"), averages).hints[-1] == "bars"


def test_a_whole_passage_needs_all_of_it_and_with_slack_little_more(sources):
    body = sources.loc[sources["source_id"] == "klassiki", "text"].iloc[0]
    start = body.index("Todd Haynes")
    end = start + len("Todd Haynes")
    whole = passage("q11", source_id="klassiki", span=lambda: (start, end), hint="all of it", whole=True,
                    min_length=5, slack=6)
    assert run(whole, body[start:end]).passed
    assert run(whole, body[start:end - 1]).passed  # its last character may be left out
    assert run(whole, body[start:end - 3]).hints == ("all of it",)
    assert run(whole, body[start - 3:end + 3]).passed
    assert run(whole, body[start - 20:end + 20]).hints == ("all of it",)


def test_a_space_a_copy_puts_before_punctuation_does_not_count(sources):
    body = sources.loc[sources["source_id"] == "klassiki", "text"].iloc[0]
    at = body.index(", ")
    piece = body[at - 20:at] + " \t" + body[at:at + 20]
    question = passage("q11", source_id="klassiki", span=lambda: (at - 20, at + 20), hint="h")
    assert run(question, piece).passed


def test_a_split_earns_its_point_only_when_each_colour_holds_its_share():
    data = pd.DataFrame({"source": ["review", "review", "calvert"], "speaker": ["a", "b", "a"], "n": [1, 2, 5]})
    question = figure("q8", reference=lambda: COUNTS, data_hint="bars", points=4, split_hint="colour by speaker",
                      split=lambda: {("a", "review"): 1, ("b", "review"): 2, ("a", "calvert"): 5})
    split = px.bar(data, x="source", y="n", color="speaker", title="t", labels={"source": "Source", "n": "Quotes"})
    assert run(question, split).passed
    plain = px.bar(data, x="source", y="n", title="t", labels={"source": "Source", "n": "Quotes"})
    assert run(question, plain).hints == ("colour by speaker",)
