"""Ready-made kinds of question: a number, a text, a collection, counts, a table, a figure, a passage.

Each builder returns a `Question` whose gate and parts suit that kind of answer, so that a question
bank reads as a list of questions rather than of tests. The expected value comes either from
`reference`, a function that recomputes it from the course tables (so it follows the data), or from
`digest`, a salted hash of it (for a fact read in a text). Give exactly one.

Hints are the author's: they should point at the step to re-check ("did you keep only the review's
rows?"), never state the answer.
"""

from __future__ import annotations

import base64
import numbers
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionArray
from plotly.basedatatypes import BaseFigure

from ..charts import Chart
from ..corpus import load_sources
from .digest import PLAIN, canonical
from .digest import digest as hashed
from .question import Part, Question

Reference = Callable[[], Any]
ENOUGH_OF_A_PASSAGE = 30  # characters of a long passage that show which passage a student means
QUOTE_MARKS = "\"'“”‘’"  # around a copied passage, students' own: not part of the text
PUNCTUATION = ",.:;!?"
# What `.unique()`, `.tolist()`, a column or a literal give; pandas 3 returns an ExtensionArray for text.
COLLECTIONS = (list, tuple, set, frozenset, pd.Series, pd.Index, np.ndarray, ExtensionArray)


def whole_number(qid: str, *, hint: str, reference: Reference | None = None, digest: str | None = None,
                 points: int = 1, expects: str = "a whole number (an int)") -> Question:
    """A count or a year: any integer-valued number is accepted, text is not.

    So is a number left inside a one-element Series, as filtering a table and taking a column gives.
    """
    same = _equals(qid, reference, digest)
    return Question(qid, expects, lambda answer: _is_whole(_single(answer)),
                    (Part(points, lambda answer: same(_single(answer)), hint),))


def number(qid: str, *, hint: str, reference: Reference, tolerance: float, points: int = 1,
           expects: str = "a number (an int or a float)") -> Question:
    """A computed quantity such as a rate, right when within `tolerance` of the reference (also inside
    a one-element Series)."""
    return Question(qid, expects, lambda answer: _is_number(_single(answer)),
                    (Part(points, lambda answer: abs(float(_single(answer)) - float(reference())) <= tolerance, hint),))


def text(qid: str, *, hint: str, reference: Reference | None = None, digest: str | None = None,
         points: int = 1, expects: str = "a piece of text (a str)") -> Question:
    """A name, an id or a word; case, surrounding spaces and curly quotes do not matter."""
    return Question(qid, expects, lambda answer: isinstance(answer, str),
                    (Part(points, _equals(qid, reference, digest), hint),))


def collection(qid: str, *, expects: str, extra_hint: str, missing_hint: str, reference: Reference | None = None,
               digest: str | None = None, points: int = 2) -> Question:
    """Several values in any order (a list, a set, a Series, a one-column table): `points` split
    between two parts.

    Nothing extra (every item the student gives belongs) earns half; nothing missing earns the
    rest. With a digest only the whole set can be compared, so all points go to one part.
    """
    def accepts(answer) -> bool:
        one_column = isinstance(answer, pd.DataFrame) and len(answer.columns) == 1
        return one_column or (isinstance(answer, COLLECTIONS) and not isinstance(answer, pd.DataFrame))

    def given(answer) -> set[str]:
        values = answer.iloc[:, 0] if isinstance(answer, pd.DataFrame) else answer  # df[["col"]] is one column too
        return {canonical(item) for item in values}

    if digest is not None:
        same = lambda answer: hashed(qid, list(given(answer))) == digest
        return Question(qid, expects, accepts, (Part(points, same, f"{extra_hint} {missing_hint}"),))
    expected = lambda: {canonical(item) for item in reference()}
    half = points // 2
    return Question(qid, expects, accepts, (
        Part(half, lambda answer: given(answer) <= expected(), extra_hint),
        Part(points - half, lambda answer: expected() <= given(answer), missing_hint),
    ))


def counts(qid: str, *, expects: str, reference: Reference, labels_hint: str, counts_hint: str,
           points: int = 2) -> Question:
    """A count per label, as a pandas Series (e.g. from `value_counts()`) or a dict.

    One point for having exactly the right labels, the rest for every count being right.
    """
    accepts = lambda answer: isinstance(answer, (pd.Series, dict))
    return Question(qid, expects, accepts, (
        Part(1, lambda answer: _right_labels(answer, reference()), labels_hint),
        Part(points - 1, lambda answer: _tally(answer) == _tally(reference()), counts_hint, after_previous=True),
    ))


