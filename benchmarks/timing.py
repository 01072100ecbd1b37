"""What the benchmark scripts share: a measured figure, how it is summarised and how it is printed.

Every figure is the median of several runs with their minimum and maximum, because timings on a
shared two-core machine vary by ±20 % from run to run; a figure that has a floor (what no
implementation can beat, measured in the same run) is shown next to it.
"""

from __future__ import annotations

import os
import platform
import statistics
import time
from dataclasses import dataclass

# How each unit is shown: a scale from the stored value and the digits after the point.
UNITS = {"s": (1, 2), "ms": (1000, 1), "MB": (1 / 1e6, 2), "KB": (1 / 1e3, 1), "/s": (1, 2), "×": (1, 2)}


@dataclass
class Measure:
    """One row of the results: `values` holds one number per run, in seconds (bytes for sizes,
    submissions per second for "/s"); `floor` is in the same unit, `goal` says what is asked and
    `met` whether the median meets it (None: nothing is asked of this row)."""

    section: str
    name: str
    values: list[float]
    unit: str = "s"
    floor: float | None = None
    goal: str = ""
    met: bool | None = None
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def show(self, value: float) -> str:
        scale, digits = UNITS[self.unit]
        return f"{value * scale:.{digits}f} {self.unit}".replace(" ×", "×")

    def summary(self) -> str:
        if len(self.values) == 1:
            return self.show(self.values[0])
        return f"{self.show(self.median)} ({self.show(min(self.values))}–{self.show(max(self.values))})"

    def verdict(self) -> str:
        if self.met is None:
            return ""
        return "met" if self.met else "**missed**"


def machine() -> str:
    """One line describing where and when the numbers were taken."""
    return (f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
            f"{platform.python_implementation()} {platform.python_version()}; {time.strftime('%Y-%m-%d')}")


def markdown_table(measures: list[Measure]) -> str:
    """The results as one Markdown table, a row per measure, notes in the last column."""
    lines = ["| section | what | median (min–max) | runs | floor | goal | verdict | note |",
             "|---|---|---|---|---|---|---|---|"]
    for m in measures:
        floor = m.show(m.floor) if m.floor is not None else ""
        lines.append(f"| {m.section} | {m.name} | {m.summary()} | {len(m.values)} | {floor} | {m.goal} "
                     f"| {m.verdict()} | {m.note} |")
    return "\n".join(lines)


def print_table(what: str, rows: list[tuple[str, list[float]]], unit: str = "s") -> None:
    """A Markdown table, one row per measured thing: median (min–max) and the number of runs.

    Times are given in seconds; `unit="ms"` shows them in milliseconds, for things that take less
    than a tenth of a second.
    """
    print(machine())
    print()
    print(f"| {what} | wall time, median (min–max) | runs |")
    print("|---|---|---|")
    for name, times in rows:
        print(f"| {name} | {Measure('', name, times, unit).summary()} | {len(times)} |")
