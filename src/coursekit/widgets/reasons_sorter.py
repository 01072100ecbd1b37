"""The reasons sorter (lesson 06): sort each reason to leave or to stay, then compare readings.

The film ends before Aliya decides. The texts give many reasons she, the director and others have
to go or to stay, and most can be read more than one way. The sorter asks the student to read
each passage and decide which way it pulls, counts their sorting as they go, and, on request,
shows where it differs from the course's reading, as material for discussion, never as a mark.
"""

from __future__ import annotations

from html import escape as _escape
from typing import Any

import ipywidgets as w
import pandas as pd

from ..charts import Chart
from ..charts.reasons import (
    HOLDER_LABELS,
    SIDE_LABELS,
    ReasonsError,
    check_choices,
    side_counts,
    sorting_chart,
)
from ..corpus import one_line
from ..datasets import load_table, require_table
from ..tables import SIDES

SOURCE_NAMES = {"review": "the review", "calvert": "The Calvert Journal", "klassiki": "the Klassiki interview"}
TOOLTIPS = ["A reason to leave", "A reason to stay", "It pulls both ways, or you are not sure"]
NOTHING_SORTED = ("Nothing sorted yet. Read each passage, then choose <b>Go</b>, <b>Stay</b> or "
                  "<b>Both or unsure</b> under it (Tab to move, Space to choose); the count appears here as you sort.")


def escape(text: str) -> str:
    """Text made safe inside HTML elements; apostrophes stay readable."""
    return _escape(text, quote=False)


def compare_readings(table: pd.DataFrame, choices: dict[str, str]) -> pd.DataFrame:
    """The sorted reasons where the student's side differs from the course's reading, in table order.

    Columns: reason_id, reason, holder, source_id, passage, yours, course, explanation.
    """
    check_choices(table, choices)
    rows = table[table["reason_id"].isin(list(choices))].copy()
    rows["yours"] = rows["reason_id"].map(choices)
    rows = rows.rename(columns={"pull": "course"})
    columns = ["reason_id", "reason", "holder", "source_id", "passage", "yours", "course", "explanation"]
    return rows.loc[rows["yours"] != rows["course"], columns].reset_index(drop=True)


