"""The teaching guide covers every lesson in full, its timings add up, and it quotes only what exists.

Its links are checked with every other Markdown file's (test_hygiene.py), its headings by the
accessibility lint.
"""

from __future__ import annotations

import importlib
import itertools
import re
from pathlib import Path

import nbformat
import pytest

from coursekit import contents
from coursekit.housekeeping import title_of

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "docs" / "teaching-guide.md").read_text(encoding="utf-8")
LESSONS = sorted((ROOT / "notebooks").glob("*.ipynb"))
LESSON_PARTS = ("Objectives", "Before the session", "A 60-minute session", "A 90-minute session",
                "On the projector", "Discussion prompts", "Sensitive material", "The exercise")
COURSE_PARTS = ("Before you start", "Teaching the sensitive material", "Running a course with it", "Adapting it")
CLOCK = re.compile(r"^\|\s*(\d+)\s*[–-]\s*(\d+)\s*\|", re.MULTILINE)


def section(heading: str, level: int = 2, text: str = GUIDE) -> str:
    """The text under a heading, up to the next heading of the same or a higher level."""
    marks = "#" * level
    match = re.search(rf"^{marks} {re.escape(heading)}\n(.*?)(?=^#{{1,{level}}} |\Z)", text, flags=re.MULTILINE | re.DOTALL)
    assert match, f"the teaching guide has no '{marks} {heading}' section"
    return match.group(1)


def lesson_section(path: Path) -> str:
    title = title_of(nbformat.read(path, as_version=4), path)
    return section(f"Lesson {path.name[:2]}: {title}")


def test_the_table_of_lessons_gives_each_lesson_its_own_minutes_and_points():
    """The guide's table repeats what the README's generated table says; it must not drift from it."""
    table = section("The eight lessons", 3, section("Before you start"))
    for row in contents.rows(ROOT):
        line = re.search(rf"^\| {row.number} \| .*$", table, flags=re.MULTILINE)
        assert line, f"the guide's table of lessons has no row for lesson {row.number}"
        cells = [c.strip() for c in line.group(0).strip("|").split("|")]
        assert cells[2] == str(row.minutes), f"lesson {row.number}: the guide says {cells[2]} minutes"
        expected = f"{row.points[0]:g} ({row.points[1]:g})" if row.points else "no exercise"
        assert cells[3] == expected, f"lesson {row.number}: the guide says {cells[3]}, the exercise gives {expected}"
    total = re.search(r"add up to (\d+)", " ".join(table.split()))
    assert total and int(total.group(1)) == sum(row.minutes for row in contents.rows(ROOT))


def test_the_guide_covers_running_and_adapting_a_course():
    for heading in COURSE_PARTS:
        assert section(heading).strip()


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name[:2])
def test_each_lesson_has_every_part_in_order(path):
    text = lesson_section(path)
    found = re.findall(r"^### (.+)$", text, flags=re.MULTILINE)
    assert found == list(LESSON_PARTS), f"lesson {path.name[:2]}: parts are {found}"
    for part in LESSON_PARTS:
        assert len(section(part, 3, text).split()) >= 25, f"lesson {path.name[:2]}: '{part}' is nearly empty"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name[:2])
@pytest.mark.parametrize("minutes", [60, 90])
def test_each_session_plan_runs_without_gaps_from_the_start_to_the_last_minute(path, minutes):
    plan = section(f"A {minutes}-minute session", 3, lesson_section(path))
    ranges = [(int(a), int(b)) for a, b in CLOCK.findall(plan)]
    assert ranges, f"lesson {path.name[:2]}: the {minutes}-minute plan has no rows like '| 0–10 |'"
    assert ranges[0][0] == 0 and ranges[-1][1] == minutes, f"lesson {path.name[:2]}: {ranges}"
    for (_, end), (start, stop) in itertools.pairwise(ranges):
        assert start == end and stop > start, f"lesson {path.name[:2]}: the {minutes}-minute plan jumps at {end}–{start}"


@pytest.mark.parametrize("path", LESSONS[1:], ids=lambda p: p.name[:2])
def test_each_exercise_part_gives_the_exercise_points_and_its_marking_guide(path):
    text = section("The exercise", 3, lesson_section(path))
    bank = importlib.import_module(f"coursekit.questions.ex{path.name[:2]}").QUESTIONS
    assert f"{sum(q.points for q in bank)} points" in text
    assert re.search(r"marking guide", text, flags=re.IGNORECASE)


def quotable() -> str:
    """Everything the guide may quote: the source texts, the lessons and the master notebooks."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "sources").glob("*.txt"))]
    for folder in ("notebooks", "solutions"):
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            texts += [c.source for c in nbformat.read(path, as_version=4).cells]
    return " ".join(" ".join(texts).split())


def test_every_quotation_is_verbatim_from_a_source_text_or_a_notebook():
    pool = quotable()
    without_code = re.sub(r"```.*?```|`[^`\n]*`", "", GUIDE, flags=re.DOTALL)
    quoted = re.findall(r'"([^"\n]+(?:\n[^"\n]+)*)"', without_code)
    assert quoted, "the guide quotes nothing, so this test would prove nothing"
    missing = [q for q in quoted if " ".join(q.split()) not in pool]
    assert not missing, f"quoted in the guide but found in no source text or notebook: {missing}"


def test_only_straight_quotation_marks_are_used():
    assert not re.search("[“”„«»]", GUIDE), "use straight double quotes, so the quotation test can find them"
