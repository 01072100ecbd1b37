"""Exercise 07 (Texts as data): the right answers pass, plausible wrong ones fail kindly.

Each wrong answer is derived from the master notebook's own answer (a count off by one, a rate that
forgets to divide by the text's length, `>` for `>=`, the word counts instead of the string method,
every funding keyword instead of the stems, a chart without a title or of raw counts, the text
with the highest raw count), and the test checks that the student is told what to look at without
being told the answer.
"""

from __future__ import annotations

from functools import partial

import plotly.express as px
import plotly.graph_objects as go
import pytest
from answers import below_headline, failure
from answers import earned as earned_points

from coursekit.charts import chart
from coursekit.checks import checker
from coursekit.corpus import load_sources, word_counts
from coursekit.themes import load_lexicon


@pytest.fixture(scope="module")
def counts():
    return word_counts(load_sources(), drop_stopwords=True)


@pytest.fixture(scope="module")
def rates(counts):
    """The solution's table for question 6: the word's count, the text's length and the rate."""
    sources = load_sources()
    table = counts[counts["word"] == "kazakhstan"].merge(sources[["source_id", "n_words"]], on="source_id")
    table["per_1000_words"] = table["count"] / table["n_words"] * 1000
    return table


earned = partial(earned_points, "07")


hints = below_headline


def test_q1_an_off_by_one_count_and_the_count_of_all_three_texts(right, counts):
    shown = failure("07", "q1", right["q1"] + 1)
    assert "source_id is 'klassiki'" in shown
    assert str(right["q1"]) not in hints(shown)
    every_text = int(counts.loc[counts["word"] == "kazakhstan", "count"].sum())
    assert every_text != right["q1"]
    assert "word is exactly 'kazakhstan'" in failure("07", "q1", every_text)


def test_q1_the_filtered_row_is_refused_but_its_count_column_passes(counts):
    row = counts[(counts["source_id"] == "klassiki") & (counts["word"] == "kazakhstan")]
    shown = failure("07", "q1", row)
    assert "expects a whole number" in shown and ".iloc[0]" in shown
    checker("07")("q1", row["count"])  # a one-element Series holds the right number
    checker("07")("q1", row["count"].to_numpy())
    two_rows = counts[(counts["word"] == "kazakhstan")]["count"].iloc[:2]
    assert "expects a whole number" in failure("07", "q1", two_rows)


def test_q2_the_beginners_one_element_series_passes(right):
    sources = load_sources()
    rate = right["q1"] / sources[sources["source_id"] == "klassiki"]["n_words"] * 1000
    assert len(rate) == 1
    checker("07")("q2", rate)
    shown = failure("07", "q2", rate / 1000)
    assert "divide it by the length in words" in shown


def test_q2_a_rate_rounded_to_one_decimal_passes(right):
    checker("07")("q2", round(right["q2"], 1))


def test_q2_forgetting_to_divide_by_the_length_or_to_multiply(right):
    for wrong in (right["q1"], right["q2"] / 1000, right["q2"] / 10):
        shown = failure("07", "q2", wrong)
        assert "divide it by the length in words" in shown
        assert f"{right['q2']:.1f}" not in shown


def test_q2_a_text_instead_of_a_number(right):
    assert "expects a number" in failure("07", "q2", f"{right['q2']:.1f}")


def test_q3_greater_than_instead_of_at_least_loses_a_word(right, counts):
    feature = counts[(counts["source_id"] == "calvert") & (counts["count"] > 8)]["word"]
    assert set(feature) < set(right["q3"])
    shown = failure("07", "q3", feature)
    assert "`>=` keeps" in shown
    assert earned("q3", feature) == 1
    for word in right["q3"]:
        assert word not in hints(shown)


def test_q3_forgetting_to_keep_only_the_feature(right, counts):
    every_text = counts[counts["count"] >= 8]["word"]
    shown = failure("07", "q3", every_text)
    assert "keep only the rows of source_id 'calvert'" in shown
    assert earned("q3", every_text) == 1


def test_q3_the_count_column_instead_of_the_words(right, counts):
    feature = counts[(counts["source_id"] == "calvert") & (counts["count"] >= 8)]
    assert earned("q3", feature["count"]) == 0
    shown = failure("07", "q3", feature)
    assert "expects a collection of words" in shown and 'single brackets' in shown


