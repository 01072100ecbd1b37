"""Every lesson quotes the texts verbatim and lists every web page it cites under Sources.

A lesson quotes in straight double quotes. A quoted phrase must be found in the three texts
(ignoring the difference between curly and straight quotes, line breaks and ellipses), unless it
is listed below as quoted from a web page the lesson cites; those can only be checked by reading
the page, and the research logs in docs/research/ keep the excerpts.
"""

import re
from pathlib import Path

import nbformat
import pytest

from coursekit.corpus import locate

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "notebooks").glob("*.ipynb"))
URL = re.compile(r"https?://[^\s)>\]]+")
QUOTED = re.compile(r'"([^"\n]{6,})"')

# Phrases a lesson quotes from a cited web page rather than from the texts, per lesson number.
FROM_ELSEWHERE = {
    "00": {"premiered last year"},
    "02": {"given the order to shoot to kill without warning"},
    "04": {"to protect children from information harmful to their health and development"},
    "05": {"In Kazakhstan, we have to work primarily with international money."},
    "06": set(),
    "07": set(),
}


def markdown(path: Path) -> list[str]:
    return [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"]


def body(path: Path) -> str:
    """The lesson's prose without its Sources section (which quotes page titles) or code examples."""
    text = "\n".join(c for c in markdown(path) if not c.startswith("## Sources"))
    return re.sub(r"```.*?```", "", text, flags=re.DOTALL)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_quoted_phrases_are_in_the_sources(path, sources):
    quoted = set(QUOTED.findall(body(path)))
    elsewhere = FROM_ELSEWHERE.get(path.name[:2], set())
    assert elsewhere <= quoted, f"FROM_ELSEWHERE lists phrases {path.name} no longer quotes: {elsewhere - quoted}"
    missing = sorted(p for p in quoted - elsewhere if locate(sources, p).empty)
    assert not missing, f"{path.name} quotes phrases that no source text contains: {missing}"


def test_the_quotation_pattern_finds_quotations():
    """Guard against a pattern that silently finds nothing: lesson 00 quotes the texts often."""
    assert len(QUOTED.findall(body(LESSONS[0]))) >= 5


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_every_cited_web_page_is_listed_under_sources(path):
    cells = markdown(path)
    listed = [c for c in cells if c.startswith("## Sources")]
    assert len(listed) == 1, f"{path.name} needs exactly one cell starting with '## Sources'"
    cited = set(URL.findall("\n".join(cells)))
    missing = sorted(url for url in cited if url not in listed[0])
    assert not missing, f"{path.name} cites pages not listed under Sources: {missing}"
