"""Exercise 05, Money and independence: reading a funding table without fooling yourself.

It follows lesson 05 and practises, on `funding.csv`: counting rows per value (`value_counts`),
filtering rows on one and on two conditions, keeping some columns, adding up amounts in ONE
currency (tenge is never added to euros or dollars), listing the distinct values of a column
(`unique`), and a bar chart made with `chart()`. Its source-criticism question asks who says what
in the Klassiki interview: the praise of the film's natural light is the interviewer's, and the
student must copy the director's own answer instead. A free-text question, marked by the teacher,
asks what independence cost the director.

Every expected value is recomputed from the course tables and texts, so the checks follow the data.
"""

from __future__ import annotations

import pandas as pd

from coursekit.checks import Manual
from coursekit.checks.kinds import collection, counts, figure, number, passage, table
from coursekit.corpus import load_sources
from coursekit.datasets import load_table

TENGE = "KZT"
Q2_COLUMNS = ("film_or_scheme", "funder", "status", "amount")


def _funding() -> pd.DataFrame:
    return load_table("funding")


def _sources_per_film() -> pd.Series:
    """q1: how many money sources the table lists for each film or scheme."""
    return _funding()["film_or_scheme"].value_counts()


def _tenge_rows() -> pd.DataFrame:
    """q2: the rows whose amount is stated in tenge."""
    funding = _funding()
    return funding[funding["currency"] == TENGE]


def _planned_tenge() -> float:
    """q3: the tenge the sources say was planned, not shown spent (the 2022 round's parts)."""
    funding = _funding()
    planned = funding[(funding["currency"] == TENGE) & (funding["status"] == "planned")]
    return float(planned["amount"].sum())


def _not_received() -> list[str]:
    """q4: the films and schemes with at least one money source whose status is not `received`."""
    funding = _funding()
    return list(funding.loc[funding["status"] != "received", "film_or_scheme"].unique())


def _tenge_by_status() -> pd.Series:
    """q5: the stated tenge amounts, added up per status (what the bars must show)."""
    return _tenge_rows().groupby("status")["amount"].sum()


def _director_answer() -> tuple[int, int]:
    """q6: where the director's answer on what a bigger budget would have bought stands in the interview.

    It starts with the quote `klassiki-experienced-crew` and runs to the end of her answer (the end
    of that line), so that either of its two sentences is right.
    """
    quotes = load_table("quotes").set_index("quote_id")
    start = int(quotes.loc["klassiki-experienced-crew", "offset"])
    sources = load_sources()
    text = sources.loc[sources["source_id"] == "klassiki", "text"].iloc[0]
    end = text.find("\n", start)
    return start, (len(text) if end == -1 else end)


QUESTIONS = (
    counts(
        "q1",
        expects="a pandas Series of counts, one per film or scheme (what value_counts() returns)",
        reference=_sources_per_film,
        labels_hint="count the rows per value of the film_or_scheme column, not another column, and count "
                    "rows, not amounts (one label per film or scheme; .count() skips the empty amounts).",
        counts_hint="count every row of the whole funding table, also the rows without an amount: each row "
                    "is one money source, so do not filter first (value_counts() or groupby(...).size() count "
                    "rows; .count() skips the empty amounts).",
    ),
    table(
        "q2",
        columns=Q2_COLUMNS,
        reference=_tenge_rows,
        rows_hint="keep only the rows whose currency is \"KZT\" (tenge): an amount in euros or dollars "
                  "is not an amount in tenge.",
    ),
    number(
        "q3",
        reference=_planned_tenge,
        tolerance=0.5,
        points=2,
        expects="a number (an int or a float), the total in tenge",
        hint="add up only the rows that meet BOTH conditions, currency \"KZT\" and status \"planned\" "
             "(combine them with &). A sum over other currencies, or over money already received, "
             "adds things that cannot be added.",
    ),
    collection(
        "q4",
        expects="a list (or the result of .unique()) of the film_or_scheme values",
        reference=_not_received,
        extra_hint="your list has a film or scheme whose money sources were all received (or a name not "
                   "spelt as in the table): keep only rows whose status is not \"received\" (use !=).",
        missing_hint="a film or scheme is missing: \"not received\" covers every other status "
                     "(not obtained, planned, set by law), not just one of them.",
    ),
    figure(
        "q5",
        reference=_tenge_by_status,
        raw_names=("status", "amount", "currency", "x", "y", "index", "value"),
        data_hint="one bar per status, showing only the amounts in tenge (currency \"KZT\"), as the amount "
                  "column gives them (not rescaled): euros and dollars cannot share an axis with tenge.",
    ),
    passage(
        "q6",
        source_id="klassiki",
        span=_director_answer,
        min_length=25,  # a name such as "Olga Doletskaya" stands in the text too, but is not a sentence
        hint="that is not the director's answer about the budget. Lines that start with \"O:\" are the "
             "interviewer's questions, even when they praise the film; copy a sentence from the answer "
             "that follows her question about the budget.",
    ),
    Manual("q7", 4),
)
