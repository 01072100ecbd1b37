"""Write the students' exercises (`exercises/`) from the master notebooks (`solutions/`).

Run `python -m coursekit.release` (or `make release`) after editing a master notebook. Each
reference answer between `### BEGIN SOLUTION` and `### END SOLUTION` becomes `# YOUR ANSWER HERE`
and a placeholder (`name = ...` for the variable the answer assigns last; `YOUR ANSWER HERE` in a
free-text cell); outputs go, question metadata and check cells stay, cells tagged
`solution-only` are dropped, and a header tells students how to check their work.

The release refuses a master notebook that would give students a broken exercise, naming the
cell: unbalanced markers, a question id used twice, an automatic question without its check cell,
an answer cell without markers, or question cells that disagree with the question bank
(`coursekit.questions`). It never overwrites an exercise that holds someone's work (outputs or
execution counts) unless told to. Running it twice changes nothing; the test suite runs it with
`--check` and fails if `exercises/` is not exactly what it would write.
"""

from __future__ import annotations

import argparse
import ast
import copy
import importlib
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .errors import CourseError
from .housekeeping import NOTEBOOK_NAME, clean

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
CODE_PLACEHOLDER = "# YOUR ANSWER HERE"
TEXT_PLACEHOLDER = "YOUR ANSWER HERE"
SOLUTION_ONLY_TAG = "solution-only"
HEADER_SENTINEL = "<!-- coursekit:exercise-header -->"
HEADER_CELL_ID = "exercise-header"
SOLUTIONS, EXERCISES = "solutions", "exercises"
# Written into each exercise's metadata, so that the grader can tell this course's exercises (and
# which one) from any other notebook, even after a student renames the file.
COURSE_ID = "welcome-to-the-usa"


class ReleaseError(CourseError):
    """A master notebook that cannot be released as it stands."""


@dataclass(frozen=True)
class Cell:
    """A cell's place in its notebook, for error messages a notebook author can act on."""

    path: Path
    index: int
    source: str

    def __str__(self) -> str:
        first = next((line.strip() for line in self.source.splitlines() if line.strip()), "(empty)")
        return f"{self.path.parent.name}/{self.path.name}, cell {self.index + 1} ({first[:50]!r})"


def header(path: Path) -> str:
    """The generated first cell of an exercise: how to answer, and how to check the answers."""
    return "\n".join([
        HEADER_SENTINEL,
        ("**How this exercise works.** Each question has an answer cell marked `# YOUR ANSWER HERE`: "
         "replace the `...` with your answer and run the cell, then run the check cell below it. "
         "A check prints ✔ and your points when the answer is right; otherwise it shows a short hint "
         "about what to look at, and you can try again as often as you like. "
         "Free-text questions (*marked by your teacher*) have no check: write your answer in the cell "
         "that says YOUR ANSWER HERE (double-click it to edit)."),
        "",
        ("**Check the whole notebook at once.** Save it, then run this in a terminal in the course folder "
         "(File → New → Terminal); it lists every check that does not pass yet:"),
        "",
        f"    pytest --nbval-lax {EXERCISES}/{path.name}",
        "",
        "If you work on a copy elsewhere, give that file's path instead.",
        "",
        ("**When you hand it in,** your teacher's grader runs your answer cells together with this exercise's "
         "own cells and checks, in a fresh kernel. Keep all the code an answer needs inside its answer cell "
         "(cells you add are not run), keep the answer's name as it is, and do not worry about the check "
         "cells: the grader uses its own copies."),
    ])


def release_notebook(path: Path) -> str:
    """The exercise text for the master notebook at `path` (validated first)."""
    nb = nbformat.read(path, as_version=4)
    validate(nb, path)
    exercise = copy.deepcopy(nb)
    cells = []
    for index, cell in enumerate(exercise.cells):
        if SOLUTION_ONLY_TAG in cell.metadata.get("tags", []):
            continue
        if BEGIN in _marker_lines(cell.source):
            cell.source = _blanked(cell, Cell(path, index, cell.source))
        cells.append(cell)
    cells.insert(_after_title(cells), nbformat.v4.new_markdown_cell(header(path), id=HEADER_CELL_ID))
    exercise.cells = cells
    exercise.metadata["coursekit"] = {"course": COURSE_ID, "exercise": NOTEBOOK_NAME.fullmatch(path.name)["number"]}
    return nbformat.writes(clean(exercise)) + "\n"


