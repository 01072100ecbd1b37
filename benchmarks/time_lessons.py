"""Time each lesson's run-all and its first chart through nbclient, next to the floor.

The floor is what no lesson can beat: starting a kernel and importing the libraries the lessons
use (pandas, plotly.express, ipywidgets), measured in the same run. For each lesson:
- run-all: from the kernel's start to the last cell's reply (goal: floor + 1.0 s at most);
- first chart: from the kernel's start until the first plotly figure has reached the client;
- whether the kernel imported nbformat, which costs about a second in an environment with
  JupyterLab and which plotly imports when a figure is shown through its renderers. The course's
  `chart()` shows figures without them, so no lesson should (checked in the same kernel, after
  the lesson's last cell, in the last run).
The executed notebooks of the last run are kept for the size section (`sizes.py`).

    .venv/bin/python benchmarks/time_lessons.py --runs 5
"""

from __future__ import annotations

import argparse
import subprocess
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from timing import Measure, markdown_table

ROOT = Path(__file__).resolve().parents[1]
FLOOR_SOURCE = "import pandas, plotly.express, ipywidgets"
PLOTLY = "application/vnd.plotly.v1+json"
NBFORMAT_PROBE = "import sys; print('nbformat' in sys.modules)"
GOAL_ABOVE_FLOOR = 1.0


class _TimedClient(NotebookClient):
    """nbclient, noting when the first plotly figure arrives."""

    def __init__(self, nb, **kw):
        super().__init__(nb, **kw)
        self.first_chart: float | None = None

    def output(self, outs, msg, display_id, cell_index):
        if self.first_chart is None and PLOTLY in msg["content"].get("data", {}):
            self.first_chart = time.perf_counter()
        return super().output(outs, msg, display_id, cell_index)


def run_once(nb: nbformat.NotebookNode, folder: Path, probe: bool = False) -> tuple[float, float | None, nbformat.NotebookNode, bool]:
    """Seconds to start a kernel in `folder` and run every cell of `nb`, seconds to its first chart
    (None if it draws none), the executed notebook, and, if `probe`, whether the kernel then had
    nbformat imported (asked by one more cell, after the clock has stopped)."""
    nb = nbformat.from_dict(nb)
    client = _TimedClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(folder)}})
    start = time.perf_counter()
    imported = False
    with client.setup_kernel(stderr=subprocess.DEVNULL):  # the kernels' start-up warnings are not results
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        seconds = time.perf_counter() - start
        if probe:
            asked = nbformat.v4.new_code_cell(NBFORMAT_PROBE)
            nb.cells.append(asked)
            client.execute_cell(asked, len(nb.cells) - 1)
            nb.cells.pop()  # the executed lesson, as a student would save it, has no such cell
            imported = "True" in "".join(out.get("text", "") for out in asked.outputs)
    first = None if client.first_chart is None else client.first_chart - start
    return seconds, first, nb, imported


def measure(runs: int = 5) -> tuple[list[Measure], dict[str, nbformat.NotebookNode]]:
    """The lessons' rows, and each lesson as executed in the last run."""
    floor_nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_SOURCE)])
    floor_times = [run_once(floor_nb, ROOT / "notebooks")[0] for _ in range(runs)]
    floor = Measure("Lessons", "floor: kernel start + " + FLOOR_SOURCE, floor_times)
    measures, executed = [floor], {}
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        lesson = nbformat.read(path, as_version=4)
        results = [run_once(lesson, path.parent, probe=(n == runs - 1)) for n in range(runs)]
        executed[path.name] = results[-1][2]
        pays = results[-1][3]
        run_all = Measure("Lessons", f"{path.stem[:2]} run-all", [r[0] for r in results], floor=floor.median,
                          goal=f"≤ floor + {GOAL_ABOVE_FLOOR:.1f} s",
                          note=("imports nbformat" if pays else "nbformat not imported"))
        run_all.met = run_all.median <= floor.median + GOAL_ABOVE_FLOOR and not pays
        measures.append(run_all)
        firsts = [r[1] for r in results if r[1] is not None]
        if firsts:
            measures.append(Measure("Lessons", f"{path.stem[:2]} first chart shown", firsts, floor=floor.median))
    return measures, executed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(markdown_table(measure(args.runs)[0]))


if __name__ == "__main__":
    main()
