"""Unit tests for coursekit.datasets: partial dates, schemas and the validated CSV loader.

Every refusal must say where the problem is: `DataError.file`, `.line` (as an editor numbers
lines, header = line 1) and `.column`. The CSVs are written to tmp_path and loaded with the
working directory there, so the file is shown simply as its name.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from coursekit.datasets import (
    SCHEMAS,
    SOURCES,
    Column,
    Schema,
    load_table,
    parse_partial_date,
)
from coursekit.errors import CourseError, DataError

REPO = Path(__file__).resolve().parents[1]
REAL_SOURCES = REPO / "data" / "sources" / "sources.csv"

FILMS = Schema(
    name="films",
    file="films.csv",
    columns=(
        Column("id", pattern=r"[a-z][a-z0-9_]*", form="lower-case letters, digits and _", unique=True),
        Column("title"),
        Column("year", kind="int"),
        Column("rating", kind="float", required=False),
        Column("released", kind="date", required=False),
        Column("url", kind="url", required=False),
        Column("genre", kind="category", allowed=("drama", "comedy")),
        Column("note", required=False),
    ),
)
HEADER = "id,title,year,rating,released,url,genre,note\n"
GOOD_ROWS = (
    "welcome,Welcome to the USA,2019,7.5,2019-11-14,https://example.org/welcome,drama,\n"  # line 2
    'carol,Carol,2015,,2015,,drama,"queer, period"\n'                                      # line 3
    "july_rain,July Rain,1967,8,1967-07,http://films.example.com/rain,comedy,\n"            # line 4
)


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    """Work in tmp_path, so that DataError.file is the CSV's bare name."""
    monkeypatch.delenv("COURSEKIT_DATA", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_csv(text: str | bytes, name: str = "films.csv") -> Path:
    path = Path(name)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def load(text: str | bytes) -> pd.DataFrame:
    return load_table(write_csv(text), schema=FILMS)


def refusal(text: str | bytes, schema: Schema = FILMS) -> DataError:
    with pytest.raises(DataError) as info:
        load_table(write_csv(text), schema=schema)
    return info.value


def with_row(row: str) -> str:
    """The good table with `row` appended as line 5."""
    return HEADER + GOOD_ROWS + row + "\n"


# --------------------------------------------------------------------------------------------
# the real sources table


@pytest.fixture
def sources(monkeypatch) -> pd.DataFrame:
    monkeypatch.chdir(REPO)
    return load_table("sources")


def test_sources_columns(sources):
    declared = [c.name for c in SOURCES.columns]
    assert set(sources.columns) == set(declared) | {"date_start", "date_precision"}
    assert list(sources["id"]) == ["review", "calvert", "klassiki"]
    assert sources.attrs["schema"] == "sources"


def test_sources_date_start_is_datetime_with_nat_for_undated(sources):
    assert pd.api.types.is_datetime64_any_dtype(sources["date_start"])
    by_id = sources.set_index("id")
    assert by_id.loc["calvert", "date_start"] == pd.Timestamp("2021-02-24")
    assert pd.isna(by_id.loc["review", "date_start"])
    assert pd.isna(by_id.loc["klassiki", "date_start"])


def test_sources_date_precision(sources):
    by_id = sources.set_index("id")
    assert by_id.loc["calvert", "date_precision"] == "day"
    assert pd.isna(by_id.loc["review", "date_precision"])


def test_sources_optional_empty_cells_are_missing(sources):
    by_id = sources.set_index("id")
    assert pd.isna(by_id.loc["review", "url"])
    assert pd.isna(by_id.loc["review", "publication"])
    assert by_id.loc["klassiki", "author"] == "Olga Doletskaya (interviewer)"


def test_sources_text_columns_hold_strings(sources):
    for name in ("id", "title", "genre", "file", "seed_file", "sha256"):
        assert sources[name].map(type).eq(str).all(), name


def test_unknown_table_name():
    with pytest.raises(DataError, match="no table of that name") as info:
        load_table("films")
    assert info.value.file == "films"
    assert "sources" in str(info.value)
    assert "films" not in SCHEMAS


# --------------------------------------------------------------------------------------------
# parse_partial_date


@pytest.mark.parametrize(
    ("value", "start", "precision"),
    [
        ("2019", pd.Timestamp(2019, 1, 1), "year"),
        ("2019-11", pd.Timestamp(2019, 11, 1), "month"),
        ("2019-11-14", pd.Timestamp(2019, 11, 14), "day"),
        ("2021-02-24", pd.Timestamp(2021, 2, 24), "day"),
        ("2020-02-29", pd.Timestamp(2020, 2, 29), "day"),
        ("2019-12-31", pd.Timestamp(2019, 12, 31), "day"),
        ("1967", pd.Timestamp(1967, 1, 1), "year"),
    ],
)
def test_parse_partial_date(value, start, precision):
    parsed = parse_partial_date(value)
    assert parsed == (start, precision)
    assert isinstance(parsed[0], pd.Timestamp)


@pytest.mark.parametrize(
    "value",
    [
        "2019-13", "2019-00", "2019-02-30", "2019-02-29", "2019-04-31", "2019-11-00", "2019-2-1",
        "2019-1", "19", "20190", "2019/01/01", "", " 2019", "2019 ", "2019-11-14T00:00", "14.11.2019",
        "abcd",
    ],
)
def test_parse_partial_date_rejects(value):
    with pytest.raises(ValueError) as info:
        parse_partial_date(value)
    assert repr(value) in str(info.value)  # the message quotes what was given


@pytest.mark.parametrize("value", ["0000", "1676-05", "2263-01-01"])
def test_parse_partial_date_rejects_years_pandas_cannot_hold(value):
    with pytest.raises(ValueError, match="has a year outside"):
        parse_partial_date(value)


@pytest.mark.parametrize("value", ["２０１９", "٢٠١٩-١١"])
def test_parse_partial_date_rejects_non_ascii_digits(value):
    with pytest.raises(ValueError):
        parse_partial_date(value)


# --------------------------------------------------------------------------------------------
# Column and Schema declarations


def test_column_refuses_an_unknown_kind():
    with pytest.raises(ValueError, match="unknown kind 'bool'"):
        Column("watched", kind="bool")


def test_column_refuses_allowed_values_without_category():
    with pytest.raises(ValueError, match="kind 'category' only"):
        Column("genre", allowed=("drama", "comedy"))


def test_column_refuses_category_without_allowed_values():
    with pytest.raises(ValueError, match="kind 'category' only"):
        Column("genre", kind="category")


# --------------------------------------------------------------------------------------------
# a good table


def test_good_table_loads_with_typed_columns():
    films = load(HEADER + GOOD_ROWS)
    assert list(films["id"]) == ["welcome", "carol", "july_rain"]
    assert str(films["year"].dtype) == "Int64"
    assert str(films["rating"].dtype) == "Float64"
    assert list(films["year"]) == [2019, 2015, 1967]
    assert films["rating"].iloc[0] == 7.5 and films["rating"].iloc[2] == 8.0
    assert films.loc[1, "note"] == "queer, period"
    assert films.attrs == {"schema": "films", "file": "films.csv"}


def test_good_table_gains_date_start_and_precision():
    films = load(HEADER + GOOD_ROWS)
    assert pd.api.types.is_datetime64_any_dtype(films["released_start"])
    assert list(films["released_start"]) == [
        pd.Timestamp(2019, 11, 14), pd.Timestamp(2015, 1, 1), pd.Timestamp(1967, 7, 1),
    ]
    assert list(films["released_precision"]) == ["day", "year", "month"]
    assert list(films["released"]) == ["2019-11-14", "2015", "1967-07"]


def test_optional_empty_cells_are_missing():
    films = load(HEADER + GOOD_ROWS)
    carol = films.iloc[1]
    assert pd.isna(carol["rating"]) and pd.isna(carol["url"])
    assert pd.isna(films.iloc[0]["note"])


def test_empty_optional_date_gives_nat():
    films = load(with_row("undated,Undated,2000,,,,drama,"))
    assert pd.isna(films.iloc[3]["released"])
    assert films.iloc[3]["released_start"] is pd.NaT
    assert pd.isna(films.iloc[3]["released_precision"])
    assert films.iloc[0]["released_start"] == pd.Timestamp(2019, 11, 14)


def test_bom_prefixed_csv_loads():
    films = load(b"\xef\xbb\xbf" + (HEADER + GOOD_ROWS).encode())
    assert "id" in films.columns
    assert list(films["id"]) == ["welcome", "carol", "july_rain"]


def test_windows_line_endings_load():
    films = load((HEADER + GOOD_ROWS).replace("\n", "\r\n"))
    assert list(films["id"]) == ["welcome", "carol", "july_rain"]
    assert films.loc[1, "note"] == "queer, period"


def test_header_only_table_is_empty():
    films = load(HEADER)
    assert films.empty
    assert {"id", "released_start", "released_precision"} <= set(films.columns)


def test_file_is_shown_relative_to_the_working_directory(tmp_path):
    (tmp_path / "tables").mkdir()
    path = write_csv(with_row("bad,Bad,oops,,,,drama,"), "tables/films.csv")
    with pytest.raises(DataError) as info:
        load_table(path.resolve(), schema=FILMS)
    assert info.value.file == str(Path("tables") / "films.csv")


# --------------------------------------------------------------------------------------------
# refusals: file level


def test_missing_file():
    with pytest.raises(DataError, match="does not exist") as info:
        load_table("nowhere.csv", schema=FILMS)
    assert (info.value.file, info.value.line, info.value.column) == ("nowhere.csv", None, None)


def test_empty_file():
    error = refusal(b"")
    assert "is empty" in str(error) and "header" in str(error)
    assert (error.file, error.line, error.column) == ("films.csv", None, None)


def test_non_utf8_file():
    error = refusal((HEADER + "carol,Café Society,2016,,,,comedy,\n").encode("latin-1"))
    assert "not UTF-8" in str(error)
    assert (error.file, error.line) == ("films.csv", None)


def test_malformed_quoting():
    error = refusal(with_row('bad,"Bad" title,2000,,,,drama,'))
    assert "not valid CSV" in str(error)
    assert (error.file, error.line) == ("films.csv", 5)


# --------------------------------------------------------------------------------------------
# refusals: header


def test_missing_column():
    error = refusal(HEADER.replace(",rating", "") + "welcome,Welcome,2019,,,drama,\n")
    assert (error.file, error.line, error.column) == ("films.csv", 1, "rating")
    assert "lacks" in str(error)


def test_duplicated_header_column():
    error = refusal(HEADER.replace("note", "note,title"))
    assert (error.line, error.column) == (1, "title")
    assert "appears twice" in str(error)


def test_undeclared_extra_column():
    error = refusal(HEADER.replace("note", "note,director"))
    assert (error.line, error.column) == (1, "director")
    assert "undeclared" in str(error)
    assert "id, title, year" in str(error)  # lists the declared columns


def test_message_starts_with_the_place():
    error = refusal(HEADER.replace("note", "note,director"))
    assert str(error).startswith("films.csv, line 1, column 'director': ")


def test_header_problem_after_a_blank_first_line_names_the_header_line():
    error = refusal("\n" + HEADER.replace("note", "note,director"))
    assert error.line == 2


# --------------------------------------------------------------------------------------------
# refusals: cells (the bad row is line 5: header, three good rows, then it)


@pytest.mark.parametrize(
    ("row", "column", "words"),
    [
        ("bad,,2000,,,,drama,", "title", "is empty, but this column is required"),
        ("bad,   ,2000,,,,drama,", "title", "is empty, but this column is required"),
        ("bad,Bad,,,,,drama,", "year", "is empty, but this column is required"),
        ("bad,Bad,2000,,,,,", "genre", "is empty, but this column is required"),
        ("bad,Bad,2000,,14/11/2019,,drama,", "released", "'14/11/2019' is not a date"),
        ("bad,Bad,2000,,2019-02-30,,drama,", "released", "not a day of that month"),
        ("bad,Bad,2000,,2019-13,,drama,", "released", "has no month 13"),
        ("bad,Bad,2000,,,,documentary,", "genre", "'documentary' is not allowed; use one of: drama, comedy"),
        ("bad,Bad,2000,,,,Drama,", "genre", "'Drama' is not allowed"),
        ("bad,Bad,2000,,,www.example.com,drama,", "url", "is not a web address"),
        ("bad,Bad,2000,,,ftp://example.com/film,drama,", "url", "is not a web address"),
        ("bad,Bad,2000,,,https://localhost/film,drama,", "url", "is not a web address"),
        ("bad,Bad,2000,,,https://exa mple.com,drama,", "url", "is not a web address"),
        ("bad,Bad,2000.5,,,,drama,", "year", "'2000.5' is not a whole number"),
        ("bad,Bad,two thousand,,,,drama,", "year", "is not a whole number"),
        ("bad,Bad, 2000,,,,drama,", "year", "has spaces around it"),
        ("bad,Bad,2000,7.5/10,,,drama,", "rating", "'7.5/10' is not a number"),
        ("bad,Bad,2000,\"7,5\",,,drama,", "rating", "'7,5' is not a number"),
        ("Bad,Bad,2000,,,,drama,", "id", "is not of the expected form: lower-case letters, digits and _"),
        ("bad-id,Bad,2000,,,,drama,", "id", "is not of the expected form: lower-case letters, digits and _"),
        ("carol,Carol again,2000,,,,drama,", "id", "'carol' already appears on line 3"),
    ],
)
def test_bad_cell_is_located(row, column, words):
    error = refusal(with_row(row))
    assert (error.file, error.line, error.column) == ("films.csv", 5, column)
    assert words in str(error)
    assert str(error).startswith(f"films.csv, line 5, column '{column}': ")


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("bad,Bad,2_000,,,,drama,", "year"),       # int("2_000") == 2000
        ("bad,Bad,٢٠٠٠,,,,drama,", "year"),        # Arabic-Indic digits
        ("bad,Bad,2000,7_5,,,drama,", "rating"),   # float("7_5") == 75.0
        ("bad,Bad,2000,,,http://.,drama,", "url"),  # a host name of just a dot
    ],
)
def test_lenient_values_are_refused(row, column):
    error = refusal(with_row(row))
    assert (error.line, error.column) == (5, column)


