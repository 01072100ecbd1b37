"""Keep the stored notebooks tidy (generated navigation, no outputs, clean metadata) and the README's lessons table.

The README's launch badge and table of lessons are generated from the notebooks too.

Run `python -m coursekit.housekeeping` (or `make tidy`) after editing a notebook; the test suite
runs it with `--check` and fails if any notebook would change, so the generated parts can never
go stale and no output or personal metadata reaches a commit.

The navigation cells are found by an HTML-comment sentinel and rewritten in place (or inserted as
the first and last cell), so running the tool twice changes nothing.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

from .errors import CourseError

NOTEBOOK_NAME = re.compile(r"(?P<number>\d{2})-(?P<slug>[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)\.ipynb")
COURSE_FOLDERS = ("notebooks", "solutions")
NAV_SENTINEL = "<!-- coursekit:navigation -->"
NAV_CELL_IDS = ("navigation-top", "navigation-bottom")
CONTENTS_LINK = "../README.md#lessons"
EXERCISE_FOLDER = "exercises"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
KEPT_CELL_METADATA = ("tags", "coursekit")


def course_notebooks(root: Path, folder: str = "notebooks") -> list[Path]:
    """The notebooks of one course folder, in lesson order: those named NN-Title-With-Hyphens.ipynb.

    Anything else (an `Untitled.ipynb` a teacher left there) is not part of the course; the
    naming test reports it.
    """
    return sorted(p for p in (root / folder).glob("*.ipynb") if NOTEBOOK_NAME.fullmatch(p.name))


def title_of(nb: nbformat.NotebookNode, path: Path) -> str:
    """The notebook's `#` heading, or a title made from its file name."""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and NAV_SENTINEL not in cell.source:
            match = re.search(r"^# (.+)$", cell.source, flags=re.MULTILINE)
            if match:
                return match.group(1).strip()
    return path.stem[3:].replace("-", " ")


def navigation(previous: tuple[Path, str] | None, following: tuple[Path, str] | None) -> str:
    """The navigation line: previous · contents · next, with descriptive link texts."""
    parts = []
    if previous:
        parts.append(f"[← Previous: {previous[1]}]({previous[0].name})")
    parts.append(f"[Contents]({CONTENTS_LINK})")
    if following:
        parts.append(f"[Next: {following[1]} →]({following[0].name})")
    return f"{NAV_SENTINEL}\n" + " · ".join(parts)


def exercise_line(lesson: Path) -> str:
    """The closing line that points a lesson to its graded exercise (same file name, `exercises/`).

    Lesson 00 has no exercise. Until an exercise is released, the line names where it will be
    instead of linking to a file that does not exist yet.
    """
    if lesson.name.startswith("00-"):
        return ""
    exercise = lesson.parent.parent / EXERCISE_FOLDER / lesson.name
    if exercise.is_file():
        return f"**Exercise:** [the graded exercise for this lesson](../{EXERCISE_FOLDER}/{lesson.name})"
    return f"**Exercise:** this lesson's graded exercise, `{EXERCISE_FOLDER}/{lesson.name}`, is not released yet."


def tidy(nb: nbformat.NotebookNode, nav: str, closing: str = "") -> nbformat.NotebookNode:
    """Return `nb` with navigation cells set, outputs cleared and metadata reduced to the essentials.

    `closing` goes above the bottom navigation line (the exercise link of a lesson).
    """
    cells = [c for c in nb.cells if not (c.cell_type == "markdown" and NAV_SENTINEL in c.source)]
    bottom_nav = nav.replace(NAV_SENTINEL + "\n", NAV_SENTINEL + "\n" + closing + "\n\n") if closing else nav
    top, bottom = (nbformat.v4.new_markdown_cell(text, id=cell_id) for text, cell_id in zip((nav, bottom_nav), NAV_CELL_IDS))
    nb.cells = [top, *cells, bottom]
    return clean(nb)


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return `nb` without outputs and with only the metadata the course uses (no personal traces).

    The notebook's `coursekit` metadata (which course and exercise it is, written by the release)
    stays: the grader recognises a submission by it.
    """
    for cell in nb.cells:
        cell.metadata = {k: cell.metadata[k] for k in KEPT_CELL_METADATA if k in cell.metadata}
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    kept = {"coursekit": nb.metadata["coursekit"]} if "coursekit" in nb.metadata else {}
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}, **kept}
    nb.nbformat, nb.nbformat_minor = 4, 5
    return nb


def tidy_folder(root: Path, folder: str) -> dict[Path, str]:
    """The tidy text of every notebook in `folder`, keyed by path."""
    paths = course_notebooks(root, folder)
    books = {p: nbformat.read(p, as_version=4) for p in paths}
    titles = {p: title_of(nb, p) for p, nb in books.items()}
    result = {}
    for i, path in enumerate(paths):
        previous = (paths[i - 1], titles[paths[i - 1]]) if i > 0 else None
        following = (paths[i + 1], titles[paths[i + 1]]) if i + 1 < len(paths) else None
        closing = exercise_line(path) if folder == "notebooks" else ""
        result[path] = nbformat.writes(tidy(books[path], navigation(previous, following), closing)) + "\n"
    return result


def untidy(root: Path) -> dict[Path, str]:
    """The generated files whose stored text differs from their tidy form, with that tidy form.

    That is every notebook, and the README's table of contents (built from the notebooks).
    """
    # Imported here: coursekit.contents builds on this module's helpers.
    from .contents import README, readme_text

    tidy_text = {path: text for folder in COURSE_FOLDERS for path, text in tidy_folder(root, folder).items()}
    if (root / README).is_file():
        tidy_text[root / README] = readme_text(root)
    return {path: text for path, text in tidy_text.items() if path.read_text(encoding="utf-8") != text}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report the notebooks and README that are not tidy")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="repository root (default: here)")
    args = parser.parse_args(argv)
    try:
        changes = untidy(args.root)
    except CourseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for path, text in changes.items():
        if args.check:
            print(f"not tidy: {path.relative_to(args.root)} (run `make tidy`)")
        else:
            path.write_text(text, encoding="utf-8")
            print(f"tidied {path.relative_to(args.root)}")
    return 1 if args.check and changes else 0


if __name__ == "__main__":
    sys.exit(main())
