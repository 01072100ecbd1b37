"""Exercise 04: Queer lives on screen (follows lesson 04).

It practises, on the course's own tables: filtering rows by two conditions and counting a column
(`value_counts`), keeping some columns of a filtered table, taking the earliest date of a filtered
table as a year (`min`, `.year`), counting events per year and drawing them as a titled bar chart
with `chart()`, copying a sentence from the interview exactly, searching a text column with
`str.contains` to find the course's correction of one account (the Feminita event in Shymkent),
and, marked by the teacher, a short reflection on the "LGBTQ+ film" label.

Every expected value is recomputed from `timeline.csv`, `quotes.csv` and `corrections.csv`, so the
checks follow the data if a row is corrected.
"""

from __future__ import annotations

import pandas as pd

from coursekit.checks import Manual
from coursekit.checks.kinds import (
    counts,
    figure,
    passage,
    table,
    whole_number,
)
from coursekit.datasets import load_table

THEME = "queer_rights"
LAW_COLUMNS = ("date", "country", "event")
CORRECTION_COLUMNS = ("source_id", "claim", "correction")


def _queer_rights() -> pd.DataFrame:
    timeline = load_table("timeline")
    return timeline[timeline["theme"] == THEME]


def _per_country() -> pd.Series:
    return _queer_rights()["country"].value_counts()


def _laws() -> pd.DataFrame:
    rows = _queer_rights()
    return rows[rows["kind"] == "law"][list(LAW_COLUMNS)]


def _first_kyrgyz_bill() -> int:
    timeline = load_table("timeline")
    bills = timeline[(timeline["country"] == "Kyrgyzstan") & (timeline["kind"] == "bill")]
    return int(bills["date_start"].min().year)


def _per_year() -> pd.Series:
    return _queer_rights()["date_start"].dt.year.value_counts()


def _contrast_row() -> pd.Series:
    """The interview's sentence in which the director calls Kazakhstan the opposite of Russia."""
    quotes = load_table("quotes")
    return quotes[quotes["quote_id"] == "klassiki-exact-opposite"].iloc[0]


def _russia_and_kazakhstan() -> tuple[int, int]:
    """Where, in the interview, that sentence stands."""
    row = _contrast_row()
    return int(row["offset"]), int(row["offset"]) + len(row["text"])


def _feminita_corrections() -> pd.DataFrame:
    corrections = load_table("corrections")
    return corrections[corrections["correction"].str.contains("Feminita")][list(CORRECTION_COLUMNS)]


QUESTIONS = (
    counts(
        "q1",
        expects="a count per country (a Series, as value_counts() gives)",
        reference=_per_country,
        labels_hint="keep only the rows whose theme is queer_rights (nothing else), then count the country column "
                    "of those rows.",
        counts_hint="the countries are right but some counts are not: did you filter on the theme column "
                    "(not on kind, which a film row of another theme also has)?",
    ),
    table(
        "q2",
        columns=LAW_COLUMNS,
        reference=_laws,
        rows_hint="keep the queer_rights rows whose kind is exactly \"law\": a bill passing one stage, a court "
                  "ruling or a vote is not a law in this table.",
    ),
    whole_number(
        "q3",
        reference=_first_kyrgyz_bill,
        points=2,
        expects="a year, as a whole number (an int)",
        hint="keep Kyrgyzstan's rows whose kind is \"bill\", then take the earliest date_start (min(), not max()) "
             "and its .year.",
    ),
    figure(
        "q4",
        reference=_per_year,
        raw_names=("x", "y", "index", "count", "date_start", "value", "variable"),
        data_hint="the chart needs one bar per year, its height the number of queer_rights events that year "
                  "(count date_start.dt.year of the queer_rights rows only).",
    ),
    passage(
        "q5",
        source_id="klassiki",
        span=_russia_and_kazakhstan,
        verbatim_hint="copy the sentence exactly as the interview prints it: copy and paste it from the "
                      "search table rather than retyping, so that no word or letter changes.",
        hint="this is not yet the whole sentence in which the director sets Kazakhstan against Russia as its "
             "opposite: find that sentence with kwic and copy it whole, from its first word to its full stop.",
        whole=True,
    ),
    table(
        "q6",
        columns=CORRECTION_COLUMNS,
        reference=_feminita_corrections,
        rows_hint="keep the rows of corrections whose text contains \"Feminita\" in the column that gives "
                  "the course's correction (Human Rights Watch's account), not in the interview's claim; an "
                  "empty table means the search looked in another column or spelt the name differently.",
    ),
    Manual("q7", 4),
)
