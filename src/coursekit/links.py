"""Launch links for the course: Binder for anyone, nbgitpuller for a university JupyterHub.

Every link is built from the one repository slug configured in `pyproject.toml`
(`[tool.coursekit] github`), so publishing the course under another name means changing one line
and running `make tidy`. `python -m coursekit.links --hub https://hub.example.edu` (or
`make links HUB=...`) prints a table of links a teacher can paste into a learning platform: each
one clones the course into the student's home folder on first use (later clicks merge updates
without overwriting the student's changes, which is what nbgitpuller does) and opens one notebook.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

from .errors import CourseError

BINDER = "https://mybinder.org/v2/gh"
BINDER_BADGE = "https://mybinder.org/badge_logo.svg"
DEFAULT_BRANCH = "main"
SLUG = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")


def repository_slug(root: Path) -> str:
    """The GitHub `owner/name` of the course, read from `pyproject.toml` under `root`."""
    try:
        config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
        slug = config["tool"]["coursekit"]["github"]
    except (OSError, tomllib.TOMLDecodeError, KeyError) as exc:
        raise CourseError(f"{root / 'pyproject.toml'} does not name the course's repository "
                          "([tool.coursekit] github = \"owner/name\").") from exc
    if not SLUG.fullmatch(slug):
        raise CourseError(f"[tool.coursekit] github is '{slug}', not an owner/name pair.")
    return slug


def binder_url(slug: str, path: str = "") -> str:
    """A mybinder.org link that builds the course's default branch and opens `path` in JupyterLab."""
    url = f"{BINDER}/{slug}/HEAD"
    return f"{url}?urlpath={quote('lab/tree/' + path, safe='/')}" if path else url


def hub_base(hub: str) -> str:
    """The hub's base address, from whatever a teacher copies out of the browser's address bar.

    `https://uni.edu/jupyter/hub/home` and `https://uni.edu/jupyter/user/ana/lab` both give
    `https://uni.edu/jupyter`: everything from `/hub/` or `/user/` on is a page of the hub, not
    its address. A query or a fragment would end up inside the link, so it is refused.
    """
    parts = urlsplit(hub.strip())
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise CourseError(f"The hub's address must start with http:// or https:// (got '{hub}').")
    if parts.query or parts.fragment:
        raise CourseError(f"Give the hub's address without '?…' or '#…' (got '{hub}'), e.g. https://hub.example.edu.")
    path = re.split(r"/(?:hub|user)(?:/|$)", parts.path, maxsplit=1)[0].rstrip("/")
    return f"{parts.scheme}://{parts.netloc}{path}"


def nbgitpuller_url(hub: str, slug: str, path: str, branch: str = DEFAULT_BRANCH) -> str:
    """An nbgitpuller link: pull the course into the hub user's home folder, then open `path`.

    The path after `lab/tree/` starts with the folder the clone goes into (the repository's name),
    and `?autodecode` spares students JupyterLab's workspace prompt, as nbgitpuller documents
    (https://nbgitpuller.readthedocs.io/en/latest/topic/url-options.html).
    """
    folder = slug.split("/")[1]
    query = urlencode({
        "repo": f"https://github.com/{slug}",
        "urlpath": f"lab/tree/{folder}/{path}?autodecode",
        "branch": branch,
    })
    return f"{hub_base(hub)}/hub/user-redirect/git-pull?{query}"


def launch_table(root: Path, hub: str, branch: str = DEFAULT_BRANCH) -> str:
    """A Markdown table with one nbgitpuller link per lesson and per exercise."""
    slug = repository_slug(root)
    rows = ["| notebook | link |", "|---|---|"]
    for folder in ("notebooks", "exercises"):
        for notebook in sorted((root / folder).glob("*.ipynb")):
            path = f"{folder}/{notebook.name}"
            rows.append(f"| {path} | {nbgitpuller_url(hub, slug, path, branch)} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hub", required=True, help="the JupyterHub's address, e.g. https://hub.example.edu")
    parser.add_argument("--branch", default=DEFAULT_BRANCH, help=f"branch to pull (default: {DEFAULT_BRANCH})")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the course folder (default: here)")
    args = parser.parse_args(argv)
    try:
        print(launch_table(args.root, args.hub, args.branch))
    except CourseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
