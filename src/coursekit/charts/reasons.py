"""Figures of the reasons to leave or to stay (lesson 06): how the reasons split, and how a student sorted them.

Each side (go, stay, both or unsure) is told three ways, so that no reader depends on colour: its
label on the axis or in the bar, its colour, and its fill pattern. Counts are printed on the bars.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go

from ..errors import CourseError
from ..tables import HOLDERS, SIDES
from . import PALETTE, Chart, chart, text_colour

SIDE_LABELS = {"go": "Go", "stay": "Stay", "both": "Both or unsure"}
HOLDER_LABELS = {"aliya": "Aliya (in the film)", "director": "The director", "people": "People in general"}
# side: (colour, plotly fill pattern); "" is a solid fill.
SIDE_STYLE = {"go": (PALETTE[0], ""), "stay": (PALETTE[1], "x"), "both": (PALETTE[2], ".")}
YOURS, COURSE = "Your sorting", "The course's reading"


class ReasonsError(CourseError, ValueError):
    """Choices that name a reason or a side the reasons table does not have."""


def side_counts(sides: Iterable[str]) -> pd.Series:
    """How many of `sides` are go, stay and both, in that order, zeros included."""
    return pd.Series(list(sides), dtype="str").value_counts().reindex(list(SIDES), fill_value=0)


def check_choices(table: pd.DataFrame, choices: Mapping[str, str]) -> None:
    """Raise ReasonsError, in a sentence, if `choices` names an unknown reason or side."""
    unknown = sorted(set(choices) - set(table["reason_id"]))
    if unknown:
        raise ReasonsError(f"There is no reason called {', '.join(map(repr, unknown))}; the ids are in the "
                           "reason_id column of the reasons table.")
    bad = sorted({str(side) for side in choices.values() if side not in SIDES})
    if bad:
        raise ReasonsError(f"A reason can be sorted as {', '.join(SIDES)}, not {', '.join(map(repr, bad))}.")


def _phrase(counts: pd.Series) -> str:
    return ", ".join(f"{n} {SIDE_LABELS[side].lower()}" for side, n in counts.items())


def reading_chart(table: pd.DataFrame) -> Chart:
    """The course's reading: for each holder, how many of their reasons pull to go, to stay, or both."""
    holders = [h for h in HOLDERS if h in set(table["holder"])]
    counts = pd.crosstab(table["holder"], table["pull"]).reindex(index=holders, columns=list(SIDES), fill_value=0)
    labels = [HOLDER_LABELS[h] for h in holders]
    figure = go.Figure()
    for side in SIDES:
        colour, pattern = SIDE_STYLE[side]
        values = counts[side].tolist()
        figure.add_bar(
            y=labels, x=values, orientation="h", name=SIDE_LABELS[side],
            marker={"color": colour, "pattern": {"shape": pattern, "fgcolor": "#ffffff"}},
            text=[f"{SIDE_LABELS[side]}: {n}" if n else "" for n in values], textposition="inside",
            textfont={"color": text_colour(colour, patterned=bool(pattern))},
            insidetextanchor="middle",
            hovertemplate=f"%{{y}}: %{{x}} reasons pull to {SIDE_LABELS[side].lower()}<extra></extra>",
        )
    figure.update_layout(barmode="stack", legend={"title": {"text": "Pulls to"}, "traceorder": "normal"},
                         height=160 + 60 * len(holders))
    figure.update_yaxes(autorange="reversed")
    described = "; ".join(f"{HOLDER_LABELS[h]}, {counts.loc[h].sum()} reasons: {_phrase(counts.loc[h])}" for h in holders)
    return chart(
        figure,
        title="Which way the reasons pull, in the course's reading",
        description=f"Stacked bars, one per holder of the reasons. {described}.",
        x_title="Number of reasons",
        y_title="Whose reason",
    )


def sorting_chart(table: pd.DataFrame, choices: Mapping[str, str], *, compare: bool = False) -> Chart:
    """How a student sorted the reasons they sorted; with `compare`, the course's reading of the same reasons beside it."""
    check_choices(table, choices)
    if not choices:
        raise ReasonsError("Nothing is sorted yet, so there is nothing to count.")
    yours = side_counts(choices.values())
    sorted_rows = table[table["reason_id"].isin(list(choices))]
    course = side_counts(sorted_rows["pull"])
    labels = [SIDE_LABELS[s] for s in SIDES]
    figure = go.Figure()
    series = [(YOURS, yours, "")] + ([(COURSE, course, "/")] if compare else [])
    for index, (name, counts, pattern) in enumerate(series):
        figure.add_bar(
            y=labels, x=counts.tolist(), orientation="h", name=name,
            marker={"color": PALETTE[0] if index == 0 else PALETTE[5], "pattern": {"shape": pattern, "fgcolor": "#ffffff"}},
            text=[str(n) for n in counts], textposition="outside", cliponaxis=False,
            hovertemplate=f"{name}: %{{x}} reasons as %{{y}}<extra></extra>",
        )
    figure.update_layout(barmode="group", showlegend=compare, height=320 if compare else 260,
                         legend={"traceorder": "normal", "orientation": "h", "y": -0.3})
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(rangemode="tozero", range=[0, max(int(yours.max()), int(course.max()), 1) * 1.2],
                        dtick=max(1, round(max(int(yours.max()), int(course.max())) / 5)))
    n = len(choices)
    description = f"Horizontal bars count the {n} reasons you sorted: {_phrase(yours)}."
    if compare:
        description = (f"Paired bars for the {n} reasons you sorted: yours, {_phrase(yours)}; "
                       f"the course's reading, hatched, {_phrase(course)}.")
    return chart(
        figure,
        title=f"How you sorted {n} of {len(table)} reasons",
        description=description,
        x_title="Number of reasons",
        y_title="Side",
    )
