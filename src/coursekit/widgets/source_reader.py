"""The source reader (lesson 00): pick a source, search a word, read every hit in context."""

from __future__ import annotations

from html import escape

import ipywidgets as w
import pandas as pd

from ..corpus import as_corpus, find, in_context, load_sources
from ..errors import CorpusError

ALL_SOURCES = "__all__"
MAX_QUERY_CHARS = 200


class SourceReader:
    """Search the source texts: pick a source, type a word or phrase, read every hit in context.

    Hits are counted per source and shown keyword-in-context, the hit marked; `hits` holds where
    every hit is, and only the first `max_rows` are cut out with their context (`shown`). An empty search, a
    search with no hits and an over-long search each get a sentence of advice instead of a table.
    """

    def __init__(self, corpus: pd.DataFrame | None = None, *, query: str = "", window: int = 55, max_rows: int = 100):
        self.corpus = load_sources() if corpus is None else as_corpus(corpus)
        self.window = window
        self.max_rows = max_rows
        titles = self.corpus["title"] if "title" in self.corpus else self.corpus["source_id"]
        self.titles = dict(zip(self.corpus["source_id"], titles))
        self.hits = pd.DataFrame(columns=["source_id", "position", "end", "row"])
        self.shown = pd.DataFrame(columns=["source_id", "position", "left", "match", "right"])
        self.searched = self.corpus

        self.source = w.Dropdown(
            options=[("All sources", ALL_SOURCES)] + [(_label(sid, title), sid) for sid, title in self.titles.items()],
            value=ALL_SOURCES,
            description="Source",
            layout=w.Layout(width="32em"),
        )
        self.query = w.Text(
            value=query,
            description="Search",
            placeholder="a word or phrase, e.g. statue",
            continuous_update=True,
            layout=w.Layout(width="24em"),
        )
        self.whole_words = w.Checkbox(value=False, description="Whole words only", indent=False)
        self.count = w.HTML()
        self.results = w.HTML()
        for widget, name in [
            (self.source, "source"), (self.query, "query"), (self.whole_words, "whole-words"),
            (self.count, "count"), (self.results, "results"),
        ]:
            widget.add_class(f"coursekit-reader-{name}")
        self.widget = w.VBox([w.HBox([self.query, self.whole_words]), self.source, self.count, self.results])
        self.widget.add_class("coursekit-source-reader")

        for control in (self.source, self.query, self.whole_words):
            control.observe(lambda _change: self.update(), names="value")
        self.update()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def selected(self) -> pd.DataFrame:
        """The texts the dropdown currently selects."""
        if self.source.value == ALL_SOURCES:
            return self.corpus
        return self.corpus[self.corpus["source_id"] == self.source.value]

    def update(self) -> None:
        """Recompute the hits for the current controls and redraw the count and the results."""
        query = self.query.value
        everywhere = self.source.value == ALL_SOURCES
        where = "all sources" if everywhere else self.source.value
        self.hits, self.shown = self.hits.iloc[0:0], self.shown.iloc[0:0]
        if not query.strip():
            self._show("Type a word or phrase in <b>Search</b> to see every place it appears.")
            return
        if len(query) > MAX_QUERY_CHARS:
            self._show(f"That search is {len(query)} characters long; the reader takes up to "
                       f"{MAX_QUERY_CHARS}. Try a shorter phrase.")
            return
        try:
            self.searched = self.selected()
            self.hits = find(self.searched, query, whole_words=self.whole_words.value)
            table = self._table()
        except CorpusError as exc:
            self._show(escape(str(exc)))
            return
        shown_query = f"“{escape(query.strip())}”"
        if self.hits.empty:
            self._show(f"No hits for {shown_query} in {escape(where)}. Try a shorter word or another spelling"
                       + ("." if everywhere else ", or search all sources."))
            return
        per_source = self.hits["source_id"].value_counts(sort=False)
        breakdown = " · ".join(f"{escape(sid)} {n}" for sid, n in per_source.items())
        noun = "hit" if len(self.hits) == 1 else "hits"
        self._show(f"<b>{len(self.hits)} {noun}</b> for {shown_query} in {escape(where)}"
                   + (f" ({breakdown})" if everywhere else ""),
                   table)

    def _show(self, message: str, table: str = "") -> None:
        self.count.value = f"<p>{message}</p>"
        self.results.value = table

    def _table(self) -> str:
        rows = []
        self.shown = in_context(self.searched, self.hits.head(self.max_rows), self.window)
        for hit in self.shown.itertuples():
            rows.append(
                "<tr>"
                f"<td style='padding-right:1em;white-space:nowrap'>{escape(hit.source_id)}</td>"
                f"<td style='text-align:right;white-space:pre'>{escape(hit.left)}</td>"
                f"<td style='text-align:left;white-space:pre'><mark>{escape(hit.match)}</mark>{escape(hit.right)}</td>"
                "</tr>"
            )
        more = len(self.hits) - self.max_rows
        note = f"<p>Showing the first {self.max_rows}; {more} more not shown.</p>" if more > 0 else ""
        return (
            "<table style='font-family:inherit;border-collapse:collapse'>"
            "<thead><tr><th>source</th><th style='text-align:right'>before</th><th>hit and after</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>{note}"
        )


def _label(source_id: str, title: str, width: int = 60) -> str:
    """A dropdown label: the short id, then as much of the title as fits."""
    label = f"{source_id}: {title}"
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"
