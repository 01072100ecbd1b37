"""Figures of film money (lesson 05): where the money for a film or a funding scheme came from.

The course's funding table records an amount only where a source states one, in the source's own
currency. The figures keep it that way. Each currency gets its own panel, so that no bar of tenge
ever stands on the same axis as a bar of euros; a share set by law gets a panel of per cent; and a
money source whose amount no source states is drawn in a panel of its own, labelled "amount not
stated", never as a bar of zero. Whether the money arrived (received, not obtained, planned, set by
law) is carried by the marker's shape and a word in the label, not by colour alone.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..errors import CourseError
from ..rules import missing
from ..tables import FUNDER_KINDS, FUNDING_STATUSES
from . import PALETTE, Chart, chart, hover_text, text_colour

KIND_LABELS = {
    "self": "own money (self-funded)",
    "state": "Kazakh state",
    "foreign_fund": "fund abroad",
    "festival_prize": "festival prize",
    "festival_programme": "festival programme",
    "private_foundation": "private foundation",
    "private_sponsor": "private funders",
}
# The same kinds after "money from", for sentences.
KIND_SOURCES = {
    "self": "filmmakers' own pockets",
    "state": "the Kazakh state",
    "foreign_fund": "funds abroad",
    "festival_prize": "festival prizes",
    "festival_programme": "festival programmes",
    "private_foundation": "private foundations",
    "private_sponsor": "private funders",
}
# One word per kind, for bar segments too narrow for the full label.
KIND_SHORT = {
    "self": "own", "state": "state", "foreign_fund": "abroad", "festival_prize": "prize",
    "festival_programme": "workshop", "private_foundation": "foundation", "private_sponsor": "private",
}
KIND_COLOURS = dict(zip(FUNDER_KINDS, PALETTE))
# status: (word, glyph for text, plotly marker symbol). Glyph and symbol have the same shape.
STATUS_STYLE = {
    "received": ("received", "●", "circle"),
    "not_obtained": ("not obtained", "✕", "x"),
    "planned": ("planned", "◇", "diamond-open"),
    "set_by_law": ("set by law", "■", "square"),
}
QUALIFIER_WORDS = {"exactly": "", "about": "about ", "at_least": "at least ", "up_to": "up to "}
NOT_STATED = "amount not stated"
LABEL_WIDTH = 44  # characters per line of a y-axis label
PAD = "\u2002"  # keeps a label clear of the status marker it follows
SHARE = "%"  # the panel key for shares set by law


class FundingError(CourseError, ValueError):
    """A film, scheme or kind of funder that the funding table does not have."""


def films(table: pd.DataFrame) -> list[str]:
    """The films and schemes of the funding table, in the order the table first lists them."""
    return list(dict.fromkeys(table["film_or_scheme"]))


def kinds(table: pd.DataFrame) -> list[str]:
    """The kinds of funder the table uses, in the course's fixed order."""
    present = set(table["funder_kind"])
    return [k for k in FUNDER_KINDS if k in present]


def select(table: pd.DataFrame, film: str | None = None, kind: str | None = None) -> pd.DataFrame:
    """The money sources of `film` (any film if None) from funders of `kind` (any kind if None).

    Raises FundingError, naming the choices, for a film or a kind the table does not have.
    """
    if film is not None and film not in films(table):
        raise FundingError(f"There is no film or scheme called {film!r}; choose one of: {'; '.join(films(table))}.")
    if kind is not None and kind not in FUNDER_KINDS:
        raise FundingError(f"There is no kind of funder called {kind!r}; choose one of: {', '.join(FUNDER_KINDS)}.")
    keep = pd.Series(True, index=table.index)
    if film is not None:
        keep &= table["film_or_scheme"] == film
    if kind is not None:
        keep &= table["funder_kind"] == kind
    return table[keep]


def amount_text(row: pd.Series) -> str:
    """The amount in words as the source gives it: '5,000 EUR', 'at least 5,000,000 USD', '70% of the money'."""
    if not missing(row.get("amount")):
        return f"{QUALIFIER_WORDS[row['amount_qualifier']]}{row['amount']:,.0f} {row['currency']}"
    if not missing(row.get("share_percent")):
        return f"{row['share_percent']:g}% of the money"
    return NOT_STATED


def panel_of(row: pd.Series) -> str:
    """Which panel a row is drawn in: its currency, SHARE for a share set by law, or NOT_STATED."""
    if not missing(row.get("amount")):
        return row["currency"]
    if not missing(row.get("share_percent")):
        return SHARE
    return NOT_STATED


