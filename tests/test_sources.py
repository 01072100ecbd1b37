"""The source texts are kept byte-for-byte, and sources.csv lists exactly them.

sources.csv is read here with the csv module, not with coursekit, so that these checks do not
depend on the code they help to test. The recorded SHA-256 values were computed from the files
as received; only the copies in data/sources are read.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path
from urllib.parse import urlsplit

import pytest

SOURCES_DIR = Path(__file__).resolve().parents[1] / "data" / "sources"
SOURCES_CSV = SOURCES_DIR / "sources.csv"


def read_rows() -> list[dict[str, str]]:
    with SOURCES_CSV.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


ROWS = read_rows()


def test_sources_csv_lists_the_three_texts():
    assert [row["id"] for row in ROWS] == ["review", "calvert", "klassiki"]


@pytest.mark.parametrize("row", ROWS, ids=[row["id"] for row in ROWS])
def test_listed_file_exists(row):
    assert (SOURCES_DIR / row["file"]).is_file()


@pytest.mark.parametrize("row", ROWS, ids=[row["id"] for row in ROWS])
def test_listed_file_is_unchanged(row):
    digest = hashlib.sha256((SOURCES_DIR / row["file"]).read_bytes()).hexdigest()
    assert digest == row["sha256"], f"{row['file']} differs from the text as received"


def test_no_stray_texts():
    on_disk = {p.name for p in SOURCES_DIR.iterdir() if p.suffix.lower() == ".txt"}
    assert on_disk == {row["file"] for row in ROWS}


@pytest.mark.parametrize("column", ["id", "file", "seed_file", "sha256"])
def test_column_values_are_unique(column):
    values = [row[column] for row in ROWS]
    assert len(set(values)) == len(values)


WITH_URL = [row for row in ROWS if row["url"]]


def test_the_published_texts_have_urls():
    assert [row["id"] for row in WITH_URL] == ["calvert", "klassiki"]


@pytest.mark.parametrize("row", WITH_URL, ids=[row["id"] for row in WITH_URL])
def test_url_is_well_formed(row):
    url = row["url"]
    parts = urlsplit(url)
    assert parts.scheme == "https"
    assert parts.hostname and "." in parts.hostname.strip(".")
    assert url == url.strip() and " " not in url
