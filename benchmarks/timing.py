"""What the benchmark scripts share: how a set of timings is summarised and printed."""

import os
import platform
import statistics
import time


def machine() -> str:
    """One line describing where and when the numbers were taken."""
    return (f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
            f"{platform.python_implementation()} {platform.python_version()}; {time.strftime('%Y-%m-%d')}")


def print_table(what: str, rows: list[tuple[str, list[float]]]) -> None:
    """A Markdown table, one row per measured thing: median (min–max) and the number of runs."""
    print(machine())
    print()
    print(f"| {what} | wall time, median (min–max) | runs |")
    print("|---|---|---|")
    for name, times in rows:
        print(f"| {name} | {statistics.median(times):.2f} s ({min(times):.2f}–{max(times):.2f}) | {len(times)} |")
