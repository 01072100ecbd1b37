"""Time the corpus tools and one source-reader update on a corpus 1000 times the sources.

The large corpus is made here, never stored: the three texts' paragraphs, shuffled with a fixed
seed into 1000 texts per source (about 23 million characters in all).

    .venv/bin/python benchmarks/time_corpus.py --runs 5
"""

import argparse
import random
import time

import pandas as pd
from timing import print_table

from coursekit.corpus import kwic, load_sources, word_counts
from coursekit.widgets import SourceReader


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--factor", type=int, default=1000)
    args = parser.parse_args()
    corpus = large_corpus(args.factor)
    reader = SourceReader(corpus)
    queries = iter(["statue", "green card", "Almaty", "zzzxq", "don't"] * args.runs)

    def type_a_query():
        reader.query.value = next(queries)  # the observer runs update(), as in JupyterLab

    chars = corpus["text"].str.len().sum()
    print(f"Corpus: {len(corpus)} texts, {chars:,} characters ({args.factor}x the sources)")
    print_table("operation", [
        ("kwic(corpus, 'statue')", timed(lambda: kwic(corpus, "statue"), args.runs)),
        ("word_counts(corpus)", timed(lambda: word_counts(corpus), args.runs)),
        ("SourceReader: type a query (update + render)", timed(type_a_query, args.runs * 5)),
    ])


if __name__ == "__main__":
    main()
