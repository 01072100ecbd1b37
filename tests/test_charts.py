"""The accessible defaults every course figure gets from coursekit.charts.chart()."""

import subprocess
import sys

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import pytest
from IPython.core.interactiveshell import InteractiveShell

from coursekit.charts import MIMETYPE, PALETTE, ChartError, chart, text_colour


def bars() -> go.Figure:
    return go.Figure(go.Bar(x=["review", "calvert"], y=[3, 5]))


def test_a_chart_gets_title_axis_titles_and_the_palette():
    result = chart(bars(), title="Quotes per text", description="Calvert quotes the director more often.",
                   x_title="text", y_title="quotes")
    layout = result.figure.layout
    assert layout.title.text == "Quotes per text"
    assert layout.xaxis.title.text == "text" and layout.yaxis.title.text == "quotes"
    assert tuple(layout.colorway) == PALETTE


@pytest.mark.parametrize("title", ["", "   ", None])
def test_a_chart_needs_a_title(title):
    with pytest.raises(ChartError, match="title"):
        chart(bars(), title=title, description="A bar chart.", x_title="x", y_title="y")


@pytest.mark.parametrize("description, problem", [
    ("", "description"),
    ("No full stop", "full stop"),
    ("Two lines.\nReally.", "one line"),
    ("Long. " * 100, "at most"),
])
def test_a_chart_needs_a_one_sentence_description(description, problem):
    with pytest.raises(ChartError, match=problem):
        chart(bars(), title="T", description=description, x_title="x", y_title="y")


def test_a_chart_with_axes_needs_both_axis_titles():
    with pytest.raises(ChartError, match="x_title and y_title"):
        chart(bars(), title="T", description="A bar chart.", x_title="text")


def test_a_map_or_a_flow_needs_no_axis_titles():
    for figure in (go.Figure(go.Scattergeo(lon=[76.9], lat=[43.2])), go.Figure(go.Sankey())):
        assert chart(figure, title="Where", description="One place.").title == "Where"


def test_the_palette_is_okabe_ito_and_distinct():
    assert len(set(PALETTE)) == len(PALETTE) == 8
    assert PALETTE[0] == "#0072B2"


def test_display_shows_the_figure_as_plotly_json_then_the_description():
    """In a notebook, a Chart shows plotly's mimetype output, then its description."""
    shown = []
    shell = InteractiveShell.instance()
    shell.display_pub.publish = lambda data, metadata=None, **kw: shown.append(data)
    try:
        result = chart(bars(), title="Quotes per text", description="Calvert quotes her more.",
                       x_title="text", y_title="quotes")
        result._ipython_display_()
    finally:
        InteractiveShell.clear_instance()
    assert len(shown) == 2
    figure, description = shown
    assert figure[MIMETYPE]["layout"]["title"]["text"] == "Quotes per text"
    assert figure[MIMETYPE]["config"]["displaylogo"] is False
    assert figure["text/plain"] == "Quotes per text. Calvert quotes her more."
    assert "Calvert quotes her more." in description["text/html"]
    assert "coursekit-figure-description" in description["text/html"]


def test_an_explorer_output_holds_the_same_figure_and_description_as_a_displayed_chart():
    """Explorers assign chart.outputs() to an Output widget; it must match what display shows."""
    result = chart(bars(), title="Quotes per text", description="Calvert quotes her more.",
                   x_title="text", y_title="quotes")
    figure, description = result.outputs()
    assert {figure["output_type"], description["output_type"]} == {"display_data"}
    assert figure["data"] == result.mimebundle()
    assert description["data"]["text/html"] == result.description_html()
    assert description["data"]["text/plain"] == "Calvert quotes her more."


def test_description_is_escaped():
    result = chart(bars(), title="T", description="Fewer <b>than</b> five.", x_title="x", y_title="y")
    assert "&lt;b&gt;than&lt;/b&gt;" in result.description_html()


def test_a_chart_is_encoded_without_plotly_renderers_or_nbformat():
    """Plotly's renderer module imports nbformat, which costs over a second with JupyterLab
    installed; a fresh interpreter shows whether building and encoding a chart pulls it in."""
    code = ("import sys, plotly.graph_objects as go\n"
            "from coursekit.charts import chart\n"
            "c = chart(go.Figure(go.Bar(x=[1], y=[1])), title='t', description='d.', x_title='x', y_title='y')\n"
            "c.mimebundle()\n"
            "print(sorted(m for m in ('plotly.io._renderers', 'nbformat') if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_plotly_express_default_colours_become_the_palette_in_order():
    """px colours categories itself as it builds; chart() must still give them the safe palette."""
    frame = pd.DataFrame({"side": ["go", "stay", "both"], "n": [3, 2, 1]})
    figure = chart(px.bar(frame, x="side", y="n", color="side"), title="T", description="D.", x_title="X", y_title="Y")
    assert [t.marker.color for t in figure.figure.data] == list(PALETTE[:3])


def test_colours_a_builder_chose_are_kept():
    figure = go.Figure(go.Bar(x=[1], y=[1], marker_color="#123456"))
    assert chart(figure, title="T", description="D.", x_title="X", y_title="Y").figure.data[0].marker.color == "#123456"


def test_a_label_inside_a_bar_takes_the_more_readable_of_black_and_white():
    """WCAG's 4.5:1 for small text: white only on the palette's blue (and black), black elsewhere."""
    chosen = {colour: text_colour(colour) for colour in PALETTE}
    assert chosen == {c: "#ffffff" if c in ("#0072B2", "#000000") else "#000000" for c in PALETTE}
    assert text_colour("#ffffff") == "#000000" and text_colour("#333333") == "#ffffff"
    assert text_colour("#0072B2", patterned=True) == "#000000", "white marks would swallow a white label"
