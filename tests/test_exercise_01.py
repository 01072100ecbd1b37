"""Exercise 01 (Reading the sources): the right answers pass, plausible wrong ones fail kindly.

Each wrong answer is derived from the master notebook's own answer (one passage too many, a row
too many, a missing column, a chart without a title, another claim of the same text), and the
test checks that the student is told what to look at without being told the answer.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import plotly.express as px
from answers import earned as earned_points
from answers import failure

from coursekit.charts import chart
from coursekit.checks import checker

earned = partial(earned_points, "01")


def test_q1_counting_every_speaker_is_one_passage_too_many(right, quotes):
    everyone = quotes["source_id"].value_counts()
    assert not everyone.equals(right["q1"])
    shown = failure("01", "q1", everyone)
    assert "speaker is the director" in shown
    assert "1 of 2" in shown
    for count in set(right["q1"].values) - set(everyone.values):
        assert str(count) not in shown.split("\n", 1)[1]


def test_q1_an_off_by_one_count_and_a_missing_text(right):
    shown = failure("01", "q1", right["q1"] + pd.Series({"klassiki": 1}).reindex(right["q1"].index, fill_value=0))
    assert "at least one count is off" in shown
    shown = failure("01", "q1", right["q1"].drop("review"))
    assert "one count for each text" in shown
    assert earned("q1", right["q1"].drop("review")) == 0


def test_q1_a_single_number_is_the_wrong_kind(right):
    shown = failure("01", "q1", int(right["q1"].sum()))
    assert "expects a Series of counts" in shown


def test_q2_every_feature_passage_is_too_many(right, quotes):
    every = quotes[quotes["source_id"] == "calvert"]["quote_id"]
    shown = failure("01", "q2", every)
    assert "some of your ids do not belong" in shown
    assert "some ids are missing" not in shown
    assert earned("q2", every) == 1
    for quote_id in right["q2"]:
        assert quote_id not in shown


def test_q2_the_shared_passages_instead_of_the_unshared(quotes):
    feature = quotes[quotes["source_id"] == "calvert"]
    shared = feature[feature["same_as"].notna()]["quote_id"]
    shown = failure("01", "q2", list(shared))
    assert "do not belong" in shown and "missing" in shown
    assert earned("q2", list(shared)) == 0


def test_q2_one_passage_forgotten_and_the_whole_table(right, quotes):
    shown = failure("01", "q2", list(right["q2"])[1:])
    assert "some ids are missing" in shown
    assert earned("q2", list(right["q2"])[1:]) == 1
    shown = failure("01", "q2", quotes[quotes["source_id"] == "calvert"])
    assert "expects a list or a Series of quote ids" in shown


def test_q2_the_column_in_double_brackets_is_accepted(quotes):
    feature = quotes[quotes["source_id"] == "calvert"]
    checker("01")("q2", feature[feature["same_as"].isna()][["quote_id"]])


def test_q3_a_merge_without_dropping_empty_keys_pairs_them_up(right, quotes):
    review = quotes[quotes["source_id"] == "review"]
    feature = quotes[quotes["source_id"] == "calvert"]
    wrong = review.merge(feature, on="same_as", suffixes=("_review", "_calvert"))
    assert len(wrong) > len(right["q3"])
    shown = failure("01", "q3", wrong)
    assert "drop the rows without a same_as key" in shown
    assert earned("q3", wrong) == 1
    for quote_id in right["q3"]["quote_id_review"]:
        assert quote_id not in shown


def test_q3_without_suffixes_the_columns_are_missing(quotes):
    shared = quotes.dropna(subset=["same_as"])
    wrong = shared[shared["source_id"] == "review"].merge(shared[shared["source_id"] == "calvert"], on="same_as")
    shown = failure("01", "q3", wrong)
    assert "needs the columns same_as, quote_id_review, quote_id_calvert" in shown
    assert earned("q3", wrong) == 0  # without the named columns the rows cannot be compared either


def test_q3_the_sides_swapped(quotes):
    shared = quotes.dropna(subset=["same_as"])
    wrong = shared[shared["source_id"] == "calvert"].merge(
        shared[shared["source_id"] == "review"], on="same_as", suffixes=("_review", "_calvert"))
    shown = failure("01", "q3", wrong)
    assert "review on the left side" in shown


def test_q4_counting_every_kind_of_problem(right, corrections):
    every = corrections["source_id"].value_counts()
    shown = failure("01", "q4", every)
    assert "kind is exactly" in shown
    assert earned("q4", every) == 1
    assert str(right["q4"]["klassiki"]) not in shown.split("\n", 1)[1]


def test_q4_the_kinds_instead_of_the_texts(corrections):
    by_kind = corrections[corrections["kind"] == "factual_error"]["kind"].value_counts()
    shown = failure("01", "q4", by_kind)
    assert "labelled by its source_id" in shown
    assert earned("q4", by_kind) == 0


def problems_figure(corrections, **labels):
    problems = corrections["source_id"].value_counts()
    return px.bar(x=problems.index, y=problems.values, **labels)


def test_q5_right_bars_without_a_title_lose_one_point(right, corrections):
    fig = problems_figure(corrections, labels={"x": "Text", "y": "Problems found"})
    shown = failure("01", "q5", fig)
    assert "give the figure a title" in shown
    assert earned("q5", fig) == right_points("q5") - 1


def test_q5_raw_axis_titles_lose_one_point(corrections):
    fig = problems_figure(corrections, title="Problems per text")
    shown = failure("01", "q5", fig)
    assert "readable titles" in shown
    assert earned("q5", fig) == right_points("q5") - 1


def test_q5_counting_only_the_factual_errors(corrections):
    errors = corrections[corrections["kind"] == "factual_error"]["source_id"].value_counts()
    fig = px.bar(x=errors.index, y=errors.values)
    wrong = chart(fig, title="Problems per text", description="One bar per text.",
                  x_title="Text", y_title="Problems found")
    shown = failure("01", "q5", wrong)
    assert "counting every kind of problem" in shown
    assert earned("q5", wrong) == right_points("q5") - 1


def test_q5_bars_named_in_words_are_told_to_use_the_source_ids(corrections):
    problems = corrections["source_id"].value_counts()
    names = {"calvert": "The Calvert Journal", "klassiki": "Klassiki", "review": "The review"}
    fig = px.bar(x=[names[text] for text in problems.index], y=problems.values)
    wrong = chart(fig, title="Problems per text", description="One bar per text.",
                  x_title="Text", y_title="Problems found")
    shown = failure("01", "q5", wrong)
    assert "label the bars with the source ids" in shown
    assert earned("q5", wrong) == right_points("q5") - 1


def test_q5_a_table_is_not_a_figure(corrections):
    shown = failure("01", "q5", corrections["source_id"].value_counts())
    assert "expects a plotly figure" in shown


def test_q6_another_claim_of_the_feature(right, corrections):
    other = corrections.loc[corrections["correction_id"] == "calvert-bank-employee", "claim"].iloc[0]
    assert other != right["q6"]
    shown = failure("01", "q6", other)
    assert "not the whole claim that the corrections table marks as its factual error" in shown
    assert earned("q6", other) == 1
    assert right["q6"] not in shown


def test_q6_a_few_words_of_the_claim_are_told_to_copy_it_whole(right):
    words = " ".join(right["q6"].split()[:3])
    assert len(words) >= 15 and words in right["q6"]
    shown = failure("01", "q6", words)
    assert "copy the whole claim" in shown
    assert "exactly as they stand" not in shown
    assert earned("q6", words) == 1


def test_q6_the_claim_in_quotation_marks_or_with_a_line_break_is_accepted(right):
    checker("01")("q6", f'"{right["q6"]}"')
    checker("01")("q6", right["q6"].replace(" ", "\n", 1))


def test_q6_a_slip_inside_quotation_marks_gets_only_the_copying_hint(right):
    shown = failure("01", "q6", f'"{right["q6"].replace("nomination", "nominaton")}"')
    assert "exactly as they stand" in shown
    assert "copy the whole claim" not in shown


def test_q6_the_interviews_version_of_the_prize_is_not_in_the_feature(right, corrections):
    interview = corrections.loc[corrections["correction_id"] == "klassiki-prize-name", "claim"].iloc[0]
    shown = failure("01", "q6", interview)
    assert "exactly as they stand in the calvert text" in shown
    assert earned("q6", interview) == 0


def test_q6_a_retyped_claim_with_a_slip_and_the_table_row(right, corrections):
    shown = failure("01", "q6", right["q6"].replace("nomination", "nominaton"))
    assert "exactly as they stand" in shown
    shown = failure("01", "q6", corrections[corrections["source_id"] == "calvert"])
    assert "expects a piece of text" in shown


def right_points(qid: str) -> int:
    return checker("01").questions[qid].points
