"""The grading kernel: an IPython kernel started under the grader's memory and file-size limits.

The grader starts `python -m coursekit.grading.kernel -f CONNECTION_FILE` instead of the usual
kernel, so that the limits are set in the kernel process itself before any student code runs:
a memory bomb then ends in a MemoryError (or the kernel's death) rather than in the machine
swapping, and a cell that writes a huge file stops at the file-size limit.
"""

from __future__ import annotations

import os
import resource

MEMORY_ENV = "COURSEKIT_GRADER_MEMORY_MB"  # address space of the kernel process, in MiB
FILE_SIZE_ENV = "COURSEKIT_GRADER_FILE_MB"  # largest file the kernel may write, in MiB


def apply_limits() -> None:
    """Lower this process's limits to what the grader asked for (never raise them)."""
    for env, limit in ((MEMORY_ENV, resource.RLIMIT_AS), (FILE_SIZE_ENV, resource.RLIMIT_FSIZE)):
        if os.environ.get(env):
            wanted = int(os.environ[env]) * 1024 * 1024
            _, hard = resource.getrlimit(limit)
            ceiling = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
            resource.setrlimit(limit, (ceiling, ceiling))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crashing kernel leaves no core file behind


if __name__ == "__main__":
    apply_limits()
    from ipykernel.kernelapp import launch_new_instance

    launch_new_instance()
