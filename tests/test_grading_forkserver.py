"""The grader's fork server: kernels forked from it are real, separate kernels in their own folder,
and anything odd about the server (stopped, threads, noise on its pipe) costs speed, never a grade.

(A server killed by a student's code, mid-batch, is in test_grading_adversarial.py: `cutter`.)
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import signal
import sys

import pytest

from coursekit.grading.execute import (
    Limits,
    base_env,
    hidden,
    start_kernel,
    stop_kernel,
)
from coursekit.grading.exercises import course_root
from coursekit.grading.forkserver import AVAILABLE, ForkServer

pytestmark = pytest.mark.skipif(not AVAILABLE, reason="the fork server is used on Linux only")

# A module nothing else here imports: a kernel that has it without importing it was forked warm.
MARKER_MODULE = "email.mime.audio"
PROBE = f"""
import json, os, sys
print(json.dumps({{"cwd": os.getcwd(), "path0": sys.path[0], "data": os.environ["COURSEKIT_DATA"],
                   "pid": os.getpid(), "ppid": os.getppid(), "session": os.getsid(0),
                   "warm": {MARKER_MODULE!r} in sys.modules}}))
"""


async def probe(kernel) -> dict:
    """What the kernel says about itself, from a cell run in it through the grader's own client."""
    await kernel.ready
    printed = []
    await kernel.client.execute_interactive(PROBE, timeout=60, output_hook=lambda msg: printed.append(
        msg["content"].get("text", "")) if msg["msg_type"] == "stream" else None)
    return json.loads("".join(printed))


def run_async(coroutine):
    """`asyncio.run` in a thread of its own: on a worker that ran the browser tests before, this
    thread may already have Playwright's event loop running."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture
def server(tmp_path):
    started = ForkServer(f"import {MARKER_MODULE}", base_env(Limits()), tmp_path)
    yield started
    started.close()


def start(tmp_path, server):
    return start_kernel(tmp_path / "scratch", course_root() / "data", Limits(), "", server)


def test_a_forked_kernel_is_warm_yet_works_in_its_own_folder_session_and_environment(tmp_path, server):
    assert server.working

    async def run():
        kernel = await start(tmp_path, server)
        try:
            assert await hidden(kernel)  # it deleted its connection file, like any grading kernel
            return kernel, await probe(kernel)
        finally:
            await stop_kernel(kernel)

    kernel, seen = run_async(run())
    assert seen["warm"], "the kernel should have the server's imports without importing them"
    assert seen["ppid"] == server.process.pid
    assert seen["pid"] == kernel.km.provisioner.pid == seen["session"]  # its own session, for killpg
    assert seen["cwd"] == seen["path0"] == str(kernel.workdir)
    assert seen["data"] == str(kernel.folder / "data")
    assert not kernel.folder.exists()  # stopped and cleaned up like any other


def test_requests_and_replies_the_grader_did_not_make_are_ignored(tmp_path, server):
    """A student's code can write to the server's pipe: lines that are not requests are skipped,
    and a reply to someone else's request is not taken for the grader's."""
    foreign = {"token": "not-the-graders", "argv": ["-f", str(tmp_path / "none.json")], "cwd": str(tmp_path),
               "env": {}}
    server.process.stdin.write(b"not json\n[1, 2]\n{\"token\": 3}\n" + json.dumps(foreign).encode() + b"\n")
    server.process.stdin.flush()

    async def run():
        kernel = await start(tmp_path, server)
        try:
            return kernel.km.provisioner.pid, await probe(kernel)
        finally:
            await stop_kernel(kernel)

    pid, seen = run_async(run())
    assert seen["pid"] == pid and seen["warm"]
    assert server.alive()


def test_a_stopped_server_is_given_up_and_the_kernel_starts_as_its_own_process(tmp_path, server):
    os.kill(server.process.pid, signal.SIGSTOP)

    async def run():
        kernel = await start(tmp_path, server)
        try:
            return await probe(kernel)
        finally:
            await stop_kernel(kernel)

    seen = run_async(run())
    assert seen["ppid"] == os.getpid() and not seen["warm"]
    assert not server.working
    assert server.process.poll() is not None  # killed, not left stopped


def test_a_server_with_threads_after_its_imports_refuses_to_fork(tmp_path):
    threaded = "import threading, time\nthreading.Thread(target=time.sleep, args=(30,), daemon=True).start()"
    server = ForkServer(threaded, base_env(Limits()), tmp_path)
    assert not server.working
    assert server.fork(["-f", "x"], str(tmp_path), {}) is None
    assert server.process.poll() is not None


def test_a_server_that_cannot_start_is_reported_as_not_working(tmp_path):
    env = {**base_env(Limits()), "PYTHONPATH": str(tmp_path)}
    (tmp_path / "coursekit").mkdir()  # a package of the same name that hides ours: no server module
    (tmp_path / "coursekit" / "__init__.py").write_text("")
    server = ForkServer("", env, tmp_path)
    assert not server.working and server.process.poll() is not None


def test_the_server_runs_this_python(server):
    with open(f"/proc/{server.process.pid}/cmdline", "rb") as cmdline:
        argv = cmdline.read().split(b"\0")
    assert argv[0].decode() == sys.executable and b"coursekit.grading.forkserver" in argv
