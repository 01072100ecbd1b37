"""Nothing the lessons, the exercises or coursekit run reaches for the network.

The proofs that matter run the notebooks: every kernel the suite starts cannot reach the network
(tests/support/offline_kernel.py, tests/test_offline_kernels.py), nbval runs every lesson and master
notebook in such kernels, and the browser tests abort every request that leaves localhost yet see
every figure draw. This file adds the static side, which also covers code paths the notebooks do
not happen to take: no network client is imported, no HTML we render loads a remote resource, and
no figure asks plotly.js for a CDN script, map tiles or a remote world map.
"""

from __future__ import annotations

import re
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


def code_of(path: Path) -> str:
    if path.suffix == ".py":
        return path.read_text(encoding="utf-8")
    nb = nbformat.read(path, as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "code")


def without_comments_and_docstrings(code: str) -> str:
    """Code minus `#` comments and triple-quoted strings, which may explain what the code avoids."""
    code = re.sub(r'"""[\s\S]*?"""', "", code)
    return re.sub(r"(?m)#.*$", "", code)


SOURCES = MODULES + NOTEBOOKS


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_network_client_and_no_remote_resource_or_figure(path):
    code = without_comments_and_docstrings(code_of(path))
    for rule, pattern in (("a network client", NETWORK_CLIENTS), ("a remote resource in HTML", REMOTE_RESOURCE),
                          ("a figure that needs the internet", REMOTE_FIGURES)):
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
])
def test_each_rule_catches_what_it_is_for(snippet):
    assert any(p.search(snippet) for p in (NETWORK_CLIENTS, REMOTE_RESOURCE, REMOTE_FIGURES)), snippet


@pytest.mark.parametrize("snippet", [
    "from urllib.parse import urlsplit",
    '<a href="https://www.calvertjournal.com/">The Calvert Journal</a>',
    "go.Scattergeo(lon=[71.4], lat=[51.1])",
    "pd.read_csv(data_dir() / 'timeline.csv')",
])
def test_the_rules_let_plain_links_and_local_files_through(snippet):
    assert not any(p.search(snippet) for p in (NETWORK_CLIENTS, REMOTE_RESOURCE, REMOTE_FIGURES)), snippet