def test_nan_does_not_satisfy_a_required_number():
    schema = Schema(name="scores", file="scores.csv", columns=(Column("id"), Column("score", kind="float")))
    error = refusal("id,score\na,nan\n", schema=schema)
    assert (error.line, error.column) == (2, "score")


def test_bad_category_lists_the_allowed_values():
    message = str(refusal(with_row("bad,Bad,2000,,,,thriller,")))
    assert "drama" in message and "comedy" in message


def test_duplicate_names_the_first_line():
    error = refusal(HEADER + GOOD_ROWS + "other,Other,2000,,,,drama,\n" + "july_rain,Again,2001,,,,drama,\n")
    assert (error.line, error.column) == (6, "id")
    assert "already appears on line 4" in str(error)


def test_empty_cells_in_a_unique_optional_column_are_not_duplicates():
    schema = Schema(name="notes", file="notes.csv", columns=(
        Column("id"), Column("isbn", required=False, unique=True),
    ))
    notes = load_table(write_csv("id,isbn\na,\nb,123\nc,\n"), schema=schema)
    assert list(notes["isbn"].isna()) == [True, False, True]
    error = refusal("id,isbn\na,\nb,123\nc,123\n", schema=schema)
    assert (error.line, error.column) == (4, "isbn")


@pytest.mark.parametrize(
    ("row", "fields"),
    [
        ("bad,Bad,2000,,,,drama,,extra", 9),
        ("bad,Bad,2000,,,,drama", 7),
        ("bad", 1),
    ],
)
def test_ragged_row(row, fields):
    error = refusal(with_row(row))
    assert (error.line, error.column) == (5, None)
    assert f"has {fields} fields but the header has 8" in str(error)


