"""Set-up: from a fresh clone to a ready environment, with the project's installer and with pip.

The repository is cloned into a temporary folder (its committed state), and `make test`'s
install step (`make .venv/.installed-test`: a new venv, then `scripts/install-venv.sh test`) is
timed there, each run from no venv at all: once per run with the installer `make` uses (uv,
bootstrapped with pip, compiling the bytecode), and with `INSTALLER=pip` (plain pip, which the
script falls back to). Both find the packages in this machine's download caches after the first
run, as on any machine that has installed them before; the table says so.

    .venv/bin/python benchmarks/setup_time.py --runs 5 --pip-runs 1
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from timing import Measure, markdown_table

ROOT = Path(__file__).resolve().parents[1]
GOAL_SECONDS = 15


def fresh_clone(work: Path) -> Path:
    clone = work / "clone"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)], check=True)
    return clone


def install_seconds(clone: Path, installer: str) -> float:
    """Seconds for `make .venv/.installed-test` in `clone`, from no venv."""
    shutil.rmtree(clone / ".venv", ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "VIRTUAL_ENV"}}
    env["INSTALLER"] = installer
    start = time.perf_counter()
    done = subprocess.run(["make", "--no-print-directory", ".venv/.installed-test"], check=False, cwd=clone, env=env,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"the install with {installer} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    if installer != "pip" and "with uv" not in done.stdout:
        raise SystemExit(f"the installer fell back to pip:\n{done.stdout[-2000:]}")
    return seconds


def measure(runs: int = 5, pip_runs: int = 1) -> list[Measure]:
    work = Path(tempfile.mkdtemp(prefix="coursekit-setup-bench-"))
    try:
        clone = fresh_clone(work)
        uv = Measure("Set-up", "fresh clone → ready (`make test`'s install step, uv)",
                     [install_seconds(clone, "uv") for _ in range(runs)], goal=f"≤ {GOAL_SECONDS} s")
        uv.met = uv.median <= GOAL_SECONDS
        rows = [uv]
        if pip_runs:
            pip = Measure("Set-up", "the same with plain pip (`INSTALLER=pip`)",
                          [install_seconds(clone, "pip") for _ in range(pip_runs)])
            uv.note = f"{pip.median / uv.median:.1f}× faster than pip; download caches warm"
            rows.append(pip)
        return rows
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pip-runs", type=int, default=1)
    args = parser.parse_args()
    print(markdown_table(measure(args.runs, args.pip_runs)))


if __name__ == "__main__":
    main()