def test_q4_the_word_counts_miss_the_possessive(right, counts):
    exact = counts[counts["word"] == "aushakimova"].set_index("source_id")["count"]
    assert set(exact.index) == set(right["q4"].index)
    shown = failure("07", "q4", exact)
    assert ".str.count(" in shown
    assert earned("q4", exact) == 1
    for count in right["q4"]:
        assert str(count) not in hints(shown)


def test_q4_counts_without_their_source_ids_earn_the_counts_point(right):
    unlabelled = right["q4"].reset_index(drop=True)
    shown = failure("07", "q4", unlabelled)
    assert "label each count with its text's source_id" in shown
    assert ".str.count(" not in shown
    assert earned("q4", unlabelled) == 1
    # Right labels with the counts swapped between texts still lose the counts point.
    swapped = right["q4"].copy()
    swapped[:] = list(reversed(right["q4"].tolist()))
    assert swapped.tolist() != right["q4"].tolist()
    assert ".str.count(" in failure("07", "q4", swapped)
    assert earned("q4", swapped) == 1


def test_q4_lower_case_finds_nothing(right):
    sources = load_sources().set_index("source_id")["text"]
    assert "capital A" in failure("07", "q4", sources.str.count("aushakimova"))


def test_q5_every_funding_keyword_is_a_row_too_many(right):
    lexicon = load_lexicon()
    funding = lexicon[lexicon["theme"] == "funding"]
    assert len(funding) > len(right["q5"])
    shown = failure("07", "q5", funding)
    assert "ends with a star" in shown
    assert earned("q5", funding) == 1


def test_q5_a_missing_column_and_a_missing_stem(right):
    assert "needs the columns theme, keyword, language" in failure("07", "q5", right["q5"][["theme", "keyword"]])
    assert earned("q5", right["q5"].iloc[1:]) == 1


def test_q6_a_raw_plotly_figure_with_a_title_and_labels_passes(rates):
    fig = px.bar(rates, x="source_id", y="per_1000_words", title="The word 'kazakhstan' per 1,000 words",
                 labels={"source_id": "Text", "per_1000_words": "Uses per 1,000 words"})
    checker("07")("q6", fig)


def test_q6_rates_rounded_to_one_decimal_pass(rates):
    rounded = rates.assign(per_1000_words=rates["per_1000_words"].round(1))
    fig = px.bar(rounded, x="source_id", y="per_1000_words")
    checker("07")("q6", chart(fig, title="Rates", description="One bar per text.", x_title="Text", y_title="Per 1,000 words"))


def test_q6_a_chart_without_a_title_earns_the_rest(right):
    fig = go.Figure(right["q6"].figure)
    fig.update_layout(title=None)
    shown = failure("07", "q6", fig)
    assert "give the figure a title" in shown
    assert earned("q6", fig) == 2


def test_q6_raw_column_names_as_axis_titles(rates):
    fig = px.bar(rates, x="source_id", y="per_1000_words", title="Rates")
    shown = failure("07", "q6", fig)
    assert "give both axes readable titles" in shown
    assert earned("q6", fig) == 2


def test_q6_a_chart_of_raw_counts(rates):
    fig = px.bar(rates, x="source_id", y="count")
    raw = chart(fig, title="Counts", description="One bar per text.", x_title="Text", y_title="Uses")
    shown = failure("07", "q6", raw)
    assert "not the raw count" in shown
    assert earned("q6", raw) == 2
    for rate in rates["per_1000_words"]:
        assert f"{rate:.1f}" not in hints(shown)


def test_q6_a_table_instead_of_a_figure(rates):
    assert "expects a plotly figure" in failure("07", "q6", rates)


def test_q7_the_text_with_the_highest_raw_count(right, rates):
    raw_leader = rates.loc[rates["count"].idxmax(), "source_id"]
    assert raw_leader != right["q7"]
    shown = failure("07", "q7", raw_leader)
    assert "not the raw counts" in shown
    assert right["q7"] not in hints(shown)


def test_q7_a_description_instead_of_the_source_id(right):
    shown = failure("07", "q7", f"the {right['q7']} text")
    assert "exactly as the column source_id writes it" in shown
    assert "expects a piece of text" in failure("07", "q7", [right["q7"]])
