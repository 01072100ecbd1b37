"""The censorship chain (lesson 03): follow one film, stage by stage, from the law to its audience.

No single censor decides what Kazakh viewers see: a law, a funder, a rating board, cinemas and
the audience each narrow the way. The explorer lays one case out along that chain with the
cited facts, so a student can see where a film was stopped or narrowed, and who said so.
"""

from __future__ import annotations

from html import escape as _escape

import ipywidgets as w
import pandas as pd

from ..charts import Chart
from ..charts.chain import (
    KIND_LABELS,
    OUTCOME_STYLE,
    STAGE_LABELS,
    ChainError,
    cases,
    chain_chart,
    complete_chain,
)
from ..datasets import load_table, require_table
from ..rules import missing
from ..tables import STAGES
from .timeline_explorer import LINK_STYLE

ALL_STAGES = "all"
NARROWING = ("restricted", "blocked")


def escape(text: str) -> str:
    """Text made safe inside HTML elements; apostrophes stay readable (attributes use _escape)."""
    return _escape(text, quote=False)


class CensorshipChain:
    """Pick a case and a stage; see what happened at each stage, its outcome, its source and a figure.

    With no case chosen, or a case the table does not have, it shows a sentence of advice and no
    figure. `chain` holds the current case's five stages and `chart` its figure (None if none).
    """

    def __init__(self, table: pd.DataFrame | None = None, *, case: str | None = None, stage: str = ALL_STAGES):
        self.table = require_table(load_table("chain") if table is None else table, "chain",
                                   user="The censorship chain")
        self.cases = cases(self.table)
        self.chain = pd.DataFrame()
        self.chart: Chart | None = None
        self.unknown_case: str | None = None
        self.unknown_stage: str | None = None
        if case is None and self.cases:
            case = self.cases[0]
        if case is not None and case not in self.cases:
            self.unknown_case, case = case, None
        if stage != ALL_STAGES and stage not in STAGES:
            self.unknown_stage, stage = stage, ALL_STAGES

        self.case = w.Dropdown(
            options=[("Choose a case…", None)] + [(c, c) for c in self.cases],
            value=case,
            description="Case",
            layout=w.Layout(width="36em"),
        )
        self.stage = w.ToggleButtons(
            options=[("All stages", ALL_STAGES)] + [(STAGE_LABELS[s], s) for s in STAGES],
            value=stage,
            description="Stage",
            tooltips=["Show every stage"] + [f"Show the {s} stage only" for s in STAGES],
            style={"button_width": "7em"},
        )
        self.next_stage = w.Button(description="Next stage →", tooltip="Step to the next stage of the chain")
        self.summary = w.HTML()
        self.details = w.HTML()
        self.figure = w.Output()
        for widget, name in [
            (self.case, "case"), (self.stage, "stage"), (self.next_stage, "next"),
            (self.summary, "summary"), (self.details, "details"), (self.figure, "figure"),
        ]:
            widget.add_class(f"coursekit-chain-{name}")
        self.widget = w.VBox([self.case, w.HBox([self.stage, self.next_stage]), self.summary, self.figure, self.details])
        self.widget.add_class("coursekit-censorship-chain")

        self.case.observe(self._case_chosen, names="value")
        self.stage.observe(self._stage_chosen, names="value")
        self.next_stage.on_click(lambda _button: self.step())
        self.update()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def _case_chosen(self, _change) -> None:
        self.unknown_case = None  # a case chosen from the menu replaces a bad one given in code
        self.update()

    def _stage_chosen(self, _change) -> None:
        self.unknown_stage = None
        self.update()

    def step(self) -> None:
        """Move the stage selector one stage on: all → law → … → audience → all."""
        order = [ALL_STAGES, *STAGES]
        self.stage.value = order[(order.index(self.stage.value) + 1) % len(order)]

    def update(self) -> None:
        """Recompute the chain for the chosen case and redraw the summary, the figure and the details."""
        self.chain = pd.DataFrame()
        self.chart = None
        case = self.case.value
        if case is None:
            if self.unknown_case is not None:
                self._advise(f"There is no case called “{escape(self.unknown_case)}”. Choose one of the "
                             f"{len(self.cases)} cases in <b>Case</b>.")
            else:
                self._advise("Choose a case in <b>Case</b> to follow it from the law to its audience.")
            return
        try:
            self.chain = complete_chain(self.table, case)
        except ChainError as exc:  # a table without this case: say so, never a traceback
            self._advise(escape(str(exc)))
            return
        stage = None if self.stage.value == ALL_STAGES else self.stage.value
        self.chart = chain_chart(self.chain, stage=stage)
        advice = ""
        if self.unknown_stage is not None:
            advice = (f" There is no stage called “{escape(self.unknown_stage)}”, so every stage is shown; "
                      f"the stages are {_join([STAGE_LABELS[s].lower() for s in STAGES])}.")
        self.summary.value = f"<p>{summarise(self.chain)}{advice}</p>"
        shown = self.chain if stage is None else self.chain[self.chain["stage"] == stage]
        self.details.value = "".join(_card(row) for _, row in shown.iterrows())
        self.figure.outputs = self.chart.outputs()

    def _advise(self, message: str) -> None:
        self.summary.value = f"<p>{message}</p>"
        self.details.value = ""
        self.figure.outputs = ()