def _after_title(cells: list) -> int:
    """Where the header goes: right after the cell holding the `#` title (or first, if none)."""
    for index, cell in enumerate(cells):
        if cell.cell_type == "markdown" and any(line.startswith("# ") for line in cell.source.splitlines()):
            return index + 1
    return 0


def validate(nb: nbformat.NotebookNode, path: Path) -> None:
    """Refuse the master notebook (ReleaseError naming the cell) if its exercise would be broken."""
    answers: dict[str, Cell] = {}
    kinds: dict[str, tuple[str, int]] = {}
    checks: dict[str, Cell] = {}
    for index, cell in enumerate(nb.cells):
        where = Cell(path, index, cell.source)
        meta = cell.metadata.get("coursekit", {})
        markers = _marker_lines(cell.source)
        _check_balance(markers, where)
        if "question" in meta:
            qid = meta["question"]
            if qid in answers:
                raise ReleaseError(f"{where}: question id {qid!r} is used again (first in {answers[qid]}).")
            if BEGIN not in markers:
                raise ReleaseError(f"{where}: the answer cell of {qid} has no {BEGIN} / {END} block, "
                                   "so students would be given the answer.")
            answers[qid] = where
            kinds[qid] = (meta.get("kind", "auto"), meta.get("points"))
            if cell.cell_type == "code":
                if len(_solution_blocks(cell.source)) != 1:
                    raise ReleaseError(f"{where}: a code answer cell holds exactly one solution block.")
                _assigned_name(cell.source, where)
        elif markers:
            raise ReleaseError(f"{where}: has solution markers but no question metadata "
                               "(metadata coursekit.question).")
        if "check" in meta:
            qid = meta["check"]
            if qid not in answers:
                raise ReleaseError(f"{where}: checks {qid!r}, which has no answer cell above it.")
            if not _calls_check(cell.source, qid):
                raise ReleaseError(f'{where}: the check cell of {qid} must call check("{qid}", ...).')
            checks[qid] = where
    for qid, (kind, _) in kinds.items():
        if kind == "auto" and qid not in checks:
            raise ReleaseError(f"{answers[qid]}: automatic question {qid} has no check cell "
                               f'(a code cell with metadata coursekit.check = "{qid}").')
    _agrees_with_bank(path, answers, kinds)


def _agrees_with_bank(path: Path, answers: dict[str, Cell], kinds: dict[str, tuple[str, int]]) -> None:
    """The notebook's question cells and its question bank module name the same questions alike."""
    number = NOTEBOOK_NAME.fullmatch(path.name)
    if number is None:
        raise ReleaseError(f"{path.name}: not a course notebook name (NN-Title-With-Hyphens.ipynb).")
    module = f"coursekit.questions.ex{number['number']}"
    try:
        bank = {q.qid: q for q in importlib.import_module(module).QUESTIONS}
    except ModuleNotFoundError as missing:
        if missing.name != module:
            raise
        raise ReleaseError(f"{path.name}: no question bank {module} for this exercise.") from None
    for qid, (kind, points) in kinds.items():
        question = bank.get(qid)
        if question is None:
            raise ReleaseError(f"{answers[qid]}: question {qid} is not in {module}.")
        if (kind, points) != (question.kind, question.points):
            raise ReleaseError(f"{answers[qid]}: metadata says {kind}, {points} points; {module} says "
                               f"{question.kind}, {question.points} points.")
    missing = [qid for qid in bank if qid not in kinds]
    if missing:
        raise ReleaseError(f"{path.name}: {module} has {', '.join(missing)}, which the notebook never asks.")


def _marker_lines(source: str) -> list[str]:
    return [line.strip() for line in source.splitlines() if line.strip() in (BEGIN, END)]


def _check_balance(markers: list[str], where: Cell) -> None:
    expected = BEGIN
    for marker in markers:
        if marker != expected:
            raise ReleaseError(f"{where}: {marker} without a matching {BEGIN if marker == END else END}.")
        expected = END if expected == BEGIN else BEGIN
    if expected == END:
        raise ReleaseError(f"{where}: {BEGIN} without a matching {END}.")


