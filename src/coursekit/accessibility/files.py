"""Which files the course's lint covers, and every problem of one file.

The course owns its lessons, exercises and solutions and its published Markdown pages; the
research notes (docs/research/) and the source texts (data/sources/) are not pages a student
reads, so they are left alone. Code cells are checked for figure routing only in lessons and
solutions: exercises/ holds the students' blanks, which draw nothing yet.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from .figure_routing import lint_notebook_code
from .markdown_lint import lint_markdown, lint_notebook_markdown
from .problems import Problem

NOTEBOOK_FOLDERS = ("notebooks", "exercises", "solutions")
CODE_FOLDERS = ("notebooks", "solutions")  # exercises/ holds the students' blanks, not figures
MARKDOWN_FILES = ("README.md", "data/README.md", "benchmarks/README.md")
MARKDOWN_GLOBS = ("docs/*.md",)  # not docs/research/ (working notes), not data/sources/ (the texts)


def course_files(root: Path) -> list[Path]:
    """Every notebook and Markdown file the course owns, in a stable order."""
    notebooks = [p for folder in NOTEBOOK_FOLDERS for p in sorted((root / folder).glob("*.ipynb"))]
    markdown = [root / name for name in MARKDOWN_FILES if (root / name).is_file()]
    markdown += [p for pattern in MARKDOWN_GLOBS for p in sorted(root.glob(pattern))]
    return notebooks + markdown


def lint_file(path: Path, root: Path | None = None) -> list[Problem]:
    """Every problem of one notebook or Markdown file; code cells of lessons and solutions too."""
    name = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
    if path.suffix == ".ipynb":
        notebook = json.loads(path.read_text(encoding="utf-8"))
        problems = lint_notebook_markdown(notebook, name)
        if path.parent.name in CODE_FOLDERS:
            problems += lint_notebook_code(notebook, name)
        return problems
    return lint_markdown(path.read_text(encoding="utf-8"), name)


def lint_paths(paths: Iterable[Path], root: Path) -> list[Problem]:
    """Every problem of each of `paths`, named relative to `root` where they lie under it."""
    problems = []
    for path in paths:
        problems += lint_file(path.resolve(), root.resolve())
    return problems

