"""Widget latency in a real browser: a lesson opened until its explorer shows, one change until it answers.

Issue 9 asks, in the browser, for "lesson opened → all widgets visible" within 5 s and "one widget
interaction → output changed" within 0.5 s. This script measures both in Debian's chromium, driven
by Playwright, against a private JupyterLab, the way the browser tests in tests/browser do (their
server settings, chromium arguments and labdriver helpers are reused from there).

A lesson is opened two ways, each on a new kernel (every session is shut down between runs, so no
run finds the imports of the one before):

- in the running lab, as a student in class does: JupyterLab was loaded once, unmeasured, in a tab
  of its own, and the lesson is opened in it (`docmanager:open`, what the file browser runs). Timed
  from that command until the kernel is idle, and until every widget view is visible after Run
  All, which the goal ≤ 5 s applies to. Then one control is changed (the interaction row), and the
  notebook is closed with its kernel shut down;
- as a page loaded from the notebook's URL in a new tab: the same end, timed from navigation, so
  it includes JupyterLab's own start (no goal).

"All widget views visible": Run All at once when the kernel is idle, until every widget view the
kernel made is in the page and every plotly figure inside a widget has drawn. "Output changed":
one user action (a click or a key), until every part of the explorer's output that the action
rewrites shows its new, non-empty content.

Both ends of every figure are read from the page's own clock (`performance.now()`), recorded in
an animation frame after the DOM changed: the harness's polling adds nothing. The expected number
of widget views comes from the kernel, not from the notebook: after the run, the kernel counts its
live DOM widgets (each explorer displays every widget it makes), so a view that never rendered in
the page fails the run instead of going unnoticed.

The floor is a trivial notebook measured in the same run: one ipywidgets slider whose observer
rewrites an HTML line. It pays for a kernel start, `import ipywidgets` and one round trip (and,
loaded from its URL, JupyterLab's page), and nothing of the course.

All pages share one browser context, warmed by one unmeasured run, so JupyterLab's scripts come
from the browser's cache as they do for a student who has opened the lab before. The page is kept
offline by chromium's host resolver rather than by Playwright routing (as in the tests), because
routing turns the browser's HTTP cache off and adds a round trip per request.

`--compare-build-check` measures instead the URL load of the floor notebook on two servers, one as
JupyterLab ships and one whose page config turns off the front end's check whether the lab needs
a rebuild (`buildCheck` and `buildAvailable` false, in `labconfig/page_config.json`).

    .venv/bin/python benchmarks/browser_latency.py --runs 5
    .venv/bin/python benchmarks/browser_latency.py --runs 3 --compare-build-check
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

import nbformat
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from timing import Measure, machine, markdown_table

BROWSER_TESTS = Path(__file__).resolve().parents[1] / "tests" / "browser"
sys.path.insert(0, str(BROWSER_TESTS))
import labdriver  # found through the line above, as pytest finds it for the tests


def _browser_conftest():
    """tests/browser/conftest.py under a name of its own, for its constants and plain helpers
    (not its fixtures); a bare `import conftest` could clash with another conftest module."""
    spec = importlib.util.spec_from_file_location("browser_conftest", BROWSER_TESTS / "conftest.py")
    module = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


lab = _browser_conftest()

SECTION = "Interactivity"
OPEN_GOAL_S, CHANGE_GOAL_S = 5.0, 0.5
FLOOR_NOTEBOOK = "floor.ipynb"
PLOTLY_MIMETYPE = "application/vnd.plotly.v1+json"
OFFLINE_ARG = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1"


@dataclass(frozen=True)
class Explorer:
    """A notebook with one explorer, how a student changes it, and what must change in answer."""

    label: str  # how the rows name it
    notebook: str  # relative to the server's root
    root: str  # CSS selector of the explorer
    action: str  # the change, in words
    act: Callable[[Page], None]  # the change, as a user makes it
    parts: tuple[str, ...]  # selectors inside `root`: each must show new, non-empty text


def tick_attacks(page: Page) -> None:
    """Lesson 04: tick the "attack" kind with the mouse."""
    page.locator(".coursekit-rights-kind-attack input[type=checkbox]").check()


def sort_first_reason(page: Page) -> None:
    """Lesson 06: sort the first reason with the keyboard (its first button, then Space)."""
    page.locator(".coursekit-reasons-choice").first.locator("button").first.focus()
    page.keyboard.press("Space")


def nudge_slider(page: Page) -> None:
    """The floor: move the slider one step with the keyboard."""
    page.locator(".widget-slider .noUi-handle").first.focus()
    page.keyboard.press("ArrowRight")


# The two lessons with the most widget views: 06's sorter (78: a card and a choice per reason) and
# 04's rights timeline (26: a checkbox per country and kind, a slider, a chart).
LESSONS = (
    Explorer("lesson 04, RightsTimeline", "notebooks/04-Queer-Lives-on-Screen.ipynb", ".coursekit-rights-explorer",
             "tick a kind (click)", tick_attacks,
             (".coursekit-rights-count", ".coursekit-rights-chart", ".coursekit-rights-table")),
    Explorer("lesson 06, ReasonsSorter", "notebooks/06-To-Leave-or-to-Stay.ipynb", ".coursekit-reasons-sorter",
             "sort a reason (Space)", sort_first_reason,
             (".coursekit-reasons-summary", ".coursekit-reasons-figure")),
)
FLOOR = Explorer("floor: one ipywidgets slider", FLOOR_NOTEBOOK, ".floor-explorer",
                 "move the slider (→ key)", nudge_slider, (".floor-shown",))

FLOOR_SOURCE = """\
import ipywidgets as widgets

