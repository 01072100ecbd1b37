"""Where the course data lives.

Lessons run from `notebooks/`, exercises from `exercises/`, the grader from a scratch folder and
tests from the repository root, so the data folder is looked up rather than assumed:

1. the folder named by the environment variable COURSEKIT_DATA, if set;
2. the nearest `data/` folder holding `sources/sources.csv`, from the working directory upwards;
3. the `data/` folder of the repository this package was installed from (editable installs).
"""

import os
from pathlib import Path

from .errors import CourseError

DATA_ENV = "COURSEKIT_DATA"
_MARKER = Path("sources") / "sources.csv"


def data_dir() -> Path:
    """Return the course's data folder, or raise a CourseError saying how to point to it."""
    configured = os.environ.get(DATA_ENV)
    if configured:
        path = Path(configured).expanduser()
        if not (path / _MARKER).is_file():
            raise CourseError(f"{DATA_ENV} is set to '{configured}', but that folder has no {_MARKER}.")
        return path
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / _MARKER).is_file():
            return folder / "data"
    installed = Path(__file__).resolve().parents[2] / "data"
    if (installed / _MARKER).is_file():
        return installed
    raise CourseError(
        "Cannot find the course data. Open the notebooks from inside the course folder, "
        f"or set {DATA_ENV} to the folder that holds sources/sources.csv."
    )


def sources_dir() -> Path:
    """The folder of the three source texts."""
    return data_dir() / "sources"
