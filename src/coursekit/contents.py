"""The README's table of contents, generated from the lessons and the exercises themselves.

Each row comes from what the notebooks already state (the `#` title, the **Time:** and **Themes:**
lines of a lesson's header, the points in the master exercise's cell metadata), and the launch links
from the one configured repository slug, so the table cannot drift from the lessons. `make tidy`
rewrites it between the markers below; the test suite fails if it is stale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .errors import CourseError
from .housekeeping import course_notebooks, title_of
from .links import BINDER_BADGE, binder_url, repository_slug

BEGIN, END = "<!-- coursekit:contents -->", "<!-- /coursekit:contents -->"
LAUNCH_BEGIN, LAUNCH_END = "<!-- coursekit:launch -->", "<!-- /coursekit:launch -->"
README = "README.md"
TIME = re.compile(r"^\*\*Time:\*\*\s*(\d+)\s*minutes", re.MULTILINE)
THEMES = re.compile(r"^\*\*Themes:\*\*\s*(.+?)\.?\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Row:
    number: str
    title: str
    lesson: str  # path from the repository root
    minutes: int
    themes: str
    exercise: str | None  # path from the repository root, when it is released
    points: tuple[float, float] | None  # (all points, points the teacher marks)


def header_of(nb: nbformat.NotebookNode) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def exercise_points(master: Path) -> tuple[float, float]:
    """(all points, teacher-marked points) of a master notebook, from its answer cells' metadata."""
    nb = nbformat.read(master, as_version=4)
    questions = [c.metadata["coursekit"] for c in nb.cells if "question" in c.metadata.get("coursekit", {})]
    return (sum(q["points"] for q in questions), sum(q["points"] for q in questions if q.get("kind") != "auto"))


def rows(root: Path) -> list[Row]:
    """One row per lesson, in lesson order; a lesson without its **Time:** or **Themes:** line is refused."""
    result = []
    for path in course_notebooks(root):
        nb = nbformat.read(path, as_version=4)
        text = header_of(nb)
        time, themes = TIME.search(text), THEMES.search(text)
        if not time or not themes:
            missing = "**Time:** N minutes" if not time else "**Themes:**"
            raise CourseError(f"{path.name} has no '{missing}' line in its header.")
        exercise = root / "exercises" / path.name
        master = root / "solutions" / path.name
        result.append(Row(
            number=path.name[:2],
            title=title_of(nb, path),
            lesson=f"notebooks/{path.name}",
            minutes=int(time.group(1)),
            themes=themes.group(1).strip(),
            exercise=f"exercises/{path.name}" if exercise.is_file() else None,
            points=exercise_points(master) if master.is_file() else None,
        ))
    return result


def points_phrase(points: tuple[float, float]) -> str:
    """An exercise's points as the table says them: "17 points, 4 marked by the teacher"."""
    total, marked = (f"{p:g}" for p in points)
    return f"{total} points, {marked} marked by the teacher" if points[1] else f"{total} points"


def table(rows: list[Row], slug: str | None) -> str:
    """The Markdown table; without a slug (a student bundle) it has no Binder column."""
    head = ["#", "lesson", "time", "themes", "exercise"] + (["open on Binder"] if slug else [])
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in rows:
        exercise = (f"[exercise {row.number}]({row.exercise})" + (f" ({points_phrase(row.points)})" if row.points else "")
                    if row.exercise else "none")
        cells = [row.number, f"[{row.title}]({row.lesson})", f"{row.minutes} min",
                 row.themes.replace("|", "\\|"), exercise]
        if slug:
            launch = f"[lesson {row.number} on Binder]({binder_url(slug, row.lesson)})"
            if row.exercise:
                launch += f" · [exercise {row.number} on Binder]({binder_url(slug, row.exercise)})"
            cells.append(launch)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def launch_badge(slug: str, first_lesson: str) -> str:
    """The Binder badge at the top of the README, which opens the first lesson."""
    return f"[![Launch lesson 00 on Binder]({BINDER_BADGE})]({binder_url(slug, first_lesson)})"


def with_contents(text: str, contents: str, where: str = README, markers: tuple[str, str] = (BEGIN, END)) -> str:
    """`text` with the part between the markers (by default the contents table's) replaced by `contents`."""
    begin, end_marker = markers
    start, end = text.find(begin), text.find(end_marker)
    if start < 0 or end < start:
        raise CourseError(f"{where} has no '{begin}' … '{end_marker}' markers for generated text.")
    return text[: start + len(begin)] + "\n" + contents + "\n" + text[end:]


def readme_text(root: Path) -> str:
    """The README as it should be: its launch badge and contents table regenerated, the rest untouched."""
    slug, lessons = repository_slug(root), rows(root)
    text = (root / README).read_text(encoding="utf-8")
    text = with_contents(text, launch_badge(slug, lessons[0].lesson), markers=(LAUNCH_BEGIN, LAUNCH_END))
    return with_contents(text, table(lessons, slug))
