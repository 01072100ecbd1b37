"""Time the corpus tools, theme tagging and explorer updates on a corpus 1000 times the sources.

The large corpus is made here, never stored: the three texts' paragraphs, shuffled with a fixed
seed into 1000 texts per source (about 23 million characters in all).

    .venv/bin/python benchmarks/time_corpus.py --runs 5
"""

import argparse
import random
import time

import pandas as pd
from timing import Measure, markdown_table

from coursekit.corpus import kwic, load_sources, word_counts
from coursekit.themes import load_lexicon, tag_themes
from coursekit.widgets import SourceReader, ThemeExplorer


def large_corpus(factor: int) -> pd.DataFrame:
    """`factor` shuffled copies of each source text, as separate texts."""
    rng = random.Random(2019)
    rows = []
    for source in load_sources().itertuples():
        paragraphs = source.text.split("\n\n")
        for i in range(factor):
            rng.shuffle(paragraphs)
            rows.append({"source_id": f"{source.source_id}-{i:04d}", "title": source.title, "text": "\n\n".join(paragraphs)})
    return pd.DataFrame(rows)


def timed(action, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def measure(runs: int = 5, factor: int = 1000, tools: bool = True) -> list[Measure]:
    """Rows for each explorer update, with the goal of 50 ms, and, if `tools`, for the corpus
    tools themselves (about 10 s a run at 1000×)."""
    corpus = large_corpus(factor)
    reader = SourceReader(corpus)
    queries = iter(["statue", "green card", "Almaty", "zzzxq", "don't"] * runs)

    def type_a_query():
        reader.query.value = next(queries)  # the observer runs update(), as in JupyterLab

    size = f"{len(corpus)} texts, {corpus['text'].str.len().sum() / 1e6:.0f} M characters"
    lexicon = load_lexicon()
    built = []

    def build_explorer():
        built.append(ThemeExplorer(corpus, lexicon))

    section = f"Interactivity ({factor}× corpus)"
    rows = [
        Measure(section, "`kwic(corpus, 'statue')`", timed(lambda: kwic(corpus, "statue"), runs)),
        Measure(section, "`word_counts(corpus)`", timed(lambda: word_counts(corpus), runs)),
        Measure(section, f"`tag_themes(corpus)` ({len(lexicon)} keywords)",
                timed(lambda: tag_themes(corpus, lexicon), runs)),
    ] if tools else []
    rows.append(Measure(section, "ThemeExplorer built: tag once, count words, prepare each theme",
                        timed(build_explorer, 1), note=size))
    explorer = built[-1]
    themes = iter(explorer.themes[1:])  # it opens on the first theme, whose chart it has built

    def choose_a_theme():
        explorer.theme.value = next(themes)  # the observer runs update(), as in JupyterLab

    updates = [Measure(section, "SourceReader: type a query (update + render)", timed(type_a_query, runs * 5), "ms"),
               Measure(section, "ThemeExplorer: choose a theme the first time (update + chart + render)",
                       timed(choose_a_theme, len(explorer.themes) - 1), "ms")]
    themes = iter(explorer.themes * runs)  # from the first theme on: never the one already shown
    updates.append(Measure(section, "ThemeExplorer: choose a theme again (update + render)",
                           timed(choose_a_theme, len(explorer.themes) * runs), "ms"))
    for update in updates:
        update.goal, update.met = "≤ 50 ms", update.median <= 0.050
    return rows + updates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--factor", type=int, default=1000)
    parser.add_argument("--no-tools", action="store_true", help="only the explorers, not kwic, word_counts, tag_themes")
    args = parser.parse_args()
    print(markdown_table(measure(args.runs, args.factor, not args.no_tools)))


if __name__ == "__main__":
    main()
