"""The quote comparer (lesson 01): one quotation, side by side in every text that has it.

A quotation copied from one publication to another can change on the way: a capital, a question
mark, inner quotation marks, or who is said to be speaking. The comparer shows every version of a
quotation in its own column, marks the words that differ (word by word, with `difflib`), and gives
each version its surrounding text, so a student can see both what changed and how each text frames
the words.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from html import escape

import ipywidgets as w
import pandas as pd

from ..corpus import as_corpus, load_sources, locate, one_line, stands_at
from ..datasets import load_table, require_table
from ..errors import CourseError
from ..voices import voice_at, voice_spans

# A token for the word-level diff: a word (inner hyphens and apostrophes included) or one mark of
# punctuation, so that a changed question mark is one difference, not a changed word.
DIFF_TOKEN = re.compile(r"[^\W_]+(?:[-‐‑'’][^\W_]+)*|[^\w\s]")
# Typographic variants that are not differences of wording.
_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "‐": "-", "‑": "-", "…": "..."})
LABEL_CHARS = 70
DEFAULT_CONTEXT = 200
NOT_A_QUOTE = "not_a_quote"
# How highlight() shows a run of changed words: a text cue, and a background behind cue and words.
CUES = {"del": "−", "ins": "+", "mark": "≠"}
STYLES = {"del": "background:#f6d6c2", "ins": "background:#cde8f6", "mark": "background:#f0e442"}

PRESENTATIONS = {
    "quoted_speech": "Quoted speech: the text puts these words in quotation marks as {speaker}'s.",
    "interview_answer": "Interview answer: printed as {speaker}'s reply to a question, without "
                        "quotation marks.",
    "narration_as_quote": "Narration printed as a quote: this text puts these words inside {speaker}'s "
                          "quotation marks, but the text it quotes gives them as a journalist's own "
                          "narration.",
    NOT_A_QUOTE: "Found by searching this text, where quotes.csv lists no quotation: here the same words "
                 "are {voice}.",
}
# What the words are where a search finds them, by the voice speaking there and the text's genre.
FOUND_AS = {
    "director": "the director's own, in an answer",
    "interviewer": "part of the interviewer's question",
    "narration_as_quote": "printed as the director's, though they are narration",
    ("author", "review"): "the reviewer's own, outside any quotation marks",
    ("author", "feature"): "the journalist's own narration, outside any quotation marks",
    ("author", "interview"): "the publication's own (its introduction or a caption)",
    "author": "the writer's own, outside any quotation marks",
}


@dataclass(frozen=True)
class Version:
    """One text's version of a quotation: where it stands and how the text presents it."""

    source_id: str
    text: str
    offset: int
    presentation: str
    speaker: str
    quote_id: str | None = None  # None when the words were found by searching, not listed in quotes.csv
    note: str = ""


