"""Exercise 03 (who decides what is shown): right answers pass, plausible wrong ones fail kindly.

Wrong answers are derived from the master notebook's own answers, so these tests follow the data.
Each failure must name the step to re-check and must never show the expected value.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import plotly.express as px
import pytest
from answers import earned as earned_points
from answers import failure

from coursekit.charts import chart
from coursekit.checks import checker
from coursekit.datasets import load_table

QIDS = ("q1", "q2", "q3", "q4", "q5")


@pytest.fixture(scope="module")
def chain():
    return load_table("chain")


earned = partial(earned_points, "03")


def test_q2_also_takes_a_plain_list(right):
    checker("03")("q2", list(right["q2"])[::-1])


def test_q1_another_case_fails_on_its_rows(chain, right):
    lightyear = chain[chain["case"].str.startswith("Lightyear")][["stage", "kind", "outcome"]]
    shown = failure("03", "q1", lightyear)
    assert "en dash" in shown
    assert "1 of 2" in shown  # the columns are right
    assert "account" not in shown


def test_q1_the_whole_table_earns_the_column_point(chain):
    assert earned("q1", chain) == 1


def test_q1_a_missing_column_is_named(right):
    shown = failure("03", "q1", right["q1"].drop(columns="kind"))
    assert "needs the columns stage, kind, outcome" in shown
    assert "restricted" not in shown


def test_q2_confidence_instead_of_kind_brings_extra_cases(chain, right):
    medium = chain.loc[chain["confidence"] == "medium", "case"].unique()
    shown = failure("03", "q2", medium)
    assert "not on confidence" in shown
    assert earned("q2", medium) == 1  # nothing missing, something extra
    for case in right["q2"]:
        assert case.casefold() not in shown.casefold()


def test_q2_one_case_only_is_missing_one(right):
    shown = failure("03", "q2", list(right["q2"])[:1])
    assert "a case is missing" in shown
    assert earned("q2", list(right["q2"])[:1]) == 1


def test_q2_one_column_in_double_brackets_is_accepted(chain):
    checker("03")("q2", chain[chain["kind"] == "account"][["case"]].drop_duplicates())


def test_q2_a_single_name_is_not_a_collection(right):
    shown = failure("03", "q2", str(right["q2"][0]))
    assert "several case names" in shown


def test_q3_forgetting_blocked_keeps_the_label_point(chain, right):
    rows = chain[(chain["outcome"] == "restricted") & (chain["kind"] != "stated_rule")]
    wrong = rows["stage"].value_counts()
    shown = failure("03", "q3", wrong)
    assert "did you keep both outcomes" in shown
    assert earned("q3", wrong) == 1
    assert str(right["q3"].to_dict()) not in shown


def test_q3_keeping_the_stated_rules_gets_the_wrong_stages(chain):
    rows = chain[chain["outcome"].isin(["restricted", "blocked"])]
    wrong = rows["stage"].value_counts()
    shown = failure("03", "q3", wrong)
    assert "the stages are not the right ones" in shown
    assert earned("q3", wrong) == 0


def test_q3_a_stage_counted_zero_times_may_be_listed(chain, right):
    rows = chain[chain["kind"] != "stated_rule"]
    table = pd.crosstab(rows["stage"], rows["outcome"])
    from_crosstab = table["restricted"] + table["blocked"]
    assert (from_crosstab == 0).any()
    checker("03")("q3", from_crosstab)
    summed = rows.assign(hit=rows["outcome"].isin(["restricted", "blocked"])).groupby("stage")["hit"].sum()
    checker("03")("q3", summed)


def test_q3_one_off_count_fails(right):
    wrong = right["q3"].copy()
    wrong.iloc[0] += 1
    shown = failure("03", "q3", wrong)
    assert "some counts are off" in shown


def _bars(chain, **labels):
    per_case = chain["case"].value_counts()
    return px.bar(per_case.reset_index(), x="count", y="case", **labels)


def test_q4_right_bars_without_a_title_lose_one_point(chain):
    fig = _bars(chain, labels={"count": "Stages with a source", "case": "Case"})
    shown = failure("03", "q4", fig)
    assert "give the figure a title" in shown
    assert earned("q4", fig) == 2


def test_q4_raw_axis_titles_lose_one_point(chain):
    fig = _bars(chain, title="Stages with a source, per case")
    shown = failure("03", "q4", fig)
    assert "readable titles" in shown
    assert earned("q4", fig) == 2


def test_q4_wrong_data_is_told_what_the_bars_are(chain):
    narrowed = chain[chain["outcome"] == "restricted"]["case"].value_counts()
    fig = px.bar(narrowed.reset_index(), x="count", y="case")
    wrong = chart(fig, title="Stages per case", description="Bars per case.", x_title="Stages", y_title="Case")
    shown = failure("03", "q4", wrong)
    assert "one bar per case" in shown
    assert earned("q4", wrong) == 2


def test_q4_a_line_chart_is_not_a_bar_chart(chain):
    per_case = chain["case"].value_counts()
    fig = px.line(per_case.reset_index(), x="case", y="count")
    wrong = chart(fig, title="Stages per case", description="A line per case.", x_title="Case", y_title="Stages")
    assert "one bar per case" in failure("03", "q4", wrong)


def test_q4_a_histogram_of_the_cases_is_a_bar_chart_too(chain):
    fig = px.histogram(chain, y="case")
    accepted = chart(fig, title="Stages per case", description="One bar per case.", x_title="Stages",
                     y_title="Case")
    checker("03")("q4", accepted)


def test_q4_a_scatter_of_the_right_counts_is_told_to_draw_bars(chain):
    per_case = chain["case"].value_counts()
    fig = px.scatter(per_case.reset_index(), x="count", y="case")
    wrong = chart(fig, title="Stages per case", description="A dot per case.", x_title="Stages", y_title="Case")
    shown = failure("03", "q4", wrong)
    assert "draw it as a bar or histogram chart" in shown
    assert earned("q4", wrong) == 2


def test_q4_a_table_is_not_a_figure(chain):
    assert "a plotly figure" in failure("03", "q4", chain["case"].value_counts())


def _klassiki_quote(quote_id: str) -> str:
    quotes = load_table("quotes")
    return quotes.loc[quotes["quote_id"] == quote_id, "text"].iloc[0]


def test_q5_the_first_mention_of_the_rating_is_the_wrong_sentence(right):
    first = _klassiki_quote("klassiki-rated-21")
    assert first != right["q5"]
    shown = failure("03", "q5", first)
    assert "not only the first" in shown
    assert earned("q5", first) == 1
    assert right["q5"] not in shown


def test_q5_the_sentence_before_it_copied_too_is_more_than_the_sentence(right):
    both = _klassiki_quote("klassiki-screening-rights") + " " + right["q5"]
    shown = failure("03", "q5", both)
    assert "nothing before or after it" in shown
    assert earned("q5", both) == 1


def test_q5_half_of_the_sentence_is_not_the_whole_sentence(right):
    half = right["q5"][len(right["q5"]) // 2:].strip()
    assert len(half) > 30
    shown = failure("03", "q5", half)
    assert "whole, from its first word to its full stop" in shown
    assert earned("q5", half) == 1


def test_q5_a_retyped_slip_gets_only_the_copying_hint(right):
    typed = right["q5"].replace("trailer", "trailor")
    shown = failure("03", "q5", typed)
    assert "exactly as they stand in the klassiki text" in shown
    assert "first word to its full stop" not in shown
    assert earned("q5", typed) == 0


def test_q5_the_same_words_in_another_text_are_not_the_interview():
    calvert = "It’s censorship, basically."
    shown = failure("03", "q5", calvert)
    assert "exactly as they stand in the klassiki text" in shown


@pytest.mark.parametrize("copy", [
    lambda sentence: sentence.replace("’", "'"),  # straight apostrophe
    lambda sentence: f'"{sentence}"',  # in quotation marks
    lambda sentence: sentence.rstrip("."),  # without its full stop
    lambda sentence: sentence.replace(" the trailer", "\nthe trailer"),  # a line break from the kwic table
    lambda sentence: f" {sentence}  ",
])
def test_q5_what_copying_adds_or_changes_does_not_count(right, capsys, copy):
    answer = copy(right["q5"])
    checker("03")("q5", answer)
    assert capsys.readouterr().out.startswith("✔ q5: 2 of 2")


def test_q5_a_number_is_not_a_passage():
    assert "copied from the text" in failure("03", "q5", 2020)


def test_the_free_text_question_is_the_teachers():
    bank = {q.qid: q for q in __import__("coursekit.questions.ex03", fromlist=["QUESTIONS"]).QUESTIONS}
    assert bank["q6"].kind == "manual" and bank["q6"].points == 4
    assert sum(q.points for q in bank.values() if q.kind == "auto") == 11


def test_the_expected_values_follow_the_data(chain, right):
    assert isinstance(right["q1"], pd.DataFrame) and len(right["q1"]) == 5
    assert set(right["q3"].index) <= {"law", "funding", "rating", "screening", "audience"}