def test_blank_lines_are_counted():
    error = refusal(HEADER + GOOD_ROWS + "\n\nbad,Bad,oops,,,,drama,\n")
    assert (error.line, error.column) == (7, "year")


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_quoted_newline_keeps_later_line_numbers_right(newline):
    text = (
        HEADER                                                   # line 1
        + 'welcome,"Welcome\nto the USA",2019,,,,drama,"a note\n'  # lines 2-3 ...
        + 'on two lines"\n'                                      # ... and 4
        + "carol,Carol,2015,,,,drama,\n"                         # line 5
        + "bad,Bad,2000,,,,western,\n"                           # line 6
    ).replace("\n", newline)
    error = refusal(text)
    assert (error.line, error.column) == (6, "genre")


def test_quoted_newline_is_kept_in_the_value():
    films = load(HEADER + 'welcome,"Welcome\nto the USA",2019,,,,drama,\n')
    assert films.loc[0, "title"] == "Welcome\nto the USA"


def test_bad_cell_before_a_quoted_newline_is_reported_on_its_own_line():
    error = refusal(HEADER + 'Welcome,"Welcome\nto the USA",2019,,,,drama,\n')
    assert (error.line, error.column) == (2, "id")


def test_data_error_is_a_course_error_and_a_value_error():
    error = refusal(with_row("bad,Bad,oops,,,,drama,"))
    assert isinstance(error, CourseError) and isinstance(error, ValueError)


