"""Lesson 01 in a real JupyterLab: the notebook runs, the quote comparer answers, the charts draw.

Unit tests call QuoteComparer.update() directly; only a browser shows that the widgets render in
JupyterLab and that choosing a quote in the dropdown reaches the kernel and comes back. Each step
waits for the side-by-side panel to change, so a comparer whose observers do nothing fails here.
"""

from __future__ import annotations

import pytest
from axecheck import assert_course_accessible
from labdriver import (
    cell_starting,
    expect_every_output_figure_drawn,
    open_and_run_all,
    scroll_to_cell,
    text_of,
)
from playwright.sync_api import expect

LESSON = "notebooks/01-Reading-the-Sources.ipynb"
WAIT_MS = 15_000  # one kernel round trip per change; generous for a loaded CI machine
ONE_SOURCE = "klassiki: “I’d say Todd Haynes’s Carol (2016) for queer films.”"
TWO_SOURCES = "calvert + review: “We don’t call movies with straight protagonists"


@pytest.mark.browser
def test_quote_comparer_follows_the_dropdown_and_charts_draw(lab_server, page, tmp_path):
    open_and_run_all(page, lab_server.base_url, lab_server.token, LESSON)

    # Every plotly output in the notebook drew an SVG chart.
    expect_every_output_figure_drawn(page, at_least=2)

    # The comparer opens on the lesson's puzzle: one column per text that has the sentence.
    scroll_to_cell(page, cell_starting(page, "# The quote comparer"))
    comparer = page.locator(".coursekit-quote-comparer")
    expect(comparer, "the quote comparer did not render").to_be_visible(timeout=WAIT_MS)
    comparer.scroll_into_view_if_needed()
    expect(comparer.locator(".coursekit-comparer-quote label")).to_have_text("Quote")
    expect(comparer.locator(".coursekit-comparer-context label")).to_have_text("Context")
    dropdown = comparer.locator(".coursekit-comparer-quote select")
    status = comparer.locator(".coursekit-comparer-status")
    cols = comparer.locator(".coursekit-comparer-column")
    expect(cols).to_have_count(2, timeout=WAIT_MS)
    expect(status).to_contain_text("In 2 texts")
    initial_status = text_of(status)
    expect(cols.first).to_contain_text("journalist's own narration")

    # Another quote, present in one text only: one column, and a sentence saying so.
    dropdown.select_option(label=ONE_SOURCE)
    expect(cols).to_have_count(1, timeout=WAIT_MS)
    expect(status).to_contain_text("appears only in klassiki")
    assert text_of(status) != initial_status

    # A quote in two texts that differ: two columns, the differences marked with a text cue.
    # (ipywidgets writes the options' spaces as non-breaking spaces; split() folds them.)
    label = next(o for o in dropdown.locator("option").all_text_contents() if " ".join(o.split()).startswith(TWO_SOURCES))
    dropdown.select_option(label=label)
    expect(cols).to_have_count(2, timeout=WAIT_MS)
    expect(status).to_contain_text("3 differences between calvert and review")
    expect(cols.first.locator("del")).to_have_count(3)
    expect(cols.nth(1).locator(".coursekit-comparer-change")).to_have_text(["[+\u00a0.]"])
    expect(cols.nth(1).locator("ins")).to_have_text(["."])

    shot = tmp_path / "lesson-01.png"
    comparer.scroll_into_view_if_needed()
    page.screenshot(path=str(shot))
    print(f"\nScreenshot: {shot}")

    # Last, with the notebook run and the explorer used: no accessibility violation in our content.
    assert_course_accessible(page, tmp_path, "lesson-01")
