"""The explorers that lessons display: small classes composed of ipywidgets.

Each explorer keeps its state in plain attributes and recomputes everything in `update()`, which
the widgets' observers call and which a test can call directly, without a browser. Displaying the
object displays its `widget`, so a lesson cell can read `reader = SourceReader(); reader`.

One module per explorer; this package names them all, and imports each only when a lesson asks
for it, so a lesson does not pay for the explorers of other lessons.
"""

from importlib import import_module

_EXPLORERS = {
    "SourceReader": "source_reader",
    "ALL_SOURCES": "source_reader",
    "MAX_QUERY_CHARS": "source_reader",
    "QuoteComparer": "quote_comparer",
    "TimelineExplorer": "timeline_explorer",
    "CensorshipChain": "censorship_chain",
    "RightsTimeline": "rights_timeline",
    "FundingExplorer": "funding_explorer",
    "ReasonsSorter": "reasons_sorter",
    "ThemeExplorer": "theme_explorer",
}

__all__ = list(_EXPLORERS)


def __getattr__(name: str):
    if name not in _EXPLORERS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_EXPLORERS[name]}", __name__), name)
