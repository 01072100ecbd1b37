"""Checks for the graded exercises: `check("q3", answer)` in a notebook, with instant feedback.

An exercise notebook starts with `check = checker("03")`. Each check cell then calls
`check("q3", answer)`, which prints one line with the points earned when the answer is right and
otherwise raises `CheckFailed`: JupyterLab and nbval show its few lines of hint instead of a
traceback, so a student sees what kind of answer is wanted without ever seeing the answer.

The questions themselves (their points, the kind of answer, and how each part is judged) live in
`coursekit.questions`, one module per exercise. Expected values are recomputed there from the
course tables or compared as salted hashes, so nothing in the exercise notebook gives them away.
"""

from .checker import Checker, checker
from .question import CheckFailed, Manual, Part, Question, Result

__all__ = ["CheckFailed", "Checker", "Manual", "Part", "Question", "Result", "checker"]
