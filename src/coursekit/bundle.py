"""Build the students' bundle: a zip with the lessons, the exercises and the data, but no solutions.

Some courses must keep the reference answers with the teacher. `make student-bundle` (or
`python -m coursekit.bundle`) writes `dist/welcome-to-the-usa-students.zip`, which a teacher can
upload to a learning platform or a hub. It holds what a student runs (`notebooks/`, `exercises/`,
`data/`, the `coursekit` package, and the files `make lab` needs to install it), the research logs
the data's README points to, and a README of its own: the students' part of the course README and the table of contents, without the Binder
column (Binder would open the full repository, solutions included). It leaves out `solutions/`,
the teaching guide, the tests (they read the solutions) and the benchmarks. The exercises' checks
do not need `solutions/`: their expected values live in `coursekit.questions` as recomputations or
salted hashes. So the bundle keeps the reference notebooks from students, not the checks: a student
who reads a question bank's recomputation can learn how an expected value is computed.

The zip is the same byte for byte each time it is built from the same files (sorted entries, a
fixed time stamp), so a teacher can tell two bundles apart by their checksum.
"""

from __future__ import annotations

import argparse
import re
import sys
import zipfile
from pathlib import Path

from .contents import BEGIN, END, rows, table
from .errors import CourseError
from .housekeeping import tidy_folder
from .release import BEGIN as BEGIN_SOLUTION
from .release import SOLUTIONS, planned

NAME = "welcome-to-the-usa-students"
DEFAULT_OUT = Path("dist") / f"{NAME}.zip"
# Copied as they are; the lessons and the exercises are written afresh (see `entries`).
FOLDERS = ("data", "src/coursekit", "docs/research")
FILES = ("pyproject.toml", "constraints.txt", "environment.yml", "Makefile", "LICENSE", "scripts/install-venv.sh")
SKIPPED_PARTS = {"__pycache__", ".ipynb_checkpoints"}
FIXED_TIME = (2020, 1, 1, 0, 0, 0)
REGULAR_FILE = 0o100000
# The parts of the course README a student needs, by their `## ` heading.
STUDENT_SECTIONS = ("For students", "Add your own texts")


def copied(root: Path) -> list[Path]:
    """The repository files copied into the bundle as they are (paths relative to `root`), sorted."""
    found = []
    for folder in FOLDERS:
        if not (root / folder).is_dir():
            raise CourseError(f"{folder}/ is missing: build the bundle from a full copy of the course.")
        for path in (root / folder).rglob("*"):
            relative = path.relative_to(root)
            hidden = any(part.startswith(".") for part in relative.parts)
            if path.is_file() and not hidden and not SKIPPED_PARTS & set(relative.parts) and path.suffix != ".pyc":
                found.append(relative)
    for name in FILES:
        if not (root / name).is_file():
            raise CourseError(f"{name} is missing: build the bundle from a full copy of the course.")
        found.append(Path(name))
    return sorted(found)


def entries(root: Path) -> dict[Path, bytes]:
    """Every file of the bundle, by its path inside it.

    The lessons are taken in their tidy form (no outputs) and the exercises are released afresh
    from `solutions/`, so that neither a teacher's run of a lesson nor an exercise they tried
    (answers typed in, or a master copied over it) can reach the students. Only the released
    exercises go in, nothing else that happens to lie in `exercises/` (a submission saved there).
    """
    if not (root / SOLUTIONS).is_dir() or not (root / "notebooks").is_dir():
        raise CourseError("notebooks/ or solutions/ is missing: build the bundle from a full copy of the course.")
    files = {path: (root / path).read_bytes() for path in copied(root)}
    files |= {path.relative_to(root): text.encode("utf-8") for path, text in tidy_folder(root, "notebooks").items()}
    files |= {path.relative_to(root): text.encode("utf-8") for path, text in planned(root).items()}
    files[Path("README.md")] = student_readme(root).encode("utf-8")
    leaked = sorted(str(p) for p, data in files.items() if p.suffix in {".ipynb", ".md"} and BEGIN_SOLUTION.encode() in data)
    if leaked:
        raise CourseError(f"these files would give students reference answers: {', '.join(leaked)}")
    return files


def section(readme: str, heading: str) -> str:
    """One `## ` section of the README, heading included, up to the next `## ` heading."""
    match = re.search(rf"^## {re.escape(heading)}\n.*?(?=^## |\Z)", readme, flags=re.MULTILINE | re.DOTALL)
    if not match:
        raise CourseError(f"README.md has no '## {heading}' section for the students' bundle.")
    return match.group(0).rstrip() + "\n"


def student_readme(root: Path) -> str:
    """The bundle's README: how to start, the lessons, and the students' sections of the course README."""
    readme = (root / "README.md").read_text(encoding="utf-8")
    title = readme.splitlines()[0]
    parts = [
        f"{title.split(':')[0]}: the students' copy\n",
        "Lessons and graded exercises about *Welcome to the USA* (2019), the first feature film of the",
        "Kazakh director Assel Aushakimova, and its context. This copy has no reference answers: your",
        "teacher has them.\n",
        "**Start** (with Python 3.11 or newer and make; on Debian or Ubuntu",
        "`sudo apt install python3-venv make`), in this folder:\n",
        "```bash\nmake lab    # create .venv on first use, install, and open lesson 00 in JupyterLab\n```\n",
        "## Lessons\n",
        BEGIN, table(rows(root), slug=None), END + "\n",
        "**Content note:** the film and the texts deal with homophobia, domestic violence and political",
        "repression. Lessons that discuss them open with a note of their own.\n",
        *(section(readme, heading) for heading in STUDENT_SECTIONS),
        "## About this copy\n",
        "The code and lessons are released under the MIT licence (`LICENSE`). The three source texts in",
        "`data/sources/` are not: they remain the work of their authors and publishers, included",
        "unchanged and credited so that they can be studied closely.",
    ]
    return "\n".join(parts) + "\n"


def build(root: Path, out: Path) -> list[str]:
    """Write the bundle to `out` (through a temporary file) and return the names it holds."""
    files = entries(root)
    names = []
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for path, data in sorted(files.items()):
            info = zipfile.ZipInfo(f"{NAME}/{path.as_posix()}", date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            mode = 0o755 if path.suffix == ".sh" else 0o644
            info.external_attr = (REGULAR_FILE | mode) << 16
            bundle.writestr(info, data)
            names.append(info.filename)
    partial.replace(out)
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the course folder (default: here)")
    parser.add_argument("--out", type=Path, default=None, help=f"the zip to write (default: {DEFAULT_OUT})")
    args = parser.parse_args(argv)
    out = args.out or args.root / DEFAULT_OUT
    try:
        names = build(args.root, out)
    except CourseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {out}: {len(names)} files, {out.stat().st_size / 1e6:.1f} MB, no solutions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
