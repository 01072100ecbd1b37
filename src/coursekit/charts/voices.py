"""Who speaks in each text (lesson 01): one stacked bar per text, split by voice.

Each segment carries its percentage as text and its own fill pattern, and the legend names the
voices, so the chart reads without telling the colours apart. The description under the chart is
written from the numbers, so it cannot drift from them.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..voices import VOICE_LABELS, VOICES
from . import PALETTE, Chart, ChartError, chart, text_colour

PATTERNS = {"director": "", "interviewer": "/", "narration_as_quote": "x", "author": "."}
COLOURS = {voice: PALETTE[i] for i, voice in enumerate(VOICES)}


def voices_chart(shares: pd.DataFrame, *, genres: dict[str, str] | None = None) -> Chart:
    """A stacked horizontal bar per text: the share of its words each voice has.

    `shares` is `coursekit.voices.voice_shares()`; `genres` (source id -> genre) adds the genre
    to each bar's label.
    """
    missing = {"source_id", "voice", "words", "share"} - set(shares.columns)
    if missing:
        raise ChartError(f"The shares table lacks the column(s) {', '.join(sorted(missing))}; pass voice_shares().")
    if shares.empty or shares["words"].sum() == 0:
        raise ChartError("There are no words to chart: the shares table is empty.")
    genres = genres or {}
    order = list(dict.fromkeys(shares["source_id"]))
    totals = shares.groupby("source_id")["words"].sum()
    labels = {s: f"{s} ({genres[s]}, {totals[s]} words)" if s in genres else f"{s} ({totals[s]} words)"
              for s in order}
    figure = go.Figure()
    for voice in [v for v in VOICES if shares.loc[shares["voice"] == v, "words"].sum() > 0]:
        rows = shares[shares["voice"] == voice].set_index("source_id").reindex(order)
        percent = rows["share"] * 100
        figure.add_trace(go.Bar(
            y=[labels[s] for s in order],
            x=percent,
            name=VOICE_LABELS[voice],
            orientation="h",
            marker={"color": COLOURS[voice], "pattern": {"shape": PATTERNS[voice], "solidity": 0.25,
                                                         "fgcolor": "#ffffff"}},
            text=[f"{p:.0f}%" if w else "" for p, w in zip(percent, rows["words"])],
            textposition="inside",
            insidetextanchor="middle",
            textfont={"color": text_colour(COLOURS[voice], patterned=bool(PATTERNS[voice]))},
            customdata=rows["words"],
            hovertemplate="%{y}<br>" + VOICE_LABELS[voice] + ": %{customdata} words, %{x:.1f}%<extra></extra>",
        ))
    figure.update_layout(barmode="stack", legend={"orientation": "h", "y": -0.25, "x": 0, "traceorder": "normal"},
                         uniformtext={"minsize": 11, "mode": "show"}, height=340)
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(range=[0, 100], ticksuffix="%")
    return chart(figure, title="Who speaks in each text", description=_describe(shares, order),
                 x_title="share of the text's words (%)", y_title="text")


def _describe(shares: pd.DataFrame, order: list[str]) -> str:
    director = shares[shares["voice"] == "director"].set_index("source_id")["share"]
    parts = [f"{s} {director.get(s, 0) * 100:.0f}%" for s in order]
    return ("One bar per text, split by who speaks; the share of words the text gives as the director's own is "
            + ", ".join(parts) + ".")
