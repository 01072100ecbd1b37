"""Course tables are checked once and then served from a cache, which must never serve stale data.

A lesson loads the same table in many cells; checking its rules each time would cost up to a
tenth of a second. The cache is keyed on the state of the whole data folder, so these tests edit
files in a copy of data/ (pointed to by COURSEKIT_DATA) and expect the change to show at once.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from coursekit.datasets import clear_cache, load_table
from coursekit.errors import DataError

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    monkeypatch.setenv("COURSEKIT_DATA", str(copy))
    clear_cache()
    return copy


def touch_later(path: Path) -> None:
    """Move the file's modification time forward, as a save a second later would."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_a_loaded_table_can_be_changed_without_changing_the_next_load(data_copy):
    first = load_table("timeline")
    first.loc[0, "event"] = "changed by a student"
    first.attrs["file"] = "elsewhere"
    again = load_table("timeline")
    assert again.loc[0, "event"] != "changed by a student"
    assert again.attrs["file"] != "elsewhere"


def test_an_edited_table_is_read_again(data_copy):
    before = load_table("countries")
    path = data_copy / "countries.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Uzbekistan,UZB", "Uzbekistan,UZX"), encoding="utf-8")
    touch_later(path)
    after = load_table("countries")
    assert "UZX" in set(after["iso3"]) and "UZX" not in set(before["iso3"])


def test_breaking_a_referenced_table_is_noticed_by_the_table_that_refers_to_it(data_copy):
    load_table("timeline")
    path = data_copy / "places.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("\nAlmaty,", "\nAlmatyy,", 1), encoding="utf-8")
    touch_later(path)
    with pytest.raises(DataError) as info:
        load_table("timeline")
    assert info.value.file.endswith("places.csv") and info.value.line == 2


def test_a_table_that_failed_is_not_cached(data_copy):
    path = data_copy / "glossary.csv"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace(",https://", ",htps://", 1), encoding="utf-8")
    with pytest.raises(DataError):
        load_table("glossary")
    path.write_text(good, encoding="utf-8")
    touch_later(path)
    assert load_table("glossary")["source_url"].str.startswith("http").all()
