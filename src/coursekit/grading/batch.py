"""Grade a batch: every submission gets a row, whatever it holds, and the teacher's files are written.

Reading and identifying the files happens here, in order; running them happens in `jobs`
parallel processes (`grade.grade`, one fresh kernel per submission). The exercise being graded is
the one given with `--exercise`, or else the one most submissions are; a submission of another
exercise of the course is reported as the wrong assignment rather than graded against the wrong
questions.
"""

from __future__ import annotations

import collections
import multiprocessing
import re
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CourseError
from .execute import KERNEL_DIED, TIMEOUT, Limits
from .exercises import course_root, exercise_files, load_exercise
from .feedback import feedback_name, write_feedback
from .grade import GRADED, GRADER_ERROR, Graded, Job, grade
from .gradebook import (
    apply_marks,
    free_text_path,
    gradebook_rows,
    read_marks,
    write_free_text,
    write_gradebook,
)
from .progress import Progress
from .submissions import (
    INVALID,
    NO_STUDENT,
    OTHER_COURSE,
    UNREADABLE,
    Unusable,
    by_file_name,
    discover,
    identify,
    read_notebook,
    student_id,
)

WRONG_ASSIGNMENT, DUPLICATE = "wrong assignment", "duplicate student"
# Every status a row of the gradebook can have, in the order the README explains them.
STATUSES = (GRADED, TIMEOUT, KERNEL_DIED, INVALID, UNREADABLE, WRONG_ASSIGNMENT, OTHER_COURSE, DUPLICATE,
            NO_STUDENT, GRADER_ERROR)


@dataclass
class Options:
    out: Path
    feedback: Path
    jobs: int = 1
    limits: Limits = field(default_factory=Limits)
    exercise: str | None = None
    id_pattern: re.Pattern | None = None
    show_progress: bool = True
    prestart: bool = True
    fork: bool = True


@dataclass
class Report:
    exercise: str
    records: list[Graded]
    seconds: float
    written: list[Path]

    def counts(self) -> collections.Counter:
        return collections.Counter(record.status for record in self.records)


def grade_batch(paths: list[Path], options: Options, stream=sys.stderr) -> Report:
    """Grade every notebook under `paths`; raises CourseError only for a problem with the whole batch."""
    started = time.perf_counter()
    known = exercise_files()
    found = discover(paths)
    if not found:
        raise CourseError(f"no notebooks (.ipynb files) found in {', '.join(map(str, paths))}.")
    stems = [master.stem for master in known.values()]
    records, pending = [], []
    for path, root in found:
        try:
            student = student_id(path, root, stems, options.id_pattern)
        except Unusable as problem:
            records.append(Graded(path.name, path, None, problem.status, str(problem)))
            continue
        try:
            nb, _ = read_notebook(path)
            number, how = identify(nb, path, known)
        except Unusable as problem:
            records.append(Graded(student, path, None, problem.status, str(problem)))
            continue
        except OSError as error:
            records.append(Graded(student, path, None, UNREADABLE, f"the file cannot be read ({error})."))
            continue
        notes = [] if how == "its metadata" else [f"the exercise was recognised by {how}."]
        pending.append((path, student, number, notes))
    numbers = [number for _, _, number, _ in pending] or [by_file_name(path, known) for path, _ in found]
    expected = _expected(options.exercise, [number for number in numbers if number], known)
    exercise = load_exercise(expected)
    jobs = []
    duplicates = _duplicates([*((r.student, r.path) for r in records), *((s, p) for p, s, _, _ in pending)])
    for path, student, number, notes in pending:
        if number != expected:
            records.append(Graded(student, path, number, WRONG_ASSIGNMENT,
                                  f"this is exercise {number}, not exercise {expected}, which is being graded."))
        elif student in duplicates:
            records.append(Graded(student, path, number, DUPLICATE,
                                  f"{len(duplicates[student])} files belong to {student}: "
                                  + ", ".join(map(str, duplicates[student]))
                                  + ". Keep one (or give the grader --id-pattern) and grade again."))
        else:
            jobs.append((path, student, notes))
    marks_file = free_text_path(options.out, exercise)
    marks = read_marks(marks_file, exercise)  # before any work, so that a broken marks file stops nothing half-done
    progress = Progress(len(found), stream, enabled=options.show_progress)
    for record in records:
        progress.update(record)
    scratch = Path(tempfile.mkdtemp(prefix="coursekit-grading-"))
    running = Path(tempfile.mkdtemp(prefix="coursekit-grading-running-"))
    try:
        data = course_root() / "data"
        # The last submissions of each worker need no kernel started after them.
        work = [Job(path, student, expected, notes, data, scratch, options.limits,
                    options.prestart and n < len(jobs) - options.jobs, running / str(n), options.fork)
                for n, (path, student, notes) in enumerate(jobs)]
        for record in _run(work, options.jobs):
            records.append(record)
            progress.update(record)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.rmtree(running, ignore_errors=True)
    progress.close()
    ours = [r for r in records if r.exercise == expected and r.results]
    kept = write_free_text(marks_file, exercise, ours, marks)
    rows = apply_marks(gradebook_rows(exercise, records), exercise, kept)
    write_gradebook(options.out, exercise, rows)
    written = [options.out, marks_file]
    used: set[str] = set()
    for record in sorted(records, key=lambda r: (r.student, str(r.path))):
        name = feedback_name(record.student)
        while name.casefold() in used:  # two files of one student, or ids that make the same file name
            name = f"{Path(name).stem}+.md"
        used.add(name.casefold())  # casefolded: on macOS and Windows, Ana.md and ana.md are one file
        written.append(write_feedback(options.feedback / name, record, exercise, kept))
    return Report(expected, records, time.perf_counter() - started, written)


