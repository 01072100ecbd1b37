"""Nothing the lessons, the exercises or coursekit run reaches for the network.

The proofs that matter run the notebooks: every kernel the suite starts cannot reach the network
(tests/support/offline_kernel.py, tests/test_offline_kernels.py), nbval runs every lesson and master
notebook in such kernels, and the browser tests abort every request that leaves localhost yet see
every figure draw. This file adds the static side, which also covers code paths the notebooks do
not happen to take: no network client is imported, no HTML we render loads a remote resource, and
no figure asks plotly.js for a CDN script, map tiles or a remote world map.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted((ROOT / "src" / "coursekit").rglob("*.py"))
NOTEBOOKS = sorted(p for folder in ("notebooks", "solutions", "exercises") for p in (ROOT / folder).glob("*.ipynb"))

NETWORK_CLIENTS = re.compile(
    r"^\s*(?:import|from)\s+(?:urllib\.request|urllib3|http\.client|requests|httpx|aiohttp|webbrowser|ftplib|smtplib)\b"
    r"|\burlopen\(|\bread_(?:csv|json|html|excel|parquet)\(\s*[rf]?[\"']https?://",
    re.MULTILINE,
)
REMOTE_RESOURCE = re.compile(r"<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//|url\(\s*[\"']?https?://", re.IGNORECASE)
# Figures whose drawing needs the internet: a plotly.js from a CDN, tile maps, a remote world map.
REMOTE_FIGURES = re.compile(
    r"include_plotlyjs\s*=\s*[\"']cdn|topojsonURL|mapbox|\bscatter_map\b|\bchoropleth_map\b|\bdensity_map\b"
    r"|\bScattermap\b|\bChoroplethmap\b|\bDensitymap\b|\blocationmode\s*=|open-street-map|carto-positron",
    re.IGNORECASE,
)


# A line IPython runs but Python cannot parse: a magic (%pip, %%bash) or a shell command (!ls).
IPYTHON_LINE = re.compile(r"^[ \t]*[%!]")


def code_of(path: Path) -> list[str]:
    """The code of a module, or of each code cell of a notebook (each cell parses on its own)."""
    if path.suffix == ".py":
        return [path.read_text(encoding="utf-8")]
    nb = nbformat.read(path, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "code"]


def _parsed(code: str) -> tuple[str, ast.Module] | None:
    """`code` and its tree, or the same with its IPython lines blanked if only that parses, or None.

    Each IPython line becomes as many spaces as it had characters, so every other character keeps
    its offset and what is found in the blanked code can be cut from the original.
    """
    blanked = "\n".join(" " * len(line) if IPYTHON_LINE.match(line) else line for line in code.split("\n"))
    for candidate in (code, blanked):
        try:
            return candidate, ast.parse(candidate)
        except SyntaxError:
            continue
    return None


def without_comments_and_docstrings(code: str) -> str:
    """`code` without its comments and docstrings, which may explain what the code avoids.

    Only real ones: `#` comment tokens (a `#` inside a string such as "#0072B2" is not one) and
    the first string expression of a module, class or function. Every other string stays, since
    a string is where HTML or a CDN address would hide. Code that does not parse even without its
    IPython lines is returned as it is: then a comment may be flagged, but nothing is missed.
    """
    parsed = _parsed(code)
    if parsed is None:
        return code
    parseable, tree = parsed
    lines = parseable.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)

    def offset(row: int, column: int) -> int:  # tokenize counts characters in a line
        return starts[row - 1] + column

    def ast_offset(row: int, byte: int) -> int:  # ast counts UTF-8 bytes in a line
        return offset(row, len(lines[row - 1].encode("utf-8")[:byte].decode("utf-8")))

    cuts = [(offset(*token.start), offset(*token.end))
            for token in tokenize.generate_tokens(io.StringIO(parseable).readline)
            if token.type == tokenize.COMMENT]
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
                    and isinstance(first.value.value, str):
                cuts.append((ast_offset(first.lineno, first.col_offset),
                             ast_offset(first.end_lineno, first.end_col_offset)))
    kept, at = [], 0
    for start, end in sorted(cuts):
        kept.append(code[at:start])
        at = end
    return "".join(kept) + code[at:]


SOURCES = MODULES + NOTEBOOKS
RULES = (("a network client", NETWORK_CLIENTS), ("a remote resource in HTML", REMOTE_RESOURCE),
         ("a figure that needs the internet", REMOTE_FIGURES))


def flagged(code: str) -> list[str]:
    """What the rules find in `code` once its comments and docstrings are set aside."""
    code = without_comments_and_docstrings(code)
    return [found.group(0) for _, pattern in RULES if (found := pattern.search(code))]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_network_client_and_no_remote_resource_or_figure(path):
    code = "\n".join(without_comments_and_docstrings(piece) for piece in code_of(path))
    for rule, pattern in RULES:
        found = pattern.search(code)
        assert not found, f"{path.relative_to(ROOT)} uses {rule}: {found.group(0)!r}"


@pytest.mark.parametrize("snippet", [
    "import urllib.request",
    "from requests import get",
    "df = pd.read_csv('https://example.org/a.csv')",
    '<script src="https://cdn.plot.ly/plotly.min.js"></script>',
    "<img src='//example.org/a.png'>",
    "fig.write_html('a.html', include_plotlyjs='cdn')",
    "px.scatter_map(df, lat='lat', lon='lon')",
    "go.Scattergeo(locations=['KAZ'], locationmode='ISO-3')",
    # A string is code, however it is quoted, and a `#` inside one starts no comment.
    'HTML = """<script src="https://cdn.plot.ly/plotly.min.js"></script>"""',
    'w.HTML(value="""<img src="https://example.org/a.png">""")',
    'fig.update_traces(marker_color="#0072B2"); fig.write_html("a.html", include_plotlyjs="cdn")',
    # A notebook cell with an IPython line is still read as code.
    "%pip install plotly\nfig.write_html('a.html', include_plotlyjs='cdn')  # a page to share",
])
def test_each_rule_catches_what_it_is_for(snippet):
    assert flagged(snippet), snippet


@pytest.mark.parametrize("snippet", [
    "from urllib.parse import urlsplit",
    '<a href="https://www.calvertjournal.com/">The Calvert Journal</a>',
    "go.Scattergeo(lon=[71.4], lat=[51.1])",
    "pd.read_csv(data_dir() / 'timeline.csv')",
])
def test_the_rules_let_plain_links_and_local_files_through(snippet):
    assert not flagged(snippet), snippet


@pytest.mark.parametrize("snippet", [
    '"""Never include_plotlyjs="cdn": plotly.js comes with the JupyterLab extension."""\nimport plotly',
    "class Page:\n    \"\"\"Not <script src='https://cdn.plot.ly/plotly.min.js'>.\"\"\"\n\n    size = 1",
    "def draw():\n    'Draws without mapbox tiles.'\n    return 1",
    "async def fetch():\n    \"\"\"Reads no urlopen() result.\"\"\"",
    "x = 1  # not fig.write_html('a.html', include_plotlyjs='cdn')",
    "%matplotlib inline\n# import requests: not here, the data ships with the course",
])
def test_comments_and_docstrings_explaining_what_the_code_avoids_pass(snippet):
    assert not flagged(snippet), snippet


def test_code_that_does_not_parse_is_kept_whole():
    """Comments cannot be told from code without a parse: keep everything rather than miss something."""
    shell_assignment = "files = !ls  # include_plotlyjs='cdn'\nprint(files)"
    assert without_comments_and_docstrings(shell_assignment) == shell_assignment
