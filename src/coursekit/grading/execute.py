"""Run a rebuilt exercise in a fresh, limited kernel and collect the answers it publishes.

Each submission gets its own kernel, started by `coursekit.grading.kernel` under a memory and a
file-size limit, in its own scratch folder with its own copy of the course data. Cells run one at
a time under a per-cell time limit and a limit for the whole notebook. The first cell that times
out or kills its kernel ends the run: answers published before it count, nothing after it runs,
so nothing after it can be counted.

Only what grading needs is kept from the kernel's messages: the answers published by the capture
cells and the name and message of each error. A student's printing, however large, is counted
and dropped as it arrives (IPython sends it in pieces). One huge display message, though, is
received whole before it is dropped: the grading process briefly holds it in memory.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from time import monotonic
from typing import Any

import nbformat
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

from ..paths import DATA_ENV
from .capture import MIMETYPE
from .forkserver import ForkedProvisioner, ForkServer
from .kernel import FILE_SIZE_ENV, MEMORY_ENV

KERNEL_NAME = "coursekit-grader"
TIMEOUT, KERNEL_DIED = "timeout", "kernel died"
_QUIET = logging.getLogger("coursekit.grading.kernel-messages")
_QUIET.addHandler(logging.NullHandler())
_QUIET.propagate = False


@dataclass(frozen=True)
class Limits:
    """How long and how large one submission's run may be."""

    cell_seconds: int = 30
    notebook_seconds: int = 180
    memory_mb: int = 2048  # address space; an exercise's kernel reserves about 950 MiB of it
    file_mb: int = 64


@dataclass
class Execution:
    """What one run produced: answers by question id, errors by cell, and why it stopped early."""

    captured: dict[str, Any] = field(default_factory=dict)
    errors: dict[int, tuple[str, str]] = field(default_factory=dict)
    stopped_at: int | None = None
    reason: str | None = None
    detail: str = ""
    printed_bytes: int = 0


class _GradingKernelSpecs(KernelSpecManager):
    """Knows one kernel, the limited grading kernel of this Python: nothing on disk to delete or edit."""

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        argv = [sys.executable, "-m", "coursekit.grading.kernel", "-f", "{connection_file}"]
        return KernelSpec(argv=argv, display_name="coursekit grader", language="python", resource_dir="")


def scratch_folder(root: Path, data: Path) -> Path:
    """A fresh working folder laid out like the course (`exercises/` beside a copy of `data/`)."""
    (root / "exercises").mkdir(parents=True)
    shutil.copytree(data, root / "data")
    return root / "exercises"


@dataclass
class Kernel:
    """A started grading kernel, the scratch folder it works in, and the grader's client of it,
    already waiting for the kernel to answer (`ready`)."""

    km: AsyncKernelManager
    folder: Path
    workdir: Path
    client: Any = None
    ready: asyncio.Future | None = None


