"""Exercise 04 (Queer lives on screen): the right answers pass, plausible wrong ones fail kindly.

Each wrong answer is derived from the master notebook's own answer or from the same tables (a
filter on `kind` instead of `theme`, bills counted as laws, the latest bill instead of the first,
a chart without a title or with raw axis titles, the interview's neighbouring sentence, a search in
the wrong column), and the test checks that the student is told what to look at without being
told the answer.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import plotly.express as px
import pytest
from answers import below_headline, failure
from answers import earned as earned_points

from coursekit.charts import chart
from coursekit.checks import checker


@pytest.fixture(scope="module")
def queer(timeline):
    return timeline[timeline["theme"] == "queer_rights"]


earned = partial(earned_points, "04")


def possible(qid: str) -> int:
    return checker("04").questions[qid].points


body = below_headline


def test_the_points_add_up():
    questions = checker("04").questions.values()
    assert sum(q.points for q in questions if q.kind == "auto") == 13
    assert sum(q.points for q in questions if q.kind == "manual") == 4


# Question 1: events per country


def test_q1_filtering_on_kind_counts_a_film_row_too(right, timeline):
    by_kind = timeline[timeline["kind"].notna()]["country"].value_counts()
    assert set(by_kind.index) == set(right["q1"].index) and not by_kind.equals(right["q1"])
    shown = failure("04", "q1", by_kind)
    assert "filter on the theme column" in shown
    assert earned("q1", by_kind) == 1
    for count in set(right["q1"].values) - set(by_kind.values):
        assert str(count) not in body(shown)


def test_q1_counting_every_theme_brings_in_other_countries(timeline):
    every = timeline["country"].value_counts()
    shown = failure("04", "q1", every)
    assert "keep only the rows whose theme is queer_rights" in shown
    assert earned("q1", every) == 0


def test_q1_one_count_off_and_a_single_number(right):
    off = right["q1"].copy()
    off.iloc[0] += 1
    assert "the countries are right but some counts are not" in failure("04", "q1", off)
    shown = failure("04", "q1", int(right["q1"].sum()))
    assert "expects a count per country" in shown


# Question 2: only the laws


def test_q2_bills_counted_as_laws(right, queer):
    wrong = queer[queer["kind"].isin(["law", "bill"])][["date", "country", "event"]]
    assert len(wrong) > len(right["q2"])
    shown = failure("04", "q2", wrong)
    assert "a bill passing one stage" in shown
    assert earned("q2", wrong) == possible("q2") - 1
    for event in right["q2"]["event"]:
        assert event not in shown


def test_q2_a_law_forgotten_and_a_column_missing(right):
    assert earned("q2", right["q2"].iloc[1:]) == possible("q2") - 1
    shown = failure("04", "q2", right["q2"][["date", "event"]])
    assert "needs the columns date, country, event" in shown
    assert earned("q2", right["q2"][["date", "event"]]) == 0


def test_q2_extra_columns_and_another_order_still_pass(right, queer):
    laws = queer[queer["kind"] == "law"].sort_values("country")
    checker("04")("q2", laws)


# Question 3: Kyrgyzstan's first bill


def test_q3_the_latest_bill_instead_of_the_first(right, timeline):
    bills = timeline[(timeline["country"] == "Kyrgyzstan") & (timeline["kind"] == "bill")]
    latest = bills["date_start"].max().year
    assert latest != right["q3"]
    shown = failure("04", "q3", latest)
    assert "min(), not max()" in shown
    assert str(right["q3"]) not in shown


def test_q3_the_year_of_the_law_and_the_year_as_text(right, timeline):
    law = timeline[(timeline["country"] == "Kyrgyzstan") & (timeline["kind"] == "law")]["date_start"].min().year
    assert earned("q3", law) == 0
    shown = failure("04", "q3", str(right["q3"]))
    assert "expects a year, as a whole number" in shown


def test_q3_a_numpy_year_is_accepted(right, timeline):
    bills = timeline[(timeline["country"] == "Kyrgyzstan") & (timeline["kind"] == "bill")]
    checker("04")("q3", bills["date_start"].dt.year.min())


# Question 4: events per year, as a chart


def test_q4_right_bars_without_a_title_lose_one_point(queer):
    per_year = queer["date_start"].dt.year.value_counts().sort_index()
    fig = px.bar(x=per_year.index, y=per_year.values, labels={"x": "Year", "y": "Number of events"})
    shown = failure("04", "q4", fig)
    assert "give the figure a title" in shown
    assert earned("q4", fig) == possible("q4") - 1


def test_q4_raw_axis_titles_lose_one_point(queer):
    per_year = queer["date_start"].dt.year.value_counts().sort_index().reset_index()
    fig = px.bar(per_year, x="date_start", y="count", title="Events per year")
    shown = failure("04", "q4", fig)
    assert "readable titles" in shown
    assert earned("q4", fig) == possible("q4") - 1


def test_q4_counting_every_theme_per_year(timeline):
    every = timeline["date_start"].dt.year.value_counts().sort_index()
    wrong = chart(px.bar(x=every.index, y=every.values), title="Events per year",
                  description="One bar per year.", x_title="Year", y_title="Number of events")
    shown = failure("04", "q4", wrong)
    assert "queer_rights rows only" in shown
    assert earned("q4", wrong) == possible("q4") - 1


def test_q4_the_counts_themselves_are_not_a_figure(queer):
    shown = failure("04", "q4", queer["date_start"].dt.year.value_counts())
    assert "expects a plotly figure" in shown


# Question 5: the director's contrast


def test_q5_the_sentence_about_russia_alone(right, quotes):
    russia = quotes.loc[quotes["quote_id"] == "klassiki-russia-accepting", "text"].iloc[0]
    shown = failure("04", "q5", russia)
    assert "not yet the whole sentence in which the director sets" in shown
    assert earned("q5", russia) == 1
    assert right["q5"] not in shown


def test_q5_retyped_with_a_slip(right):
    typed = right["q5"].replace("intolerant", "intollerant")
    assert typed != right["q5"]
    shown = failure("04", "q5", typed)
    assert "copy the sentence exactly as the interview prints it" in shown
    assert "not yet the whole sentence" not in shown
    assert earned("q5", typed) == 0
    assert right["q5"] not in shown


@pytest.mark.parametrize("part", [
    lambda sentence: sentence[:sentence.index(":")],  # its first words, copied exactly
    lambda sentence: sentence[:sentence.index(" but")],  # one half of the sentence
])
def test_q5_part_of_the_sentence_is_told_to_copy_it_whole(right, part):
    piece = part(right["q5"])
    shown = failure("04", "q5", piece)
    assert "copy it whole, from its first word to its full stop" in shown
    assert "exactly as the interview prints it" not in shown
    assert earned("q5", piece) == 1


@pytest.mark.parametrize("copy", [
    lambda sentence: sentence.replace("’", "'"),  # straight apostrophe
    lambda sentence: sentence.rstrip("."),  # without its full stop
    lambda sentence: f"“{sentence}”",  # in quotation marks
    lambda sentence: sentence.replace(": ", ":  "),  # a doubled space
])
def test_q5_what_copying_adds_or_changes_does_not_count(right, copy):
    checker("04")("q5", copy(right["q5"]))


def test_q5_the_sentence_before_it_copied_too_is_fine(right, quotes):
    russia = quotes.loc[quotes["quote_id"] == "klassiki-russia-accepting", "text"].iloc[0]
    checker("04")("q5", f"{russia} {right['q5']}")


# Question 6: arrested or held?


def test_q6_searching_the_claim_column_finds_nothing(right, corrections):
    wrong = corrections[corrections["claim"].str.contains("Feminita")][["source_id", "claim", "correction"]]
    assert wrong.empty
    shown = failure("04", "q6", wrong)
    assert "an empty table means the search looked in" in shown
    assert earned("q6", wrong) == possible("q6") - 1
    for claim in right["q6"]["claim"]:
        assert claim not in shown


def test_q6_every_correction_of_the_interview(corrections):
    wrong = corrections[corrections["source_id"] == "klassiki"][["source_id", "claim", "correction"]]
    shown = failure("04", "q6", wrong)
    assert "contains \"Feminita\" in the column that gives the course's correction" in shown
    assert earned("q6", wrong) == possible("q6") - 1


def test_q6_without_the_correction_column(right):
    wrong = right["q6"][["source_id", "claim"]]
    shown = failure("04", "q6", wrong)
    assert "needs the columns source_id, claim, correction" in shown
    assert earned("q6", wrong) == 0
    shown = failure("04", "q6", pd.Series(["klassiki"]))
    assert "expects a DataFrame" in shown
