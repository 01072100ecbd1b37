"""Sizes: the repository, its largest notebook, and each lesson once executed.

A lesson saved with its outputs must stay small (goal: 1 MB at most) and must never embed
plotly.js (about 4.9 MB, what plotly's `notebook` renderer puts in every saved file). The
repository is measured as a clone gets it: the files git tracks, and the `.git` folder.

    .venv/bin/python benchmarks/sizes.py
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import nbformat
from timing import Measure, markdown_table

ROOT = Path(__file__).resolve().parents[1]
GOAL_BYTES = 1_000_000
# Text found in plotly.js itself (its licence header and its bundle's global), never in a figure's JSON.
PLOTLY_JS_MARKERS = ("plotly.js v", "window.PlotlyConfig")


def tracked_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True).stdout
    return [ROOT / name for name in listed.decode().split("\0") if name and (ROOT / name).is_file()]


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def cloned_git_bytes() -> int:
    """The size of `.git` in a fresh clone: packed, as a user gets it, unlike this working copy's."""
    with tempfile.TemporaryDirectory(prefix="coursekit-size-") as work:
        subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), f"{work}/clone"], check=True)
        return folder_bytes(Path(work) / "clone" / ".git")


def measure(executed: dict[str, nbformat.NotebookNode]) -> list[Measure]:
    """Size rows; `executed` maps a lesson's file name to the lesson run with its outputs."""
    files = tracked_files()
    notebooks = [p for p in files if p.suffix == ".ipynb"]
    largest = max(notebooks, key=lambda p: p.stat().st_size)
    rows = [
        Measure("Size", f"tracked files ({len(files)})", [sum(p.stat().st_size for p in files)], unit="MB"),
        Measure("Size", "`.git` folder of a fresh clone", [cloned_git_bytes()], unit="MB"),
        Measure("Size", f"largest stored notebook: `{largest.relative_to(ROOT)}`", [largest.stat().st_size], unit="KB"),
    ]
    for name, nb in sorted(executed.items()):
        text = nbformat.writes(nb)
        embeds = any(marker in text for marker in PLOTLY_JS_MARKERS)
        rows.append(Measure("Size", f"{name[:2]} executed, saved with outputs", [len(text.encode())], unit="KB",
                            goal="≤ 1 MB, no plotly.js", met=len(text.encode()) <= GOAL_BYTES and not embeds,
                            note="embeds plotly.js" if embeds else "no plotly.js"))
    return rows


def main() -> None:
    from time_lessons import measure as lessons

    print(markdown_table(measure(lessons(1)[1])))


if __name__ == "__main__":
    main()
