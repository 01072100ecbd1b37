"""Themes across texts, from a keyword lexicon that anyone can read and edit.

A *lexicon* is a table with one row per keyword: the theme it signals, the keyword, its language
and a note on why it signals the theme. The course's lexicon is `data/lexicon.csv`; a student can
pass an edited copy, as a DataFrame or a CSV file, with new words, languages or themes.

How a keyword matches, kept simple enough to explain in class:

- a keyword is a word (`censorship`), a few words (`green card`), or a stem ending in `*`, which
  stands for any ending (`censor*` finds censor, censored, censorship);
- matching ignores case in every script (Latin, Cyrillic, Kazakh letters), and curly and straight
  apostrophes and the Unicode hyphens match each other, as in `coursekit.corpus`;
- a keyword matches whole words only: `ban` does not find *bank*, and `ban*` does. A hyphen or an
  apostrophe ends a word, so `lgbt*` finds *anti-LGBT* and `kazakhstan` finds *Kazakhstan’s*;
- the words of a phrase may be separated by any white space, line breaks included.

A theme is *tagged* in a sentence when any of its keywords occurs there. Texts are split into
sentences at `.`, `!`, `?` or `…` followed by a space, and at blank lines (so a headline is a
sentence); an abbreviation such as "Dr." ends a sentence too. Offsets refer to the text in
Unicode's composed form (NFC), which is the text itself unless it spells a letter as two code points.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from pathlib import Path

import pandas as pd

from .corpus import as_corpus, load_sources, tokens
from .datasets import Column, Schema, load_table
from .errors import CourseError
from .tables import KEYWORD, THEMES
from .voices import VOICES

COLUMNS = ("theme", "keyword", "language", "note")
KEYWORD_FORM = re.compile(KEYWORD["pattern"])
# A student's copy may add themes and languages, and leave a note or a language empty.
OWN_LEXICON = Schema(
    name="lexicon",
    file="lexicon.csv",
    columns=(
        Column("theme"),
        Column("keyword", **KEYWORD),
        Column("language", required=False),
        Column("note", required=False),
    ),
)
# A sentence ends at . ! ? or … (and any closing quotes or brackets) before white space, or at a
# blank line, which may hold spaces or the \r of Windows line ends.
SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*\s+|\n[^\S\n]*\n\s*")
WORD_CHAR = r"[^\W_]"
MATCH_COLUMNS = ["source_id", "theme", "keyword", "found", "start", "end", "sentence", "sentence_start", "sentence_end"]
SHARE_COLUMNS = ["source_id", "theme", "matches", "per_1000_words", "sentences", "share_of_sentences",
                 "n_words", "n_sentences"]


class ThemeError(CourseError, ValueError):
    """A lexicon or a theme that the theme tools cannot work with."""


# --------------------------------------------------------------------------------------------
# the lexicon


def load_lexicon(lexicon: pd.DataFrame | str | Path | None = None) -> pd.DataFrame:
    """The course lexicon (`None`), or a lexicon of your own as a DataFrame or a CSV file, checked.

    Returns columns theme, keyword, language, note, with each keyword in its normal form: lower
    case, single spaces, straight apostrophes. Raises a one-line ThemeError (or, for a CSV file,
    a DataError naming the line) for a missing column, no rows, an empty theme or keyword, a
    keyword that is not a word, or a keyword listed twice for one theme.
    """
    if lexicon is None:
        table = load_table("lexicon")
    elif isinstance(lexicon, (str, Path)):
        path = Path(lexicon).expanduser()
        if path.suffix.lower() != ".csv":
            raise ThemeError(f"A lexicon file is a .csv table; '{lexicon}' is not.")
        table = load_table(path, OWN_LEXICON)
    elif isinstance(lexicon, pd.DataFrame):
        table = lexicon
    else:
        raise ThemeError(f"A lexicon is a table (DataFrame) or a .csv file, not {type(lexicon).__name__}.")
    missing = [c for c in ("theme", "keyword") if c not in table.columns]
    if missing:
        raise ThemeError(f"The lexicon lacks the column(s) {', '.join(missing)}; a lexicon has the columns "
                         f"{', '.join(COLUMNS)} (language and note may be empty).")
    if table.empty:
        raise ThemeError("The lexicon has no rows: add at least one theme and keyword.")
    rows, seen = [], {}
    for number, row in enumerate(table.to_dict("records"), start=1):
        theme = _cell(row.get("theme"))
        keyword = normal_keyword(_cell(row.get("keyword")))
        if not theme:
            raise ThemeError(f"Row {number} of the lexicon has no theme; give every keyword the theme it signals.")
        if not keyword:
            raise ThemeError(f"Row {number} of the lexicon (theme {theme!r}) has an empty keyword; type a word or delete the row.")
        if not KEYWORD_FORM.fullmatch(keyword):
            raise ThemeError(f"Row {number} of the lexicon: {row['keyword']!r} is not a word. A keyword is {KEYWORD['form']}.")
        if (theme, keyword) in seen:
            raise ThemeError(f"Row {number} of the lexicon repeats {keyword!r} for the theme {theme!r} "
                             f"(row {seen[theme, keyword]}); keep one of them.")
        seen[theme, keyword] = number
        rows.append((theme, keyword, _cell(row.get("language")), _cell(row.get("note"))))
    return pd.DataFrame(rows, columns=list(COLUMNS))


def normal_keyword(keyword: str) -> str:
    """A keyword as it is matched: composed Unicode, lower case, single spaces, straight apostrophes."""
    keyword = unicodedata.normalize("NFC", keyword).strip().lower()
    return re.sub(r"\s+", " ", keyword).replace("’", "'")


def themes_of(lexicon: pd.DataFrame) -> list[str]:
    """The themes of a lexicon: the course's themes in their usual order, then any new ones."""
    present = list(dict.fromkeys(lexicon["theme"]))
    return [t for t in THEMES if t in present] + [t for t in present if t not in THEMES]


