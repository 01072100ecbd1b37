"""The grader's parts that need no kernel: the answer's JSON trip, reading and naming submissions,
rebuilding a notebook, the gradebook and its marks, the command line's refusals, feedback names.

The grader as a whole, kernels and all, is tested on bad submissions in test_grading_adversarial.py.
"""

from __future__ import annotations

import copy
import csv
import json
import os
import re
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import plotly.express as px
import pytest
from answers import solution_answers
from support.submissions import (
    answer_cell,
    blank,
    check_cells,
    master,
    right,
    stripped,
    with_answer,
    with_checks,
    with_copy_of_answer,
    without_answer,
    without_checks,
    write,
)

from coursekit.charts import Chart, chart
from coursekit.checks import Question, Result, checker
from coursekit.checks.question import describe, score
from coursekit.grading import capture
from coursekit.grading.__main__ import main
from coursekit.grading.capture import (
    Opaque,
    Unreadable,
    freeze,
    frozen_within_limit,
    thaw,
)
from coursekit.grading.execute import Kernel, scratch_folder, untouched
from coursekit.grading.exercises import exercise_files, load_exercise
from coursekit.grading.feedback import feedback_name
from coursekit.grading.grade import Graded
from coursekit.grading.gradebook import (
    MarksError,
    apply_marks,
    gradebook_rows,
    read_marks,
    write_free_text,
    write_gradebook,
)
from coursekit.grading.rebuild import rebuild
from coursekit.grading.submissions import (
    INVALID,
    NO_STUDENT,
    OTHER_COURSE,
    Unusable,
    identify,
    read_notebook,
    student_id,
)

EXERCISES = ("01", "02", "03", "04", "05", "06", "07")
STEM = master("03").stem  # 03-Who-Decides-What-Is-Shown


def sent(value):
    """`value` as the grader receives it: frozen in the kernel, written as JSON, read and thawed."""
    return thaw(json.loads(json.dumps(frozen_within_limit(value), ensure_ascii=False, allow_nan=False)))


# --- capture: the answer's trip from the kernel to the grader -------------------------------------


def test_a_dataframe_keeps_its_columns_dtypes_and_named_index():
    frame = pd.DataFrame(
        {
            "case": ["Welcome to the USA", "Lightyear", None],
            "rows": [5, 2, 1],
            "share": [0.5, np.nan, 1.25],
            "outcome": pd.Categorical(["passed", "blocked", "passed"], categories=["blocked", "passed"], ordered=True),
            "date": pd.to_datetime(["2023-03-01", None, "2024-11-20"]),
        },
        index=pd.Index(["a", "b", "c"], name="row"),
    )
    pd.testing.assert_frame_equal(sent(frame), frame)


def test_a_series_from_value_counts_keeps_its_name_and_index_name():
    counts = pd.Series(["rating", "funding", "rating"], name="stage").value_counts()
    pd.testing.assert_series_equal(sent(counts), counts)


def test_a_multiindex_and_a_series_on_it_come_back_equal():
    index = pd.MultiIndex.from_tuples([("rating", 2023), ("funding", 2022)], names=["stage", "year"])
    pd.testing.assert_index_equal(sent(index), index)
    series = pd.Series([3, 1], index=index, name="rows")
    pd.testing.assert_series_equal(sent(series), series)


def test_a_float_series_keeps_its_missing_values():
    series = pd.Series([1.5, np.nan, -0.0], index=["x", "y", "z"])
    pd.testing.assert_series_equal(sent(series), series)


@pytest.mark.parametrize("value", [
    {"rating": 2, "funding": [1, (2, 3)], 5: {"a", "b"}},
    {"a", "b", "c"},
    frozenset({1, 2}),
    [[1, [2, [3, ["deep"]]]], (), []],
    (1, "two", 3.0),
    "Welcome to the USA – 2023 ✔",
    2**200,
    -(10**60),
    True,
    0,
], ids=["dict", "set", "frozenset", "nested list", "tuple", "text", "big int", "big negative int", "bool", "zero"])
def test_plain_values_come_back_equal_and_of_the_same_type(value):
    back = sent(value)
    assert back == value
    assert type(back) is type(value)


def test_a_whole_number_too_long_to_be_an_answer_is_unreadable_with_a_message():
    with pytest.raises(Unreadable, match="too long"):
        sent(10**500)


@pytest.mark.parametrize("value", [None, Ellipsis, pd.NA, pd.NaT])
def test_singletons_come_back_as_themselves(value):
    assert sent(value) is value


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), 1e308, -2.5, np.float64(3.25)])
def test_floats_including_infinities_come_back_equal(value):
    back = sent(value)
    assert back == value
    assert type(back) is float


@pytest.mark.parametrize("value", [float("nan"), np.float64("nan"), np.float32("nan")])
def test_nan_comes_back_as_nan_although_json_has_no_nan(value):
    back = sent(value)
    assert isinstance(back, float) and np.isnan(back)


