"""The course's accessibility lint: headings, link texts, alt texts, figures, colours and widget labels.

Run `python -m coursekit.accessibility [PATHS]` (no paths: every notebook and Markdown file the
course owns). Each problem names the file, the cell (number and id) or the line, and what to change;
the command exits with 1 if there is any. `make test` runs the same checks (tests/test_accessibility.py).

What is checked, and why:
- Headings: one `#` title per notebook or Markdown file, and no skipped level (a `###` straight
  under a `#`): screen-reader users move through a page by its headings. A `# comment` inside a
  fenced code block is code, not a heading.
- Links: a link text says where it leads ("the 2019 film law", not "here"); screen readers list the
  links of a page out of context. An address shown as the text of a link to another address
  misleads, so that is refused too. HTML `<a>` tags are read like Markdown links.
- Images: every Markdown image and HTML `<img>` has a non-empty alt text.
- Figures: lesson and solution code draws plotly figures only through `coursekit.charts.chart()`
  (title, axis titles, description), never with `fig.show()`, `display(fig)` or a bare figure left
  as a cell's last expression (`figure_routing_problems`); a chart's title, axis titles and
  description can be checked on the built figure (`missing_figure_text`).
- Colour: categories that differ in colour must differ in another way too: legend names, text
  labels, marker symbols, line dashes or widths, fill patterns, or their position
  (`colour_only_categories`); and the colours a figure uses together stay apart for people with
  protanopia, deuteranopia and tritanopia (`confusable_colours`).
- Widgets: every control a student can operate has a label (`unlabelled_controls`).

The functions are small and pure (text or objects in, a list of problems out), so each rule has
unit tests on made-up inputs that prove it fires and that a correct input passes.
"""

from __future__ import annotations

import argparse
import ast
import itertools
import json
import math
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

# --- where the lint looks ------------------------------------------------------------------------

NOTEBOOK_FOLDERS = ("notebooks", "exercises", "solutions")
CODE_FOLDERS = ("notebooks", "solutions")  # exercises/ holds the students' blanks, not figures
MARKDOWN_FILES = ("README.md", "data/README.md", "benchmarks/README.md")
MARKDOWN_GLOBS = ("docs/*.md",)  # not docs/research/ (working notes), not data/sources/ (the texts)


def course_files(root: Path) -> list[Path]:
    """Every notebook and Markdown file the course owns, in a stable order."""
    notebooks = [p for folder in NOTEBOOK_FOLDERS for p in sorted((root / folder).glob("*.ipynb"))]
    markdown = [root / name for name in MARKDOWN_FILES if (root / name).is_file()]
    markdown += [p for pattern in MARKDOWN_GLOBS for p in sorted(root.glob(pattern))]
    return notebooks + markdown


@dataclass(frozen=True)
class Problem:
    """One thing to fix: the file, where in it, and what to do."""

    path: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}, {self.where}: {self.message}"


# --- Markdown: what is code and what is prose ----------------------------------------------------

FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})(.*)$")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Inline code: a run of backticks, then anything up to the same run, within one paragraph.
CODE_SPAN = re.compile(r"(?<![`\\])(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.DOTALL)
DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:[ \t]*<?(\S+?)>?(?:[ \t].*)?$", re.MULTILINE)


def _blank(match: re.Match) -> str:
    """The matched text with every character but a line break replaced by a space."""
    return re.sub(r"[^\n]", " ", match.group(0))


def prose(text: str) -> str:
    """`text` with fenced code blocks, inline code and HTML comments blanked out.

    Blanked character for character, not removed: every line keeps its number and every character
    its offset, so a problem can name its line and a link's text can be read from the original.
    """
    lines = text.split("\n")
    fence: str | None = None
    for i, line in enumerate(lines):
        match = FENCE.match(line)
        if fence is None:
            # A backtick fence's info string cannot contain a backtick (``` `x` ``` is inline code).
            if match and not (match.group(1)[0] == "`" and "`" in match.group(2)):
                fence = match.group(1)
                lines[i] = " " * len(line)
        else:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) \
                    and not match.group(2).strip():
                fence = None
            lines[i] = " " * len(line)
    text = "\n".join(lines)
    text = HTML_COMMENT.sub(_blank, text)
    return CODE_SPAN.sub(_blank, text)


# --- headings --------------------------------------------------------------------------------------

ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
NOT_PARAGRAPH = re.compile(r"^\s*$|^ {0,3}(?:[-+*]\s|\d+[.)]\s|\||<|>|#)")
HTML_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int  # 1-based, within the text it was found in