def table(qid: str, *, columns: Iterable[str], reference: Reference, rows_hint: str, points: int = 2,
          ordered: bool = False) -> Question:
    """A DataFrame with (at least) the named columns: one point for the columns, the rest for the rows.

    Rows are compared on the named columns only, in any order unless `ordered`. A column kept as the
    index (as `groupby` leaves it) counts as a column.
    """
    columns = tuple(columns)
    named = ", ".join(columns)
    expects = f"a DataFrame with the columns {named}"

    def has_columns(answer: pd.DataFrame) -> bool:
        return set(columns) <= set(_flat(answer).columns)

    def right_rows(answer: pd.DataFrame) -> bool:
        return _rows(_flat(answer), columns, ordered) == _rows(_flat(reference()), columns, ordered)

    return Question(qid, expects, lambda answer: isinstance(answer, pd.DataFrame), (
        Part(1, has_columns, f"the table needs the columns {named} (check their spelling)."),
        Part(points - 1, right_rows, rows_hint, after_previous=True),
    ))


def figure(qid: str, *, reference: Reference, data_hint: str, raw_names: Iterable[str] = (), points: int = 3,
           trace: str | tuple[str, ...] | None = None, tolerance: float = 1e-9,
           split: Reference | None = None, split_hint: str = "") -> Question:
    """A plotly figure, or a course `Chart` made with `chart()`: a point for a title, a point for
    readable axis titles, the rest for its data.

    `reference()` gives the values the chart must show, as {category: value}; bars, lines, markers
    and histograms are read back from the figure and summed per category, whatever the orientation
    and colour split. Axis titles that are still a raw column name from `raw_names` do not count as
    readable ("Year" is, "year" is not), nor does one with an underscore. `trace` ("bar", or several
    such as ("bar", "histogram")) also requires that kind of chart, with a hint of its own.
    Each value may differ from the reference by `tolerance` (a rate rounded to one decimal: 0.05).
    With `split`, one of the points goes to the colour split: `split()` gives the values per
    (colour, category), and each trace's name is read as its colour (what `color=` in px does).
    """
    raw = set(raw_names)
    expects = "a plotly figure (what px.bar or px.line return) or a chart made with chart()"

    def titled(answer) -> bool:
        return bool((_figure_of(answer).layout.title.text or "").strip())

    def axes_titled(answer) -> bool:
        layout = _figure_of(answer).layout
        titles = [(layout.xaxis.title.text or "").strip(), (layout.yaxis.title.text or "").strip()]
        return all(titles) and not any(title in raw or "_" in title for title in titles)

    def right_kind(answer) -> bool:
        return all(t.type in kinds for t in _figure_of(answer).data)

    def matches(shown: dict, wanted, key) -> bool:
        shown = {k: v for k, v in shown.items() if v != 0}  # an empty bar shows nothing
        expected = {key(k): float(v) for k, v in dict(wanted).items() if float(v) != 0}
        return shown.keys() == expected.keys() and all(abs(shown[k] - expected[k]) <= tolerance for k in shown)

    def right_data(answer) -> bool:
        return matches(_plotted(_figure_of(answer)), reference(), canonical)

    def right_split(answer) -> bool:
        return matches(_plotted(_figure_of(answer), by_trace=True), split(), lambda k: tuple(map(canonical, k)))

    kinds = (trace,) if isinstance(trace, str) else tuple(trace or ())
    data_points = points - 2 - (split is not None)
    data_parts = (Part(data_points, right_data, data_hint),)
    if kinds:
        named = " or ".join(kinds)
        data_parts = (Part(data_points, lambda answer: right_kind(answer) and right_data(answer),
                           f"draw it as a {named} chart (px.{kinds[0]}), then: {data_hint}"),)
    if split is not None:
        data_parts += (Part(1, right_split, split_hint),)
    return Question(qid, expects, _is_figure, (
        Part(1, titled, "give the figure a title (title=\"...\")."),
        Part(1, axes_titled, "give both axes readable titles, in words rather than column names "
                             "(x_title= and y_title= in chart(), or labels= in px)."),
        *data_parts,
    ))


def passage(qid: str, *, source_id: str, span: Callable[[], tuple[int, int]], hint: str,
            expects: str = "a piece of text (a str) copied from the text", min_length: int = 15,
            verbatim_hint: str | None = None, whole: bool = False, slack: int | None = None) -> Question:
    """A sentence or phrase copied exactly from a source text, from the right place in it.

    One point for text that stands in the source word for word (at least `min_length` characters;
    `verbatim_hint` replaces the standard hint), one for covering at least half of the passage
    `span()` = (start, end) character offsets in that source, or 30 characters of a long one: one
    sentence of a long answer is enough, a few words are not. With `whole`, the second point needs
    all of the passage (its last character, a full stop, may be left out), and with `slack` at most
    that many characters of the text around it. What copying adds or changes does not count
    against it: quotation marks around the text, curly or straight quotes, line breaks, doubled
    spaces, and a space before punctuation where a copy joins two cells of a table.
    """
    def located(answer: str) -> list[tuple[int, int]]:
        """Where the answer stands in the source, as (start, end) offsets of the original text."""
        sources = load_sources()
        body = sources.loc[sources["source_id"] == source_id, "text"].iloc[0]
        flat, where = _flattened(body)
        wanted, _ = _flattened(answer.strip().strip(QUOTE_MARKS))
        if len(wanted) < min_length:
            return []
        found, at = [], flat.find(wanted)
        while at != -1:
            found.append((where[at], where[at + len(wanted) - 1] + 1))
            at = flat.find(wanted, at + 1)
        return found

    def right_place(answer: str) -> bool:
        start, end = span()
        if whole:
            return any(begin <= start and stop >= end - 1 and (slack is None or stop - begin <= end - start + slack)
                       for begin, stop in located(answer))
        enough = min((end - start) / 2, ENOUGH_OF_A_PASSAGE)
        return any(min(end, stop) - max(start, begin) >= enough for begin, stop in located(answer))

    return Question(qid, expects, lambda answer: isinstance(answer, str), (
        Part(1, lambda answer: bool(located(answer)),
             verbatim_hint or f"copy at least {min_length} characters exactly as they stand in the "
                              f"{source_id} text: copy and paste them rather than retyping."),
        Part(1, right_place, hint, after_previous=True),
    ))


