"""`coursekit.release`: the student versions, their header, and the master notebooks it refuses.

Most tests release a small master notebook of their own (exercise 98, with a question bank put in
place for the test), so each rule is shown on a notebook that breaks only that rule. The last
tests hold the repository to its golden folder: `exercises/` is exactly what a release writes.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from coursekit import release
from coursekit.checks import Manual
from coursekit.checks.kinds import whole_number
from coursekit.release import ReleaseError

REPO = Path(__file__).resolve().parents[1]
NAME = "98-Test-Exercise.ipynb"


@pytest.fixture(autouse=True)
def bank(monkeypatch):
    """A question bank for exercise 98: one automatic question worth 2 points, one free-text question."""
    module = types.ModuleType("coursekit.questions.ex98")
    module.QUESTIONS = (whole_number("q1", reference=lambda: 3, hint="recount", points=2), Manual("q2", 3))
    monkeypatch.setitem(sys.modules, "coursekit.questions.ex98", module)


def cell(cell_type, source, **coursekit):
    made = new_code_cell(source) if cell_type == "code" else new_markdown_cell(source)
    if coursekit:
        made.metadata["coursekit"] = coursekit
    return made


def master_cells():
    """The cells of a valid master notebook; tests break one rule each."""
    answer = cell("code", "# Count them.\n### BEGIN SOLUTION\nrows = [1, 2, 3]\ncount = len(rows)\n### END SOLUTION",
                  question="q1", points=2, kind="auto")
    answer.outputs = [new_output("execute_result", data={"text/plain": "3"}, execution_count=3)]
    answer.execution_count = 3
    teacher_note = cell("markdown", "Teacher's note: the answer is three.")
    teacher_note.metadata["tags"] = ["solution-only"]
    return [
        cell("markdown", "# Exercise 98: A test"),
        cell("code", "# Set up.\nfrom coursekit.checks import checker\ncheck = checker('98')"),
        teacher_note,
        cell("markdown", "## Question 1 (2 points)\nCount the rows."),
        answer,
        cell("code", '# Check your answer to question 1.\ncheck("q1", count)', check="q1"),
        cell("markdown", "**Your answer:**\n\n### BEGIN SOLUTION\nA model answer.\n### END SOLUTION",
             question="q2", points=3, kind="manual"),
    ]


def write(tmp_path: Path, cells) -> Path:
    path = tmp_path / "solutions" / NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    nb = new_notebook(cells=cells)
    nb.metadata["widgets"] = {"personal": "state"}
    nbformat.write(nb, path)
    return path


def released(tmp_path: Path, cells) -> nbformat.NotebookNode:
    return nbformat.reads(release.release_notebook(write(tmp_path, cells)), as_version=4)


def test_answers_become_placeholders_and_checks_stay(tmp_path):
    nb = released(tmp_path, master_cells())
    sources = [c.source for c in nb.cells]
    assert sources[0] == "# Exercise 98: A test"
    assert sources[1].startswith(release.HEADER_SENTINEL) and f"pytest --nbval-lax exercises/{NAME}" in sources[1]
    assert "# Count them.\n# YOUR ANSWER HERE\ncount = ..." in sources
    assert 'check("q1", count)' in sources[-2]
    assert sources[-1] == "**Your answer:**\n\nYOUR ANSWER HERE"
    assert not any("the answer is three" in s or "len(rows)" in s or "model answer" in s for s in sources)
    answer = next(c for c in nb.cells if c.metadata.get("coursekit", {}).get("question") == "q1")
    assert answer.metadata["coursekit"] == {"question": "q1", "points": 2, "kind": "auto"}
    assert answer.outputs == [] and answer.execution_count is None
    assert nb.metadata == {"kernelspec": release.clean(new_notebook()).metadata["kernelspec"], "language_info": {"name": "python"},
                           "coursekit": {"course": release.COURSE_ID, "exercise": "98"}}


def test_indented_blocks_keep_their_indentation(tmp_path):
    cells = master_cells()
    cells[4].source = "def count_rows():\n    ### BEGIN SOLUTION\n    rows = 3\n    ### END SOLUTION\n    return rows\ncount = count_rows()"
    nb = released(tmp_path, cells)
    assert "def count_rows():\n    # YOUR ANSWER HERE\n    rows = ...\n    return rows\ncount = count_rows()" in [
        c.source for c in nb.cells]


def test_release_is_deterministic(tmp_path, capsys):
    write(tmp_path, master_cells())
    assert release.main(["--root", str(tmp_path)]) == 0
    first = (tmp_path / "exercises" / NAME).read_bytes()
    assert release.main(["--root", str(tmp_path)]) == 0
    assert (tmp_path / "exercises" / NAME).read_bytes() == first
    assert capsys.readouterr().out.count("released") == 1
    assert release.main(["--check", "--root", str(tmp_path)]) == 0


def _unbalanced(cells):
    cells[4].source = cells[4].source.replace("### END SOLUTION", "")


def _end_first(cells):
    cells[4].source = "### END SOLUTION\ncount = 3\n### BEGIN SOLUTION"


def _nested(cells):
    cells[4].source = "### BEGIN SOLUTION\n### BEGIN SOLUTION\ncount = 3\n### END SOLUTION\n### END SOLUTION"


def _duplicate_id(cells):
    cells.insert(5, cell("code", "### BEGIN SOLUTION\ncount = 4\n### END SOLUTION", question="q1", points=2, kind="auto"))


def _no_check(cells):
    del cells[5]


def _check_without_call(cells):
    cells[5].source = "pass"


def _no_markers(cells):
    cells[4].source = "count = 3"


def _markers_without_question(cells):
    cells[1].source += "\n### BEGIN SOLUTION\nsecret = 1\n### END SOLUTION"


def _no_final_assignment(cells):
    cells[4].source = "### BEGIN SOLUTION\ncount = 3\nprint(count)\n### END SOLUTION"


def _wrong_points(cells):
    cells[4].metadata["coursekit"]["points"] = 5


def _question_missing(cells):
    del cells[6]


@pytest.mark.parametrize("breakage, message", [
    (_unbalanced, r"cell 5 \('# Count them.'\): ### BEGIN SOLUTION without a matching ### END SOLUTION"),
    (_end_first, r"cell 5 .*### END SOLUTION without a matching ### BEGIN SOLUTION"),
    (_nested, r"cell 5 .*### BEGIN SOLUTION without a matching ### END SOLUTION"),
    (_duplicate_id, r"cell 6 .*question id 'q1' is used again \(first in .*cell 5"),
    (_no_check, r"cell 5 .*automatic question q1 has no check cell"),
    (_check_without_call, r"cell 6 .*must call check\(\"q1\", \.\.\.\)"),
    (_no_markers, r"cell 5 .*has no ### BEGIN SOLUTION / ### END SOLUTION block"),
    (_markers_without_question, r"cell 2 .*has solution markers but no question metadata"),
    (_no_final_assignment, r"cell 5 .*must end by assigning the answer to one name"),
    (_wrong_points, r"cell 5 .*metadata says auto, 5 points; coursekit.questions.ex98 says auto, 2 points"),
    (_question_missing, r"ex98 has q2, which the notebook never asks"),
])
def test_a_broken_master_is_refused_naming_the_cell(tmp_path, breakage, message, capsys):
    cells = master_cells()
    breakage(cells)
    with pytest.raises(ReleaseError, match=message):
        release.release_notebook(write(tmp_path, cells))
    assert release.main(["--root", str(tmp_path)]) == 2
    assert f"release refused: solutions/{NAME}" in capsys.readouterr().err or "ex98 has q2" in message
    assert not (tmp_path / "exercises").exists()


def test_an_exercise_holding_work_is_never_overwritten(tmp_path, capsys):
    write(tmp_path, master_cells())
    work = tmp_path / "exercises" / NAME
    work.parent.mkdir()
    student = new_notebook(cells=[new_code_cell("count = 3", execution_count=1)])
    nbformat.write(student, work)
    before = work.read_bytes()
    assert release.main(["--root", str(tmp_path)]) == 1
    assert work.read_bytes() == before
    assert "it holds outputs, so it may be someone's work" in capsys.readouterr().err
    assert release.main(["--root", str(tmp_path), "--force"]) == 0
    assert work.read_bytes() != before


def test_check_reports_stale_and_missing_exercises(tmp_path, capsys):
    write(tmp_path, master_cells())
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "97-Gone.ipynb").write_text("{}")
    assert release.main(["--check", "--root", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"not up to date: exercises/{NAME}" in out and "no master notebook for exercises/97-Gone.ipynb" in out


def test_exercises_are_exactly_what_a_fresh_release_writes():
    plan = release.planned(REPO)
    assert len(plan) == 7
    for path, text in plan.items():
        assert path.read_bytes() == text.encode("utf-8"), f"{path.name} is out of date: run `make release`"
    assert release.stale(REPO) == []


def test_every_lesson_has_its_exercise_and_solution_under_the_same_name():
    lessons = {p.name for p in (REPO / "notebooks").glob("*.ipynb") if not p.name.startswith("00-")}
    assert {p.name for p in (REPO / "solutions").glob("*.ipynb")} == lessons
    assert {p.name for p in (REPO / "exercises").glob("*.ipynb")} == lessons
