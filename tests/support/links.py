"""Find the relative links of a notebook or a Markdown file that lead nowhere (file or anchor)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

MARKDOWN_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#+ (.+)$", re.MULTILINE)
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)


def markdown_of(path: Path) -> str:
    """The Markdown of a file: a notebook's markdown cells, or a .md file, code fences removed."""
    if path.suffix == ".ipynb":
        nb = nbformat.read(path, as_version=4)
        text = "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    else:
        text = path.read_text(encoding="utf-8")
    return FENCE.sub("", text)


def anchors(path: Path) -> set[str]:
    """The anchors GitHub and JupyterLab give the headings of `path` (lower case, spaces to hyphens)."""
    return {re.sub(r"[^\w -]", "", h).strip().lower().replace(" ", "-") for h in HEADING.findall(markdown_of(path))}


def broken_links(path: Path, inside: Path | None = None) -> list[str]:
    """Each relative link of `path` whose file is missing (or outside `inside`), or whose anchor is."""
    problems = []
    for target in MARKDOWN_LINK.findall(markdown_of(path)):
        if re.match(r"[a-z]+:", target):
            continue
        file, _, anchor = target.partition("#")
        resolved = (path.parent / file).resolve() if file else path.resolve()
        if inside is not None and not resolved.is_relative_to(inside.resolve()):
            problems.append(f"{target} (outside {inside.name})")
        elif not resolved.exists():
            problems.append(f"{target} (no such file)")
        elif anchor and resolved.is_file() and anchor not in anchors(resolved):
            problems.append(f"{target} (no such heading)")
    return problems
