"""The funding explorer (lesson 05): follow the money to a film or a funding scheme.

Whether a film can be independent depends on who pays for it. The explorer lets a student pick a
film or scheme, or a kind of funder, and see every money source the course has found for it: who
paid or refused, what for, how much where a source says, and whose word it is, with the sources
listed beneath. Amounts stay in their own currency and an unknown amount is never drawn as zero.
"""

from __future__ import annotations

from html import escape as _escape

import ipywidgets as w
import pandas as pd

from ..charts import Chart
from ..charts.funding import (
    KIND_LABELS,
    KIND_SOURCES,
    NOT_STATED,
    STATUS_STYLE,
    FundingError,
    amount_text,
    films,
    funding_chart,
    kinds,
    panel_of,
    select,
)
from ..datasets import load_table, require_table
from ..rules import missing
from ..tables import FUNDING_STATUSES
from .timeline_explorer import LINK_STYLE

ANY = "any"
NO_FILM = ""  # the menu's "Choose a film or scheme…" entry (None would show an empty menu)
MAX_LISTED = 4  # stated amounts named in the summary; the chart shows them all


def escape(text: str) -> str:
    """Text made safe inside HTML elements; apostrophes stay readable (attributes use _escape)."""
    return _escape(text, quote=False)


class FundingExplorer:
    """Pick a film or scheme and a kind of funder; see the money sources, a chart, and the sources.

    With neither chosen, with a film or kind the table does not have, or with a pair that has no
    money sources, it shows a sentence of advice and no chart. `rows` holds the money sources
    shown and `chart` their figure (None when there is none).
    """

    def __init__(self, table: pd.DataFrame | None = None, *, film: str | None = None, kind: str = ANY):
        self.table = require_table(load_table("funding") if table is None else table, "funding",
                                   user="The funding explorer")
        self.films = films(self.table)
        self.kinds = kinds(self.table)
        self.rows = self.table.iloc[0:0]
        self.chart: Chart | None = None
        self.unknown_film: str | None = None
        self.unknown_kind: str | None = None
        if film is not None and film not in self.films:
            self.unknown_film, film = film, None
        if kind != ANY and kind not in self.kinds:
            self.unknown_kind, kind = kind, ANY

        self.film = w.Dropdown(
            options=[("Choose a film or scheme…", NO_FILM)] + [(f, f) for f in self.films],
            value=NO_FILM if film is None else film, description="Film or scheme", style={"description_width": "initial"},
            layout=w.Layout(width="38em"),
        )
        self.kind = w.Dropdown(
            options=[("Any kind of funder", ANY)] + [(KIND_LABELS[k], k) for k in self.kinds],
            value=kind, description="Funder", layout=w.Layout(width="24em"),
        )
        self.summary = w.HTML()
        self.figure = w.Output()
        self.sources = w.HTML()
        for widget, name in [(self.film, "film"), (self.kind, "kind"), (self.summary, "summary"),
                             (self.figure, "figure"), (self.sources, "sources")]:
            widget.add_class(f"coursekit-funding-{name}")
        self.widget = w.VBox([w.HBox([self.film, self.kind]), self.summary, self.figure, self.sources])
        self.widget.add_class("coursekit-funding-explorer")

        self.film.observe(self._film_chosen, names="value")
        self.kind.observe(self._kind_chosen, names="value")
        self.update()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def _film_chosen(self, _change) -> None:
        self.unknown_film = None  # a film chosen from the menu replaces a bad one given in code
        self.update()

    def _kind_chosen(self, _change) -> None:
        self.unknown_kind = None
        self.update()

    def update(self) -> None:
        """Recompute the money sources for the chosen film and kind; redraw summary, chart and sources."""
        self.rows = self.table.iloc[0:0]
        self.chart = None
        film = None if self.film.value == NO_FILM else self.film.value
        kind = None if self.kind.value == ANY else self.kind.value
        if self.unknown_film is not None:
            self._advise(f"There is no film or scheme called “{escape(self.unknown_film)}”. Choose one of the "
                         f"{len(self.films)} in <b>Film or scheme</b>.")
            return
        if self.unknown_kind is not None:
            self._advise(f"There is no kind of funder called “{escape(self.unknown_kind)}”. Choose one in "
                         f"<b>Funder</b>, or <i>Any kind of funder</i>.")
            return
        if film is None and kind is None:
            self._advise("Choose a film or scheme in <b>Film or scheme</b>, or a kind of funder in <b>Funder</b>, "
                         "to follow the money.")
            return
        try:
            rows = select(self.table, film, kind)
        except FundingError as exc:  # a table without this film or kind: say so, never a traceback
            self._advise(escape(str(exc)))
            return
        if rows.empty:
            self._advise(f"The table has no money from {escape(KIND_SOURCES[kind])} for <b>{escape(film)}</b>. "
                         "Choose <i>Any kind of funder</i> to see where its money did come from.")
            return
        self.rows = rows
        title = film if film is not None else f"money from {KIND_SOURCES[kind]}"
        if film is not None and kind is not None:
            title = f"{film}, money from {KIND_SOURCES[kind]}"
        self.chart = funding_chart(rows, title=f"Where the money came from: {title}")
        self.summary.value = f"<p>{summarise(rows, film=film, kind=kind)}</p>"
        self.figure.outputs = self.chart.outputs()
        self.sources.value = sources_html(rows)

    def _advise(self, message: str) -> None:
        self.summary.value = f"<p>{message}</p>"
        self.figure.outputs = ()
        self.sources.value = ""



