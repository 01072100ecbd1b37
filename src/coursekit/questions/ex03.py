"""Exercise 03, *Who decides what is shown*: the censorship chain in pandas and plotly.

It follows lesson 03 and practises, on `chain.csv` and the three texts:
- filtering rows on a text column with `.str.contains` and keeping columns (q1);
- telling kinds of evidence apart: a case that rests on one person's account is not the same as
  a row of medium confidence (q2);
- combining two conditions with `&`, `.isin` and `!=`, then counting with `value_counts` (q3);
- a horizontal bar chart of stages with a source per case, with a title and axis titles (q4);
- source criticism: copying, whole and exactly, the sentence of the interview that the chain's
  rating row rests on, the director's account of how the ministry rated the film (q5);
- a reflection, marked by the teacher, on whether a state's funding rules can be censorship (q6).

Expected values are recomputed from the tables, so the checks follow the data.
"""

from __future__ import annotations

import pandas as pd

from ..checks import Manual
from ..checks.kinds import collection, counts, figure, passage, table
from ..datasets import load_table

WELCOME = "Welcome to the USA"
NARROWED = ("restricted", "blocked")
RATING_ACCOUNT = "klassiki-ministry-trailer"  # q5: the quotation in quotes.csv that the rating row rests on
BEYOND_THE_SENTENCE = 5  # q5: characters an answer may have beyond the sentence (a space, a quotation mark)


def _chain() -> pd.DataFrame:
    return load_table("chain")


def _welcome() -> pd.DataFrame:
    """The rows of the film's own case, one per stage a source speaks to."""
    chain = _chain()
    return chain[chain["case"].str.startswith(WELCOME)]


def _account_cases() -> list[str]:
    """The cases with at least one stage that rests on one person's account."""
    chain = _chain()
    return sorted(set(chain.loc[chain["kind"] == "account", "case"]))


def _narrowed_by_stage() -> pd.Series:
    """Per stage, the rows that narrowed or stopped a film, stated rules left out."""
    chain = _chain()
    rows = chain[chain["outcome"].isin(NARROWED) & (chain["kind"] != "stated_rule")]
    return rows["stage"].value_counts()


def _stages_per_case() -> pd.Series:
    """Per case, the number of stages that a source speaks to (its rows)."""
    return _chain()["case"].value_counts()


def _rating_sentence() -> str:
    """The interview's sentence in which the director says how the ministry came to rate the film."""
    quotes = load_table("quotes")
    return quotes.loc[quotes["quote_id"] == RATING_ACCOUNT, "text"].iloc[0]


def _rating_span() -> tuple[int, int]:
    quotes = load_table("quotes")
    offset = int(quotes.loc[quotes["quote_id"] == RATING_ACCOUNT, "offset"].iloc[0])
    return offset, offset + len(_rating_sentence())


_Q2 = collection(
    "q2",
    expects="several case names (a list, or what .unique() gives)",
    reference=_account_cases,
    extra_hint=("at least one of your cases has no row of the kind 'account'. Filter on the column that "
                "says what kind of evidence a row is, not on confidence: 'medium' also covers sources "
                "that disagree."),
    missing_hint=("a case is missing: keep every row whose kind is 'account', then take the case names "
                  "without repeats."),
    points=2,
)

QUESTIONS = (
    table(
        "q1",
        columns=("stage", "kind", "outcome"),
        reference=_welcome,
        rows_hint=("keep only the rows of the case Welcome to the USA: its name has an en dash (–) between "
                   "its years, so copy it from the table or match part of it with .str.contains(\"Welcome\")."),
        points=2,
    ),
    _Q2,
    counts(
        "q3",
        expects="a count per stage (a Series from value_counts(), or a dict)",
        reference=_narrowed_by_stage,
        labels_hint=("the stages are not the right ones: keep the rows whose outcome is restricted or blocked "
                     "and whose kind is not 'stated_rule', then count the column stage."),
        counts_hint=("some counts are off: did you keep both outcomes (.isin([...]) with a list of two) and "
                     "leave out only the stated rules?"),
        points=2,
    ),
    figure(
        "q4",
        reference=_stages_per_case,
        data_hint=("one bar per case, as long as the number of rows that case has in chain "
                   "(count the column case with value_counts())."),
        raw_names=("case", "count", "index", "value", "variable", "x", "y"),
        points=3,
        trace=("bar", "histogram"),
    ),
    passage(
        "q5",
        source_id="klassiki",
        span=_rating_span,
        hint=("copy the one sentence in which the director says how the Ministry of Culture came to its rating, "
              "whole, from its first word to its full stop, and nothing before or after it: read every "
              "passage that mentions 21+, not only the first."),
        whole=True,
        slack=BEYOND_THE_SENTENCE,
    ),
    Manual("q6", 4),
)