def test_numpy_scalars_come_back_as_python_numbers():
    assert (sent(np.int64(7)), sent(np.bool_(True))) == (7, True)
    assert type(sent(np.int64(7))) is int


def test_numpy_arrays_keep_their_shape_and_dtype():
    for array in (np.arange(6).reshape(2, 3), np.array([1.5, np.nan, 3.0]), np.array(["a", "b"])):
        back = sent(array)
        assert isinstance(back, np.ndarray)
        assert back.dtype == array.dtype and back.shape == array.shape
        np.testing.assert_array_equal(back, array)


def test_a_pandas_string_array_and_what_unique_gives_come_back_equal():
    strings = pd.array(["Welcome to the USA", None], dtype="string")
    pd.testing.assert_extension_array_equal(sent(strings), strings)
    unique = pd.Series(["a", "b", "a"]).unique()
    back = sent(unique)
    assert type(back) is type(unique)
    assert list(back) == list(unique)


def test_a_plotly_figure_comes_back_with_the_same_content():
    fig = px.bar(x=["rating", "funding"], y=[2, 1], title="Stages", orientation="v")
    back = sent(fig)
    assert json.loads(back.to_json()) == json.loads(fig.to_json())


def test_a_course_chart_comes_back_with_its_figure_and_description():
    made = chart(px.bar(x=[3, 1], y=["A case", "Another case"], orientation="h"), title="Rows per case",
                 description="A horizontal bar chart of the number of rows for each of two cases.",
                 x_title="Rows", y_title="Case")
    back = sent(made)
    assert isinstance(back, Chart)
    assert back.description == made.description and back.title == made.title
    assert json.loads(back.figure.to_json()) == json.loads(made.figure.to_json())


def test_an_unknown_object_becomes_an_opaque_stand_in_that_keeps_its_type_name():
    class Gadget:
        def __eq__(self, other):  # a student's object that claims to equal everything gains nothing
            return True

    back = sent(Gadget())
    assert isinstance(back, Opaque)
    assert type(back).__name__ == "Gadget"
    assert describe(back) == "a Gadget"
    assert back != "anything"


def test_an_object_that_cannot_even_be_described_is_still_sent_as_opaque():
    class Hostile:
        def __iter__(self):
            raise RuntimeError("no")

        @property
        def __class__(self):
            raise RuntimeError("no")

    assert isinstance(sent(Hostile()), Opaque)


def test_an_oversized_answer_is_not_sent_and_reads_back_as_unreadable_with_a_message(monkeypatch):
    monkeypatch.setattr(capture, "MAX_BYTES", 10_000)
    frozen = frozen_within_limit(["Welcome to the USA"] * 1_000)
    assert frozen["t"] == "too-large"
    with pytest.raises(Unreadable, match="too large to grade"):
        thaw(json.loads(json.dumps(frozen)))


def test_a_table_of_too_many_values_is_refused_by_its_size_before_it_is_described(monkeypatch):
    monkeypatch.setattr(capture, "MAX_ITEMS", 100)
    monkeypatch.setattr(capture, "freeze", lambda value: pytest.fail("a huge table must not be described item by item"))
    frozen = frozen_within_limit(pd.DataFrame({"year": range(60), "count": range(60)}))
    assert frozen["t"] == "too-large"
    with pytest.raises(Unreadable, match="120 values, too many to grade"):
        thaw(json.loads(json.dumps(frozen)))


def test_a_deeply_nested_answer_is_cut_rather_than_overflowing_the_stack():
    deep: list = []
    for _ in range(5_000):
        deep = [deep]
    back = sent(deep)  # freeze stops at its depth limit; what comes back is a list holding a stand-in
    assert isinstance(back, list)


@pytest.mark.parametrize("payload", [
    None, [], "frame", 5, ["t", "int"],
    {}, {"t": "pickle", "v": "cos\nsystem\n"}, {"t": None},
    {"t": "int", "v": "x"}, {"t": "int", "v": "9" * 5_000}, {"t": "int"},
    {"t": "float", "v": "a lot"}, {"t": "list"}, {"t": "list", "items": 5}, {"t": "list", "items": [7]},
    {"t": "dict", "items": [[{"t": "list", "items": []}, {"t": "none"}]]},
    {"t": "dict", "items": [[{"t": "none"}]]},
    {"t": "timestamp", "v": "not a date"},
    {"t": "figure", "json": "{not json"},
    {"t": "chart", "figure": {"t": "none"}},
    {"t": "series", "items": [], "dtype": "int64"},
    {"t": "frame", "columns": {"t": "none"}, "index": {"t": "none"}, "data": [5]},
    {"t": "ndarray", "shape": [5, 5], "dtype": "int64", "items": [{"t": "int", "v": "1"}]},
    {"t": "array", "dtype": {"categories": 5}, "items": []},
    {"t": "too-large", "type": "str", "bytes": "many"},
], ids=repr)
def test_a_malformed_payload_raises_unreadable_and_nothing_else(payload):
    with pytest.raises(Unreadable) as raised:
        thaw(payload)
    assert str(raised.value)


