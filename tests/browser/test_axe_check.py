"""The accessibility check itself, on small pages of known problems: it must be able to fail.

Most tests need no JupyterLab: each writes a page with `page.set_content`, the course's part of it
inside a `.jp-OutputArea-output` as in a notebook, and reads what axecheck reports. The last one
runs a notebook of planted faults in the real JupyterLab, through the same scan the lesson tests use.
"""

from __future__ import annotations

import nbformat
import pytest
from axecheck import (
    SVG_TEXT_RULE,
    Exclusion,
    assert_course_accessible,
    check_context,
    check_page,
    rule_counts,
)
from labdriver import open_and_run_all

PIXEL = "data:image/gif;base64,R0lGODlhAQABAAAAACw="  # a 1x1 image, so nothing is fetched

# A stand-in for a plotly figure: two bars under their value labels, drawn the way plotly draws
# them (an SVG with class main-svg inside .js-plotly-plot; texts after the shapes they sit on; a
# clip path, whose rect is geometry, not paint, over the whole figure).
FIGURE = """
<div class="js-plotly-plot"><svg class="main-svg" width="300" height="120" style="background: rgb(255, 255, 255)">
  <defs><clipPath id="plot-area"><rect x="0" y="0" width="300" height="120"></rect></clipPath></defs>
  <text class="gtitle" x="10" y="20" fill="rgb(42, 63, 95)" font-size="14">Matches per text</text>
  <rect x="10" y="40" width="120" height="60" fill="rgb(0, 114, 178)"></rect>
  <text class="bartext" x="40" y="75" fill="{first}" font-size="14">16.7</text>
  <rect x="150" y="40" width="120" height="60" fill="rgb(0, 114, 178)"></rect>
  <text class="bartext" x="180" y="75" fill="{second}" font-size="14">6.8</text>
</svg></div>
"""


def course_page(page, course_html: str, interface_html: str = "") -> None:
    page.set_content(f"<!doctype html><html lang='en'><head><title>Test page</title></head><body><main>"
                     f"{interface_html}<div class='jp-OutputArea-output'>{course_html}</div></main></body></html>")


@pytest.mark.browser
def test_an_image_without_alt_and_a_button_without_a_name_are_reported(page, tmp_path):
    course_page(page, f"<p>A statue, and a button:</p><img src='{PIXEL}'><button></button>")
    report = check_context(page)
    assert {"image-alt", "button-name"} <= set(rule_counts(report.course)), report.summary()
    with pytest.raises(AssertionError, match="image-alt") as failure:
        assert_course_accessible(page, tmp_path, "known-problems", report)
    assert "button-name" in str(failure.value) and "<img" in str(failure.value)
    assert (tmp_path / "axe-known-problems.json").exists()


@pytest.mark.browser
def test_the_same_content_with_alt_text_and_a_named_button_passes(page, tmp_path):
    course_page(page, f"<p>A statue, and a button:</p><img src='{PIXEL}' alt='The statue in Almaty'>"
                      "<button>Next stage</button>")
    report = check_context(page)
    assert report.course == [], report.course_message()
    assert_course_accessible(page, tmp_path, "fixed", report)


@pytest.mark.browser
def test_a_problem_outside_the_course_content_is_only_reported(page):
    """JupyterLab's own interface is reported, never counted against the course."""
    course_page(page, "<p>Fine.</p>", interface_html=f"<img src='{PIXEL}'>")
    report = check_context(page)
    assert "image-alt" in rule_counts(report.interface)
    assert "image-alt" not in rule_counts(report.course)


@pytest.mark.browser
def test_an_exclusion_takes_only_the_elements_its_selector_matches(page):
    course_page(page, "<button class='upstream'></button><button class='ours'></button>")
    upstream = Exclusion("button-name", "button.upstream", "a package's own button, for this test")
    report = check_context(page, exclusions=[upstream])
    assert rule_counts(report.excluded)["button-name"] == 1
    assert rule_counts(report.course)["button-name"] == 1
    assert "ours" in report.course[0].nodes[0].html


@pytest.mark.browser
def test_dark_text_on_a_dark_bar_fails_the_figure_text_check(page):
    """axe leaves plotly's text undecided; the check of our own must catch a label lost in its bar."""
    course_page(page, FIGURE.format(first="rgb(42, 63, 95)", second="rgb(255, 255, 255)"))
    report = check_context(page)
    flagged = [f for f in report.course if f.rule == SVG_TEXT_RULE]
    assert len(flagged) == 1 and len(flagged[0].nodes) == 1, report.summary()
    assert "16.7" in flagged[0].nodes[0].target and "#2a3f5f on #0072b2" in flagged[0].nodes[0].summary
    # The title on white and the white label on the bar pass.
    assert report.course_passes[SVG_TEXT_RULE] == 2


