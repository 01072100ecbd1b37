"""Rebuild a submission from the released exercise: the student's answers, the course's own cells.

Only a student's answer cells (found by the question id in their metadata, or by their cell id if
a tool stripped the metadata) are taken from the submission. Every other cell comes from the
released exercise, and each check cell becomes a capture cell that hands the answer to the grader.
So a check cell that was edited, deleted, duplicated or moved, or a `check` that was redefined,
changes nothing; an answer cell that is missing is run as the blank one and scores zero.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

import nbformat

from ..release import TEXT_PLACEHOLDER
from .exercises import Exercise
from .submissions import readable

CAPTURE = "from coursekit.grading.capture import capture as _coursekit_capture\n_coursekit_capture({qid!r}, {expression})"
ANSWER_LABEL = "**Your answer:**"


@dataclass
class Rebuilt:
    """The notebook the grader runs, and what it learned while building it."""

    notebook: nbformat.NotebookNode
    capture_cells: dict[int, str]  # cell index -> question id
    answer_cells: dict[int, str]  # cell index -> question id
    free_text: dict[str, str]  # question id -> the student's text ("" if not answered)
    names: dict[str, str] = field(default_factory=dict)  # question id -> the expression its check is given
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def question_of(cell) -> str | None:
    meta = cell.get("metadata", {}).get("coursekit")
    qid = meta.get("question") if isinstance(meta, dict) else None
    return qid if isinstance(qid, str) else None


def rebuild(exercise: Exercise, submitted: nbformat.NotebookNode) -> Rebuilt:
    """The runnable notebook for `submitted`, an attempt at `exercise`."""
    answers, notes = _answers(exercise, submitted)
    cells, capture_cells, answer_cells, free_text, names, missing = [], {}, {}, {}, {}, []
    for cell in exercise.template.cells:
        qid = question_of(cell)
        checked = cell.metadata.get("coursekit", {}).get("check")
        if qid and cell.metadata["coursekit"].get("kind") == "manual":
            free_text[qid] = _free_text(answers.get(qid, ""))
            continue
        if cell.cell_type != "code" or _is_summary(cell):
            continue
        if qid:
            if qid in answers:
                source = answers[qid]
            else:
                source = cell.source
                missing.append(qid)
            answer_cells[len(cells)] = qid
            cells.append(nbformat.v4.new_code_cell(source))
        elif checked:
            capture_cells[len(cells)] = checked
            names[checked] = _checked_expression(cell)
            cells.append(nbformat.v4.new_code_cell(CAPTURE.format(qid=checked, expression=names[checked])))
        else:
            cells.append(nbformat.v4.new_code_cell(cell.source))
    if missing:
        notes.append(f"no answer cell found for {', '.join(missing)}: "
                     f"{'it scores' if len(missing) == 1 else 'they score'} zero.")
    notebook = nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": dict(exercise.template.metadata.kernelspec)})
    return Rebuilt(notebook, capture_cells, answer_cells, free_text, names, missing, notes)


def _answers(exercise: Exercise, submitted: nbformat.NotebookNode) -> tuple[dict[str, str], list[str]]:
    """The source of the student's answer cell for each question, with notes on duplicates and extras."""
    wanted = {q.qid for q in exercise.questions}
    template_ids = {cell.get("id") for cell in exercise.template.cells}
    template_sources = {cell.source for cell in exercise.template.cells}
    found: dict[str, list] = {}
    extra = 0
    for cell in submitted.cells:
        qid = question_of(cell)
        if qid is None and str(cell.get("id", "")).endswith("-answer"):
            qid = str(cell["id"])[: -len("-answer")]
        if qid in wanted:
            found.setdefault(qid, []).append(cell)
        elif (cell.get("cell_type") == "code" and cell.get("source", "").strip()
              and cell.get("id") not in template_ids and cell.get("source") not in template_sources):
            extra += 1
    notes = []
    manual = {q.qid for q in exercise.questions if q.kind == "manual"}
    for qid, cells in found.items():
        if len(cells) > 1:
            notes.append(f"{qid} has {len(cells)} answer cells; the grader used the last one.")
        if qid not in manual and cells[-1].get("cell_type") != "code":
            notes.append(f"the answer cell of {qid} had been turned into a {cells[-1].get('cell_type')} cell; "
                         "the grader ran it as code.")
    if extra:
        notes.append(f"{extra} code cell{'s' if extra > 1 else ''} you added {'were' if extra > 1 else 'was'} not run: "
                     "the grader runs only the answer cells, so keep all the code an answer needs in its answer cell.")
    return {qid: cells[-1].get("source", "") for qid, cells in found.items()}, notes


def _free_text(source: str) -> str:
    """The student's own words in a free-text cell: the label and the placeholder taken out."""
    text = readable(source.replace(ANSWER_LABEL, "", 1).strip())
    return "" if text in ("", TEXT_PLACEHOLDER) else text


def _is_summary(cell) -> bool:
    return cell.source.strip().endswith("check.summary()")


def _checked_expression(cell) -> str:
    """The expression a released check cell passes to check(qid, ...): the answer to capture."""
    tree = ast.parse(cell.source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "check" and len(node.args) == 2:
            return ast.get_source_segment(cell.source, node.args[1])
    raise ValueError(f"check cell without check(qid, answer): {cell.source!r}")