def test_a_payload_nested_deeper_than_any_answer_is_unreadable():
    payload: dict = {"t": "none"}
    for _ in range(100):
        payload = {"t": "list", "items": [payload]}
    with pytest.raises(Unreadable):
        thaw(payload)


def test_freeze_never_raises_and_its_output_is_strict_json():
    class Broken:
        def __repr__(self):
            raise RuntimeError("no")

    for value in (Broken(), pd.Series([Broken()]), {Broken(): 1}, [float("nan")]):
        json.dumps(freeze(value), allow_nan=False)


@pytest.mark.parametrize("number", EXERCISES)
def test_every_reference_answer_scores_the_same_after_the_trip(number):
    """The master notebook's answer to every question is still right once it reached the grader."""
    questions = checker(number).questions
    for qid, answer in solution_answers(number).items():
        assert score(questions[qid], sent(answer)) == score(questions[qid], answer), qid


# --- submissions: reading a file, naming its student, telling its exercise -----------------------


def unusable(path: Path) -> Unusable:
    with pytest.raises(Unusable) as raised:
        read_notebook(path)
    return raised.value


def test_an_empty_file_is_an_invalid_notebook_that_says_it_is_empty(tmp_path):
    for content in (b"", b"  \n\t"):
        (tmp_path / "a.ipynb").write_bytes(content)
        problem = unusable(tmp_path / "a.ipynb")
        assert problem.status == INVALID
        assert "empty" in str(problem)


def test_a_cut_off_file_is_invalid_json_with_its_line(tmp_path):
    text = write(right("03"), tmp_path / "a.ipynb").read_text(encoding="utf-8")
    (tmp_path / "a.ipynb").write_text(text[: len(text) // 3], encoding="utf-8")
    problem = unusable(tmp_path / "a.ipynb")
    assert problem.status == INVALID
    assert re.search(r"not valid JSON \(line \d+, column \d+", str(problem))


def test_bytes_that_are_not_utf8_are_named_with_their_position(tmp_path):
    text = json.dumps(right("03"), ensure_ascii=False)
    (tmp_path / "a.ipynb").write_bytes(text.encode("cp1252", errors="replace"))
    problem = unusable(tmp_path / "a.ipynb")
    assert problem.status == INVALID
    assert re.search(r"not UTF-8 text \(byte 0x[0-9a-f]{2} at position \d+\)", str(problem))


def test_a_utf8_file_with_a_byte_order_mark_is_read(tmp_path):
    (tmp_path / "a.ipynb").write_bytes(b"\xef\xbb\xbf" + json.dumps(right("03")).encode())
    nb, notes = read_notebook(tmp_path / "a.ipynb")
    assert (len(nb.cells), notes) == (len(right("03").cells), [])


@pytest.mark.parametrize("content, message", [
    ([1, 2], "not a Jupyter notebook"),
    ({"cells": []}, "not a Jupyter notebook"),
    ({"nbformat": 5, "nbformat_minor": 0, "cells": []}, "format 5"),
    ({"nbformat": "4", "cells": []}, "format '4'"),
    ({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"source": "x"}]}, ""),
    ({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "source": 5}]}, ""),
    ({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": "none"}, ""),
], ids=["a list", "no version", "a newer format", "a version as text", "a cell without a type",
        "a cell whose text is a number", "cells that are not a list"])
def test_json_that_is_not_a_usable_notebook_is_invalid_with_a_reason(tmp_path, content, message):
    (tmp_path / "a.ipynb").write_text(json.dumps(content), encoding="utf-8")
    problem = unusable(tmp_path / "a.ipynb")
    assert problem.status == INVALID
    assert message in str(problem) and str(problem)


def test_a_file_too_large_for_a_notebook_is_refused_without_parsing(tmp_path, monkeypatch):
    from coursekit.grading import submissions

    monkeypatch.setattr(submissions, "MAX_NOTEBOOK_BYTES", 1_000)
    path = write(right("03"), tmp_path / "a.ipynb")
    problem = unusable(path)
    assert problem.status == INVALID
    assert "too large" in str(problem)


def test_an_nbformat_3_notebook_is_converted_with_a_note_and_keeps_its_answers(tmp_path):
    path = tmp_path / "a.ipynb"
    nbformat.write(nbformat.convert(copy.deepcopy(right("03")), 3), path)
    assert json.loads(path.read_text(encoding="utf-8"))["nbformat"] == 3
    nb, notes = read_notebook(path)
    assert nb.nbformat == 4
    assert notes == ["your notebook was in the old format 3; the grader converted it."]
    assert answer_cell(nb, "q5").source == answer_cell(right("03"), "q5").source