def panels(rows: pd.DataFrame) -> list[str]:
    """The panels `rows` need, currencies first (alphabetically), then shares, then 'amount not stated'."""
    present = {panel_of(row) for _, row in rows.iterrows()}
    currencies = sorted(p for p in present if p not in (SHARE, NOT_STATED))
    return currencies + [p for p in (SHARE, NOT_STATED) if p in present]


def _panel_title(panel: str) -> str:
    if panel == SHARE:
        return "Share of the money, per cent (set by law)"
    if panel == NOT_STATED:
        return "Amount not stated by any source"
    return f"Amounts in {panel}, as the sources state them"


def _short(text: str, width: int = LABEL_WIDTH) -> str:
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def _labels(rows: pd.DataFrame, with_film: bool) -> list[str]:
    """One y-axis label per row, unique: the film (when several are shown), the funder, what for."""
    labels = []
    for _, row in rows.iterrows():
        parts = ([row["film_or_scheme"]] if with_film else []) + [row["funder"], row["what_for"]]
        label = "<br>".join(_short(p) for p in parts)
        while label in labels:  # two rows alike after shortening: keep both visible
            label += " "
        labels.append(label)
    return labels


def compact_amount(row: pd.Series) -> str:
    """The amount for a bar's label, short: 'up to 500 million KZT', '70%'."""
    if missing(row.get("amount")):
        return f"{row['share_percent']:g}%"
    value = row["amount"]
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if value >= size:
            return f"{QUALIFIER_WORDS[row['amount_qualifier']]}{value / size:g} {word} {row['currency']}"
    return f"{QUALIFIER_WORDS[row['amount_qualifier']]}{value:,.0f} {row['currency']}"


def _hover(row: pd.Series) -> str:
    word = STATUS_STYLE[row["status"]][0]
    return (f"<b>{hover_text(row['funder'])}</b><br>{KIND_LABELS[row['funder_kind']]} · {word} · {amount_text(row)}"
            f"<br>{hover_text(row['what_for'])}<br>Who says: {hover_text(row['who_says'])}")


def funding_chart(rows: pd.DataFrame, *, title: str) -> Chart:
    """The money sources in `rows`: one line each, in panels by currency, share, or 'amount not stated'.

    A bar shows a stated amount or share; its marker's shape and the label's first word say whether
    the money was received, not obtained, planned or set by law; its colour, and the label, the kind
    of funder. Rows without an amount are markers in the last panel, never bars of zero.
    """
    if rows.empty:
        raise FundingError("There are no money sources to draw; choose a film, a scheme or a kind of funder.")
    order = panels(rows)
    with_film = rows["film_or_scheme"].nunique() > 1
    labelled = rows.assign(_label=_labels(rows, with_film))
    parts = {p: labelled[[panel_of(r) == p for _, r in labelled.iterrows()]] for p in order}
    figure = make_subplots(rows=len(order), cols=1, subplot_titles=[_panel_title(p) for p in order],
                           row_heights=[len(parts[p]) + 1 for p in order], vertical_spacing=0.22 / max(len(order), 1))
    for at, panel in enumerate(order, start=1):
        part = parts[panel]
        labels = list(part["_label"])
        for kind in kinds(part):
            mine = part[part["funder_kind"] == kind]
            hovers = [_hover(r) for _, r in mine.iterrows()]
            symbols = [STATUS_STYLE[s][2] for s in mine["status"]]
            # every label names the kind, so no legend is needed (and none covers the bars)
            legend = {"name": KIND_LABELS[kind], "legendgroup": kind, "showlegend": False}
            colour = KIND_COLOURS[kind]
            if panel == NOT_STATED:
                words = [f"{PAD}{STATUS_STYLE[s][0]} · {KIND_LABELS[kind]} · {NOT_STATED}" for s in mine["status"]]
                figure.add_trace(go.Scatter(
                    x=[NOT_STATED] * len(mine), y=list(mine["_label"]), mode="markers+text", text=words,
                    textposition="middle right", marker={"symbol": symbols, "size": 14, "color": colour,
                                                         "line": {"width": 2, "color": colour}},
                    hovertext=hovers, hoverinfo="text", cliponaxis=False, **legend,
                ), row=at, col=1)
                continue
            values = list(mine["share_percent"] if panel == SHARE else mine["amount"])
            words = [f"{PAD}{STATUS_STYLE[r['status']][0]} · {KIND_LABELS[kind]}: {compact_amount(r)}"
                     for _, r in mine.iterrows()]
            figure.add_trace(go.Bar(
                x=values, y=list(mine["_label"]), orientation="h", marker={"color": colour}, text=words,
                textposition="outside", cliponaxis=False, hovertext=hovers, hoverinfo="text", **legend,
            ), row=at, col=1)
            figure.add_trace(go.Scatter(  # the status shape at the end of each bar
                x=values, y=list(mine["_label"]), mode="markers", showlegend=False, legendgroup=kind,
                hoverinfo="skip", marker={"symbol": symbols, "size": 12, "color": "#000000"},
            ), row=at, col=1)
        figure.update_yaxes(categoryorder="array", categoryarray=list(reversed(labels)), automargin=True, row=at, col=1)
        if panel == NOT_STATED:
            figure.update_xaxes(showticklabels=False, showgrid=False, range=[-0.1, 3], row=at, col=1)
        else:  # room on the right for the labels outside the bars
            top = float((part["share_percent"] if panel == SHARE else part["amount"]).max())
            figure.update_xaxes(range=[0, top * 2.4], row=at, col=1)
    figure.update_layout(height=170 + (75 if with_film else 55) * len(rows) + 60 * len(order), barmode="overlay")
    result = chart(figure, title=title, x_title="Amount or share, as stated (never added across currencies)",
                   y_title="Money source", description=_description(rows, order))
    figure.update_xaxes(title_text=None)  # one x title under the last panel is enough
    figure.update_xaxes(title_text="Amount or share, as stated", row=len(order), col=1)
    return result


