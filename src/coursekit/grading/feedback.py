"""One Markdown feedback file per student: each question, the points, and what to look at again.

Feedback is made only from the checks' results (their hints are written never to give the
answer), the statuses and the notes; it never includes a reference answer, a check's code or
anything from the master notebook other than question titles.
"""

from __future__ import annotations

import re
from pathlib import Path

from .exercises import Exercise
from .grade import GRADED, Graded
from .gradebook import Mark, points_text

UNSAFE = re.compile(r"[^\w.@+-]+")


def feedback_name(student: str) -> str:
    """A file name for `student` that is safe on every system."""
    return (UNSAFE.sub("_", student).strip("._") or "student")[:80] + ".md"


def feedback(record: Graded, exercise: Exercise | None, marks: dict[tuple[str, str], Mark]) -> str:
    """The feedback text for one student's submission."""
    if exercise is None or record.exercise != exercise.number or not record.results:
        return _unusable(record, exercise)
    auto = sum(r.earned for r in record.results.values())
    lines = [f"# {exercise.title}: feedback for {record.student}", ""]
    if record.status == GRADED:
        lines.append(f"Your notebook was graded. The checks give you **{auto} of {exercise.auto_points} points**.")
    else:
        lines.append(f"**Grading stopped early ({record.status}):** {record.reason} "
                     f"The checks that ran give you **{auto} of {exercise.auto_points} points**.")
    given = [marks[(record.student, q.qid)] for q in exercise.questions
             if q.kind == "manual" and (record.student, q.qid) in marks]
    if exercise.manual_points:
        if given:
            lines.append(f"Your teacher's marks so far: **{points_text(sum(m.points for m in given))} of "
                         f"{exercise.manual_points} points** for the free-text questions.")
        else:
            lines.append(f"The free-text questions ({exercise.manual_points} points) are marked by your teacher.")
    lines.append("")
    for question in exercise.questions:
        lines.append(f"## {exercise.heading(question.qid)}")
        lines.append("")
        if question.kind == "manual":
            mark = marks.get((record.student, question.qid))
            answered = bool(record.free_text.get(question.qid))
            if mark:
                lines.append(f"Marked by your teacher: **{points_text(mark.points)} of {question.points} points**.")
                if mark.comment:
                    lines += ["", f"> {mark.comment}"]
            else:
                lines.append(f"{question.points} points, marked by your teacher. "
                             + ("Your answer was passed on to them." if answered else
                                "**No answer was found** in your notebook for this question."))
        else:
            result = record.results[question.qid]
            mark = "✔" if result.passed else "✘"
            lines.append(f"{mark} **{result.earned} of {result.possible} points**")
            if result.hints:
                lines += ["", "What to look at again:", *(f"- {hint}" for hint in result.hints)]
        lines.append("")
    if record.notes:
        lines += ["## Notes from the grader", "", *(f"- {note}" for note in record.notes), ""]
    return "\n".join(lines)


def _unusable(record: Graded, exercise: Exercise | None) -> str:
    title = exercise.title if exercise else "Exercise"
    lines = [f"# {title}: feedback for {record.student}", "",
             f"**Your notebook could not be graded ({record.status}).** {record.reason[:1].upper()}{record.reason[1:]}",
             "",
             ("Please check that you submitted the right file, saved from JupyterLab, and ask your teacher "
              "whether you can submit it again."), ""]
    if record.notes:
        lines += ["## Notes from the grader", "", *(f"- {note}" for note in record.notes), ""]
    return "\n".join(lines)


def write_feedback(path: Path, record: Graded, exercise: Exercise | None,
                   marks: dict[tuple[str, str], Mark]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(feedback(record, exercise, marks), encoding="utf-8", errors="replace")
    return path

