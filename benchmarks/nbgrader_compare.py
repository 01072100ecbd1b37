"""Time nbgrader's `autograde` on exercise 03 made into an nbgrader assignment, to compare with our grader.

Issue 9 asks that our grader handle at least 4 times as many submissions per second as nbgrader on
an equivalent assignment. This script gives nbgrader's side, in a temporary folder:

1. a venv with nbgrader and what exercise 03 needs (pandas, plotly, ipywidgets, this repository's
   `coursekit`, editable so that it finds the course data), held to `constraints.txt` where the
   resolver allows it;
2. an nbgrader course whose one assignment, `ex03`, is generated from our master notebook: answer
   cells become nbgrader's "autograded answer" cells, each check cell an "autograder tests" cell of
   the same points that fails exactly when our check gives less than full points, the free-text
   question a "manually graded answer" cell, and every other cell "read-only", since our grader
   too takes those cells from the course and never from the student;
3. the submissions our grader's benchmark generates (`time_grading.make_batch`), each answer put
   into the released nbgrader notebook, the broken files copied as they are;
4. `runs` timed runs of `nbgrader autograde ex03 --force`, each into a fresh `autograded/`, each
   checked: every gradable submission autograded, and nbgrader's automatic points for each the
   points of the questions whose answer is the master's (all for a right one, none for a blank).

nbgrader gives a test cell's points all or nothing, where our checks give partial credit, so the two
agree on which questions have full points, not on every total. Run from the repository root:

    .venv/bin/python benchmarks/nbgrader_compare.py --runs 3 --count 20
"""

from __future__ import annotations

import argparse
import ast
import collections
import copy
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from time_grading import make_batch
from timing import Measure, machine, markdown_table

ROOT = Path(__file__).resolve().parents[1]
NUMBER = "03"
ASSIGNMENT = f"ex{NUMBER}"
CONSTRAINTS = ROOT / "constraints.txt"
# nbgrader, and what the exercise's own cells import besides coursekit's dependencies.
PACKAGES = ["nbgrader", "pandas", "plotly", "ipywidgets"]

CONFIG = """\
c = get_config()
c.CourseDirectory.course_id = "welcome-to-the-usa"
# As our grader's --cell-timeout (nbgrader's default too).
c.Execute.timeout = 30
"""

# The autograder test for one question: the question bank's own scoring, as `check()` uses it, so the
# cell raises exactly when the check would give fewer than full points.
TEST = """\
# Autograder test for {qid}: coursekit's check of it, which fails unless every part is right.
from coursekit.checks.question import score
from coursekit.questions.ex{number} import QUESTIONS
result = score(next(q for q in QUESTIONS if q.qid == "{qid}"), {answer})
assert result.passed, "\\n".join(result.lines())
"""

# The version of every package in the venv.
VERSIONS = "import json, importlib.metadata as m; print(json.dumps({d.name: d.version for d in m.distributions()}))"
# nbgrader's version, and which installer put it there (every package's metadata records it: uv or pip).
NBGRADER = "import importlib.metadata as m; d = m.distribution('nbgrader'); print(d.version, d.read_text('INSTALLER'))"

# The automatic points nbgrader gave each student, from its gradebook.
SCORES = """\
import json, sys
from nbgrader.api import Gradebook
with Gradebook(sys.argv[1]) as gb:
    print(json.dumps({s.student.id: s.code_score for s in gb.assignment_submissions(sys.argv[2])}))
"""


@dataclass
class Course:
    """An nbgrader course folder with its submissions, and what the runs need to check their work."""

    python: Path
    folder: Path
    install_seconds: float
    installer: str
    version: str
    differences: list[str]
    count: int
    expected: dict[str, int]  # per gradable submission, the automatic points it should get


def run(command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    """Run `command`, returning its output; stop the benchmark with its error output if it fails."""
    done = subprocess.run(command, check=False, cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, command))} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return done.stdout


