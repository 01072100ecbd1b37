"""Drive a running JupyterLab from Playwright: open a notebook, run it, fail on any error.

Kept apart from conftest.py so every lesson's browser test can `from labdriver import ...`
(pytest puts this folder on sys.path because it has no __init__.py).

Everything goes through `window.jupyterapp` (the server runs with
--LabApp.expose_app_in_browser=True) rather than menus and key bindings: the commands and the
notebook model are stable across JupyterLab releases, the DOM and the menus less so.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

OPEN_TIMEOUT_MS = 90_000  # the first load fetches a few hundred JS chunks; CI shares 2 cores with nbval
KERNEL_TIMEOUT_MS = 45_000
RUN_TIMEOUT_MS = 120_000


def _wait(page: Page, expression: str, arg, timeout_ms: int, what: str) -> None:
    """page.wait_for_function, with a message saying what we were waiting for."""
    try:
        page.wait_for_function(expression, arg=arg, timeout=timeout_ms, polling=200)
    except PlaywrightTimeout:
        pytest.fail(f"Timed out after {timeout_ms / 1000:.0f} s waiting for {what}. {_lab_state(page)}",
                    pytrace=False)


def _lab_state(page: Page) -> str:
    """What JupyterLab shows now (current tab, kernel, any dialog), for timeout messages."""
    try:
        return page.evaluate(
            """() => {
                const app = window.jupyterapp;
                if (!app) return 'window.jupyterapp is not there (yet).';
                const w = app.shell.currentWidget;
                const ctx = w && w.sessionContext;
                const kernel = ctx && ctx.session && ctx.session.kernel;
                const dialog = document.querySelector('.jp-Dialog');
                return `Current tab: ${w ? w.title.label : 'none'}`
                    + (w && w.context ? ` (${w.context.path})` : '')
                    + `; kernel: ${kernel ? kernel.status : 'none'}`
                    + (dialog ? `; dialog open: ${dialog.innerText.replace(/\\s+/g, ' ').slice(0, 300)}` : '');
            }"""
        )
    except Exception as exc:  # noqa: BLE001 - the page itself may be broken; the timeout is the news
        return f"(no JupyterLab state: {exc})"


def open_notebook(page: Page, base_url: str, token: str, notebook_relpath: str) -> None:
    """Open a notebook in a fresh workspace and wait until its kernel is ready and idle.

    `?reset` discards the saved workspace, otherwise JupyterLab would restore (and make current)
    whatever tab an earlier test left open.
    """
    url = f"{base_url}/lab/tree/{quote(notebook_relpath)}?reset&token={token}"
    page.goto(url, wait_until="domcontentloaded", timeout=OPEN_TIMEOUT_MS)
    _wait(
        page,
        """path => {
            const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
            return !!(w && w.context && w.context.path === path && w.content && w.sessionContext);
        }""",
        notebook_relpath,
        OPEN_TIMEOUT_MS,
        f"the notebook {notebook_relpath} to be the current tab",
    )
    # Ready once a kernel is chosen and started (a notebook without a kernelspec would ask in a
    # dialog, which the timeout message shows); then wait for the kernel's first idle.
    _wait(
        page,
        """() => {
            const ctx = window.jupyterapp.shell.currentWidget.sessionContext;
            const kernel = ctx.isReady && ctx.session && ctx.session.kernel;
            return !!kernel && kernel.status === 'idle';
        }""",
        None,
        KERNEL_TIMEOUT_MS,
        f"the kernel of {notebook_relpath} to be idle",
    )


def run_all(page: Page, notebook_relpath: str) -> None:
    """Run every cell of the current notebook and wait until the kernel has finished them."""
    # The command's promise settles once every queued cell has had its reply (or the run stopped
    # at an error, which notebook_errors reports). It is kept in the page, not awaited here, so
    # the wait below can time out with a clear message.
    page.evaluate(
        """() => {
            window.__coursekitRunAll = 'running';
            window.jupyterapp.commands.execute('notebook:run-all-cells')
                .then(() => { window.__coursekitRunAll = 'done'; },
                      e => { window.__coursekitRunAll = 'failed: ' + e; });
        }"""
    )
    # Then also wait for the kernel to be idle and no prompt to show [*].
    _wait(
        page,
        """() => {
            if (window.__coursekitRunAll === 'running') return false;
            const panel = window.jupyterapp.shell.currentWidget;
            const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
            if (!kernel || kernel.status !== 'idle') return false;
            return ![...panel.node.querySelectorAll('.jp-InputPrompt')]
                .some(p => p.textContent.includes('[*]'));
        }""",
        None,
        RUN_TIMEOUT_MS,
        f"all cells of {notebook_relpath} to finish running",
    )
    outcome = page.evaluate("() => window.__coursekitRunAll")
    if outcome != "done":
        pytest.fail(f"Running all cells of {notebook_relpath} failed in JupyterLab: {outcome}", pytrace=False)


def notebook_errors(page: Page) -> list[str]:
    """Errors in the current notebook's outputs: exceptions, and stderr that mentions 'Error'.

    Read from the notebook model rather than the DOM, so cells JupyterLab has not rendered (it
    may virtualise long notebooks) are checked too.
    """
    return page.evaluate(
        """() => {
            const cells = window.jupyterapp.shell.currentWidget.context.model.toJSON().cells;
            const found = [];
            cells.forEach((cell, i) => (cell.outputs || []).forEach(out => {
                const text = t => Array.isArray(t) ? t.join('') : (t || '');
                if (out.output_type === 'error') {
                    found.push(`cell ${i}: ${out.ename}: ${out.evalue}`);
                } else if (out.output_type === 'stream' && out.name === 'stderr'
                           && text(out.text).includes('Error')) {
                    found.push(`cell ${i} (stderr): ${text(out.text).trim().slice(-500)}`);
                }
            }));
            return found;
        }"""
    )


def open_and_run_all(page: Page, base_url: str, token: str, notebook_relpath: str) -> None:
    """Open `notebook_relpath` (relative to the server's root), run all cells, fail on any error."""
    open_notebook(page, base_url, token, notebook_relpath)
    run_all(page, notebook_relpath)
    errors = notebook_errors(page)
    if errors:
        pytest.fail(f"{notebook_relpath} raised errors in JupyterLab:\n" + "\n".join(errors), pytrace=False)


PLOTLY_MIMETYPE = "application/vnd.plotly.v1+json"
DRAW_TIMEOUT_MS = 15_000


def text_of(locator) -> str:
    """The element's text, white space collapsed. Not inner_text(): JupyterLab skips painting
    off-screen cells (content-visibility), and the innerText of an unpainted element is empty."""
    return " ".join(locator.text_content().split())


def cell(page: Page, index: int):
    """The notebook cell at `index` (only present in the DOM once it has been scrolled near)."""
    return page.locator(".jp-Notebook .jp-Cell").nth(index)


def scroll_to_cell(page: Page, index: int) -> None:
    """Bring a cell on screen: JupyterLab renders only the cells near the viewport."""
    page.evaluate("i => window.jupyterapp.shell.currentWidget.content.scrollToItem(i, 'center')", index)


def cell_starting(page: Page, prefix: str) -> int:
    """The index of the first cell whose source starts with `prefix`."""
    index = page.evaluate(
        """prefix => window.jupyterapp.shell.currentWidget.context.model.toJSON().cells
            .findIndex(cell => [].concat(cell.source).join('').startsWith(prefix))""",
        prefix,
    )
    assert index >= 0, f"no cell starts with {prefix!r}"
    return index


def plotly_outputs_per_cell(page: Page) -> dict[int, int]:
    """How many plotly figures each cell's outputs hold, read from the notebook model.

    Figures drawn inside a widget (an explorer's Output) live in the widget's state, not here.
    """
    counts = page.evaluate(
        """mime => window.jupyterapp.shell.currentWidget.context.model.toJSON().cells
            .map(cell => (cell.outputs || []).filter(o => o.data && mime in o.data).length)""",
        PLOTLY_MIMETYPE,
    )
    return {i: n for i, n in enumerate(counts) if n}


def expect_every_output_figure_drawn(page: Page, *, at_least: int) -> int:
    """Every plotly figure among the notebook's outputs drew its SVG; return how many there are."""
    per_cell = plotly_outputs_per_cell(page)
    total = sum(per_cell.values())
    assert total >= at_least, f"the lesson should show at least {at_least} plotly figures, found {total}"
    for index, expected in per_cell.items():
        scroll_to_cell(page, index)
        drawn = cell(page, index).locator(".js-plotly-plot:has(.main-svg)")
        expect(drawn, f"cell {index} should draw {expected} plotly figure(s)").to_have_count(
            expected, timeout=DRAW_TIMEOUT_MS)
    return total