def summarise(chain: pd.DataFrame) -> str:
    """One or two sentences: where the case was stopped or narrowed, and what we do not know.

    Stated rules are told as what would happen, and accounts as one person's word.
    """
    case = escape(chain["case"].iloc[0])
    known = chain[chain["kind"] != "no_record"]
    would = (known["kind"] == "stated_rule").any()
    names = {s: STAGE_LABELS[s].lower() for s in STAGES}
    blocked = [names[s] for s in chain.loc[chain["outcome"] == "blocked", "stage"]]
    narrowed = [names[s] for s in chain.loc[chain["outcome"] == "restricted", "stage"]]
    if blocked:
        verb = "would be stopped" if would else "was stopped"
        first = list(chain["outcome"]).index("blocked")
        before = chain.iloc[:first]
        passed = [names[s] for s in before.loc[before["outcome"] == "passed", "stage"]]
        text = f"<b>{case}</b> {verb} at {_join(blocked)}"
        if narrowed:
            text += f", after being narrowed at {_join(narrowed)}"
        text += f", though it had passed {_join(passed)}." if passed else "."
    elif narrowed:
        verb = "would not be stopped, but it would be narrowed" if would else "was not stopped, but it was narrowed"
        text = f"<b>{case}</b> {verb} at {_join(narrowed)}."
    else:
        verb = "would stop or narrow" if would else "stopped or narrowed"
        text = f"Nothing in the sources {verb} <b>{case}</b> at the stages we know."
    limiting = known[known["outcome"].isin(NARROWING)]
    if would:
        text += " These are the law's stated rules and officials' statements, not events."
    elif len(limiting) and (limiting["kind"] == "account").all():
        text += " The narrowing rests on the account of people involved, not on independent reports."
    open_ = [names[s] for s in known.loc[known["outcome"] == "unknown", "stage"]]
    if open_:
        text += f" The sources leave {_join(open_)} open."
    unsourced = [names[s] for s in chain.loc[chain["kind"] == "no_record", "stage"]]
    if unsourced:
        text += f" No source found for {_join(unsourced)}."
    return text


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _card(row: pd.Series) -> str:
    """One stage as a short block: stage, outcome (glyph and word), kind, what happened, source."""
    word, glyph, _, colour = OUTCOME_STYLE[row["outcome"]]
    kind = row["kind"]
    kind_label = escape(KIND_LABELS[kind])
    if kind == "stated_rule":
        kind_label = f"<strong>{kind_label}</strong>"
    cited = []
    if _present(row.get("source_id")):
        cited.append(f"source text <code>{escape(row['source_id'])}</code>")
    if _present(row.get("source_url")):
        title = escape(row["source_title"]) if _present(row.get("source_title")) else escape(row["source_url"])
        cited.append(f"<a href='{_escape(row['source_url'])}' target='_blank' rel='noopener' style='{LINK_STYLE}'>"
                     f"{title}</a>")
    heading = (f"<b>{STAGE_LABELS[row['stage']]}</b> · <span style='color:{colour}' aria-hidden='true'>{glyph}</span> "
               f"<b>{escape(word)}</b> · <em>{kind_label}</em>")
    lines = [heading, escape(row["what"])]
    if _present(row.get("who_says")):
        lines.append(f"<small>Who says: {escape(row['who_says'])}"
                     + (f" · {escape(str(row['date']))}" if _present(row.get("date")) else "")
                     + (f" · confidence: {escape(row['confidence'])}" if _present(row.get("confidence")) else "")
                     + "</small>")
    if cited:
        lines.append("<small>Source: " + "; ".join(cited) + "</small>")
    if _present(row.get("note")):
        lines.append(f"<small>Note: {escape(row['note'])}</small>")
    return (f"<div class='coursekit-chain-card coursekit-chain-{row['outcome']}' "
            f"style='border-left:4px solid {colour};padding:0.2em 0.8em;margin:0.5em 0'>"
            + "<br>".join(lines) + "</div>")


def _present(value) -> bool:
    return not missing(value) and str(value).strip() != ""
