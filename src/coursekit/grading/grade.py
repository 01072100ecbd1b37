"""Grade one submission: read it, rebuild it, run it under limits, score the answers it published.

`grade(job)` always returns a `Graded` record, whatever the submission holds: the batch relies on
that to give every student a row.

A process that grades several submissions keeps a fork server, which has imported the exercise's
libraries once and forks each kernel from itself (see `forkserver`), and one spare kernel: when it
takes a kernel for a submission it starts the next one at once, so the next kernel's start
overlaps this submission's run. `close()` stops both as the worker process exits (and a grading
kernel dies with the process that started it in any case: see `kernel`).
"""

from __future__ import annotations

import asyncio
import multiprocessing.util
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..checks import Question, Result
from ..checks.question import score
from .capture import Unreadable, thaw
from .execute import (
    KERNEL_DIED,
    Kernel,
    Limits,
    base_env,
    execute,
    hidden,
    start_kernel,
    stop_kernel,
    untouched,
)
from .exercises import Exercise, load_exercise
from .forkserver import AVAILABLE, ForkServer
from .rebuild import rebuild
from .submissions import read_notebook

GRADED, GRADER_ERROR = "graded", "grader error"
INTERNAL_CELL_NAME = re.compile(r"\(\d+\.py, line (\d+)\)")  # how IPython names a cell in a SyntaxError


@dataclass(frozen=True)
class Job:
    """What a worker needs to grade one file (plain data, so it can cross to another process)."""

    path: Path
    student: str
    exercise: str
    notes: list[str]
    data: Path
    scratch: Path
    limits: Limits
    prestart: bool = True
    running: Path | None = None  # a file that exists while this job runs: left behind if its process dies
    fork: bool = True  # fork kernels from a warm server where the system allows it


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


_LOOP: asyncio.AbstractEventLoop | None = None
_SPARE: tuple[tuple, Kernel] | None = None
_SERVER: tuple[tuple, ForkServer] | None = None
_SERVER_FAILED = False  # a server that would not start is not tried again by this process


def grade(job: Job) -> Graded:
    """Grade `job.path` as exercise `job.exercise`; never raises."""
    global _LOOP
    if _LOOP is None:
        _LOOP = asyncio.new_event_loop()
        multiprocessing.util.Finalize(None, close, exitpriority=10)  # in a worker process, at its exit
    try:
        if job.running is not None:
            job.running.touch()
        record = _LOOP.run_until_complete(_grade(job))
        if job.running is not None:
            job.running.unlink(missing_ok=True)
        return record
    except Exception as error:  # noqa: BLE001 - a bug in the grader must cost one row, not the batch
        return Graded(job.student, job.path, job.exercise, GRADER_ERROR,
                      f"the grader failed on this file ({type(error).__name__}: {error}); please report it.",
                      notes=list(job.notes))


def close() -> None:
    """Stop the spare kernel and the fork server, if any (at the end of a batch)."""
    global _SPARE, _SERVER
    if _SPARE is not None and _LOOP is not None and not _LOOP.is_closed():
        _LOOP.run_until_complete(stop_kernel(_SPARE[1]))
    _SPARE = None
    if _SERVER is not None:
        _SERVER[1].close()
    _SERVER = None


def _server_for(job: Job, warm_up: str) -> ForkServer | None:
    """This process's working fork server for `job`'s exercise and limits, started if need be."""
    global _SERVER, _SERVER_FAILED
    if not (job.fork and AVAILABLE) or _SERVER_FAILED:
        return None
    key = (warm_up, job.limits, job.scratch)
    if _SERVER is not None and (_SERVER[0] != key or not _SERVER[1].alive()):
        _SERVER[1].close()  # another exercise, or stopped (a student's code can reach it): a new one
        _SERVER = None
    if _SERVER is None:
        job.scratch.mkdir(parents=True, exist_ok=True)
        server = ForkServer(warm_up, base_env(job.limits), job.scratch)
        if not server.working:
            _SERVER_FAILED = True
            return None
        _SERVER = (key, server)
    return _SERVER[1]


