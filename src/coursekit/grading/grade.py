"""Grade one submission: read it, rebuild it, run it under limits, score the answers it published.

`grade(job)` always returns a `Graded` record, whatever the submission holds: the batch relies on
that to give every student a row.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..checks import Question, Result
from ..checks.question import score
from .capture import Unreadable, thaw
from .execute import Limits, execute, scratch_folder
from .exercises import Exercise, load_exercise
from .rebuild import rebuild

GRADED, GRADER_ERROR = "graded", "grader error"


@dataclass
class Job:
    """What a worker needs to grade one file (plain data, so it can cross to another process)."""

    path: Path
    student: str
    exercise: str
    notes: list[str]
    data: Path
    kernels: Path
    scratch: Path
    limits: Limits


@dataclass
class Graded:
    """The outcome for one student: status, a result per automatic question, free text, notes."""

    student: str
    path: Path
    exercise: str | None
    status: str
    reason: str = ""
    results: dict[str, Result] = field(default_factory=dict)
    free_text: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0


def grade(job: Job) -> Graded:
    """Grade `job.path` as exercise `job.exercise`; never raises."""
    try:
        return asyncio.run(_grade(job))
    except Exception as error:  # noqa: BLE001 - a bug in the grader must cost one row, not the batch
        return Graded(job.student, job.path, job.exercise, GRADER_ERROR,
                      f"the grader failed on this file ({type(error).__name__}: {error}); please report it.",
                      notes=list(job.notes))


async def _grade(job: Job) -> Graded:
    from .submissions import read_notebook

    exercise = load_exercise(job.exercise)
    submitted, read_notes = read_notebook(job.path)
    built = rebuild(exercise, submitted)
    folder = Path(tempfile.mkdtemp(prefix="submission-", dir=job.scratch))
    try:
        workdir = scratch_folder(folder, job.data)
        run = await execute(built.notebook, built.capture_cells, workdir, folder / "data", job.kernels, job.limits)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    notes = [*job.notes, *read_notes, *built.notes]
    results = {}
    for qid, question in ((q.qid, q) for q in exercise.questions if isinstance(q, Question)):
        results[qid] = _result(question, run, built, exercise)
    status, reason = GRADED, ""
    if run.reason:
        status = run.reason
        where = _where(run.stopped_at, built, exercise)
        reason = f"{run.detail}{where}; answers after that point were not run and score zero."
    for index, (ename, evalue) in sorted(run.errors.items()):
        if index in built.answer_cells and index != run.stopped_at:
            qid = built.answer_cells[index]
            notes.append(f"your answer cell for {qid} stopped with {ename}: {evalue}".rstrip(": ") + ".")
    if run.printed_bytes > 1_000_000:
        notes.append(f"your notebook printed {run.printed_bytes // 1_000_000} MB of text; the grader ignored it.")
    return Graded(job.student, job.path, job.exercise, status, reason, results, built.free_text, notes, run.seconds)


def _result(question: Question, run, built, exercise: Exercise) -> Result:
    """The score of one automatic question from what its capture cell published."""
    qid = question.qid
    if qid not in run.captured:
        index = next((i for i, q in built.capture_cells.items() if q == qid), None)
        if run.stopped_at is not None and (index is None or index >= run.stopped_at):
            why = "not run: grading stopped before this question."
        else:
            answer_index = next((i for i, q in built.answer_cells.items() if q == qid), None)
            ename = run.errors.get(index, run.errors.get(answer_index, ("", "")))[0]
            why = f"no answer could be read: the answer cell did not assign the answer ({ename or 'no value'})."
        return Result(qid, 0, question.points, (why,))
    try:
        answer = thaw(run.captured[qid])
    except Unreadable as problem:
        return Result(qid, 0, question.points, (str(problem),))
    return score(question, answer)


def _where(index: int | None, built, exercise: Exercise) -> str:
    if index is None:
        return ""
    qid = built.answer_cells.get(index) or built.capture_cells.get(index)
    if qid:
        return f", in the cells of {exercise.heading(qid).split(':')[0].lower()} ({qid})"
    return ", in one of the exercise's own cells"
