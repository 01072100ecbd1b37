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


async def printed_by(kernel, code: str) -> str:
    """What `code` prints, run in the kernel through the grader's own client."""
    await kernel.ready
    printed = []
    await kernel.client.execute_interactive(code, timeout=60, output_hook=lambda msg: printed.append(
        msg["content"].get("text", "")) if msg["msg_type"] == "stream" else None)
    return "".join(printed)


async def probe(kernel) -> dict:
    """What the kernel says about itself."""
    return json.loads(await printed_by(kernel, PROBE))


def in_new_kernel(tmp_path, server, code: str = PROBE, limits: Limits | None = None):
    """What `code` prints in a kernel started (forked if `server` can) and stopped for it."""
    async def run():
        kernel = await start_kernel(tmp_path / "scratch", course_root() / "data", limits or Limits(), "", server)
        try:
            return await printed_by(kernel, code), type(kernel.km.provisioner.process).__name__
        finally:
            await stop_kernel(kernel)

    return run_async(run())


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

    printed, how = in_new_kernel(tmp_path, server)
    assert how == "ForkedProcess" and json.loads(printed)["warm"]
    assert server.alive()


def test_a_stopped_server_is_given_up_and_the_kernel_starts_as_its_own_process(tmp_path, server):
    os.kill(server.process.pid, signal.SIGSTOP)
    seen = json.loads(in_new_kernel(tmp_path, server)[0])
    assert seen["ppid"] == os.getpid() and not seen["warm"]
    assert not server.working
    server.close()
    assert server.process.poll() is not None  # killed, not left stopped


def test_a_server_given_up_keeps_the_kernel_it_forked_alive_until_it_is_closed(tmp_path, server):
    """The grader gives a server up when it fails to fork the *next* kernel; the kernel it forked
    for the current student must live on (it dies with the server), so it is killed only later."""

    async def run():
        kernel = await start(tmp_path, server)
        try:
            await probe(kernel)
            os.kill(server.process.pid, signal.SIGSTOP)
            assert server.fork(["-f", str(tmp_path / "next.json")], str(tmp_path), {}) is None
            assert not server.working
            os.kill(server.process.pid, signal.SIGCONT)
            seen = await probe(kernel)  # still answering
            server.close()
            await asyncio.sleep(0.5)
            return seen, await kernel.km.is_alive()
        finally:
            await stop_kernel(kernel)

    seen, alive_after_close = run_async(run())
    assert seen["warm"] and not alive_after_close


def test_forked_kernels_keep_the_graders_limits_whatever_a_request_says(tmp_path):
    """A student's code can send the server a request of its own, without the limits' variables:
    the server holds hard limits, which no child of it can raise."""
    limits = Limits(memory_mb=1500, file_mb=8)
    server = ForkServer("import resource", base_env(limits), tmp_path)
    try:
        code = "import resource; print(resource.getrlimit(resource.RLIMIT_AS)[1], resource.getrlimit(resource.RLIMIT_FSIZE)[1])"
        printed, how = in_new_kernel(tmp_path, server, code, limits)
        memory, file_size = printed.split()
        with open(f"/proc/{server.process.pid}/limits") as table:
            server_limits = table.read()
    finally:
        server.close()
    assert how == "ForkedProcess"
    assert int(memory) == 1500 * 1024 * 1024 and int(file_size) == 8 * 1024 * 1024
    assert str(1500 * 1024 * 1024) in server_limits  # the server's own hard limit, inherited by any fork


def test_a_module_planted_in_the_servers_folder_is_never_imported(tmp_path):
    """A student's code can write into the folder a server starts in; a server started again
    afterwards must not import the student's `pandas.py` in place of pandas."""
    (tmp_path / "planted.py").write_text("raise SystemExit('planted code ran')\n")
    server = ForkServer("import planted", base_env(Limits()), tmp_path)
    try:
        assert server.working
        printed, how = in_new_kernel(tmp_path, server, "import sys; print('planted' in sys.modules)")
        assert how == "ForkedProcess" and printed.strip() == "False"
    finally:
        server.close()


def test_kernels_still_start_after_the_servers_folder_is_deleted(tmp_path):
    folder = tmp_path / "server"
    folder.mkdir()
    server = ForkServer(f"import {MARKER_MODULE}", base_env(Limits()), folder)
    try:
        folder.rmdir()  # what a student's `shutil.rmtree("../..")` can do
        seen = json.loads(in_new_kernel(tmp_path, server)[0])
        assert seen["warm"] and seen["ppid"] == server.process.pid
    finally:
        server.close()


def test_an_endless_line_on_the_servers_pipe_is_skipped(tmp_path, server):
    server.process.stdin.write(b"x" * (3 << 20) + b"\n")
    server.process.stdin.flush()
    assert json.loads(in_new_kernel(tmp_path, server)[0])["ppid"] == server.process.pid


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
