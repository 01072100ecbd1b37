"""Figures of the censorship chain (lesson 03): one film's way from law to audience, or all cases.

A case's chain has one point per stage (law, funding, rating, screening, audience). Each point
carries its outcome three ways, so that no reader depends on colour: its height (passed at the top,
blocked below), its marker shape, and a text label. A hollow marker marks what is not a reported
event, and its label says which: "would" for a rule or an official's statement of what would
happen, "account" for one person's own account, "no source" for a stage no source speaks to.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..errors import CourseError
from ..tables import OUTCOMES, STAGES
from . import PALETTE, Chart, chart, hover_text

STAGE_LABELS = {"law": "Law", "funding": "Funding", "rating": "Rating", "screening": "Screening", "audience": "Audience"}
# outcome: (word, glyph for text, plotly marker symbol, colour). Glyph and symbol have the same shape.
OUTCOME_STYLE = {
    "passed": ("passed", "●", "circle", PALETTE[2]),
    "restricted": ("restricted", "◆", "diamond", PALETTE[1]),
    "blocked": ("blocked", "✕", "x", PALETTE[5]),
    "not_applicable": ("not applicable", "■", "square", PALETTE[4]),
    "unknown": ("unknown", "✚", "cross", PALETTE[7]),
}
# How each kind of row is labelled. `no_record` is what `complete_chain` fills in for a stage that
# the table has no row for.
KIND_LABELS = {
    "event": "reported event",
    "account": "one person's account",
    "stated_rule": "stated rule: what would happen, not an event",
    "no_record": "no source found",
}
KIND_TAGS = {"event": "", "account": " (account)", "stated_rule": " (would)", "no_record": ""}
NO_RECORD = "No source found for this stage."
LINKED = ("passed", "restricted", "blocked")  # outcomes the chain line joins
X_RANGE = (-0.7, len(STAGES) - 0.3)  # room either side for the labels of the first and last stage


class ChainError(CourseError, ValueError):
    """A case that the chain table does not have."""


def cases(table: pd.DataFrame) -> list[str]:
    """The cases of the chain table, in the order the table first lists them."""
    return list(dict.fromkeys(table["case"]))


def complete_chain(table: pd.DataFrame, case: str) -> pd.DataFrame:
    """The five stages of `case` in order; a stage the table has no row for is `unknown`, `no_record`.

    Raises ChainError naming the known cases if `case` is not one of them.
    """
    known = cases(table)
    if case not in known:
        raise ChainError(f"There is no case called {case!r}; choose one of: {'; '.join(known)}.")
    rows = table[table["case"] == case].set_index("stage")
    chain = rows.reindex(list(STAGES)).rename_axis("stage").reset_index()
    empty = chain["outcome"].isna()
    chain["case"] = case
    chain.loc[empty, ["outcome", "kind", "what"]] = ["unknown", "no_record", NO_RECORD]
    return chain


def _label(outcome: str, kind: str) -> str:
    return "no source" if kind == "no_record" else OUTCOME_STYLE[outcome][0] + KIND_TAGS[kind]


def _symbol(outcome: str, kind: str) -> str:
    symbol = OUTCOME_STYLE[outcome][2]
    return symbol if kind == "event" else symbol + "-open"


def _hover(row) -> str:
    who = "" if pd.isna(row.get("who_says")) else f"<br>Who says: {row['who_says']}"
    return f"<b>{STAGE_LABELS[row['stage']]}</b>: {_label(row['outcome'], row['kind'])}<br>{hover_text(row['what'])}{who}"


def _outcome_trace(part: pd.DataFrame, outcome: str, *, y: list, size: int, textposition: str,
                   textsize: int | None = None) -> go.Scatter:
    """The stages of `part` that share `outcome`: one marker each, shaped and labelled by outcome and kind."""
    word, _, _, colour = OUTCOME_STYLE[outcome]
    return go.Scatter(
        x=[STAGE_LABELS[s] for s in part["stage"]], y=y, name=word, mode="markers+text",
        text=[_label(o, k) for o, k in zip(part["outcome"], part["kind"])], textposition=textposition,
        textfont={"size": textsize} if textsize else None,
        marker={"symbol": [_symbol(o, k) for o, k in zip(part["outcome"], part["kind"])], "size": size,
                "color": colour, "line": {"width": 2, "color": colour}},
        hovertext=[_hover(row) for _, row in part.iterrows()], hoverinfo="text",
    )


def chain_chart(chain: pd.DataFrame, *, stage: str | None = None) -> Chart:
    """One case's chain: stages left to right, the outcome as height, marker shape and label.

    `chain` is what `complete_chain` returns; `stage`, if given, is shaded as the one selected.
    """
    case = chain["case"].iloc[0]
    levels = list(OUTCOMES)
    labels = [STAGE_LABELS[s] for s in chain["stage"]]
    figure = go.Figure()
    # The dotted chain joins the stages whose outcome is known; it breaks where none applies or none
    # is known, so that a gap never looks like a fall below "blocked".
    joined = [OUTCOME_STYLE[o][0] if o in LINKED else None for o in chain["outcome"]]
    figure.add_trace(go.Scatter(
        x=labels, y=joined, mode="lines", connectgaps=False,
        line={"color": "#999999", "width": 2, "dash": "dot"}, hoverinfo="skip", showlegend=False, name="chain",
    ))
    for outcome in levels:
        part = chain[chain["outcome"] == outcome]
        if part.empty:
            continue
        figure.add_trace(_outcome_trace(part, outcome, y=[OUTCOME_STYLE[outcome][0]] * len(part), size=18,
                                        textposition="top center"))
    if stage is not None:
        at = list(STAGES).index(stage)
        figure.add_vrect(x0=at - 0.4, x1=at + 0.4, fillcolor=PALETTE[4], opacity=0.15, line_width=0)
    figure.update_xaxes(categoryorder="array", categoryarray=labels, range=X_RANGE)
    figure.update_yaxes(categoryorder="array", categoryarray=[OUTCOME_STYLE[o][0] for o in reversed(levels)],
                        range=[-0.5, len(levels) - 0.3])
    figure.update_layout(height=380, legend={"title": {"text": "Outcome"}})
    return chart(
        figure,
        title=f"The chain for {case}",
        x_title="Stage on the way to viewers",
        y_title="Outcome at that stage",
        description=_chain_description(chain),
    )


def _chain_description(chain: pd.DataFrame) -> str:
    steps = "; ".join(f"{STAGE_LABELS[s]}: {_label(o, k)}" for s, o, k in zip(chain["stage"], chain["outcome"], chain["kind"]))
    return f"The five stages for {chain['case'].iloc[0]}, with the outcome at each: {steps}."


def overview_chart(table: pd.DataFrame) -> Chart:
    """Every case at once: one row per case, one column per stage, a marker and a word per outcome."""
    chains = pd.concat([complete_chain(table, case) for case in cases(table)], ignore_index=True)
    figure = go.Figure()
    for outcome in OUTCOMES:
        part = chains[chains["outcome"] == outcome]
        if part.empty:
            continue
        figure.add_trace(_outcome_trace(part, outcome, y=list(part["case"]), size=16,
                                        textposition="bottom center", textsize=11))
    order = cases(table)
    figure.update_xaxes(categoryorder="array", categoryarray=[STAGE_LABELS[s] for s in STAGES], range=X_RANGE)
    figure.update_yaxes(categoryorder="array", categoryarray=list(reversed(order)), automargin=True)
    figure.update_layout(height=160 + 70 * len(order), legend={"title": {"text": "Outcome"}})
    counts = chains["outcome"].value_counts()
    tally = ", ".join(f"{counts[o]} {OUTCOME_STYLE[o][0]}" for o in OUTCOMES if o in counts)
    return chart(
        figure,
        title="Where each film passed, was narrowed or was stopped",
        x_title="Stage on the way to viewers",
        y_title="Case",
        description=f"{len(order)} cases by five stages, each marked with its outcome ({tally}); "
                    "hollow markers are stated rules, one person's account or stages with no source, not reported events.",
    )
