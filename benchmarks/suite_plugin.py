"""A pytest plugin for benchmarks/time_suite.py: when each test ran, on which worker, in which layer.

Loaded with `-p suite_plugin` (benchmarks/ on PYTHONPATH, so that pytest-xdist's workers load it
too). When the environment variable named by `FOLDER_ENV` names a folder, every process that runs
tests appends one JSON line per test item to `<worker>.jsonl` there: worker, process id, node id,
layer, outcome, and the wall-clock start and end (time.time()) of its setup, call and teardown
together. Module- and session-scoped fixtures are set up and torn down inside the first and last
item that uses them, so their cost lands on those items. Without the variable the plugin does
nothing, so it never changes an ordinary run.

The layers are decided here, by path, in one place (`LAYERS`, `layer_of`), so that the benchmark
and the plugin agree.
"""

from __future__ import annotations

import fnmatch
import json
import os
import time
from pathlib import Path

import pytest

FOLDER_ENV = "COURSEKIT_SUITE_TIMES"

# Which layer each test file belongs to, by its path from the repository root (fnmatch patterns;
# `*` also crosses "/"). Checked in this order, and a file must match one layer only:
# - browser: drives JupyterLab and chromium (tests/browser/).
# - nbval: the lessons and the exercises' master notebooks, collected by nbval from .ipynb files.
# - grading: the grader, the exercises, their release and the students' bundle; the files among
#   them that start kernels are test_grading_adversarial (the grader on bad submissions),
#   test_exercises (blank exercises run top to bottom), test_student_bundle (nbval inside the
#   unpacked bundle); test_offline_kernels starts kernels the way nbval does and is counted here too.
# - data: the course's tables, source texts, quotations, the facts the lessons state, computed columns.
# - unit: everything else: the explorers, charts, checks, corpus tools, housekeeping and hygiene.
LAYERS = {
    "browser": ["tests/browser/*"],
    "nbval": ["notebooks/*.ipynb", "solutions/*.ipynb"],
    "grading": ["tests/test_*grading*.py", "tests/test_exercise*.py", "tests/test_release*.py",
                "tests/test_student_bundle*.py", "tests/test_offline_kernels.py"],
    "data": ["tests/test_data_*.py", "tests/test_datasets.py", "tests/test_sources.py", "tests/test_computed.py",
             "tests/test_rules.py", "tests/test_table_cache.py", "tests/test_lesson_*claims.py",
             "tests/test_lesson_citations.py", "tests/test_voices.py"],
    "unit": ["tests/test_accessibility.py", "tests/test_bring_your_own.py", "tests/test_*explorer.py",
             "tests/test_censorship_chain.py", "tests/test_charts*.py", "tests/test_checks.py", "tests/test_corpus.py",
             "tests/test_delivery.py", "tests/test_geo.py", "tests/test_housekeeping.py", "tests/test_hygiene.py",
             "tests/test_links_checker.py", "tests/test_offline.py", "tests/test_project.py",
             "tests/test_quote_comparer.py", "tests/test_reasons_sorter.py", "tests/test_rights_timeline.py",
             "tests/test_teaching_guide.py", "tests/test_themes.py", "tests/test_widgets.py"],
}
DEFAULT_LAYER = "unit"


def layers_matching(path: str) -> list[str]:
    """Every layer whose patterns match `path` (a file path from the repository root, with "/")."""
    return [layer for layer, patterns in LAYERS.items() if any(fnmatch.fnmatch(path, p) for p in patterns)]


def layer_of(path: str) -> str:
    """The layer of a test file: the first that matches, else `DEFAULT_LAYER` (the benchmark lists those files)."""
    matching = layers_matching(path)
    return matching[0] if matching else DEFAULT_LAYER


class Recorder:
    """Times each item on this process and appends its record to this worker's file."""

    def __init__(self, folder: Path) -> None:
        self.worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        self.path = folder / f"{self.worker}.jsonl"
        self.outcomes: dict[str, str] = {}

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        start = time.time()
        try:
            return (yield)
        finally:
            self.write(item.nodeid, start, time.time())

    def pytest_runtest_logreport(self, report) -> None:
        """Keep the worst outcome of the item's three phases: an error in set-up or teardown counts as one."""
        if report.failed:
            outcome = "failed" if report.when == "call" else "error"
        elif report.skipped:
            outcome = "skipped"
        else:
            outcome = "passed"
        previous = self.outcomes.get(report.nodeid, "passed")
        self.outcomes[report.nodeid] = outcome if previous == "passed" else previous

    def write(self, nodeid: str, start: float, end: float) -> None:
        path = nodeid.split("::", 1)[0]
        record = {"worker": self.worker, "pid": os.getpid(), "nodeid": nodeid, "file": path,
                  "layer": layer_of(path), "outcome": self.outcomes.pop(nodeid, "unknown"),
                  "start": start, "end": end}
        with self.path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(record) + "\n")


def pytest_configure(config) -> None:
    """Register the recorder when a folder is named. xdist's controller runs no test, so writes nothing."""
    folder = os.environ.get(FOLDER_ENV)
    if folder:
        config.pluginmanager.register(Recorder(Path(folder)), "suite-recorder")