slider = widgets.IntSlider(description="n")
shown = widgets.HTML("<p>n = 0</p>").add_class("floor-shown")
slider.observe(lambda change: setattr(shown, "value", f"<p>n = {change.new}</p>"), "value")
widgets.VBox([slider, shown]).add_class("floor-explorer")"""

# The kernel's side of "every widget view": its live DOM widgets, and the plotly figures in its
# Output widgets (user expressions, so the run leaves nothing in the notebook's history).
KERNEL_COUNTS = {
    "views": "sum(isinstance(w, __import__('ipywidgets').DOMWidget) "
             "for w in __import__('ipywidgets.widgets.widget', fromlist=['_instances'])._instances.values())",
    "figures": f"sum('{PLOTLY_MIMETYPE}' in o.get('data', {{}}) "
               "for w in __import__('ipywidgets.widgets.widget', fromlist=['_instances'])._instances.values() "
               "if isinstance(w, __import__('ipywidgets').Output) for o in w.outputs)",
}

# The notebook is current and its kernel idle (labdriver.open_notebook's two conditions, checked
# at every frame so that Run All starts as soon as a user could).
READY_JS = """path => {
    const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    if (!(w && w.context && w.context.path === path && w.content && w.sessionContext)) return false;
    const ctx = w.sessionContext;
    const kernel = ctx.isReady && ctx.session && ctx.session.kernel;
    return kernel && kernel.status === 'idle' ? performance.now() : false;
}"""

# Logs [time, widget views, drawn figures in widgets] whenever the counts change, checked in the
# frame after a DOM change. A widget view is a Lumino widget with a `widget-*` class (every
# ipywidgets view has one; JupyterLab's own widgets are `jp-*`).
RECORD_VIEWS_JS = """() => {
    const notebook = window.jupyterapp.shell.currentWidget.content.node;
    const log = window.__benchViews = [];
    let last = '', queued = false;
    const look = () => {
        queued = false;
        const views = [...notebook.querySelectorAll('.lm-Widget')]
            .filter(e => [...e.classList].some(c => c.startsWith('widget-'))).length;
        const figures = [...notebook.querySelectorAll('.widget-output .js-plotly-plot')]
            .filter(e => e.querySelector('.main-svg')).length;
        if (`${views}/${figures}` !== last) {
            last = `${views}/${figures}`;
            log.push([performance.now(), views, figures]);
        }
    };
    window.__benchObserver = new MutationObserver(() => { if (!queued) { queued = true; requestAnimationFrame(look); } });
    window.__benchObserver.observe(notebook, {childList: true, subtree: true});
    look();
}"""

# The first time in the log with every widget view and figure in; the log stops there, so that it
# costs nothing during the change timed next.
ALL_VIEWS_JS = """([views, figures]) => {
    const hit = window.__benchViews.find(([, v, f]) => v >= views && f >= figures);
    if (!hit) return false;
    window.__benchObserver.disconnect();
    return hit[0];
}"""

# Widget views that have something to show but an empty box (Playwright's test for "not visible"),
# checked once they are all in. A view with nothing in it yet (an explorer's empty Output before
# the first choice) has an empty box by design.
HIDDEN_VIEWS_JS = """() => [...window.jupyterapp.shell.currentWidget.content.node.querySelectorAll('.lm-Widget')]
    .filter(e => [...e.classList].some(c => c.startsWith('widget-')) && e.textContent.trim())
    .filter(e => { const r = e.getBoundingClientRect(); return !(r.width > 0 && r.height > 0); })
    .map(e => e.className)"""

KERNEL_COUNTS_JS = """async expressions => {
    const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
    const reply = await kernel.requestExecute(
        {code: '', silent: true, store_history: false, user_expressions: expressions}).done;
    const out = {};
    for (const [name, value] of Object.entries(reply.content.user_expressions))
        out[name] = value.status === 'ok' ? Number(value.data['text/plain']) : `${value.ename}: ${value.evalue}`;
    return out;
}"""

# Arms the watch on an explorer: the first pointerdown or keydown starts the clock, and the first
# frame in which every watched part shows non-empty text unlike before stops it. (An Output widget
# is cleared before it is refilled, so "changed" alone would stop at the empty state.)
WATCH_CHANGE_JS = """([root, parts]) => {
    const explorer = document.querySelector(root);
    const texts = () => parts.map(p => { const e = explorer.querySelector(p); return e ? e.textContent : ''; });
    const before = texts();
    const state = window.__benchChange = {start: null, end: null};
    const begin = () => { if (state.start === null) state.start = performance.now(); };
    document.addEventListener('pointerdown', begin, {capture: true});
    document.addEventListener('keydown', begin, {capture: true});
    let queued = false;
    const look = () => {
        queued = false;
        const now = texts();
        if (state.start !== null && now.every((t, i) => t.trim() && t !== before[i])) {
            state.end = performance.now();
            observer.disconnect();
            document.removeEventListener('pointerdown', begin, {capture: true});
            document.removeEventListener('keydown', begin, {capture: true});
        }
    };
    const observer = new MutationObserver(() => { if (!queued) { queued = true; requestAnimationFrame(look); } });
    observer.observe(explorer, {childList: true, subtree: true, characterData: true});
}"""


# The lab is loaded: its application object has restored the workspace (the launcher shows).
LAB_STARTED_JS = "() => !!(window.jupyterapp && window.jupyterapp.shell.currentWidget)"

# Opens a notebook as the file browser does, and returns the page clock at the command. The
# command's promise is not awaited: READY_JS tells when the notebook and its kernel are there.
OPEN_IN_LAB_JS = """path => {
    const start = performance.now();
    window.jupyterapp.commands.execute('docmanager:open', {path, factory: 'Notebook'});
    return start;
}"""

# Closes every open notebook after shutting its kernel down (closing alone would keep the kernel,
# and the next open of the same notebook would find it). Disposed, not closed: the notebook has
# unsaved outputs, and closing would ask whether to save them.
CLOSE_NOTEBOOKS_JS = """async () => {
    const notebooks = [...window.jupyterapp.shell.widgets('main')].filter(w => w.sessionContext);
    for (const panel of notebooks) {
        await panel.sessionContext.shutdown();
        panel.dispose();
    }
}"""


@dataclass
class Timings:
    """One notebook's figures over the runs, in seconds, and what the kernel counted: opened in the
    running lab (`ready`, `visible`), loaded from its URL (`page_ready`, `page_visible`)."""

    ready: list[float] = field(default_factory=list)
    visible: list[float] = field(default_factory=list)
    page_ready: list[float] = field(default_factory=list)
    page_visible: list[float] = field(default_factory=list)
    change: list[float] = field(default_factory=list)
    views: int = 0
    figures: int = 0


def private_jupyter_env(base: Path, build_check: bool) -> dict[str, str]:
    """The server's environment: private Jupyter and IPython folders under `base`, as the repository's
    conftest.py gives the tests (so `python3` is this interpreter and no user setting applies), the
    lab's news pop-up off (it covers the notebook), and autosave off, so that no run saves its
    outputs into the notebook the next run opens. `build_check=False` also turns off, in the page
    config, the front end's question at start-up whether the lab needs a rebuild (`/lab/api/build`).
    Returned, not set here: the caller's environment is left alone."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "JUPYTER_PLATFORM_DIRS": "1"}
    for variable, sub in [("IPYTHONDIR", "ipython"), ("JUPYTER_CONFIG_DIR", "config"),
                          ("JUPYTER_DATA_DIR", "data"), ("JUPYTER_RUNTIME_DIR", "runtime")]:
        env[variable] = str(base / sub)
    labconfig = base / "config" / "labconfig"
    labconfig.mkdir(parents=True)
    page_config = {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}
    if not build_check:
        page_config |= {"buildCheck": False, "buildAvailable": False}
    (labconfig / "page_config.json").write_text(json.dumps(page_config))
    docmanager = base / "settings" / "@jupyterlab" / "docmanager-extension"
    docmanager.mkdir(parents=True)
    (docmanager / "plugin.jupyterlab-settings").write_text(json.dumps({"autosave": False}))
    return env


