"""Helpers for the exercise tests: the reference answers of a master notebook, and failing checks.

`solution_answers("03")` runs the code cells of `solutions/03-*.ipynb` in this process (they use
no IPython magics) and returns what each check cell passed to `check`, by question id. Tests then
derive plausible wrong answers from the right ones (one more, a column dropped, a title removed),
so they need not restate the solutions.
"""

from __future__ import annotations

import functools
import io
import json
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import nbformat
import pytest

from coursekit.checks import Checker, CheckFailed, checker
from coursekit.checks.question import score
from coursekit.grading.capture import freeze, thaw

SOLUTIONS = Path(__file__).resolve().parents[1] / "solutions"


def master(number: str) -> Path:
    (path,) = SOLUTIONS.glob(f"{number}-*.ipynb")
    return path


class _Recorder:
    """Stands in for `check` while a master notebook runs: records each answer, then checks it."""

    def __init__(self, real: Checker, answers: dict[str, Any]):
        self.real, self.answers = real, answers

    def __call__(self, qid: str, answer: Any) -> None:
        self.answers[qid] = answer
        self.real(qid, answer)

    def summary(self) -> None:
        self.real.summary()


@functools.cache
def _run(number: str) -> dict[str, Any]:
    nb = nbformat.read(master(number), as_version=4)
    namespace: dict[str, Any] = {"__name__": "__main__"}
    answers: dict[str, Any] = {}
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        with redirect_stdout(io.StringIO()):
            exec(compile(cell.source, f"{master(number).name}, cell {index + 1}", "exec"), namespace)  # noqa: S102
        if isinstance(namespace.get("check"), Checker):
            namespace["check"] = _Recorder(namespace["check"], answers)
    return answers


def solution_answers(number: str) -> dict[str, Any]:
    """The answers the master notebook of exercise `number` gives, by question id."""
    return _run(number)


def _survives_grading(number: str, qid: str, answer: Any) -> None:
    """Assert that `answer` scores the same after the grader's JSON round trip as before it.

    The teacher's grader never scores inside the student's kernel: the kernel publishes each answer
    as JSON (`capture.freeze`) and the grader rebuilds it (`capture.thaw`) and scores it in its own
    process. An answer that the trip changes (a dtype lost, an index renamed, a figure's title
    dropped) would earn a student different points from the grader than from the check cell they
    ran. So `failure()` and `earned()` also send every wrong answer of the exercise tests through
    that trip, which makes each of them a round-trip test as well. `allow_nan=False` because the
    grader writes the JSON that strictly too (a bare NaN is not JSON).
    """
    question = checker(number).questions[qid]
    sent = thaw(json.loads(json.dumps(freeze(answer), ensure_ascii=False, allow_nan=False)))
    before, after = score(question, answer), score(question, sent)
    assert after == before, f"{qid}: after the grader's JSON round trip {after} instead of {before}"


def failure(number: str, qid: str, answer: Any) -> str:
    """Check `answer` for question `qid`, expect it to fail, and return what the student sees.

    Also asserts that the grader would score it the same (`_survives_grading`)."""
    _survives_grading(number, qid, answer)
    with pytest.raises(CheckFailed) as raised:
        checker(number)(qid, answer)
    shown = "\n".join(raised.value._render_traceback_())
    assert shown.startswith(f"✘ {qid}:"), shown
    assert "Traceback" not in shown
    return shown


def earned(number: str, qid: str, answer: Any) -> int:
    """The points a not-fully-right `answer` earns (the check must fail); also asserts that the
    grader would score it the same (`_survives_grading`)."""
    _survives_grading(number, qid, answer)
    with pytest.raises(CheckFailed) as raised:
        checker(number)(qid, answer)
    return raised.value.result.earned


def below_headline(shown: str) -> str:
    """What a student reads under a failed check's headline: the hints (the headline holds only points)."""
    return shown.split("\n", 1)[1]
