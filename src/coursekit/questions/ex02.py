"""Exercise 02, after lesson 02 (Statues and street names): the cult of personality in the timeline.

Students filter `timeline.csv` by theme and years, join the statue events with `places.csv` to
find where each statue stood, count the politics events per year and chart them, then read a
dated name in the Klassiki interview against the timeline ("texts age"), and reflect in writing on
Aliya's line "only the statues come and go".

Every expected value is recomputed here from the course tables and texts, so the checks follow the
data; nothing below states an answer.
"""

from __future__ import annotations

import pandas as pd

from coursekit.checks import Manual
from coursekit.checks.kinds import counts, figure, passage, table, whole_number
from coursekit.datasets import load_table

BUILT_YEARS = (2010, 2018)  # question 1: the years in which the lesson's titles, holiday, statue and street came
STATUE_WORDS = "statue|monument"  # question 2: the lesson's own search
NAME_CORRECTION = "klassiki-nur-sultan"  # question 5: the interview's dated name for the capital
NAME_RESTORED = "restoring the capital's name"  # question 6: the timeline row that gives the name back


def _politics() -> pd.DataFrame:
    timeline = load_table("timeline")
    return timeline[timeline["theme"] == "politics"]


def _built() -> pd.DataFrame:
    politics = _politics()
    return politics[politics["date_start"].dt.year.between(*BUILT_YEARS)]


def _statue_places() -> pd.DataFrame:
    timeline = load_table("timeline")
    statues = timeline[timeline["event"].str.contains(STATUE_WORDS, case=False)]
    return statues.merge(load_table("places")[["place", "latitude", "longitude"]], on="place")


def _per_year() -> pd.Series:
    return _politics()["date_start"].dt.year.value_counts()


def _name_span() -> tuple[int, int]:
    corrections = load_table("corrections")
    row = corrections[corrections["correction_id"] == NAME_CORRECTION].iloc[0]
    return int(row["offset"]), int(row["offset"]) + len(row["claim"])


def _restored_year() -> int:
    timeline = load_table("timeline")
    (year,) = timeline.loc[timeline["event"].str.contains(NAME_RESTORED, case=False), "date_start"].dt.year
    return int(year)


QUESTIONS = (
    table(
        "q1", columns=("date", "event"), reference=_built, points=2,
        rows_hint="check both conditions: the theme must be exactly \"politics\", and the year of date_start "
                  "between 2010 and 2018, both included (.dt.year.between).",
    ),
    table(
        "q2", columns=("date", "place", "latitude", "longitude"), reference=_statue_places, points=3,
        rows_hint="check the two steps: first keep the events whose event text mentions a statue or a monument "
                  "(str.contains with case=False), then merge them with places on the column \"place\", so that each "
                  "event gets the coordinates of its own place.",
    ),
    counts(
        "q3", expects="a pandas Series of counts per year (what value_counts() returns)", reference=_per_year,
        labels_hint="the labels should be the years in which at least one politics event happened: count the "
                    "years of date_start (.dt.year) of the politics rows only, not of the whole timeline.",
        counts_hint="some counts are off: count every politics row of the timeline, from its first year to its "
                    "last, with value_counts().",
    ),
    figure(
        "q4", reference=_per_year, raw_names=("x", "y", "index", "count", "date_start", "value", "variable"),
        data_hint="the chart should show one bar per year, as high as the number of politics events that year: "
                  "build it from your answer to question 3.",
    ),
    passage(
        "q5", source_id="klassiki", span=_name_span,
        hint="that is not the passage: copy the words of the interview at the search hit, where the "
             "director names the city and says what kind of city it is.",
    ),
    whole_number(
        "q6", reference=_restored_year, expects="a year, as a whole number (an int such as 1998, without quotes)",
        hint="look for the timeline row in which the capital gets back its earlier name, not the row in which it "
             "was renamed after Nazarbayev, and give the year of its date.",
    ),
    Manual("q7", 4),
)
