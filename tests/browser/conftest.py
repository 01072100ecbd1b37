"""Fixtures for the browser tests: a private JupyterLab server and Debian's chromium, offline.

The server runs on a copy of notebooks/, exercises/ and data/ in pytest's temp dir, with the private Jupyter
and IPython folders the repository's conftest.py sets up, so autosave, checkpoints, workspaces and
user settings never touch the repo or the machine. The browser may only talk to localhost: the test then also proves the lessons work
without a network, as they must in a classroom.

Fixtures are session-scoped per pytest process, so under `pytest -n 2 --dist loadfile` each
worker that gets a browser test file starts its own server on its own port.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[2]
SERVER_START_TIMEOUT_S = 60
CHROMIUM_ARGS = [
    "--no-sandbox",  # we may run as root, in a container
    "--disable-gpu",
    "--disable-background-networking",  # otherwise it keeps calling Google, refused offline
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@dataclass
class LabServer:
    base_url: str
    token: str
    root: Path  # the server's root_dir: holds notebooks/ and data/
    log: Path


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Debian's chromium. Missing: skip locally, but fail on CI, where it must be installed.

    Never `playwright install`: it downloads a browser, which this machine cannot and should not.
    """
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found; install Debian's chromium (apt-get install chromium) for the browser tests."
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {message}", pytrace=False)
        pytest.skip(message)
    return CHROMIUM


def _free_port() -> int:
    """A port that was free a moment ago (the server gets port_retries=0, so a clash fails loudly)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _log_tail(log: Path, lines: int = 40) -> str:
    text = log.read_text(errors="replace") if log.exists() else ""
    return "\n".join(text.splitlines()[-lines:])


def _stop(proc: subprocess.Popen) -> None:
    """Terminate the server (it shuts its kernels down), then kill its process group if it hangs."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pass
    # The server ran in its own session: this reaches kernels it left behind, and nothing else.
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=15)


@pytest.fixture(scope="session")
def lab_server(chromium_path, tmp_path_factory) -> LabServer:
    """Start `jupyter lab` on a temp copy of the course and wait until its API answers."""
    base = tmp_path_factory.mktemp("lab")
    root = base / "course"
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    for folder in ("notebooks", "exercises", "data"):
        shutil.copytree(REPO / folder, root / folder, ignore=ignore)

    # The repository's conftest.py already points the Jupyter and IPython folders of this test
    # process, and so of the server it starts, at a private temporary directory; only the lab's
    # own settings are added here. The news pop-up asks to fetch from the internet and covers the
    # notebook: switch it off.
    labconfig = Path(os.environ["JUPYTER_CONFIG_DIR"]) / "labconfig"
    labconfig.mkdir(parents=True, exist_ok=True)
    (labconfig / "page_config.json").write_text(
        json.dumps({"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}})
    )
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    try:
        with running_lab(root, base, env) as server:
            yield server
    except LabStartError as problem:
        pytest.fail(str(problem), pytrace=False)


class LabStartError(RuntimeError):
    """`jupyter lab` exited, or did not answer in time; the message ends with its log."""


@contextmanager
def running_lab(root: Path, base: Path, env: dict[str, str], extra_args: tuple[str, ...] = ()) -> Iterator[LabServer]:
    """`jupyter lab` serving `root`, its workspaces and log under `base`, until the block ends
    (then stopped with its kernels). A plain context manager, so the benchmarks start the lab
    the tests start."""
    port, token = _free_port(), secrets.token_hex(16)
    cmd = [
        sys.executable, "-m", "jupyter", "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.workspaces_dir={base / 'workspaces'}",
        "--LabApp.expose_app_in_browser=True",  # gives the tests window.jupyterapp
        *extra_args,
    ]
    if os.geteuid() == 0:
        cmd.append("--allow-root")

    log = base / "jupyter-server.log"
    base_url = f"http://127.0.0.1:{port}"
    with log.open("wb") as log_file:
        proc = subprocess.Popen(
            cmd, cwd=root, env=env, stdin=subprocess.DEVNULL, stdout=log_file,
            stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while True:
            if proc.poll() is not None:
                raise LabStartError(f"jupyter lab exited with code {proc.returncode}; log {log}:\n{_log_tail(log)}")
            try:
                with urllib.request.urlopen(f"{base_url}/api/status?token={token}", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise LabStartError(f"jupyter lab did not answer within {SERVER_START_TIMEOUT_S} s; "
                                    f"log {log}:\n{_log_tail(log)}")
            time.sleep(0.25)
        yield LabServer(base_url=base_url, token=token, root=root, log=log)
    finally:
        _stop(proc)


@pytest.fixture(scope="session")
def browser(chromium_path):
    """Headless Debian chromium, driven by Playwright's sync API."""
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(chromium_path), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        playwright.stop()


@dataclass
class OfflineRequests:
    """URLs the page tried to fetch from outside localhost (all were aborted)."""
    blocked: list[str] = field(default_factory=list)


@pytest.fixture
def blocked_requests() -> OfflineRequests:
    return OfflineRequests()


@pytest.fixture
def page(browser, blocked_requests, request, tmp_path):
    """A page in a fresh browser context that can only reach localhost.

    Every other request is aborted and recorded in `blocked_requests`, and the test errors at
    teardown if there was any. If the test fails, a
    screenshot is saved next to its tmp_path for the post-mortem.
    """
    context = browser.new_context(viewport={"width": 1400, "height": 1000})

    def only_local(route):
        url = route.request.url
        if urlsplit(url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            blocked_requests.blocked.append(url)
            route.abort("internetdisconnected")

    context.route("**/*", only_local)
    page = context.new_page()
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        shot = tmp_path / "failure.png"
        try:
            page.screenshot(path=str(shot), full_page=True)
            print(f"\nScreenshot of the failure: {shot}")
        except Exception as exc:  # noqa: BLE001 - the page may be gone; the test's own error matters more
            print(f"\nNo failure screenshot: {exc}")
    context.close()
    # A lesson that only survives offline because a failed fetch goes unnoticed is still a lesson
    # that reaches for the network: in a classroom behind a firewall it would wait or break.
    assert not blocked_requests.blocked, f"the page tried to leave the machine: {sorted(set(blocked_requests.blocked))}"


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so the `page` fixture knows if the test failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
