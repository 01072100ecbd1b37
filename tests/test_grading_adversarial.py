"""The grader against bad submissions: each gets a row with the right status, none stops the batch,
and the good submissions graded beside them get exactly their points.

One batch of exercise 03 submissions is graded once for the whole module, through the command
line's `main()` (so its exit status and summary are tested too), with small limits so that the
infinite loop and the long sleep cost seconds. Each test then reads one student's row of
grades.csv or feedback file. Expected points come from the question bank, never from a copy of it.
A second, small batch graded with --jobs 1 (so in a known order) holds students whose code reaches
beyond their own folder, into the grader's files or the kernels of the students graded after them.

Cells that delete files check first that what they delete lies inside this module's private
temporary folder (TMPDIR is pointed there for the batch), so that a grader that ran them in the
wrong place would fail these tests rather than harm the machine.
"""

from __future__ import annotations

import collections
import contextlib
import copy
import csv
import functools
import hashlib
import io
import itertools
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from support.submissions import (
    ROOT,
    answer_cell,
    blank,
    check_cells,
    master,
    right,
    stripped,
    with_answer,
    with_checks,
    with_copy_of_answer,
    without_answer,
    without_checks,
    write,
)

from coursekit.checks import checker
from coursekit.checks.question import score
from coursekit.datasets import load_table
from coursekit.grading.__main__ import main
from coursekit.grading.exercises import load_exercise
from coursekit.grading.feedback import feedback_name
from coursekit.grading.gradebook import read_rows
from coursekit.paths import DATA_ENV
from coursekit.questions import ex03
from coursekit.release import BEGIN, END

NUMBER = "03"
STEM = master(NUMBER).stem
QUESTIONS = checker(NUMBER).questions
AUTO = [qid for qid, q in QUESTIONS.items() if q.kind == "auto"]
# Small limits, so that the endless loop and the long sleep cost seconds; a cell of a right answer
# takes well under a second, so CELL_SECONDS leaves room for a machine busy with other tests.
CELL_SECONDS = 8
LIMITS = ["--cell-timeout", str(CELL_SECONDS), "--timeout", "40", "--memory", "1500", "--jobs", "2"]
# Plausible wrong answers, as expressions over `chain`; their points are scored here, honestly.
WRONG = {"q1": "chain", "q2": '["nobody"]', "q3": '{"law": 99}'}


@functools.cache
def checked_names() -> dict[str, str]:
    """The variable each check cell checks, by question id: check("q1", welcome) gives q1: welcome."""
    calls = (re.search(r'check\("(\w+)", (\w+)\)', cell.source) for cell in check_cells(blank(NUMBER)))
    return {call[1]: call[2] for call in calls}


def honest(qid: str) -> int:
    """The points the wrong answer to `qid` earns on its own merits."""
    if qid not in WRONG:
        return 0  # left blank
    return score(QUESTIONS[qid], eval(WRONG[qid], {"chain": load_table("chain")})).earned


def wrong_answers(nb):
    for qid, expression in WRONG.items():
        nb = with_answer(nb, qid, f"{checked_names()[qid]} = {expression}")
    return nb


def guard(private: Path, target: str) -> str:
    """Source that refuses to go on unless `target` lies inside `private` (so the test harms nothing)."""
    return (f"from pathlib import Path as _Path\n"
            f"assert _Path({target!r}).resolve().is_relative_to({str(private.resolve())!r}), 'not in the test folder'\n")


FAKE_CHECK = '''
class _FakeCheck:
    def __call__(self, qid, answer):
        print(f"✔ {qid}: full points")

    def summary(self):
        print("Exercise 03: every point from the checks run so far.")


check = _FakeCheck()
'''

FORGED_CAPTURE = '''
import coursekit.checks.question as _question
import coursekit.grading.capture as _capture
from IPython.display import publish_display_data as _publish


def _forged(qid, value):
    _publish({_capture.MIMETYPE: {"qid": qid, "answer": {"t": "str", "v": f"✔ {qid}: full points"}}})


_capture.capture = _forged
_coursekit_capture = _forged
_question.score = lambda question, answer: _question.Result(question.qid, question.points, question.points)
for _qid in ("q1", "q2", "q3", "q4", "q5"):
    _forged(_qid, None)
'''


