"""Texts as tables: load a corpus, count its words, search it, locate quotations.

A corpus is a pandas DataFrame with one row per text and at least the columns `source_id`,
`title` and `text`. The bundled sources come with their metadata from `sources.csv`; any folder
of UTF-8 `.txt` files becomes a corpus too, so students can bring their own texts.

Searching is literal (a query such as `21+` or `(laughs)` means those characters) and forgiving
in the ways that matter for quotations copied between publications: curly and straight quotes
match each other, any run of white space (line breaks included) matches any other, `...` matches
`…`, and a hyphen may be followed by a line break, as in `mise-` / `en-scene`. Offsets always
refer to the original text, so a hit can be shown, cited and checked.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .datasets import load_table
from .errors import CorpusError
from .paths import sources_dir

# A word: letters or digits in any script (Latin, Cyrillic, Kazakh), possibly joined by inner
# hyphens or apostrophes ("mid-range", "don't", "Қазақстан").
WORD = re.compile(r"[^\W_]+(?:[-‐‑'’][^\W_]+)*")
WHITESPACE = re.compile(r"\s+")
_TOKEN_FOLD = str.maketrans({"’": "'", "‐": "-", "‑": "-"})

# Characters that publications use interchangeably. Each family matches any of its members.
_FAMILIES = (
    "'‘’‚‛′`",
    '"“”„‟«»″',
    "–—",
)
_FAMILY_OF = {ch: family for family in _FAMILIES for ch in family}
_HYPHENS = "-‐‑"

# Common function words, dropped from word counts on request. Short on purpose: students should
# be able to read the whole list and argue with it.
STOPWORDS = frozenset(
    """
    a an the and or but if of to in on at by for with from as into about than then so that this
    these those there here it its it's is are was were be been being am do does did done have has
    had having i me my we us our you your he him his she her they them their what which who whom
    whose when where why how not no nor all any both each few more most other some such only own
    same too very can will just would should could may might must shall also even s t don't
    и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее её
    мне было вот от меня еще ещё нет о из ему теперь когда даже ну вдруг ли если уже или ни быть
    был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо
    ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот
    того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее неё сейчас были куда
    зачем всех никогда можно при наконец два об другой хоть после над больше тот через эти нас про
    всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том
    нельзя такой им более всегда конечно всю между
    және мен да де бен пен бұл сол ол осы үшін деп бір еді жоқ бар емес ғой ма ме ба бе па пе
    """.split()  # noqa: SIM905 -- a block of words students can read and argue with
)


def load_sources() -> pd.DataFrame:
    """The three source texts of the course, with their metadata from sources.csv."""
    meta = load_table("sources").rename(columns={"id": "source_id"})
    folder = sources_dir()
    meta["text"] = [_read_text(folder / name) for name in meta["file"]]
    return _with_sizes(meta)


def load_folder(folder: str | Path, *, errors: str = "raise") -> pd.DataFrame:
    """Every `.txt` file in `folder` (not its subfolders) as a corpus, in file-name order.

    `errors="raise"` stops at the first unreadable file; `errors="skip"` leaves it out and lists
    it, with the reason, in the returned table's `attrs["skipped"]`. Whatever `errors` says, the
    table's attrs also list what a reader of the folder should know (`load_report` says it in
    sentences): `ignored`, folders named like a text and hidden files; `duplicates`, texts with
    the same words as an earlier one (kept, so that nothing is lost silently); `empty`, texts
    without a word.
    """
    if errors not in ("raise", "skip"):
        raise CorpusError(f"errors must be 'raise' or 'skip', not {errors!r}.")
    path = Path(folder).expanduser()
    if not path.exists():
        raise CorpusError(f"The folder '{folder}' does not exist. Check the name and where you are (Path.cwd()).")
    if not path.is_dir():
        raise CorpusError(f"'{folder}' is a file, not a folder. Give the folder that holds your .txt files.")
    named = sorted(p for p in path.iterdir() if p.suffix.lower() == ".txt")
    # Hidden files (such as the "._name.txt" copies macOS leaves on USB sticks) are not texts.
    ignored = [(p.name, "a folder, not a text file: its contents are not read") for p in named if p.is_dir()]
    ignored += [(p.name, "a hidden file (such as the copies macOS leaves on USB sticks), not a text")
                for p in named if p.name.startswith(".") and not p.is_dir()]
    files = [p for p in named if not p.is_dir() and not p.name.startswith(".")]
    if not files:
        raise CorpusError(f"The folder '{path.resolve()}' has no .txt files, so there is nothing to read.")
    rows, skipped = [], []
    for file in files:
        try:
            text = _read_text(file)
        except CorpusError as exc:
            if errors == "raise":
                raise
            skipped.append((file.name, str(exc)))
            continue
        rows.append({"source_id": file.stem, "title": file.stem, "file": file.name, "text": text})
    if not rows:
        raise CorpusError(f"None of the .txt files in '{folder}' could be read: {skipped[0][1]}")
    corpus = _with_sizes(pd.DataFrame(rows))
    corpus.attrs["skipped"] = skipped
    corpus.attrs["ignored"] = ignored
    corpus.attrs["duplicates"] = _duplicates(corpus)
    corpus.attrs["empty"] = [name for name, n in zip(corpus["file"], corpus["n_words"]) if n == 0]
    return corpus


def load_report(corpus: pd.DataFrame) -> str:
    """What load_folder read and what it left out or found odd, in a few sentences."""
    n = len(corpus)
    lines = [f"Read {n} text{'s' if n != 1 else ''} ({int(corpus['n_words'].sum()):,} words)."]
    for name, reason in corpus.attrs.get("skipped", []):
        lines.append(f"Skipped: {reason}")
    for name, reason in corpus.attrs.get("ignored", []):
        lines.append(f"Ignored '{name}': {reason}.")
    for name, original in corpus.attrs.get("duplicates", []):
        lines.append(f"'{name}' has the same words as '{original}': both are kept, so their words count twice. "
                     f"Delete one of the files, or leave it out with corpus[corpus[\"file\"] != \"{name}\"].")
    for name in corpus.attrs.get("empty", []):
        lines.append(f"'{name}' has no words.")
    return "\n".join(lines)


def _duplicates(corpus: pd.DataFrame) -> list[tuple[str, str]]:
    """(file, earlier file) for each text equal to an earlier one but for white space (line ends included)."""
    first: dict[str, str] = {}
    found = []
    for name, text in zip(corpus["file"], corpus["text"]):
        key = one_line(unicodedata.normalize("NFC", text)).strip()
        if not key:
            continue  # empty texts are reported as empty, not as copies of each other
        if key in first:
            found.append((name, first[key]))
        else:
            first[key] = name
    return found


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CorpusError(f"The text file '{path}' is missing.") from None
    except OSError as exc:
        raise CorpusError(f"The text file '{path}' cannot be read ({exc.strerror}).") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(
            f"'{path.name}' is not UTF-8 text (byte {exc.start} cannot be decoded). "
            "Open it in a text editor and save it with UTF-8 encoding."
        ) from None


def _with_sizes(corpus: pd.DataFrame) -> pd.DataFrame:
    corpus["n_chars"] = corpus["text"].str.len()
    corpus["n_words"] = [len(tokens(t)) for t in corpus["text"]]
    return corpus


def tokens(text: str, *, drop_stopwords: bool = False) -> list[str]:
    """The words of `text`, case-folded, with curly apostrophes and Unicode hyphens made ASCII.

    The text is first put in Unicode's composed form (NFC), so that a letter typed as two code
    points, such as "й" as "и" plus a breve, counts as the same word as its usual spelling.

    With `drop_stopwords=True`, common function words (see STOPWORDS) are left out.
    """
    composed = unicodedata.normalize("NFC", text)
    words = [m.group().casefold().translate(_TOKEN_FOLD) for m in WORD.finditer(composed)]
    return [w for w in words if w not in STOPWORDS] if drop_stopwords else words


def word_counts(corpus: pd.DataFrame | str, *, drop_stopwords: bool = False) -> pd.DataFrame:
    """A tidy table of word counts: columns source_id, word, count; most frequent first per source."""
    corpus = as_corpus(corpus)
    rows = [
        (source_id, word, count)
        for source_id, text in zip(corpus["source_id"], corpus["text"])
        for word, count in Counter(tokens(text, drop_stopwords=drop_stopwords)).items()
    ]
    counts = pd.DataFrame(rows, columns=["source_id", "word", "count"])
    order = {sid: i for i, sid in enumerate(corpus["source_id"])}
    counts["_order"] = counts["source_id"].map(order)
    counts = counts.sort_values(["_order", "count", "word"], ascending=[True, False, True], kind="stable")
    return counts.drop(columns="_order").reset_index(drop=True)


def search_pattern(query: str, *, whole_words: bool = False, case_sensitive: bool = False) -> re.Pattern:
    """The regular expression that finds `query` literally, forgiving quotes, spaces and hyphens."""
    if not isinstance(query, str):
        raise CorpusError(f"A search needs text, not {type(query).__name__}.")
    if not query.strip():
        raise CorpusError("The search is empty: type a word or phrase.")
    parts = []
    for word in query.split():
        pieces = []
        i = 0
        while i < len(word):
            ch = word[i]
            if word.startswith("...", i) or ch == "…":
                pieces.append(r"(?:…|\.\.\.)")
                i += 1 if ch == "…" else 3
                continue
            if ch in _FAMILY_OF:
                pieces.append("[" + re.escape(_FAMILY_OF[ch]) + "]")
            elif ch in _HYPHENS:
                pieces.append("[" + re.escape(_HYPHENS) + r"]\s*")
            else:
                pieces.append(re.escape(ch))
            i += 1
        parts.append("".join(pieces))
    pattern = r"\s+".join(parts)
    if whole_words:
        pattern = rf"(?<!\w){pattern}(?!\w)"
    return re.compile(pattern, 0 if case_sensitive else re.IGNORECASE)


def kwic(
    corpus: pd.DataFrame | str,
    query: str,
    *,
    window: int = 60,
    whole_words: bool = False,
    case_sensitive: bool = False,
) -> pd.DataFrame:
    """Keyword in context: every hit of `query`, with `window` characters either side.

    Returns columns source_id, position (character offset of the hit in the original text),
    left, match, right. White space in the context is folded to single spaces for reading.
    """
    corpus = as_corpus(corpus)
    _check_window(window)
    return in_context(corpus, find(corpus, query, whole_words=whole_words, case_sensitive=case_sensitive), window)


def find(corpus: pd.DataFrame | str, query: str, *, whole_words: bool = False,
         case_sensitive: bool = False) -> pd.DataFrame:
    """Every hit of `query`, without its context: columns source_id, position, end, and row (the
    hit's text's row in `corpus`).

    Finding the hits costs a fraction of cutting out and tidying each one's context, so a reader
    that counts 13,000 hits but shows 100 finds them all and puts only those 100 `in_context`.
    """
    corpus = as_corpus(corpus)
    rows = [(source_id, start, end, row)
            for row, (source_id, spans) in enumerate(zip(corpus["source_id"],
                                                         _hits(corpus["text"], query, whole_words, case_sensitive)))
            for start, end in spans]
    return pd.DataFrame(rows, columns=["source_id", "position", "end", "row"])


def in_context(corpus: pd.DataFrame | str, found: pd.DataFrame, window: int = 60) -> pd.DataFrame:
    """The hits `found` (from `find` on the same corpus) with `window` characters either side,
    as `kwic` returns them."""
    _check_window(window)
    texts = as_corpus(corpus)["text"].tolist()
    rows = [(source_id, start,
             one_line(texts[row][max(0, start - window):start]),
             one_line(texts[row][start:end]),
             one_line(texts[row][end:end + window]))
            for source_id, start, end, row in found[["source_id", "position", "end", "row"]].itertuples(index=False)]
    return pd.DataFrame(rows, columns=["source_id", "position", "left", "match", "right"])


def _check_window(window) -> None:
    if not isinstance(window, int) or isinstance(window, bool) or window < 0:
        raise CorpusError(f"The context window must be a whole number of characters, 0 or more, not {window!r}.")


def _hits(texts, query: str, whole_words: bool, case_sensitive: bool):
    """For each text, the (start, end) spans of `query` in it.

    A case-insensitive search scans a lower-cased copy with a case-sensitive pattern: Python's
    regex engine finds literal text about ten times faster that way. Offsets carry over because
    lower-casing keeps every character in place; for the rare text where it does not (such as
    Turkish and Kazakh-Latin 'İ', which becomes two characters), and for a query with such a
    letter, the slower re.IGNORECASE search is used instead.
    """
    if case_sensitive:
        exact = search_pattern(query, whole_words=whole_words, case_sensitive=True)
        return ([m.span() for m in exact.finditer(text)] for text in texts)
    ignoring_case = search_pattern(query, whole_words=whole_words)
    if len(query.lower()) != len(query):  # e.g. "İşker": its lower-cased form would not match "işker"
        return ([m.span() for m in ignoring_case.finditer(text)] for text in texts)
    lowered = search_pattern(query.lower(), whole_words=whole_words, case_sensitive=True)

    def spans(text: str) -> list[tuple[int, int]]:
        low = _lower(text)
        found = lowered.finditer(low) if len(low) == len(text) else ignoring_case.finditer(text)
        return [m.span() for m in found]

    return (spans(text) for text in texts)


def locate(corpus: pd.DataFrame | str, phrase: str, *, exact: bool = False) -> pd.DataFrame:
    """Where `phrase` occurs: columns source_id, start, end, found (the text as it stands there).

    With `exact=True` only a character-for-character match counts (used to prove that a quotation
    is verbatim); otherwise quotes, white space, line breaks and hyphenation are forgiven and
    case still matters.
    """
    corpus = as_corpus(corpus)
    if exact:
        if not isinstance(phrase, str) or not phrase:
            raise CorpusError("An exact search needs a non-empty phrase.")
        pattern = re.compile(re.escape(phrase))
    else:
        pattern = search_pattern(phrase, case_sensitive=True)
    rows = [
        (source_id, m.start(), m.end(), m.group())
        for source_id, text in zip(corpus["source_id"], corpus["text"])
        for m in pattern.finditer(text)
    ]
    return pd.DataFrame(rows, columns=["source_id", "start", "end", "found"])


def mentions(corpus: pd.DataFrame | str, names, *, case_sensitive: bool = True) -> list[str]:
    """The ids of the texts that name any of `names` as whole words, in corpus order.

    A person or place goes by several forms ("Assel Aushakimova", "Aushakimova", "Assel"); a text
    mentions it if any form occurs. Names are matched like searches: quotes, spaces and hyphens
    forgiven, and by default with their capitals, so that "Carol" the film is not "carol" the song.
    """
    corpus = as_corpus(corpus)
    names = [names] if isinstance(names, str) else list(names)
    patterns = [search_pattern(name, whole_words=True, case_sensitive=case_sensitive) for name in names]
    return [
        source_id
        for source_id, text in zip(corpus["source_id"], corpus["text"])
        if any(pattern.search(text) for pattern in patterns)
    ]


def as_corpus(corpus: pd.DataFrame | str) -> pd.DataFrame:
    """Check that `corpus` is a non-empty corpus table; a single string becomes a one-text corpus."""
    if isinstance(corpus, str):
        return pd.DataFrame({"source_id": ["text"], "text": [corpus]})
    if not isinstance(corpus, pd.DataFrame) or not {"source_id", "text"} <= set(corpus.columns):
        raise CorpusError("Expected a corpus table (from load_sources() or load_folder()) or a string.")
    if corpus.empty:
        raise CorpusError("The corpus is empty: it has no texts to search.")
    for source_id, text in zip(corpus["source_id"], corpus["text"]):
        if not isinstance(text, str):
            raise CorpusError(f"The text of source {source_id!r} is not text but {type(text).__name__} ({text!r}).")
    if not all(isinstance(sid, str) for sid in corpus["source_id"]):
        corpus = corpus.assign(source_id=corpus["source_id"].astype(str))
    return corpus


def one_line(text: str) -> str:
    """`text` with every run of white space, line breaks included, shown as one space."""
    return WHITESPACE.sub(" ", text)


def stands_at(text: str, offset: int, quoted: str) -> bool:
    """Whether `quoted` stands in `text` at `offset`, character for character (how quotes.csv
    records where each quotation is)."""
    return text[offset:offset + len(quoted)] == quoted


@lru_cache(maxsize=4096)
def _lower(text: str) -> str:
    """A text's lower-cased copy, kept so that an explorer does not redo it at every keystroke."""
    return text.lower()
