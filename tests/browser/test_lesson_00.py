"""Lesson 00 in a real JupyterLab: the notebook runs, and the source reader answers the keyboard.

Unit tests call SourceReader.update() directly; only a browser shows that the widgets render in
JupyterLab and that typing in Search and choosing a Source reach the kernel and come back. Each
step waits for the count to change, so a reader whose observers do nothing fails here.
"""

from __future__ import annotations

import re

import pytest
from axecheck import assert_course_accessible
from labdriver import open_and_run_all, text_of
from playwright.sync_api import expect

LESSON = "notebooks/00-Start-Here.ipynb"
WAIT_MS = 15_000  # one kernel round trip per keystroke; generous for a loaded CI machine
HITS = re.compile(r"(\d+)\s+hits?\b", re.IGNORECASE)
NO_HITS = re.compile(r"\bno hits\b", re.IGNORECASE)


def _hit_count(text: str) -> int:
    match = HITS.search(text)
    assert match, f"the count should say how many hits there are, but reads: {text!r}"
    return int(match.group(1))


def _mark_pattern(query: str) -> re.Pattern:
    """A hit's text equals the query up to case and white space (the search joins line breaks)."""
    return re.compile(r"^\s*" + r"\s+".join(map(re.escape, query.split())) + r"\s*$", re.IGNORECASE)


def _type_query(search, query: str) -> None:
    """Clear Search and type `query` key by key, as a student would."""
    search.fill("")
    search.press_sequentially(query, delay=20)


@pytest.mark.browser
def test_source_reader_follows_the_keyboard(lab_server, page, tmp_path):
    open_and_run_all(page, lab_server.base_url, lab_server.token, LESSON)

    reader = page.locator(".coursekit-source-reader")
    expect(reader, "the source reader did not render").to_be_visible(timeout=WAIT_MS)
    reader.scroll_into_view_if_needed()
    source = reader.locator(".coursekit-reader-source select")
    search = reader.locator(".coursekit-reader-query input")
    count = reader.locator(".coursekit-reader-count")
    marks = reader.locator(".coursekit-reader-results mark")
    expect(reader.locator(".coursekit-reader-source label")).to_have_text("Source")
    expect(reader.locator(".coursekit-reader-query label")).to_have_text("Search")
    expect(reader.locator(".coursekit-reader-whole-words")).to_contain_text("Whole words only")
    expect(reader.locator(".coursekit-reader-whole-words input[type=checkbox]")).to_be_visible()

    # The lesson opens the reader with a query already typed, so hits show at once.
    initial_query = search.input_value()
    assert initial_query.strip(), "the lesson should open the reader with a query already typed"
    expect(count).to_contain_text(HITS, timeout=WAIT_MS)
    initial_text = text_of(count)
    initial_marks = marks.count()
    assert initial_query.strip().lower() in initial_text.lower(), initial_text
    assert 0 < initial_marks <= _hit_count(initial_text), (initial_marks, initial_text)
    expect(marks).to_have_text([_mark_pattern(initial_query)] * initial_marks)

    # A new query: the count names it, and every marked hit is that phrase.
    _type_query(search, "green card")
    expect(count).to_contain_text("green card", ignore_case=True, timeout=WAIT_MS)
    expect(count).to_contain_text(HITS)
    hits = _hit_count(text_of(count))
    assert hits >= 1
    # Waiting for exactly `hits` marks also waits out the table of a half-typed query. The
    # reader shows at most 100 rows (SourceReader's max_rows), fine for this phrase.
    expect(marks).to_have_text([_mark_pattern("green card")] * min(hits, 100), timeout=WAIT_MS)

    # A query with no hits: the count says so and no table (hence no mark) is left.
    _type_query(search, "zzzxq")
    expect(count).to_contain_text(NO_HITS, timeout=WAIT_MS)
    expect(count).to_contain_text("zzzxq")
    expect(marks).to_have_count(0, timeout=WAIT_MS)

    # Back to the first query, then another source: the hits must change.
    search.fill(initial_query)
    expect(count).to_have_text(initial_text, timeout=WAIT_MS)
    expect(marks).to_have_count(initial_marks, timeout=WAIT_MS)
    current = source.evaluate("select => select.selectedIndex")
    other = 1 if current == 0 else 0
    label = text_of(source.locator("option").nth(other))
    source.select_option(index=other)
    expect(count).not_to_have_text(initial_text, timeout=WAIT_MS)
    print(f"\n{label!r}: {text_of(count)}")

    shot = tmp_path / "lesson-00-source-reader.png"
    page.screenshot(path=str(shot))
    print(f"Screenshot: {shot}")

    # Last, with the notebook run and the explorer used: no accessibility violation in our content.
    assert_course_accessible(page, tmp_path, "lesson-00")
