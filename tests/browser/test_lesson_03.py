"""Lesson 03 in a real JupyterLab: the notebook runs, every figure draws, the chain explorer answers.

Unit tests call CensorshipChain.update() directly; only a browser shows that choosing a case or a
stage reaches the kernel and comes back as a new sentence, new stage cards and a redrawn plotly
figure. Each step waits for the page to change, so an explorer whose observers do nothing fails.
"""

from __future__ import annotations

import re

import pytest
from axecheck import assert_course_accessible
from labdriver import expect_every_output_figure_drawn, open_and_run_all, text_of
from playwright.sync_api import expect

LESSON = "notebooks/03-Who-Decides-What-Is-Shown.ipynb"
WAIT_MS = 15_000  # one kernel round trip per change; generous for a loaded CI machine
FIRST_CASE = "Welcome to the USA, 2019–2020"
OTHER_CASE = "Lightyear, 2022"
# Figures drawn inside the explorer's Output widget live in the widget's state, not in the
# notebook's cell outputs: the chain figure is one.
FIGURES_IN_WIDGETS = 1


@pytest.mark.browser
def test_chain_explorer_follows_the_student(lab_server, page, tmp_path):
    open_and_run_all(page, lab_server.base_url, lab_server.token, LESSON)

    explorer = page.locator(".coursekit-censorship-chain")
    expect(explorer, "the chain explorer did not render").to_be_visible(timeout=WAIT_MS)
    explorer.scroll_into_view_if_needed()
    case = explorer.locator(".coursekit-chain-case select")
    stage = explorer.locator(".coursekit-chain-stage")
    summary = explorer.locator(".coursekit-chain-summary")
    details = explorer.locator(".coursekit-chain-details")
    cards = details.locator(".coursekit-chain-card")
    title = explorer.locator(".coursekit-chain-figure .js-plotly-plot .gtitle")
    expect(explorer.locator(".coursekit-chain-case label")).to_have_text("Case")
    expect(stage.locator("label").first).to_have_text("Stage")

    # It opens on the lesson's case, with all five stages, a sentence and a drawn figure.
    expect(summary).to_contain_text(FIRST_CASE, timeout=WAIT_MS)
    expect(summary).to_contain_text("narrowed")
    expect(cards).to_have_count(5)
    expect(title).to_have_text(f"The chain for {FIRST_CASE}", timeout=WAIT_MS)
    first_summary, first_details = text_of(summary), text_of(details)

    # Every plotly figure drew: the notebook's outputs plus the one inside the explorer.
    expect_every_output_figure_drawn(page, at_least=1)
    explorer.scroll_into_view_if_needed()
    expect(explorer.locator(".js-plotly-plot:has(.main-svg)")).to_have_count(FIGURES_IN_WIDGETS, timeout=WAIT_MS)

    # Another case: the sentence, the stage cards and the figure all change.
    case.select_option(label=OTHER_CASE)
    expect(summary).to_contain_text(OTHER_CASE, timeout=WAIT_MS)
    expect(summary).to_contain_text(re.compile(r"was stopped at screening"))
    expect(title).to_have_text(f"The chain for {OTHER_CASE}", timeout=WAIT_MS)
    expect(details).to_contain_text("6+")
    assert text_of(summary) != first_summary and text_of(details) != first_details
    labels = explorer.locator(".coursekit-chain-figure .js-plotly-plot .textpoint")
    expect(labels).to_have_count(5)  # one outcome label per stage
    expect(labels.filter(has_text="blocked")).to_have_count(2)

    # One stage: only its card is left, and the figure shades it.
    stage.get_by_role("button", name="Screening").click()
    expect(cards).to_have_count(1, timeout=WAIT_MS)
    expect(cards).to_contain_text("Screening")
    expect(cards).to_contain_text("blocked")
    expect(explorer.locator(".coursekit-chain-figure .shapelayer path")).to_have_count(1, timeout=WAIT_MS)

    # Step on with the button: the next stage's card.
    explorer.locator(".coursekit-chain-next button, button.coursekit-chain-next").first.click()
    expect(cards).to_have_count(1, timeout=WAIT_MS)
    expect(cards).to_contain_text("Audience", timeout=WAIT_MS)

    shot = tmp_path / "lesson-03.png"
    page.screenshot(path=str(shot))
    print(f"\nScreenshot: {shot}")

    # Last, with the notebook run and the explorer used: no accessibility violation in our content.
    assert_course_accessible(page, tmp_path, "lesson-03")
