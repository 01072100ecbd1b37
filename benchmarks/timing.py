"""What the benchmark scripts share: how a set of timings is summarised and printed."""

import os
import platform
import statistics
import time


def machine() -> str:
    """One line describing where and when the numbers were taken."""
    return (f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
            f"{platform.python_implementation()} {platform.python_version()}; {time.strftime('%Y-%m-%d')}")


def print_table(what: str, rows: list[tuple[str, list[float]]], unit: str = "s") -> None:
    """A Markdown table, one row per measured thing: median (min–max) and the number of runs.

    Times are given in seconds; `unit="ms"` shows them in milliseconds, for things that take less
    than a tenth of a second.
    """
    scale, digits = (1000, 1) if unit == "ms" else (1, 2)
    print(machine())
    print()
    print(f"| {what} | wall time, median (min–max) | runs |")
    print("|---|---|---|")
    for name, times in rows:
        median, low, high = (scale * t for t in (statistics.median(times), min(times), max(times)))
        print(f"| {name} | {median:.{digits}f} {unit} ({low:.{digits}f}–{high:.{digits}f}) | {len(times)} |")
