"""Exercise 06, To leave or to stay: the reasons of lesson 06 and the lottery's dated changes.

Students filter `reasons.csv` with one and with two conditions, count with `value_counts`, merge the
reasons with the sources table to count them by genre, and draw the reasons per holder and pull as a
bar chart with a title and axis titles. Two questions read the sources critically: a sentence copied
exactly from The Calvert Journal (the director has not resolved to leave), and the timeline's lottery
rows since September 2025 that the course rates below `high` confidence, which are reports as of their
source's date. A free-text reflection, marked by the teacher, asks about the film's open ending.

Expected values are recomputed from the tables, so the checks follow the data.
"""

from __future__ import annotations

import pandas as pd

from ..checks import Manual
from ..checks.kinds import counts, figure, passage, table
from ..corpus import load_sources
from ..datasets import load_table

NOT_RESOLVED = "calvert-not-resolved"  # the reason whose passage is the director's sentence (q5)
LOTTERY_CHANGES_FROM = "2025-09-01"  # Step 3 of the lesson: the lottery's changes since September 2025


def _reasons() -> pd.DataFrame:
    return load_table("reasons")


def _not_aliya_per_pull() -> pd.Series:
    reasons = _reasons()
    return reasons.loc[reasons["holder"] != "aliya", "pull"].value_counts()


def _aliya_stay() -> pd.DataFrame:
    reasons = _reasons()
    return reasons[(reasons["holder"] == "aliya") & (reasons["pull"] == "stay")]


def _per_genre() -> pd.Series:
    merged = _reasons().merge(load_sources()[["source_id", "genre"]], on="source_id")
    return merged["genre"].value_counts()


def _per_holder() -> pd.Series:
    return _reasons()["holder"].value_counts()


def _per_pull_and_holder() -> pd.Series:
    """Reasons per (pull, holder): what each coloured part of a holder's bar shows."""
    return _reasons().groupby(["pull", "holder"]).size()


def _not_resolved_span() -> tuple[int, int]:
    reasons = _reasons()
    row = reasons[reasons["reason_id"] == NOT_RESOLVED].iloc[0]
    return int(row["offset"]), int(row["offset"]) + len(row["passage"])


def _uncertain_lottery_changes() -> pd.DataFrame:
    timeline = load_table("timeline")
    return timeline[
        (timeline["theme"] == "emigration")
        & (timeline["date_start"] >= LOTTERY_CHANGES_FROM)
        & (timeline["confidence"] != "high")
    ]


QUESTIONS = (
    counts(
        "q1",
        expects="a count per side of the course's reading, as a pandas Series (from value_counts()) or a dict",
        reference=_not_aliya_per_pull,
        labels_hint="count the values of the pull column (one count for each side of the course's reading).",
        counts_hint="keep only the reasons whose holder is not Aliya (!= \"aliya\") before you count them.",
    ),
    table(
        "q2",
        columns=("reason_id", "reason", "passage"),
        reference=_aliya_stay,
        rows_hint="keep the rows where holder is \"aliya\" and pull is \"stay\": both conditions at once, "
                  "joined with & and each in its own brackets.",
    ),
    counts(
        "q3",
        expects="a count per genre, as a pandas Series (from value_counts()) or a dict",
        reference=_per_genre,
        labels_hint="count the genre column that the merge brings in from `sources`, not source_id.",
        counts_hint="merge every reason with its text's row (on=\"source_id\"), then count each reason once.",
    ),
    figure(
        "q4",
        reference=_per_holder,
        data_hint="each holder needs one bar whose whole height is that holder's number of reasons: "
                  "count the rows of `reasons` per holder and pull, and put holder on the x axis.",
        raw_names=("holder", "pull", "reasons", "count", "size", "value", "variable", "index", "0", "x", "y", "n"),
        points=4,
        split=_per_pull_and_holder,
        split_hint="colour the bars by pull (color=\"pull\"), so that each holder's bar splits into "
                   "the course's sides with the right number of reasons in each.",
    ),
    passage(
        "q5",
        source_id="calvert",
        span=_not_resolved_span,
        hint="hand in the last of the director's three sentences at the end of the printed paragraph, the "
             "one that begins with \"But\" and says whether she has decided to leave: copy and paste it whole.",
    ),
    table(
        "q6",
        columns=("date", "event", "source_title"),
        reference=_uncertain_lottery_changes,
        rows_hint="keep the timeline rows that meet all three conditions: theme \"emigration\", "
                  "date_start on or after \"2025-09-01\", and confidence other than \"high\".",
    ),
    Manual("q7", 4),
)
