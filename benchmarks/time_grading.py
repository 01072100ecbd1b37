"""Time the teacher's grader on a generated batch of submissions, next to the floor of starting kernels.

It writes `--count` submissions of one exercise (default 100 of exercise 03) into a temporary
folder, a fixed mix like a real class: about half fully right, 30 % partly right (one or two
answers blanked or replaced by a plausible wrong one), 15 % blank or nearly blank, and a few that
never reach a kernel (invalid JSON, an empty file, another exercise). `--slow K` adds K
submissions with an infinite loop, each of which costs the grader's cell timeout.

Then, `--runs` times each, it times as subprocesses
`python -m coursekit.grading FOLDER --out grades.csv --quiet --jobs 1`, and `--jobs 2`, and
returns wall times and submissions per second (issue 9's goal: 100 submissions in 45 s with
`--jobs 2`). Two comparisons can be added:
- `--no-fork`: the grader starting every kernel as a new Python process (as before issue 9);
- `--floor`: a one-cell notebook (`1 + 1`) executed through nbclient with its default `python3`
  kernel, once per submission, in one process, and split over two processes running at once.
nbgrader's autograde, the comparison issue 9 asks for, is measured by `nbgrader_compare.py`.

    .venv/bin/python benchmarks/time_grading.py --runs 3 --no-fork
    .venv/bin/python benchmarks/time_grading.py --runs 1 --count 10     # a quick smoke run
"""

import argparse
import collections
import csv
import itertools
import random
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from timing import Measure, machine, markdown_table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
GOAL_COUNT, GOAL_SECONDS_JOBS_2 = 100, 45  # issue 9: 100 submissions in 45 s with --jobs 2

# One process of the floor: COUNT kernels started by nbclient's defaults, each running `1 + 1`.
FLOOR_WORKER = """
import sys, tempfile
import nbformat
from nbclient import NotebookClient
with tempfile.TemporaryDirectory(prefix="coursekit-floor-") as folder:
    for _ in range(int(sys.argv[1])):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
        NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": folder}}).execute()
"""

# Mistakes students make in exercise 03, as (question, text of the right answer, text that replaces it).
MISTAKES = {
    "03": [
        ("q1", '[["stage", "kind", "outcome"]]', '[["stage", "kind"]]'),  # a column forgotten
        ("q2", 'chain["kind"] == "account"', 'chain["confidence"] == "medium"'),  # confidence taken for the kind
        ("q3", 'isin(["restricted", "blocked"])', 'isin(["blocked"])'),  # one outcome of two
        ("q4", 'per_case = chain["case"]', 'per_case = chain[chain["kind"] == "event"]["case"]'),  # events only
        ("q5", " and gave us screening rights.", "."),  # the sentence cut short
    ],
}


def _checked_names(nb) -> dict[str, str]:
    """The variable each check cell checks, by question id (`check("q1", welcome)` gives q1: welcome)."""
    from support.submissions import check_cells

    names = {}
    for cell in check_cells(nb):
        call = cell.source.strip().splitlines()[-1]
        names[cell.metadata["coursekit"]["check"]] = call.split(",", 1)[1].strip().rstrip(")").strip()
    return names


def wrong(nb, number: str, qid: str):
    """A copy of `nb` whose answer to `qid` is plausibly wrong: a known mistake, or else a value one short."""
    from support.submissions import answer_cell, with_answer

    source = answer_cell(nb, qid).source
    for question, right_text, wrong_text in MISTAKES.get(number, []):
        if question == qid:
            if right_text not in source:
                raise SystemExit(f"the master's answer to {number} {qid} changed: update MISTAKES ({right_text!r}).")
            return with_answer(nb, qid, source.replace(right_text, wrong_text, 1))
    name = _checked_names(nb)[qid]
    return with_answer(nb, qid, source + (
        f"\ntry:\n    {name} = {name}[:-1]  # a row, an item or a character short\n"
        f"except TypeError:\n    {name} = {name} + 1 if isinstance({name}, (int, float)) else None\n"))