def test_reading_never_changes_the_file(tmp_path):
    path = write(right("03"), tmp_path / "a.ipynb")
    before = path.read_bytes()
    read_notebook(path)
    assert path.read_bytes() == before


def stems() -> list[str]:
    return [path.stem for path in exercise_files().values()]


@pytest.mark.parametrize("name, student", [
    (f"alice_{STEM}.ipynb", "alice"),
    (f"{STEM}-bob.ipynb", "bob"),
    (f"Carol Smith - {STEM.lower()}.ipynb", "Carol Smith"),
    (f"dan.{STEM}.ipynb", "dan"),
    ("erin.ipynb", "erin"),
])
def test_the_student_is_the_file_name_without_the_exercise_name(tmp_path, name, student):
    assert student_id(tmp_path / name, tmp_path, stems()) == student


def test_a_file_named_only_for_the_exercise_belongs_to_its_folder(tmp_path):
    path = tmp_path / "frank" / f"{STEM}.ipynb"
    assert student_id(path, tmp_path, stems()) == "frank"
    assert student_id(path, None, stems()) == "frank"  # the file named directly


@pytest.mark.parametrize("name, student", [
    (f"frank/{STEM} (1).ipynb", "frank"),
    (f"frank/{STEM}-Copy1.ipynb", "frank"),
    (f"alice_{STEM} (2).ipynb", "alice"),
    (f"alice_{STEM} copy.ipynb", "alice"),
    (f"{STEM}-McCopy.ipynb", "McCopy"),
])
def test_the_mark_of_a_second_download_or_a_copy_is_not_a_name(tmp_path, name, student):
    assert student_id(tmp_path / name, tmp_path, stems()) == student


def test_an_id_pattern_picks_the_student_out_of_the_path_below_the_folder(tmp_path):
    pattern = re.compile(r"(?P<student>[^/]+)/attempt")
    assert student_id(tmp_path / "gina" / "attempt-2" / "x.ipynb", tmp_path, stems(), pattern) == "gina"


def test_a_path_the_id_pattern_does_not_match_is_not_given_a_guessed_student(tmp_path):
    pattern = re.compile(r"(?P<student>[^/]+)/attempt")
    with pytest.raises(Unusable) as raised:
        student_id(tmp_path / "elsewhere" / "hal.ipynb", tmp_path, stems(), pattern)
    assert raised.value.status == NO_STUDENT
    assert "elsewhere/hal.ipynb" in str(raised.value)


def test_an_exercise_is_recognised_by_its_metadata_first():
    assert identify(right("03"), Path("renamed.ipynb"), exercise_files()) == ("03", "its metadata")
    assert identify(right("04"), Path(f"x_{STEM}.ipynb"), exercise_files()) == ("04", "its metadata")


def test_without_metadata_the_file_name_then_the_title_tells_the_exercise():
    bare = stripped(right("03"))
    assert identify(bare, Path(f"ivy_{STEM.lower()}.ipynb"), exercise_files()) == ("03", "its file name")
    assert identify(bare, Path("ivy.ipynb"), exercise_files()) == ("03", "its title")


def test_a_notebook_of_another_course_is_refused_even_if_named_like_an_exercise():
    nb = right("03")
    nb.metadata["coursekit"]["course"] = "another-course"
    with pytest.raises(Unusable) as raised:
        identify(nb, Path(f"jo_{STEM}.ipynb"), exercise_files())
    assert raised.value.status == OTHER_COURSE
    assert "another-course" in str(raised.value)


def test_a_notebook_that_names_no_exercise_is_not_this_course():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# My holiday photos")])
    with pytest.raises(Unusable) as raised:
        identify(nb, Path("kim.ipynb"), exercise_files())
    assert raised.value.status == OTHER_COURSE


# --- rebuild: only the answer cells come from the student ----------------------------------------


@pytest.fixture(scope="module")
def exercise():
    return load_exercise("03")


def answers_of(built) -> dict[str, str]:
    return {qid: built.notebook.cells[i].source for i, qid in built.answer_cells.items()}


def course_cells(built) -> list[str]:
    """Every cell of the rebuilt notebook that is not a student's answer, capture cells included."""
    return [cell.source for i, cell in enumerate(built.notebook.cells) if i not in built.answer_cells]


def automatic(exercise) -> list[str]:
    return [q.qid for q in exercise.questions if isinstance(q, Question)]


def test_answers_are_matched_by_their_question_metadata(exercise):
    built = rebuild(exercise, right("03"))
    assert answers_of(built) == {qid: answer_cell(right("03"), qid).source for qid in automatic(exercise)}
    assert (built.missing, built.notes) == ([], [])
    assert sorted(built.capture_cells.values()) == automatic(exercise)


