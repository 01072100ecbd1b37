"""A student's view of an exercise in a real JupyterLab: a right answer passes, a wrong one gets a hint.

The right answer is the master notebook's own, put into the answer cell; the wrong one is typed
into the cell editor as a student would. Both are judged by the real check cell in the real
kernel, and what the student sees is read from the page: the pass line, then the short hint with
no traceback around it.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from axecheck import assert_course_accessible
from labdriver import cell, open_notebook, scroll_to_cell, text_of
from playwright.sync_api import expect

REPO = Path(__file__).resolve().parents[2]
NAME = "01-Reading-the-Sources.ipynb"
EXERCISE = f"exercises/{NAME}"
WAIT_MS = 30_000


def cell_index(page, key: str, qid: str) -> int:
    """The index of the cell whose coursekit metadata has `key` = `qid` (answer: question, check: check)."""
    index = page.evaluate(
        """([key, qid]) => window.jupyterapp.shell.currentWidget.context.model.toJSON().cells
            .findIndex(c => (c.metadata.coursekit || {})[key] === qid)""",
        [key, qid],
    )
    assert index >= 0, f"no cell with coursekit.{key} = {qid}"
    return index


def run_up_to(page, index: int) -> None:
    """Run every cell from the top to `index` (inclusive), as Run → Run All Above would."""
    page.evaluate(
        """i => {
            const panel = window.jupyterapp.shell.currentWidget;
            panel.content.activeCellIndex = i + 1;
            window.__coursekitRun = 'running';
            window.jupyterapp.commands.execute('notebook:run-all-above')
                .then(() => { window.__coursekitRun = 'done'; }, e => { window.__coursekitRun = 'failed: ' + e; });
        }""",
        index,
    )
    page.wait_for_function(
        """() => window.__coursekitRun !== 'running'
              && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'""",
        timeout=WAIT_MS,
    )


def master_answer(qid: str) -> str:
    """The answer cell of `qid` in the master notebook, reference answer included."""
    nb = nbformat.read(REPO / "solutions" / NAME, as_version=4)
    return next(c.source for c in nb.cells if c.metadata.get("coursekit", {}).get("question") == qid)


def answer_name(qid: str) -> str:
    """The variable the student's answer cell assigns (`name = ...` in the released exercise)."""
    nb = nbformat.read(REPO / EXERCISE, as_version=4)
    source = next(c.source for c in nb.cells if c.metadata.get("coursekit", {}).get("question") == qid)
    return next(line for line in source.splitlines() if line.endswith(" = ...")).split(" = ")[0]


@pytest.mark.browser
def test_a_student_checks_a_right_then_a_wrong_answer(lab_server, page, tmp_path):
    open_notebook(page, lab_server.base_url, lab_server.token, EXERCISE)
    answer, check = cell_index(page, "question", "q1"), cell_index(page, "check", "q1")
    assert check == answer + 1

    # The right answer: the master notebook's, put into the answer cell; then run up to its check.
    page.evaluate(
        "([i, source]) => window.jupyterapp.shell.currentWidget.content.widgets[i].model.sharedModel.setSource(source)",
        [answer, master_answer("q1")],
    )
    run_up_to(page, check)
    scroll_to_cell(page, check)
    output = cell(page, check).locator(".jp-OutputArea-output")
    expect(output).to_contain_text("✔ q1:", timeout=WAIT_MS)
    earned, possible = text_of(output).split("q1: ")[1].split(" point")[0].split(" of ")
    assert earned == possible

    # A wrong answer typed into the editor as a student would: text where a count belongs.
    scroll_to_cell(page, answer)
    cell(page, answer).locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.type(f'{answer_name("q1")} = "three"')
    run_up_to(page, check)
    scroll_to_cell(page, check)
    output = cell(page, check).locator(".jp-OutputArea-output")
    expect(output).to_contain_text("✘ q1: 0 of", timeout=WAIT_MS)
    shown = text_of(output)
    assert "this question expects" in shown and "your answer is a piece of text (a str), 'three'" in shown
    # The hint alone: none of a traceback's frames, separators or file names around it.
    assert "Traceback" not in shown and "-----" not in shown and "File " not in shown and ".py" not in shown
    assert len(shown) < 400, shown
    page.screenshot(path=str(tmp_path / "exercise-01.png"), full_page=True)

    # Last, with the checks of q1 shown (a right answer, then a hint): no accessibility violation in
    # our content, hints included. The later questions' cells were not run, so only their text counts.
    assert_course_accessible(page, tmp_path, "exercise-01")
