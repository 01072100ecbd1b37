"""Find the submitted notebooks, name their students, read them and tell which exercise each is.

Every problem here becomes a status with a reason a teacher can act on (an empty file, bytes that
are not UTF-8, JSON cut off mid-upload, a notebook of another course), never an exception that
stops the batch. The submitted files are only ever read.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ..release import COURSE_ID

MAX_NOTEBOOK_BYTES = 100_000_000
INVALID, OTHER_COURSE, NO_STUDENT, UNREADABLE = "invalid notebook", "not this course", "no student id", "unreadable file"
SEPARATORS = " _-.+"
# What a browser or JupyterLab adds to a file saved twice: "name (1)", "name-Copy1", "name copy".
COPY_MARK = re.compile(r"(?:\s*\(\d+\)|[\s_-]+copy\d*)+$", re.IGNORECASE)


class Unusable(Exception):
    """A submission that cannot be graded; `status` and the message go into its row."""

    def __init__(self, status: str, reason: str):
        super().__init__(reason)
        self.status = status


@dataclass
class Submission:
    """One student's file, and what reading it told us."""

    path: Path
    student: str
    notes: list[str] = field(default_factory=list)


def discover(paths: list[Path]) -> list[tuple[Path, Path | None]]:
    """Every notebook named by `paths` (files, or folders searched recursively), with the folder it
    was found in (None for a file named directly).

    Checkpoints that JupyterLab saves beside a notebook are skipped.
    """
    found = []
    for given in paths:
        if given.is_dir():
            found += [(p, given) for p in sorted(given.rglob("*.ipynb"))
                      if ".ipynb_checkpoints" not in p.parts and not p.is_dir()]  # a broken link gets a row too
        elif given.is_file() or given.is_symlink():
            found.append((given, None))
        else:
            raise FileNotFoundError(f"no file or folder {given}")
    return found


def student_id(path: Path, root: Path | None, known_stems: list[str], pattern: re.Pattern | None = None) -> str:
    """The student a file belongs to.

    With `pattern`, its group `student` matched against the path below `root` (e.g.
    `(?P<student>[^/]+)/` for a folder per student); a path it does not match raises Unusable,
    since guessing could put one student's work under another's name. Otherwise the file name without the exercise's
    own name ("alice_03-Who-Decides-What-Is-Shown.ipynb" is alice's); a file that is only the
    exercise's name belongs to its folder ("alice/03-Who-Decides-What-Is-Shown.ipynb"). The marks
    of a second download or a copy ("… (1)", "…-Copy1") are not part of anyone's name.
    """
    relative = path.relative_to(root).as_posix() if root is not None else path.name
    if pattern is not None:
        match = pattern.search(relative)
        if match and match.group("student"):
            return readable(match.group("student"))
        raise Unusable(NO_STUDENT, f"--id-pattern does not match this file's path ({relative}), so the grader "
                                   "cannot tell whose it is; rename the file or change the pattern.")
    name = path.stem
    for stem in sorted(known_stems, key=len, reverse=True):
        name = re.sub(re.escape(stem), "", name, flags=re.IGNORECASE)
    name = COPY_MARK.sub("", name).strip(SEPARATORS)
    return readable(name or (path.parent.name if root is None or path.parent != root else path.stem))


def readable(text: str) -> str:
    """`text` as valid UTF-8: bytes of a file name that are not UTF-8, or a lone surrogate, become �."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")


def read_notebook(path: Path) -> tuple[nbformat.NotebookNode, list[str]]:
    """The notebook at `path` as nbformat 4, with notes; raises Unusable saying what is wrong with the file."""
    notes = []
    raw = path.read_bytes()
    if not raw.strip():
        raise Unusable(INVALID, f"the file is empty ({len(raw)} bytes): it may not have been saved before uploading.")
    if len(raw) > MAX_NOTEBOOK_BYTES:
        raise Unusable(INVALID, f"the file is {len(raw) // 1_000_000} MB, too large for a notebook; "
                                "clear its outputs (Edit → Clear Outputs of All Cells), save and submit again.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise Unusable(INVALID, f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x} at position "
                                f"{error.start}), so it is not a notebook saved by Jupyter.") from None
    try:
        content = json.loads(text)
    except json.JSONDecodeError as error:
        raise Unusable(INVALID, f"the file is not valid JSON (line {error.lineno}, column {error.colno}: "
                                f"{error.msg}); it may have been cut off while saving or uploading.") from None
    if not isinstance(content, dict) or "nbformat" not in content:
        raise Unusable(INVALID, "the file is JSON but not a Jupyter notebook (it has no nbformat version).")
    version = content.get("nbformat")
    if not isinstance(version, int) or version > 4:
        raise Unusable(INVALID, f"the notebook says it is in format {version!r}, which this grader cannot read.")
    if version < 4:
        notes.append(f"your notebook was in the old format {version}; the grader converted it.")
    try:
        nb = nbformat.reads(text, as_version=4)
    except Exception as error:  # noqa: BLE001 - nbformat raises many kinds of error for a damaged file
        raise Unusable(INVALID, f"the notebook cannot be read ({type(error).__name__}: {str(error)[:200]}).") from None
    cells = nb.get("cells")
    if not isinstance(cells, list) or not all(isinstance(c, dict) and "cell_type" in c for c in cells):
        raise Unusable(INVALID, "the notebook's cells are damaged (a cell without a type).")
    for cell in cells:
        if not isinstance(cell.get("source", ""), str):
            raise Unusable(INVALID, "the notebook's cells are damaged (a cell whose text is not text).")
        if not isinstance(cell.get("metadata", {}), dict):
            cell["metadata"] = nbformat.NotebookNode()
    return nb, notes


def by_file_name(path: Path, known: dict[str, Path]) -> str | None:
    """The exercise whose file name (without .ipynb) is part of `path`'s name, if any."""
    return next((number for number, master in known.items() if master.stem.lower() in path.name.lower()), None)


def identify(nb: nbformat.NotebookNode, path: Path, known: dict[str, Path]) -> tuple[str, str]:
    """The exercise number of a submission and how it was found; raises Unusable for another course's notebook.

    The notebook's metadata says it first (the release writes it); if a tool stripped it, the file
    name, then the exercise's title heading.
    """
    meta = nb.metadata.get("coursekit") if isinstance(nb.metadata, dict) else None
    if isinstance(meta, dict):
        course, number = meta.get("course"), str(meta.get("exercise", ""))
        if course not in (None, COURSE_ID):
            raise Unusable(OTHER_COURSE, f"the notebook belongs to another course ({str(course)[:60]!r}).")
        if number in known:
            return number, "its metadata"
    number = by_file_name(path, known)
    if number is not None:
        return number, "its file name"
    for cell in nb.cells:
        if cell.get("cell_type") == "markdown":
            match = re.search(r"^# Exercise (\d{2}):", cell.get("source", ""), flags=re.MULTILINE)
            if match and match.group(1) in known:
                return match.group(1), "its title"
    raise Unusable(OTHER_COURSE, "neither the notebook's metadata, its file name nor its title names an "
                                 "exercise of this course.")
