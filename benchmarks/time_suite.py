"""Time the test suite `make test` runs, split by layer, against its floor of kernel starts.

Runs the command of `make test` (`python -m pytest -n 2 --dist loadfile`, not through make, so that
nothing is installed first) with benchmarks/suite_plugin.py loaded in the controller and in both
xdist workers. Per run it measures:

- the kernel start, the unit of the floor: the median of 5 trivial notebooks (`pass`) executed
  through nbclient with the `python3` kernel (start, run, shut down), in private Jupyter folders
  with the offline start-up file, as the suite's kernels run, just before the suite;
- the wall time of the pytest command, and its outcome: a suite that fails is reported loudly,
  and then its row does not meet the goal whatever its time;
- per test item, from the plugin: worker, layer, start and end of set-up + call + teardown;
- every kernel the suite starts, found by a thread that polls /proc every 50 ms for new processes
  running `ipykernel_launcher`, `ipykernel` or `coursekit.grading.kernel`, or forked as a kernel
  by the grader's fork server (`coursekit.grading.forkserver`), whose environment holds this
  run's marker variable (kernels of other programs on the machine do not count). A kernel is
  attributed to the test item that was running, on the xdist worker among its ancestors, when the
  kernel process was created (its start time from /proc/<pid>/stat). That also places the kernels
  of JupyterLab, whose environment is the server's and names the test that started the server,
  and those of a pytest run inside a test. Only a kernel whose ancestry is lost falls back on the
  PYTEST_CURRENT_TEST in its environment; the ones neither way places are reported.

A layer's wall-time share is the sum of its items' busy durations divided by the number of workers.
That approximates its part of the wall time of a parallel run; it is exact only if both workers
are busy all the time, and collection and worker start-up belong to no layer (the notes give the
time outside test items). A layer's floor is its kernels × the kernel start / workers; the suite's
floor is all its kernels × the kernel start / workers. Issue 9's goals: the whole suite within
1.5× its floor, and under 4 minutes.

    .venv/bin/python benchmarks/time_suite.py --runs 1
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from suite_plugin import FOLDER_ENV, LAYERS, layers_matching
from timing import Measure, machine, markdown_table

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
WORKERS = 2
PYTEST = [sys.executable, "-m", "pytest", "-n", str(WORKERS), "--dist", "loadfile", "-p", "suite_plugin"]
FLOOR_RUNS = 5
POLL_S = 0.05
SETTLE_S = 0.3  # a new process that has run its own program this long without being a kernel is none
# A process's start time is known to 10 ms (clock ticks), the boot time it counts from to 10 ms too:
# a kernel started that close to its test's start may look as if it came during the test before.
CLOCK_SLACK_S = 0.05
KERNEL_MODULES = {"ipykernel_launcher", "ipykernel", "coursekit.grading.kernel"}
# The grader's fork server imports a kernel's libraries once, then forks each kernel from itself
# without exec: a kernel is then a process running the server's module whose parent runs it too.
FORK_SERVERS = {"coursekit.grading.forkserver"}
GOAL_S, GOAL_RATIO = 240, 1.5
TOP_FILES = 10


@contextmanager
def private_jupyter():
    """Private Jupyter and IPython folders with the offline start-up file, as the repository's conftest.py
    gives the suite's kernels, so that the floor's kernel starts the same way; the environment is restored after."""
    saved = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="coursekit-floor-") as private:
        for variable, sub in [("IPYTHONDIR", "ipython"), ("JUPYTER_CONFIG_DIR", "config"),
                              ("JUPYTER_DATA_DIR", "data"), ("JUPYTER_RUNTIME_DIR", "runtime")]:
            os.environ[variable] = os.path.join(private, sub)
        os.environ["JUPYTER_PLATFORM_DIRS"] = "1"
        startup = Path(os.environ["IPYTHONDIR"]) / "profile_default" / "startup"
        startup.mkdir(parents=True)
        shutil.copy(ROOT / "tests" / "support" / "offline_kernel.py", startup / "00-offline.py")
        try:
            yield Path(private)
        finally:
            os.environ.clear()
            os.environ.update(saved)


def kernel_start_times(runs: int = FLOOR_RUNS) -> list[float]:
    """Seconds to execute a one-cell notebook (`pass`) through nbclient: a kernel's start, one cell, shutdown."""
    times = []
    with private_jupyter() as folder:
        for _ in range(runs):
            nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")])
            start = time.perf_counter()
            client = NotebookClient(nb, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(folder)}})
            client.execute(stderr=subprocess.DEVNULL)  # the kernel's start-up warnings would clutter the table
            times.append(time.perf_counter() - start)
    return times


