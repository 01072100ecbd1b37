"""Time one click in every explorer on the course's own data: a control changes, the output is redrawn.

Each step sets a control's value as the browser would; the explorer's observer then recomputes
and rebuilds its output in the kernel. What is not timed is the round trip to the browser (about
0.3 s in headless chromium, DESIGN.md §7). The values cycle, so every step really changes the
output. The theme explorer on a corpus 1000 times the sources is timed in `time_corpus.py`.

    .venv/bin/python benchmarks/time_explorers.py --runs 20
"""

import argparse
import itertools
import time

from timing import print_table

from coursekit import widgets


def timed(steps, runs: int) -> list[float]:
    """Run `runs` steps from the iterator `steps` (each a function making one change), timing each."""
    times = []
    for step in itertools.islice(steps, runs):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return times


def cycle_values(control, values):
    """Steps that set `control` to each of `values` in turn, forever, skipping the value it has."""
    for value in itertools.cycle(values):
        if value != control.value:  # setting the same value again would trigger nothing
            yield lambda value=value: setattr(control, "value", value)


def toggles(boxes):
    """Steps that flip each checkbox of `boxes` and then flip it back, one box after another."""
    for box in itertools.cycle(boxes):
        for _ in range(2):
            yield lambda box=box: setattr(box, "value", not box.value)


def first_views(runs: int):
    """A fresh theme explorer per step, so each choice of theme is its first (nothing cached)."""
    for i in range(runs):
        explorer = widgets.ThemeExplorer()
        others = [t for t in explorer.themes if t != explorer.theme.value]
        theme = others[i % len(others)]
        yield lambda explorer=explorer, theme=theme: setattr(explorer.theme, "value", theme)


def sortings(sorter):
    """Steps that sort each reason as go, then stay, then unsorted."""
    for reason_id in itertools.cycle(list(sorter.controls)):
        for side in ("go", "stay", None):
            yield lambda reason_id=reason_id, side=side: sorter.sort(reason_id, side)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    reader = widgets.SourceReader()
    comparer = widgets.QuoteComparer()
    timeline = widgets.TimelineExplorer()
    chain = widgets.CensorshipChain()
    rights = widgets.RightsTimeline()
    funding = widgets.FundingExplorer()
    sorter = widgets.ReasonsSorter()
    films = [value for _, value in funding.film.options if value]
    rows = [
        ("SourceReader (00): type a query", cycle_values(reader.query, ["statue", "green card", "Almaty", "law"])),
        ("QuoteComparer (01): choose a quote",
         cycle_values(comparer.quote, [v for _, v in comparer.quote.options if v is not None][:6])),
        ("TimelineExplorer (02): tick or untick a theme", toggles(list(timeline.theme_boxes.values()))),
        ("CensorshipChain (03): choose a case", cycle_values(chain.case, [v for _, v in chain.case.options if v][:6])),
        ("RightsTimeline (04): tick or untick a country", toggles(list(rights.country_boxes.values()))),
        ("FundingExplorer (05): choose a film or scheme", cycle_values(funding.film, films)),
        ("ReasonsSorter (06): sort a reason", sortings(sorter)),
        ("ThemeExplorer (07): choose a theme, first time", first_views(args.runs)),
    ]
    print_table("explorer: one change of a control", [(name, timed(steps, args.runs)) for name, steps in rows], unit="ms")


if __name__ == "__main__":
    main()
