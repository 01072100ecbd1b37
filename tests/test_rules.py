"""Unit tests for coursekit.rules and for how a Schema reports them; also Column bounds.

tests/test_data_broken.py breaks the real tables; here each rule is run alone on a small
hand-made DataFrame, so that a rule that accepts too much or blames the wrong row or column shows
up on its own. A tiny Schema then checks what `load_table` makes of a rule's problems: a
DataError naming the file, the line where the record starts and the column. Cross-references
(countries, places, the source texts) resolve to the real, unmodified data/ folder.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

# coursekit.datasets must be imported before coursekit.rules; see test_rules_can_be_imported_first.
from coursekit.datasets import Column, Schema, load_table
from coursekit.errors import DataError
from coursekit.rules import (
    cites_a_source,
    computed_mentions,
    inside_country,
    mention_lists,
    missing,
    place_matches_country,
    refers_to,
    split_list,
    verbatim_at_offset,
)

DATA = Path(__file__).resolve().parents[1] / "data"
REVIEW = (DATA / "sources" / "review-welcome-to-the-usa.txt").read_text(encoding="utf-8")
NAN = float("nan")


@pytest.fixture(autouse=True)
def course_data(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSEKIT_DATA", str(DATA))
    monkeypatch.chdir(tmp_path)


def problems(rule, **columns) -> list[tuple]:
    return list(rule(pd.DataFrame(columns)))


def test_rules_can_be_imported_first():
    result = subprocess.run([sys.executable, "-c", "import coursekit.rules"], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr


# --------------------------------------------------------------------------------------------
# helpers


@pytest.mark.parametrize("value, expected", [(None, True), (NAN, True), ("", False), ("x", False), (0.0, False)])
def test_missing(value, expected):
    assert missing(value) is expected


def test_an_empty_number_cell_is_missing():
    frame = pd.DataFrame({"page": pd.array([12, None], dtype="Int64")})
    assert list(cites_a_source("page")(frame)) == [(1, "page", "the row cites no source; fill in page.")]


@pytest.mark.parametrize("value, items", [
    ("review; calvert", ["review", "calvert"]), (" a ;b;; ", ["a", "b"]), ("solo", ["solo"]), (None, []), (NAN, []),
])
def test_split_list(value, items):
    assert split_list(value) == items


# --------------------------------------------------------------------------------------------
# each rule on a hand-made frame


def test_cites_a_source():
    rule = cites_a_source("url", "source_id")
    assert problems(rule, url=["https://a.org", None], source_id=[None, "review"]) == []
    found = problems(rule, url=["https://a.org", None, NAN], source_id=[None, "review", None])
    assert found == [(2, "url", "the row cites no source; fill in url or source_id.")]


def test_refers_to_one_value():
    rule = refers_to("country", "countries", "country")
    found = problems(rule, country=["Kazakhstan", "Kazakstan", None, "Russia"])
    assert [(p, c) for p, c, _ in found] == [(1, "country")]
    assert found[0][2].startswith("'Kazakstan' is not a country in the countries table; use one of: ")
    assert "Kazakhstan, Kyrgyzstan" in found[0][2]


def test_refers_to_many():
    rule = refers_to("mentioned_in", "sources", "id", many=True)
    found = problems(rule, mentioned_in=["review; calvert", None, "klassiki; blog"])
    assert found == [(2, "mentioned_in", "'blog' is not a id in the sources table; use one of: calvert, klassiki, review.")]
    # without many=True the whole cell is one value, and "review; calvert" is no id
    assert [p for p, _, _ in problems(refers_to("s", "sources", "id"), s=["review; calvert"])] == [0]


def test_verbatim_at_offset():
    once = "Welcome to the USA \nis situated"
    start = REVIEW.index(once)
    rule = verbatim_at_offset()
    assert problems(rule, text=[once], offset=[start], source_id=["review"]) == []
    assert problems(rule, text=["no such words"], offset=[0], source_id=["nowhere"]) == []  # refers_to's job
    found = problems(rule, text=[once, once.replace(" \n", " ")], offset=[start + 1, start], source_id=["review"] * 2)
    assert found[0][:2] == (0, "offset")
    assert found[0][2] == f"'Welcome to the USA is situated' is not at offset {start + 1} of the review text; it stands at offset {start}."
    assert found[1][:2] == (1, "text")
    assert "does not occur verbatim in the review text" in found[1][2]


def test_verbatim_at_offset_lists_every_place_a_repeated_text_stands():
    starts = [i for i in range(len(REVIEW)) if REVIEW.startswith("the film", i)]
    assert len(starts) == 2
    (found,) = problems(verbatim_at_offset(), text=["the film"], offset=[0], source_id=["review"])
    assert found[2].endswith(f"it stands at offset {starts[0]}, {starts[1]}.")


def test_mention_lists_and_case():
    frame = pd.DataFrame({"name": ["Assel Aushakimova", "Shymkent", "almaty", "Nobody Atall"],
                          "aliases": [None, None, "Alma-Ata", None]})
    assert mention_lists(frame, ("name", "aliases")) == ["review; calvert; klassiki", "klassiki", None, None]
    assert mention_lists(frame, ("name",), case_sensitive=False)[2] == "review; calvert; klassiki"


def test_computed_mentions():
    rule = computed_mentions("mentioned_in", ("name", "aliases"))
    good = {"name": ["Shymkent", "Nobody Atall"], "aliases": [None, None], "mentioned_in": ["klassiki", None]}
    assert problems(rule, **good) == []
    found = problems(rule, **{**good, "mentioned_in": ["klassiki", "review"]})
    message = ("says 'review', but the texts that name this row are None; "
               "run `python -m coursekit.computed` to recompute it.")
    assert found == [(1, "mentioned_in", message)]


def test_place_matches_country():
    rule = place_matches_country()
    found = problems(rule, place=["Almaty", "Almaty", "Atlantis", None], country=["Kazakhstan", "Russia", "Russia", "Russia"])
    assert found == [(1, "country", "'Russia' does not match the places table, which puts Almaty in Kazakhstan.")]


def test_inside_country():
    rule = inside_country()
    found = problems(rule, latitude=[43.2775, -43.2775, 43.2775], longitude=[76.8958, 76.8958, 76.8958],
                     country=["Kazakhstan", "Kazakhstan", "Narnia"])
    assert found == [(1, "latitude", "(-43.2775, 76.8958) is not inside Kazakhstan; check the coordinates and their signs.")]


# --------------------------------------------------------------------------------------------
# a Schema with rules: the first problem becomes a DataError at the line its record starts on


def flag(*columns_and_words):
    """A rule that reports every row whose `column` contains `words`."""
    def rule(frame):
        for column, words in columns_and_words:
            for position, value in enumerate(frame[column]):
                if not missing(value) and words in value:
                    yield position, column, f"{words!r} found"
    return rule


def refusal(text: str, *rules) -> DataError:
    schema = Schema(name="trips", file="trips.csv", rules=rules,
                    columns=(Column("place"), Column("country"), Column("note", required=False)))
    Path("trips.csv").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_table("trips.csv", schema=schema)
    return info.value


def test_a_rule_problem_names_file_line_and_column():
    error = refusal("place,country,note\nAlmaty,Kazakhstan,\nAlmaty,Russia,\n", place_matches_country())
    assert (error.file, error.line, error.column) == ("trips.csv", 3, "country")
    assert str(error) == ("trips.csv, line 3, column 'country': 'Russia' does not match the places table, "
                          "which puts Almaty in Kazakhstan.")


def test_the_first_problem_is_reported():
    text = "place,country,note\nA,B,\nA,bad,\nA,bad,bad\n"
    assert (refusal(text, flag(("country", "bad"))).line) == 3
    # rules run in order, so the first rule's problem wins over an earlier line of a later rule
    error = refusal(text, flag(("note", "bad")), flag(("country", "bad")))
    assert (error.line, error.column) == (4, "note")


def test_a_multi_line_record_is_reported_where_it_starts():
    text = (
        "place,country,note\n"      # line 1
        'A,B,"a note\n'             # line 2
        'on two lines"\n'           # line 3
        'A,"bad\n'                  # line 4: the bad record starts here ...
        'bad",\n'                   # line 5
    )
    error = refusal(text, flag(("country", "bad")))
    assert (error.line, error.column) == (4, "country")


def test_a_table_that_keeps_every_rule_loads():
    schema = Schema(name="trips", file="trips.csv", columns=(Column("place"), Column("country")),
                    rules=(place_matches_country(), refers_to("country", "countries", "country")))
    Path("trips.csv").write_text("place,country\nAlmaty,Kazakhstan\nMoscow,Russia\n", encoding="utf-8")
    assert list(load_table("trips.csv", schema=schema)["place"]) == ["Almaty", "Moscow"]


# --------------------------------------------------------------------------------------------
# Column bounds


def load_numbers(value: str) -> pd.DataFrame:
    schema = Schema(name="points", file="points.csv",
                    columns=(Column("latitude", kind="float", bounds=(-90, 90)), Column("rank", kind="int", bounds=(1, 10))))
    Path("points.csv").write_text(f"latitude,rank\n0,1\n{value}\n", encoding="utf-8")
    return load_table("points.csv", schema=schema)


@pytest.mark.parametrize("row", ["90,10", "-90,1", "-90.0,5", "89.999,2"])
def test_a_value_at_or_inside_the_bounds_passes(row):
    assert len(load_numbers(row)) == 2


@pytest.mark.parametrize("row, column, words", [
    ("90.001,5", "latitude", "90.001 is outside the allowed range -90 to 90."),
    ("-91,5", "latitude", "-91 is outside the allowed range -90 to 90."),
    ("0,11", "rank", "11 is outside the allowed range 1 to 10."),
    ("0,0", "rank", "0 is outside the allowed range 1 to 10."),
])
def test_a_value_beyond_the_bounds_is_refused(row, column, words):
    with pytest.raises(DataError) as info:
        load_numbers(row)
    assert (info.value.line, info.value.column) == (3, column)
    assert str(info.value).endswith(words)


@pytest.mark.parametrize("kind, extra", [("text", {}), ("date", {}), ("category", {"allowed": ("a",)})])
def test_bounds_need_a_number_column(kind, extra):
    with pytest.raises(ValueError, match="bounds go with kinds 'int' and 'float' only"):
        Column("name", kind=kind, bounds=(0, 1), **extra)