@dataclass
class Kernel:
    """A kernel process seen during the suite: when it was created and what it came from."""

    pid: int
    start: float  # time.time() of the process's creation
    ancestors: list[int]  # parent, grandparent, ... up to pid 1
    current_test: str | None  # PYTEST_CURRENT_TEST in its environment, phase removed
    forked: bool  # forked by the grader's fork server rather than started as a program


def read_proc(pid: int, name: str) -> bytes | None:
    try:
        return (Path("/proc") / str(pid) / name).read_bytes()
    except OSError:  # gone, or not ours to read
        return None


def stat_fields(pid: int) -> list[str] | None:
    """The fields of /proc/<pid>/stat after the command name (which may hold spaces): state is [0], ppid [1]."""
    stat = read_proc(pid, "stat")
    return stat.rsplit(b")", 1)[1].split() if stat else None


def command_line(pid: int) -> list[str] | None:
    cmdline = read_proc(pid, "cmdline")
    return cmdline.decode(errors="replace").split("\0") if cmdline is not None else None


def runs_module(cmdline: list[str] | None, modules: set[str]) -> bool:
    return bool(cmdline) and any(arg in modules for arg in cmdline[1:])


def parent_command_line(pid: int) -> list[str] | None:
    fields = stat_fields(pid)
    return command_line(int(fields[1])) if fields else None


def kernel_kind(pid: int, cmdline: list[str]) -> str | None:
    """"started" for a kernel run as its own program, "forked" for one forked by a fork server, else None."""
    if runs_module(cmdline, KERNEL_MODULES) or any(Path(arg).name == "ipykernel_launcher.py" for arg in cmdline):
        return "started"
    if runs_module(cmdline, FORK_SERVERS) and runs_module(parent_command_line(pid), FORK_SERVERS):
        return "forked"
    return None


