"""Grading kernels forked from a warm process, so that a submission no longer pays for their start.

Starting Python, IPython's kernel and the exercise's libraries (pandas, plotly, coursekit) costs
about 0.8 s of CPU for every submission: most of what grading one costs, and the same work each
time. A fork server does that work once per grading process, then waits. Each grading kernel is a
fork of it: a new process that starts with those modules already in memory (the pages are copied
on write, so nothing a kernel does reaches the server or any other kernel) and only has to bind
its ports. The server itself never runs a student's code.

The grader asks for a kernel with one JSON line on the server's stdin: the kernel's arguments
(`-f CONNECTION_FILE`, the file jupyter_client wrote), its working folder and its environment.
The server answers with the new kernel's process id, repeating the request's token, so that a
reply the grader did not ask for (a student's code can reach the server's pipes) is ignored. The
connection file's key is never in a request: the kernel reads the file and deletes it, as a
kernel started without the server does (`kernel`).

Anything unusual costs speed, never a grade: on a system without /proc and fork (macOS,
Windows), if the server does not start, has threads running after its imports (forking those is
unsafe), is stopped or killed (by a student's code: it is the kernels' parent), or does not
answer within a few seconds, the kernel is started as its own process, as before. A server that
fails is killed only once no kernel it forked is still needed: its kernels die with it.

A student's code can reach the server, so it is given nothing to abuse: it runs under the
grader's memory and file-size limits (hard limits, which its kernels inherit whatever a request
says), outside every scratch folder's import path (`python -P`), and reads requests of bounded
length.
"""

from __future__ import annotations

import json
import os
import secrets
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import NoReturn

from jupyter_client.provisioning import LocalProvisioner

KERNEL_MODULE = "coursekit.grading.kernel"
READY_SECONDS = 30  # the server's imports, on a busy machine
FORK_SECONDS = 5  # a fork and a reply take milliseconds; a server that is slower is not working
MAX_REQUEST_BYTES = 1 << 20  # a request holds a kernel's environment: kilobytes
AVAILABLE = sys.platform.startswith("linux") and hasattr(os, "fork")


class ForkServer:
    """The grading process's end of one fork server: start it, ask it for kernels, stop it."""

    def __init__(self, warm_up: str, env: dict[str, str], cwd: Path):
        self.process = subprocess.Popen(
            [sys.executable, "-P", "-m", "coursekit.grading.forkserver", warm_up],  # -P: not its folder on sys.path
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env={**env, "JPY_PARENT_PID": str(os.getpid())}, cwd=cwd)
        self._buffer = b""
        ready = self._reply(READY_SECONDS, lambda reply: "ready" in reply)
        self.working = bool(ready and ready["ready"])
        if not self.working:
            self.close()

    def alive(self) -> bool:
        return self.working and self.process.poll() is None and _state(self.process.pid) not in ("T", "t", "Z", "")

    def fork(self, argv: list[str], cwd: str, env: dict[str, str]) -> int | None:
        """The process id of a new kernel run with `argv`, or None if the server cannot make one."""
        if not self.alive():
            self.working = False
            return None
        token = secrets.token_hex(8)
        request = json.dumps({"token": token, "argv": argv, "cwd": cwd, "env": env}) + "\n"
        try:
            self.process.stdin.write(request.encode())
            self.process.stdin.flush()
        except OSError:
            self.working = False
            return None
        reply = self._reply(FORK_SECONDS, lambda reply: reply.get("token") == token)
        if reply is None or not isinstance(reply.get("pid"), int):
            # Stopped, broken, or too slow: no more kernels from it. It is not killed here, since
            # the kernels it forked (the one about to run a student's notebook) die with it; the
            # grader closes it before it takes the next kernel (`grade._server_for`).
            self.working = False
            return None
        return reply["pid"]

    def close(self) -> None:
        """Kill the server, and with it every kernel it forked that is still running."""
        self.working = False
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            try:
                pipe.close()
            except OSError:
                pass

    def _reply(self, seconds: float, wanted) -> dict | None:
        """The first line from the server that is a JSON object `wanted` accepts; None on timeout."""
        deadline = time.monotonic() + seconds
        fd = self.process.stdout.fileno()
        while True:
            while b"\n" in self._buffer:
                line, self._buffer = self._buffer.split(b"\n", 1)
                try:
                    reply = json.loads(line)
                except ValueError:
                    continue
                if isinstance(reply, dict) and wanted(reply):
                    return reply
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                return None
            chunk = os.read(fd, 65536)
            if not chunk:  # the server has gone
                return None
            self._buffer += chunk


