"""The README's "For teachers: grading" section promises only what the grader does.

A teacher follows that section without reading the code, so every option it names, every status
it explains, every default it quotes and its example --id-pattern are checked against the grader.
"""

import ast
import os
import re
import shlex
import subprocess
from pathlib import Path

from coursekit.grading import batch, execute, grade, submissions
from coursekit.grading.__main__ import parser
from coursekit.grading.submissions import student_id

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
HEADING = "## For teachers: grading"
MOODLE_FILE = "Ana Lopez_123456_assignsubmission_file_03-Who-Decides-What-Is-Shown.ipynb"


def section() -> str:
    start = README.index(f"\n{HEADING}\n")
    end = README.find("\n## ", start + 1)
    return README[start:end if end != -1 else len(README)]


def table(first_header: str) -> list[list[str]]:
    """The body rows of the section's table whose first column is headed `first_header`, as cells."""
    rows, inside = [], False
    for line in section().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else None
        if cells is None:
            inside = False
        elif cells[0] == first_header:
            inside = True
        elif inside and not set(cells[0]) <= {"-", ":"}:
            rows.append(cells)
    assert rows, f"the section has no table headed {first_header!r}"
    return rows


def test_the_teachers_section_links_to_the_grading_section():
    teachers = README[README.index("\n## For teachers\n"):README.index(f"\n{HEADING}\n")]
    assert "(#for-teachers-grading)" in teachers


def test_every_option_the_section_names_is_an_option_of_the_grader():
    known = {option for action in parser()._actions for option in action.option_strings}
    named = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", section()))
    assert {"--id-pattern", "--marks-only", "--cell-timeout", "--timeout", "--memory", "--jobs"} <= named
    assert named <= known, f"not options of the grader: {sorted(named - known)}"


def statuses_in_code() -> set[str]:
    """Every status the grader can write: its named constants, and any status given as a literal
    where a row is made (`Graded(student, path, exercise, STATUS, ...)` or `Unusable(STATUS, ...)`)."""
    found = set(batch.STATUSES)
    for module in (batch, grade, execute, submissions):
        for node in ast.walk(ast.parse(Path(module.__file__).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                where = {"Graded": 3, "Unusable": 0}.get(node.func.id)
                if where is not None and len(node.args) > where and isinstance(node.args[where], ast.Constant):
                    found.add(node.args[where].value)
    return found


def test_the_status_table_explains_every_status_the_grader_writes_and_no_other():
    listed = [row[0] for row in table("status")]
    assert len(listed) == len(set(listed))
    assert set(listed) == statuses_in_code()


def test_the_limits_table_quotes_the_graders_defaults():
    defaults = {option: action.default for action in parser()._actions for option in action.option_strings}
    rows = table("option")
    for cells in rows:
        option = re.match(r"`(--[a-z-]+)", cells[0]).group(1)
        assert re.match(rf"{defaults[option]}\b", cells[1]), f"{option}: the README says {cells[1]!r}"
    assert {"--cell-timeout", "--timeout", "--memory", "--jobs"} <= {re.match(r"`(--[a-z-]+)", c[0]).group(1)
                                                                    for c in rows}


def readme_id_pattern() -> re.Pattern:
    (pattern,) = re.findall(r"--id-pattern '([^']+)'", section())
    return re.compile(pattern)


def test_the_example_id_pattern_names_the_student_in_a_moodle_download():
    pattern, root = readme_id_pattern(), Path("submissions")
    stems = ["03-Who-Decides-What-Is-Shown"]
    assert student_id(root / MOODLE_FILE, root, stems, pattern) == "Ana Lopez"


def test_the_example_id_pattern_also_works_with_moodles_folder_per_student():
    pattern, root = readme_id_pattern(), Path("submissions")
    path = root / "Ana Lopez_123456_assignsubmission_file_" / "03-Who-Decides-What-Is-Shown.ipynb"
    assert student_id(path, root, ["03-Who-Decides-What-Is-Shown"], pattern) == "Ana Lopez"


def test_the_file_name_examples_give_the_students_the_section_says():
    root, stems = Path("submissions"), ["03-Who-Decides-What-Is-Shown"]
    rows = table("submitted file")
    for cells in rows:
        file, student = cells[0].strip("`"), re.match(r"`([^`]+)`", cells[1]).group(1)
        assert student_id(root / file, root, stems) == student


def make_grade_command(*variables: str) -> list[str]:
    """The command `make grade` would run (a dry run, as a fresh shell would see it)."""
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
    result = subprocess.run(["make", "-n", "--no-print-directory", "grade", *variables], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=True)
    return shlex.split(result.stdout.splitlines()[-1])


def test_make_grade_runs_the_grader_with_the_defaults_the_section_gives():
    command = make_grade_command()
    assert command[1:3] == ["-m", "coursekit.grading"]
    text = section()
    for variable, option in (("SUBMISSIONS", None), ("OUT", "--out"), ("FEEDBACK", "--feedback"), ("JOBS", "--jobs")):
        default = re.search(rf"`{variable}`\s+\([^)]*default\s+`?([^`),]+)`?\)", text).group(1)
        if option is None:
            assert command[3] == default
        else:
            assert command[command.index(option) + 1] == default


def test_make_grade_passes_on_the_variables_the_section_names():
    command = make_grade_command("SUBMISSIONS=in", "OUT=o/g.csv", "FEEDBACK=o/f", "JOBS=3")
    assert command[3:] == ["in", "--out", "o/g.csv", "--feedback", "o/f", "--jobs", "3"]


def test_the_folders_the_section_calls_private_are_git_ignored():
    assert "git ignores" in section()
    ignored = {line.strip() for line in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()}
    assert {"submissions/", "grades/"} <= ignored
