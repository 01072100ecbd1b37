"""A broken copy of each course table is refused with an error naming file, line and column.

Each case copies a real table, breaks one thing in one row (a missing column, a bad date, a
theme not in the list, a quotation at the wrong offset, a city in the wrong country, a stale
"mentioned in"), writes it to a temporary folder and loads it with the table's schema. Line
numbers are worked out from the written file, because quotations span several lines.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from coursekit.datasets import SCHEMAS, load_table
from coursekit.errors import DataError

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(autouse=True)
def course_data(monkeypatch, tmp_path):
    """Load broken copies from tmp_path; cross-references still resolve to the real tables."""
    monkeypatch.setenv("COURSEKIT_DATA", str(DATA))
    monkeypatch.chdir(tmp_path)


def read(table: str) -> tuple[list[str], list[dict[str, str]]]:
    with (DATA / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames), list(reader)


def write(table: str, header: list[str], records: list[dict[str, str]], row: int) -> tuple[Path, int]:
    """Write the table to `<table>.csv` here; return its path and the line where record `row` starts."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    line = None
    for i, record in enumerate(records):
        if i == row:
            line = out.getvalue().count("\n") + 1
        writer.writerow(record)
    path = Path(f"{table}.csv")
    path.write_text(out.getvalue(), encoding="utf-8")
    return path, line


def refusal(table: str, row: int, column: str, value) -> tuple[DataError, int]:
    header, records = read(table)
    record = records[row]
    record[column] = value(record[column]) if callable(value) else value
    path, line = write(table, header, records, row)
    with pytest.raises(DataError) as info:
        load_table(path, schema=SCHEMAS[table])
    return info.value, line


BREAKAGES = [
    # table, row, column, new value, words the message must contain
    ("timeline", 4, "date", "2019-13", "no month 13"),
    ("timeline", 7, "date", "19 March 2019", "YYYY"),
    ("timeline", 9, "theme", "politcs", "not allowed"),
    ("timeline", 3, "place", "Almty", "not a place"),
    ("timeline", 5, "country", "Kazakstan", "not a country"),
    ("timeline", 2, "source_url", "www.example.org/page", "not a web address"),
    ("timeline", 6, "source_url", "", "required"),
    ("quotes", 3, "offset", lambda v: str(int(v) + 1), "not at offset"),
    ("quotes", 10, "offset", "-4", "outside the allowed range"),
    ("quotes", 5, "text", lambda v: v.replace("’", "'"), "does not occur verbatim"),
    ("quotes", 1, "speaker", "assel", "not a person_id"),
    ("corrections", 2, "offset", lambda v: str(int(v) + 7), "not at offset"),
    ("corrections", 4, "kind", "error", "not allowed"),
    ("places", 0, "latitude", lambda v: str(-float(v)), "is not inside"),
    ("places", 2, "longitude", "200", "outside the allowed range"),
    ("places", 1, "country", "Kazakstan", "not a country"),
    ("people", 0, "mentioned_in", "calvert", "run `python -m coursekit.computed`"),
    ("people", 3, "kind", "Director", "not allowed"),
    ("glossary", 5, "source_url", "", "required"),
    ("glossary", 2, "original_language", "Qazaq", "not allowed"),
    ("countries", 0, "iso3", "kz", "three capital letters"),
    ("chain", 2, "stage", "distribution", "not allowed"),
    ("chain", 6, "outcome", "banned", "not allowed"),
    ("chain", 8, "source_id", "guardian", "not a id"),
    ("chain", 1, "stage", "law", "already has a row"),
    ("lexicon", 3, "keyword", "cens?r", "not of the expected form"),
    ("reasons", 4, "offset", lambda v: str(int(v) + 2), "not at offset"),
    ("reasons", 2, "pull", "leave", "not allowed"),
    ("funding", 4, "currency", "", "go together"),
    ("funding", 1, "status", "maybe", "not allowed"),
    ("funding", 5, "funder_country", "Narnia", "not a country"),
]


@pytest.mark.parametrize("table, row, column, value, words", BREAKAGES, ids=[f"{b[0]}-{b[2]}-{b[1]}" for b in BREAKAGES])
def test_broken_cell_is_refused_with_its_place(table, row, column, value, words):
    error, line = refusal(table, row, column, value)
    assert (error.file, error.line, error.column) == (f"{table}.csv", line, column)
    assert words in str(error)


@pytest.mark.parametrize("table", [name for name in SCHEMAS if name != "sources"])
def test_missing_column_is_refused(table):
    header, records = read(table)
    dropped = SCHEMAS[table].columns[1].name
    path, _ = write(table, [h for h in header if h != dropped], [{k: v for k, v in r.items() if k != dropped} for r in records], 0)
    with pytest.raises(DataError) as info:
        load_table(path, schema=SCHEMAS[table])
    assert (info.value.line, info.value.column) == (1, dropped)
    assert "lacks the column" in str(info.value)


def test_every_table_has_a_breakage_case():
    assert {b[0] for b in BREAKAGES} == {name for name in SCHEMAS if name != "sources"}
