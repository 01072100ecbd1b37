"""Lesson 07 in a real JupyterLab: the notebook runs, every figure draws, the theme explorer answers.

Unit tests call ThemeExplorer.update() directly; only a browser shows that choosing a theme
reaches the kernel and comes back as a new count sentence, a redrawn plotly figure and new marked
passages. Each step waits for the page to change, so an explorer whose observers do nothing fails.
"""

from __future__ import annotations

import re

import pytest
from axecheck import assert_course_accessible
from labdriver import expect_every_output_figure_drawn, open_and_run_all, text_of
from playwright.sync_api import expect

LESSON = "notebooks/07-Texts-as-Data.ipynb"
WAIT_MS = 15_000  # one kernel round trip per change; generous for a loaded CI machine
# Figures drawn inside the explorer's Output widget live in the widget's state, not in the
# notebook's cell outputs: the theme chart is one.
FIGURES_IN_WIDGETS = 1


@pytest.mark.browser
def test_theme_explorer_follows_the_student(lab_server, page, tmp_path):
    open_and_run_all(page, lab_server.base_url, lab_server.token, LESSON)

    explorer = page.locator(".coursekit-theme-explorer")
    expect(explorer, "the theme explorer did not render").to_be_visible(timeout=WAIT_MS)
    explorer.scroll_into_view_if_needed()
    theme = explorer.locator(".coursekit-themes-theme select")
    count = explorer.locator(".coursekit-themes-count")
    passages = explorer.locator(".coursekit-themes-passages")
    marks = passages.locator("mark")
    title = explorer.locator(".coursekit-themes-chart .js-plotly-plot .gtitle")
    expect(explorer.locator(".coursekit-themes-theme label")).to_have_text("Theme")

    # It opens on the lesson's theme: a count sentence, marked passages and a drawn figure.
    expect(count).to_contain_text(re.compile(r"censorship: \d+ matches in \d+ sentences"), timeout=WAIT_MS)
    expect(title).to_contain_text("Censorship: matches per 1,000 words", timeout=WAIT_MS)
    expect(marks.first).to_be_visible(timeout=WAIT_MS)
    expect(passages).to_contain_text("Ministry of Culture")
    first_count, first_passages = text_of(count), text_of(passages)

    # Every plotly figure drew: the notebook's outputs plus the one inside the explorer.
    expect_every_output_figure_drawn(page, at_least=2)
    explorer.scroll_into_view_if_needed()
    expect(explorer.locator(".js-plotly-plot:has(.main-svg)")).to_have_count(FIGURES_IN_WIDGETS, timeout=WAIT_MS)

    # Another theme: the sentence, the figure and the passages all change.
    labels = [text_of(option) for option in theme.locator("option").all()]
    emigration = next(label for label in labels if label.startswith("emigration"))
    theme.select_option(label=emigration)
    expect(count).to_contain_text(re.compile(r"emigration: \d+ matches"), timeout=WAIT_MS)
    expect(title).to_contain_text("Emigration: matches per 1,000 words", timeout=WAIT_MS)
    expect(passages).to_contain_text("green card lottery", timeout=WAIT_MS)
    expect(marks.filter(has_text=re.compile(r"^leave$"))).not_to_have_count(0)
    assert text_of(count) != first_count and text_of(passages) != first_passages
    bars = explorer.locator(".coursekit-themes-chart .js-plotly-plot .bars .point")
    expect(bars).to_have_count(3)  # one bar per text

    shot = tmp_path / "lesson-07.png"
    page.screenshot(path=str(shot))
    print(f"\nScreenshot: {shot}")

    # Last, with the notebook run and the explorer used: no accessibility violation in our content.
    assert_course_accessible(page, tmp_path, "lesson-07")
