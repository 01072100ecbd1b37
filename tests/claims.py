"""Look-ups the lesson-claims tests share: a claims test names the row or passage a sentence rests on.

Each helper insists on exactly what the sentence needs (one row, not "some rows"), so a table that
gains a second matching row, or loses the one, makes the claims test fail and the prose gets read
again.
"""

from __future__ import annotations

import pandas as pd

from coursekit.corpus import kwic


def row(timeline: pd.DataFrame, date: str, *words: str) -> pd.Series:
    """The one timeline row of `date` whose event contains all `words`."""
    rows = timeline[timeline["date"] == date]
    rows = rows[[all(w in event for w in words) for event in rows["event"]]]
    assert len(rows) == 1, f"expected one row of {date} with {words}, found {len(rows)}"
    return rows.iloc[0]


def hits(sources: pd.DataFrame, phrase: str, window: int = 160) -> pd.DataFrame:
    """Every passage of the texts where `phrase` occurs, with `window` characters either side."""
    return kwic(sources, phrase, window=window)
