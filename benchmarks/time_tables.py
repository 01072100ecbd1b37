"""Time loading each course table through its schema and row rules, checked and cached.

Lessons and exercises load tables in almost every cell that draws a chart. The first load of a
table checks its rules: quotations against the texts, places against the world map, "mentioned
in" columns against the texts, references to other tables (which are loaded and checked in turn).
Later loads return a copy of the checked table until a file in data/ changes.

    .venv/bin/python benchmarks/time_tables.py --runs 7
"""

import argparse
import time

from timing import print_table

from coursekit.datasets import SCHEMAS, clear_cache, load_table


def timed(name: str, runs: int, *, cached: bool) -> list[float]:
    times = []
    for _ in range(runs):
        if not cached:
            clear_cache()
        start = time.perf_counter()
        load_table(name)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    load_table("sources")  # the first load pays for imports, which no lesson pays twice
    rows = []
    for name in SCHEMAS:
        rows.append((f"`{name}`: first load, rules checked", timed(name, args.runs, cached=False)))
        rows.append((f"`{name}`: loaded again", timed(name, args.runs, cached=True)))
    print_table("load_table(name)", rows, unit="ms")


if __name__ == "__main__":
    main()
