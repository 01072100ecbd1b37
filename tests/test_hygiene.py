"""Hygiene of the stored notebooks and files: names, generated parts, lesson anatomy, paths, links."""

import itertools
import os
import re
from pathlib import Path

import nbformat
import pytest
from support.links import broken_links

from coursekit.accessibility import course_files
from coursekit.housekeeping import COURSE_FOLDERS, KERNELSPEC, NOTEBOOK_NAME, untidy

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = (*COURSE_FOLDERS, "exercises")  # exercises/ is generated from solutions/ by coursekit.release
NOTEBOOKS = sorted(p for folder in FOLDERS for p in (ROOT / folder).glob("*.ipynb"))
LESSONS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def markdown_of(path):
    nb = nbformat.read(path, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "markdown"]


def test_there_is_a_lesson_00():
    assert LESSONS and LESSONS[0].name.startswith("00-")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_names_follow_the_scheme(path):
    assert NOTEBOOK_NAME.fullmatch(path.name), f"{path.name} is not NN-Title-With-Hyphens.ipynb"


def test_each_number_is_used_once_per_folder():
    for folder in FOLDERS:
        numbers = [p.name[:2] for p in (ROOT / folder).glob("*.ipynb")]
        assert len(numbers) == len(set(numbers)), f"{folder}/ repeats a lesson number"


def test_notebooks_are_tidy_generated_parts_fresh_no_outputs():
    stale = untidy(ROOT)
    assert not stale, f"run `make tidy`: {[str(p.relative_to(ROOT)) for p in stale]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_outputs_and_python3_kernel(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata["kernelspec"] == KERNELSPEC
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_anatomy(path):
    text = "\n".join(markdown_of(path))
    titles = re.findall(r"^# ", text, flags=re.MULTILINE)
    assert len(titles) == 1, "a lesson has exactly one # title"
    for part in ("**Themes:**", "**Learning objectives", "**Time:", "**Prerequisites:", "## Key points", "## Sources"):
        assert part in text, f"{path.name} lacks {part}"
    headings = [len(h) for h in re.findall(r"^(#+) ", text, flags=re.MULTILINE)]
    assert all(b - a <= 1 for a, b in itertools.pairwise(headings)), "a heading level is skipped"


# Markdown files of our own whose links must resolve (the research logs are notes, not pages):
# the same pages the accessibility lint reads.
MARKDOWN_FILES = [p for p in course_files(ROOT) if p.suffix == ".md"]


@pytest.mark.parametrize("path", NOTEBOOKS + MARKDOWN_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(path):
    problems = broken_links(path, inside=ROOT)
    assert not problems, f"{path.relative_to(ROOT)} has broken links: {problems}"


def project_text_files():
    """The project's own text files: hidden folders (.venv, .git), caches and build output pruned."""
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = sorted(
            d for d in subfolders
            if (d == ".ci" or not d.startswith(".")) and d != "__pycache__" and not d.endswith(".egg-info")
        )
        for name in sorted(files):
            path = Path(folder) / name
            if path.suffix in {".py", ".ipynb", ".md", ".toml", ".yml", ".cfg", ".sh", ""}:
                yield path


TRACKED_TEXT = list(project_text_files())
MACHINE_PATHS = re.compile("|".join(["/" + "work/", "/" + "root/", "/" + "home/", r"\.\./" + "shared", "[A-Z]:" + r"\\\\"]))


@pytest.mark.parametrize("path", TRACKED_TEXT, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_machine_specific_paths(path):
    text = path.read_text(encoding="utf-8", errors="replace")
    assert not MACHINE_PATHS.search(text), f"{path.relative_to(ROOT)} names a path of one machine"