def write_floor_notebook(path: Path) -> None:
    """The floor's notebook: one cell, one slider, one line of HTML that follows it."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_SOURCE)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)


@contextmanager
def lab_server(build_check: bool = True) -> Iterator[lab.LabServer]:
    """`jupyter lab` on a temp copy of notebooks/ and data/, started as the tests start it
    (`running_lab` of tests/browser/conftest.py); stopped, with its kernels, on the way out, even
    on error. `build_check`: see private_jupyter_env."""
    with tempfile.TemporaryDirectory(prefix="browser-latency-") as tmp:
        base = Path(tmp)
        root = base / "course"
        for folder in ("notebooks", "data"):
            shutil.copytree(lab.REPO / folder, root / folder,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        write_floor_notebook(root / FLOOR_NOTEBOOK)
        env = private_jupyter_env(base, build_check)
        with lab.running_lab(root, base, env, (f"--LabApp.user_settings_dir={base / 'settings'}",)) as server:
            yield server


def api(server: lab.LabServer, path: str, method: str = "GET"):
    """One call to the server's REST API, its JSON answer decoded (None if empty)."""
    request = urllib.request.Request(f"{server.base_url}/api/{path}", method=method,
                                     headers={"Authorization": f"token {server.token}"})
    with urllib.request.urlopen(request, timeout=30) as reply:
        body = reply.read()
    return json.loads(body) if body else None


