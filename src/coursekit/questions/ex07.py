"""Exercise 07, texts as data: counting words fairly, string methods, the lexicon, a rate chart.

It follows lesson 07 and practises, on the three course texts: filtering the tidy word counts of
`word_counts` (one word in one text; the words a text uses at least N times), turning a count into
a rate per 1,000 words with the texts' lengths (a merge of the counts with `sources`), counting
characters with the string method `str.count` (which, unlike a word count, finds *Aushakimova's*
too), filtering the theme lexicon with `str.endswith`, a bar chart of a word's rate in the three
texts, and the source-critical step of the lesson: a raw count and a rate can name different texts.

Every expected value is recomputed from `load_sources()` and `load_lexicon()`, so the checks follow
the texts and the lexicon if they change.
"""

from __future__ import annotations

import pandas as pd

from ..checks import Manual
from ..checks.digest import canonical
from ..checks.kinds import collection, counts, figure, number, table, text, whole_number
from ..checks.question import Part, Question
from ..corpus import load_sources, word_counts
from ..themes import load_lexicon

WORD = "kazakhstan"  # the word of questions 1, 2, 6 and 7, as word_counts spells it
TEXT = "klassiki"  # the text of questions 1 and 2: the interview
FEATURE = "calvert"
AT_LEAST = 8  # question 3: the feature's words used at least this often
NAME = "Aushakimova"  # question 4: the characters to count in each text
THEME = "funding"  # question 5: the theme whose stems are wanted
RATE_TOLERANCE = 0.05  # accepts a rate rounded to one decimal
RAW_NAMES = ("source_id", "word", "count", "n_words", "per_1000_words", "rate", "x", "y")


def _counts() -> pd.DataFrame:
    return word_counts(load_sources(), drop_stopwords=True)


def _rates() -> dict[str, float]:
    """The word's uses per 1,000 words in each text (0 in a text that never uses it)."""
    sources = load_sources()
    found = _counts()
    found = found[found["word"] == WORD].set_index("source_id")["count"]
    return {sid: float(found.get(sid, 0)) / n * 1000 for sid, n in zip(sources["source_id"], sources["n_words"])}


def _count_in_text() -> int:
    found = _counts()
    return int(found.loc[(found["source_id"] == TEXT) & (found["word"] == WORD), "count"].sum())


def _rate_in_text() -> float:
    return _rates()[TEXT]


def _frequent_feature_words() -> list[str]:
    found = _counts()
    return list(found.loc[(found["source_id"] == FEATURE) & (found["count"] >= AT_LEAST), "word"])


def _name_counts() -> dict[str, int]:
    sources = load_sources()
    return {sid: text.count(NAME) for sid, text in zip(sources["source_id"], sources["text"])}


def _theme_stems() -> pd.DataFrame:
    lexicon = load_lexicon()
    return lexicon[(lexicon["theme"] == THEME) & lexicon["keyword"].str.endswith("*")]


def _highest_rate() -> str:
    rates = _rates()
    return max(rates, key=rates.get)


def _nonzero_values(mapping) -> list[str]:
    items = mapping.items() if isinstance(mapping, (dict, pd.Series)) else mapping
    return sorted(canonical(value) for _, value in items if canonical(value) != "0")


def _name_counts_question() -> Question:
    """`counts`, except that the right counts under the wrong labels (a RangeIndex, say) earn the counts point."""
    base = counts(
        "q4", reference=_name_counts, points=2,
        expects="a pandas Series (or a dict) of counts, labelled by source_id",
        labels_hint="label each count with its text's source_id: start from "
                    "sources.set_index(\"source_id\")[\"text\"], one count per text.",
        counts_hint=f"count the characters '{NAME}' in each text with .str.count(\"{NAME}\") (capital A, as "
                    f"the texts write it), so that '{NAME}’s' counts too; word_counts keeps the two apart.",
    )
    labels, right_counts = base.parts
    same_numbers = lambda answer: _nonzero_values(answer) == _nonzero_values(_name_counts())
    counted = Part(right_counts.points,
                   lambda answer: right_counts.passes(answer) if labels.passes(answer) else same_numbers(answer),
                   right_counts.hint)
    return Question(base.qid, base.expects, base.accepts, (labels, counted))


QUESTIONS = (
    whole_number(
        "q1", reference=_count_in_text, points=1,
        expects="a whole number (an int): take it out of the column count with .sum() or .iloc[0]",
        hint=f"keep the rows of `counts` where source_id is '{TEXT}' and (&) word is exactly '{WORD}' "
             "(lower case, as word_counts writes words), then take the number in the column count.",
    ),
    number(
        "q2", reference=_rate_in_text, tolerance=RATE_TOLERANCE, points=2,
        expects="a number (an int or a float): uses per 1,000 words, one number (.iloc[0] takes the single "
                "value out of a column)",
        hint="start from your count of question 1, divide it by the length in words of the same text "
             "(its n_words in `sources`), then multiply by 1,000.",
    ),
    collection(
        "q3", reference=_frequent_feature_words, points=2,
        expects="a collection of words (a list, or the word column of a filtered table: take it with "
                "[\"word\"], single brackets)",
        extra_hint=f"some of your words are not the feature's words used {AT_LEAST} times or more: keep only "
                   f"the rows of source_id '{FEATURE}', and count >= {AT_LEAST}.",
        missing_hint=f"some of the feature's words are missing: `>=` keeps a count of exactly {AT_LEAST}, "
                     "`>` does not; and hand in the column word, not count.",
    ),
    _name_counts_question(),
    table(
        "q5", columns=("theme", "keyword", "language"), reference=_theme_stems, points=2,
        rows_hint=f"keep the lexicon rows whose theme is '{THEME}' and (&) whose keyword ends with a star: "
                  "lexicon[\"keyword\"].str.endswith(\"*\"). Keywords without a star are whole words, not stems.",
    ),
    figure(
        "q6", reference=_rates, raw_names=RAW_NAMES, points=3, tolerance=RATE_TOLERANCE,
        data_hint="the chart needs one bar per text, labelled by its source_id and as high as the word's uses "
                  "per 1,000 words of that text (its count / n_words * 1000, not the raw count); keep the rates "
                  "unrounded or rounded to one decimal.",
    ),
    text(
        "q7", reference=_highest_rate, points=1,
        expects="a piece of text (a str): one source_id",
        hint="compare the uses per 1,000 words (your chart), not the raw counts: a long text has more "
             "chances to use any word. Hand in the source_id exactly as the column source_id writes it "
             "(one word, lower case).",
    ),
    Manual("q8", 4),
)
