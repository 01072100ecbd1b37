"""Errors and outdated claims in the texts (lesson 01): how many of each kind, in which text.

One horizontal bar per kind of problem, stacked by text; each segment shows its count as text and
has its own fill pattern, so the chart reads without telling the colours apart.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..tables import CORRECTION_KINDS
from . import PALETTE, Chart, ChartError, chart, text_colour

PATTERNS = ("", "/", ".", "x", "+", "-")


def kind_label(kind: str) -> str:
    """The kind as a reader writes it: `factual_error` becomes `factual error`."""
    return kind.replace("_", " ")


def corrections_chart(corrections: pd.DataFrame) -> Chart:
    """Problems found in the texts, counted by kind (one bar each) and by text (stacked segments).

    `corrections` is `load_table("corrections")` or any selection of its rows.
    """
    missing = {"source_id", "kind"} - set(corrections.columns)
    if missing:
        raise ChartError(f"The table lacks the column(s) {', '.join(sorted(missing))}; "
                         "pass rows of load_table('corrections').")
    if corrections.empty:
        raise ChartError("There are no corrections to chart: the selection is empty.")
    counts = pd.crosstab(corrections["kind"], corrections["source_id"])
    kinds = [k for k in CORRECTION_KINDS if k in counts.index] + sorted(set(counts.index) - set(CORRECTION_KINDS))
    counts = counts.reindex(kinds)
    sources = list(dict.fromkeys(corrections["source_id"]))
    figure = go.Figure()
    for i, source in enumerate(sources):
        n = counts[source]
        figure.add_trace(go.Bar(
            y=[kind_label(k) for k in kinds],
            x=n,
            name=source,
            orientation="h",
            marker={"color": PALETTE[i % len(PALETTE)],
                    "pattern": {"shape": PATTERNS[i % len(PATTERNS)], "solidity": 0.25, "fgcolor": "#ffffff"}},
            text=[str(v) if v else "" for v in n],
            textposition="inside",
            insidetextanchor="middle",
            textfont={"color": text_colour(PALETTE[i % len(PALETTE)], patterned=bool(PATTERNS[i % len(PATTERNS)]))},
            hovertemplate=f"{source}, %{{y}}: %{{x}}<extra></extra>",
        ))
    figure.update_layout(barmode="stack", legend={"title": {"text": "text"}, "traceorder": "normal"}, height=360,
                         uniformtext={"minsize": 11, "mode": "show"})
    figure.update_yaxes(autorange="reversed")
    per_kind = counts.sum(axis=1)
    most = per_kind.idxmax()
    description = (f"{len(corrections)} problems in the texts, one bar per kind and stacked by text; the most "
                   f"common kind is {kind_label(most)} ({per_kind[most]}), and by text: "
                   + ", ".join(f"{s} {int(counts[s].sum())}" for s in sources) + ".")
    return chart(figure, title="Problems in the texts, by kind and text", description=description,
                 x_title="number of problems", y_title="kind of problem")
