"""The course's tables keep the promises data/README.md makes.

Two kinds of test. First, every table loads through `coursekit.datasets` with its schema and
rules, and is big and broad enough for the lessons. Second, the checks that matter most are
redone here independently of coursekit, from the CSV and the text files alone: that quotations
stand verbatim at their offsets, that "mentioned in" columns match the texts, that every row has
a source, that URLs are well-formed. A bug in coursekit's rules cannot then hide a bad table.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from coursekit.datasets import SCHEMAS, load_table

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
TABLES = [name for name in SCHEMAS if name != "sources"]
SOURCE_FILES = {"review": "review-welcome-to-the-usa.txt", "calvert": "calvert-journal-feature-2021-02-24.txt",
                "klassiki": "klassiki-interview.txt"}
TEXTS = {sid: (DATA / "sources" / name).read_bytes().decode("utf-8") for sid, name in SOURCE_FILES.items()}


def rows(table: str) -> list[dict[str, str]]:
    with (DATA / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(autouse=True)
def at_repo(monkeypatch):
    monkeypatch.delenv("COURSEKIT_DATA", raising=False)
    monkeypatch.chdir(REPO)


# --------------------------------------------------------------------------------------------
# every table loads, and is big and broad enough


@pytest.mark.parametrize("table", TABLES)
def test_table_loads_with_its_schema(table):
    frame = load_table(table)
    assert {c.name for c in SCHEMAS[table].columns} <= set(frame.columns)
    assert len(frame) == len(rows(table))


@pytest.mark.parametrize("table, minimum", [
    ("timeline", 60), ("quotes", 25), ("glossary", 30), ("people", 15), ("places", 15),
    ("corrections", 15), ("countries", 5), ("chain", 15), ("reasons", 20), ("funding", 15), ("lexicon", 60),
])
def test_minimum_sizes(table, minimum):
    assert len(rows(table)) >= minimum


def test_timeline_spans_1989_to_the_present():
    years = sorted(int(row["date"][:4]) for row in rows("timeline"))
    assert years[0] == 1989 and years[-1] >= 2025
    assert all(1989 <= y <= 2026 for y in years)


def test_every_theme_has_events():
    counts = Counter(row["theme"] for row in rows("timeline"))
    themes = SCHEMAS["timeline"].columns[2].allowed
    assert {t: counts[t] for t in themes if counts[t] < 4} == {}


@pytest.mark.parametrize("country", ["Russia", "Georgia", "Kyrgyzstan"])
def test_the_neighbours_the_sources_compare_with_have_events(country):
    assert sum(row["country"] == country for row in rows("timeline")) >= 3


def test_timeline_is_in_date_order():
    dates = [row["date"] for row in rows("timeline")]
    assert dates == sorted(dates)


def test_quotes_cover_every_source_and_mark_narration():
    quotes = rows("quotes")
    assert {q["source_id"] for q in quotes} == set(TEXTS)
    narration = [q for q in quotes if q["presentation"] == "narration_as_quote"]
    assert [q["source_id"] for q in narration] == ["review"]


# --------------------------------------------------------------------------------------------
# verbatim: quotations and quoted claims stand at their offsets (checked without coursekit)


@pytest.mark.parametrize("table, column", [("quotes", "text"), ("corrections", "claim"), ("reasons", "passage")])
def test_verbatim_at_offset(table, column):
    wrong = []
    for row in rows(table):
        start, quoted = int(row["offset"]), row[column]
        if TEXTS[row["source_id"]][start:start + len(quoted)] != quoted:
            wrong.append(row[f"{table[:-1]}_id"])
    assert wrong == []


def test_the_narration_the_review_quotes_is_narration_in_the_calvert_journal():
    (row,) = [q for q in rows("quotes") if q["presentation"] == "narration_as_quote"]
    words = " ".join(row["text"].split())
    calvert = " ".join(TEXTS["calvert"].split())
    at = calvert.index(words)
    # In The Calvert Journal the sentence is not inside quotation marks: the last mark before it closes.
    assert calvert.rfind("”", 0, at) > calvert.rfind("“", 0, at)


def test_versions_of_one_remark_come_from_different_sources():
    groups: dict[str, list[str]] = {}
    for q in rows("quotes"):
        if q["same_as"]:
            groups.setdefault(q["same_as"], []).append(q["source_id"])
    assert groups and all(len(set(ids)) == len(ids) >= 2 for ids in groups.values())


# --------------------------------------------------------------------------------------------
# "mentioned in" columns recomputed from the texts (plain regular expressions, not coursekit)


def _normalised(text: str) -> str:
    text = re.sub(r"-\s*\n\s*", "-", text)
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'"))


def _names_in(sid: str, forms: list[str], ignore_case: bool) -> bool:
    text = _normalised(TEXTS[sid])
    flags = re.IGNORECASE if ignore_case else 0
    return any(re.search(rf"(?<!\w){re.escape(_normalised(f))}(?!\w)", text, flags) for f in forms)


@pytest.mark.parametrize("table, column, names, ignore_case", [
    ("people", "mentioned_in", ("name", "aliases"), False),
    ("places", "mentioned_in", ("place", "aliases"), False),
    ("countries", "mentioned_in", ("country", "aliases"), False),
    ("glossary", "appears_in", ("term", "aliases"), True),
])
def test_mentions_match_the_texts(table, column, names, ignore_case):
    mismatches = {}
    for row in rows(table):
        forms = [f.strip() for n in names for f in row[n].split(";") if f.strip()]
        expected = [sid for sid in TEXTS if _names_in(sid, forms, ignore_case)]
        stated = [s.strip() for s in row[column].split(";") if s.strip()]
        if stated != expected:
            mismatches[row[names[0]]] = (stated, expected)
    assert mismatches == {}


def test_everyone_listed_is_named_in_a_source():
    assert [p["person_id"] for p in rows("people") if not p["mentioned_in"]] == []


def test_the_director_is_named_in_all_three_texts():
    (director,) = [p for p in rows("people") if p["person_id"] == "assel-aushakimova"]
    assert director["mentioned_in"] == "review; calvert; klassiki"


# --------------------------------------------------------------------------------------------
# sources and links


SOURCE_COLUMNS = {
    "timeline": ("source_url",), "places": ("coordinates_url",), "countries": ("source_url",),
    "people": ("mentioned_in", "source_url"), "quotes": ("source_id",), "glossary": ("source_url",),
    "corrections": ("source_url",), "chain": ("source_url", "source_id"), "reasons": ("source_id",),
    "funding": ("source_url", "source_id"), "lexicon": ("note",),  # a keyword's source: why it signals its theme
}


@pytest.mark.parametrize("table", TABLES)
def test_every_row_has_a_source(table):
    assert [i for i, row in enumerate(rows(table), start=2) if not any(row[c].strip() for c in SOURCE_COLUMNS[table])] == []


def test_every_table_is_covered_by_the_source_check():
    assert set(SOURCE_COLUMNS) == set(TABLES)


URL = re.compile(r"https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::[0-9]+)?(?:/[^\s]*)?")


@pytest.mark.parametrize("table", TABLES)
def test_urls_are_well_formed(table):
    columns = [c.name for c in SCHEMAS[table].columns if c.kind == "url"]
    bad = [row[c] for row in rows(table) for c in columns if row[c] and not URL.fullmatch(row[c])]
    assert bad == []
    assert all(urlsplit(row[c]).netloc for row in rows(table) for c in columns if row[c])


def test_every_source_url_has_a_title():
    for table in ("timeline", "glossary", "corrections", "places", "countries", "chain"):
        url_col = "coordinates_url" if table == "places" else "source_url"
        title_col = "coordinates_title" if table == "places" else "source_title"
        assert [r[url_col] for r in rows(table) if r[url_col] and not r[title_col].strip()] == []


# --------------------------------------------------------------------------------------------
# places, countries and the world map


def test_every_timeline_place_is_in_the_places_table():
    places = {p["place"] for p in rows("places")}
    assert {r["place"] for r in rows("timeline") if r["place"]} - places == set()


def test_every_place_is_named_by_a_text_or_used_by_the_timeline():
    used = {r["place"] for r in rows("timeline")}
    assert [p["place"] for p in rows("places") if not p["mentioned_in"] and p["place"] not in used] == []


def test_every_country_code_is_on_the_bundled_world_map():
    import json

    topology = json.loads((DATA / "maps" / "world_110m.json").read_text(encoding="utf-8"))
    codes = {g.get("id") for g in topology["objects"]["countries"]["geometries"]}
    assert {c["iso3"] for c in rows("countries")} - codes == set()


def test_coordinates_are_in_range():
    for p in rows("places"):
        assert -90 <= float(p["latitude"]) <= 90 and -180 <= float(p["longitude"]) <= 180, p["place"]


# --------------------------------------------------------------------------------------------
# own words: events, definitions and corrections do not copy the source texts


def _shingles(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", _normalised(text).lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


SOURCE_SHINGLES = set().union(*(_shingles(t) for t in TEXTS.values()))


@pytest.mark.parametrize("table, column", [
    ("timeline", "event"), ("glossary", "definition"), ("corrections", "problem"),
    ("corrections", "correction"), ("people", "role"), ("places", "what_happened"), ("chain", "what"),
])
def test_own_words_do_not_copy_eight_words_from_the_texts(table, column):
    assert [r[column] for r in rows(table) if _shingles(r[column]) & SOURCE_SHINGLES] == []


# --------------------------------------------------------------------------------------------
# the computed columns are up to date


def test_computed_columns_are_up_to_date():
    from coursekit.computed import MENTIONS, OFFSETS, refreshed

    for table in (*MENTIONS, *OFFSETS):
        text = (DATA / f"{table}.csv").read_text(encoding="utf-8")
        assert refreshed(table, text) == text, f"{table}.csv: run python -m coursekit.computed"


def test_refresh_restores_a_blanked_mentions_column():
    from coursekit.computed import refreshed

    text = (DATA / "people.csv").read_text(encoding="utf-8")
    table = rows("people")
    blank = _csv_text(list(table[0]), [{**r, "mentioned_in": ""} for r in table])
    assert refreshed("people", blank) == text


def _csv_text(header: list[str], records: list[dict[str, str]]) -> str:
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue()