def shut_down_kernels(server: lab.LabServer) -> None:
    """End every session and its kernel, so that the next run opens its notebook on a new kernel."""
    for session in api(server, "sessions"):
        api(server, f"sessions/{session['id']}", method="DELETE")


@contextmanager
def headless_chromium() -> Iterator[Browser]:
    """Debian's chromium with the tests' arguments, kept off the network by its host resolver."""
    if not lab.CHROMIUM.exists():
        raise RuntimeError(f"{lab.CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(lab.CHROMIUM), headless=True,
                                             args=[*lab.CHROMIUM_ARGS, OFFLINE_ARG])
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


def wait_in_page(page: Page, expression: str, arg, timeout_ms: int, what: str):
    """Wait, checking at every frame, until `expression` is truthy in the page; return its value."""
    try:
        return page.wait_for_function(expression, arg=arg, timeout=timeout_ms, polling="raf").json_value()
    except PlaywrightTimeout:
        raise RuntimeError(f"timed out after {timeout_ms / 1000:.0f} s waiting for {what}. "
                           f"{labdriver._lab_state(page)}") from None


def run_and_show(page: Page, explorer: Explorer) -> tuple[float, dict]:
    """Run All in the current notebook, its kernel idle; wait for every widget view.

    Returns the page clock (ms) when every widget view was in, and the kernel's counts.
    """
    page.evaluate(RECORD_VIEWS_JS)
    labdriver.run_all(page, explorer.notebook)
    errors = labdriver.notebook_errors(page)
    if errors:
        raise RuntimeError(f"{explorer.notebook} raised errors in JupyterLab:\n" + "\n".join(errors))
    counts = page.evaluate(KERNEL_COUNTS_JS, KERNEL_COUNTS)
    if not all(isinstance(n, (int, float)) for n in counts.values()) or not counts["views"]:
        raise RuntimeError(f"the kernel of {explorer.notebook} could not count its widgets: {counts}")
    visible = wait_in_page(page, ALL_VIEWS_JS, [counts["views"], counts["figures"]], labdriver.DRAW_TIMEOUT_MS,
                           f"{counts['views']} widget views and {counts['figures']} drawn figures in widgets")
    hidden = page.evaluate(HIDDEN_VIEWS_JS)
    if hidden:
        raise RuntimeError(f"{len(hidden)} widget views of {explorer.notebook} have an empty box: {hidden[:5]}")
    return visible, counts


