"""The generated parts of the notebooks: navigation, the exercise line, tidy metadata."""

from pathlib import Path

import nbformat

from coursekit.housekeeping import NAV_SENTINEL, exercise_line, main, tidy_folder


def lesson(path: Path, title: str, *, output: bool = False) -> None:
    code = nbformat.v4.new_code_cell("1 + 1", execution_count=3 if output else None)
    if output:
        code.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=3)]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"# {title}\n\nText."), code])
    nb.metadata["widgets"] = {"state": "left over"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


def course(root: Path) -> Path:
    lesson(root / "notebooks" / "00-Start-Here.ipynb", "Start here", output=True)
    lesson(root / "notebooks" / "01-Reading-the-Sources.ipynb", "Reading the sources")
    return root


def test_exercise_line_links_an_existing_exercise_and_names_a_missing_one(tmp_path):
    first = course(tmp_path) / "notebooks" / "01-Reading-the-Sources.ipynb"
    assert "not released yet" in exercise_line(first) and "](" not in exercise_line(first)
    lesson(tmp_path / "exercises" / first.name, "Exercise")
    assert exercise_line(first) == ("**Exercise:** [the graded exercise for this lesson]"
                                    "(../exercises/01-Reading-the-Sources.ipynb)")


def test_lesson_00_has_no_exercise_line(tmp_path):
    assert exercise_line(course(tmp_path) / "notebooks" / "00-Start-Here.ipynb") == ""


def test_tidy_adds_navigation_and_the_exercise_line_and_strips_outputs(tmp_path):
    tidied = tidy_folder(course(tmp_path), "notebooks")
    first, second = (nbformat.reads(text, as_version=4) for text in tidied.values())
    assert first.cells[0].source == f"{NAV_SENTINEL}\n[Contents](../README.md#lessons) · [Next: Reading the sources →](01-Reading-the-Sources.ipynb)"
    assert first.cells[-1].source == first.cells[0].source, "lesson 00 closes with navigation only"
    assert second.cells[-1].source.startswith(f"{NAV_SENTINEL}\n**Exercise:**")
    assert second.cells[-1].source.endswith("[← Previous: Start here](00-Start-Here.ipynb) · [Contents](../README.md#lessons)")
    code = first.cells[2]
    assert code.outputs == [] and code.execution_count is None
    assert "widgets" not in first.metadata


def test_tidying_twice_changes_nothing(tmp_path):
    root = course(tmp_path)
    assert main(["--root", str(root)]) == 0
    assert main(["--root", str(root), "--check"]) == 0
    lesson(root / "exercises" / "01-Reading-the-Sources.ipynb", "Exercise")
    assert main(["--root", str(root), "--check"]) == 1, "a newly released exercise must make the lesson stale"
