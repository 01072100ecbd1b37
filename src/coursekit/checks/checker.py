"""The `check` object of one exercise: looks questions up by id, scores, prints or raises.

It also keeps each question's latest result, so that the last cell of an exercise can tell a
student where they stand (`check.summary()`).
"""

from __future__ import annotations

import importlib
import re
from typing import Any

from ..errors import CourseError
from .question import CheckFailed, Manual, Question, Result, score

EXERCISE_NUMBER = re.compile(r"\d{2}")


class Checker:
    """`check(qid, answer)` for the questions of one exercise."""

    def __init__(self, exercise: str, questions: tuple[Question | Manual, ...]):
        self.exercise = exercise
        self.questions = {q.qid: q for q in questions}
        if len(self.questions) != len(questions):
            raise CourseError(f"exercise {exercise} defines a question id twice.")
        self.results: dict[str, Result] = {}

    def __call__(self, qid: str, answer: Any) -> None:
        question = self.questions.get(qid)
        if question is None:
            known = ", ".join(self.questions)
            raise CourseError(f"exercise {self.exercise} has no question {qid!r}; its questions are {known}.")
        if isinstance(question, Manual):
            raise CourseError(f"{qid} is a free-text question that your teacher marks; there is nothing to check.")
        result = score(question, answer)
        self.results[qid] = result
        if not result.passed:
            raise CheckFailed(result)
        print(result.lines()[0])

    def summary(self) -> None:
        """Print the points earned so far in this session, and what is left to do."""
        auto = [q for q in self.questions.values() if isinstance(q, Question)]
        manual = [q for q in self.questions.values() if isinstance(q, Manual)]
        earned = sum(self.results[q.qid].earned for q in auto if q.qid in self.results)
        possible = sum(q.points for q in auto)
        print(f"Exercise {self.exercise}: {earned} of {possible} points from the checks run so far.")
        todo = [q.qid for q in auto if q.qid not in self.results or not self.results[q.qid].passed]
        if todo:
            print(f"Not yet right (or not yet checked): {', '.join(todo)}.")
        if manual:
            points = sum(q.points for q in manual)
            print(f"Your teacher marks {', '.join(q.qid for q in manual)} ({points} points).")


def checker(exercise: str) -> Checker:
    """The checks of exercise `exercise` ("01" to "07"), to be named `check` in the notebook."""
    if not EXERCISE_NUMBER.fullmatch(str(exercise)):
        raise CourseError(f"checker() takes an exercise number as two digits, such as \"03\"; got {exercise!r}.")
    module = f"coursekit.questions.ex{exercise}"
    try:
        bank = importlib.import_module(module)
    except ModuleNotFoundError as missing:
        if missing.name != module:
            raise
        raise CourseError(f"there is no exercise {exercise} in this course.") from None
    return Checker(str(exercise), bank.QUESTIONS)