@pytest.mark.browser
def test_light_labels_on_the_bars_pass_the_figure_text_check(page):
    course_page(page, FIGURE.format(first="rgb(255, 255, 255)", second="rgb(255, 255, 255)"))
    report = check_context(page)
    assert SVG_TEXT_RULE not in rule_counts(report.course), report.course_message()
    assert report.course_passes[SVG_TEXT_RULE] == 3


PATTERNED_BAR = """
<div class="js-plotly-plot"><svg class="main-svg" width="300" height="120" style="background: rgb(255, 255, 255)">
  <defs><pattern id="dots" width="8" height="8" patternUnits="userSpaceOnUse">
    <rect width="8" height="8" fill="rgb(0, 158, 115)"></rect><circle cx="4" cy="4" r="2" fill="rgb(255, 255, 255)"></circle>
    <path d="M0,0L8,8" stroke="rgb(255, 255, 255)" opacity="0.5"></path>
  </pattern></defs>
  <path d="M10,40H290V100H10Z" style="fill: url(&quot;#dots&quot;)"></path>
  <text x="100" y="75" fill="{label}" font-size="14">Both or unsure: 2</text>
</svg></div>
"""


@pytest.mark.browser
def test_a_label_on_a_patterned_bar_must_stand_out_from_every_colour_of_the_pattern(page):
    """White on green reads at 3.4:1, and white dots would swallow it: the check must say so.

    The pattern is drawn as plotly draws it: a rect of the bar's colour, dots, and a line that is
    painted by its stroke at half opacity (its default black fill covers no area and must not count).
    """
    course_page(page, PATTERNED_BAR.format(label="rgb(255, 255, 255)"))
    report = check_context(page)
    assert rule_counts(report.course)[SVG_TEXT_RULE] == 1, report.summary()
    assert "#ffffff on #ffffff" in report.course[0].nodes[0].summary

    course_page(page, PATTERNED_BAR.format(label="rgb(0, 0, 0)"))  # 6.1:1 on the green, more on the marks
    report = check_context(page)
    assert SVG_TEXT_RULE not in rule_counts(report.course), report.course_message()
    assert report.course_passes[SVG_TEXT_RULE] == 1


def planted_notebook(root) -> str:
    """A notebook whose faults sit below many screens of text, where a scan must scroll to find them."""
    v4 = nbformat.v4
    filler = [v4.new_markdown_cell(f"## Part {i}\n\n" + "Some ordinary text to read. " * 60) for i in range(25)]
    faults = [
        v4.new_code_cell('from IPython.display import HTML\nHTML("<p>A button:</p><button></button>")'),
        v4.new_code_cell("HTML(\"<p style='color:#bbbbbb'>faint grey text, hard to read</p>\")"),
        v4.new_code_cell("import pandas as pd\npd.DataFrame({'': [1, 2], 'b': [3, 4]})"),
        v4.new_code_cell("import plotly.graph_objects as go\n"
                         "go.Figure(go.Bar(x=['a', 'b'], y=[3, 4], text=['3', '4'], textposition='inside',"
                         " marker_color='#0072B2', textfont_color='#2a3f5f')).update_layout(title='Dark on blue')"),
    ]
    nb = v4.new_notebook(cells=[v4.new_markdown_cell("# Planted faults"), *filler, *faults])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, root / "notebooks" / "planted-faults.ipynb")
    return "notebooks/planted-faults.ipynb"


@pytest.mark.browser
def test_the_notebook_scan_finds_faults_planted_far_down_a_real_notebook(lab_server, page, tmp_path):
    """The scan the lesson tests use (check_page) on a real JupyterLab: each planted fault is the course's."""
    open_and_run_all(page, lab_server.base_url, lab_server.token, planted_notebook(lab_server.root))
    report = check_page(page)
    found = rule_counts(report.course)
    assert {"button-name", "color-contrast", "empty-table-header", SVG_TEXT_RULE} <= set(found), report.summary()
    with pytest.raises(AssertionError, match="button-name"):
        assert_course_accessible(page, tmp_path, "planted", report)
