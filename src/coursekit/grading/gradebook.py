"""The files a teacher keeps: the gradebook, the free-text answers to mark, and their marks.

- `grades.csv`: one row per student, one column per question (points earned), then the points
  from the checks, the teacher's points, the total and the status. It opens in any spreadsheet and
  imports into an LMS gradebook by its `student` and `total` columns.
- `free-text-NN.csv` (beside it): one row per student and free-text question, with the answer and
  an empty `mark` column. The teacher fills `mark` (and, if they like, `comment`); the next grading
  run, or `--marks-only`, copies the marks into `grades.csv`. A run never loses a mark: it keeps
  every mark whose answer is unchanged and those of students it did not grade, and copies the old
  file to `free-text-NN.previous-<date>-<time>.csv` before it drops one given for an answer that
  has since changed.
"""

from __future__ import annotations

import csv
import io
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import CourseError
from .exercises import Exercise
from .grade import Graded

FREE_TEXT_FIELDS = ("student", "question", "points", "mark", "comment", "answer")
# A spreadsheet takes a cell that starts with one of these for a formula. A student's file name or
# answer could start so, so the grader writes such a text after a ' (which spreadsheets hide) and
# takes the ' away again when it reads the file back.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class MarksError(CourseError):
    """A free-text marks file the grader cannot use as it stands (the message names the row)."""


@dataclass(frozen=True)
class Mark:
    points: float
    comment: str
    answer: str


def free_text_path(grades: Path, exercise: Exercise) -> Path:
    return grades.with_name(f"free-text-{exercise.number}.csv")


def read_marks(path: Path, exercise: Exercise) -> dict[tuple[str, str], Mark]:
    """The teacher's marks in `path`, by (student, question); raises MarksError for a mark that is not
    a number between 0 and the question's points."""
    if not path.is_file():
        return {}
    possible = {q.qid: q.points for q in exercise.questions if q.kind == "manual"}
    rows = read_rows(path)
    marks = {}
    for line, row in enumerate(rows, start=2):
        missing = [name for name in ("student", "question", "mark") if name not in row]
        if missing:
            raise MarksError(f"{path.name} has no column {missing[0]!r}; keep the columns the grader wrote.")
        text = (row.get("mark") or "").strip().replace(",", ".")
        if not text:
            continue
        qid = (row.get("question") or "").strip()
        if qid not in possible:
            raise MarksError(f"{path.name}, line {line}: {qid!r} is not a free-text question of exercise "
                             f"{exercise.number} ({', '.join(possible)}).")
        try:
            points = float(text)
        except ValueError:
            raise MarksError(f"{path.name}, line {line}: the mark {text!r} is not a number.") from None
        if not 0 <= points <= possible[qid]:
            raise MarksError(f"{path.name}, line {line}: the mark {text} is outside 0 to {possible[qid]} "
                             f"(the points of {qid}).")
        marks[(row["student"].strip(), qid)] = Mark(points, (row.get("comment") or "").strip(), row.get("answer") or "")
    return marks


def write_free_text(path: Path, exercise: Exercise, graded: list[Graded],
                    marks: dict[tuple[str, str], Mark]) -> dict[tuple[str, str], Mark]:
    """Write the free-text answers of `graded` with the marks that still apply; return those marks.

    No mark is lost: the marks of students who are not in this run stay as they were, and before a
    mark is dropped because its answer has changed, the old file is copied to
    `free-text-NN.previous-<date>-<time>.csv`.
    """
    order = {q.qid: i for i, q in enumerate(exercise.questions)}
    points = {q.qid: q.points for q in exercise.questions}
    kept, dropped, rows = {}, False, []
    for record in graded:
        for qid in (q.qid for q in exercise.questions if q.kind == "manual"):
            answer = record.free_text.get(qid, "")
            mark = marks.get((record.student, qid))
            if mark is not None and mark.answer.strip() == answer.strip():
                kept[(record.student, qid)] = mark
            elif mark is not None:
                dropped, mark = True, None
            rows.append(_free_text_row(record.student, qid, points[qid], mark, answer))
    covered = {(row["student"], row["question"]) for row in rows}
    for (student, qid), mark in marks.items():
        if (student, qid) not in covered:
            kept[(student, qid)] = mark
            rows.append(_free_text_row(student, qid, points[qid], mark, mark.answer))
    if dropped and path.is_file():
        shutil.copy2(path, path.with_name(f"{path.stem}.previous-{time.strftime('%Y%m%d-%H%M%S')}.csv"))
    _write_csv(path, FREE_TEXT_FIELDS, sorted(rows, key=lambda row: (row["student"], order[row["question"]])))
    return kept