def install(work: Path) -> Path:
    """A venv in `work` with nbgrader and the exercise's packages; returns its python.

    uv, bootstrapped with pip, is about ten times faster than pip; pip is the fallback. Versions are
    held to constraints.txt, as in our own venv, unless the resolver refuses (`differences` then says
    which versions differ). The bytecode is compiled, as `make`'s installer does for ours and pip
    does by default: otherwise nbgrader's kernels would compile pandas and plotly at every start.
    """
    venv = work / "venv"
    run([sys.executable, "-m", "venv", str(venv)])
    python = venv / "bin" / "python"
    installers = [[python, "-m", "pip", "install", "--quiet"]]
    if subprocess.run([python, "-m", "pip", "install", "--quiet", "uv"], check=False, capture_output=True).returncode == 0:
        installers.insert(0, [python, "-m", "uv", "pip", "install", "--quiet", "--compile-bytecode",
                              "--python", str(python)])
    wanted = [*PACKAGES, "-e", str(ROOT)]
    attempts = [[*installer, *held, *wanted] for installer in installers for held in (["-c", str(CONSTRAINTS)], [])]
    for attempt in attempts[:-1]:
        if subprocess.run(attempt, check=False, capture_output=True).returncode == 0:
            return python
    run(attempts[-1])
    return python


def differences(python: Path) -> list[str]:
    """The packages in the venv at versions that constraints.txt does not pin ("name version (lock x)").

    The lock may pin a package twice, for different Python versions; either version counts as held.
    """
    pinned = collections.defaultdict(set)
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith(("#", " ")):
            name, version = line.split(";")[0].strip().split("==")
            pinned[_normal(name)].add(version)
    installed = {_normal(name): version for name, version in json.loads(run([python, "-c", VERSIONS])).items()}
    return [f"{name} {version} (lock {' or '.join(sorted(pinned[name]))})" for name, version in sorted(installed.items())
            if name in pinned and version not in pinned[name]]