async def start_kernel(scratch: Path, data: Path, limits: Limits, warm_up: str = "",
                       server: ForkServer | None = None) -> Kernel:
    """Start a kernel in a new scratch folder, importing `warm_up`'s libraries as it starts;
    forked from `server` if one is given and working (see `forkserver`).

    Starting a kernel and importing pandas and plotly take most of a submission's time and do not
    depend on the submission, so the grader starts the next kernel while the current one runs.
    The imports run as an IPython start-up file of the kernel's own profile: no student code has
    run in that kernel yet, and none of its state is shared with any other.
    """
    scratch.mkdir(parents=True, exist_ok=True)  # again: a student's code may have deleted it
    folder = Path(tempfile.mkdtemp(prefix="submission-", dir=scratch))
    workdir = scratch_folder(folder, data)
    startup = folder / ".ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-warm-up.py").write_text(warm_up + "\n", encoding="utf-8")
    km = AsyncKernelManager(kernel_name=KERNEL_NAME, kernel_spec_manager=_GradingKernelSpecs(),
                            connection_file=str(folder / "kernel.json"))
    if server is not None:
        km.kernel_id = uuid.uuid4().hex
        km.provisioner = ForkedProvisioner(kernel_id=km.kernel_id, kernel_spec=km.kernel_spec, parent=km)
        km.provisioner.server = server
    await km.start_kernel(env=_kernel_env(workdir, folder / "data", limits), cwd=str(workdir),
                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Connect at once and wait for the kernel's first answer in the background: that handshake
    # (kernel_info, and jupyter_client's wait for IOPub to carry messages) takes a fifth of a
    # second, which a spare kernel then spends while the submission before it runs.
    client = km.client()
    client.start_channels()
    return Kernel(km, folder, workdir, client, asyncio.ensure_future(client.wait_for_ready(timeout=60)))


async def hidden(kernel: Kernel, seconds: float = 20) -> bool:
    """Wait until the kernel has bound its ports and deleted its connection file (see `kernel`);
    return whether it did.

    Until then its key lies in its scratch folder, where the code of the submission being graded
    could look for it; so the grader waits for this before running that code, and throws away a
    spare kernel that never hid its key.
    """
    deadline = monotonic() + seconds
    while Path(kernel.km.connection_file).exists():
        if monotonic() > deadline or not await kernel.km.is_alive():
            return False
        await asyncio.sleep(0.02)
    return True


def untouched(kernel: Kernel, data: Path, warm_up: str) -> bool:
    """Whether a spare kernel is still as the grader made it: not stopped, its working folder empty,
    its start-up file and its copy of the data the same, byte for byte (another student's code,
    run while this kernel waited, may have reached them)."""
    startup = kernel.folder / ".ipython" / "profile_default" / "startup"
    try:
        state = Path(f"/proc/{kernel.km.provisioner.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, AttributeError, IndexError, TypeError):
        state = "?"  # not Linux: the state cannot be read, so it is not held against the kernel
    if state in ("T", "t", "Z"):  # stopped (SIGSTOP) or gone
        return False
    try:
        return (not any(kernel.workdir.iterdir())
                and [p.name for p in startup.iterdir()] == ["00-warm-up.py"]
                and (startup / "00-warm-up.py").read_text(encoding="utf-8") == warm_up + "\n"
                and _fingerprint(kernel.folder / "data") == _fingerprint(data))
    except OSError:
        return False


def _fingerprint(root: Path) -> dict[str, str]:
    """Each file below `root` and a hash of its bytes (the course data is about 0.4 MB)."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


async def stop_kernel(kernel: Kernel) -> None:
    """Kill the kernel and remove its scratch folder (whatever the student's code left there)."""
    if kernel.ready is not None and not kernel.ready.done():
        kernel.ready.cancel()
    elif kernel.ready is not None and not kernel.ready.cancelled():
        kernel.ready.exception()  # read, so that asyncio does not print it as never retrieved
    if kernel.client is not None:
        kernel.client.stop_channels()
    try:
        await kernel.km.shutdown_kernel(now=True)
    except Exception:  # noqa: BLE001, S110 - a kernel that is already gone needs no stopping
        pass
    await kernel.km.cleanup_resources()
    shutil.rmtree(kernel.folder, ignore_errors=True)


class _GradingClient(NotebookClient):
    """nbclient, keeping only the published answers and the errors of each cell."""

    def __init__(self, nb, capture_cells: dict[int, str], execution: Execution, **kw):
        super().__init__(nb, **kw)
        self.capture_cells = capture_cells
        self.execution = execution

    def output(self, outs, msg, display_id, cell_index):
        kind, content = msg["msg_type"], msg["content"]
        if kind in ("display_data", "execute_result") and MIMETYPE in content.get("data", {}):
            qid = self.capture_cells.get(cell_index)
            payload = content["data"][MIMETYPE]
            if qid is not None and isinstance(payload, dict) and payload.get("qid") == qid:
                self.execution.captured.setdefault(qid, payload.get("answer"))
        elif kind == "error":
            evalue = str(content.get("evalue", ""))
            self.execution.errors.setdefault(cell_index, (str(content.get("ename", "Error")), evalue[:300]))
        elif kind == "stream":
            self.execution.printed_bytes += len(content.get("text", ""))


async def execute(nb: nbformat.NotebookNode, capture_cells: dict[int, str], kernel: Kernel,
                  limits: Limits) -> Execution:
    """Run `nb`'s code cells in `kernel`, then stop it; never raises for the student's code."""
    execution = Execution()
    client = _GradingClient(nb, capture_cells, execution, km=kernel.km, allow_errors=True,
                            timeout=limits.cell_seconds, startup_timeout=60, log=_QUIET)
    deadline = monotonic() + limits.notebook_seconds
    index = -1
    try:
        if kernel.ready is not None:
            await kernel.ready  # raises RuntimeError if the kernel died before it answered
            client.kc, kernel.client.allow_stdin = kernel.client, False
        async with client.async_setup_kernel():
            deadline = monotonic() + limits.notebook_seconds  # the limit counts from the first cell
            for index, cell in enumerate(nb.cells):
                remaining = deadline - monotonic()
                if remaining < 1:
                    client.timeout = 0
                    raise CellTimeoutError(f"the notebook's time limit ({limits.notebook_seconds} s)")
                client.timeout = max(1, int(min(limits.cell_seconds, remaining)))
                await client.async_execute_cell(cell, index)
    except CellTimeoutError:
        whole = client.timeout < limits.cell_seconds  # the cell was given less than its own limit
        execution.reason, execution.stopped_at = TIMEOUT, index
        execution.detail = (f"the notebook ran past its time limit ({limits.notebook_seconds} s)" if whole
                            else f"a cell ran longer than {limits.cell_seconds} s")
    except DeadKernelError:
        execution.reason, execution.stopped_at = KERNEL_DIED, index
        execution.detail = "the kernel stopped (the code exited Python or ran out of memory)"
    except RuntimeError as error:  # jupyter_client: the kernel died before it was ready
        execution.reason, execution.stopped_at = KERNEL_DIED, index
        execution.detail = f"the kernel could not start ({error})"
    finally:
        if client.kc is not None:
            client.kc.stop_channels()
        await stop_kernel(kernel)
    return execution


def _kernel_env(workdir: Path, data: Path, limits: Limits) -> dict[str, str]:
    return {**base_env(limits), DATA_ENV: str(data), "IPYTHONDIR": str(workdir.parent / ".ipython"),
            "MPLCONFIGDIR": str(workdir.parent / ".matplotlib")}


def base_env(limits: Limits) -> dict[str, str]:
    """The environment every grading kernel shares (a fork server's too): the limits, and one
    thread for the numerical libraries, which read it as they are imported."""
    env = dict(os.environ)
    env.update({
        MEMORY_ENV: str(limits.memory_mb),
        FILE_SIZE_ENV: str(limits.file_mb),
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    })
    return env