async def _kernel_for(job: Job, exercise: Exercise) -> Kernel:
    """The spare kernel if it suits `job` and is as it was made, else a new one; then the next spare.

    The next spare must have hidden its key before this submission's code runs (`hidden`); a spare
    that the previous submission's code may have reached (its folder changed) is thrown away.
    """
    global _SPARE
    key = (job.scratch, job.data, job.limits, job.exercise)
    warm_up = _imports(exercise)
    server = _server_for(job, warm_up)  # first: a server given up is killed now, with any spare it forked
    spare, _SPARE = _SPARE, None
    kernel = None
    if spare is not None:
        if (spare[0] == key and _answering(spare[1]) and untouched(spare[1], job.data, warm_up)
                and await spare[1].km.is_alive()):
            kernel = spare[1]
        else:
            await stop_kernel(spare[1])
    if kernel is None:
        kernel = await start_kernel(job.scratch, job.data, job.limits, warm_up, server)
    if job.prestart:
        try:
            _SPARE = (key, await start_kernel(job.scratch, job.data, job.limits, warm_up, server))
            if not await hidden(_SPARE[1]):
                raise RuntimeError("the spare kernel did not hide its key in time")
        except Exception:  # noqa: BLE001 - without a spare the next submission starts its own kernel
            if _SPARE is not None:
                await stop_kernel(_SPARE[1])
            _SPARE = None
    return kernel


def _answering(kernel: Kernel) -> bool:
    """Whether a spare kernel has not failed its handshake (it may still be under way): one that
    the previous student's code stopped for longer than the handshake's time limit has."""
    ready = kernel.ready
    return ready is None or not ready.done() or (not ready.cancelled() and ready.exception() is None)


def _imports(exercise: Exercise) -> str:
    """The import lines of the exercise's own cells: what every submission's kernel imports first."""
    lines = []
    for cell in exercise.template.cells:
        if cell.cell_type == "code" and not cell.metadata.get("coursekit"):
            lines += [line for line in cell.source.splitlines() if line.startswith(("import ", "from "))]
    return "\n".join(dict.fromkeys(lines))


async def _grade(job: Job) -> Graded:
    exercise = load_exercise(job.exercise)
    submitted, read_notes = read_notebook(job.path)
    built = rebuild(exercise, submitted)
    kernel = await _kernel_for(job, exercise)
    run = await execute(built.notebook, built.capture_cells, kernel, job.limits)
    notes = [*job.notes, *read_notes, *built.notes]
    results = {}
    for qid, question in ((q.qid, q) for q in exercise.questions if isinstance(q, Question)):
        results[qid] = _result(question, run, built, exercise)
    status, reason = GRADED, ""
    if run.reason:
        status = run.reason
        where = _where(run.stopped_at, built, exercise, run.reason)
        reason = f"{run.detail}{where}; answers after that point were not run and score zero."
    for index, (ename, evalue) in sorted(run.errors.items()):
        if index in built.answer_cells and index != run.stopped_at:
            qid = built.answer_cells[index]
            evalue = INTERNAL_CELL_NAME.sub(r"(line \1 of the cell)", evalue)
            notes.append(f"your answer cell for {qid} stopped with {ename}: {evalue}".rstrip(": ") + ".")
    if run.printed_bytes > 1_000_000:
        notes.append(f"your notebook printed {run.printed_bytes // 1_000_000} MB of text; the grader ignored it.")
    return Graded(job.student, job.path, job.exercise, status, reason, results, built.free_text, notes)


def _result(question: Question, run, built, exercise: Exercise) -> Result:
    """The score of one automatic question from what its capture cell published."""
    qid = question.qid
    if qid not in run.captured:
        index = next((i for i, q in built.capture_cells.items() if q == qid), None)
        answer_index = next((i for i, q in built.answer_cells.items() if q == qid), None)
        if run.stopped_at is not None and (index is None or index >= run.stopped_at):
            why = "not run: grading stopped before this question."
        elif answer_index in run.errors:
            why = f"no answer: your answer cell stopped with {run.errors[answer_index][0]} before the answer was set."
        elif run.errors.get(index, ("",))[0] == "NameError":
            why = (f"no answer: `{built.names.get(qid, 'the answer')}` was not set. Keep the name the exercise "
                   "gives the answer, and set it in the answer cell.")
        else:
            why = f"no answer could be read ({run.errors.get(index, ('nothing was published',))[0]})."
        return Result(qid, 0, question.points, (why,))
    try:
        answer = thaw(run.captured[qid])
    except Unreadable as problem:
        return Result(qid, 0, question.points, (str(problem),))
    return score(question, answer)


def _where(index: int | None, built, exercise: Exercise, status: str) -> str:
    """Where a run stopped. A kernel's death is noticed at the cell after the one that killed it if the
    kernel takes a moment to exit, so that is said as "noticed at"."""
    if index is None or index < 0:
        return ""
    qid = built.answer_cells.get(index) or built.capture_cells.get(index)
    at = ", noticed at" if status == KERNEL_DIED else ", in"
    if qid:
        return f"{at} the cells of {exercise.heading(qid).split(':')[0].lower()} ({qid})"
    return f"{at} one of the exercise's own cells"
