"""The rules for headings, link texts and alt texts, applied to Markdown files and notebook cells.

Screen-reader users move through a page by its headings and hear its links listed out of context,
so a document needs one `#` title and no skipped level, every link a text that says where it
leads, and every image an alt text that says what it shows. The rules judge what `markdown`
parses; a problem names its line (and, in a notebook, its cell) so it can be found and fixed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from pathlib import Path

from .markdown import Heading, Link, headings, links, prose
from .problems import Problem, cell_place, notebook_cells, reading_order, short

# Link texts that do not say where a link leads, compared after lower-casing and dropping punctuation.
VAGUE_LINK_TEXTS = frozenset({
    "click here", "here", "this", "link", "this link", "more", "read more", "this page", "page",
    "click", "go", "go here", "see here", "click this link", "more info", "here link",
})
ADDRESS = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
FILE_NAME = re.compile(r"^\S+\.(?:png|jpe?g|gif|svg|webp)$", re.IGNORECASE)  # JupyterLab's default alt for a pasted image


def _quote(text: str) -> str:
    return f"“{short(text, 60)}”"


# --- headings --------------------------------------------------------------------------------------


def heading_problems(found: Sequence[tuple[Heading, str]]) -> list[tuple[str, str]]:
    """Problems with a document's headings, each as (where, what to do).

    `found` is every heading of one notebook or file in reading order, with where it is. A
    document has exactly one level-1 heading, and each heading is at most one level below the
    one before it (the first one is the `#` title).
    """
    problems = []
    titles = [(h, where) for h, where in found if h.level == 1]
    if not titles:
        problems.append(("the whole document", ("there is no `#` title: start the first Markdown cell or line "
                                               "with one `# Title` heading")))
    for heading, where in titles[1:]:
        problems.append((where, (f"a second `#` heading ({_quote(heading.text)}; the title is "
                                f"{_quote(titles[0][0].text)}): make it `##` or lower")))
    previous = 0
    for heading, where in found:
        if heading.level > previous + 1:
            above = f"a level-{previous} heading" if previous else "the start of the document"
            problems.append((where, (f"the heading {'#' * heading.level} {_quote(heading.text)} skips a level "
                                    f"(it follows {above}): make it {'#' * (previous + 1)}")))
        previous = heading.level
    return problems


# --- links and images ------------------------------------------------------------------------------


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _address(url: str) -> str:
    """An address reduced to what tells two addresses apart: no scheme, no www., no trailing slash."""
    url = re.sub(r"^https?://", "", url.strip().lower())
    return url.removeprefix("www.").rstrip("/")


def link_problem(link: Link) -> str | None:
    """What is wrong with one link or image, or None."""
    if link.kind == "image":
        if link.name is None:
            return f"the image {link.source} has no alt attribute: add alt=\"…\" saying what it shows"
        if not link.name.strip():
            return f"the image {link.source} has an empty alt text: say what it shows"
        if FILE_NAME.match(link.name.strip()):
            return f"the alt text of {link.source} is a file name: say what the image shows"
        return None
    name = (link.name or "").strip()
    if not _words(name):
        return f"the link {link.source} has no text a screen reader can read: say where it leads"
    if _words(name) in VAGUE_LINK_TEXTS or _words(name).startswith("click here"):
        return (f"the link text {_quote(name)} in {link.source} does not say where it leads: "
                "use words that name the target, e.g. the page's title")
    if ADDRESS.match(name) and _address(name) != _address(link.target):
        return (f"the link text is the address {name} but the link goes to {link.target}: "
                "name the target in words, or show its own address")
    return None


# --- whole files and notebooks --------------------------------------------------------------------


TABLE_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")


def empty_table_headers(text: str) -> list[tuple[int, str]]:
    """(line, message) for each Markdown table whose header row has an empty cell.

    A screen reader announces each cell with its column's header; an empty one says nothing about
    what the column holds (axe-core's rule `empty-table-header` found one in lesson 00). Cells are
    read from the text as written (a header that is only `code` is not empty); `prose` only tells
    which lines are inside a code fence.
    """
    written, outside_code = text.split("\n"), prose(text).split("\n")
    found = []
    for number, (header, delimiter) in enumerate(itertools.pairwise(written), start=1):
        is_table = "|" in header and TABLE_DELIMITER.match(delimiter) and ("|" in delimiter or "---" in delimiter)
        if is_table and outside_code[number - 1].strip():
            cells = header.strip().removeprefix("|").removesuffix("|").split("|")
            if any(not cell.strip() for cell in cells):
                found.append((number, "a table's header row has an empty cell: name what the column holds"))
    return found


def lint_markdown(text: str, path: str) -> list[Problem]:
    """The problems of one Markdown file, each with its line."""
    problems = [Problem(path, f"line {link.line}", message)
                for link in links(text) if (message := link_problem(link))]
    problems += [Problem(path, f"line {line}", message) for line, message in empty_table_headers(text)]
    found = [(h, f"line {h.line}") for h in headings(text)]
    problems += [Problem(path, where, message) for where, message in heading_problems(found)]
    return sorted(problems, key=reading_order)


def lint_notebook_markdown(notebook: dict | str | Path, path: str) -> list[Problem]:
    """The problems of a notebook's Markdown cells; headings are checked across the whole notebook."""
    problems: list[Problem] = []
    found: list[tuple[Heading, str]] = []
    for index, cell in enumerate(notebook_cells(notebook)):
        if cell.get("cell_type") != "markdown":
            continue
        for link in links(cell["source"]):
            message = link_problem(link)
            if message:
                problems.append(Problem(path, cell_place(index, cell, link.line), message))
        problems += [Problem(path, cell_place(index, cell, line), message)
                     for line, message in empty_table_headers(cell["source"])]
        found += [(h, cell_place(index, cell, h.line)) for h in headings(cell["source"])]
    problems += [Problem(path, where, message) for where, message in heading_problems(found)]
    return sorted(problems, key=reading_order)