def _expected(given: str | None, numbers: list[str], known: dict[str, Path]) -> str:
    if given is not None:
        given = f"{int(given):02d}" if str(given).isdigit() else str(given)
        if given not in known:
            raise CourseError(f"there is no exercise {given} in this course; its exercises are {', '.join(known)}.")
        return given
    tally = collections.Counter(numbers).most_common()
    if not tally:
        raise CourseError("none of the notebooks is an exercise of this course, so there is nothing to grade.")
    if len(tally) > 1 and tally[0][1] == tally[1][1]:
        raise CourseError(f"as many submissions are exercise {tally[0][0]} as exercise {tally[1][0]}: "
                          "say which one you are grading with --exercise NN.")
    return tally[0][0]


def _duplicates(entries: list[tuple[str, Path]]) -> dict[str, list[Path]]:
    """The students with more than one file, and those files."""
    files = collections.defaultdict(list)
    for student, path in entries:
        files[student].append(path)
    return {student: paths for student, paths in files.items() if len(paths) > 1}


def _run(work: list[Job], jobs: int):
    """Grade every job in `jobs` worker processes, yielding results as they finish.

    Even one job runs in a worker: a kernel's parent is the process that started it, and a student's
    code that stops its parent must not stop the teacher's run.

    A worker process that dies (a student's code can kill its grader) breaks the whole pool. The
    jobs it left unfinished are graded again: those that were running then (their `running` file
    is still there) one at a time in a process of their own, so that only a job that kills its
    process again is reported as such, and the others in a new pool. If that pool breaks too,
    every job still left is graded on its own.
    """
    remaining = yield from _pool(work, list(range(len(work))), jobs)
    for attempt in range(2):
        if not remaining:
            return
        suspects = [i for i in remaining if attempt or (work[i].running and work[i].running.exists())]
        for index in suspects:
            if (yield from _pool(work, [index], 1)):
                job = work[index]
                yield Graded(job.student, job.path, job.exercise, KERNEL_DIED,
                             "the grading process itself was stopped while this notebook ran (its code may "
                             "stop other programs); its answers score zero.", notes=list(job.notes))
        others = [i for i in remaining if i not in suspects]
        remaining = (yield from _pool(work, others, jobs)) if others else []


def _pool(work: list[Job], indices: list[int], jobs: int):
    """Grade `work[i]` for each i in a new pool of `jobs` processes; return the indices left unfinished."""
    unfinished = set(indices)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {pool.submit(grade, work[i]): i for i in indices}
        for future in as_completed(futures):
            index = futures[future]
            try:
                record = future.result()
            except BrokenProcessPool:
                continue
            except Exception as error:  # noqa: BLE001 - a worker's failure still leaves this student a row
                job = work[index]
                record = Graded(job.student, job.path, job.exercise, GRADER_ERROR,
                                f"the grading process failed ({type(error).__name__}); please report it.")
            unfinished.discard(index)
            yield record
    return sorted(unfinished)
