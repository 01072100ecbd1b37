"""Unit tests for coursekit.computed: filling in the columns worked out from the source texts.

`refreshed` is tried on small hand-written CSVs; the command line on a private copy of data/
(through COURSEKIT_DATA), because it rewrites tables in place and the real ones must not change.
tests/test_data_tables.py already checks that the real tables are up to date.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coursekit.computed import main, refreshed
from coursekit.errors import CourseError

DATA = Path(__file__).resolve().parents[1] / "data"
REVIEW = (DATA / "sources" / "review-welcome-to-the-usa.txt").read_text(encoding="utf-8")
PEOPLE = "person_id,name,aliases,kind,role,mentioned_in,source_url,source_title,note\n"
GLOSSARY = "term,aliases,definition,original,original_language,transliteration,appears_in,source_url,source_title,note\n"
QUOTES = "quote_id,source_id,speaker,text,offset,presentation,topic,same_as,note\n"
ONCE = "Welcome to the USA \nis situated"  # stands once in the review, across a line break


@pytest.fixture(autouse=True)
def real_data(monkeypatch):
    monkeypatch.setenv("COURSEKIT_DATA", str(DATA))


def cells(text: str, column: str) -> list[str]:
    return [row[column] for row in csv.DictReader(io.StringIO(text, newline=""))]


def quote(text: str, offset: str = "", quote_id: str = "q") -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([quote_id, "review", "x", text, offset, "p", "t", "", ""])
    return out.getvalue()


def test_mentions_are_filled_in_and_stale_ones_emptied():
    text = PEOPLE + (
        "a,Assel Aushakimova,,director,r,,,,\n"
        "b,Olga Doletskaya,,interviewer,r,review,,,\"kept, as it was\"\n"
        "c,Nobody Atall,,other,r,calvert,,,\n"
    )
    new = refreshed("people", text)
    assert cells(new, "mentioned_in") == ["review; calvert; klassiki", "klassiki", ""]
    assert cells(new, "note") == ["", "kept, as it was", ""]


def test_aliases_count_and_glossary_ignores_case():
    people = refreshed("people", PEOPLE + "a,Almaty,nowhere; Shymkent,other,r,,,,\nb,almaty,,other,r,,,,\n")
    assert cells(people, "mentioned_in") == ["review; calvert; klassiki", ""]
    glossary = refreshed("glossary", GLOSSARY + "almaty,,d,,,,,https://a.org,t,\n")
    assert cells(glossary, "appears_in") == ["review; calvert; klassiki"]


def test_an_up_to_date_table_is_unchanged():
    text = PEOPLE + "b,Olga Doletskaya,,interviewer,r,klassiki,,,\n"
    assert refreshed("people", text) == text
    assert refreshed("people", "") == ""


def test_an_offset_is_filled_in_where_the_text_occurs_once():
    new = refreshed("quotes", QUOTES + quote(ONCE, "") + quote(ONCE, "3"))
    assert cells(new, "offset") == [str(REVIEW.index(ONCE))] * 2
    assert cells(new, "text") == [ONCE, ONCE]


def test_a_hand_picked_offset_of_a_repeated_text_is_kept():
    first, second = [i for i in range(len(REVIEW)) if REVIEW.startswith("the film", i)]
    for picked in (first, second):
        text = QUOTES + quote("the film", str(picked))
        assert refreshed("quotes", text) == text


@pytest.mark.parametrize("offset", ["", "0", "-9"])
def test_a_repeated_text_without_a_valid_offset_is_refused(offset):
    found = [i for i in range(len(REVIEW)) if REVIEW.startswith("the film", i)]
    with pytest.raises(CourseError) as info:
        refreshed("quotes", QUOTES + quote("tantalising") + quote("the film", offset))
    assert str(info.value) == f"quotes.csv, line 3: the text occurs at offsets {found}; write the right one in by hand."


def test_an_absent_text_is_refused():
    with pytest.raises(CourseError, match=r"^corrections\.csv, line 2: the text does not occur verbatim"):
        refreshed("corrections", "correction_id,source_id,claim,offset\nc,review,Kashagan oil field,1\n")


def test_an_error_after_a_multi_line_record_names_the_editor_line():
    text = QUOTES + quote(ONCE) + quote("no such words")  # the first record takes lines 2-3
    with pytest.raises(CourseError, match=r"^quotes\.csv, line 4:"):
        refreshed("quotes", text)


# --------------------------------------------------------------------------------------------
# the command line, on a copy of data/


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A private copy of data/ with its computed columns brought up to date."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    monkeypatch.setenv("COURSEKIT_DATA", str(copy))
    main([])
    return copy


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.glob("*.csv")}


def make_people_stale(folder: Path) -> None:
    """Say Olga Doletskaya is named in the review; only the Klassiki interview names her."""
    path = folder / "people.csv"
    old = path.read_text(encoding="utf-8")
    assert old.count(",klassiki,https://pushkin-house") == 1
    path.write_text(old.replace(",klassiki,https://pushkin-house", ",review,https://pushkin-house"), encoding="utf-8")


def check(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coursekit.computed", "--check"], capture_output=True, text=True,
                          check=False, env={**os.environ, "COURSEKIT_DATA": str(folder)})


def test_check_passes_a_fresh_copy_and_writes_nothing(data_copy):
    before = snapshot(data_copy)
    result = check(data_copy)
    assert (result.returncode, result.stdout) == (0, "All computed columns are up to date.\n")
    assert snapshot(data_copy) == before


def test_check_fails_on_a_stale_table_and_writes_nothing(data_copy):
    make_people_stale(data_copy)
    before = snapshot(data_copy)
    result = check(data_copy)
    assert (result.returncode, result.stdout) == (1, "Stale: people.csv.\n")
    assert snapshot(data_copy) == before


def test_without_check_the_stale_table_is_rewritten(data_copy, capsys):
    fresh = snapshot(data_copy)
    make_people_stale(data_copy)
    capsys.readouterr()
    assert main([]) == 0
    assert capsys.readouterr().out == "Refreshed: people.csv.\n"
    assert snapshot(data_copy) == fresh