def test_answers_are_matched_by_cell_id_when_a_tool_stripped_the_metadata(exercise):
    built = rebuild(exercise, stripped(right("03")))
    assert answers_of(built) == answers_of(rebuild(exercise, right("03")))
    assert built.free_text == rebuild(exercise, right("03")).free_text
    assert built.missing == []


def test_a_missing_answer_cell_runs_blank_and_gets_a_note(exercise):
    built = rebuild(exercise, without_answer(right("03"), "q2"))
    assert built.missing == ["q2"]
    assert answers_of(built)["q2"] == answer_cell(blank("03"), "q2").source
    assert any("no answer cell found for q2" in note for note in built.notes)


def test_of_duplicated_answer_cells_the_last_is_used_with_a_note(exercise):
    built = rebuild(exercise, with_copy_of_answer(right("03"), "q2", "account_cases = ['a later try']", after=True))
    assert answers_of(built)["q2"] == "account_cases = ['a later try']"
    assert "q2 has 2 answer cells; the grader used the last one." in built.notes


def test_cells_a_student_added_are_counted_in_a_note_and_not_run(exercise):
    nb = right("03")
    nb.cells.insert(8, nbformat.v4.new_code_cell("print('my own exploration')"))
    nb.cells.append(nbformat.v4.new_code_cell("import os\nos.listdir()"))
    nb.cells.append(nbformat.v4.new_code_cell("   "))  # an empty cell is not counted
    built = rebuild(exercise, nb)
    assert not any("my own exploration" in c.source or "os.listdir" in c.source for c in built.notebook.cells)
    assert any(note.startswith("2 code cells you added were not run") for note in built.notes)


def test_a_clean_submission_gets_no_note_about_added_cells(exercise):
    assert rebuild(exercise, blank("03")).notes == []


@pytest.mark.parametrize("tamper", [
    lambda nb: without_checks(nb),
    lambda nb: with_checks(nb, "pass"),
    lambda nb: with_checks(nb, 'print("✔ all right")'),
    lambda nb: _moved_checks(nb),
    lambda nb: _doubled_checks(nb),
    lambda nb: with_answer(nb, "q1", "check = print\nwelcome = chain"),
], ids=["deleted", "edited to pass", "faked", "moved to the end", "duplicated", "check redefined"])
def test_tampered_check_cells_leave_the_rebuilt_notebook_as_for_a_clean_submission(exercise, tamper):
    clean = rebuild(exercise, right("03"))
    tampered = rebuild(exercise, tamper(right("03")))
    assert course_cells(tampered) == course_cells(clean)
    assert tampered.capture_cells == clean.capture_cells
    assert all("_coursekit_capture(" in tampered.notebook.cells[i].source for i in tampered.capture_cells)


def _moved_checks(nb):
    moved = without_checks(nb)
    moved.cells += copy.deepcopy(check_cells(nb))
    return moved


def _doubled_checks(nb):
    doubled = copy.deepcopy(nb)
    for cell in check_cells(nb):
        doubled.cells.append(copy.deepcopy(cell))
    return doubled


def test_free_text_is_extracted_without_the_label_or_the_placeholder(exercise):
    assert rebuild(exercise, blank("03")).free_text == {"q6": ""}
    words = "A budget can narrow what is made.\n\nBut it forbids nothing."
    written = with_answer(blank("03"), "q6", f"**Your answer:**\n\n{words}\n")
    assert rebuild(exercise, written).free_text == {"q6": words}
    assert rebuild(exercise, with_answer(blank("03"), "q6", words)).free_text == {"q6": words}


# --- gradebook: free text, marks and totals -------------------------------------------------------


def record(student: str, exercise, answer: str = "A budget is not a ban.", earned: dict | None = None) -> Graded:
    earned = earned or {}
    results = {q.qid: Result(q.qid, earned.get(q.qid, q.points), q.points)
               for q in exercise.questions if isinstance(q, Question)}
    return Graded(student, Path(f"{student}.ipynb"), exercise.number, "graded", results=results,
                  free_text={"q6": answer})


def marks_file(folder: Path, rows: list[dict]) -> Path:
    """A free-text-03.csv in `folder` holding `rows`, as a teacher's spreadsheet saves it."""
    return write_rows(folder / "free-text-03.csv", rows)


