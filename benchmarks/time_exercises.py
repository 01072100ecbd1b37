"""Time the exercises: the master notebooks under nbval, a student's checks, and the release.

- `pytest --nbval-lax solutions/` on one process and on two (`-n 2 --dist loadfile`), next to its
  floor measured in the same run: as many trivial notebooks (a kernel start and the libraries'
  imports) under the same command.
- One `check()` per question with the reference answer, in this process: how long a student waits
  for feedback once the answer is computed.
- `python -m coursekit.release --check`: rebuilding every exercise in memory and comparing.

    .venv/bin/python benchmarks/time_exercises.py --runs 5
"""

import argparse
import importlib
import io
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stdout
from pathlib import Path

import nbformat
from timing import print_table

from coursekit.checks import Question, checker

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
FLOOR_SOURCE = "import pandas, plotly.express"


def timed_command(command: list[str], runs: int, cwd: Path) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def floor_folder(count: int) -> Path:
    """A folder of `count` trivial notebooks, with the repository's conftest (private, offline kernels)."""
    folder = Path(tempfile.mkdtemp(prefix="coursekit-floor-"))
    (folder / "tests" / "support").mkdir(parents=True)
    (folder / "conftest.py").write_bytes((ROOT / "conftest.py").read_bytes())
    offline = ROOT / "tests" / "support" / "offline_kernel.py"
    (folder / "tests" / "support" / offline.name).write_bytes(offline.read_bytes())
    for n in range(count):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_SOURCE)])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, folder / f"{n:02d}-Floor.ipynb")
    return folder


def check_times(runs: int) -> list[tuple[str, list[float]]]:
    # tests/answers.py runs a master notebook in this process and collects what its checks get
    from answers import solution_answers

    rows = []
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        number = path.name[:2]
        answers = solution_answers(number)
        questions = importlib.import_module(f"coursekit.questions.ex{number}").QUESTIONS
        check = checker(number)
        times = []
        for _ in range(runs):
            for question in questions:
                if isinstance(question, Question):
                    start = time.perf_counter()
                    with redirect_stdout(io.StringIO()):
                        check(question.qid, answers[question.qid])
                    times.append(time.perf_counter() - start)
        rows.append((f"exercise {number}: one check() with the right answer", times))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    python = sys.executable
    masters = sorted((ROOT / "solutions").glob("*.ipynb"))
    floor = floor_folder(len(masters))
    nbval = [python, "-m", "pytest", "-q", "--nbval-lax", "-p", "no:cacheprovider"]
    two = ["-n", "2", "--dist", "loadfile"]
    rows = [
        (f"floor: {len(masters)} trivial notebooks under nbval, 1 process", timed_command([*nbval, "."], args.runs, floor)),
        ("`pytest --nbval-lax solutions/`, 1 process", timed_command([*nbval, "solutions"], args.runs, ROOT)),
        (f"floor: {len(masters)} trivial notebooks under nbval, 2 processes",
         timed_command([*nbval, *two, "."], args.runs, floor)),
        ("`pytest --nbval-lax solutions/ -n 2 --dist loadfile`", timed_command([*nbval, *two, "solutions"], args.runs, ROOT)),
        ("`python -m coursekit.release --check`",
         timed_command([python, "-m", "coursekit.release", "--check"], args.runs, ROOT)),
    ]
    print_table("exercises", rows)
    print()
    print_table("checks", check_times(args.runs), unit="ms")


if __name__ == "__main__":
    main()