def summarise(rows: pd.DataFrame, *, film: str | None, kind: str | None) -> str:
    """Two to four sentences: how many money sources, what became of them, which amounts are known."""
    where = [f"for <b>{escape(film)}</b>"] if film is not None else []
    if kind is not None:
        where.append(f"from {escape(KIND_SOURCES[kind])}")
    n = len(rows)
    counts = rows["status"].value_counts()
    tally = _join([f"{counts[s]} {STATUS_STYLE[s][0]}" for s in FUNDING_STATUSES if s in counts])
    text = f"The table has {n} money source{'s' if n != 1 else ''} {' '.join(where)}: {tally}."
    if film is None:
        text += f" {'They' if n != 1 else 'It'} went to {_join([escape(f) for f in dict.fromkeys(rows['film_or_scheme'])])}."
    stated = [f"{escape(amount_text(r))} ({escape(r['funder'])})" for _, r in rows.iterrows()
              if panel_of(r) != NOT_STATED]
    if len(stated) > MAX_LISTED:
        stated = stated[:MAX_LISTED] + [f"{len(stated) - MAX_LISTED} more in the chart"]
    unknown = sum(panel_of(r) == NOT_STATED for _, r in rows.iterrows())
    if stated:
        text += f" Stated: {_join(stated)}."
    if unknown:
        text += (f" For {unknown} of them no source states an amount: the chart says <i>{NOT_STATED}</i>, "
                 "not zero.")
    if rows["currency"].nunique() > 1:
        text += " The amounts are in different currencies, so they are never added."
    return text


def sources_html(rows: pd.DataFrame) -> str:
    """The sources of `rows`, each once: the texts by id, the web pages as links with their titles."""
    items: dict[str, str] = {}
    for _, row in rows.iterrows():
        if not missing(row.get("source_id")):
            items.setdefault(f"text:{row['source_id']}", f"source text <code>{escape(row['source_id'])}</code> "
                                                          f"(in <code>data/sources/</code>)")
        if not missing(row.get("source_url")):
            items.setdefault(row["source_url"], f"<a href='{_escape(row['source_url'])}' target='_blank' rel='noopener' "
                                                f"style='{LINK_STYLE}'>{escape(row['source_title'])}</a>")
    listed = "".join(f"<li>{item}</li>" for item in items.values())
    return f"<p><b>Sources</b> ({len(items)})</p><ul class='coursekit-funding-source-list'>{listed}</ul>"


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