def _description(rows: pd.DataFrame, order: list[str]) -> str:
    counts = rows["status"].value_counts()
    tally = ", ".join(f"{counts[s]} {STATUS_STYLE[s][0]}" for s in FUNDING_STATUSES if s in counts)
    stated = [p for p in order if p not in (SHARE, NOT_STATED)]
    unknown = sum(panel_of(r) == NOT_STATED for _, r in rows.iterrows())
    if not stated:
        amounts = "no stated amounts"
    elif len(stated) == 1:
        amounts = f"amounts in {stated[0]} only"
    else:
        amounts = f"amounts in {', '.join(stated)}, each currency in its own panel"
    plural = "s" if len(rows) != 1 else ""
    missing_amounts = f"{unknown} with no amount stated" if unknown else "every amount stated"
    return f"{len(rows)} money source{plural} ({tally}); {amounts}; {missing_amounts}."


def overview_chart(table: pd.DataFrame) -> Chart:
    """Every film and scheme: how many money sources of each kind of funder the table records."""
    order = films(table)
    figure = go.Figure()
    for kind in kinds(table):
        counts = [int(((table["film_or_scheme"] == f) & (table["funder_kind"] == kind)).sum()) for f in order]
        names = [", ".join(table[(table["film_or_scheme"] == f) & (table["funder_kind"] == kind)]["funder"]) for f in order]
        figure.add_trace(go.Bar(
            y=order, x=counts, orientation="h", name=KIND_LABELS[kind], marker={"color": KIND_COLOURS[kind]},
            text=[KIND_SHORT[kind] if c else "" for c in counts], textposition="inside", insidetextanchor="middle",
            textangle=0, textfont={"size": 11, "color": text_colour(KIND_COLOURS[kind])}, constraintext="none",
            hovertext=[hover_text(n) for n in names], hoverinfo="text+name",
        ))
    figure.update_yaxes(categoryorder="array", categoryarray=list(reversed(order)), automargin=True)
    figure.update_xaxes(dtick=1)
    figure.update_layout(barmode="stack", height=260 + 60 * len(order),
                         legend={"title": {"text": "Kind of funder"}, "orientation": "h", "y": -0.25, "yanchor": "top"})
    by_kind = table["funder_kind"].value_counts()
    tally = ", ".join(f"{by_kind[k]} {KIND_LABELS[k]}" for k in kinds(table))
    return chart(
        figure,
        title="Who paid, film by film: money sources by kind of funder",
        x_title="Number of money sources in the table",
        y_title="Film or funding scheme",
        description=f"{len(table)} money sources across {len(order)} films and schemes, by kind of funder ({tally}); "
                    "each bar segment is labelled with a word for its kind.",
    )
