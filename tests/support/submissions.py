"""Made-up student submissions for the grader's tests and benchmark: right, partly right and broken.

A right submission is the released exercise with each answer cell replaced by the master's answer
cell, its solution markers taken out: what a student who answered everything would hand in.
Everything else is derived from it or from the blank exercise, so nothing here restates an answer.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat

from coursekit.release import BEGIN, END, release_notebook

ROOT = Path(__file__).resolve().parents[2]


def master(number: str) -> Path:
    (path,) = (ROOT / "solutions").glob(f"{number}-*.ipynb")
    return path


def blank(number: str) -> nbformat.NotebookNode:
    """The exercise as released to students."""
    return nbformat.reads(release_notebook(master(number)), as_version=4)


def right(number: str) -> nbformat.NotebookNode:
    """The released exercise, every question answered as the master notebook answers it."""
    answers = {}
    for cell in nbformat.read(master(number), as_version=4).cells:
        qid = cell.metadata.get("coursekit", {}).get("question")
        if qid:
            answers[qid] = "\n".join(line for line in cell.source.splitlines() if line.strip() not in (BEGIN, END))
    nb = blank(number)
    for cell in nb.cells:
        qid = cell.metadata.get("coursekit", {}).get("question")
        if qid:
            cell.source = answers[qid]
    return nb


def answer_cell(nb: nbformat.NotebookNode, qid: str) -> nbformat.NotebookNode:
    return next(c for c in nb.cells if c.metadata.get("coursekit", {}).get("question") == qid)


def check_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [c for c in nb.cells if "check" in c.metadata.get("coursekit", {})]


def with_answer(nb: nbformat.NotebookNode, qid: str, source: str) -> nbformat.NotebookNode:
    """A copy of `nb` whose answer cell for `qid` holds `source`."""
    changed = copy.deepcopy(nb)
    answer_cell(changed, qid).source = source
    return changed


def write(nb: nbformat.NotebookNode, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def without_checks(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of `nb` with every check cell deleted."""
    changed = copy.deepcopy(nb)
    changed.cells = [c for c in changed.cells if "check" not in c.metadata.get("coursekit", {})]
    return changed


def with_checks(nb: nbformat.NotebookNode, source: str) -> nbformat.NotebookNode:
    """A copy of `nb` whose check cells all hold `source` (a student who edited them)."""
    changed = copy.deepcopy(nb)
    for cell in check_cells(changed):
        cell.source = source
    return changed


def without_answer(nb: nbformat.NotebookNode, qid: str) -> nbformat.NotebookNode:
    """A copy of `nb` with the answer cell for `qid` deleted."""
    changed = copy.deepcopy(nb)
    changed.cells = [c for c in changed.cells if c.metadata.get("coursekit", {}).get("question") != qid]
    return changed


def with_copy_of_answer(nb: nbformat.NotebookNode, qid: str, source: str, after: bool = False) -> nbformat.NotebookNode:
    """A copy of `nb` with a second answer cell for `qid` (same metadata, its own cell id) holding
    `source`, just before the original one (or just after it)."""
    changed = copy.deepcopy(nb)
    original = answer_cell(changed, qid)
    duplicate = copy.deepcopy(original)
    duplicate.id = f"{qid}-copy"
    duplicate.source = source
    index = changed.cells.index(original)
    changed.cells.insert(index + 1 if after else index, duplicate)
    return changed


def stripped(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of `nb` with the notebook's and every cell's metadata removed (as some tools save it)."""
    changed = copy.deepcopy(nb)
    changed.metadata = nbformat.NotebookNode()
    for cell in changed.cells:
        cell.metadata = nbformat.NotebookNode()
    return changed