def _flattened(text: str) -> tuple[str, list[int]]:
    """`text` with plain quotes, single spaces and none before punctuation, and the original offset of
    each character kept."""
    flat, where, space = [], [], False
    for offset, char in enumerate(text.translate(PLAIN)):
        if char.isspace():
            if not space and flat:
                flat.append(" ")
                where.append(offset)
            space = True
            continue
        if space and flat and flat[-1] == " " and char in PUNCTUATION:
            flat.pop()  # "Nur-Sultan , the": a space a copy put between two cells of a table
            where.pop()
        flat.append(char)
        where.append(offset)
        space = False
    while flat and flat[-1] == " ":
        flat.pop()
        where.pop()
    return "".join(flat), where


def _equals(qid: str, reference: Reference | None, digest: str | None) -> Callable[[Any], bool]:
    if (reference is None) == (digest is None):
        raise ValueError(f"question {qid}: give exactly one of reference= or digest=")
    if digest is not None:
        return lambda answer: hashed(qid, answer) == digest
    return lambda answer: canonical(answer) == canonical(reference())


def _single(answer: Any) -> Any:
    """The value inside a one-element Series or array, else the answer itself."""
    if isinstance(answer, (pd.Series, np.ndarray)) and answer.size == 1:
        return answer.item() if isinstance(answer, np.ndarray) else answer.iloc[0]
    return answer


def _is_whole(answer: Any) -> bool:
    return _is_number(answer) and float(answer).is_integer()


def _is_number(answer: Any) -> bool:
    return isinstance(answer, numbers.Real) and not isinstance(answer, (bool, np.bool_))


def _figure_of(answer: Any):
    """The plotly figure itself, also when it comes wrapped in a course `Chart`."""
    return answer.figure if isinstance(answer, Chart) else answer


def _is_figure(answer: Any) -> bool:
    return isinstance(_figure_of(answer), BaseFigure)


def _tally(mapping) -> dict[str, str]:
    """A {label: count} mapping (dict or Series) with canonical labels and values.

    A label counted 0 times is left out: listing it (as a crosstab or a reindex does) says the
    same as not listing it.
    """
    items = mapping.items() if isinstance(mapping, (dict, pd.Series)) else mapping
    return {canonical(label): canonical(value) for label, value in items if canonical(value) != "0"}


def _right_labels(answer, expected) -> bool:
    """Every label that should be counted is there, and nothing counted is extra (zeros may be listed)."""
    listed = {canonical(label) for label in (answer.keys() if isinstance(answer, dict) else answer.index)}
    return set(_tally(answer)) <= set(_tally(expected)) <= listed


def _plotted(fig, *, by_trace: bool = False) -> dict:
    """The values a figure shows per category, summed over its traces (or per (trace name, category))."""
    totals: Counter = Counter()
    for trace in fig.data:
        horizontal = getattr(trace, "orientation", None) == "h"
        x, y = _unpacked(trace.x), _unpacked(trace.y)
        labels, values = (y, x) if horizontal else (x, y)
        name = canonical(trace.name)
        key = (lambda label, name=name: (name, canonical(label))) if by_trace else canonical
        if trace.type == "histogram" and (values is None or trace.histfunc in (None, "count")):
            totals.update(key(label) for label in labels)  # raw values, counted by plotly when it draws
        elif trace.type == "histogram" and trace.histfunc != "sum":
            return {}  # an average or a maximum is not a count or a total: no reference matches it
        else:
            for label, value in zip(labels, values):
                totals[key(label)] += float(value)
    return {label: float(value) for label, value in totals.items()}


def _unpacked(values):
    """A trace's values; plotly stores numbers of a copied or reloaded figure packed in base64."""
    if isinstance(values, dict) and "bdata" in values:
        array = np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"])
        return array.reshape(values["shape"]) if "shape" in values else array
    return values


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with any named index levels turned back into columns."""
    if any(name is not None for name in frame.index.names):
        return frame.reset_index()
    return frame


def _rows(frame: pd.DataFrame, columns: tuple[str, ...], ordered: bool) -> list[tuple[str, ...]]:
    rows = [tuple(canonical(value) for value in row) for row in frame[list(columns)].itertuples(index=False)]
    return rows if ordered else sorted(rows)
