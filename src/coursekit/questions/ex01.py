"""Exercise 01, Reading the sources: who speaks in the three texts, and what they get wrong.

It practises, on `quotes.csv` and `corrections.csv`, the first steps of pandas: keeping the rows
that meet a condition, counting them per label with `value_counts()`, finding empty cells with
`isna()`, joining two tables on a shared key with `merge()` (the versions of one remark in the
review and the feature), and one bar chart made with plotly and `chart()`. The source-criticism
questions ask which of the feature's quotations the review left out, which text has how many
factual errors, and for the exact words in which The Calvert Journal gets a fact wrong. The
free-text question asks which text is the better evidence for who said a sentence that the review
and the feature attribute differently.
"""

from __future__ import annotations

import pandas as pd

from ..checks import Manual
from ..checks.kinds import collection, counts, figure, passage, table
from ..datasets import load_table

DIRECTOR = "assel-aushakimova"


def _director_per_text() -> pd.Series:
    """How many passages each text gives as the director's words."""
    quotes = load_table("quotes")
    return quotes[quotes["speaker"] == DIRECTOR]["source_id"].value_counts()


def _feature_only() -> list[str]:
    """The feature's quotations that no other text repeats (they have no `same_as` key)."""
    quotes = load_table("quotes")
    feature = quotes[quotes["source_id"] == "calvert"]
    return list(feature[feature["same_as"].isna()]["quote_id"])


def _review_and_feature() -> pd.DataFrame:
    """The remarks quoted in both the review and the feature, one row per remark."""
    shared = load_table("quotes").dropna(subset=["same_as"])
    review = shared[shared["source_id"] == "review"]
    feature = shared[shared["source_id"] == "calvert"]
    return review.merge(feature, on="same_as", suffixes=("_review", "_calvert"))


def _factual_errors_per_text() -> pd.Series:
    corrections = load_table("corrections")
    return corrections[corrections["kind"] == "factual_error"]["source_id"].value_counts()


def _problems_per_text() -> pd.Series:
    return load_table("corrections")["source_id"].value_counts()


def _feature_factual_error() -> tuple[int, int]:
    """Where, in the feature, the claim stands that the corrections table marks as a factual error."""
    corrections = load_table("corrections")
    row = corrections[(corrections["source_id"] == "calvert") & (corrections["kind"] == "factual_error")].iloc[0]
    return int(row["offset"]), int(row["offset"]) + len(row["claim"])


QUESTIONS = (
    counts(
        "q1",
        expects="a Series of counts, one per text (what value_counts() returns), or a dict",
        reference=_director_per_text,
        labels_hint="there should be one count for each text, labelled by its source_id: "
                    "count the values of the source_id column.",
        counts_hint="at least one count is off: did you keep only the rows whose speaker is the director "
                    "before counting? One passage in the table is spoken by someone else.",
    ),
    collection(
        "q2",
        expects="a list or a Series of quote ids (the quote_id column)",
        reference=_feature_only,
        extra_hint="some of your ids do not belong: keep only the feature's rows (source_id \"calvert\") "
                   "whose same_as cell is empty (isna()).",
        missing_hint="some ids are missing: every row of the feature with an empty same_as cell belongs "
                     "in the answer.",
    ),
    table(
        "q3",
        columns=("same_as", "quote_id_review", "quote_id_calvert"),
        reference=_review_and_feature,
        rows_hint="the table should have one row per remark that both texts quote: did you drop the rows "
                  "without a same_as key before the merge? (merge pairs empty keys with each other.) "
                  "And is the review on the left side and the feature on the right?",
    ),
    counts(
        "q4",
        expects="a Series of counts, one per text (what value_counts() returns), or a dict",
        reference=_factual_errors_per_text,
        labels_hint="there should be one count for each text that has a factual error, labelled by its "
                    "source_id: count the values of the source_id column after filtering.",
        counts_hint="at least one count is off: did you keep only the rows whose kind is exactly "
                    "\"factual_error\" before counting the texts?",
    ),
    figure(
        "q5",
        reference=_problems_per_text,
        data_hint="the bars should show, for each text, how many rows of the corrections table it has, "
                  "counting every kind of problem; label the bars with the source ids (calvert, klassiki, "
                  "review), as value_counts() gives them.",
        raw_names=("source_id", "count", "kind", "index", "x", "y", "value", "variable"),
    ),
    passage(
        "q6",
        source_id="calvert",
        span=_feature_factual_error,
        hint="these words are in the feature, but they are not the whole claim that the corrections table "
             "marks as its factual error: keep the rows whose source_id is \"calvert\" and whose kind "
             "is \"factual_error\", and copy the whole claim (the claim cell), not only some of its words.",
    ),
    Manual("q7", 4),
)