def write_rows(path: Path, rows: list[dict]) -> Path:
    fields = list(rows[0]) if rows else ["student", "question", "points", "mark", "comment", "answer"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return path


def fill_mark(path: Path, student: str, mark: str, comment: str = "") -> None:
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["student"] == student:
            row.update(mark=mark, comment=comment)
    write_rows(path, rows)


def row(student="alice", question="q6", mark="2", answer="text"):
    return {"student": student, "question": question, "points": "4", "mark": mark, "comment": "", "answer": answer}


def test_marks_are_read_with_comma_decimals_and_blank_marks_skipped(tmp_path, exercise):
    path = marks_file(tmp_path, [row(mark="2,5"), row(student="bob", mark=" ")])
    marks = read_marks(path, exercise)
    assert list(marks) == [("alice", "q6")]
    assert marks["alice", "q6"].points == 2.5


def test_no_marks_file_means_no_marks(tmp_path, exercise):
    assert read_marks(tmp_path / "free-text-03.csv", exercise) == {}


@pytest.mark.parametrize("bad, message", [
    (row(student="bob", mark="good"), r"line 3: the mark 'good' is not a number"),
    (row(student="bob", mark="5"), r"line 3: the mark 5 is outside 0 to 4"),
    (row(student="bob", mark="-1"), r"line 3: the mark -1 is outside 0 to 4"),
    (row(student="bob", question="q1", mark="1"), r"line 3: 'q1' is not a free-text question"),
])
def test_a_bad_mark_is_refused_naming_its_line(tmp_path, exercise, bad, message):
    path = marks_file(tmp_path, [row(), bad])
    with pytest.raises(MarksError, match=message):
        read_marks(path, exercise)


def test_a_marks_file_without_the_mark_column_is_refused_naming_it(tmp_path, exercise):
    path = marks_file(tmp_path, [{"student": "alice", "question": "q6", "points": "4"}])
    with pytest.raises(MarksError, match="no column 'mark'"):
        read_marks(path, exercise)


def test_a_mark_filled_in_reaches_the_gradebook_total(tmp_path, exercise):
    graded = [record("alice", exercise, earned={"q3": 0}), record("bob", exercise)]
    path = tmp_path / "free-text-03.csv"
    write_free_text(path, exercise, graded, {})
    fill_mark(path, "alice", "3", "A clear line drawn.")
    marks = read_marks(path, exercise)
    rows = {r["student"]: r for r in apply_marks(gradebook_rows(exercise, graded), exercise, marks)}
    q3 = checker("03").questions["q3"].points
    assert rows["alice"]["checks"] == str(exercise.auto_points - q3)
    assert (rows["alice"]["q6"], rows["alice"]["teacher"], rows["alice"]["marked"]) == ("3", "3", "1 of 1")
    assert rows["alice"]["total"] == str(exercise.auto_points - q3 + 3)
    assert (rows["bob"]["q6"], rows["bob"]["teacher"], rows["bob"]["total"]) == ("", "", str(exercise.auto_points))
    assert rows["bob"]["possible"] == exercise.auto_points + exercise.manual_points


def test_a_mark_is_kept_when_the_answer_is_unchanged(tmp_path, exercise):
    path = tmp_path / "free-text-03.csv"
    write_free_text(path, exercise, [record("alice", exercise)], {})
    fill_mark(path, "alice", "3", "Good.")
    kept = write_free_text(path, exercise, [record("alice", exercise)], read_marks(path, exercise))
    assert kept["alice", "q6"].points == 3
    assert read_marks(path, exercise)["alice", "q6"].comment == "Good."
    assert not (tmp_path / "free-text-03.previous.csv").exists()


def test_a_mark_is_dropped_and_the_old_file_saved_when_the_answer_changed(tmp_path, exercise):
    path = tmp_path / "free-text-03.csv"
    write_free_text(path, exercise, [record("alice", exercise)], {})
    fill_mark(path, "alice", "3")
    kept = write_free_text(path, exercise, [record("alice", exercise, answer="A new answer.")],
                           read_marks(path, exercise))
    assert kept == {}
    assert read_marks(path, exercise) == {}
    (previous,) = tmp_path.glob("free-text-03.previous-*.csv")
    assert read_marks(previous, exercise)["alice", "q6"].points == 3


def test_marks_of_students_not_in_this_run_are_kept(tmp_path, exercise):
    path = tmp_path / "free-text-03.csv"
    write_free_text(path, exercise, [record("alice", exercise), record("bob", exercise)], {})
    fill_mark(path, "alice", "3")
    kept = write_free_text(path, exercise, [record("bob", exercise)], read_marks(path, exercise))  # a late file
    assert kept["alice", "q6"].points == 3
    assert read_marks(path, exercise)["alice", "q6"].points == 3
    assert not list(tmp_path.glob("*.previous*"))


def test_a_marks_file_saved_with_semicolons_and_decimal_commas_is_read(tmp_path, exercise):
    path = tmp_path / "free-text-03.csv"
    path.write_text("student;question;points;mark;comment;answer\nalice;q6;4;2,5;Fine;\"A text; with a semicolon\"\n",
                    encoding="utf-8")
    mark = read_marks(path, exercise)["alice", "q6"]
    assert (mark.points, mark.comment, mark.answer) == (2.5, "Fine", "A text; with a semicolon")


def test_a_marks_file_that_is_not_utf8_is_refused_saying_how_to_save_it(tmp_path, exercise):
    path = tmp_path / "free-text-03.csv"
    path.write_bytes("student,question,points,mark,comment,answer\nzoë,q6,4,2,Très bien,\n".encode("cp1252"))
    with pytest.raises(MarksError, match="UTF-8"):
        read_marks(path, exercise)


def write_graded(tmp_path: Path, exercise, graded: list[Graded]) -> Path:
    """A gradebook and its free-text file as a grading run leaves them."""
    out = tmp_path / "grades.csv"
    write_free_text(out.with_name("free-text-03.csv"), exercise, graded, {})
    write_gradebook(out, exercise, apply_marks(gradebook_rows(exercise, graded), exercise, {}))
    return out


def read_rows(path: Path) -> dict[str, dict]:
    with path.open(encoding="utf-8") as handle:
        return {r["student"]: r for r in csv.DictReader(handle)}


def test_marks_only_copies_the_marks_into_the_gradebook(tmp_path, exercise, capsys):
    out = write_graded(tmp_path, exercise, [record("alice", exercise, earned={"q1": 1}), record("bob", exercise)])
    fill_mark(out.with_name("free-text-03.csv"), "alice", "2.5")
    assert main(["--marks-only", "--out", str(out)]) == 0
    assert "Copied 1 marks" in capsys.readouterr().out
    rows = read_rows(out)
    checks = exercise.auto_points - checker("03").questions["q1"].points + 1
    assert (rows["alice"]["q1"], rows["alice"]["checks"]) == ("1", str(checks))
    assert (rows["alice"]["teacher"], rows["alice"]["total"]) == ("2.5", f"{checks + 2.5:g}")
    assert rows["bob"]["total"] == str(exercise.auto_points)


def test_marks_only_refuses_a_bad_mark_and_leaves_the_gradebook_alone(tmp_path, exercise, capsys):
    out = write_graded(tmp_path, exercise, [record("alice", exercise)])
    fill_mark(out.with_name("free-text-03.csv"), "alice", "lots")
    before = out.read_bytes()
    assert main(["--marks-only", "--out", str(out)]) == 2
    assert "line 2" in capsys.readouterr().err
    assert out.read_bytes() == before


def test_marks_only_without_a_gradebook_is_refused(tmp_path, capsys):
    assert main(["--marks-only", "--out", str(tmp_path / "grades.csv")]) == 2
    assert "grade the submissions first" in capsys.readouterr().err


# --- the command line: refusals, and a batch that needs no kernel ---------------------------------


def refused(argv: list[str], capsys) -> str:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("grading refused: ")
    return captured.err


def test_no_submissions_is_refused(tmp_path, capsys):
    assert "name the submitted notebooks" in refused(["--out", str(tmp_path / "g.csv")], capsys)


def test_a_folder_without_notebooks_is_refused(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.txt").write_text("not a notebook")
    message = refused([str(tmp_path / "in"), "--out", str(tmp_path / "g.csv")], capsys)
    assert "no notebooks" in message
    assert not (tmp_path / "g.csv").exists()


def test_a_missing_folder_is_refused(tmp_path, capsys):
    assert "no file or folder" in refused([str(tmp_path / "nowhere"), "--out", str(tmp_path / "g.csv")], capsys)


@pytest.mark.parametrize("pattern, message", [
    ("(?P<student>[^/]+", "not a valid regular expression"),
    ("(?P<name>[^/]+)/", "group named student"),
])
def test_a_bad_id_pattern_is_refused(tmp_path, capsys, pattern, message):
    write(blank("03"), tmp_path / "in" / f"a_{STEM}.ipynb")
    assert message in refused([str(tmp_path / "in"), "--id-pattern", pattern, "--out", str(tmp_path / "g.csv")], capsys)


def test_an_unknown_exercise_is_refused_naming_the_known_ones(tmp_path, capsys):
    write(blank("03"), tmp_path / "in" / f"a_{STEM}.ipynb")
    message = refused([str(tmp_path / "in"), "--exercise", "99", "--out", str(tmp_path / "g.csv")], capsys)
    assert "no exercise 99" in message and "03" in message
    assert not (tmp_path / "g.csv").exists()


@pytest.mark.parametrize("option", ["--jobs", "--cell-timeout", "--timeout", "--memory"])
def test_limits_must_be_positive(tmp_path, capsys, option):
    write(blank("03"), tmp_path / "in" / f"a_{STEM}.ipynb")
    assert "positive" in refused([str(tmp_path / "in"), option, "0", "--out", str(tmp_path / "g.csv")], capsys)


def unusable_batch(tmp_path: Path, names: list[str], capsys) -> tuple[dict, list[Path]]:
    """Grade files that are all empty (so that no kernel starts) as exercise 3; the rows and feedback files."""
    for name in names:
        (tmp_path / "in" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "in" / name).write_bytes(b"")
    out = tmp_path / "out" / "grades.csv"
    assert main([str(tmp_path / "in"), "--exercise", "3", "--out", str(out), "--quiet"]) == 0
    capsys.readouterr()
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return rows, sorted((tmp_path / "out" / "feedback").iterdir())


def test_a_batch_of_broken_files_still_gives_every_file_a_row_and_feedback(tmp_path, capsys):
    rows, feedback = unusable_batch(tmp_path, [f"ann_{STEM}.ipynb", f"ben_{STEM}.ipynb"], capsys)
    assert [(r["student"], r["exercise"], r["status"], r["total"]) for r in rows] == [
        ("ann", "", "invalid notebook", "0"), ("ben", "", "invalid notebook", "0")]
    assert [path.name for path in feedback] == ["ann.md", "ben.md"]


def test_two_students_whose_ids_make_the_same_safe_name_get_separate_feedback(tmp_path, capsys):
    rows, feedback = unusable_batch(tmp_path, [f"o'neil_{STEM}.ipynb", f"o_neil_{STEM}.ipynb"], capsys)
    assert sorted(r["student"] for r in rows) == ["o'neil", "o_neil"]
    assert len(feedback) == 2
    assert sorted(path.read_text(encoding="utf-8").splitlines()[0].rsplit(" ", 1)[1] for path in feedback) == [
        "o'neil", "o_neil"]


def test_feedback_names_of_ids_that_differ_only_in_case_differ_on_a_case_insensitive_disk(tmp_path, capsys):
    """macOS and Windows disks ignore case: Alice.md would overwrite alice.md there."""
    rows, feedback = unusable_batch(tmp_path, [f"Alice_{STEM}.ipynb", f"alice_{STEM}.ipynb"], capsys)
    assert len(rows) == 2
    assert len({path.name.casefold() for path in feedback}) == 2


# --- feedback names -------------------------------------------------------------------------------


@pytest.mark.parametrize("student", [
    "alice", "Ana María Núñez", "../../etc/passwd", "a/b\\c", "..", "", " ", "con:aux*?",
    "x" * 300, "<script>", "name with\nnewline", ".hidden",
])
def test_feedback_names_are_safe_file_names(student):
    name = feedback_name(student)
    assert re.fullmatch(r"[\w@+-][\w.@+-]*\.md", name), name
    assert len(name) <= 84
    assert "/" not in name and "\\" not in name


def test_feedback_names_of_different_ordinary_ids_are_different():
    ids = ["alice", "Ana María", "bob.smith", "bob_smith2", "s1234567", "jean-luc", "li+wei", "o.neil@school"]
    names = [feedback_name(student) for student in ids]
    assert len(set(names)) == len(ids)
    assert feedback_name("Ana María") == "Ana_María.md"


# --- a spare kernel's folder -------------------------------------------------------------------------


def spare_folder(tmp_path: Path, warm_up: str) -> Kernel:
    """A scratch folder as `start_kernel` makes it, with a stand-in for the kernel: this process."""
    from types import SimpleNamespace

    from coursekit.paths import data_dir

    folder = tmp_path / "submission"
    workdir = scratch_folder(folder, data_dir())
    startup = folder / ".ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-warm-up.py").write_text(warm_up + "\n", encoding="utf-8")
    km = SimpleNamespace(provisioner=SimpleNamespace(pid=os.getpid()))
    return Kernel(km, folder, workdir)


def test_a_spare_kernels_folder_as_made_is_untouched(tmp_path):
    from coursekit.paths import data_dir

    assert untouched(spare_folder(tmp_path, "import pandas"), data_dir(), "import pandas")


@pytest.mark.parametrize("change", ["same-size edit of a table", "a file left in the working folder",
                                    "another start-up file", "the warm-up edited"])
def test_a_spare_kernels_folder_that_another_students_code_reached_is_not_untouched(tmp_path, change):
    """Between the kernel's start and its use, the previous student's code could reach its folder."""
    from coursekit.paths import data_dir

    kernel = spare_folder(tmp_path, "import pandas")
    startup = kernel.folder / ".ipython" / "profile_default" / "startup"
    if change == "same-size edit of a table":
        table = kernel.folder / "data" / "chain.csv"
        text = table.read_bytes()
        table.write_bytes(text.replace(b"passed", b"PASSED", 1))
        assert len(table.read_bytes()) == len(text)
    elif change == "a file left in the working folder":
        (kernel.workdir / "pandas.py").write_text("raise SystemExit\n", encoding="utf-8")
    elif change == "another start-up file":
        (startup / "01-more.py").write_text("x = 1\n", encoding="utf-8")
    else:
        (startup / "00-warm-up.py").write_text("import pandas; import os\n", encoding="utf-8")
    assert not untouched(kernel, data_dir(), "import pandas")
