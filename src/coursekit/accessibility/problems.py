"""What every check reports, and how it names the place to fix.

The Markdown rules and the figure-routing rule both read notebooks cell by cell and report
problems the same way (file, cell number and id, line), so the command can print them in one
sorted list; that shared vocabulary lives here rather than in either of them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing to fix: the file, where in it, and what to do."""

    path: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}, {self.where}: {self.message}"


def short(source: str, width: int = 70) -> str:
    """`source` on one line, cut to `width` characters with an ellipsis, to quote in a problem."""
    source = " ".join(source.split())
    return source if len(source) <= width else source[:width - 1] + "…"


def cell_place(index: int, cell: dict, line: int | None = None) -> str:
    """How a problem names a notebook cell (1-based number and id) and a line in it."""
    place = f"cell {index + 1} (id {cell.get('id', '?')})"
    return place if line is None else f"{place}, line {line}"


def notebook_cells(notebook: dict | str | Path) -> list[dict]:
    """The cells of a notebook (read from its path if need be), each source joined into one string."""
    if isinstance(notebook, (str, Path)):
        notebook = json.loads(Path(notebook).read_text(encoding="utf-8"))
    cells = []
    for cell in notebook.get("cells", []):
        source = cell.get("source", "")
        cells.append({**cell, "source": "".join(source) if isinstance(source, list) else source})
    return cells


def reading_order(problem: Problem) -> tuple:
    """A sort key putting problems in the order a reader meets them: by file, cell, then line."""
    numbers = [int(n) for n in re.findall(r"\d+", problem.where.split("(id")[0])]
    numbers += [int(n) for n in re.findall(r"line (\d+)", problem.where)]
    return (problem.path, numbers, problem.message)
