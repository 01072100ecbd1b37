"""Time the teacher's grader on a generated batch of submissions, next to the floor of starting kernels.

It writes `--count` submissions of one exercise (default 100 of exercise 03) into a temporary
folder, a fixed mix like a real class: about half fully right, 30 % partly right (one or two
answers blanked or replaced by a plausible wrong one), 15 % blank or nearly blank, and a few that
never reach a kernel (invalid JSON, an empty file, another exercise). `--slow K` adds K
submissions with an infinite loop, each of which costs the grader's cell timeout.

Then, `--runs` times each, it times as subprocesses:
- `python -m coursekit.grading FOLDER --out grades.csv --quiet --jobs 1`, and `--jobs 2`;
- the floor, measured in the same run: a one-cell notebook (`1 + 1`) executed through nbclient
  with its default `python3` kernel, once per submission, in one process, and split over two
  processes running at once (to compare with `--jobs 2`).

It prints a Markdown table (wall time, submissions per second, seconds per submission), the
statuses of the last gradebook, and whether issue 7's goal is met: 100 submissions in under
2 minutes.

    .venv/bin/python benchmarks/time_grading.py --runs 3
    .venv/bin/python benchmarks/time_grading.py --runs 1 --count 10     # a quick smoke run
"""

import argparse
import collections
import csv
import itertools
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from timing import machine

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
GOAL_COUNT, GOAL_SECONDS = 100, 120

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


def print_rows(rows: list[tuple[str, list[float]]], count: int) -> None:
    print(f"| {count} submissions | wall time, median (min–max) | submissions per second | seconds per submission | runs |")
    print("|---|---|---|---|---|")
    for name, times in rows:
        median = statistics.median(times)
        print(f"| {name} | {median:.1f} s ({min(times):.1f}–{max(times):.1f}) | {count / median:.2f} "
              f"| {median / count:.2f} | {len(times)} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="repetitions of each measurement (default: 3)")
    parser.add_argument("--count", type=int, default=100, help="submissions to generate (default: 100)")
    parser.add_argument("--exercise", default="03", metavar="NN", help="the exercise they submit (default: 03)")
    parser.add_argument("--slow", type=int, default=0, metavar="K",
                        help="also K submissions with an infinite loop, each costing a cell timeout (default: 0)")
    parser.add_argument("--no-prestart", action="store_true",
                        help="also time the grader with --no-prestart (each kernel started only when needed)")
    args = parser.parse_args()
    python = sys.executable
    work = Path(tempfile.mkdtemp(prefix="coursekit-grading-bench-"))
    try:
        submissions = work / "submissions"
        mix = make_batch(submissions, args.exercise, args.count, args.slow)
        total = args.count + args.slow
        grader = [python, "-m", "coursekit.grading", str(submissions), "--quiet"]
        floor = [python, "-c", FLOOR_WORKER]
        halves = [total - total // 2, total // 2]
        rows: dict[str, list[float]] = collections.defaultdict(list)
        for run in range(args.runs):
            for jobs in (1, 2):
                out = work / f"run{run}-jobs{jobs}"
                command = [*grader, "--out", str(out / "grades.csv"), "--jobs", str(jobs)]
                rows[f"grader `--jobs {jobs}`"].append(timed([command]))
                last = out / "grades.csv"
                if args.no_prestart:
                    rows[f"grader `--jobs {jobs} --no-prestart`"].append(timed([[*command, "--no-prestart"]]))
            rows[f"floor: nbclient, trivial notebook × {total} (1 process)"].append(timed([[*floor, str(total)]]))
            rows[f"floor × {total} (2 processes)"].append(timed([[*floor, str(n)] for n in halves if n]))
        with last.open(encoding="utf-8") as f:
            statuses = collections.Counter(row["status"] for row in csv.DictReader(f))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(machine())
    print()
    print_rows(list(rows.items()), total)
    print()
    kinds = ["right", "partly right", "blank or nearly blank", "broken"]
    made = " · ".join(f"{kind} {mix[kind]}" for kind in kinds)
    problems = ", ".join(f"{kind.removeprefix('broken: ')} {n}" for kind, n in sorted(mix.items())
                         if kind.startswith("broken: "))
    print(f"Exercise {args.exercise}, {total} submissions generated: {made}" + (f" ({problems})" if problems else "")
          + f"; {args.slow} with an infinite loop (--slow).")
    print("Statuses in the last grades.csv (--jobs 2): "
          + " · ".join(f"{status} {n}" for status, n in sorted(statuses.items())) + ".")
    for jobs in (1, 2):
        per_hundred = statistics.median(rows[f"grader `--jobs {jobs}`"]) / total * GOAL_COUNT
        scaled = "" if total == GOAL_COUNT else f", scaled from {total}"
        verdict = "met" if per_hundred < GOAL_SECONDS else "NOT met"
        print(f"Goal, {GOAL_COUNT} submissions in under {GOAL_SECONDS} s, with --jobs {jobs}: {verdict} "
              f"({per_hundred:.0f} s per {GOAL_COUNT}{scaled}).")


if __name__ == "__main__":
    main()