# --------------------------------------------------------------------------------------------
# a corrupted copy of the real sources.csv


@pytest.fixture
def sources_lines() -> list[str]:
    return REAL_SOURCES.read_text(encoding="utf-8").splitlines(keepends=True)


def corrupt(lines: list[str], line: int, old: str, new: str) -> Path:
    changed = list(lines)
    assert changed[line - 1].count(old) == 1
    changed[line - 1] = changed[line - 1].replace(old, new)
    path = write_csv("".join(changed), "sources.csv")
    return path


def test_the_real_sources_csv_passes_its_schema(sources_lines):
    copy = write_csv("".join(sources_lines), "sources.csv")
    assert list(load_table(copy, schema=SOURCES)["id"]) == ["review", "calvert", "klassiki"]


def test_corrupted_genre_is_located(sources_lines):
    path = corrupt(sources_lines, 3, ",feature,", ",revue,")
    with pytest.raises(DataError) as info:
        load_table(path, schema=SOURCES)
    error = info.value
    assert (error.file, error.line, error.column) == ("sources.csv", 3, "genre")
    assert "'revue' is not allowed; use one of: review, feature, interview" in str(error)


def test_corrupted_sha256_is_located(sources_lines):
    sha = sources_lines[3].rstrip("\n").rsplit(",", 1)[1]
    path = corrupt(sources_lines, 4, sha, "xyz")
    with pytest.raises(DataError) as info:
        load_table(path, schema=SOURCES)
    error = info.value
    assert (error.file, error.line, error.column) == ("sources.csv", 4, "sha256")
    assert "'xyz' is not of the expected form: 64 hexadecimal digits" in str(error)


def test_column_refuses_a_pattern_without_a_form_for_people():
    with pytest.raises(ValueError, match="needs a form"):
        Column("code", pattern=r"[A-Z]{3}")


def test_require_table_names_missing_columns_including_derived_dates():
    from coursekit.datasets import load_table, require_table

    timeline = load_table("timeline")
    assert require_table(timeline, "timeline", user="X") is timeline
    with pytest.raises(CourseError, match=r"X needs the columns of timeline\.csv; this table lacks date_start, date_precision"):
        require_table(timeline.drop(columns=["date_start", "date_precision"]), "timeline", user="X")
    with pytest.raises(CourseError, match="no rows"):
        require_table(timeline.iloc[0:0], "timeline", user="X")
    with pytest.raises(CourseError, match="not list"):
        require_table([1, 2], "timeline", user="X")
