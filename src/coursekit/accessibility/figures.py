"""What a built plotly figure offers a reader who cannot see it, or cannot tell its colours apart.

Two checks on figure objects (not on code): `missing_figure_text` wants a title, axis titles and
a description, so a screen-reader user learns what is drawn; `colour_only_categories` wants every
pair of categories that differ in colour to differ in something else too (legend names, labels,
symbols, dashes, patterns or position), because readers with a colour-vision deficiency see some
colours alike. `category_colours` lists the colours a figure uses together, for `colour_vision`
to compare. plotly is imported only when a figure needs its default colours, so the command-line
lint, which reads no figures, does not pay for it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .colour_vision import norm_colour

# --- text for readers who cannot see the figure --------------------------------------------------

AXISLESS_PREFIXES = ("scattergeo", "choropleth", "pie", "sunburst", "treemap", "icicle", "sankey", "table",
                     "funnelarea", "indicator", "parcats", "parcoords", "scatterpolar", "barpolar")


def missing_figure_text(figure: Any, description: str | None) -> list[str]:
    """What a figure lacks for a reader who cannot see it: a title, axis titles, a description.

    `figure` is a plotly figure (or a `Chart`, whose description is used if `description` is None).
    Every x and y axis that a trace uses needs a title, unless another used axis of the same
    direction with the same extent has one (stacked panels share the title of the bottom one).
    """
    if description is None and hasattr(figure, "description"):
        description = figure.description
    figure = getattr(figure, "figure", figure)
    layout = figure.to_plotly_json()["layout"]
    problems = []
    title = (layout.get("title") or {}).get("text") or ""
    if not title.strip():
        problems.append("the figure has no title")
    if not (description or "").strip():
        problems.append("the figure has no text description")
    used: dict[str, set[str]] = {"x": set(), "y": set()}
    for trace in figure.data:
        if trace.type.startswith(AXISLESS_PREFIXES):
            continue
        used["x"].add(_axis_name("x", getattr(trace, "xaxis", None)))
        used["y"].add(_axis_name("y", getattr(trace, "yaxis", None)))
    for letter, axes in used.items():
        titled = {tuple(_axis(layout, a).get("domain") or (0, 1)) for a in axes if _axis_title(layout, a)}
        for axis in sorted(axes):
            if not _axis_title(layout, axis) and tuple(_axis(layout, axis).get("domain") or (0, 1)) not in titled:
                problems.append(f"the {letter} axis ({axis}) has no title")
    return problems


def _axis_name(letter: str, ref: str | None) -> str:
    return f"{letter}axis{(ref or letter)[1:]}"


def _axis(layout: dict, name: str) -> dict:
    return layout.get(name) or {}


def _axis_title(layout: dict, name: str) -> str:
    title = _axis(layout, name).get("title") or {}
    return (title.get("text") if isinstance(title, dict) else str(title)) or ""


# --- colour is never the only carrier of meaning --------------------------------------------------

NUMERIC_LABEL = re.compile(r"^[\s\d.,%+\-−–$€£¥]*$")
ISO_DATE = re.compile(r"^\d{4}(-\d\d){0,2}([ T].*)?$")


@dataclass
class _Category:
    """Marks of one colour within one trace: what besides colour tells them from other marks."""

    label: str
    colour: str
    legend: str | None
    texts: frozenset[str] | None
    symbols: frozenset[str] | None
    patterns: frozenset[str] | None
    dash: str | None
    width: float | None
    mark: str
    places: frozenset


def _values(value: Any, n: int) -> list:
    """A trace attribute as one value per point (a single value is repeated)."""
    if value is None:
        return [None] * n
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
        values = list(value.tolist() if hasattr(value, "tolist") else value)
        return (values + [None] * n)[:n]
    return [value] * n


def _length(value: Any) -> int:
    return 1 if isinstance(value, str) or not hasattr(value, "__len__") else len(value)


def _categorical(values: Iterable) -> bool:
    present = [v for v in values if v is not None]
    return bool(present) and all(isinstance(v, str) and not ISO_DATE.match(v) for v in present)


def _get(item: Any, path: str) -> Any:
    """A property of a plotly trace or layout by its dotted path, or None (also for one it lacks)."""
    head, _, rest = path.partition(".")
    if head not in item:
        return None
    value = item[head]
    return value if not rest or value is None else _get(value, rest)


def _legend_names(traces: Sequence[Any], layout: Any) -> dict[int, str]:
    """The name each trace has in the legend, by trace index (none if no legend is drawn).

    Plotly draws a legend when `showlegend` says so or, by default, when two or more traces have an
    entry. A trace without its own entry takes the name of the entry of its `legendgroup`.
    """
    entries = [i for i, t in enumerate(traces) if _get(t, "showlegend") is not False and _get(t, "name")]
    shown = layout.showlegend
    if shown is False or (shown is None and len(entries) < 2
                          and not any(_get(traces[i], "showlegend") is True for i in entries)):
        return {}
    names = {i: str(traces[i].name) for i in entries}
    groups = {_get(traces[i], "legendgroup"): names[i] for i in entries if _get(traces[i], "legendgroup")}
    for i, trace in enumerate(traces):
        if i not in names and _get(trace, "legendgroup") in groups:
            names[i] = groups[trace.legendgroup]
    return names


def _categories(figure: Any) -> list[_Category]:
    figure = getattr(figure, "figure", figure)
    traces, layout = figure.data, figure.layout
    colourway = layout.colorway or _get(layout, "template.layout.colorway") or _plotly_default_colourway()
    legend = _legend_names(traces, layout)
    found = []
    for index, trace in enumerate(traces):
        if _get(trace, "visible") is False:
            continue
        kind = trace.type
        xs, ys = _get(trace, "x"), _get(trace, "y")
        coords = [c for c in (xs, ys, _get(trace, "lon"), _get(trace, "lat")) if c is not None]
        n = max((_length(c) for c in coords), default=0)
        if n == 0 or all(all(v is None for v in _values(c, n)) for c in coords):
            continue  # a trace with no points (a legend entry only) draws nothing
        is_bar = kind in ("bar", "histogram", "funnel", "waterfall")
        mode = (_get(trace, "mode") or ("markers" if n <= 20 else "lines")) if kind.startswith("scatter") else ""
        mark = f"{kind}:{'bar' if is_bar else 'markers' if 'markers' in mode else 'lines' if 'lines' in mode else 'text'}"
        point_colours = _get(trace, "marker.color")
        if "markers" not in mode and not is_bar and _get(trace, "line.color"):
            point_colours = _get(trace, "line.color")
        if point_colours is not None and not isinstance(point_colours, str) and \
                any(isinstance(c, (int, float)) for c in _values(point_colours, n)):
            continue  # colour on a continuous scale encodes a number, shown by its colour bar: not categories
        default = norm_colour(colourway[index % len(colourway)])
        colours = [norm_colour(c) or default for c in _values(point_colours, n)]
        texts = _values(_get(trace, "text"), n)
        show_text = ("text" in mode) if kind.startswith("scatter") else _get(trace, "textposition") != "none"
        symbols = _values(_get(trace, "marker.symbol"), n) if "markers" in mode else [None] * n
        pattern = _get(trace, "marker.pattern.shape")
        patterns = [None] * n if pattern is None else [p or "solid" for p in _values(pattern, n)]
        if is_bar:
            along = ys if _get(trace, "orientation") == "h" else xs
        else:
            along = ys if ys is not None and _categorical(_values(ys, n)) else \
                xs if xs is not None and _categorical(_values(xs, n)) else None
        positions = _values(along, n)
        subplot = (_get(trace, "xaxis") or "x", _get(trace, "yaxis") or "y", _get(trace, "geo") or "")
        dash = _get(trace, "line.dash")
        width = _get(trace, "line.width")
        by_colour: dict[str, list[int]] = {}
        for point, colour in enumerate(colours):
            by_colour.setdefault(colour, []).append(point)
        for colour, points in by_colour.items():
            def kept(values: list, points: list[int] = points) -> frozenset[str] | None:
                chosen = {str(values[p]) for p in points if values[p] not in (None, "")}
                return frozenset(chosen) or None

            name = trace.name or f"trace {index}"
            found.append(_Category(
                label=name if len(by_colour) == 1 else f"{name} ({colour})",
                colour=colour,
                legend=legend.get(index) if len(by_colour) == 1 else None,
                texts=kept(texts) if show_text else None,
                symbols=kept(symbols),
                patterns=kept(patterns),
                dash=(dash or "solid") if "lines" in mode else None,
                width=float(width or 2) if "lines" in mode and "markers" not in mode else None,
                mark=mark,
                places=frozenset((subplot, positions[p]) for p in points) if along is not None
                else frozenset({subplot}),
            ))
    return found


def _plotly_default_colourway() -> list[str]:
    import plotly.colors

    return list(plotly.colors.qualitative.Plotly)


def _told_apart(a: _Category, b: _Category) -> str | None:
    """How two categories are told apart without colour, or None if only colour separates them."""
    if a.legend and b.legend and a.legend != b.legend:
        return "legend"
    if a.texts and b.texts and not (a.texts & b.texts) and \
            not all(NUMERIC_LABEL.match(t) for t in a.texts | b.texts):
        return "text labels"
    if a.symbols and b.symbols and not (a.symbols & b.symbols):
        return "marker symbols"
    if a.patterns and b.patterns and not (a.patterns & b.patterns):
        return "fill patterns"
    if a.dash and b.dash and a.dash != b.dash:
        return "line dashes"
    if a.width is not None and b.width is not None and a.width != b.width:
        return "line widths"
    if a.mark != b.mark:
        return "kind of mark"
    if not (a.places & b.places):
        return "position"
    return None


def colour_only_categories(figure: Any) -> list[str]:
    """Pairs of categories in `figure` that differ only in colour, each as a sentence.

    A category is the marks of one colour in one trace (a trace, or a part of it when its marker
    colours differ point by point). Two categories of different colours must also differ in one of:
    their names in a drawn legend, their text labels (not numbers alone), marker symbols, fill
    patterns, line dashes or widths, kind of mark, or position (their own subplot, or their own
    places on a category axis). An empty list means colour is never the only cue.
    """
    problems = []
    for a, b in itertools.combinations(_categories(figure), 2):
        if a.colour != b.colour and _told_apart(a, b) is None:
            problems.append(f"“{a.label}” and “{b.label}” differ only in colour ({a.colour} and {b.colour}): "
                            "show a legend with their names, label them, or vary the symbol, dash or pattern")
    return problems


def category_colours(figure: Any) -> list[str]:
    """The colours that set categories apart in `figure` (each once, in drawing order)."""
    return list(dict.fromkeys(c.colour for c in _categories(figure)))

