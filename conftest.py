"""Test-wide set-up: run every kernel in a clean, private Jupyter environment.

nbval and the browser tests start kernels by the name `python3`. A kernelspec of that name in the
user's own Jupyter folders (a conda kernel, an old virtualenv) would win over this environment's
Python, and the notebooks would run against the wrong packages. Pointing the Jupyter and IPython
folders at a temporary directory makes `python3` mean the interpreter running the tests.

The private IPython profile also gets a start-up file that blocks the network in every kernel, so
the lessons are proven to run offline.
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

# Copied into the private IPython profile's start-up folder: every test kernel runs offline.
OFFLINE_KERNEL = Path(__file__).parent / "tests" / "support" / "offline_kernel.py"


def pytest_configure(config):
    private = tempfile.mkdtemp(prefix="coursekit-jupyter-")
    # Removed at interpreter exit, not at pytest's cleanup: an IPython shell made by a test writes
    # its history there from its own exit hook, and atexit runs hooks registered later first.
    atexit.register(shutil.rmtree, private, ignore_errors=True)
    for variable, sub in [
        ("IPYTHONDIR", "ipython"),
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_DATA_DIR", "data"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
    ]:
        os.environ[variable] = os.path.join(private, sub)
    os.environ["JUPYTER_PLATFORM_DIRS"] = "1"
    startup = Path(os.environ["IPYTHONDIR"]) / "profile_default" / "startup"
    startup.mkdir(parents=True)
    shutil.copy(OFFLINE_KERNEL, startup / "00-offline.py")
