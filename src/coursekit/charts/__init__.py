"""Plotly figures with accessible defaults, shown without plotly's renderer machinery.

Every figure of the course goes through `chart()`, which insists on what a reader who cannot see
the colours, or the figure at all, needs: a title, axis titles, and a one-sentence description
that is printed under the figure. Colours come from the Okabe-Ito palette, which stays distinct
for the common kinds of colour blindness; builders should also vary symbols or labels, so that
colour is never the only carrier of meaning.

A `Chart` displays itself as plotly's JSON mimetype (what JupyterLab's plotly extension draws),
followed by its description. It builds that output directly instead of calling `fig.show()`:
plotly's renderer module imports nbformat, which costs over a second in an environment with
JupyterLab, and in a notebook its default renderer would also embed all of plotly.js (~5 MB) in
the saved file.

The figure builders of each lesson live in the submodules (one per kind of chart).
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from html import escape

import plotly.graph_objects as go
from plotly.colors import qualitative

from ..errors import CourseError

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
# deficiency. Black is last so that it is used only when seven colours are not enough.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "cross", "x", "star", "hexagon")
# plotly express gives each category a colour of its own default sequence as it builds the figure,
# so a layout colorway set afterwards no longer reaches those traces: chart() swaps them.
EXPRESS_DEFAULT = tuple(c.lower() for c in qualitative.Plotly)
MIMETYPE = "application/vnd.plotly.v1+json"
CONFIG = {"displaylogo": False, "responsive": True}
MAX_DESCRIPTION_CHARS = 400
HOVER_WIDTH = 60  # characters per line of text in a hover box
# Trace types drawn without x and y axes; any other trace puts axes on the figure.
AXISLESS = frozenset({"scattergeo", "choropleth", "pie", "sunburst", "treemap", "icicle", "sankey", "table",
                      "funnelarea", "indicator", "parcats", "parcoords"})


class ChartError(CourseError, ValueError):
    """A figure that lacks something every course figure must have."""


@dataclass(frozen=True)
class Chart:
    """A plotly figure with its one-sentence description; displays both in a notebook."""

    figure: go.Figure
    description: str

    @property
    def title(self) -> str:
        return self.figure.layout.title.text or ""

    def mimebundle(self) -> dict:
        """The figure as plotly's mimetype output, with the description as its plain-text form."""
        payload = json.loads(self.figure.to_json())
        payload["config"] = dict(CONFIG)
        return {MIMETYPE: payload, "text/plain": f"{self.title}. {self.description}"}

    def description_html(self) -> str:
        return f'<p class="coursekit-figure-description"><b>Figure:</b> {escape(self.description)}</p>'

    def outputs(self) -> tuple[dict, dict]:
        """The figure and its description as the outputs of an ipywidgets `Output`.

        Explorers assign these to `output.outputs` in one step rather than calling `display()`
        inside `with output:`, which works only in a running kernel: the old chart is replaced at
        once, and a test without a kernel sees exactly what the browser will draw.
        """
        description = {"text/html": self.description_html(), "text/plain": self.description}
        return tuple({"output_type": "display_data", "data": data, "metadata": {}}
                     for data in (self.mimebundle(), description))

    def _ipython_display_(self) -> None:
        from IPython.display import HTML, display

        display(self.mimebundle(), raw=True)
        display(HTML(self.description_html()))


def hover_text(text: str, width: int = HOVER_WIDTH) -> str:
    """A long sentence broken into lines for a hover box (plotly does not wrap it)."""
    lines = textwrap.wrap(str(text), width, break_long_words=False, break_on_hyphens=False)
    return "<br>".join(lines) or " "


def chart(
    figure: go.Figure,
    *,
    title: str,
    description: str,
    x_title: str | None = None,
    y_title: str | None = None,
) -> Chart:
    """Give `figure` the course's look and check it is accessible; return it as a `Chart`.

    Figures with x and y axes need both axis titles; maps (geo subplots) need none.
    """
    if not title or not title.strip():
        raise ChartError("Every figure needs a title: say what it shows.")
    _check_description(description)
    has_axes = not figure.data or any(trace.type not in AXISLESS for trace in figure.data)
    if has_axes and not (x_title and y_title):
        raise ChartError(f"The figure '{title}' has axes, so it needs x_title and y_title.")
    figure.update_layout(
        title={"text": title, "x": 0.01, "xanchor": "left"},
        template="plotly_white",
        colorway=list(PALETTE),
        font={"size": 14},
        hoverlabel={"align": "left"},
        margin={"l": 60, "r": 20, "t": 60, "b": 50},
    )
    _use_palette(figure)
    if has_axes:
        figure.update_xaxes(title_text=x_title)
        figure.update_yaxes(title_text=y_title)
    return Chart(figure, description.strip())


def text_colour(fill: str, *, patterned: bool = False) -> str:
    """Black or white, whichever contrasts more with `fill`: the colour of a label inside a bar.

    WCAG asks 4.5:1 for small text. On the palette, black reaches it on every colour but blue
    (#0072B2, 4.05:1) and black, where white does (5.19:1 on blue); white fails on green and
    vermilion. A `patterned` bar is drawn with white marks, which would swallow a white label, so
    its label is always black.
    """
    def luminance(colour: str) -> float:
        channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    lum = luminance(fill)
    return "#000000" if patterned or (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#ffffff"


def _use_palette(figure: go.Figure) -> None:
    """Replace plotly express's default category colours by the palette's, keeping their order.

    The express defaults are not safe for colour-blind readers (its blue and purple look alike
    without red-green vision). Any other colour a builder chose is left alone; so is a builder's
    choice of an express default, which cannot be told apart from express's own. A ninth and tenth
    category keep express's colours: the palette has eight.
    """
    swap = dict(zip(EXPRESS_DEFAULT, PALETTE))
    for trace in figure.data:
        for part in ("marker", "line"):
            style = getattr(trace, part, None) if part in trace else None
            colour = getattr(style, "color", None) if style is not None else None
            if isinstance(colour, str) and colour.lower() in swap:
                style.color = swap[colour.lower()]


def _check_description(description: str) -> None:
    text = (description or "").strip()
    if not text:
        raise ChartError("Every figure needs a one-sentence description for readers who cannot see it.")
    if len(text) > MAX_DESCRIPTION_CHARS:
        raise ChartError(f"A figure description is one sentence of at most {MAX_DESCRIPTION_CHARS} characters; "
                         f"this one has {len(text)}.")
    if "\n" in text or not text.endswith("."):
        raise ChartError("A figure description is one sentence on one line, ending with a full stop.")
