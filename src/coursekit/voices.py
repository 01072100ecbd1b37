"""Who speaks in each text, and how much: the director, the interviewer, or the text's writers.

Every word of a text is given to one *voice*:

- `director`: words the text presents as Assel Aushakimova's own;
- `interviewer`: the interviewer's questions (the `O:` turns of the Klassiki interview);
- `narration_as_quote`: words a text prints as the director's that the text it copies gives as a
  journalist's narration (the review's misattribution, recorded in `quotes.csv`);
- `author`: everything else: the reviewer's or the journalist's own sentences, headlines,
  introductions, captions, and other people's words that the writer chose to quote.

Two methods, because the genres differ:

- An **interview** is divided by its turns. A paragraph starting `O:` is a question; a paragraph
  before the first question is the publication's introduction; a paragraph naming a photographer
  is a caption; every other paragraph is an answer.
- A **review or feature** is divided by `quotes.csv`: the director's quoted words stand at their
  recorded offsets; the rest is the writer's. The table is used instead of the quotation marks
  because marks do not say who speaks (a feature also puts terms and other people's words in
  quotation marks) and an interview's answers carry none; `quotation_spans` shows what the marks
  alone would give, so a lesson can compare the two.

Words are counted with `coursekit.corpus.tokens`, so shares are shares of words, not characters.
"""

from __future__ import annotations

import re
from itertools import pairwise

import pandas as pd

from .corpus import as_corpus, load_sources, stands_at, tokens
from .datasets import load_table
from .errors import CourseError

VOICES = ("director", "interviewer", "narration_as_quote", "author")
VOICE_LABELS = {
    "director": "the director",
    "interviewer": "the interviewer",
    "narration_as_quote": "narration printed as the director's",
    "author": "the text's own writers",
}
DIRECTOR = "assel-aushakimova"
QUESTION_MARK = "O:"  # how the Klassiki interview opens each of Olga Doletskaya's turns
CAPTION_MARK = "(photographed by"  # every photo caption inside the interview names the photographer
PARAGRAPH = re.compile(r"[^\n]+\n*")  # a line of text and the blank lines after it
OPENING_QUOTES = "“‘\"'"
CLOSING_QUOTES = {"“": "”", "‘": "’", '"': '"', "'": "'"}


