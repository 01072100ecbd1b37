"""`make bench`: every figure issue 9 asks for, next to its floor, in one run, into the README.

Sections, in order: set-up (a fresh clone's install, uv against pip), lessons (run-all and first
chart against a kernel with the libraries imported) and the size of each executed lesson, the
suite by layer (against its kernels' start-up time), grading (ours at --jobs 1 and 2, and
nbgrader's autograde on the same exercise), interactivity (explorer updates on a corpus 1000
times the sources, and widgets in JupyterLab in chromium).

The results table replaces what lies between the two markers in benchmarks/README.md, with the
machine, the date, the command and how long the whole run took. Each row says how many runs it
is the median of: at least five where a run takes seconds; fewer where one run takes minutes
(the suite, a hundred submissions, pip), so that the whole benchmark fits in ten minutes.

    .venv/bin/python benchmarks/bench.py                 # what `make bench` runs
    .venv/bin/python benchmarks/bench.py --only lessons grading --no-write
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import sys
import time
from importlib import metadata
from pathlib import Path

from timing import Measure, markdown_table

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "benchmarks" / "README.md"
START, END = "<!-- bench:results -->", "<!-- bench:results:end -->"
SECTIONS = ("setup", "lessons", "suite", "grading", "interactivity")
GOAL_RATIO = 4.0  # our throughput against nbgrader's


def machine_description() -> str:
    cpu = "unknown CPU"
    try:
        cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())[1].strip()
    except (OSError, TypeError):
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in ("jupyterlab", "pandas", "plotly", "ipywidgets"))
    return (f"{platform.machine()}, {os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, "
            f"{platform.python_implementation()} {platform.python_version()}, {platform.system()}; {versions}")


def setup(args) -> tuple[list[Measure], list[str]]:
    from setup_time import measure

    return measure(args.runs, args.pip_runs), []


def lessons(args) -> tuple[list[Measure], list[str]]:
    from sizes import measure as sizes
    from time_lessons import measure

    rows, executed = measure(args.runs)
    return rows + sizes(executed), []


def suite(args) -> tuple[list[Measure], list[str]]:
    from time_suite import measure

    return measure(args.suite_runs), []


def grading(args) -> tuple[list[Measure], list[str]]:
    from nbgrader_compare import measure as nbgrader
    from time_grading import measure

    ours, about = measure(args.grading_runs, args.count)
    theirs = nbgrader(args.nbgrader_runs, args.nbgrader_count)
    rows = ours + theirs
    reference = next(m for m in theirs if m.unit == "/s")
    for jobs in (1, 2):
        mine = next(m for m in ours if m.name == f"grader `--jobs {jobs}` throughput")
        ratio = Measure("Grading", f"throughput `--jobs {jobs}` ÷ nbgrader's", [v / reference.median for v in mine.values],
                        unit="×", goal=f"≥ {GOAL_RATIO:.0f}×",
                        note=f"ours on {args.count}, nbgrader (serial) on {args.nbgrader_count}: each with "
                             "its own start-up, which weighs more on the smaller batch")
        ratio.met = ratio.median >= GOAL_RATIO
        rows.append(ratio)
    return rows, [about]


def interactivity(args) -> tuple[list[Measure], list[str]]:
    from browser_latency import measure as browser
    from time_corpus import measure as corpus

    return corpus(args.runs, tools=False) + browser(args.runs, url_runs=args.url_runs), []


def write_readme(text: str) -> None:
    readme = README.read_text(encoding="utf-8")
    if START not in readme or END not in readme:
        raise SystemExit(f"{README} has lost its markers {START} and {END}: put them back around the results.")
    before, rest = readme.split(START, 1)
    after = rest.split(END, 1)[1]
    README.write_text(f"{before}{START}\n{text}\n{END}{after}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=SECTIONS, default=list(SECTIONS))
    parser.add_argument("--runs", type=int, default=5, help="runs of every row that takes seconds (default 5)")
    parser.add_argument("--pip-runs", type=int, default=1, help="installs with plain pip (default 1: ~40 s each)")
    parser.add_argument("--suite-runs", type=int, default=1, help="runs of the whole suite (default 1: minutes each)")
    parser.add_argument("--grading-runs", type=int, default=1, help="runs of 100 submissions per --jobs (default 1)")
    parser.add_argument("--count", type=int, default=100, help="submissions our grader grades per run (default 100)")
    parser.add_argument("--nbgrader-runs", type=int, default=2)
    parser.add_argument("--nbgrader-count", type=int, default=15,
                        help="submissions nbgrader grades per run (default 15: about 2 s each)")
    parser.add_argument("--url-runs", type=int, default=3,
                        help="page loads from a notebook's URL, which include JupyterLab's own start (default 3)")
    parser.add_argument("--no-write", action="store_true", help="print the table, leave the README as it is")
    args = parser.parse_args()

    started = time.perf_counter()
    rows, notes = [], []
    for name in SECTIONS:
        if name in args.only:
            began = time.perf_counter()
            print(f"[bench] {name} …", file=sys.stderr, flush=True)
            section_rows, section_notes = globals()[name](args)
            rows += section_rows
            notes += section_notes
            print(f"[bench] {name}: {time.perf_counter() - began:.0f} s", file=sys.stderr, flush=True)
    minutes = (time.perf_counter() - started) / 60
    command = " ".join(["python benchmarks/bench.py", *sys.argv[1:]])
    missed = [f"{m.section}: {m.name}" for m in rows if m.met is False]
    text = "\n".join([
        f"Machine: {machine_description()}.",
        (f"Date: {time.strftime('%Y-%m-%d %H:%M')}. Command: `{command}` (`make bench`), "
        f"{minutes:.1f} minutes in all. Sections: {', '.join(args.only)}."),
        "",
        markdown_table(rows),
        "",
        *[f"{note}\n" for note in notes],
        f"Goals met: {sum(m.met is True for m in rows)} of {sum(m.met is not None for m in rows)}"
        + (f"; missed: {'; '.join(missed)}." if missed else "."),
    ])
    print(text)
    if not args.no_write:
        write_readme(text)
        print(f"\nWritten into {README.relative_to(ROOT)}.", file=sys.stderr)


if __name__ == "__main__":
    main()
