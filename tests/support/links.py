"""Find the relative links of a notebook or a Markdown file that lead nowhere (file or anchor).

Markdown is read through the parsers of `coursekit.accessibility.markdown`, so this check and the
accessibility lint agree on what a link is: inline, reference and HTML `<a>` links, a link wrapped
around an image, and the image's own source, but nothing inside code (``` or ~~~ fences, inline
code). A notebook's Markdown cells are read one by one, as JupyterLab renders them.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import nbformat

from coursekit.accessibility import headings, links

SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)  # https:, mailto:, attachment:, data: ...
INLINE_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def markdown_of(path: Path) -> list[str]:
    """The Markdown of a file: each Markdown cell of a notebook, or the whole of a .md file."""
    if path.suffix == ".ipynb":
        nb = nbformat.read(path, as_version=4)
        return [c.source for c in nb.cells if c.cell_type == "markdown"]
    return [path.read_text(encoding="utf-8")]


def anchor(heading: str) -> str:
    """The anchor of a heading as GitHub makes it: the text a reader sees (a link's text, not its
    address), lower case, punctuation except hyphens and underscores removed, spaces to hyphens."""
    text = re.sub(r"<[^>]+>", "", INLINE_LINK.sub(r"\1", heading))
    return re.sub(r"[^\w -]", "", text).strip().lower().replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """The anchors of every heading of `path`."""
    return {anchor(h.text) for text in markdown_of(path) for h in headings(text)}


def broken_links(path: Path, inside: Path | None = None) -> list[str]:
    """Each relative link or image source of `path` whose file is missing (or outside `inside`),
    or whose anchor is."""
    problems = []
    for text in markdown_of(path):
        for link in links(text):
            target = link.target
            if not target or SCHEME.match(target):
                continue
            file, _, fragment = target.partition("#")
            resolved = (path.parent / unquote(file)).resolve() if file else path.resolve()
            if inside is not None and not resolved.is_relative_to(inside.resolve()):
                problems.append(f"{target} (outside {inside.name})")
            elif not resolved.exists():
                problems.append(f"{target} (no such file)")
            elif fragment and resolved.is_file() and unquote(fragment) not in anchors(resolved):
                problems.append(f"{target} (no such heading)")
    return problems