def _free_text_row(student: str, qid: str, points: int, mark: Mark | None, answer: str) -> dict:
    return {"student": student, "question": qid, "points": points, "mark": points_text(mark.points) if mark else "",
            "comment": mark.comment if mark else "", "answer": answer}


def gradebook_rows(exercise: Exercise, graded: list[Graded]) -> list[dict]:
    """One row per submission, questions in the exercise's order; free-text columns empty until marked."""
    rows = []
    for record in sorted(graded, key=lambda g: (g.student, str(g.path))):
        ours = record.exercise == exercise.number and bool(record.results)
        row = {"student": record.student, "exercise": record.exercise or "", "status": record.status}
        for question in exercise.questions:
            row[question.qid] = points_text(record.results[question.qid].earned) if ours and question.kind == "auto" else ""
        row.update({"checks": points_text(sum(r.earned for r in record.results.values())) if ours else "0",
                    "reason": record.reason, "notes": " ".join(record.notes), "file": str(record.path)})
        rows.append(row)
    return rows


def apply_marks(rows: list[dict], exercise: Exercise, marks: dict[tuple[str, str], Mark]) -> list[dict]:
    """Fill the free-text columns of `rows` from `marks`, and their teacher points and totals."""
    manual = [q.qid for q in exercise.questions if q.kind == "manual"]
    for row in rows:
        ours = row.get("exercise") == exercise.number
        given = [marks[(row["student"], qid)].points for qid in manual if ours and (row["student"], qid) in marks]
        for qid in manual:
            mark = marks.get((row["student"], qid)) if ours else None
            row[qid] = points_text(mark.points) if mark else ""
        checks = float(row.get("checks") or 0)
        row.update({"teacher": points_text(sum(given)) if given else "", "total": points_text(checks + sum(given)),
                    "possible": exercise.auto_points + exercise.manual_points,
                    "marked": f"{len(given)} of {len(manual)}"})
    return rows


def read_rows(path: Path) -> list[dict]:
    """The rows of a CSV file the grader wrote and a teacher may have saved from a spreadsheet.

    Spreadsheets set to a language with a decimal comma save with semicolons, so the separator is
    read from the header line rather than assumed.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise MarksError(f"{path.name} cannot be read as a text file ({error}); save it as CSV (UTF-8).") from None
    header = text.split("\n", 1)[0]
    separator = max(",;\t", key=header.count)
    try:
        return [{key: _unquoted(value) for key, value in row.items()}
                for row in csv.DictReader(io.StringIO(text), delimiter=separator)]
    except csv.Error as error:
        raise MarksError(f"{path.name} cannot be read as a CSV file ({error}).") from None


def write_gradebook(path: Path, exercise: Exercise, rows: list[dict]) -> None:
    fields = ["student", "exercise", "status", *(q.qid for q in exercise.questions),
              "checks", "teacher", "total", "possible", "marked", "reason", "notes", "file"]
    _write_csv(path, fields, rows)


def _write_csv(path: Path, fields, rows: list[dict]) -> None:
    """Write through a temporary file, so an interrupted run never leaves half a gradebook."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    # errors="replace": a file name or an answer may hold characters that are not UTF-8 text
    with partial.open("w", encoding="utf-8", errors="replace", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(fields))
        writer.writeheader()
        writer.writerows({key: _quoted(value) for key, value in row.items()} for row in rows)
    partial.replace(path)


def _quoted(value):
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def _unquoted(value):
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def points_text(value: float) -> str:
    """Points as a teacher writes them: 2, not 2.0; 2.5 as 2.5."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