def _normal(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def activated(python: Path) -> dict[str, str]:
    """The environment of a shell with the venv of `python` activated: nbgrader runs `alembic` from
    the PATH to set up its gradebook."""
    return {**os.environ, "VIRTUAL_ENV": str(python.parent.parent),
            "PATH": f"{python.parent}{os.pathsep}{os.environ.get('PATH', '')}"}


def master() -> Path:
    (path,) = (ROOT / "solutions").glob(f"{NUMBER}-*.ipynb")
    return path


def _nbgrader(grade_id: str, *, grade: bool, solution: bool, locked: bool, points: int | None = None) -> dict:
    """nbgrader's cell metadata (schema 3): the kind of cell follows from grade, solution and locked."""
    meta = {"grade": grade, "solution": solution, "locked": locked, "grade_id": grade_id, "schema_version": 3}
    if points is not None:
        meta["points"] = points
    return meta


def checked_expression(source: str) -> str:
    """What a check cell hands to the check: `welcome` in `check("q1", welcome)`."""
    call = ast.parse(source).body[-1].value
    return ast.get_source_segment(source, call.args[1])


def source_notebook() -> nbformat.NotebookNode:
    """The master notebook of exercise 03 with nbgrader's metadata on every cell.

    The answer regions keep our `### BEGIN SOLUTION` / `### END SOLUTION` markers, nbgrader's own; the
    `metadata.coursekit` of every cell stays, so that submissions can be matched to cells.
    """
    nb = nbformat.read(master(), as_version=4)
    points = {}
    for cell in nb.cells:
        meta = cell.metadata.get("coursekit", {})
        if "question" in meta:  # an answer: autograded, or (free text) manually graded
            qid = meta["question"]
            points[qid] = meta["points"]
            manual = meta["kind"] == "manual"
            cell.metadata["nbgrader"] = _nbgrader(qid, grade=manual, solution=True, locked=False,
                                                  points=meta["points"] if manual else None)
        elif "check" in meta:
            qid = meta["check"]
            cell.source = TEST.format(qid=qid, number=NUMBER, answer=checked_expression(cell.source)).rstrip()
            cell.metadata["nbgrader"] = _nbgrader(f"{qid}-test", grade=True, solution=False, locked=True,
                                                  points=points[qid])
        else:
            cell.metadata["nbgrader"] = _nbgrader(cell.id, grade=False, solution=False, locked=True)
    return nb


def build(work: Path, python: Path) -> Path:
    """An nbgrader course folder in `work` with the assignment generated from the master notebook."""
    folder = work / "course"
    source = folder / "source" / ASSIGNMENT
    source.mkdir(parents=True)
    (folder / "nbgrader_config.py").write_text(CONFIG, encoding="utf-8")
    nbformat.write(source_notebook(), source / master().name)
    # nbgrader 0.9 adds the assignment to its gradebook by itself (`--create` and db_assignments are gone).
    run([python.parent / "nbgrader", "generate_assignment", ASSIGNMENT, "--force"], cwd=folder, env=activated(python))
    return folder


def answers(nb: nbformat.NotebookNode) -> dict[str, str]:
    """The answer cells' sources, by question id."""
    return {c.metadata["coursekit"]["question"]: c.source for c in nb.cells
            if "question" in c.metadata.get("coursekit", {})}


def submit(batch: Path, folder: Path) -> dict[str, dict[str, str]]:
    """Turn our submissions in `batch` into nbgrader's `submitted/<student>/ex03/`; returns the answers
    of each gradable one, by student.

    A notebook of this exercise becomes the released nbgrader notebook with the student's answers in
    its answer cells. The others are copied as they are, under the name the student gave them:
    nbgrader stops on an invalid JSON or empty file with an error for that student, and skips a
    notebook of another exercise as "unknown", finds no notebook left and reports an error too; in
    both cases it grades the rest of the class.
    """
    released = nbformat.read(folder / "release" / ASSIGNMENT / master().name, as_version=4)
    gradable = {}
    for path in sorted(batch.glob("*.ipynb")):
        student, name = path.name.split("_", 1)
        target = folder / "submitted" / student / ASSIGNMENT / name
        target.parent.mkdir(parents=True)
        try:
            submitted = nbformat.read(path, as_version=4)
        except nbformat.reader.NotJSONError:
            submitted = None
        if submitted is None or name != master().name:
            shutil.copyfile(path, target)
            continue
        gradable[student] = answers(submitted)
        filled = copy.deepcopy(released)
        for cell in filled.cells:
            qid = cell.metadata.get("coursekit", {}).get("question")
            if qid in gradable[student]:
                cell.source = gradable[student][qid]
        nbformat.write(filled, target)
    return gradable


def expected_points(gradable: dict[str, dict[str, str]]) -> dict[str, int]:
    """The automatic points each gradable submission should get in nbgrader: those of the questions
    answered exactly as the master answers them. The generator's other answers are blank or
    plausibly wrong, so our checks give them fewer than full points. (tests/ is on the path:
    time_grading puts it there.)"""
    from support.submissions import right

    reference = right(NUMBER)
    model = answers(reference)
    points = {c.metadata["coursekit"]["question"]: c.metadata["coursekit"]["points"] for c in reference.cells
              if c.metadata.get("coursekit", {}).get("kind") == "auto"}
    return {student: sum(p for qid, p in points.items() if given.get(qid) == model[qid])
            for student, given in gradable.items()}


def prepare(work: Path, count: int) -> Course:
    """Install (timed), build the course and hand in `count` generated submissions."""
    start = time.perf_counter()
    python = install(work)
    install_seconds = time.perf_counter() - start
    version, installer = run([python, "-c", NBGRADER]).split()
    folder = build(work, python)
    batch = work / "batch"
    make_batch(batch, NUMBER, count, 0)
    gradable = submit(batch, folder)
    return Course(python, folder, install_seconds, installer, version, differences(python),
                  count, expected_points(gradable))


def autograde(course: Course) -> tuple[float, float]:
    """Wall time and CPU time of one `nbgrader autograde` of every submission, into a fresh autograded/.

    The CPU time, user and system, of nbgrader and the kernels it started, is what the run cost
    whatever else the shared machine was doing. nbgrader exits with 1 when any submission failed
    (the broken ones always do), so the exit code says nothing; the run counts only if every
    gradable submission was autograded.
    """
    shutil.rmtree(course.folder / "autograded", ignore_errors=True)
    command = [course.python.parent / "nbgrader", "autograde", ASSIGNMENT, "--force"]
    with tempfile.TemporaryFile() as log:
        before, start = _children_cpu(), time.perf_counter()
        subprocess.run(command, check=False, cwd=course.folder, env=activated(course.python),
                       stdout=subprocess.DEVNULL, stderr=log)
        seconds, cpu = time.perf_counter() - start, _children_cpu() - before
        graded = {p.parts[-3] for p in (course.folder / "autograded").glob(f"*/{ASSIGNMENT}/*.ipynb")}
        if graded != set(course.expected):
            log.seek(0)
            missing = ", ".join(sorted(set(course.expected) - graded)) or "none"
            raise SystemExit(f"nbgrader autograded {len(graded)} of {len(course.expected)} gradable submissions "
                             f"(missing: {missing}):\n{log.read().decode(errors='replace')[-3000:]}")
    return seconds, cpu


def _children_cpu() -> float:
    """CPU seconds used so far by this process's finished children and theirs."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def check_scores(course: Course) -> str:
    """Compare nbgrader's automatic points with the expected ones; say what was seen, or stop."""
    listing = run([course.python, "-c", SCORES, f"sqlite:///{course.folder / 'gradebook.db'}", ASSIGNMENT])
    scores = json.loads(listing)
    wrong = {s: (scores.get(s), points) for s, points in course.expected.items() if scores.get(s) != points}
    if wrong:
        raise SystemExit(f"nbgrader's automatic points differ from the expected ones (got, expected): {wrong}")
    seen = collections.Counter(int(course.expected[s]) for s in course.expected)
    return " · ".join(f"{points} pts ×{n}" for points, n in sorted(seen.items(), reverse=True))


def grade(course: Course, runs: int) -> list[Measure]:
    """Time `runs` autogrades of the course's submissions; the two rows of section "Grading"."""
    times, cpu = zip(*(autograde(course) for _ in range(runs)))
    scores = check_scores(course)
    per_submission = statistics.median(cpu) / course.count
    differ = "; versions differ from the lock: " + ", ".join(course.differences) if course.differences \
        else "; versions as constraints.txt"
    broken = ", the rest broken (nbgrader logs an error for each)" if len(course.expected) < course.count else ""
    note = (f"nbgrader {course.version}; graded {len(course.expected)} of {course.count}{broken}; "
            f"automatic points as expected for all ({scores}); CPU time {per_submission:.2f} s per submission{differ}; "
            f"installed with {course.installer} in {course.install_seconds:.1f} s")
    return [
        Measure("Grading", f"nbgrader autograde, {course.count} submissions", list(times), note=note),
        Measure("Grading", "nbgrader autograde throughput", [course.count / t for t in times], unit="/s",
                note=f"nbgrader {course.version}; {len(course.expected)} of {course.count} graded"),
    ]


def measure(runs: int = 3, count: int = 20, work: Path | None = None) -> list[Measure]:
    """Install, build, hand in `count` submissions, then time `runs` autogrades (issue 9's comparison)."""
    scratch = work or Path(tempfile.mkdtemp(prefix="coursekit-nbgrader-"))
    try:
        return grade(prepare(scratch, count), runs)
    finally:
        if work is None:
            shutil.rmtree(scratch, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed autogrades (default: 3)")
    parser.add_argument("--count", type=int, default=20, help="submissions to generate (default: 20)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="coursekit-nbgrader-"))
    try:
        course = prepare(work, args.count)
        measures = grade(course, args.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(machine())
    print()
    print(markdown_table(measures))
    print()
    print(f"Install of nbgrader {course.version} and the exercise's packages into a fresh venv "
          f"({course.installer}): {course.install_seconds:.1f} s.")


if __name__ == "__main__":
    main()