class QuoteComparer:
    """Pick a quotation; read every version of it side by side, differences marked, in context.

    Choices are the rows of quotes.csv, grouped by `same_as`, so a remark quoted in several texts
    is one choice. The other texts are also searched for the same words, which finds a sentence
    one text quotes and another narrates. Nothing selected, an unknown quote and a table whose
    offset no longer matches its text each get a sentence of advice instead of columns.
    """

    def __init__(
        self,
        corpus: pd.DataFrame | None = None,
        quotes: pd.DataFrame | None = None,
        *,
        quote: str | None = None,
        context: int = DEFAULT_CONTEXT,
    ):
        self.corpus = load_sources() if corpus is None else as_corpus(corpus)
        self.quotes = require_table(load_table("quotes") if quotes is None else quotes, "quotes",
                                    user="The quote comparer")
        self.texts = dict(zip(self.corpus["source_id"], self.corpus["text"]))
        self.order = _source_order(self.corpus)
        genres = self.corpus["genre"] if "genre" in self.corpus else [None] * len(self.corpus)
        self.genres = {sid: g for sid, g in zip(self.corpus["source_id"], genres) if isinstance(g, str)}
        # Who speaks where; a row whose offset no longer matches is left out here and reported
        # when its quotation is chosen, so one stale row does not stop the whole explorer.
        self.spans = voice_spans(self.corpus, self.quotes[self._stands()])
        self.speakers = _speaker_names()
        self.groups = self._groups()
        self.versions: list[Version] = []
        self.problems: list[str] = []
        self.requested: str | None = None

        self.quote = w.Dropdown(options=self._options(), value=None, description="Quote",
                                layout=w.Layout(width="48em"))
        self.context = w.IntSlider(value=context, min=0, max=600, step=20, description="Context",
                                   readout_format="d", layout=w.Layout(width="30em"))
        self.context_unit = w.Label("characters either side")
        self.status = w.HTML()
        self.columns = w.HTML()
        for widget, name in [(self.quote, "quote"), (self.context, "context"), (self.status, "status"),
                             (self.columns, "columns")]:
            widget.add_class(f"coursekit-comparer-{name}")
        self.widget = w.VBox([self.quote, w.HBox([self.context, self.context_unit]), self.status, self.columns])
        self.widget.add_class("coursekit-quote-comparer")

        for control in (self.quote, self.context):
            control.observe(lambda _change: self.update(), names="value")
        first = self.quote.options[0][1] if self.quote.options else None
        self.select(first if quote is None else quote)

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def select(self, key: str | None) -> None:
        """Show the quotation `key`: a quote_id or a `same_as` key of quotes.csv (None clears)."""
        group = self.resolve(key)
        self.requested = None if group is not None or key is None else str(key)
        if self.quote.value != group:
            self.quote.value = group  # the observer calls update()
        else:
            self.update()

    def resolve(self, key: str | None) -> str | None:
        """The dropdown choice that shows `key`, or None if no quotation has that id."""
        if key is None:
            return None
        if key in self.groups:
            return key
        row = self.quotes[self.quotes["quote_id"] == key]
        return None if row.empty else _group_key(row.iloc[0])

    def update(self) -> None:
        """Recompute the versions of the chosen quotation and redraw the status and the columns."""
        key = self.quote.value
        if key is not None:
            self.requested = None
        self.versions, self.problems = [], []
        if key is None:
            if self.requested is not None:
                self._show(f"There is no quote “{escape(self.requested)}” in quotes.csv. Pick one from "
                           "<b>Quote</b>, or give a quote_id from the table.")
            else:
                self._show("Pick a quote in <b>Quote</b> to see it side by side in every text that has it.")
            return
        self.versions, self.problems = self.find_versions(key)
        if not self.versions:
            self._show(" ".join(self.problems))
            return
        self._show(self._summary(), self._columns_html())

    def find_versions(self, key: str) -> tuple[list[Version], list[str]]:
        """Every version of quotation `key`, in source order, and a sentence for each that failed.

        The rows of quotes.csv come first; then any text without a version is searched for each
        version's words (quotes, spaces and line breaks forgiven), and a hit becomes a version too.
        """
        versions, problems = [], []
        for row in self.groups[key].itertuples():
            text = self.texts.get(row.source_id)
            offset = int(row.offset)
            if text is None or not stands_at(text, offset, row.text):
                problems.append(_mismatch(row, text))
                continue
            versions.append(Version(row.source_id, row.text, offset, row.presentation, row.speaker,
                                    row.quote_id, "" if pd.isna(row.note) else row.note))
        versions += self._search_elsewhere(versions)
        versions.sort(key=lambda v: (self.order.get(v.source_id, len(self.order)), v.offset))
        return versions, problems

    def _search_elsewhere(self, versions: list[Version]) -> list[Version]:
        have = {v.source_id for v in versions}
        found = []
        for source_id, text in self.texts.items():
            if source_id in have:
                continue
            for version in versions:
                hits = locate(text, version.text)
                if hits.empty:
                    continue
                start, end = int(hits["start"][0]), int(hits["end"][0])
                found.append(Version(source_id, text[start:end], start, NOT_A_QUOTE, version.speaker))
                have.add(source_id)
                break
        return found

    def _stands(self) -> list[bool]:
        """For each row of quotes.csv, whether its words stand at its offset in its text."""
        return [stands_at(self.texts.get(sid, ""), int(offset), text)
                for sid, offset, text in zip(self.quotes["source_id"], self.quotes["offset"], self.quotes["text"])]

    def _summary(self) -> str:
        sources = [v.source_id for v in self.versions]
        problems = "".join(f" {p}" for p in self.problems)
        if len(self.versions) == 1:
            only = sources[0]
            return (f"This quote appears only in <b>{escape(only)}</b>: no other text has these words, so "
                    f"nothing can confirm or contradict this version.{problems}")
        reference = self.versions[0]
        pairs = []
        for other in self.versions[1:]:
            changes = sum(1 for op, *_ in diff_opcodes(reference.text, other.text) if op != "equal")
            if changes:
                pairs.append(f"{changes} difference{'s' if changes != 1 else ''} between "
                             f"{escape(reference.source_id)} and {escape(other.source_id)}")
            else:
                pairs.append(f"{escape(reference.source_id)} and {escape(other.source_id)} have the same words "
                             "(line breaks and spacing aside)")
        shown = " and ".join(f"<b>{escape(s)}</b>" for s in sources)
        return f"In {len(sources)} texts: {shown}. " + "; ".join(pairs) + "." + problems

    def _columns_html(self) -> str:
        reference = self.versions[0]
        marked = {0: set()}
        for i, other in enumerate(self.versions[1:], start=1):
            gone, added = changed_tokens(reference.text, other.text)
            marked[0] |= gone
            marked[i] = added
        columns = []
        for i, version in enumerate(self.versions):
            tag = "del" if i == 0 else "ins"
            columns.append(self._column(version, highlight(version.text, marked[i], tag)))
        legend = ""
        if len(self.versions) > 1 and any(marked.values()):
            legend = ("<p class='coursekit-comparer-legend'><b>How to read the marks:</b> "
                      "[−&nbsp;<del>struck through</del>]: words of the first text that a later "
                      "one dropped or changed; [+&nbsp;<ins>underlined</ins>]: words a later text added or "
                      "changed. Capitals and punctuation count; line breaks do not.</p>")
        return (legend + "<div class='coursekit-comparer-row' style='display:flex;gap:1em;align-items:flex-start'>"
                + "".join(columns) + "</div>")

    def _column(self, version: Version, quote_html: str) -> str:
        text = self.texts[version.source_id]
        window = self.context.value
        end = version.offset + len(version.text)
        before = one_line(text[max(0, version.offset - window):version.offset])
        after = one_line(text[end:end + window])
        if version.offset - window > 0 and before:
            before = "…" + before
        if end + window < len(text) and after:
            after = after + "…"
        genre = self.genres.get(version.source_id)
        genre = f" ({genre})" if genre else ""
        note = f"<p style='font-size:90%'><i>Note:</i> {escape(version.note)}</p>" if version.note else ""
        return (
            "<div class='coursekit-comparer-column' style='flex:1;min-width:14em;border:1px solid #bbb;"
            "padding:0.5em'>"
            # Not a heading: the explorer sits under headings of any level, and an <h4> after an
            # <h2> skips levels for a screen reader's list of headings.
            f"<p class='coursekit-comparer-source' style='margin:0;font-weight:bold'>"
            f"{escape(version.source_id)}{escape(genre)}</p>"
            f"<p style='font-size:90%'>{escape(self._presentation(version))} "
            f"(character {version.offset})</p>"
            f"<p class='coursekit-comparer-quote' style='border-left:4px solid #0072B2;padding-left:0.5em'>"
            f"{quote_html}</p>"
            f"<p class='coursekit-comparer-context' style='color:#444'><i>In context:</i> {escape(before)}"
            f"<b>{escape(one_line(version.text))}</b>{escape(after)}</p>{note}</div>"
        )

    def _presentation(self, version: Version) -> str:
        """One sentence on how this text presents the words: as whose, and in which form."""
        speaker = self.speakers.get(version.speaker, version.speaker)
        voice = voice_at(self.spans, version.source_id, version.offset)
        found_as = FOUND_AS.get((voice, self.genres.get(version.source_id)), FOUND_AS.get(voice, voice))
        template = PRESENTATIONS.get(version.presentation, "Words of {speaker}.")
        return template.format(speaker=speaker, voice=found_as)

    def _show(self, message: str, columns: str = "") -> None:
        self.status.value = f"<p>{message}</p>"
        self.columns.value = columns

    def _groups(self) -> dict[str, pd.DataFrame]:
        """The rows of quotes.csv by choice: one choice per `same_as` key, or per row without one."""
        keys = [_group_key(row) for _, row in self.quotes.iterrows()]
        return {key: rows for key, rows in self.quotes.groupby(pd.Series(keys, index=self.quotes.index), sort=False)}

    def _options(self) -> list[tuple[str, str]]:
        """Dropdown choices: quotations in several texts first, then the others in text order."""
        labelled = []
        for key in self.groups:
            versions, _ = self.find_versions(key)
            sources = [v.source_id for v in versions] or list(self.groups[key]["source_id"])
            first = self.groups[key].iloc[0]
            where = " + ".join(sources)
            words = one_line(first["text"]).strip()
            words = words if len(words) <= LABEL_CHARS else words[:LABEL_CHARS - 1].rstrip() + "…"
            rank = (-len(sources), self.order.get(first["source_id"], len(self.order)), int(first["offset"]))
            labelled.append((rank, f"{where}: “{words}”", key))
        return [(label, key) for _, label, key in sorted(labelled)]


