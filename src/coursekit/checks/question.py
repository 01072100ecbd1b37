"""What a question is, how an answer is scored against it, and how a result is shown.

A question has a gate (is the answer the right *kind* of thing: a number, a DataFrame, a figure?)
and one or more parts, each worth some points. An answer of the wrong kind earns nothing and is
told what kind was expected; an answer of the right kind earns the points of every part it
passes, and is told the hint of every part it fails. That is the partial credit: a chart with the
right bars but no title earns the points for its bars.

Hints say what to look at, never the expected value. A part whose test raises (a student's
DataFrame without the column a test reads, say) simply fails with its hint: a student must never
see a traceback from inside the checks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..errors import CourseError

NO_ANSWER = "no answer yet: replace the `...` with your answer, run that cell, then run this check again."


@dataclass(frozen=True)
class Part:
    """One judged part of a question: `passes(answer)` is true when this part is right."""

    points: int
    passes: Callable[[Any], bool]
    hint: str
    # A part that can only be right once the parts before it are (the rows of a table whose columns
    # are missing) fails quietly then, so that a student is pointed at the first thing to fix.
    after_previous: bool = False


@dataclass(frozen=True)
class Question:
    """A question checked automatically.

    `expects` says in words what kind of answer is wanted ("a whole number (an int)"), and
    `accepts(answer)` tests that kind; both are shown or used before any part is judged.
    """

    qid: str
    expects: str
    accepts: Callable[[Any], bool]
    parts: tuple[Part, ...]
    kind: str = field(default="auto", init=False)

    @property
    def points(self) -> int:
        return sum(part.points for part in self.parts)


@dataclass(frozen=True)
class Manual:
    """A free-text question that the teacher marks; no check cell can score it."""

    qid: str
    points: int
    kind: str = field(default="manual", init=False)


@dataclass(frozen=True)
class Result:
    """The outcome of one check: points earned of points possible, and the hints still to act on."""

    qid: str
    earned: int
    possible: int
    hints: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        return self.earned == self.possible

    def lines(self) -> list[str]:
        """The result as a student reads it: a headline, then one line per hint."""
        mark = "✔" if self.passed else "✘"
        head = f"{mark} {self.qid}: {self.earned} of {self.possible} {_points(self.possible)}"
        return [head, *(f"  • {hint}" for hint in self.hints)]


class CheckFailed(CourseError):
    """An answer that is missing, of the wrong kind, or not (yet) fully right.

    Raising it makes the check cell fail, in JupyterLab and under nbval alike; its display is
    the result's few lines, not a traceback.
    """

    def __init__(self, result: Result):
        super().__init__("\n".join(result.lines()))
        self.result = result

    def _render_traceback_(self) -> list[str]:
        return self.result.lines()


def score(question: Question, answer: Any) -> Result:
    """Judge `answer` against every part of `question`."""
    if _is_missing(answer):
        return Result(question.qid, 0, question.points, (NO_ANSWER,))
    if not _safely(question.accepts, answer):
        hint = f"this question expects {question.expects}; your answer is {describe(answer)}."
        return Result(question.qid, 0, question.points, (hint,))
    earned, hints = 0, []
    for part in question.parts:
        if _safely(part.passes, answer):
            earned += part.points
        elif not (part.after_previous and hints):
            hints.append(part.hint)
    return Result(question.qid, earned, question.points, tuple(hints))


def describe(answer: Any) -> str:
    """A short description of what a student handed in, to set beside what was expected."""
    if isinstance(answer, bool):
        return f"True or False (a bool), {answer}"
    if isinstance(answer, str):
        shown = answer if len(answer) <= 40 else answer[:37] + "..."
        return f"a piece of text (a str), {shown!r}"
    if isinstance(answer, pd.DataFrame):
        columns = ", ".join(map(str, answer.columns[:6])) + (", ..." if len(answer.columns) > 6 else "")
        return f"a DataFrame with {len(answer)} rows and the columns {columns or '(none)'}"
    if isinstance(answer, pd.Series):
        return f"a Series of {len(answer)} values"
    if isinstance(answer, (list, tuple, set, dict)):
        return f"a {type(answer).__name__} of {len(answer)} items"
    return _a(type(answer).__name__)


def _a(noun: str) -> str:
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def _is_missing(answer: Any) -> bool:
    return answer is Ellipsis or answer is None


def _safely(test: Callable[[Any], bool], answer: Any) -> bool:
    """Whether `test(answer)` holds; a test that raises on a strange answer counts as not holding."""
    try:
        return bool(test(answer))
    except Exception:  # noqa: BLE001 - any failure inside a test means "not right", never a traceback
        return False


def _points(n: int) -> str:
    return "point" if n == 1 else "points"