class ReasonsSorter:
    """Sort each reason as go, stay, or both or unsure; see the counts, and compare with the course's reading.

    `choices` maps the id of each sorted reason to its side ('go', 'stay' or 'both'); unsorted
    reasons are absent. `differences` holds the sorted reasons the course reads otherwise, and
    `chart` the figure of the counts (None while nothing is sorted). Pass `choices=` to start
    from an earlier sorting; ids or sides the table does not know are named in a sentence.
    """

    def __init__(self, table: pd.DataFrame | None = None, *, choices: dict[str, str] | None = None):
        self.table = require_table(load_table("reasons") if table is None else table, "reasons",
                                   user="The reasons sorter").reset_index(drop=True)
        self.choices: dict[str, str] = {}
        self.differences = pd.DataFrame()
        self.chart: Chart | None = None
        self.problem: str | None = None
        self._quiet = False
        start = dict(choices or {})
        try:
            check_choices(self.table, start)
        except ReasonsError as exc:  # an earlier sorting that no longer fits: start afresh, say why
            self.problem, start = str(exc), {}

        self.controls: dict[str, w.ToggleButtons] = {}
        cards = []
        for number, row in enumerate(self.table.to_dict("records"), start=1):
            control = w.ToggleButtons(
                options=[(SIDE_LABELS[s], s) for s in SIDES],
                value=start.get(row["reason_id"]),
                description="Sort as",
                tooltips=TOOLTIPS,
                style={"button_width": "9.5em", "description_width": "4.5em"},
            )
            control.add_class("coursekit-reasons-choice")
            control.observe(self._sorted, names="value")
            self.controls[row["reason_id"]] = control
            card = w.VBox([w.HTML(_card(row, number)), control], layout=w.Layout(flex="0 0 auto"))
            card.add_class("coursekit-reasons-card")
            cards.append(card)
        self.reasons = w.VBox(cards, layout=w.Layout(flex="1 1 34em", max_height="36em", overflow="auto",
                                                      padding="0 0.5em 0 0", margin="0 1em 0 0"))
        self.compare = w.ToggleButton(value=False, description="Compare with the course's reading",
                                      tooltip="Show where your sorting differs from the course's reading",
                                      layout=w.Layout(width="auto"))
        self.reset = w.Button(description="Clear my sorting", tooltip="Unsort every reason and start again")
        self.summary = w.HTML()
        self.figure = w.Output()
        self.comparison = w.HTML()
        for widget, name in [(self.reasons, "list"), (self.compare, "compare"), (self.reset, "reset"),
                             (self.summary, "summary"), (self.figure, "figure"), (self.comparison, "comparison")]:
            widget.add_class(f"coursekit-reasons-{name}")
        results = w.VBox([self.summary, self.figure, w.HBox([self.compare, self.reset]), self.comparison],
                         layout=w.Layout(flex="1 1 26em"))
        self.widget = w.HBox([self.reasons, results], layout=w.Layout(flex_flow="row wrap", align_items="flex-start"))
        self.widget.add_class("coursekit-reasons-sorter")

        self.compare.observe(lambda _change: self.update(), names="value")
        self.reset.on_click(lambda _button: self.clear())
        self.update()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def _sorted(self, _change) -> None:
        self.problem = None  # a choice made by hand replaces the advice about a bad starting sorting
        if not self._quiet:
            self.update()

    def sort(self, reason_id: str, side: str | None) -> None:
        """Sort one reason as a student would with its buttons (None unsorts it)."""
        if reason_id not in self.controls:
            raise ReasonsError(f"There is no reason called {reason_id!r}; the ids are in the reason_id column.")
        if side is not None and side not in SIDES:
            raise ReasonsError(f"A reason can be sorted as {', '.join(SIDES)}, not {side!r}.")
        self.controls[reason_id].value = side

    def clear(self) -> None:
        """Unsort every reason, then recompute once."""
        self._quiet = True
        try:
            for control in self.controls.values():
                control.value = None
        finally:
            self._quiet = False
        self.update()

    def update(self) -> None:
        """Read the controls into `choices`; redraw the counts, the figure and the comparison."""
        self.choices = {rid: c.value for rid, c in self.controls.items() if c.value is not None}
        self.differences = compare_readings(self.table, self.choices)
        advice = f"<p><em>{escape(self.problem)} Starting with nothing sorted.</em></p>" if self.problem else ""
        if not self.choices:
            self.chart = None
            self.summary.value = advice + f"<p>{NOTHING_SORTED}</p>"
            self.figure.outputs = ()
            self.comparison.value = ("<p>Sort a few reasons first; then this shows where your reading and the "
                                     "course's differ.</p>" if self.compare.value else "")
            return
        total, done = len(self.table), len(self.choices)
        counts = side_counts(self.choices.values())
        left = f" {total - done} still to sort." if done < total else " You have sorted them all."
        self.summary.value = (advice + f"<p>You have sorted <b>{done} of {total}</b> reasons: "
                              + ", ".join(f"<b>{n}</b> {SIDE_LABELS[s].lower()}" for s, n in counts.items())
                              + f".{left}</p>")
        self.chart = sorting_chart(self.table, self.choices, compare=self.compare.value)
        self.figure.outputs = self.chart.outputs()
        self.comparison.value = _comparison(self.differences, done) if self.compare.value else ""



def _card(row: dict[str, Any], number: int) -> str:
    """One reason: its number and name, the passage, where it comes from and whose reason it is."""
    source = SOURCE_NAMES.get(row["source_id"], row["source_id"])
    holder = HOLDER_LABELS.get(row["holder"], row["holder"])
    return (f"<div style='margin-top:0.6em'><b>{number}. {escape(row['reason'])}</b><br>"
            f"<q>{escape(one_line(row['passage']))}</q><br>"
            f"<small>From {escape(source)} · whose reason: {escape(holder)}</small></div>")


def _comparison(differences: pd.DataFrame, done: int) -> str:
    """The reasons read differently, each with the course's reason, framed as questions to discuss."""
    if differences.empty:
        return (f"<p>You read all {done} reasons you sorted as the course does. Agreement is a place to "
                "start, too: pick one and say what in the passage makes it pull that way.</p>")
    items = "".join(
        f"<li class='coursekit-reasons-difference'><q>{escape(one_line(r['passage']))}</q><br>"
        f"You: <b>{SIDE_LABELS[r['yours']]}</b> · the course: <b>{SIDE_LABELS[r['course']]}</b>. "
        f"<small>The course's reason: {escape(r['explanation'])}</small></li>"
        for r in differences.to_dict("records")
    )
    return (f"<p>You and the course read <b>{len(differences)} of the {done}</b> reasons you sorted differently. "
            "Neither reading is the answer: for each, what in the passage pulls it your way, and what "
            f"pulls it the course's way?</p><ul>{items}</ul>")