def diff_tokens(text: str) -> list[re.Match]:
    """The tokens the diff compares: words and single marks of punctuation, with their positions."""
    return list(DIFF_TOKEN.finditer(text))


def diff_opcodes(a: str, b: str) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes between the tokens of `a` and `b`, typographic variants counted as equal."""
    key_a = [m.group().translate(_TYPOGRAPHY) for m in diff_tokens(a)]
    key_b = [m.group().translate(_TYPOGRAPHY) for m in diff_tokens(b)]
    return difflib.SequenceMatcher(None, key_a, key_b, autojunk=False).get_opcodes()


def changed_tokens(a: str, b: str) -> tuple[set[int], set[int]]:
    """The token indices of `a` missing from `b`, and of `b` missing from `a`."""
    gone, added = set(), set()
    for op, a1, a2, b1, b2 in diff_opcodes(a, b):
        if op != "equal":
            gone.update(range(a1, a2))
            added.update(range(b1, b2))
    return gone, added


def highlight(text: str, marked: set[int], tag: str = "mark") -> str:
    """`text` as HTML, white space folded, with each run of marked tokens wrapped in `tag`.

    A run gets a visible text cue as well as the tag's styling ([− …] for `del`, [+ …] for `ins`,
    [≠ …] for `mark`), so the difference does not rest on colour or strike-through alone.
    """
    cue = CUES[tag]
    style = STYLES[tag]
    out, position, run = [], 0, []

    def close_run() -> None:
        if run:
            inner = "".join(run).strip()
            # The cue stays outside the tag, so that strike-through does not hide the minus sign.
            out.append(f"<span class='coursekit-comparer-change' style='{style}'>[{cue}&nbsp;<{tag}>{inner}</{tag}>]</span>")
            run.clear()

    for i, token in enumerate(diff_tokens(text)):
        gap = escape(one_line(text[position:token.start()]))
        if i in marked:
            if run:
                run.append(gap)
            else:
                out.append(gap)
            run.append(escape(token.group()))
        else:
            close_run()
            out.append(gap + escape(token.group()))
        position = token.end()
    close_run()
    out.append(escape(one_line(text[position:])))
    return "".join(out).strip()


def _group_key(row: pd.Series) -> str:
    """The choice a row of quotes.csv belongs to: its `same_as` key, or its own id."""
    return row["quote_id"] if pd.isna(row["same_as"]) else row["same_as"]


def _mismatch(row, text: str | None) -> str:
    if text is None:
        return f"The quote “{escape(row.quote_id)}” comes from a text, “{escape(row.source_id)}”, that is not loaded."
    offset = int(row.offset)
    there = one_line(text[offset:offset + min(len(row.text), 40)])
    return (f"The quote “{escape(row.quote_id)}” should start at character {offset} of {escape(row.source_id)}, "
            f"but the text there reads “{escape(there)}…”: the table and the text disagree. "
            "Run <code>python -m coursekit.computed</code> to refresh the offsets.")


def _source_order(corpus: pd.DataFrame) -> dict[str, int]:
    """Texts in order of publication where the date is known (the earlier text is the one quoted),
    undated texts after them, in corpus order."""
    dates = list(corpus["date_start"]) if "date_start" in corpus else [pd.NaT] * len(corpus)
    undated = pd.Timestamp.max
    ranked = sorted(range(len(corpus)), key=lambda i: (undated if pd.isna(dates[i]) else dates[i], i))
    return {corpus["source_id"].iloc[i]: rank for rank, i in enumerate(ranked)}


def _speaker_names() -> dict[str, str]:
    try:
        people = load_table("people")
    except CourseError:
        return {}
    return dict(zip(people["person_id"], people["name"]))
