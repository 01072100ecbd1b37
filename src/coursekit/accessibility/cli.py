"""The course's accessibility lint: headings, link texts, alt texts, figures, colours and widget labels.

`python -m coursekit.accessibility [PATHS]` (no paths: every notebook and Markdown file the course
owns) prints each problem with its file, its cell (number and id) or line, and what to change,
then a count on stderr; it exits with 1 if there is any problem and 2 if a path is not a file.
A teacher or author can run it before committing; `make test` runs the same checks through
tests/test_accessibility.py. The first line of this docstring is the command's description.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .files import course_files, lint_paths


def main(argv: list[str] | None = None) -> int:
    """Lint `argv`'s paths (or every course file), print the problems, return the exit status."""
    # Named explicitly: run as a package, argv[0] is __main__.py, which would tell a reader nothing.
    parser = argparse.ArgumentParser(prog="python -m coursekit.accessibility", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path,
                        help="notebooks and Markdown files (default: every one the course owns)")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="repository root (default: here)")
    args = parser.parse_args(argv)
    paths = args.paths or course_files(args.root)
    missing = [p for p in paths if not p.is_file()]
    if missing:
        print(f"not a file: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    problems = lint_paths(paths, args.root)
    for problem in problems:
        print(problem)
    count = len(problems)
    print(f"{count} accessibility problem{'s' if count != 1 else ''} in {len(paths)} file{'s' if len(paths) != 1 else ''}.",
          file=sys.stderr)
    return 1 if problems else 0