class KernelWatch(threading.Thread):
    """Polls /proc for new kernel processes that carry `marker` (NAME=value) in their environment.

    A new process is looked at until it runs a kernel, or has run a program other than its parent's
    for SETTLE_S: until it execs, a forked child shows its parent's command line. Processes forked
    by a kernel are not counted again. Process ids are reused (pid_max may be 32768), so nothing
    is remembered by id once the process has gone.
    """

    def __init__(self, marker: bytes) -> None:
        super().__init__(daemon=True)
        self.marker = marker
        self.kernels: list[Kernel] = []
        self.stopping = threading.Event()
        self.settled = self.pids()  # what runs already is no kernel of this suite
        self.new: dict[int, float] = {}
        self.boot = time.time() - float(Path("/proc/uptime").read_text().split()[0])
        self.tick = os.sysconf("SC_CLK_TCK")

    @staticmethod
    def pids() -> set[int]:
        return {int(name) for name in os.listdir("/proc") if name.isdigit()}

    def run(self) -> None:
        while not self.stopping.wait(POLL_S):
            self.poll()
        self.poll()

    def stop(self) -> list[Kernel]:
        self.stopping.set()
        self.join()
        return self.kernels

    def poll(self) -> None:
        now = time.monotonic()
        pids = self.pids()
        self.settled &= pids
        self.new = {pid: seen for pid, seen in self.new.items() if pid in pids}
        for pid in pids - self.settled:
            seen = self.new.setdefault(pid, now)
            cmdline = command_line(pid)
            if cmdline and (kind := kernel_kind(pid, cmdline)):
                self.record(pid, forked=kind == "forked")
            elif cmdline is not None and (now - seen < SETTLE_S or cmdline == parent_command_line(pid)):
                continue  # it may still exec a kernel
            self.settled.add(pid)
            del self.new[pid]

    def record(self, pid: int, forked: bool) -> None:
        environ = (read_proc(pid, "environ") or b"").split(b"\0")
        fields = stat_fields(pid)
        if self.marker not in environ or fields is None:
            return
        ancestors, parent = [], int(fields[1])
        while parent > 1 and (parent_fields := stat_fields(parent)) is not None:
            ancestors.append(parent)
            parent = int(parent_fields[1])
        if any(kernel_kind(ancestor, command_line(ancestor) or [""]) for ancestor in ancestors):
            return
        current = next((v.decode(errors="replace") for k, _, v in (e.partition(b"=") for e in environ)
                        if k == b"PYTEST_CURRENT_TEST"), None)
        self.kernels.append(Kernel(pid, self.boot + int(fields[19]) / self.tick, ancestors,
                                   current.rsplit(" (", 1)[0] if current else None, forked))


@dataclass
class SuiteRun:
    """One run of the suite: its wall time and outcome, its items (the plugin's records) and kernels."""

    began: float  # time.time() when pytest was started
    wall: float
    returncode: int
    output_tail: str
    kernel_start: float  # median seconds, measured just before the suite
    items: list[dict]
    kernels: list[Kernel]
    placed: dict[str, list[str]] = field(default_factory=dict)  # how -> node ids ("" = not placed)
    doubtful: list[str] = field(default_factory=list)  # the kernels not placed by worker and time, described

    def __post_init__(self) -> None:
        for kernel in self.kernels:
            how, nodeid = self.place(kernel)
            self.placed.setdefault(how, []).append(nodeid)
            if how != "worker and time":
                self.doubtful.append(f"kernel {kernel.pid} ({'forked' if kernel.forked else 'started'}) "
                                     f"{how} {nodeid}, started {kernel.start - self.began:.1f} s into the run, "
                                     f"its PYTEST_CURRENT_TEST {kernel.current_test}")

    def place(self, kernel: Kernel) -> tuple[str, str]:
        """The test item that started `kernel`: one running on the xdist worker among its ancestors when
        it was created, else the one its environment names.

        Items follow each other without a gap and a start time is known to within CLOCK_SLACK_S, so
        near a boundary the item its PYTEST_CURRENT_TEST names wins if it is one of the two.
        """
        workers = {item["pid"] for item in self.items}
        worker = next((pid for pid in kernel.ancestors if pid in workers), None)

        def distance(item: dict) -> float:
            return max(item["start"] - kernel.start, kernel.start - item["end"], 0.0)

        near = [item for item in self.items if item["pid"] == worker and distance(item) <= CLOCK_SLACK_S]
        if near:
            named = [item for item in near if item["nodeid"] == kernel.current_test]
            return "worker and time", (named or sorted(near, key=distance))[0]["nodeid"]
        if kernel.current_test in {item["nodeid"] for item in self.items}:
            return "PYTEST_CURRENT_TEST", kernel.current_test
        return "not placed", ""

    @property
    def kernels_by_test(self) -> collections.Counter:
        return collections.Counter(nodeid for how, ids in self.placed.items() if how != "not placed" for nodeid in ids)

    @property
    def outcomes(self) -> collections.Counter:
        return collections.Counter(item["outcome"] for item in self.items)

    @property
    def failed(self) -> bool:
        return self.returncode != 0 or bool(self.outcomes["failed"] + self.outcomes["error"]) or not self.items

    def by(self, key: str) -> dict[str, dict]:
        """Tests, busy seconds and kernels per value of `key` ("layer" or "file")."""
        kernels = self.kernels_by_test
        groups: dict[str, dict] = {}
        for item in self.items:
            group = groups.setdefault(item[key], {"layer": item["layer"], "tests": 0, "busy": 0.0, "kernels": 0})
            group["tests"] += 1
            group["busy"] += item["end"] - item["start"]
            group["kernels"] += kernels[item["nodeid"]]
        return groups

    def floor(self, kernels: int) -> float:
        return kernels * self.kernel_start / WORKERS

    @property
    def outside_items(self) -> float:
        """Wall time that is in no test item's share: start-up, collection, a worker left idle, exit."""
        return self.wall - sum(item["end"] - item["start"] for item in self.items) / WORKERS


