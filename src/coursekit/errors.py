"""Errors written for the person at the keyboard.

Every error coursekit raises on purpose derives from `CourseError`. Its message already says what
went wrong and what to do, so in Jupyter it is shown as that one message instead of a traceback
through the plumbing, which would only hide it from a student.
"""


class CourseError(Exception):
    """An error whose message is meant to be read by a student or teacher."""

    def _render_traceback_(self) -> list[str]:
        # IPython calls this instead of formatting a traceback; nbval shows the same lines.
        return [f"{type(self).__name__}: {self}"]


class CorpusError(CourseError, ValueError):
    """A text, folder or search that the corpus tools cannot work with."""


class DataError(CourseError, ValueError):
    """A table that does not match its declared schema.

    `file`, `line` and `column` say where, so a test (or a teacher fixing a CSV) can find it.
    """

    def __init__(self, message: str, *, file: str, line: int | None = None, column: str | None = None):
        where = file
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {message}")
        self.file = file
        self.line = line
        self.column = column