def wait_until_ready(page: Page, explorer: Explorer) -> float:
    """The page clock (ms) once the notebook is current and its kernel idle."""
    return wait_in_page(page, READY_JS, explorer.notebook, labdriver.OPEN_TIMEOUT_MS,
                        f"{explorer.notebook} to open with an idle kernel")


def open_lab(context: BrowserContext, server: lab.LabServer) -> Page:
    """JupyterLab loaded once in a tab of its own, as a student has it before opening a lesson.

    Its workspace is not the default one that the URL loads use, so that JupyterLab does not take
    the two tabs for one workspace opened twice (it would move the second to a new workspace).
    """
    page = context.new_page()
    page.goto(f"{server.base_url}/lab/workspaces/bench?reset&token={server.token}",
              wait_until="domcontentloaded", timeout=labdriver.OPEN_TIMEOUT_MS)
    wait_in_page(page, LAB_STARTED_JS, None, labdriver.OPEN_TIMEOUT_MS, "JupyterLab to start")
    return page


def open_in_lab(page: Page, explorer: Explorer) -> tuple[float, float, dict]:
    """Open the notebook in the running lab, Run All once its kernel is idle, wait for every view.

    Returns seconds from the open command to kernel ready and to every widget view in, and the
    kernel's counts.
    """
    start = page.evaluate(OPEN_IN_LAB_JS, explorer.notebook)
    ready = wait_until_ready(page, explorer)
    visible, counts = run_and_show(page, explorer)
    return (ready - start) / 1000, (visible - start) / 1000, counts


def load_page(page: Page, server: lab.LabServer, explorer: Explorer) -> tuple[float, float, dict]:
    """Load the notebook's URL, Run All once its kernel is idle, wait for every widget view.

    Returns seconds from navigation (the page clock's zero) to kernel ready and to every widget
    view in, and the kernel's counts.
    """
    url = f"{server.base_url}/lab/tree/{quote(explorer.notebook)}?reset&token={server.token}"
    page.goto(url, wait_until="domcontentloaded", timeout=labdriver.OPEN_TIMEOUT_MS)
    ready = wait_until_ready(page, explorer)
    visible, counts = run_and_show(page, explorer)
    return ready / 1000, visible / 1000, counts


