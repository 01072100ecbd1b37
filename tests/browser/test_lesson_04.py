"""Lesson 04 in a real JupyterLab: the notebook runs, every figure draws, the rights timeline answers.

Unit tests call RightsTimeline.update() directly; only a browser shows that ticking a country or a
kind reaches the kernel and comes back as a new count, a redrawn chart and a new list of sources.
Each step waits for the page to change, so an explorer whose observers do nothing fails.
"""

from __future__ import annotations

import re

import pytest
from axecheck import assert_course_accessible
from labdriver import expect_every_output_figure_drawn, open_and_run_all, text_of
from playwright.sync_api import expect

LESSON = "notebooks/04-Queer-Lives-on-Screen.ipynb"
WAIT_MS = 15_000  # one kernel round trip per change; generous for a loaded CI machine
COUNT = re.compile(r"(\d+) events? in (\d+) countr(?:y|ies)")
COUNTRIES = ["Kazakhstan", "Russia", "Georgia", "Kyrgyzstan"]  # those the lesson opens the explorer on


def _counted(count) -> tuple[int, int]:
    match = COUNT.search(text_of(count))
    assert match, f"the count should say how many events and countries are shown, but reads: {text_of(count)!r}"
    return int(match.group(1)), int(match.group(2))


@pytest.mark.browser
def test_rights_timeline_follows_the_student(lab_server, page, tmp_path):
    open_and_run_all(page, lab_server.base_url, lab_server.token, LESSON)

    # The overview figure among the notebook's outputs drew; the explorer's chart is checked below.
    assert expect_every_output_figure_drawn(page, at_least=1) == 1, "the lesson has one figure among its outputs"

    explorer = page.locator(".coursekit-rights-explorer")
    expect(explorer, "the rights timeline did not render").to_be_visible(timeout=WAIT_MS)
    explorer.scroll_into_view_if_needed()
    count = explorer.locator(".coursekit-rights-count")
    points = explorer.locator(".coursekit-rights-chart .js-plotly-plot .scatterlayer path.point")
    links = explorer.locator(".coursekit-rights-table a[href^='http']")
    expect(explorer.locator(".coursekit-rights-years label")).to_have_text("Years")
    expect(explorer.locator(".coursekit-rights-kind-court_ruling")).to_contain_text("court ruling")

    # It opens on the laws of four countries: one point and one source link per event.
    expect(count).to_contain_text(COUNT, timeout=WAIT_MS)
    laws, countries = _counted(count)
    assert countries == len(COUNTRIES) and laws > 0
    expect(explorer.locator(".coursekit-rights-chart .js-plotly-plot:has(.main-svg)")).to_have_count(1, timeout=WAIT_MS)
    expect(points).to_have_count(laws, timeout=WAIT_MS)
    expect(links).to_have_count(laws)
    for country in COUNTRIES:
        expect(explorer.locator(f".coursekit-rights-country-{country.lower()} input")).to_be_checked()

    # Tick attacks: more events, and the chart and the list follow.
    before = text_of(count)
    explorer.locator(".coursekit-rights-kind-attack input[type=checkbox]").check()
    expect(count).not_to_have_text(before, timeout=WAIT_MS)
    expect(count).to_contain_text("attack")
    more, _ = _counted(count)
    assert more > laws, (laws, more)
    expect(points).to_have_count(more, timeout=WAIT_MS)
    expect(links).to_have_count(more)
    expect(explorer.locator(".coursekit-rights-table")).to_contain_text("Lesbian Kurultai")

    # Untick every country but Georgia, one round trip at a time: only Georgia's events are left.
    for country in ["Kazakhstan", "Russia", "Kyrgyzstan"]:
        before = text_of(count)
        explorer.locator(f".coursekit-rights-country-{country.lower()} input[type=checkbox]").uncheck()
        expect(count).not_to_have_text(before, timeout=WAIT_MS)
    georgia, one = _counted(count)
    assert one == 1 and 0 < georgia < more, (georgia, more)
    expect(points).to_have_count(georgia, timeout=WAIT_MS)
    rows = explorer.locator(".coursekit-rights-table tbody tr")
    expect(rows).to_have_count(georgia)
    for i in range(georgia):
        expect(rows.nth(i)).to_contain_text("Georgia")

    # Untick the last country: advice instead of a chart.
    explorer.locator(".coursekit-rights-country-georgia input[type=checkbox]").uncheck()
    expect(count).to_contain_text("Tick at least one country", timeout=WAIT_MS)
    expect(explorer.locator(".coursekit-rights-chart .js-plotly-plot")).to_have_count(0, timeout=WAIT_MS)
    expect(links).to_have_count(0)

    explorer.scroll_into_view_if_needed()
    shot = tmp_path / "lesson-04.png"
    page.screenshot(path=str(shot))
    print(f"\nScreenshot: {shot}")

    # Last, with the notebook run and the explorer used: no accessibility violation in our content.
    assert_course_accessible(page, tmp_path, "lesson-04")