def theme_label(theme: str) -> str:
    """The theme as a reader writes it: `queer_rights` becomes `queer rights`."""
    return theme.replace("_", " ")


# --------------------------------------------------------------------------------------------
# sentences and matches


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each sentence of `text`, white space around it left out."""
    spans, position = [], 0
    for boundary in SENTENCE_END.finditer(text):
        _add_span(spans, text, position, boundary.start() + len(boundary.group().rstrip()))
        position = boundary.end()
    _add_span(spans, text, position, len(text))
    return spans


def tag_themes(corpus: pd.DataFrame | str | None = None, lexicon: pd.DataFrame | str | Path | None = None) -> pd.DataFrame:
    """Every place a keyword of the lexicon occurs: one row per match and theme.

    Columns: source_id, theme, keyword (the lexicon's pattern), found (the words as the text has
    them), start and end (character offsets), sentence (its number in the text, from 0), and
    sentence_start, sentence_end (the sentence's offsets). Defaults: the three sources and the
    course lexicon.
    """
    return tag_corpus(_corpus(corpus), load_lexicon(lexicon))[0]


def theme_shares(corpus: pd.DataFrame | str | None = None, lexicon: pd.DataFrame | str | Path | None = None) -> pd.DataFrame:
    """How much of each text each theme takes: one row per text and theme, zeros included.

    Columns: source_id, theme, matches, per_1000_words (matches per 1,000 words of the text, so
    that texts of different lengths compare), sentences (how many sentences mention the theme),
    share_of_sentences (those sentences as a share of the text's, 0 to 1), n_words, n_sentences.
    """
    corpus = _corpus(corpus)
    lexicon = load_lexicon(lexicon)
    matches, n_sentences = tag_corpus(corpus, lexicon)
    return shares_from(matches, corpus, n_sentences, themes_of(lexicon))


def passages(
    corpus: pd.DataFrame | str | None = None,
    lexicon: pd.DataFrame | str | Path | None = None,
    theme: str | None = None,
) -> pd.DataFrame:
    """The sentences that mention `theme`, in text order: source_id, sentence, keywords, text.

    `keywords` lists the lexicon patterns that matched there, separated by '; ', and `text` is
    the sentence on one line, so that a reader can judge whether the words really mean the theme.
    """
    corpus = _corpus(corpus)
    lexicon = load_lexicon(lexicon)
    theme = check_theme(theme, themes_of(lexicon))
    matches, _ = tag_corpus(corpus, lexicon[lexicon["theme"] == theme])
    return passages_from(matches, dict(zip(corpus["source_id"], corpus["text"])))


def with_voices(matches: pd.DataFrame, spans: pd.DataFrame) -> pd.DataFrame:
    """`matches` with a column `voice`: who speaks where each match stands.

    `spans` is `coursekit.voices.voice_spans()` for the same texts (lesson 01's division of each
    text among the director, the interviewer and the writers), so the two lessons count alike.
    """
    spans = spans.sort_values("start")[["source_id", "start", "voice"]].rename(columns={"start": "span_start"})
    ordered = matches.reset_index().sort_values("start")
    voiced = pd.merge_asof(ordered, spans, left_on="start", right_on="span_start", by="source_id", direction="backward")
    voiced = voiced.sort_values("index").set_index("index").rename_axis(None).drop(columns="span_start")
    voiced["voice"] = pd.Categorical(voiced["voice"], categories=list(VOICES))  # lesson 01's order
    return voiced


def check_theme(theme: str | None, themes: list[str]) -> str:
    """`theme` if the lexicon has it; otherwise a ThemeError naming the themes it has."""
    if theme not in themes:
        raise ThemeError(f"The lexicon has no theme {theme!r}; choose one of: {', '.join(themes)}.")
    return theme


def shares_from(matches: pd.DataFrame, corpus: pd.DataFrame, n_sentences: pd.Series, themes: list[str]) -> pd.DataFrame:
    """theme_shares' table from matches already found (the explorer tags once and reuses them)."""
    ids = list(corpus["source_id"])
    words = corpus["n_words"] if "n_words" in corpus else pd.Series([len(tokens(t)) for t in corpus["text"]])
    index = pd.MultiIndex.from_product([ids, themes], names=["source_id", "theme"])
    counts = matches.groupby(["source_id", "theme"]).size().reindex(index, fill_value=0)
    tagged = (matches.drop_duplicates(["source_id", "theme", "sentence"]).groupby(["source_id", "theme"]).size()
              .reindex(index, fill_value=0))
    shares = pd.DataFrame({"matches": counts, "sentences": tagged}).reset_index()
    shares["n_words"] = shares["source_id"].map(dict(zip(ids, words))).astype(int)
    shares["n_sentences"] = shares["source_id"].map(n_sentences).astype(int)
    shares["per_1000_words"] = (shares["matches"] / shares["n_words"].where(shares["n_words"] > 0) * 1000).fillna(0.0)
    shares["share_of_sentences"] = (shares["sentences"] / shares["n_sentences"].where(shares["n_sentences"] > 0)).fillna(0.0)
    return shares[SHARE_COLUMNS]


def passages_from(matches: pd.DataFrame, texts: dict[str, str], limit: int | None = None) -> pd.DataFrame:
    """One row per sentence among `matches` (of one theme), in their order, at most `limit` rows.

    Besides the columns of `passages`, `marks` holds the (start, end) of each match inside `text`,
    for highlighting.
    """
    firsts = matches.drop_duplicates(["source_id", "sentence"])
    if limit is not None:
        firsts = firsts.head(limit)
    chosen = matches.merge(firsts[["source_id", "sentence"]], on=["source_id", "sentence"])
    rows = []
    for (source_id, sentence), group in chosen.groupby(["source_id", "sentence"], sort=False):
        start, end = int(group["sentence_start"].iloc[0]), int(group["sentence_end"].iloc[0])
        raw = unicodedata.normalize("NFC", texts[source_id])[start:end]
        marks = [(a - start, b - start) for a, b in zip(group["start"], group["end"])]
        shown, marks = _one_line_with_marks(raw, marks)
        rows.append((source_id, int(sentence), "; ".join(dict.fromkeys(group["keyword"])), shown, marks))
    return pd.DataFrame(rows, columns=["source_id", "sentence", "keywords", "text", "marks"])


def keyword_pattern(keyword: str) -> str:
    """The regular expression that finds a (normal) keyword in lower-cased text, as whole words.

    The check that no letter comes before the keyword stands after its first letter, not before
    it: a pattern that starts with a plain letter lets Python's regex engine skip ahead to the
    letters that can start a keyword, which makes tagging a large corpus several times faster.
    """
    stem = keyword.endswith("*")
    pieces = []
    for word in keyword.rstrip("*").split(" "):
        # A hyphen may end a line (the review's mise-/en-scene); apostrophes may be curly.
        pieces.append("".join(r"[-‐‑]\s*" if ch in "-‐‑" else "['’]" if ch == "'" else re.escape(ch) for ch in word))
    body = r"\s+".join(pieces)
    ending = rf"{WORD_CHAR}*" if stem else ""
    return rf"{body[0]}(?<!{WORD_CHAR}.){body[1:]}{ending}(?!{WORD_CHAR})"


def _matched_keyword(found: str, exact: set[str], stems: list[str]) -> str:
    """Which keyword found the text `found`: the keyword itself, or its longest stem."""
    words = re.sub(r"\s+", " ", re.sub(r"([-‐‑])\s+", r"\1", found.lower())).replace("’", "'")
    words = words.replace("‐", "-").replace("‑", "-")
    if words in exact:
        return words
    stem = next((stem for stem in stems if words.startswith(stem)), None)
    if stem is not None:
        return f"{stem}*"
    # Only reached for a letter whose lower case is longer, such as 'İ': ask each keyword.
    keywords = [*exact, *(f"{s}*" for s in stems)]
    return next((k for k in keywords if re.fullmatch(keyword_pattern(k), found, re.IGNORECASE)), words)


def tag_corpus(corpus: pd.DataFrame, lexicon: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """The matches of every theme of `lexicon` in `corpus` (a checked corpus and lexicon), and the
    number of sentences of each text: what tag_themes and theme_shares are made of.

    One regular expression per theme, so that themes sharing words (`screening*`, `screening
    rights`) each find them; within a theme the longest keywords come first, so a phrase wins over
    a word it starts with. Texts are lower-cased once; a text whose lower-cased form is longer
    (such as Turkish 'İ') is searched with IGNORECASE instead, so that offsets stay the text's.
    """
    compiled = []
    for theme in themes_of(lexicon):
        keywords = sorted(set(lexicon.loc[lexicon["theme"] == theme, "keyword"]), key=lambda k: (-len(k), k))
        pattern = "|".join(keyword_pattern(k) for k in keywords)
        exact = {k for k in keywords if not k.endswith("*")}
        stems = [k[:-1] for k in keywords if k.endswith("*")]  # longest first, as sorted above
        compiled.append((theme, exact, stems, re.compile(pattern), re.compile(pattern, re.IGNORECASE)))
    columns: dict[str, list] = {name: [] for name in MATCH_COLUMNS}
    n_sentences = {}
    for source_id, text in zip(corpus["source_id"], corpus["text"]):
        text = unicodedata.normalize("NFC", text)
        lowered = text.lower()
        same_length = len(lowered) == len(text)
        spans = sentence_spans(text)
        n_sentences[source_id] = len(spans)
        starts = [a for a, _ in spans]
        for theme, exact, stems, fast, careful in compiled:
            for m in fast.finditer(lowered) if same_length else careful.finditer(text):
                start, end = m.span()
                i = max(bisect_right(starts, start) - 1, 0)
                columns["source_id"].append(source_id)
                columns["theme"].append(theme)
                columns["keyword"].append(_matched_keyword(m.group(), exact, stems))
                columns["found"].append(text[start:end])
                columns["start"].append(start)
                columns["end"].append(end)
                columns["sentence"].append(i)
                columns["sentence_start"].append(spans[i][0])
                columns["sentence_end"].append(spans[i][1])
    matches = pd.DataFrame(columns)
    for name in ("start", "end", "sentence", "sentence_start", "sentence_end"):
        matches[name] = matches[name].astype(int)
    # In text order: by source as the corpus lists them, then by position.
    order = pd.Series(range(len(corpus)), index=list(corpus["source_id"]))
    matches["_order"] = matches["source_id"].map(order)
    matches = matches.sort_values(["_order", "start"], kind="stable").drop(columns="_order").reset_index(drop=True)
    return matches, pd.Series(n_sentences, dtype=int)


def _corpus(corpus: pd.DataFrame | str | None) -> pd.DataFrame:
    return load_sources() if corpus is None else as_corpus(corpus)


def _cell(value) -> str:
    """A table cell as text: empty for a missing value (pandas reads an empty CSV cell as NaN)."""
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()


def _add_span(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        spans.append((start + lead, start + lead + len(stripped)))


def _one_line_with_marks(text: str, marks: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """`text` on one line (runs of white space as one space), with `marks` moved to match."""
    shown, position_map = [], []
    previous_space = False
    for ch in text:
        position_map.append(len(shown))
        if ch.isspace():
            if not previous_space:
                shown.append(" ")
            previous_space = True
        else:
            shown.append(ch)
            previous_space = False
    position_map.append(len(shown))
    moved = [(position_map[a], position_map[b]) for a, b in marks]
    return "".join(shown), moved
