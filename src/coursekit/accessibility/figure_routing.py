"""Lesson and solution code draws plotly figures only through `coursekit.charts.chart()`.

`chart()` is where a figure gets its title, axis titles and the description a screen reader
reads; a figure shown any other way (`fig.show()`, `display(fig)`, a FigureWidget, a figure left
as a cell's last expression) skips all three. This rule reads a notebook's code cells with `ast`,
in order, following which names hold plotly figures and whether each reaches `chart()`.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence
from pathlib import Path

from .problems import Problem, cell_place, notebook_cells

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
    code = [(index, cell) for index, cell in enumerate(notebook_cells(notebook)) if cell.get("cell_type") == "code"]
    return [Problem(path, cell_place(code[i][0], code[i][1], line), message)
            for i, line, message in figure_routing_problems([cell["source"] for _, cell in code])]