class ForkedProcess:
    """What jupyter_client needs of a `Popen`, for a kernel the fork server made.

    The kernel is the server's child, not ours, so it cannot be waited for: it is alive while
    /proc shows a running process with its id *and its start time* (an id can be reused by a new
    process once the old one has gone). Its exit status is unknown; -1 stands for it.
    """

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None
        self.stdin = self.stdout = self.stderr = None
        self._started = _start_time(pid)

    def poll(self) -> int | None:
        if self.returncode is None and not (_start_time(self.pid) == self._started
                                            and _state(self.pid) not in ("Z", "X", "")):
            self.returncode = -1
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            time.sleep(0.01)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class ForkedProvisioner(LocalProvisioner):
    """jupyter_client's local provisioner, asking `server` for the kernel before starting one itself."""

    server: ForkServer | None = None

    async def launch_kernel(self, cmd: list[str], **kwargs):
        pid = None
        if self.server is not None and cmd[:3] == [sys.executable, "-m", KERNEL_MODULE]:
            pid = self.server.fork(cmd[3:], str(kwargs.get("cwd") or os.getcwd()), dict(kwargs.get("env") or os.environ))
        if pid is None:
            return await super().launch_kernel(cmd, **kwargs)
        self.process = ForkedProcess(pid)
        self.pid = self.pgid = pid  # the kernel leads a session and process group of its own
        self.cwd = kwargs.get("cwd")
        return self.connection_info


def _stat(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return []


def _state(pid: int) -> str:
    fields = _stat(pid)
    return fields[0] if fields else ""


def _start_time(pid: int) -> str:
    fields = _stat(pid)
    return fields[19] if len(fields) > 19 else ""


def serve(warm_up: str) -> None:
    """The server: import, report ready, then fork a kernel for each request until stdin closes."""
    from . import kernel

    kernel.die_with_parent()
    try:
        exec(compile(warm_up, "<warm-up>", "exec"), {})  # noqa: S102 - the exercise's own import lines
    except BaseException:  # noqa: BLE001, S110 - each kernel imports them again and meets the error itself
        pass
    from ipykernel import kernelapp  # noqa: F401 - imported here once, so that no kernel has to

    kernel.apply_limits()  # hard limits, so a kernel forked for a forged request has them too
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernels are reaped as they end
    threads = len(os.listdir("/proc/self/task"))
    _send({"ready": threads == 1, "threads": threads})
    if threads != 1:
        return
    server = os.getpid()
    while line := sys.stdin.buffer.readline(MAX_REQUEST_BYTES):
        if not line.endswith(b"\n"):  # longer than any request of the grader's: skip the rest of it
            while (rest := sys.stdin.buffer.readline(MAX_REQUEST_BYTES)) and not rest.endswith(b"\n"):
                pass
            continue
        try:
            request = json.loads(line)
            token, argv, cwd, env = request["token"], request["argv"], request["cwd"], request["env"]
        except (ValueError, TypeError, KeyError):
            continue
        if not (isinstance(argv, list) and all(isinstance(a, str) for a in argv) and isinstance(cwd, str)
                and isinstance(env, dict) and all(isinstance(v, str) for v in env.values())):
            continue
        pid = os.fork()
        if pid == 0:
            _become_kernel(argv, cwd, env, server)
        _send({"token": token, "pid": pid})


def _become_kernel(argv: list[str], cwd: str, env: dict[str, str], server: int) -> NoReturn:
    """In the forked child: take the kernel's folder, environment and arguments, and run it."""
    code = 1
    try:
        os.setsid()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):  # off the server's pipes
            os.dup2(null, fd)
        os.close(null)
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(env)
        os.environ["JPY_PARENT_PID"] = str(server)  # its parent: `kernel` exits if that has gone already
        sys.path.insert(0, cwd)  # as `python -m` would have it, run in the kernel's folder
        from . import kernel

        sys.argv = [kernel.__file__, *argv]
        kernel.launch(argv)
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:  # noqa: BLE001 - the grader sees a kernel that died
        code = 1
    finally:
        os._exit(code)


def _send(message: dict) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    serve(sys.argv[1] if len(sys.argv) > 1 else "")