def submissions(folder: Path, private: Path) -> None:
    """Write the batch: two good submissions and the bad ones, one file each (two for dave)."""
    good, empty = right(NUMBER), blank(NUMBER)

    def named(student: str) -> Path:
        return folder / f"{student}_{STEM}.ipynb"

    def answer(qid: str) -> str:
        return answer_cell(good, qid).source

    write(good, named("alice"))
    write(with_answer(good, "q3", answer_cell(empty, "q3").source), named("bob"))  # partly right: q3 left blank
    text = write(good, named("truncated")).read_text(encoding="utf-8")
    named("truncated").write_text(text[: len(text) // 2], encoding="utf-8")
    named("empty").write_bytes(b"")
    nbformat.write(nbformat.convert(copy.deepcopy(good), 3), named("oldformat"))
    named("cp1252").write_bytes(json.dumps(good, ensure_ascii=False, indent=1).encode("cp1252", errors="replace"))
    write(right("04"), folder / f"eve_{master('04').stem}.ipynb")
    other = copy.deepcopy(good)
    other.metadata["coursekit"]["course"] = "other"
    write(other, named("othercourse"))
    write(empty, named("blank"))
    write(without_checks(good), named("nochecks"))
    write(with_checks(wrong_answers(empty), "pass"), named("passchecks"))
    write(with_answer(wrong_answers(empty), "q1", f"{checked_names()['q1']} = {WRONG['q1']}\n{FAKE_CHECK}"),
          named("fakecheck"))
    write(with_copy_of_answer(good, "q2", f"{checked_names()['q2']} = {WRONG['q2']}", after=True), named("twice"))
    write(with_answer(good, "q3", "while True:\n    pass"), named("loop"))
    write(with_answer(good, "q4", "import time\ntime.sleep(60)\n" + answer("q4")), named("sleeper"))
    write(with_answer(good, "q2", "hog = bytearray(8 * 1024**3)\n" + answer("q2")), named("memory"))
    write(with_answer(good, "q3", "import os\nos._exit(1)\n" + answer("q3")), named("osexit"))
    write(with_answer(good, "q3", "import sys\nsys.exit()\n" + answer("q3")), named("sysexit"))
    vandal = (answer("q1") + "\nimport os, shutil\n" + guard(private, ".") + guard(private, "../data")
              + 'with open("notes.txt", "w") as f:\n    f.write("x" * 100_000)\n'
              + 'os.makedirs("mine/deeper", exist_ok=True)\nos.remove("notes.txt")\nshutil.rmtree("mine")\n'
              + 'shutil.rmtree("../data")\n')
    write(with_answer(good, "q1", vandal), named("vandal"))
    write(with_answer(good, "q1", answer("q1") + '\nfor _ in range(500):\n    print("x" * 100_000)'), named("printer"))
    write(with_answer(good, "q4", "import seaborn_of_the_steppes\n" + answer("q4")), named("missingmodule"))
    write(with_answer(empty, "q1", f'{checked_names()["q1"]} = "everything"\n{FORGED_CAPTURE}'), named("forger"))
    write(good, named("dave"))
    write(good, folder / "dave" / f"{STEM}.ipynb")
    write(without_answer(good, "q2"), named("noq2"))
    write(stripped(good), folder / "frank" / f"{STEM}.ipynb")  # no metadata at all: known by its file name
    write(good, folder / ".ipynb_checkpoints" / f"alice_{STEM}-checkpoint.ipynb")  # not a submission


def digest(folder: Path) -> str:
    """A hash of every file's path and content under `folder`."""
    total = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        total.update(os.fsencode(path.relative_to(folder).as_posix()))
        if path.is_file():
            total.update(path.read_bytes())
    return total.hexdigest()


def processes_mentioning(folder: Path) -> list[str]:
    """The command lines of running processes that name `folder` in their command line, run in it,
    or read their course data from it: the kernels started in it, forked ones included (whose
    command line is their fork server's), and fork servers, on Linux."""
    found = []
    for process in Path("/proc").glob("[0-9]*"):
        try:
            text = (process / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            environment = (process / "environ").read_bytes().decode(errors="replace")
            where = os.readlink(process / "cwd")
        except OSError:  # the process ended meanwhile
            continue
        if str(folder) in text or f"{DATA_ENV}={folder}" in environment or where.startswith(str(folder)):
            found.append(text)
    return found


@dataclass
class Batch:
    code: int
    out: str
    rows: list[dict]
    feedback: Path
    folder: Path
    private: Path
    before: dict[str, str]
    after: dict[str, str]
    running: list[str]  # processes still running after the batch whose command line names its private folder

    def row(self, student: str) -> dict:
        (found,) = [row for row in self.rows if row["student"] == student]
        return found

    def earned(self, student: str) -> dict[str, int]:
        return {qid: int(self.row(student)[qid]) for qid in AUTO}

    def feedback_of(self, student: str) -> str:
        return (self.feedback / feedback_name(student)).read_text(encoding="utf-8")


def grade(tmp: Path, build, argv: list[str]) -> Batch:
    """Write submissions with `build(folder, private)` and grade them with `main(argv)`, TMPDIR private."""
    folder, private, out = tmp / "submissions", tmp / "private", tmp / "out" / "grades.csv"
    private.mkdir()
    build(folder, private)
    watched = {"repository data": ROOT / "data", "submissions": folder}
    before = {name: digest(path) for name, path in watched.items()}
    printed = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TMPDIR", str(private))
        patch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
        with contextlib.redirect_stdout(printed):
            code = main([str(folder), "--out", str(out), "--quiet", *argv])
    after = {name: digest(path) for name, path in watched.items()}
    running = processes_mentioning(private)
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return Batch(code, printed.getvalue(), rows, out.parent / "feedback", folder, private, before, after, running)


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Batch:
    return grade(tmp_path_factory.mktemp("adversarial"), submissions, ["--exercise", NUMBER, *LIMITS])


def full(**changed: int) -> dict[str, int]:
    """Every automatic question's points, except those given."""
    return {qid: changed.get(qid, QUESTIONS[qid].points) for qid in AUTO}


def nothing_from(first: str) -> dict[str, int]:
    """Full points before question `first`, none from it on (what a run that stopped there earns)."""
    return full(**{qid: 0 for qid in AUTO[AUTO.index(first):]})


# --- the batch as a whole ---------------------------------------------------------------------------


def test_the_batch_exits_0(batch):
    assert batch.code == 0


def test_every_submitted_file_has_exactly_one_row(batch):
    submitted = sorted(str(p) for p in batch.folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    assert sorted(row["file"] for row in batch.rows) == submitted


def documented_statuses() -> set[str]:
    """The statuses in the README's table for teachers (its first column)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("| status | what happened | what to do |\n", 1)[1].splitlines()
    rows = itertools.takewhile(lambda line: line.startswith("|"), table)
    return {line.split("|")[1].strip() for line in rows} - {"---"}


def test_every_status_is_a_documented_one_and_none_is_a_grader_error(batch):
    statuses = collections.Counter(row["status"] for row in batch.rows)
    assert "graded" in documented_statuses()
    assert set(statuses) <= documented_statuses()
    assert "grader error" not in statuses, [row["reason"] for row in batch.rows if row["status"] == "grader error"]


def test_the_summary_counts_every_status(batch):
    assert f"{len(batch.rows)} submissions" in batch.out
    for status, n in collections.Counter(row["status"] for row in batch.rows).items():
        assert f"{status} {n}" in batch.out


def test_every_row_has_a_feedback_file(batch):
    files = sorted(batch.feedback.iterdir())
    assert len(files) == len(batch.rows)
    heads = sorted(path.read_text(encoding="utf-8").splitlines()[0] for path in files)
    assert heads == sorted(f"# {load_exercise(NUMBER).title}: feedback for {row['student']}" for row in batch.rows)


def solution_lines() -> set[str]:
    """The lines of the master's solution blocks long enough to be telling."""
    lines: set[str] = set()
    for cell in nbformat.read(master(NUMBER), as_version=4).cells:
        inside = False
        for line in cell.source.splitlines():
            if line.strip() in (BEGIN, END):
                inside = line.strip() == BEGIN
            elif inside and len(line.strip()) > 25:
                lines.add(line.strip())
    return lines


def test_no_feedback_shows_a_solution_the_check_code_or_a_traceback(batch):
    secrets = solution_lines()
    assert len(secrets) > 10  # the master has solutions to hide
    # and the reference values the checks compute: the rating sentence, the cases resting on an account
    values = [ex03._rating_sentence()[:40], *(case for case in ex03._account_cases() if len(case) > 12)]
    assert values
    for path in batch.feedback.iterdir():
        text = path.read_text(encoding="utf-8")
        assert not [line for line in secrets if line in text], path.name
        assert not [value for value in values if value in text], path.name
        assert "check(" not in text, path.name
        assert "Traceback" not in text and not re.search(r'File ".*", line \d+', text), path.name
        assert "\x1b[" not in text, path.name  # no terminal colour codes from a traceback either


def test_the_repository_data_and_the_submissions_are_unchanged(batch):
    assert batch.after == batch.before


def test_the_grader_leaves_no_scratch_folder_and_no_kernel_behind(batch):
    """Its scratch folders were in the private TMPDIR (the vandal's cell checks that it ran there)."""
    assert list(batch.private.iterdir()) == []
    assert batch.running == []


# --- the good submissions -------------------------------------------------------------------------


def test_a_fully_right_submission_gets_every_point(batch):
    row = batch.row("alice")
    assert row["status"] == "graded"
    assert batch.earned("alice") == full()
    exercise = load_exercise(NUMBER)
    assert (row["checks"], row["total"], row["notes"]) == (str(exercise.auto_points), str(exercise.auto_points), "")
    assert f"**{exercise.auto_points} of {exercise.auto_points} points**" in batch.feedback_of("alice")


def test_a_partly_right_submission_loses_exactly_the_blank_question(batch):
    row = batch.row("bob")
    assert row["status"] == "graded"
    assert batch.earned("bob") == full(q3=0)
    assert row["total"] == str(load_exercise(NUMBER).auto_points - QUESTIONS["q3"].points)


# --- files that cannot be graded ------------------------------------------------------------------


@pytest.mark.parametrize("student, status, reason", [
    ("truncated", "invalid notebook", "not valid JSON"),
    ("empty", "invalid notebook", "the file is empty (0 bytes)"),
    ("cp1252", "invalid notebook", "not UTF-8"),
    ("othercourse", "not this course", "another course ('other')"),
    ("eve", "wrong assignment", "this is exercise 04, not exercise 03"),
])
def test_a_file_that_cannot_be_graded_gets_its_status_a_reason_and_no_points(batch, student, status, reason):
    row = batch.row(student)
    assert (row["status"], row["checks"], row["total"]) == (status, "0", "0")
    assert reason in row["reason"]
    assert all(row[qid] == "" for qid in QUESTIONS)
    assert reason.casefold() in batch.feedback_of(student).casefold()


def test_two_files_of_one_student_are_both_duplicate_student(batch):
    rows = [row for row in batch.rows if row["student"] == "dave"]
    assert [row["status"] for row in rows] == ["duplicate student", "duplicate student"]
    for row in rows:
        assert f"dave_{STEM}.ipynb" in row["reason"] and f"dave/{STEM}.ipynb" in row["reason"]
    assert sorted(p.name for p in batch.feedback.glob("dave*.md")) == ["dave+.md", "dave.md"]


def test_an_nbformat_3_notebook_is_converted_and_graded_in_full(batch):
    row = batch.row("oldformat")
    assert row["status"] == "graded"
    assert batch.earned("oldformat") == full()
    assert "old format 3" in row["notes"]


def test_a_notebook_stripped_of_its_metadata_is_recognised_by_its_file_name_and_graded(batch):
    row = batch.row("frank")
    assert (row["status"], row["exercise"]) == ("graded", NUMBER)
    assert batch.earned("frank") == full()
    assert "recognised by its file name" in row["notes"]


# --- tampering gains nothing ----------------------------------------------------------------------


def test_all_answers_blank_is_graded_with_no_points(batch):
    assert batch.row("blank")["status"] == "graded"
    assert batch.earned("blank") == full(**{qid: 0 for qid in AUTO})


def test_deleted_check_cells_do_not_cost_a_right_submission_anything(batch):
    assert batch.row("nochecks")["status"] == "graded"
    assert batch.earned("nochecks") == full()


def test_check_cells_edited_to_pass_gain_nothing(batch):
    assert batch.row("passchecks")["status"] == "graded"
    assert batch.earned("passchecks") == {qid: honest(qid) for qid in AUTO}


def test_a_redefined_check_that_prints_a_tick_gains_nothing(batch):
    assert batch.row("fakecheck")["status"] == "graded"
    assert batch.earned("fakecheck") == {qid: honest(qid) for qid in AUTO}


def test_a_forged_capture_gains_nothing(batch):
    """The answer cell replaces the capture function, sends made-up answers for every question and
    patches `score` in the kernel: the grader still scores only what the capture cells published,
    in its own process."""
    row = batch.row("forger")
    assert row["status"] == "graded"
    assert batch.earned("forger") == {qid: 0 for qid in AUTO}
    assert row["checks"] == "0"


def test_of_two_answer_cells_for_one_question_the_last_is_used_and_noted(batch):
    row = batch.row("twice")
    assert row["status"] == "graded"
    assert batch.earned("twice") == full(q2=honest("q2"))
    assert "q2 has 2 answer cells; the grader used the last one." in row["notes"]


def test_a_deleted_answer_cell_scores_zero_with_a_note(batch):
    row = batch.row("noq2")
    assert row["status"] == "graded"
    assert batch.earned("noq2") == full(q2=0)
    assert "no answer cell found for q2" in row["notes"]


# --- code that hangs, exits, floods or breaks ------------------------------------------------------


def test_an_infinite_loop_times_out_and_only_the_answers_before_it_count(batch):
    row = batch.row("loop")
    assert row["status"] == "timeout"
    assert batch.earned("loop") == nothing_from("q3")  # q4 and q5 are right in the file, but never ran
    assert f"longer than {CELL_SECONDS} s" in row["reason"] and "(q3)" in row["reason"]
    assert "Grading stopped early (timeout)" in batch.feedback_of("loop")


def test_a_sleep_beyond_the_cell_limit_times_out(batch):
    row = batch.row("sleeper")
    assert row["status"] == "timeout"
    assert batch.earned("sleeper") == nothing_from("q4")
    assert "(q4)" in row["reason"]


def test_a_memory_bomb_costs_its_own_answer_and_nothing_before_it(batch):
    row = batch.row("memory")
    assert row["status"] in ("graded", "kernel died")
    if row["status"] == "graded":  # the kernel's memory limit turned it into a MemoryError
        assert batch.earned("memory") == full(q2=0)
        assert "q2 stopped with MemoryError" in row["notes"]
    else:
        assert batch.earned("memory") == nothing_from("q2")


def test_os_exit_kills_the_kernel_and_only_the_answers_before_it_count(batch):
    row = batch.row("osexit")
    assert row["status"] == "kernel died"
    assert batch.earned("osexit") == nothing_from("q3")
    assert "(q3)" in row["reason"]


def test_sys_exit_is_caught_by_ipython_and_the_rest_is_graded(batch):
    row = batch.row("sysexit")
    assert row["status"] == "graded"
    assert batch.earned("sysexit") == full(q3=0)
    assert "q3 stopped with SystemExit" in row["notes"]


def test_a_cell_that_deletes_files_and_the_data_folder_harms_nothing_outside_its_scratch(batch):
    """It writes, then deletes, files in its working folder and deletes `../data`, its scratch copy
    of the data; the repository's data/ and the submissions are checked unchanged above."""
    row = batch.row("vandal")
    assert row["status"] == "graded", row["reason"]
    assert batch.earned("vandal") == full(), row["notes"]


def test_fifty_megabytes_of_printing_are_ignored_with_a_note(batch):
    row = batch.row("printer")
    assert row["status"] == "graded"
    assert batch.earned("printer") == full()
    assert "printed 50 MB of text; the grader ignored it" in row["notes"]


def test_an_import_of_a_missing_module_costs_that_question_and_names_the_module(batch):
    row = batch.row("missingmodule")
    assert row["status"] == "graded"
    assert batch.earned("missingmodule") == full(q4=0)
    assert "q4 stopped with ModuleNotFoundError: No module named 'seaborn_of_the_steppes'" in row["notes"]
    assert "seaborn_of_the_steppes" in batch.feedback_of("missingmodule")


# --- a student who reaches beyond their own folder -------------------------------------------------

# Connects to every other kernel whose connection file lies in the test's private folder (where the
# grader's scratch folders are) and makes its capture send the right cases for q2, whatever the answer.
COLLUSION = r"""
import glob, json, os
from jupyter_client import BlockingKernelClient
boost = (
    "import coursekit.grading.capture as _c\n"
    "from coursekit.questions import ex03 as _ex\n"
    "_real = _c.capture\n"
    "_c.capture = lambda qid, value: _real(qid, _ex._account_cases() if qid == 'q2' else value)\n"
)
for path in glob.glob(os.path.join(PRIVATE, "**", "*.json"), recursive=True):
    try:
        with open(path) as handle:
            if "shell_port" not in json.load(handle):  # not a kernel's connection file
                continue
        client = BlockingKernelClient(connection_file=path)
        client.load_connection_file()
        client.start_channels()
        client.execute(boost, silent=True)
    except Exception:
        pass
"""


# Kills the process that grades this notebook: the kernel's parent, or, when the kernel was forked
# from a fork server, the server's parent.
KILL_GRADER = """
import os, signal
def parent(pid):
    with open(f"/proc/{pid}/stat") as stat:
        return int(stat.read().rsplit(")", 1)[1].split()[1])
grader = os.getppid()
with open(f"/proc/{grader}/cmdline", "rb") as cmdline:
    if b"coursekit.grading.forkserver" in cmdline.read():
        grader = parent(grader)
os.kill(grader, signal.SIGKILL)
"""


def neighbours_of(folder: Path, private: Path) -> None:
    """Graded in this order with --jobs 1: aaron reaches into the other kernels, bea hands in a blank
    notebook, carl deletes the folder two levels above his working folder (if it is inside the
    test's private folder), zoe hands in a right notebook. Also: killer's code kills the process
    that grades it, cutter's code kills its kernel's parent (the fork server, where there is one), caf\udce9's name is not UTF-8, "=sum(1)" is a formula to a spreadsheet, and
    lonely's free-text answer holds a lone surrogate (valid JSON, not valid UTF-8)."""
    good, empty = right(NUMBER), blank(NUMBER)
    collude = f"PRIVATE = {str(private.resolve())!r}\n{COLLUSION}"
    write(with_answer(empty, "q1", collude), folder / f"aaron_{STEM}.ipynb")
    write(empty, folder / f"bea_{STEM}.ipynb")
    reach = (answer_cell(good, "q1").source + "\nimport shutil\n" + guard(private, "../..")
             + 'shutil.rmtree("../..", ignore_errors=True)\n')
    write(with_answer(good, "q1", reach), folder / f"carl_{STEM}.ipynb")
    write(good, folder / f"zoe_{STEM}.ipynb")
    killer = answer_cell(good, "q3").source + "\n" + KILL_GRADER
    write(with_answer(good, "q3", killer), folder / f"killer_{STEM}.ipynb")
    cutter = answer_cell(good, "q3").source + "\nimport os, signal\nos.kill(os.getppid(), signal.SIGKILL)"
    write(with_answer(good, "q3", cutter), folder / f"cutter_{STEM}.ipynb")
    write(good, folder / f"caf\udce9_{STEM}.ipynb")  # a byte of a file name that is not UTF-8
    write(good, folder / f"=sum(1)_{STEM}.ipynb")  # a name a spreadsheet would take for a formula
    lonely = copy.deepcopy(good)
    next(c for c in lonely.cells if c.metadata.get("coursekit", {}).get("kind") == "manual").source = "I think \ud800 so"
    (folder / f"lonely_{STEM}.ipynb").write_text(json.dumps(lonely, ensure_ascii=True), encoding="ascii")


@pytest.fixture(scope="module")
def neighbours(tmp_path_factory) -> Batch:
    argv = ["--exercise", NUMBER, *LIMITS[:-2], "--jobs", "1"]
    return grade(tmp_path_factory.mktemp("neighbours"), neighbours_of, argv)


def test_a_batch_with_students_who_reach_beyond_their_folder_exits_0_and_changes_no_file(neighbours):
    assert neighbours.code == 0
    assert neighbours.after == neighbours.before


def test_no_kernel_is_left_running_even_when_a_student_deleted_the_graders_files(neighbours):
    assert neighbours.running == []


def test_a_student_cannot_raise_another_students_score_through_their_kernel(neighbours):
    """aaron's cell finds the connection files of the other kernels the grader has started and
    patches their capture; bea's blank notebook must still earn nothing."""
    assert neighbours.row("bea")["status"] == "graded"
    assert neighbours.earned("bea") == {qid: 0 for qid in AUTO}


def test_a_student_who_deletes_the_folders_above_their_own_cannot_spoil_the_next_student(neighbours):
    """carl's cell removes everything it can reach two folders up; the grader's own files and
    zoe's grading, after his, must not be among it."""
    zoe = neighbours.row("zoe")
    assert zoe["status"] == "graded", zoe["reason"]
    assert neighbours.earned("zoe") == full()


def test_a_student_whose_code_kills_the_grading_process_costs_only_their_own_row(neighbours):
    assert neighbours.row("killer")["status"] == "kernel died"
    assert "grading process itself was stopped" in neighbours.row("killer")["reason"]
    for student in ("zoe", "lonely", "caf\ufffd"):
        assert neighbours.row(student)["status"] == "graded", student
        assert neighbours.earned(student) == full(), student


def test_a_student_whose_code_kills_the_fork_server_costs_only_their_own_row(neighbours):
    """cutter's kernel dies with the server it was forked from (whether the answer of the cell that
    killed it is counted depends on how fast the server dies; it was right); the answers before it
    count, and the next kernels start without the server."""
    assert neighbours.row("cutter")["status"] == "kernel died"
    assert all(neighbours.earned("cutter")[qid] == QUESTIONS[qid].points for qid in ("q1", "q2"))
    assert neighbours.earned("cutter")["q5"] == 0
    for student in ("zoe", "lonely", "caf\ufffd"):
        assert neighbours.row(student)["status"] == "graded", student
        assert neighbours.earned(student) == full(), student


def test_text_that_is_not_utf8_is_written_with_a_replacement_character_not_a_crash(neighbours):
    free_text = read_rows(neighbours.feedback.parent / f"free-text-{NUMBER}.csv")
    (answer,) = [row["answer"] for row in free_text if row["student"] == "lonely"]
    assert answer.startswith("I think ") and answer.endswith(" so") and "\ud800" not in answer
    assert (neighbours.feedback / feedback_name("caf\ufffd")).is_file()


def test_a_name_a_spreadsheet_would_take_for_a_formula_is_written_after_a_quote(neighbours):
    assert neighbours.row("'=sum(1)")["status"] == "graded"  # as the raw file holds it
    gradebook = read_rows(neighbours.feedback.parent / "grades.csv")
    assert "=sum(1)" in [row["student"] for row in gradebook]  # as the grader reads it back