def _assigned_name(source: str, where: Cell) -> str:
    """The variable a code answer block assigns last: the name its placeholder keeps."""
    block = _solution_blocks(source)
    try:
        tree = ast.parse("\n".join(_dedent(block[-1])))
    except SyntaxError as error:
        raise ReleaseError(f"{where}: the solution block is not valid Python ({error.msg}).") from None
    last = tree.body[-1] if tree.body else None
    if not (isinstance(last, ast.Assign) and len(last.targets) == 1 and isinstance(last.targets[0], ast.Name)):
        raise ReleaseError(f"{where}: a solution block must end by assigning the answer to one name "
                           "(answer = ...), which becomes the placeholder.")
    return last.targets[0].id


def _solution_blocks(source: str) -> list[list[str]]:
    blocks, current = [], None
    for line in source.splitlines():
        if line.strip() == BEGIN:
            current = []
        elif line.strip() == END:
            blocks.append(current)
            current = None
        elif current is not None:
            current.append(line)
    return blocks


def _dedent(lines: list[str]) -> list[str]:
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(indents, default=0)
    return [line[cut:] for line in lines]


def _blanked(cell: nbformat.NotebookNode, where: Cell) -> str:
    """The cell's source with each solution block replaced by the placeholder."""
    out, inside, indent = [], False, ""
    name = _assigned_name(cell.source, where) if cell.cell_type == "code" else None
    for line in cell.source.splitlines():
        if line.strip() == BEGIN:
            inside, indent = True, line[: len(line) - len(line.lstrip())]
            out += [indent + CODE_PLACEHOLDER, f"{indent}{name} = ..."] if name else [TEXT_PLACEHOLDER]
        elif line.strip() == END:
            inside = False
        elif not inside:
            out.append(line)
    return "\n".join(out)


def _calls_check(source: str, qid: str) -> bool:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    return any(
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "check"
        and node.args and isinstance(node.args[0], ast.Constant) and node.args[0].value == qid
        for node in ast.walk(tree)
    )


def _holds_work(path: Path) -> bool:
    """Whether an exercise file has been run and saved: someone's work, not a generated file."""
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:  # noqa: BLE001 - an unreadable file is not ours to overwrite either
        return True
    return any(c.cell_type == "code" and (c.get("outputs") or c.get("execution_count")) for c in nb.cells)


def planned(root: Path, only: str | None = None) -> dict[Path, str]:
    """The exercise text for every master notebook (or exercise `only`), keyed by exercise path."""
    masters = sorted((root / SOLUTIONS).glob("*.ipynb"))
    if only is not None:
        masters = [m for m in masters if m.name.startswith(f"{only}-")]
    return {root / EXERCISES / master.name: release_notebook(master) for master in masters}


def stale(root: Path) -> list[Path]:
    """Exercises whose master notebook no longer exists."""
    masters = {p.name for p in (root / SOLUTIONS).glob("*.ipynb")}
    return sorted(p for p in (root / EXERCISES).glob("*.ipynb") if p.name not in masters)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report exercises that are not up to date")
    parser.add_argument("--force", action="store_true", help="overwrite exercises even if they hold outputs")
    parser.add_argument("--only", metavar="NN", help="release one exercise, e.g. 03")
    parser.add_argument("--out", type=Path, help="write into this folder instead of exercises/")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="repository root (default: here)")
    args = parser.parse_args(argv)
    try:
        plan = planned(args.root, args.only)
    except CourseError as error:
        print(f"release refused: {error}", file=sys.stderr)
        return 2
    if args.check:
        problems = [f"not up to date: {p.relative_to(args.root)}" for p, text in plan.items()
                    if not p.is_file() or p.read_text(encoding="utf-8") != text]
        problems += [f"no master notebook for {p.relative_to(args.root)}" for p in stale(args.root)]
        for problem in problems:
            print(f"{problem} (run `make release`)")
        return 1 if problems else 0
    kept = False
    for path, text in plan.items():
        target = args.out / path.name if args.out else path
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            continue
        if target.is_file() and _holds_work(target) and not args.force:
            print(f"kept {target}: it holds outputs, so it may be someone's work; move it away or use --force",
                  file=sys.stderr)
            kept = True
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"released {target}")
    return 1 if kept else 0


if __name__ == "__main__":
    sys.exit(main())
