"""The grading kernel: an IPython kernel started under the grader's limits, which hides its key.

The grader starts `python -m coursekit.grading.kernel -f CONNECTION_FILE` instead of the usual
kernel, so that the limits are set in the kernel process itself before any student code runs:
a memory bomb then ends in a MemoryError (or the kernel's death) rather than in the machine
swapping, and a cell that writes a huge file stops at the file-size limit.

The kernel also deletes its connection file as soon as it has bound its ports. That file holds
the key that signs every message to the kernel; the grader keeps it in memory, and no one else
needs it. Without it, a student's code cannot find and drive another student's kernel (the next
one, started while this one runs) by searching the scratch folders.
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
from pathlib import Path

MEMORY_ENV = "COURSEKIT_GRADER_MEMORY_MB"  # address space of the kernel process, in MiB
FILE_SIZE_ENV = "COURSEKIT_GRADER_FILE_MB"  # largest file the kernel may write, in MiB
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def apply_limits() -> None:
    """Lower this process's limits to what the grader asked for (never raise them)."""
    for env, limit in ((MEMORY_ENV, resource.RLIMIT_AS), (FILE_SIZE_ENV, resource.RLIMIT_FSIZE)):
        if os.environ.get(env):
            wanted = int(os.environ[env]) * 1024 * 1024
            _, hard = resource.getrlimit(limit)
            ceiling = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
            resource.setrlimit(limit, (ceiling, ceiling))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crashing kernel leaves no core file behind


def die_with_parent() -> None:
    """Ask Linux to kill this kernel when the grading process that started it dies.

    A student's code can kill its grading process; its kernel must not live on without anyone to
    stop it. (Elsewhere than Linux this does nothing; IPython's own check of its parent remains.)
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    parent = os.environ.get("JPY_PARENT_PID")
    if parent and parent.isdigit() and os.getppid() != int(parent):  # it died before the line above
        os._exit(1)


def launch(argv: list[str] | None = None) -> None:
    """Run the kernel with `argv` (by default this process's own arguments)."""
    from ipykernel.kernelapp import IPKernelApp

    class GradingKernelApp(IPKernelApp):
        def write_connection_file(self, **kwargs) -> None:
            super().write_connection_file(**kwargs)  # written again with the ports it bound, then gone
            Path(self.abs_connection_file).unlink(missing_ok=True)

    apply_limits()
    die_with_parent()
    GradingKernelApp.launch_instance(argv=argv)


if __name__ == "__main__":
    launch()