def voice_spans(corpus: pd.DataFrame | None = None, quotes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every text cut into consecutive spans, each given to one voice.

    Columns: source_id, start, end (character offsets), voice, basis (why: "question",
    "answer", "introduction", "caption", a quote_id of quotes.csv, or "rest of the text").
    The spans of a text cover it exactly, without gaps or overlaps.
    """
    corpus = load_sources() if corpus is None else as_corpus(corpus)
    quotes = load_table("quotes") if quotes is None else quotes
    genres = corpus["genre"] if "genre" in corpus else [None] * len(corpus)
    rows = []
    for source_id, text, genre in zip(corpus["source_id"], corpus["text"], genres):
        if genre == "interview":
            marked = _interview_turns(text)
        else:
            marked = _quoted_passages(source_id, text, quotes[quotes["source_id"] == source_id])
        rows += [(source_id, *span) for span in _fill_gaps(marked, len(text))]
    return pd.DataFrame(rows, columns=["source_id", "start", "end", "voice", "basis"])


def voice_shares(corpus: pd.DataFrame | None = None, quotes: pd.DataFrame | None = None) -> pd.DataFrame:
    """How many words of each text each voice has, and what share of the text that is.

    Columns: source_id, voice (a categorical in the order of VOICES), words, share (0 to 1).
    Every text has one row per voice, zero included, so that the shares of a text add up to 1.
    """
    corpus = load_sources() if corpus is None else as_corpus(corpus)
    spans = voice_spans(corpus, quotes)
    texts = dict(zip(corpus["source_id"], corpus["text"]))
    spans["words"] = [len(tokens(texts[s][a:b])) for s, a, b in zip(spans["source_id"], spans["start"], spans["end"])]
    words = spans.groupby(["source_id", "voice"])["words"].sum()
    index = pd.MultiIndex.from_product([list(corpus["source_id"]), list(VOICES)], names=["source_id", "voice"])
    shares = words.reindex(index, fill_value=0).reset_index()
    totals = shares.groupby("source_id")["words"].transform("sum")
    shares["share"] = (shares["words"] / totals.where(totals > 0)).fillna(0.0)
    # Ordered as VOICES, so that a pivot of the table lists the director first, not alphabetically.
    shares["voice"] = pd.Categorical(shares["voice"], categories=list(VOICES))
    return shares


def voice_at(spans: pd.DataFrame, source_id: str, position: int) -> str:
    """The voice that speaks at character `position` of a text, given its `voice_spans`."""
    found = spans[(spans["source_id"] == source_id) & (spans["start"] <= position) & (position < spans["end"])]
    if found.empty:
        raise CourseError(f"Character {position} lies outside the text '{source_id}'.")
    return found["voice"].iloc[0]


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """The passages of `text` inside quotation marks, as (start, end) of the words inside them.

    Curly single quotes are the hard case, because the closing mark ’ is also the apostrophe of
    "don’t". An opening mark counts only at the start of a word; its closing mark is the first
    matching mark not followed by a letter or digit. Nested quotations are kept inside the outer one.
    A plural possessive inside a single-quoted passage ("the actors’ union") would end it too early;
    the three texts have none, which a lesson test checks by counting the passages.
    """
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in OPENING_QUOTES and (i == 0 or not text[i - 1].isalnum()) and i + 1 < len(text) and not text[i + 1].isspace():
            end = _closing(text, i + 1, CLOSING_QUOTES[ch])
            if end is not None:
                spans.append((i + 1, end))
                i = end + 1
                continue
        i += 1
    return spans


def words_in_quotation_marks(corpus: pd.DataFrame | None = None) -> pd.DataFrame:
    """For each text, how many of its words stand inside quotation marks: columns source_id, words, share."""
    corpus = load_sources() if corpus is None else as_corpus(corpus)
    rows = []
    for source_id, text in zip(corpus["source_id"], corpus["text"]):
        inside = sum(len(tokens(text[a:b])) for a, b in quotation_spans(text))
        total = len(tokens(text))
        rows.append((source_id, inside, inside / total if total else 0.0))
    return pd.DataFrame(rows, columns=["source_id", "words", "share"])


def _closing(text: str, start: int, mark: str) -> int | None:
    """The position of the mark that closes a quotation opened before `start`, if any."""
    position = text.find(mark, start)
    while position != -1:
        after = text[position + 1:position + 2]
        if not after.isalnum():
            return position
        position = text.find(mark, position + 1)
    return None


def _interview_turns(text: str) -> list[tuple[int, int, str, str]]:
    """The paragraphs of an interview, each given to the interviewer, the director or the publication."""
    spans = []
    questions_started = False
    for paragraph in PARAGRAPH.finditer(text):
        line = paragraph.group()
        if line.startswith(QUESTION_MARK):
            questions_started = True
            voice, basis = "interviewer", "question"
        elif not questions_started:
            voice, basis = "author", "introduction"
        elif CAPTION_MARK in line:
            voice, basis = "author", "caption"
        else:
            voice, basis = "director", "answer"
        spans.append((paragraph.start(), paragraph.end(), voice, basis))
    return spans


def _quoted_passages(source_id: str, text: str, quotes: pd.DataFrame) -> list[tuple[int, int, str, str]]:
    """The director's quoted words in a review or feature, at the offsets quotes.csv records."""
    spans = []
    for row in quotes.itertuples():
        if row.speaker != DIRECTOR:
            continue
        start, end = int(row.offset), int(row.offset) + len(row.text)
        if not stands_at(text, start, row.text):
            raise CourseError(f"quotes.csv row '{row.quote_id}' no longer matches {source_id} at character {start}; "
                              "run `python -m coursekit.computed` to refresh the offsets.")
        voice = "narration_as_quote" if row.presentation == "narration_as_quote" else "director"
        spans.append((start, end, voice, row.quote_id))
    spans.sort()
    for (_, end, _, first), (start, _, _, second) in pairwise(spans):
        if start < end:
            raise CourseError(f"quotes.csv rows '{first}' and '{second}' overlap in {source_id}; a word has one speaker.")
    return spans


def _fill_gaps(spans: list[tuple[int, int, str, str]], length: int) -> list[tuple[int, int, str, str]]:
    """`spans` (sorted, disjoint) with the stretches between them given to the text's writers."""
    filled, position = [], 0
    for start, end, voice, basis in spans:
        if start > position:
            filled.append((position, start, "author", "rest of the text"))
        filled.append((start, end, voice, basis))
        position = end
    if position < length:
        filled.append((position, length, "author", "rest of the text"))
    return filled
