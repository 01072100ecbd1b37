"""The theme explorer (lesson 07): pick a theme, see how much each text has of it, read the passages."""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as w
import pandas as pd

from ..charts import Chart
from ..charts.themes import theme_sources_chart
from ..corpus import as_corpus, load_sources, tokens
from ..themes import (
    MATCH_COLUMNS,
    SHARE_COLUMNS,
    check_theme,
    load_lexicon,
    passages_from,
    shares_from,
    tag_corpus,
    theme_label,
    themes_of,
)

EMPTY_CORPUS = ("There are no texts to explore. Load a folder that holds .txt files, for example "
                "<code>ThemeExplorer(load_folder(\"my-texts\"))</code>.")


class ThemeExplorer:
    """Choose a theme: a chart of how often its keywords occur in each text, and the passages.

    The corpus is tagged once, here; choosing a theme only looks up what was found (and builds
    its chart the first time), so the explorer answers at once even for thousands of texts. The
    chart shows the `top` texts with the most matches per 1,000 words, and the passages come from
    those texts in the same order, at most `max_passages` of them, each with its keywords marked
    and its text named. An empty corpus, a theme without matches, or texts in a language the
    lexicon lacks each get a sentence of advice instead.
    """

    def __init__(
        self,
        corpus: pd.DataFrame | None = None,
        lexicon: pd.DataFrame | str | Path | None = None,
        *,
        theme: str | None = None,
        top: int = 20,
        max_passages: int = 30,
    ):
        self.lexicon = load_lexicon(lexicon)
        self.themes = themes_of(self.lexicon)
        self.top = top
        self.max_passages = max_passages
        if corpus is None:
            corpus = load_sources()
        self.corpus = corpus if isinstance(corpus, pd.DataFrame) and corpus.empty else as_corpus(corpus)
        if "n_words" not in self.corpus and not self.corpus.empty:
            self.corpus = self.corpus.assign(n_words=[len(tokens(t)) for t in self.corpus["text"]])
        self.texts = dict(zip(self.corpus.get("source_id", []), self.corpus.get("text", [])))
        self._prepare()
        self.chart: Chart | None = None
        self.passages = passages_from(self.matches.iloc[0:0], self.texts)

        self.theme = w.Dropdown(
            options=[(f"{theme_label(t)} ({_plural(self._counts[t], 'match', 'matches')})", t) for t in self.themes],
            value=self._first_theme() if theme is None else check_theme(theme, self.themes),
            description="Theme",
            disabled=self.corpus.empty,
            layout=w.Layout(width="28em"),
        )
        self.count = w.HTML()
        self.output = w.Output()
        self.table = w.HTML()
        for widget, name in [(self.theme, "theme"), (self.count, "count"), (self.output, "chart"),
                             (self.table, "passages")]:
            widget.add_class(f"coursekit-themes-{name}")
        self.widget = w.VBox([self.theme, self.count, self.output, self.table])
        self.widget.add_class("coursekit-theme-explorer")
        self.theme.observe(lambda _change: self.update(), names="value")
        self.update()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def _prepare(self) -> None:
        """Tag the corpus once and sort each theme's matches the way update() shows them."""
        if self.corpus.empty:
            self.matches, self.shares = pd.DataFrame(columns=MATCH_COLUMNS), pd.DataFrame(columns=SHARE_COLUMNS)
        else:
            self.matches, n_sentences = tag_corpus(self.corpus, self.lexicon)
            self.shares = shares_from(self.matches, self.corpus, n_sentences, self.themes)
        self._counts = self.matches["theme"].value_counts().reindex(self.themes, fill_value=0).to_dict()
        self._views: dict[str, tuple] = {}
        self._keywords: dict[str, pd.Series] = {}
        self._ranked: dict[str, pd.DataFrame] = {}
        self._ranked_matches: dict[str, pd.DataFrame] = {}
        for theme in self.themes:
            rows = self.shares[self.shares["theme"] == theme]
            ranked = rows.sort_values("per_1000_words", ascending=False, kind="stable")
            self._ranked[theme] = ranked
            rank = pd.Series(range(len(ranked)), index=list(ranked["source_id"]))
            found = self.matches[self.matches["theme"] == theme]
            found = found.assign(_rank=found["source_id"].map(rank)).sort_values(["_rank", "start"], kind="stable")
            # Passages numbered in the order they are shown: the first n passages are a prefix.
            new = (found["source_id"] != found["source_id"].shift()) | (found["sentence"] != found["sentence"].shift())
            self._ranked_matches[theme] = found.assign(_passage=new.cumsum() - 1).reset_index(drop=True)
            self._keywords[theme] = found["keyword"].value_counts().head(8)  # the count sentence names these

    def _first_theme(self) -> str:
        """The first theme with matches, so the explorer opens on something to read."""
        return next((t for t in self.themes if self._counts[t]), self.themes[0])

    def update(self) -> None:
        """Show the chosen theme: its count sentence, its chart, and its passages in context.

        A theme's view is made the first time it is chosen (its figure takes ~30 ms to build) and
        kept, so choosing it again only swaps what the widgets show.
        """
        theme = self.theme.value
        if theme not in self._views:
            self._views[theme] = self._view(theme)
        message, self.chart, self.passages, table, outputs = self._views[theme]
        self.count.value = f"<p>{message}</p>"
        # One assignment of the same bundles a displayed Chart produces: the old chart goes at once.
        self.output.outputs = outputs
        self.table.value = table

    def _view(self, theme: str) -> tuple[str, Chart | None, pd.DataFrame, str, tuple]:
        """The count sentence, chart, passages, passage table and output bundles of one theme."""
        label = theme_label(theme)
        nothing = self.passages.iloc[0:0]
        if self.corpus.empty:
            return EMPTY_CORPUS, None, nothing, "", ()
        if not self.matches.size:
            languages = sorted({lang for lang in self.lexicon["language"] if lang})
            advice = ("None of the lexicon's keywords occurs in these texts. If they are written in a language "
                      f"the lexicon lacks (it has {escape(', '.join(languages) or 'no language given')}), add "
                      "keywords in their language to a copy of the lexicon and pass it as <code>lexicon=</code>.")
            return advice, None, nothing, "", ()
        found = self._ranked_matches[theme]
        if found.empty:
            keywords = self.lexicon.loc[self.lexicon["theme"] == theme, "keyword"]
            advice = (f"No keyword of the theme <b>{escape(label)}</b> occurs in these texts. Its keywords are: "
                      f"{escape(', '.join(keywords))}. Add words to the lexicon, or choose another theme.")
            return advice, None, nothing, "", ()
        ranked = self._ranked[theme]
        n_texts = int((ranked["matches"] > 0).sum())
        n_passages = int(found["_passage"].iloc[-1]) + 1
        overall = len(found) / max(int(ranked["n_words"].sum()), 1) * 1000
        words = ", ".join(f"{escape(k)} ({n:,})" for k, n in self._keywords[theme].items())
        chart = theme_sources_chart(ranked, theme, top=self.top)
        passages = passages_from(found.iloc[:int(found["_passage"].searchsorted(self.max_passages))], self.texts)
        more = (f" Showing the first {len(passages)} of {n_passages:,} passages, from the texts with the most."
                if n_passages > len(passages) else "")
        message = (f"<b>{escape(label)}</b>: {_plural(len(found), 'match', 'matches')} in "
                   f"{_plural(n_passages, 'sentence', 'sentences')} of {n_texts:,} of "
                   f"{len(ranked):,} texts, {overall:.1f} per 1,000 words overall. Keywords found: {words}.{more}")
        outputs = chart.outputs()
        return message, chart, passages, _table(passages), outputs

def _table(passages: pd.DataFrame) -> str:
    """The passages as an HTML table: text, passage with its keywords marked, keywords."""
    rows = []
    for passage in passages.itertuples():
        rows.append(
            "<tr>"
            f"<td style='white-space:nowrap;vertical-align:top;padding-right:1em'>{escape(passage.source_id)}</td>"
            f"<td style='text-align:left;vertical-align:top'>{_marked(passage.text, passage.marks)}</td>"
            f"<td style='text-align:left;vertical-align:top;padding-left:1em'>{escape(passage.keywords)}</td>"
            "</tr>"
        )
    return (
        "<table style='font-family:inherit;border-collapse:collapse'>"
        "<thead><tr><th style='text-align:left'>text</th><th style='text-align:left'>passage</th>"
        "<th style='text-align:left'>keywords</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _marked(text: str, marks: list[tuple[int, int]]) -> str:
    """`text`, escaped, with each (start, end) span inside <mark> (one theme's matches never overlap)."""
    pieces, position = [], 0
    for start, end in sorted(marks):
        pieces.append(escape(text[position:start]))
        pieces.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    pieces.append(escape(text[position:]))
    return "".join(pieces)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"
