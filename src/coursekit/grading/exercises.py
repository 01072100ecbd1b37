"""The exercises the grader knows: each one's released notebook, questions and question titles.

The released notebook is made from the master in `solutions/` exactly as `make release` makes it,
so the grader always compares with the current master even if `exercises/` is stale.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from ..checks import Manual, Question, checker
from ..errors import CourseError
from ..housekeeping import NOTEBOOK_NAME
from ..paths import data_dir
from ..release import SOLUTIONS, release_notebook

HEADING = re.compile(r"^## Question \d+: (?P<title>.+?) \(\d+ points?", re.MULTILINE)


@dataclass(frozen=True)
class Exercise:
    """One exercise: its number, file name, title, released notebook and questions in order."""

    number: str
    name: str
    title: str
    template: nbformat.NotebookNode
    questions: tuple[Question | Manual, ...]
    headings: dict[str, str]

    @property
    def stem(self) -> str:
        return Path(self.name).stem

    @property
    def auto_points(self) -> int:
        return sum(q.points for q in self.questions if q.kind == "auto")

    @property
    def manual_points(self) -> int:
        return sum(q.points for q in self.questions if q.kind == "manual")

    def heading(self, qid: str) -> str:
        """'Question 3: Where were films narrowed or stopped?' for q3."""
        number = [q.qid for q in self.questions].index(qid) + 1
        title = self.headings.get(qid)
        return f"Question {number}: {title}" if title else f"Question {number}"


def course_root() -> Path:
    """The course folder (the one holding `data/` and `solutions/`)."""
    root = data_dir().parent
    if not (root / SOLUTIONS).is_dir():
        raise CourseError(f"the course folder {root} has no {SOLUTIONS}/ folder, which the grader compares "
                          "submissions with. Run the grader from inside a full copy of the course.")
    return root


def exercise_files() -> dict[str, Path]:
    """The master notebook of every exercise, keyed by its two-digit number (cheap: nothing is read)."""
    found = {}
    for master in sorted((course_root() / SOLUTIONS).glob("*.ipynb")):
        match = NOTEBOOK_NAME.fullmatch(master.name)
        if match is not None:
            found[match["number"]] = master
    return found


@functools.cache
def load_exercise(number: str) -> Exercise:
    """Exercise `number`, released in memory from its master notebook."""
    master = exercise_files()[number]
    template = nbformat.reads(release_notebook(master), as_version=4)
    return Exercise(number, master.name, _title(template, master), template,
                    tuple(checker(number).questions.values()), _headings(template))


def _title(nb: nbformat.NotebookNode, path: Path) -> str:
    for cell in nb.cells:
        match = re.search(r"^# (.+)$", cell.source, flags=re.MULTILINE) if cell.cell_type == "markdown" else None
        if match:
            return match.group(1).strip()
    return path.stem


def _headings(nb: nbformat.NotebookNode) -> dict[str, str]:
    """Each question's title, read from the heading of the markdown cell above its answer cell."""
    headings, last = {}, None
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = HEADING.search(cell.source)
            last = match["title"] if match else last
        qid = cell.metadata.get("coursekit", {}).get("question")
        if qid and last:
            headings[qid] = last
    return headings