def check_layers() -> None:
    """Print every test file that no layer claims (it counts as unit) or that several claim."""
    files = [p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "tests").rglob("test_*.py"))]
    files += [p.relative_to(ROOT).as_posix() for folder in ("notebooks", "solutions")
              for p in sorted((ROOT / folder).glob("*.ipynb"))]
    for path in files:
        layers = layers_matching(path)
        if not layers:
            print(f"layer: {path} matches no layer, counted as unit")
        elif len(layers) > 1:
            print(f"layer: {path} matches {', '.join(layers)}, counted as {layers[0]}")


def run_suite() -> SuiteRun:
    """Measure the kernel start, then run the suite once with the plugin and the kernel watch."""
    kernel_start = statistics.median(kernel_start_times())
    with tempfile.TemporaryDirectory(prefix="coursekit-suite-") as folder:
        env = {**os.environ, FOLDER_ENV: folder,
               "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE), os.environ.get("PYTHONPATH")]))}
        watch = KernelWatch(f"{FOLDER_ENV}={folder}".encode())
        watch.start()
        with open(Path(folder) / "output.txt", "w+b") as output:
            began, start = time.time(), time.perf_counter()
            returncode = subprocess.run(PYTEST, check=False, cwd=ROOT, env=env, stdout=output,
                                        stderr=subprocess.STDOUT).returncode
            wall = time.perf_counter() - start
            output.seek(0)
            tail = "\n".join(output.read().decode(errors="replace").splitlines()[-40:])
        kernels = watch.stop()
        items = [json.loads(line) for path in sorted(Path(folder).glob("*.jsonl"))
                 for line in path.read_text(encoding="utf-8").splitlines()]
    return SuiteRun(began, wall, returncode, tail, kernel_start, items, kernels)


def report(run: SuiteRun) -> None:
    """Print what the table leaves out: the outcome, the workers, how kernels were placed, the busiest files."""
    print(f"Suite: {run.wall:.1f} s wall, {len(run.items)} tests "
          f"({', '.join(f'{n} {o}' for o, n in run.outcomes.most_common())}), exit code {run.returncode}; "
          f"kernel start {run.kernel_start:.2f} s (median of {FLOOR_RUNS}).")
    if run.failed:
        message = "THE SUITE FAILED: its time below is not a result."
        print(f"\n!!!!! {message}\n{run.output_tail}\n!!!!! {message}\n")
        print(f"!!!!! {message}", file=sys.stderr)
    first = min((item["start"] for item in run.items), default=run.began)
    last = max((item["end"] for item in run.items), default=run.began)
    print(f"pytest start-up and collection until the first test: {first - run.began:.1f} s; "
          f"from the end of the last test to pytest's exit: {run.began + run.wall - last:.1f} s")
    for worker, group in sorted(run.by("worker").items()):
        ended = max(item["end"] for item in run.items if item["worker"] == worker)
        print(f"worker {worker}: {group['tests']} tests, busy {group['busy']:.1f} s, "
              f"its last test ended {ended - first:.1f} s after the first test began")
    placed = [f"{len(ids)} placed by {how}" if how != "not placed" else f"{len(ids)} NOT PLACED"
              for how, ids in run.placed.items()]
    forked = sum(kernel.forked for kernel in run.kernels)
    print(f"kernels: {', '.join(placed) or 'none seen'}; {forked} of them forked by the grader's fork server")
    for line in run.doubtful:
        print(f"  {line}")
    print(f"\nTop {TOP_FILES} test files by busy time\n")
    print("| file | layer | tests | busy | kernels |\n|---|---|---|---|---|")
    for path, group in sorted(run.by("file").items(), key=lambda kv: -kv[1]["busy"])[:TOP_FILES]:
        print(f"| {path} | {group['layer']} | {group['tests']} | {group['busy']:.1f} s | {group['kernels']} |")
    print()


def spread(values: list[int]) -> str:
    """A count over the runs: one number if every run gave it, else each run's."""
    return str(values[0]) if len(set(values)) == 1 else "/".join(map(str, values))


def layer_measure(layer: str, runs: list[SuiteRun]) -> Measure:
    groups = [run.by("layer").get(layer, {"tests": 0, "busy": 0.0, "kernels": 0}) for run in runs]
    shares = [group["busy"] / WORKERS for group in groups]
    floor = statistics.median(run.floor(group["kernels"]) for run, group in zip(runs, groups))
    ratio = f"; {statistics.median(shares) / floor:.1f}× its floor" if floor else ""
    return Measure("Suite", f"{layer}: busy time / {WORKERS} workers", shares, floor=floor,
                   note=f"{spread([g['tests'] for g in groups])} tests, {spread([g['kernels'] for g in groups])} kernels{ratio}")


def suite_measures(runs: list[SuiteRun]) -> list[Measure]:
    """The whole suite's wall time against 4 minutes, and its ratio to its floor against 1.5."""
    walls = [run.wall for run in runs]
    floors = [run.floor(len(run.kernels)) for run in runs]
    ratios = [wall / floor if floor else math.inf for wall, floor in zip(walls, floors)]
    failed = any(run.failed for run in runs)
    outcome = "SUITE FAILED; " if failed else ""
    last = runs[-1]
    note = (f"{outcome}{spread([len(run.items) for run in runs])} tests: "
            + ", ".join(f"{n} {o}" for o, n in last.outcomes.most_common())
            + f" (last run); {spread([len(run.kernels) for run in runs])} kernels "
            f"({spread([sum(k.forked for k in run.kernels) for run in runs])} forked by the grader's fork server), "
            f"{spread([len(run.placed.get('not placed', [])) for run in runs])} not placed; "
            f"kernel start {statistics.median(run.kernel_start for run in runs):.2f} s; "
            f"outside test items {statistics.median(run.outside_items for run in runs):.1f} s")
    return [
        Measure("Suite", f"whole suite: `pytest -n {WORKERS} --dist loadfile`, wall time", walls,
                floor=statistics.median(floors), goal=f"≤ {GOAL_S} s",
                met=not failed and statistics.median(walls) <= GOAL_S, note=note),
        Measure("Suite", "whole suite ÷ its floor", ratios, unit="×", goal=f"≤ {GOAL_RATIO}× floor",
                met=not failed and statistics.median(ratios) <= GOAL_RATIO,
                note=f"floor: all kernels × kernel start / {WORKERS} workers"),
    ]


def measure(runs: int = 1) -> list[Measure]:
    """Run the suite `runs` times: a row per layer, the whole suite's wall time, and its ratio to the floor."""
    check_layers()
    results = []
    for _ in range(runs):
        results.append(run_suite())
        report(results[-1])
    return [*(layer_measure(layer, results) for layer in LAYERS), *suite_measures(results)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    measures = measure(args.runs)
    print(machine())
    print()
    print(markdown_table(measures))


if __name__ == "__main__":
    main()
