"""The released exercises as a student first meets them, and rules every exercise keeps.

A blank exercise, run top to bottom in a real kernel, must fail every check cell (a check that
passes on a blank notebook is a defect) and no other cell (a blank exercise that crashes before
its checks is one too). nbval runs the master notebooks in `solutions/` separately: there every
check passes. Each exercise's own wrong answers are tested in test_exercise_NN.py.
"""

from __future__ import annotations

import importlib
import io
import re
from contextlib import redirect_stdout
from pathlib import Path

import nbformat
import pytest
from answers import master, solution_answers
from nbclient import NotebookClient

from coursekit.checks import Question, checker
from coursekit.checks.question import NO_ANSWER, score

REPO = Path(__file__).resolve().parents[1]
EXERCISES = sorted((REPO / "exercises").glob("*.ipynb"))
NUMBERS = [p.name[:2] for p in EXERCISES]
QUESTION_HEADING = re.compile(r"^## Question \d+: .+ \((\d+) points?(?:, marked by your teacher)?\)$", re.MULTILINE)


def bank(number: str) -> tuple:
    return importlib.import_module(f"coursekit.questions.ex{number}").QUESTIONS


def coursekit_meta(cell) -> dict:
    return cell.metadata.get("coursekit", {})


@pytest.mark.parametrize("path", EXERCISES, ids=NUMBERS)
def test_a_blank_exercise_fails_every_check_and_nothing_else(path):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    checks = 0
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.outputs if o.output_type == "error"]
        qid = coursekit_meta(cell).get("check")
        if qid is None:
            assert not errors, f"{path.name}, cell {index + 1} fails in the blank exercise: {errors[0].evalue}"
            continue
        checks += 1
        assert errors, f"{path.name}: the check of {qid} passes on a blank exercise"
        assert errors[0].ename == "CheckFailed"
        assert errors[0].traceback[0].startswith(f"✘ {qid}: 0 of "), errors[0].traceback
        assert "no answer yet" in errors[0].traceback[1]
    assert checks == sum(isinstance(q, Question) for q in bank(path.name[:2]))


@pytest.mark.parametrize("number", NUMBERS)
def test_the_master_notebook_answers_every_automatic_question_rightly(number):
    answers = solution_answers(number)
    automatic = [q.qid for q in bank(number) if isinstance(q, Question)]
    assert sorted(answers) == sorted(automatic)
    check = checker(number)
    with redirect_stdout(io.StringIO()):
        for qid in automatic:
            check(qid, answers[qid])
    assert all(check.results[qid].passed for qid in automatic)


@pytest.mark.parametrize("number", NUMBERS)
def test_every_automatic_question_refuses_a_missing_answer_and_an_answer_of_the_wrong_kind(number):
    for question in bank(number):
        if not isinstance(question, Question):
            continue
        assert score(question, ...).hints == (NO_ANSWER,)
        odd = score(question, object())
        assert odd.earned == 0 and odd.hints[0].startswith(f"this question expects {question.expects}"), question.qid


@pytest.mark.parametrize("number", NUMBERS)
def test_every_automatic_question_has_its_own_wrong_answer_tests(number):
    tests = (REPO / "tests" / f"test_exercise_{number}.py").read_text(encoding="utf-8")
    untested = [q.qid for q in bank(number) if isinstance(q, Question) and f'"{q.qid}"' not in tests]
    assert not untested, f"tests/test_exercise_{number}.py never tries a wrong answer for {untested}"


@pytest.mark.parametrize("number", NUMBERS)
def test_each_question_heading_states_the_points_the_checks_give(number):
    nb = nbformat.read(master(number), as_version=4)
    heading, heading_points = "", None
    stated = {}
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            found = QUESTION_HEADING.search(cell.source)
            if found:
                heading, heading_points = found.group(0), int(found.group(1))
        qid = coursekit_meta(cell).get("question")
        if qid:
            stated[qid] = heading_points
            if coursekit_meta(cell).get("kind") == "manual":
                assert "marked by your teacher)" in heading, f"{qid}: say in its heading that the teacher marks it"
            heading_points = None
    expected = {q.qid: q.points for q in bank(number)}
    assert stated == expected, "each question needs a heading '## Question k: title (P points)' above its answer"
