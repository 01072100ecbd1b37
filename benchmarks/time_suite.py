"""Time `make test` (after the install step) and the install step itself, and print a table.

The install is timed from an empty virtual environment in a temporary folder, once with the
project's installer (uv, bootstrapped with pip) and once with plain pip, so the two can be compared.

    .venv/bin/python benchmarks/time_suite.py --runs 5
"""

import argparse
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from timing import print_table

ROOT = Path(__file__).resolve().parents[1]


def seconds(command: list[str], **kwargs) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - start


def install_time(installer: str) -> float:
    """Seconds for scripts/install-venv.sh to build a fresh venv with the test extras."""
    venv = Path(tempfile.mkdtemp(prefix="bench-venv-")) / "venv"
    try:
        env = {**os.environ, "VENV": str(venv), "INSTALLER": installer}
        return seconds(["scripts/install-venv.sh", "test"], cwd=ROOT, env=env)
    finally:
        shutil.rmtree(venv.parent)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--install-runs", type=int, default=3)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
    subprocess.run(["make", "--no-print-directory", ".venv/.installed-test"], cwd=ROOT, env=env, check=True)
    rows = [
        ("`make test`, environment already installed", [seconds(["make", "test"], cwd=ROOT, env=env) for _ in range(args.runs)]),
        ("install from an empty venv with uv (the default)", [install_time("uv") for _ in range(args.install_runs)]),
        ("install from an empty venv with plain pip", [install_time("pip") for _ in range(args.install_runs)]),
    ]
    print_table("what", [(name, times) for name, times in rows if times])  # --install-runs 0 skips installs


if __name__ == "__main__":
    main()
