"""Themes across texts (lesson 07 and its theme explorer): how often each theme's keywords occur.

Counts are given per 1,000 words of each text, because a longer text has more room for every
word. Each bar carries its number as text, and each text its own fill pattern and a legend
entry, so the charts read without telling the colours apart. Descriptions are written from the
numbers, so they cannot drift from them.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..themes import SHARE_COLUMNS, theme_label
from . import MAX_DESCRIPTION_CHARS, PALETTE, Chart, ChartError, chart

PATTERNS = ("", "/", ".", "x", "\\", "+", "-", "|")
MEASURES = {
    "per_1000_words": ("matches per 1,000 words", "{:.1f}"),
    "share_of_sentences": ("share of sentences (%)", "{:.0f}%"),
}


def themes_chart(shares: pd.DataFrame, *, measure: str = "per_1000_words", max_sources: int = len(PALETTE)) -> Chart:
    """One group of bars per theme, one bar per text: the themes of a few texts side by side.

    `shares` is `coursekit.themes.theme_shares()`. With more than `max_sources` texts, the
    longest `max_sources` are shown and the title says so (the theme explorer shows any number).
    """
    _check(shares, measure)
    label, form = MEASURES[measure]
    ids = list(dict.fromkeys(shares["source_id"]))
    words = shares.drop_duplicates("source_id").set_index("source_id")["n_words"]
    shown = ids if len(ids) <= max_sources else sorted(ids, key=lambda s: -words[s])[:max_sources]
    themes = list(dict.fromkeys(shares["theme"]))
    figure = go.Figure()
    for i, source_id in enumerate(shown):
        rows = shares[shares["source_id"] == source_id].set_index("theme").reindex(themes)
        values = rows[measure] * (100 if measure == "share_of_sentences" else 1)
        figure.add_trace(go.Bar(
            y=[theme_label(t) for t in themes],
            x=values,
            name=f"{source_id} ({int(words[source_id]):,} words)",
            orientation="h",
            marker={"color": PALETTE[i % len(PALETTE)],
                    "pattern": {"shape": PATTERNS[i % len(PATTERNS)], "solidity": 0.3, "fgcolor": "#ffffff"}},
            text=[form.format(v) for v in values],
            textposition="outside",
            cliponaxis=False,
            customdata=list(zip(rows["matches"], rows["sentences"])),
            hovertemplate=(f"<b>{source_id}</b> · %{{y}}<br>%{{customdata[0]}} matches in %{{customdata[1]}} sentences"
                           f"<br>{label}: %{{x:.1f}}<extra></extra>"),
        ))
    figure.update_layout(barmode="group", height=max(360, 110 + 26 * len(themes) * len(shown)),
                         legend={"orientation": "h", "y": -0.12, "x": 0, "title": {"text": "text"}, "traceorder": "normal"})
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(range=[0, _room_for_labels(shares[measure].max() * (100 if measure == "share_of_sentences" else 1))])
    more = f", the {len(shown)} longest of {len(ids):,} texts" if len(shown) < len(ids) else ""
    return chart(figure, title=f"Themes in each text: {label}{more}", description=_describe(shares, shown, measure),
                 x_title=label, y_title="theme")


def theme_sources_chart(shares: pd.DataFrame, theme: str, *, top: int = 20) -> Chart:
    """One theme across the texts: a bar per text, the `top` texts with the most matches per 1,000 words.

    `shares` is `theme_shares()` (any themes; the rows of `theme` are used). The title says how
    many texts are shown of how many, so a chart of 20 bars out of 3,000 texts says it.
    """
    _check(shares, "per_1000_words")
    rows = shares[shares["theme"] == theme]
    if rows.empty:
        raise ChartError(f"The shares table has no rows for the theme {theme!r}.")
    total = len(rows)
    ranked = rows.sort_values("per_1000_words", ascending=False, kind="stable").head(top)
    labels = [f"{s} ({w:,} words)" for s, w in zip(ranked["source_id"], ranked["n_words"])]
    figure = go.Figure(go.Bar(
        y=labels,
        x=ranked["per_1000_words"],
        orientation="h",
        marker={"color": PALETTE[0]},
        text=[f"{v:.1f} ({m} match{'es' if m != 1 else ''})" for v, m in zip(ranked["per_1000_words"], ranked["matches"])],
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}<br>%{x:.1f} matches per 1,000 words<extra></extra>",
    ))
    figure.update_layout(height=max(260, 90 + 28 * len(ranked)), showlegend=False)
    figure.update_yaxes(autorange="reversed", type="category")
    figure.update_xaxes(range=[0, _room_for_labels(ranked["per_1000_words"].max())])
    shown = (f"showing {len(ranked)} of {total:,} texts, those with the most" if len(ranked) < total
             else f"all {total:,} texts")
    best = ranked.iloc[0]
    description = (f"Matches of the {theme_label(theme)} keywords per 1,000 words, one bar per text, longest first "
                   f"({shown}); the highest is {best['source_id']} with {best['per_1000_words']:.1f}.")
    return chart(figure, title=f"{theme_label(theme).capitalize()}: matches per 1,000 words, {shown}",
                 description=description, x_title="matches per 1,000 words", y_title="text")


def _room_for_labels(longest: float) -> float:
    """The end of the value axis: room after the longest bar for the number written beside it."""
    return max(longest, 1e-9) * 1.4


def _check(shares: pd.DataFrame, measure: str) -> None:
    if measure not in MEASURES:
        raise ChartError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}.")
    missing = [c for c in SHARE_COLUMNS if c not in shares.columns]
    if missing:
        raise ChartError(f"The shares table lacks the column(s) {', '.join(missing)}; pass theme_shares().")
    if shares.empty:
        raise ChartError("There is nothing to chart: the shares table has no rows.")


def _describe(shares: pd.DataFrame, shown: list[str], measure: str) -> str:
    label, form = MEASURES[measure]
    scale = 100 if measure == "share_of_sentences" else 1
    tops = []
    for source_id in shown:
        rows = shares[shares["source_id"] == source_id]
        best = rows.loc[rows[measure].idxmax()]
        top = (f"{theme_label(best['theme'])} ({form.format(best[measure] * scale)})" if best["matches"]
               else "no theme")
        tops.append(f"{source_id} {top}")
    start = f"For each theme, one bar per text giving its {label}; the top theme of each text is "
    listed = ", ".join(tops)
    while len(start) + len(listed) + 1 > MAX_DESCRIPTION_CHARS and len(tops) > 1:
        tops.pop()
        listed = ", ".join(tops) + f" and {len(shown) - len(tops)} more"
    return start + listed + "."