def change_and_wait(page: Page, explorer: Explorer) -> float:
    """Make the explorer's change as a user would; seconds from the input event to the new output."""
    page.locator(explorer.root).scroll_into_view_if_needed()
    page.evaluate(WATCH_CHANGE_JS, [explorer.root, list(explorer.parts)])
    explorer.act(page)
    wait_in_page(page, "() => window.__benchChange.end !== null", None, labdriver.DRAW_TIMEOUT_MS,
                 f"{explorer.label} to answer '{explorer.action}' in {', '.join(explorer.parts)}")
    state = page.evaluate("() => window.__benchChange")
    return (state["end"] - state["start"]) / 1000


def run_in_lab(lab_page: Page, server: lab.LabServer, explorer: Explorer, timings: Timings | None) -> None:
    """Open, run and change the notebook in the running lab, then close it and shut its kernel down;
    its figures go to `timings` (None: a warm-up, not kept)."""
    lab_page.bring_to_front()
    try:
        ready, visible, counts = open_in_lab(lab_page, explorer)
        change = change_and_wait(lab_page, explorer)
    finally:
        try:
            lab_page.evaluate(CLOSE_NOTEBOOKS_JS)
        finally:
            shut_down_kernels(server)
    if timings is not None:
        timings.ready.append(ready)
        timings.visible.append(visible)
        timings.change.append(change)
        timings.views, timings.figures = counts["views"], counts["figures"]


def run_from_url(context: BrowserContext, server: lab.LabServer, explorer: Explorer, timings: Timings | None) -> None:
    """Load the notebook's URL in a new tab and run it; the tab is then closed and its kernel shut
    down. Its figures go to `timings` (None: a warm-up, not kept)."""
    page = context.new_page()
    try:
        ready, visible, _ = load_page(page, server, explorer)
    finally:
        page.close()
        shut_down_kernels(server)
    if timings is not None:
        timings.page_ready.append(ready)
        timings.page_visible.append(visible)


@contextmanager
def browser_context() -> Iterator[tuple[BrowserContext, list[str]]]:
    """One context of headless chromium for every page, and the list it fills with the URLs the
    pages tried to reach outside this machine."""
    outside: list[str] = []
    with headless_chromium() as browser:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})

        def note_outside(request) -> None:
            if request.url.startswith("http") and urlsplit(request.url).hostname not in lab.LOCAL_HOSTS:
                outside.append(request.url)

        context.on("request", note_outside)
        try:
            yield context, outside
        finally:
            context.close()


def measure_all(runs: int, url_runs: int | None = None) -> tuple[dict[Explorer, Timings], list[str]]:
    """Every notebook `runs` times opened in the lab and `url_runs` times (default: as many) loaded
    from its URL, interleaved so that the machine's ups and downs fall on all alike, after one
    unmeasured warm-up; also the URLs the pages tried to reach outside."""
    notebooks = (FLOOR, *LESSONS)
    results = {explorer: Timings() for explorer in notebooks}
    with lab_server() as server, browser_context() as (context, outside):
        lab_page = open_lab(context, server)
        run_in_lab(lab_page, server, LESSONS[0], None)
        for n in range(runs):
            for explorer in notebooks:
                run_in_lab(lab_page, server, explorer, results[explorer])
                if url_runs is None or n < url_runs:
                    run_from_url(context, server, explorer, results[explorer])
    return results, sorted(set(outside))


