"""Time each lesson's run-all through nbclient, next to the floor, and print a Markdown table.

The floor is what no lesson can beat: starting a kernel and importing the libraries the lessons
use (pandas, plotly.express, ipywidgets), measured in the same run. Each figure is the median of
`--runs` runs, with the minimum and maximum.

    .venv/bin/python benchmarks/time_lessons.py --runs 5
"""

import argparse
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from timing import print_table

ROOT = Path(__file__).resolve().parents[1]
FLOOR_SOURCE = "import pandas, plotly.express, ipywidgets"


def run_once(nb: nbformat.NotebookNode, folder: Path) -> float:
    """Seconds to start a kernel in `folder` and execute every cell of `nb`."""
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(folder)}})
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    floor_nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_SOURCE)])
    rows = [("floor: kernel start + " + FLOOR_SOURCE, [run_once(floor_nb, ROOT / "notebooks") for _ in range(args.runs)])]
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        rows.append((path.name, [run_once(nbformat.read(path, as_version=4), path.parent) for _ in range(args.runs)]))

    print_table("notebook run-all", rows)


if __name__ == "__main__":
    main()
