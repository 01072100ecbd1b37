"""Lesson 05 in a real JupyterLab: the notebook runs, every figure draws, the funding explorer answers.

Unit tests call FundingExplorer.update() directly; only a browser shows that choosing a film or a
kind of funder reaches the kernel and comes back as a new sentence, a redrawn plotly figure and a
new list of sources. Each step waits for the page to change, so an explorer whose observers do
nothing fails.
"""

from __future__ import annotations

import pytest
from axecheck import assert_course_accessible
from labdriver import expect_every_output_figure_drawn, open_and_run_all, text_of
from playwright.sync_api import expect

LESSON = "notebooks/05-Money-and-Independence.ipynb"
WAIT_MS = 15_000  # one kernel round trip per change; generous for a loaded CI machine
FIRST_FILM = "Bikechess (2024)"
OTHER_FILM = "Welcome to the USA (2019)"
# The overview chart is the notebook's one plotly output; the explorer's chart lives in its widget.
FIGURES_IN_OUTPUTS = 1
FIGURES_IN_WIDGETS = 1


@pytest.mark.browser
def test_funding_explorer_follows_the_student(lab_server, page, tmp_path):
    open_and_run_all(page, lab_server.base_url, lab_server.token, LESSON)

    explorer = page.locator(".coursekit-funding-explorer")
    expect(explorer, "the funding explorer did not render").to_be_visible(timeout=WAIT_MS)
    film = explorer.locator(".coursekit-funding-film select")
    kind = explorer.locator(".coursekit-funding-kind select")
    summary = explorer.locator(".coursekit-funding-summary")
    sources = explorer.locator(".coursekit-funding-sources")
    figure = explorer.locator(".coursekit-funding-figure")
    title = figure.locator(".js-plotly-plot .gtitle")
    expect(explorer.locator(".coursekit-funding-film label")).to_have_text("Film or scheme")
    expect(explorer.locator(".coursekit-funding-kind label")).to_have_text("Funder")

    # Every plotly figure drew: the notebook's overview chart, then the explorer's.
    assert expect_every_output_figure_drawn(page, at_least=FIGURES_IN_OUTPUTS) == FIGURES_IN_OUTPUTS
    explorer.scroll_into_view_if_needed()
    expect(figure.locator(".js-plotly-plot:has(.main-svg)")).to_have_count(FIGURES_IN_WIDGETS, timeout=WAIT_MS)

    # It opens on Bikechess: four sources, the prize as a bar in euros, its sources listed.
    expect(summary).to_contain_text(f"4 money sources for {FIRST_FILM}", timeout=WAIT_MS)
    expect(title).to_have_text(f"Where the money came from: {FIRST_FILM}", timeout=WAIT_MS)
    expect(figure.locator(".barlayer .point")).to_have_count(1)
    expect(sources.locator("li")).to_have_count(4)  # the klassiki text and three web pages
    first_summary, first_sources = text_of(summary), text_of(sources)
    explorer.screenshot(path=str(tmp_path / "lesson-05-explorer.png"))

    # Another film: the sentence, the figure and the sources all change; no bars, only "not stated".
    film.select_option(label=OTHER_FILM)
    expect(summary).to_contain_text("1 received and 2 not obtained", timeout=WAIT_MS)
    expect(title).to_have_text(f"Where the money came from: {OTHER_FILM}", timeout=WAIT_MS)
    expect(figure.locator(".barlayer .point")).to_have_count(0)
    expect(figure.locator(".textpoint").filter(has_text="amount not stated")).to_have_count(3)
    assert text_of(summary) != first_summary and text_of(sources) != first_sources

    # A kind of funder with no money for this film: advice, and the figure and sources are cleared.
    kind.select_option(label="festival prize")
    expect(summary).to_contain_text("no money from festival prizes", timeout=WAIT_MS)
    expect(figure.locator(".js-plotly-plot")).to_have_count(0, timeout=WAIT_MS)
    expect(sources.locator("li")).to_have_count(0)

    # No film: the same kind across every film, drawn again.
    film.select_option(label="Choose a film or scheme…")
    expect(summary).to_contain_text("1 money source from festival prizes", timeout=WAIT_MS)
    expect(title).to_have_text("Where the money came from: money from festival prizes", timeout=WAIT_MS)

    shot = tmp_path / "lesson-05.png"
    page.screenshot(path=str(shot), full_page=False)
    print(f"\nScreenshot: {shot}")

    # Last, with the notebook run and the explorer used: no accessibility violation in our content.
    assert_course_accessible(page, tmp_path, "lesson-05")