def rows(explorer: Explorer, t: Timings, floor: Timings | None, note: str) -> list[Measure]:
    """The four rows of one notebook; a lesson's rows (`floor` given) get the floor's medians and
    the goals."""
    def against(name: str, goal_s: float | None = None) -> dict:
        if floor is None:
            return {}
        met = {} if goal_s is None else {"goal": f"≤ {goal_s:g} s", "met": statistics.median(getattr(t, name)) <= goal_s}
        return {"floor": statistics.median(getattr(floor, name)), **met}

    figures = f", {t.figures} {'figure' if t.figures == 1 else 'figures'} in widgets" if t.figures else ""
    parts = ", ".join(p.removeprefix(".coursekit-") for p in explorer.parts)
    return [
        Measure(SECTION, f"{explorer.label}: opened in the running lab → kernel ready", t.ready, note=note,
                **against("ready")),
        Measure(SECTION, f"{explorer.label}: opened in the running lab → all widget views visible (Run All)",
                t.visible, note=f"{t.views} widget views{figures}, counted by the kernel",
                **against("visible", OPEN_GOAL_S)),
        Measure(SECTION, f"{explorer.label}: page loaded from its URL → all widget views visible (Run All)",
                t.page_visible, note=f"includes JupyterLab's own start; kernel ready at "
                f"{statistics.median(t.page_ready):.2f} s (median)", **against("page_visible")),
        Measure(SECTION, f"{explorer.label}: {explorer.action} → output changed", t.change,
                note=f"input event to new {parts}", **against("change", CHANGE_GOAL_S)),
    ]


def measure(runs: int = 5, url_runs: int | None = None) -> list[Measure]:
    """Rows for section "Interactivity": per lesson, opened in the running lab → kernel ready and
    → all widget views visible (goal ≤ 5 s), the page loaded from its URL → all widget views
    visible (no goal: JupyterLab's own start), and one change → output changed (goal ≤ 0.5 s),
    with the trivial notebook's medians as the floor; then the floor's own rows."""
    results, outside = measure_all(runs, url_runs)
    note = "new kernel each run" + (f"; {len(outside)} requests outside localhost refused" if outside else "")
    measures = []
    for explorer in LESSONS:
        measures += rows(explorer, results[explorer], results[FLOOR], note)
    return measures + rows(FLOOR, results[FLOOR], None, note)


def measure_build_check(runs: int = 3) -> list[Measure]:
    """The floor notebook loaded from its URL, `runs` times on each of two servers, interleaved and
    taking turns to go first: one as JupyterLab ships, one with the rebuild check off; with how often
    the pages asked for it."""
    results = {True: Timings(), False: Timings()}
    with (lab_server() as checked, lab_server(build_check=False) as unchecked,
          browser_context() as (context, _)):
        servers = {True: checked, False: unchecked}
        asked = {True: 0, False: 0}

        def note_build_check(request) -> None:
            for check, server in servers.items():
                asked[check] += request.url.startswith(f"{server.base_url}/lab/api/build")

        context.on("request", note_build_check)
        for check, server in servers.items():
            run_from_url(context, server, FLOOR, None)
        for i in range(runs):  # each server first in every other pass
            for check, server in sorted(servers.items(), reverse=bool(i % 2)):
                run_from_url(context, server, FLOOR, results[check])
    measures = []
    for check, t in results.items():
        how = "build check on (as shipped)" if check else "build check off (`buildCheck`, `buildAvailable` false)"
        note = f"`/lab/api/build` asked {asked[check]} times in {runs + 1} page loads"
        measures += [Measure(SECTION, f"{FLOOR.label}: page loaded from its URL → kernel ready, {how}",
                             t.page_ready, note=note),
                     Measure(SECTION, f"{FLOOR.label}: page loaded from its URL → all widget views visible, {how}",
                             t.page_visible, note=note)]
    return measures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per notebook (default 5)")
    parser.add_argument("--compare-build-check", action="store_true",
                        help="measure the URL load with JupyterLab's rebuild check on and off instead")
    args = parser.parse_args()
    start = time.perf_counter()
    measures = measure_build_check(args.runs) if args.compare_build_check else measure(args.runs)
    print(machine())
    print()
    print(markdown_table(measures))
    print()
    print(f"(whole measurement, server and browser included: {time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
