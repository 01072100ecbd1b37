"""The students' bundle: everything a student runs, no reference answers, and it works on its own."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from support.links import broken_links

from coursekit import bundle
from coursekit.errors import CourseError
from coursekit.housekeeping import tidy_folder
from coursekit.release import BEGIN, END, planned

ROOT = Path(__file__).resolve().parents[1]
MASTERS = sorted((ROOT / "solutions").glob("*.ipynb"))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bundle") / "students.zip"
    bundle.build(ROOT, out)
    return out


@pytest.fixture(scope="module")
def unpacked(built, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(built) as archive:
        archive.extractall(target)
    return target / bundle.NAME


def names(built: Path) -> set[str]:
    with zipfile.ZipFile(built) as archive:
        return {name.removeprefix(f"{bundle.NAME}/") for name in archive.namelist()}


def test_the_bundle_holds_every_lesson_exercise_and_data_file(built):
    held = names(built)
    for folder in ("notebooks", "exercises", "data"):
        for path in (ROOT / folder).rglob("*"):
            relative = path.relative_to(ROOT)
            if path.is_file() and not bundle.SKIPPED_PARTS & set(relative.parts):
                assert relative.as_posix() in held, f"the bundle lacks {relative}"
    assert {"README.md", "Makefile", "pyproject.toml", "src/coursekit/__init__.py", "scripts/install-venv.sh"} <= held


def test_files_keep_their_kind_and_the_installer_stays_executable(built):
    with zipfile.ZipFile(built) as archive:
        modes = {info.filename.removeprefix(f"{bundle.NAME}/"): info.external_attr >> 16 for info in archive.infolist()}
    assert all(stat.S_ISREG(mode) for mode in modes.values())
    assert modes["scripts/install-venv.sh"] & 0o111 and not modes["Makefile"] & 0o111


def test_the_bundle_leaves_out_solutions_the_guide_and_the_tests(built):
    """docs/research/ goes in: the data's README points to it for every table's sources."""
    held = names(built)
    assert not {name.split("/")[0] for name in held} & {"solutions", "tests", "benchmarks", ".ci"}
    assert not any(name.startswith("docs/") and not name.startswith("docs/research/") for name in held)


def solution_lines() -> set[str]:
    """Lines of the reference answers that the students' files do not also contain anyway.

    The package's question banks recompute some expected values with the same code a reference
    answer uses; the checks need them, so those lines count as public (the bundle's docstring says so).
    """
    released = [*planned(ROOT).values(), *tidy_folder(ROOT, "notebooks").values()]
    public = "\n".join(released + [p.read_text(encoding="utf-8") for p in sorted((ROOT / "src" / "coursekit").rglob("*.py"))])
    found = set()
    for master in MASTERS:
        for cell in nbformat.read(master, as_version=4).cells:
            inside = re.findall(rf"{re.escape(BEGIN)}\n(.*?){re.escape(END)}", cell.source, flags=re.DOTALL)
            for block in inside:
                for line in block.splitlines():
                    line = line.strip()
                    if len(line) >= 20 and line not in public:
                        found.add(line)
    return found


def test_no_reference_answer_is_anywhere_in_the_bundle(built):
    leaked_from = solution_lines()
    assert len(leaked_from) > 20, "too few reference answer lines found to make this test meaningful"
    with zipfile.ZipFile(built) as archive:
        for name in archive.namelist():
            text = archive.read(name).decode("utf-8", errors="replace")
            if name.endswith((".ipynb", ".md")):  # release.py names the markers, which is fine
                assert BEGIN not in text, f"{name} holds a solution marker"
            leaked = [line for line in leaked_from if line in text]
            assert not leaked, f"{name} holds reference answers: {leaked[:3]}"


def test_every_link_in_the_bundle_stays_inside_it_and_resolves(unpacked):
    """Our own pages; the research logs are notes, quoted excerpts and all, as in the repository."""
    for path in [unpacked / "README.md", unpacked / "data" / "README.md", *sorted(unpacked.glob("*/*.ipynb"))]:
        assert not broken_links(path, inside=unpacked), f"{path.relative_to(unpacked)}: {broken_links(path, inside=unpacked)}"


def test_the_bundle_readme_lists_the_lessons_without_binder_links(unpacked):
    readme = (unpacked / "README.md").read_text(encoding="utf-8")
    assert "## Lessons" in readme and "## For students" in readme
    assert "mybinder.org" not in readme
    for lesson in sorted((ROOT / "notebooks").glob("*.ipynb")):
        assert f"](notebooks/{lesson.name})" in readme


def test_building_twice_gives_the_same_bytes(built, tmp_path):
    again = tmp_path / "again.zip"
    bundle.build(ROOT, again)
    assert again.read_bytes() == built.read_bytes()


def course_copy(target: Path) -> Path:
    """A full copy of the course, as a teacher who downloaded it (no git) would have it."""
    for folder in ("notebooks", "exercises", "solutions", "data", "src/coursekit", "docs/research"):
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name in (*bundle.FILES, "README.md"):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, target / name)
    return target


def test_a_copy_without_its_data_folder_is_refused(tmp_path, capsys):
    for folder in ("notebooks", "exercises", "solutions"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    assert bundle.main(["--root", str(tmp_path), "--out", str(tmp_path / "x.zip")]) == 2
    assert "data/ is missing" in capsys.readouterr().err
    assert not (tmp_path / "x.zip").exists()
    with pytest.raises(CourseError, match="data/ is missing"):
        bundle.copied(tmp_path)


def test_a_tried_exercise_or_a_stray_submission_in_the_teachers_copy_stays_out(tmp_path, built):
    """The exercises are released afresh and the lessons tidied: the teacher's own work never ships."""
    root = course_copy(tmp_path / "course")
    name = "03-Who-Decides-What-Is-Shown.ipynb"
    shutil.copy(root / "solutions" / name, root / "exercises" / name)
    shutil.copy(root / "solutions" / name, root / "exercises" / f"ana_lopez_{name}")
    lesson = nbformat.read(root / "notebooks" / name, as_version=4)
    lesson.cells[3].outputs = [nbformat.v4.new_output("stream", text="a teacher's run\n")]
    nbformat.write(lesson, root / "notebooks" / name)
    (root / "notebooks" / "class-texts").mkdir()
    (root / "notebooks" / "class-texts" / "ana.txt").write_text("private", encoding="utf-8")
    out = tmp_path / "b.zip"
    bundle.build(root, out)
    assert out.read_bytes() == built.read_bytes()


def test_a_solution_marker_in_a_shipped_file_is_refused(tmp_path):
    root = course_copy(tmp_path / "course")
    with (root / "data" / "README.md").open("a", encoding="utf-8") as readme:
        readme.write(f"\n{BEGIN}\nanswer = 42\n{END}\n")
    with pytest.raises(CourseError, match=r"would give students reference answers: data/README.md"):
        bundle.build(root, tmp_path / "b.zip")
    assert not (tmp_path / "b.zip").exists()


def test_in_the_bundle_a_blank_exercise_fails_its_checks_and_a_finished_one_passes(unpacked):
    """The checks must work without solutions/: run both through nbval with the bundle's own package."""
    exercise = "01-Reading-the-Sources.ipynb"
    finished = unpacked / "exercises" / "finished.ipynb"
    shutil.copy(ROOT / "solutions" / exercise, finished)
    env = {**os.environ, "PYTHONPATH": str(unpacked / "src")}
    env.pop("COURSEKIT_DATA", None)

    def nbval(path: Path) -> tuple[int, str]:
        run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval-lax",
                              str(path.relative_to(unpacked))], cwd=unpacked, env=env, capture_output=True, text=True, timeout=300,
                             check=False)
        return run.returncode, run.stdout + run.stderr

    code, output = nbval(finished)
    assert code == 0, output[-2000:]
    code, output = nbval(unpacked / "exercises" / exercise)
    checks = sum("check" in c.metadata.get("coursekit", {}) for c in nbformat.read(ROOT / "exercises" / exercise, as_version=4).cells)
    assert code == 1 and re.search(rf"\b{checks} failed", output), output[-2000:]
    assert output.count("✘ q") >= checks and "ModuleNotFoundError" not in output
