"""Lesson 06 in a real JupyterLab: the notebook runs, every figure draws, the reasons sorter answers.

Unit tests call ReasonsSorter.update() directly; only a browser shows that a choice made with the
keyboard or the mouse reaches the kernel and comes back as a new count, a drawn plotly figure and,
on request, the comparison with the course's reading. Each step waits for the page to change, so
a sorter whose observers do nothing fails.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from axecheck import assert_course_accessible
from labdriver import expect_every_output_figure_drawn, open_and_run_all, text_of
from playwright.sync_api import expect

LESSON = "notebooks/06-To-Leave-or-to-Stay.ipynb"
WAIT_MS = 15_000  # one kernel round trip per change; generous for a loaded CI machine
REASONS = Path(__file__).resolve().parents[2] / "data" / "reasons.csv"
SIDE_LABELS = {"go": "Go", "stay": "Stay", "both": "Both or unsure"}


def all_reasons() -> list[dict[str, str]]:
    with REASONS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.browser
def test_reasons_sorter_follows_the_student(lab_server, page, tmp_path):
    rows = all_reasons()
    first, second = rows[:2]
    open_and_run_all(page, lab_server.base_url, lab_server.token, LESSON)

    # Every plotly figure among the notebook's outputs drew (the sorter's own appears only once
    # something is sorted).
    expect_every_output_figure_drawn(page, at_least=2)

    sorter = page.locator(".coursekit-reasons-sorter")
    expect(sorter, "the reasons sorter did not render").to_be_visible(timeout=WAIT_MS)
    sorter.scroll_into_view_if_needed()
    summary = sorter.locator(".coursekit-reasons-summary")
    figure = sorter.locator(".coursekit-reasons-figure")
    comparison = sorter.locator(".coursekit-reasons-comparison")
    choices = sorter.locator(".coursekit-reasons-choice")
    cards = sorter.locator(".coursekit-reasons-card")

    # It opens with nothing sorted: advice, no figure, one labelled control per reason.
    expect(summary).to_contain_text("Nothing sorted yet", timeout=WAIT_MS)
    expect(figure.locator(".js-plotly-plot")).to_have_count(0)
    expect(cards).to_have_count(len(rows))
    expect(choices.first.locator("label").first).to_have_text("Sort as")
    expect(cards.first).to_contain_text(first["reason"])

    # Sort the first reason the course's way, with the keyboard only: focus its button, press Space.
    agree = choices.nth(0).get_by_role("button", name=SIDE_LABELS[first["pull"]], exact=True)
    agree.focus()
    page.keyboard.press("Space")
    expect(summary).to_contain_text("1 of", timeout=WAIT_MS)
    expect(summary).to_contain_text(f"1 {SIDE_LABELS[first['pull']].lower()}")
    drawn = figure.locator(".js-plotly-plot:has(.main-svg)")
    expect(drawn).to_have_count(1, timeout=WAIT_MS)
    expect(figure.locator(".gtitle")).to_have_text(f"How you sorted 1 of {len(rows)} reasons", timeout=WAIT_MS)
    after_one = text_of(summary)

    # Sort the second against the course's reading, with the mouse.
    differ = next(side for side in SIDE_LABELS if side != second["pull"])
    choices.nth(1).get_by_role("button", name=SIDE_LABELS[differ], exact=True).click()
    expect(summary).to_contain_text("2 of", timeout=WAIT_MS)
    assert text_of(summary) != after_one
    expect(figure.locator(".gtitle")).to_have_text(f"How you sorted 2 of {len(rows)} reasons", timeout=WAIT_MS)

    # On request, the comparison lists the one reason read differently, as a question, not a mark.
    expect(comparison.locator(".coursekit-reasons-difference")).to_have_count(0)
    sorter.locator(".coursekit-reasons-compare button, button.coursekit-reasons-compare").first.click()
    expect(comparison).to_contain_text("1 of the 2", timeout=WAIT_MS)
    expect(comparison).to_contain_text("Neither reading is the answer")
    expect(comparison.locator(".coursekit-reasons-difference")).to_have_count(1)
    expect(comparison.locator(".coursekit-reasons-difference")).to_contain_text(f"You: {SIDE_LABELS[differ]}")
    expect(figure.locator(".legendtext")).to_have_text(["Your sorting", "The course's reading"], timeout=WAIT_MS)

    shot = tmp_path / "lesson-06.png"
    sorter.scroll_into_view_if_needed()
    page.screenshot(path=str(shot))
    print(f"\nScreenshot: {shot}")

    # Clearing starts again.
    sorter.locator(".coursekit-reasons-reset button, button.coursekit-reasons-reset").first.click()
    expect(summary).to_contain_text("Nothing sorted yet", timeout=WAIT_MS)
    expect(figure.locator(".js-plotly-plot")).to_have_count(0, timeout=WAIT_MS)


    # Last, with the notebook run and the explorer used: no accessibility violation in our content.
    assert_course_accessible(page, tmp_path, "lesson-06")