def headings(text: str) -> list[Heading]:
    """The headings of a Markdown text in order: `#` lines, underlined lines and HTML `<h1>`–`<h6>`.

    Code (fenced blocks, inline code) and HTML comments are not searched.
    """
    clean = prose(text)
    lines, original = clean.split("\n"), text.split("\n")
    found: list[Heading] = []
    for i, line in enumerate(lines):
        if ATX.match(line):
            atx = ATX.match(original[i]) or ATX.match(line)  # the original keeps inline code in the text
            found.append(Heading(len(atx.group(1)), (atx.group(2) or "").strip(), i + 1))
            continue
        setext = SETEXT.match(line)
        if setext and i > 0 and not NOT_PARAGRAPH.match(lines[i - 1]) and not ATX.match(lines[i - 1]):
            found.append(Heading(1 if setext.group(1)[0] == "=" else 2, original[i - 1].strip(), i))
    for match in HTML_HEADING.finditer(clean):
        found.append(Heading(int(match.group(1)), _plain(text[match.start(2):match.end(2)]),
                             clean.count("\n", 0, match.start()) + 1))
    return sorted(found, key=lambda h: h.line)


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

# Link texts that do not say where a link leads, compared after lower-casing and dropping punctuation.
VAGUE_LINK_TEXTS = frozenset({
    "click here", "here", "this", "link", "this link", "more", "read more", "this page", "page",
    "click", "go", "go here", "see here", "click this link", "more info", "here link",
})
ADDRESS = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
FILE_NAME = re.compile(r"^\S+\.(?:png|jpe?g|gif|svg|webp)$", re.IGNORECASE)  # JupyterLab's default alt for a pasted image


@dataclass(frozen=True)
class Link:
    """A link or an image found in a text: `name` is its link text or alt text as a reader hears it."""

    kind: str  # "link" or "image"
    name: str | None  # None: an <img> without an alt attribute
    target: str
    line: int
    source: str  # how it is written, shortened, to quote in a problem


def _matching(text: str, start: int, opening: str, closing: str) -> int | None:
    """The index of the bracket closing the one at `start`, nesting and backslash escapes respected."""
    depth = 0
    i = start
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == opening:
            depth += 1
        elif c == closing:
            depth -= 1
            if depth == 0:
                return i
        elif c == "\n" and text[i + 1:i + 2] == "\n":  # a blank line ends a paragraph, and any link
            return None
        i += 1
    return None


ATTRIBUTE = r"""\b{}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"""


def _attribute(tag: str, name: str) -> str | None:
    match = re.search(ATTRIBUTE.format(name), tag, flags=re.IGNORECASE)
    return None if match is None else unescape(next(g for g in match.groups() if g is not None))


IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
A_TAG = re.compile(r"<a\b([^>]*)>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
MD_IMAGE = re.compile(r"!\[((?:[^\[\]\\]|\\.)*)\]\([^)]*\)")


def _plain(fragment: str) -> str:
    """What a screen reader says for a fragment of Markdown or HTML: images become their alt texts."""
    text = IMG_TAG.sub(lambda m: f" {_attribute(m.group(0), 'alt') or ''} ", fragment)
    text = MD_IMAGE.sub(lambda m: f" {m.group(1)} ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"[*_~`]+", "", text)
    return " ".join(unescape(text).split())


def _short(source: str, width: int = 70) -> str:
    source = " ".join(source.split())
    return source if len(source) <= width else source[:width - 1] + "…"


def _destination(inside: str) -> str:
    inside = inside.strip()
    if inside.startswith("<"):
        return inside[1:inside.find(">")] if ">" in inside else inside[1:]
    return inside.split()[0] if inside else ""


def links(text: str) -> list[Link]:
    """Every link and image of a Markdown text (inline, reference and HTML), outside code."""
    clean = prose(text)
    definitions = {m.group(1).strip().lower(): m.group(2) for m in DEFINITION.finditer(clean)}
    body = DEFINITION.sub(_blank, clean)
    found: list[Link] = []

    def line_of(at: int) -> int:
        return body.count("\n", 0, at) + 1

    i = 0
    while i < len(body):
        if body[i] == "\\":
            i += 2
            continue
        if body[i] != "[":
            i += 1
            continue
        image = i > 0 and body[i - 1] == "!" and (i < 2 or body[i - 2] != "\\")
        start = i - 1 if image else i
        close = _matching(body, i, "[", "]")
        if close is None:
            i += 1
            continue
        label = text[i + 1:close]  # from the original: inline code in a link's text is part of its name
        after = body[close + 1:close + 2]
        target = None
        end = close
        if after == "(":
            paren = _matching(body, close + 1, "(", ")")
            if paren is not None:
                target, end = _destination(text[close + 2:paren]), paren
        elif after == "[":
            ref_close = body.find("]", close + 1)
            if ref_close != -1:
                ref = body[close + 2:ref_close].strip().lower() or label.strip().lower()
                if ref in definitions:
                    target, end = definitions[ref], ref_close
        elif label.strip().lower() in definitions and not label.startswith("^"):
            target = definitions[label.strip().lower()]
        if target is not None:
            name = label.strip() if image else _plain(label)
            found.append(Link("image" if image else "link", name, target, line_of(start), _short(text[start:end + 1])))
        i += 1  # an image inside a link's text is found on the way through it
    for match in A_TAG.finditer(body):
        attributes, inner = text[match.start(1):match.end(1)], text[match.start(2):match.end(2)]
        name = _attribute(attributes, "aria-label") or _plain(inner)
        found.append(Link("link", name, _attribute(attributes, "href") or "", line_of(match.start()),
                          _short(text[match.start():match.end()])))
    for match in IMG_TAG.finditer(body):
        found.append(Link("image", _attribute(match.group(0), "alt"), _attribute(match.group(0), "src") or "",
                          line_of(match.start()), _short(match.group(0))))
    return sorted(found, key=lambda link: link.line)


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


# --- linting files ---------------------------------------------------------------------------------


def _quote(text: str) -> str:
    return f"“{_short(text, 60)}”"


def lint_markdown(text: str, path: str) -> list[Problem]:
    """The problems of one Markdown file, each with its line."""
    problems = [Problem(path, f"line {link.line}", message)
                for link in links(text) if (message := link_problem(link))]
    found = [(h, f"line {h.line}") for h in headings(text)]
    problems += [Problem(path, where, message) for where, message in heading_problems(found)]
    return sorted(problems, key=_order)


def _cell_place(index: int, cell: dict, line: int | None = None) -> str:
    place = f"cell {index + 1} (id {cell.get('id', '?')})"
    return place if line is None else f"{place}, line {line}"


def _cells(notebook: dict | str | Path) -> list[dict]:
    if isinstance(notebook, (str, Path)):
        notebook = json.loads(Path(notebook).read_text(encoding="utf-8"))
    cells = []
    for cell in notebook.get("cells", []):
        source = cell.get("source", "")
        cells.append({**cell, "source": "".join(source) if isinstance(source, list) else source})
    return cells


def lint_notebook_markdown(notebook: dict | str | Path, path: str) -> list[Problem]:
    """The problems of a notebook's Markdown cells; headings are checked across the whole notebook."""
    problems: list[Problem] = []
    found: list[tuple[Heading, str]] = []
    for index, cell in enumerate(_cells(notebook)):
        if cell.get("cell_type") != "markdown":
            continue
        for link in links(cell["source"]):
            message = link_problem(link)
            if message:
                problems.append(Problem(path, _cell_place(index, cell, link.line), message))
        found += [(h, _cell_place(index, cell, h.line)) for h in headings(cell["source"])]
    problems += [Problem(path, where, message) for where, message in heading_problems(found)]
    return sorted(problems, key=_order)


def _order(problem: Problem) -> tuple:
    numbers = [int(n) for n in re.findall(r"\d+", problem.where.split("(id")[0])]
    numbers += [int(n) for n in re.findall(r"line (\d+)", problem.where)]
    return (problem.path, numbers, problem.message)


# --- figures in code cells -------------------------------------------------------------------------

PLOTLY_FIGURE_MODULES = ("plotly.express", "plotly.subplots", "plotly.figure_factory")
FIGURE_CLASSES = ("Figure", "FigureWidget")
FIGURE_METHODS = re.compile(r"^(update|add_|for_each_|set_subplots|select_)")
MAGIC_LINE = re.compile(r"^(\s*)[%!]")


class _FigureTracker(ast.NodeVisitor):
    """Follows plotly figures through a notebook's code cells, in order."""

    def __init__(self) -> None:
        self.modules: dict[str, str] = {}  # local name -> plotly module it stands for
        self.functions: dict[str, str] = {}  # local name -> "module.function" imported from plotly
        self.raw: dict[str, tuple[int, int]] = {}  # a variable holding a figure -> (cell, line) it was made in
        self.charted: set[str] = set()
        self.problems: list[tuple[int, int, str]] = []  # (cell index, line, message)
        self.cell = 0

    # which expressions are plotly figures
    def _dotted(self, node: ast.AST) -> str | None:
        if isinstance(node, ast.Name):
            return self.modules.get(node.id) or self.functions.get(node.id)
        if isinstance(node, ast.Attribute):
            base = self._dotted(node.value)
            return None if base is None else f"{base}.{node.attr}"
        return None

    def is_figure(self, node: ast.AST) -> bool:
        if isinstance(node, ast.Name):
            return node.id in self.raw
        if not isinstance(node, ast.Call):
            return False
        func = node.func
        if isinstance(func, ast.Attribute) and FIGURE_METHODS.match(func.attr) and self.is_figure(func.value):
            return True
        dotted = self._dotted(func)
        if dotted is None:
            return False
        module, _, function = dotted.rpartition(".")
        if module in PLOTLY_FIGURE_MODULES:  # px.bar(...), make_subplots(...); not px.data.iris()
            return function not in ("data", "colors")
        return dotted.startswith("plotly.graph_objects.") and dotted.rsplit(".", 1)[1] in FIGURE_CLASSES \
            or dotted.startswith("plotly.graph_objs.") and dotted.rsplit(".", 1)[1] in FIGURE_CLASSES

    @staticmethod
    def is_chart_call(node: ast.AST) -> bool:
        return isinstance(node, ast.Call) and (
            isinstance(node.func, ast.Name) and node.func.id == "chart"
            or isinstance(node.func, ast.Attribute) and node.func.attr == "chart")

    # imports
    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name == "plotly" or alias.name.startswith("plotly."):
                if alias.asname:
                    self.modules[alias.asname] = alias.name
                else:
                    self.modules["plotly"] = "plotly"

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if module == "plotly" or module.startswith("plotly."):
            for alias in node.names:
                self.functions[alias.asname or alias.name] = f"{module}.{alias.name}"

    # figures given to chart(), shown or displayed
    def visit_Call(self, node: ast.Call) -> None:
        if self.is_chart_call(node):
            for argument in [*node.args[:1], *(k.value for k in node.keywords if k.arg == "figure")]:
                if isinstance(argument, ast.Name):
                    self.charted.add(argument.id)
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        dotted = self._dotted(func) or ""
        if name == "show" or dotted.endswith(("plotly.io.show", "plotly.offline.iplot", "plotly.offline.plot")):
            self._problem(node, "a figure is shown with show(): build it with chart(figure, title=…, x_title=…, "
                                "y_title=…, description=…) and leave the chart as the cell's last line")
        elif name == "display" and any(self.is_figure(a) for a in node.args):
            self._problem(node, "display() shows a plotly figure without its title check and description: "
                                "display chart(figure, …) instead")
        if dotted.rsplit(".", 1)[-1] == "FigureWidget":
            self._problem(node, "a FigureWidget draws outside chart() (and needs a kernel to show): "
                                "use chart(figure, …) instead")
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        self.generic_visit(node)
        figure = self.is_figure(node.value)
        for target in node.targets:
            if isinstance(target, ast.Name):
                if figure:
                    self.raw[target.id] = (self.cell, node.lineno)
                    self.charted.discard(target.id)
                else:
                    self.raw.pop(target.id, None)

    def _problem(self, node: ast.AST, message: str) -> None:
        self.problems.append((self.cell, getattr(node, "lineno", 1), message))

    def cell_done(self, tree: ast.Module) -> None:
        """A cell's last expression is what the notebook displays: it must not be a bare figure."""
        if tree.body and isinstance(tree.body[-1], ast.Expr) and self.is_figure(tree.body[-1].value):
            self._problem(tree.body[-1], "the cell ends with a plotly figure, which shows it without a "
                                         "description: end it with chart(figure, title=…, x_title=…, "
                                         "y_title=…, description=…)")


def figure_routing_problems(cells: Sequence[str]) -> list[tuple[int, int, str]]:
    """Where the code `cells` of one notebook draw a plotly figure other than through `chart()`.

    Returns (cell index among `cells`, line in the cell, what to do). Found: `.show()`, `display()`
    of a figure, a FigureWidget, a figure left as a cell's last expression, and a figure assigned
    to a name that no later `chart(...)` receives. A cell that does not parse is reported too.
    """
    tracker = _FigureTracker()
    for index, source in enumerate(cells):
        tracker.cell = index
        code = "\n".join("" if MAGIC_LINE.match(line) else line for line in source.split("\n"))
        try:
            tree = ast.parse(code)
        except SyntaxError as exc:
            tracker.problems.append((index, exc.lineno or 1, f"the cell does not parse as Python ({exc.msg})"))
            continue
        tracker.visit(tree)
        tracker.cell_done(tree)
    for name, (cell, line) in tracker.raw.items():
        if name not in tracker.charted:
            tracker.problems.append((cell, line, (f"the figure `{name}` is never passed to chart(): give it a title, "
                                              "axis titles and a description with chart()")))
    return sorted(tracker.problems)


def lint_notebook_code(notebook: dict | str | Path, path: str) -> list[Problem]:
    """Figures a notebook's code cells draw around `chart()`, each with its cell and line."""
    code = [(index, cell) for index, cell in enumerate(_cells(notebook)) if cell.get("cell_type") == "code"]
    return [Problem(path, _cell_place(code[i][0], code[i][1], line), message)
            for i, line, message in figure_routing_problems([cell["source"] for _, cell in code])]


def lint_file(path: Path, root: Path | None = None) -> list[Problem]:
    """Every problem of one notebook or Markdown file; code cells of lessons and solutions too."""
    name = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
    if path.suffix == ".ipynb":
        notebook = json.loads(path.read_text(encoding="utf-8"))
        problems = lint_notebook_markdown(notebook, name)
        if path.parent.name in CODE_FOLDERS:
            problems += lint_notebook_code(notebook, name)
        return problems
    return lint_markdown(path.read_text(encoding="utf-8"), name)


# --- figures: text for readers who cannot see them -------------------------------------------------

AXISLESS_PREFIXES = ("scattergeo", "choropleth", "pie", "sunburst", "treemap", "icicle", "sankey", "table",
                     "funnelarea", "indicator", "parcats", "parcoords", "scatterpolar", "barpolar")


def missing_figure_text(figure: Any, description: str | None) -> list[str]:
    """What a figure lacks for a reader who cannot see it: a title, axis titles, a description.

    `figure` is a plotly figure (or a `Chart`, whose description is used if `description` is None).
    Every x and y axis that a trace uses needs a title, unless another used axis of the same
    direction with the same extent has one (stacked panels share the title of the bottom one).
    """
    if description is None and hasattr(figure, "description"):
        description = figure.description
    figure = getattr(figure, "figure", figure)
    layout = figure.to_plotly_json()["layout"]
    problems = []
    title = (layout.get("title") or {}).get("text") or ""
    if not title.strip():
        problems.append("the figure has no title")
    if not (description or "").strip():
        problems.append("the figure has no text description")
    used: dict[str, set[str]] = {"x": set(), "y": set()}
    for trace in figure.data:
        if trace.type.startswith(AXISLESS_PREFIXES):
            continue
        used["x"].add(_axis_name("x", getattr(trace, "xaxis", None)))
        used["y"].add(_axis_name("y", getattr(trace, "yaxis", None)))
    for letter, axes in used.items():
        titled = {tuple(_axis(layout, a).get("domain") or (0, 1)) for a in axes if _axis_title(layout, a)}
        for axis in sorted(axes):
            if not _axis_title(layout, axis) and tuple(_axis(layout, axis).get("domain") or (0, 1)) not in titled:
                problems.append(f"the {letter} axis ({axis}) has no title")
    return problems


def _axis_name(letter: str, ref: str | None) -> str:
    return f"{letter}axis{(ref or letter)[1:]}"


def _axis(layout: dict, name: str) -> dict:
    return layout.get(name) or {}


def _axis_title(layout: dict, name: str) -> str:
    title = _axis(layout, name).get("title") or {}
    return (title.get("text") if isinstance(title, dict) else str(title)) or ""


# --- colour is never the only carrier of meaning --------------------------------------------------

NUMERIC_LABEL = re.compile(r"^[\s\d.,%+\-−–$€£¥]*$")
ISO_DATE = re.compile(r"^\d{4}(-\d\d){0,2}([ T].*)?$")


@dataclass
class _Category:
    """Marks of one colour within one trace: what besides colour tells them from other marks."""

    label: str
    colour: str
    legend: str | None
    texts: frozenset[str] | None
    symbols: frozenset[str] | None
    patterns: frozenset[str] | None
    dash: str | None
    width: float | None
    mark: str
    places: frozenset


def _norm_colour(colour: Any) -> str | None:
    if not isinstance(colour, str) or not colour.strip():
        return None
    colour = colour.strip().lower().replace(" ", "")
    if re.fullmatch(r"#[0-9a-f]{3}", colour):
        colour = "#" + "".join(c * 2 for c in colour[1:])
    return colour


def _values(value: Any, n: int) -> list:
    """A trace attribute as one value per point (a single value is repeated)."""
    if value is None:
        return [None] * n
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
        values = list(value.tolist() if hasattr(value, "tolist") else value)
        return (values + [None] * n)[:n]
    return [value] * n


def _length(value: Any) -> int:
    return 1 if isinstance(value, str) or not hasattr(value, "__len__") else len(value)


def _categorical(values: Iterable) -> bool:
    present = [v for v in values if v is not None]
    return bool(present) and all(isinstance(v, str) and not ISO_DATE.match(v) for v in present)


def _get(item: Any, path: str) -> Any:
    """A property of a plotly trace or layout by its dotted path, or None (also for one it lacks)."""
    head, _, rest = path.partition(".")
    if head not in item:
        return None
    value = item[head]
    return value if not rest or value is None else _get(value, rest)


def _legend_names(traces: Sequence[Any], layout: Any) -> dict[int, str]:
    """The name each trace has in the legend, by trace index (none if no legend is drawn).

    Plotly draws a legend when `showlegend` says so or, by default, when two or more traces have an
    entry. A trace without its own entry takes the name of the entry of its `legendgroup`.
    """
    entries = [i for i, t in enumerate(traces) if _get(t, "showlegend") is not False and _get(t, "name")]
    shown = layout.showlegend
    if shown is False or (shown is None and len(entries) < 2
                          and not any(_get(traces[i], "showlegend") is True for i in entries)):
        return {}
    names = {i: str(traces[i].name) for i in entries}
    groups = {_get(traces[i], "legendgroup"): names[i] for i in entries if _get(traces[i], "legendgroup")}
    for i, trace in enumerate(traces):
        if i not in names and _get(trace, "legendgroup") in groups:
            names[i] = groups[trace.legendgroup]
    return names


def _categories(figure: Any) -> list[_Category]:
    figure = getattr(figure, "figure", figure)
    traces, layout = figure.data, figure.layout
    colourway = layout.colorway or _get(layout, "template.layout.colorway") or _plotly_default_colourway()
    legend = _legend_names(traces, layout)
    found = []
    for index, trace in enumerate(traces):
        if _get(trace, "visible") is False:
            continue
        kind = trace.type
        xs, ys = _get(trace, "x"), _get(trace, "y")
        coords = [c for c in (xs, ys, _get(trace, "lon"), _get(trace, "lat")) if c is not None]
        n = max((_length(c) for c in coords), default=0)
        if n == 0 or all(all(v is None for v in _values(c, n)) for c in coords):
            continue  # a trace with no points (a legend entry only) draws nothing
        is_bar = kind in ("bar", "histogram", "funnel", "waterfall")
        mode = (_get(trace, "mode") or ("markers" if n <= 20 else "lines")) if kind.startswith("scatter") else ""
        mark = f"{kind}:{'bar' if is_bar else 'markers' if 'markers' in mode else 'lines' if 'lines' in mode else 'text'}"
        point_colours = _get(trace, "marker.color")
        if "markers" not in mode and not is_bar and _get(trace, "line.color"):
            point_colours = _get(trace, "line.color")
        if point_colours is not None and not isinstance(point_colours, str) and \
                any(isinstance(c, (int, float)) for c in _values(point_colours, n)):
            continue  # colour on a continuous scale encodes a number, shown by its colour bar: not categories
        default = _norm_colour(colourway[index % len(colourway)])
        colours = [_norm_colour(c) or default for c in _values(point_colours, n)]
        texts = _values(_get(trace, "text"), n)
        show_text = ("text" in mode) if kind.startswith("scatter") else _get(trace, "textposition") != "none"
        symbols = _values(_get(trace, "marker.symbol"), n) if "markers" in mode else [None] * n
        pattern = _get(trace, "marker.pattern.shape")
        patterns = [None] * n if pattern is None else [p or "solid" for p in _values(pattern, n)]
        if is_bar:
            along = ys if _get(trace, "orientation") == "h" else xs
        else:
            along = ys if ys is not None and _categorical(_values(ys, n)) else \
                xs if xs is not None and _categorical(_values(xs, n)) else None
        positions = _values(along, n)
        subplot = (_get(trace, "xaxis") or "x", _get(trace, "yaxis") or "y", _get(trace, "geo") or "")
        dash = _get(trace, "line.dash")
        width = _get(trace, "line.width")
        by_colour: dict[str, list[int]] = {}
        for point, colour in enumerate(colours):
            by_colour.setdefault(colour, []).append(point)
        for colour, points in by_colour.items():
            def kept(values: list, points: list[int] = points) -> frozenset[str] | None:
                chosen = {str(values[p]) for p in points if values[p] not in (None, "")}
                return frozenset(chosen) or None

            name = trace.name or f"trace {index}"
            found.append(_Category(
                label=name if len(by_colour) == 1 else f"{name} ({colour})",
                colour=colour,
                legend=legend.get(index) if len(by_colour) == 1 else None,
                texts=kept(texts) if show_text else None,
                symbols=kept(symbols),
                patterns=kept(patterns),
                dash=(dash or "solid") if "lines" in mode else None,
                width=float(width or 2) if "lines" in mode and "markers" not in mode else None,
                mark=mark,
                places=frozenset((subplot, positions[p]) for p in points) if along is not None
                else frozenset({subplot}),
            ))
    return found


def _plotly_default_colourway() -> list[str]:
    import plotly.colors

    return list(plotly.colors.qualitative.Plotly)


def _told_apart(a: _Category, b: _Category) -> str | None:
    """How two categories are told apart without colour, or None if only colour separates them."""
    if a.legend and b.legend and a.legend != b.legend:
        return "legend"
    if a.texts and b.texts and not (a.texts & b.texts) and \
            not all(NUMERIC_LABEL.match(t) for t in a.texts | b.texts):
        return "text labels"
    if a.symbols and b.symbols and not (a.symbols & b.symbols):
        return "marker symbols"
    if a.patterns and b.patterns and not (a.patterns & b.patterns):
        return "fill patterns"
    if a.dash and b.dash and a.dash != b.dash:
        return "line dashes"
    if a.width is not None and b.width is not None and a.width != b.width:
        return "line widths"
    if a.mark != b.mark:
        return "kind of mark"
    if not (a.places & b.places):
        return "position"
    return None


def colour_only_categories(figure: Any) -> list[str]:
    """Pairs of categories in `figure` that differ only in colour, each as a sentence.

    A category is the marks of one colour in one trace (a trace, or a part of it when its marker
    colours differ point by point). Two categories of different colours must also differ in one of:
    their names in a drawn legend, their text labels (not numbers alone), marker symbols, fill
    patterns, line dashes or widths, kind of mark, or position (their own subplot, or their own
    places on a category axis). An empty list means colour is never the only cue.
    """
    problems = []
    for a, b in itertools.combinations(_categories(figure), 2):
        if a.colour != b.colour and _told_apart(a, b) is None:
            problems.append(f"“{a.label}” and “{b.label}” differ only in colour ({a.colour} and {b.colour}): "
                            "show a legend with their names, label them, or vary the symbol, dash or pattern")
    return problems


def category_colours(figure: Any) -> list[str]:
    """The colours that set categories apart in `figure` (each once, in drawing order)."""
    return list(dict.fromkeys(c.colour for c in _categories(figure)))


# --- colour-blind simulation ------------------------------------------------------------------------

# Machado, Oliveira & Fernandes (2009), "A Physiologically-based Model for Simulation of Color Vision
# Deficiency", IEEE TVCG 15(6): 1291-1298; the matrices for severity 1.0 (dichromacy), applied to
# linear sRGB, from the authors' supplementary material:
# https://www.inf.ufrgs.br/~oliveira/pubs_files/CVD_Simulation/CVD_Simulation.html
# A simulation is a model of an average dichromat, not of any one reader: the test keeps a margin.
CVD_MATRICES = {
    "protanopia": ((0.152286, 1.052583, -0.204868),
                   (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968),
                     (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779),
                   (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}
DEFICIENCIES = tuple(CVD_MATRICES)
# The least CIE76 difference (ΔE*ab in CIELAB, D65) between two colours a figure uses together.
# On the scale of Mokrzycki & Tatoł's survey ("Colour difference ΔE - A survey", Machine Graphics
# & Vision, 2011), as colour-science documents it, an observer sees two different colours above 5:
# https://colour.readthedocs.io/en/v0.4.7/generated/colour.difference.JND_CIE1976.html
# The threshold is twice that, because such judgements are made on large patches side by side, and
# the difference needed grows as marks shrink (Stone, Szafir & Setlur 2014, "An Engineering Model
# for Color Difference as a Function of Size"); chart markers and legend swatches are small and apart.
MIN_DELTA_E = 10.0


def _hex_rgb(colour: str) -> tuple[float, float, float]:
    value = _norm_colour(colour) or ""
    if not re.fullmatch(r"#[0-9a-f]{6}", value):
        raise ValueError(f"{colour!r} is not a colour written #RRGGBB")
    return tuple(int(value[i:i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def simulate(colour: str, deficiency: str | None) -> tuple[float, float, float]:
    """The colour (#RRGGBB) as linear sRGB, as a person with `deficiency` sees it (None: as is)."""
    rgb = [_linear(c) for c in _hex_rgb(colour)]
    if deficiency is None:
        return tuple(rgb)  # type: ignore[return-value]
    matrix = CVD_MATRICES[deficiency]
    return tuple(min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb)))) for row in matrix)  # type: ignore[return-value]


def lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    """CIELAB (D65 white) of a linear sRGB colour."""
    r, g, b = rgb
    xyz = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b,
           0.2126729 * r + 0.7151522 * g + 0.0721750 * b,
           0.0193339 * r + 0.1191920 * g + 0.9503041 * b)
    white = (0.95047, 1.0, 1.08883)

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = (f(v / w) for v, w in zip(xyz, white))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(first: str, second: str, deficiency: str | None = None) -> float:
    """CIE76 colour difference (ΔE*ab) between two colours, as seen with `deficiency` (None: normal vision)."""
    return math.dist(lab(simulate(first, deficiency)), lab(simulate(second, deficiency)))


def confusable_colours(colours: Iterable[str], minimum: float = MIN_DELTA_E) -> list[str]:
    """Pairs of `colours` closer than `minimum` for normal vision or any simulated deficiency, as sentences."""
    problems = []
    for a, b in itertools.combinations(list(dict.fromkeys(_norm_colour(c) for c in colours)), 2):
        for deficiency in (None, *DEFICIENCIES):
            difference = delta_e(a, b, deficiency)
            if difference < minimum:
                problems.append(f"{a} and {b} are only ΔE {difference:.1f} apart "
                                f"{'with ' + deficiency if deficiency else 'for normal vision'} (need {minimum:g})")
    return problems


# --- widgets ----------------------------------------------------------------------------------------


def unlabelled_controls(widget: Any) -> list[str]:
    """Controls under `widget` (itself included) that a screen reader cannot name, as sentences.

    A control is anything a student operates: text boxes, sliders, checkboxes, drop-downs, toggle
    and other buttons. Each needs a non-empty `description`; a Button may instead say what it does
    in its tooltip. Options of a selection need non-empty labels. Display-only widgets (HTML,
    labels, outputs, images, progress bars) need none.
    """
    import ipywidgets as w

    display_only = (w.HTML, w.HTMLMath, w.Label, w.Image, w.Audio, w.Video, w.Valid, w.IntProgress,
                    w.FloatProgress, w.Output)
    problems = []

    def name_of(item: Any, path: str) -> str:
        classes = " ".join(getattr(item, "_dom_classes", ()))
        return f"{type(item).__name__} at {path}" + (f" (class {classes})" if classes else "")

    def walk(item: Any, path: str) -> None:
        if isinstance(item, w.Box):
            for i, child in enumerate(item.children):
                walk(child, f"{path}.{i}")
            return
        if isinstance(item, display_only) or not isinstance(item, (w.ValueWidget, w.Button)):
            return
        if isinstance(item, w.Button):
            if not (item.description.strip() or item.tooltip and item.tooltip.strip()):
                problems.append(f"{name_of(item, path)} has neither a description nor a tooltip")
            return
        if not str(getattr(item, "description", "") or "").strip():
            problems.append(f"{name_of(item, path)} has no description")
        labels = getattr(item, "_options_labels", None)
        if labels is not None and any(not str(label).strip() for label in labels):
            problems.append(f"{name_of(item, path)} has an option without a label")

    walk(widget, "root")
    return problems


# --- command line -----------------------------------------------------------------------------------


def lint_paths(paths: Iterable[Path], root: Path) -> list[Problem]:
    problems = []
    for path in paths:
        problems += lint_file(path.resolve(), root.resolve())
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path,
                        help="notebooks and Markdown files (default: every one the course owns)")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="repository root (default: here)")
    args = parser.parse_args(argv)
    paths = args.paths or course_files(args.root)
    missing = [p for p in paths if not p.is_file()]
    if missing:
        print(f"not a file: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    problems = lint_paths(paths, args.root)
    for problem in problems:
        print(problem)
    count = len(problems)
    print(f"{count} accessibility problem{'s' if count != 1 else ''} in {len(paths)} file{'s' if len(paths) != 1 else ''}.",
          file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
