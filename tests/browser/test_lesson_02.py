"""Lesson 02 in a real JupyterLab: every figure draws offline, and the timeline explorer responds.

Unit tests call TimelineExplorer.update() directly and check the map's figure for anything that
would make plotly.js download its world map; only a browser shows that the maps really draw with
the network blocked, and that the slider and the checkboxes reach the kernel and come back with
a new chart. Each step waits for the plotted points to change, so an explorer whose observers do
nothing fails here.
"""

from __future__ import annotations

import re

import pytest
from axecheck import assert_course_accessible
from labdriver import expect_every_output_figure_drawn, open_and_run_all, text_of
from playwright.sync_api import expect

LESSON = "notebooks/02-Statues-and-Street-Names.ipynb"
WAIT_MS = 15_000  # one kernel round trip per step; generous for a loaded CI machine
EVENTS = re.compile(r"(\d+)\s+events?\b")
YEARS = re.compile(r"in (\d{4}) to (\d{4})")
THEMES = ["film", "politics", "censorship", "queer rights", "funding", "emigration", "cinema industry"]


def _event_count(count) -> int:
    match = EVENTS.search(text_of(count))
    assert match, f"the count should say how many events are shown, but reads: {text_of(count)!r}"
    return int(match.group(1))


@pytest.mark.browser
def test_maps_draw_offline_and_the_timeline_explorer_follows_its_controls(
    lab_server, page, blocked_requests, tmp_path
):
    open_and_run_all(page, lab_server.base_url, lab_server.token, LESSON)

    # Every plotly output of the notebook (the two maps) drew an svg; the explorer's chart, which
    # lives in its widget, is checked below.
    assert expect_every_output_figure_drawn(page, at_least=2) == 2, "the lesson has two maps among its outputs"

    # The maps drew their own borders (long line paths) and their places, with no world map
    # fetched: the page can only reach localhost, and no blocked request was for topojson.
    maps = page.locator(".jp-Notebook .js-plotly-plot:has(.geo)")
    expect(maps).to_have_count(2, timeout=WAIT_MS)
    for i in range(2):
        lines = maps.nth(i).locator(".geo .scatterlayer path.js-line")
        expect(lines.first).to_be_attached(timeout=WAIT_MS)
        longest = max(len(d or "") for d in lines.evaluate_all("paths => paths.map(p => p.getAttribute('d'))"))
        assert longest > 1_000, f"map {i} drew no border of any length ({longest} characters of path)"
        assert maps.nth(i).locator(".geo .scatterlayer path.point").count() >= 10
        maps.nth(i).screenshot(path=str(tmp_path / f"lesson-02-map-{i + 1}.png"))
    fetched_maps = [u for u in blocked_requests.blocked if "topojson" in u or "world_110m" in u]
    assert not fetched_maps, f"a map tried to download its outlines: {fetched_maps}"

    explorer = page.locator(".coursekit-timeline-explorer")
    expect(explorer, "the timeline explorer did not render").to_be_visible(timeout=WAIT_MS)
    explorer.scroll_into_view_if_needed()
    boxes = explorer.locator(".coursekit-timeline-theme")
    expect(boxes).to_have_text(THEMES)
    expect(explorer.locator(".coursekit-timeline-years label")).to_have_text("Years")
    count = explorer.locator(".coursekit-timeline-count")
    points = explorer.locator(".coursekit-timeline-chart .js-plotly-plot .scatterlayer path.point")
    links = explorer.locator(".coursekit-timeline-table a[href^='http']")

    # The lesson opens the explorer on some events: one point and one source link per event.
    expect(count).to_contain_text(EVENTS, timeout=WAIT_MS)
    first = _event_count(count)
    assert first > 0
    expect(points).to_have_count(first, timeout=WAIT_MS)
    expect(links).to_have_count(first)

    # Move the lower end of Years nine years to the right with the keyboard, as a student can.
    # Each key press is a change of its own: wait for the count to name the final range.
    start, end = map(int, YEARS.search(text_of(count)).groups())
    handle = explorer.locator(".coursekit-timeline-years .noUi-handle-lower")
    handle.focus()
    for _ in range(9):
        handle.press("ArrowRight")
    expect(count).to_contain_text(f"in {start + 9} to {end}", timeout=WAIT_MS)
    narrowed = _event_count(count)
    assert 0 < narrowed < first, (first, narrowed)
    expect(points).to_have_count(narrowed, timeout=WAIT_MS)

    # Tick one more theme: more events, and the chart follows.
    explorer.locator(".coursekit-timeline-theme-film input[type=checkbox]").check()
    expect(count).to_contain_text("film", timeout=WAIT_MS)
    more = _event_count(count)
    assert more > narrowed, (narrowed, more)
    expect(points).to_have_count(more, timeout=WAIT_MS)
    expect(links).to_have_count(more)

    # Untick every theme: advice instead of a chart. One box at a time, each time waiting for the
    # kernel's answer: clicks sent while the previous redraw was in flight were seen to get lost
    # on a loaded machine (the count kept a theme whose box had been unticked).
    for box in boxes.locator("input[type=checkbox]").all():
        if box.is_checked():
            before = text_of(count)
            box.uncheck()
            expect(count).not_to_have_text(before, timeout=WAIT_MS)
    expect(count).to_contain_text("Tick at least one theme", timeout=WAIT_MS)
    expect(explorer.locator(".coursekit-timeline-chart .js-plotly-plot")).to_have_count(0, timeout=WAIT_MS)
    explorer.locator(".coursekit-timeline-theme-politics input[type=checkbox]").check()
    expect(points).to_have_count(narrowed, timeout=WAIT_MS)

    explorer.scroll_into_view_if_needed()
    shot = tmp_path / "lesson-02.png"
    page.screenshot(path=str(shot))
    print(f"\nScreenshot: {shot}")

    # Last, with the notebook run and the explorer used: no accessibility violation in our content.
    assert_course_accessible(page, tmp_path, "lesson-02")