def make_batch(folder: Path, number: str, count: int, slow: int) -> collections.Counter:
    """Write `count` + `slow` submissions of exercise `number` into `folder`; return how many of each kind."""
    from support.submissions import (
        answer_cell,
        blank,
        master,
        right,
        with_answer,
        write,
    )

    stem = master(number).stem
    others = sorted(p.name[:2] for p in (ROOT / "solutions").glob("*.ipynb") if p.name[:2] != number)
    good, empty = right(number), blank(number)
    automatic = sorted(_checked_names(good))
    n_right, n_partly, n_blank = round(0.5 * count), round(0.3 * count), int(0.15 * count)
    kinds = (["right"] * n_right + ["partly right"] * n_partly + ["blank or nearly blank"] * n_blank
             + ["broken"] * (count - n_right - n_partly - n_blank) + ["infinite loop"] * slow)
    random.Random(7).shuffle(kinds)  # interleaved, so that neither worker of --jobs 2 gets all the slow ones
    seen: collections.Counter = collections.Counter()
    broken = itertools.cycle(["invalid JSON", "empty file", "another exercise"])
    for index, kind in enumerate(kinds):
        nth = seen[kind]
        seen[kind] += 1
        path = folder / f"student{index:03d}_{stem}.ipynb"
        if kind == "right":
            write(good, path)
        elif kind == "partly right":  # one or two answers, blanked or wrong, in turn
            nb = good
            for k in range(1 + nth % 2):
                qid = automatic[(nth + 2 * k) % len(automatic)]
                nb = (with_answer(nb, qid, answer_cell(empty, qid).source) if (nth + k) % 2
                      else wrong(nb, number, qid))
            write(nb, path)
        elif kind == "blank or nearly blank":  # every other one has a single answer filled in
            qid = automatic[nth % len(automatic)]
            write(empty if nth % 2 == 0 else with_answer(empty, qid, answer_cell(good, qid).source), path)
        elif kind == "infinite loop":
            write(with_answer(good, automatic[0], "while True:\n    pass"), path)
        else:
            problem = next(broken)
            seen[f"broken: {problem}"] += 1
            if problem == "invalid JSON":  # cut off mid-upload
                text = write(good, path).read_text(encoding="utf-8")
                path.write_text(text[: len(text) // 2], encoding="utf-8")
            elif problem == "empty file":
                path.write_bytes(b"")
            else:
                other = others[nth % len(others)]
                write(right(other), folder / f"student{index:03d}_{master(other).stem}.ipynb")
    return seen


def timed(commands: list[list[str]]) -> float:
    """Wall time of running `commands` at the same time, until the last one ends; each must succeed."""
    with ExitStack() as stack:  # stderr to files, not pipes: a kernel's warnings can never block a process
        errors = [stack.enter_context(tempfile.TemporaryFile()) for _ in commands]
        start = time.perf_counter()
        processes = [subprocess.Popen(c, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=e) for c, e in zip(commands, errors)]
        codes = [process.wait() for process in processes]
        seconds = time.perf_counter() - start
        for command, code, error in zip(commands, codes, errors):
            if code != 0:
                error.seek(0)
                raise SystemExit(f"{' '.join(command)} failed ({code}):\n{error.read().decode(errors='replace')[-3000:]}")
    return seconds


def verified(gradebook: Path, exercise: str, mix: collections.Counter, count: int) -> collections.Counter:
    """The gradebook's statuses, after checking that it graded what was handed in: every notebook
    that can run graded (none died, timed out or failed the grader), and exactly the right ones
    with every automatic point. A grader that went fast by grading nothing cannot pass."""
    from coursekit.checks import Question
    from coursekit.grading.exercises import load_exercise

    automatic = sum(q.points for q in load_exercise(exercise).questions if isinstance(q, Question))
    with gradebook.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    statuses = collections.Counter(row["status"] for row in rows)
    runnable = mix["right"] + mix["partly right"] + mix["blank or nearly blank"]
    full = sum(row["status"] == "graded" and row["checks"] == str(automatic) for row in rows)
    if len(rows) != count or statuses["graded"] != runnable or full != mix["right"]:
        raise SystemExit(f"{gradebook}: expected {count} rows, {runnable} graded, {mix['right']} with all "
                         f"{automatic} automatic points; found {len(rows)} rows, {dict(statuses)}, {full} full.")
    return statuses


def measure(runs: int = 1, count: int = 100, exercise: str = "03", slow: int = 0, floor: bool = False,
            no_fork: bool = False) -> tuple[list[Measure], str]:
    """Rows for the grader with --jobs 1 and 2 (and, if asked, without its fork server, and the
    floor of as many trivial notebooks), and a paragraph on what was graded."""
    python = sys.executable
    work = Path(tempfile.mkdtemp(prefix="coursekit-grading-bench-"))
    total = count + slow
    try:
        submissions = work / "submissions"
        mix = make_batch(submissions, exercise, count, slow)
        grader = [python, "-m", "coursekit.grading", str(submissions), "--quiet"]
        variants = [("", [])] + ([(" --no-fork", ["--no-fork"])] if no_fork else [])
        times: dict[str, list[float]] = collections.defaultdict(list)
        for run in range(runs):
            for jobs in (1, 2):
                for label, extra in variants:
                    out = work / f"run{run}-jobs{jobs}{label.strip()}"
                    command = [*grader, "--out", str(out / "grades.csv"), "--jobs", str(jobs), *extra]
                    times[f"grader `--jobs {jobs}{label}`"].append(timed([command]))
                    statuses = verified(out / "grades.csv", exercise, mix, total)
            if floor:
                worker = [python, "-c", FLOOR_WORKER]
                times[f"floor: nbclient, trivial notebook × {total} (1 process)"].append(timed([[*worker, str(total)]]))
                halves = [n for n in (total - total // 2, total // 2) if n]
                times[f"floor × {total} (2 processes)"].append(timed([[*worker, str(n)] for n in halves]))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    rows = []
    for name, values in times.items():
        rows.append(Measure("Grading", f"{name}, {total} submissions", values))
        if name.startswith("grader") and "no-fork" not in name:
            rows.append(Measure("Grading", f"{name} throughput", [total / v for v in values], unit="/s"))
    goal = GOAL_SECONDS_JOBS_2 * total / GOAL_COUNT
    jobs_2 = next(r for r in rows if r.name == f"grader `--jobs 2`, {total} submissions")
    jobs_2.goal, jobs_2.met = f"≤ {goal:.0f} s", jobs_2.median <= goal
    kinds = ["right", "partly right", "blank or nearly blank", "broken"]
    made = " · ".join(f"{kind} {mix[kind]}" for kind in kinds)
    problems = ", ".join(f"{kind.removeprefix('broken: ')} {n}" for kind, n in sorted(mix.items())
                         if kind.startswith("broken: "))
    about = (f"Exercise {exercise}, {total} submissions generated: {made}" + (f" ({problems})" if problems else "")
             + f"; {slow} with an infinite loop. Statuses in the last gradebook (`--jobs 2`): "
             + " · ".join(f"{status} {n}" for status, n in sorted(statuses.items())) + ".")
    return rows, about


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="repetitions of each measurement (default: 1)")
    parser.add_argument("--count", type=int, default=100, help="submissions to generate (default: 100)")
    parser.add_argument("--exercise", default="03", metavar="NN", help="the exercise they submit (default: 03)")
    parser.add_argument("--slow", type=int, default=0, metavar="K",
                        help="also K submissions with an infinite loop, each costing a cell timeout (default: 0)")
    parser.add_argument("--floor", action="store_true",
                        help="also time as many trivial notebooks through nbclient, in one and two processes")
    parser.add_argument("--no-fork", action="store_true",
                        help="also time the grader with --no-fork (every kernel a new Python process)")
    args = parser.parse_args()
    rows, about = measure(args.runs, args.count, args.exercise, args.slow, args.floor, args.no_fork)
    print(machine())
    print()
    print(markdown_table(rows))
    print()
    print(about)


if __name__ == "__main__":
    main()
