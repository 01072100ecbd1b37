"""Unit tests for coursekit.corpus: loading texts, counting words, searching and locating.

Facts about the three source texts used below (e.g. that the Klassiki interview contains "21+"
twice) were checked by reading data/sources/*.txt; the tests re-derive them from the text where
they can, so that a change to the search code, not to the texts, is what makes them fail.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from coursekit.corpus import (
    STOPWORDS,
    kwic,
    load_folder,
    load_sources,
    locate,
    tokens,
    word_counts,
)
from coursekit.errors import CorpusError, CourseError, DataError

REPO = Path(__file__).resolve().parents[1]
SOURCE_IDS = ["review", "calvert", "klassiki"]


# --------------------------------------------------------------------------------------------
# fixtures


@pytest.fixture(scope="module")
def sources() -> pd.DataFrame:
    """The bundled corpus, loaded once from the repository root (tests must not modify it)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("COURSEKIT_DATA", raising=False)
        mp.chdir(REPO)
        return load_sources()


@pytest.fixture(scope="module")
def texts(sources) -> dict[str, str]:
    return dict(zip(sources["source_id"], sources["text"]))


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


LATIN1 = "Café in Almaty".encode("latin-1")  # b"Caf\xe9 ..." is not valid UTF-8


# --------------------------------------------------------------------------------------------
# load_sources


def test_load_sources_has_the_three_texts_in_order(sources):
    assert list(sources["source_id"]) == SOURCE_IDS


def test_load_sources_genres(sources):
    assert dict(zip(sources["source_id"], sources["genre"])) == {
        "review": "review",
        "calvert": "feature",
        "klassiki": "interview",
    }


def test_load_sources_texts_are_the_files(sources):
    for file, text in zip(sources["file"], sources["text"]):
        assert text.strip()
        assert text == (REPO / "data" / "sources" / file).read_text(encoding="utf-8")


def test_load_sources_sizes(sources):
    for text, n_words, n_chars in zip(sources["text"], sources["n_words"], sources["n_chars"]):
        assert n_words == len(tokens(text)) > 100
        assert n_chars == len(text)


# --------------------------------------------------------------------------------------------
# load_folder


@pytest.fixture
def folder(tmp_path) -> Path:
    """A student's folder: three texts (one with a BOM) among things that are not texts."""
    write(tmp_path, "b_kazakh.txt", "Қазақстан — менің Отаным.\nАлматы әдемі қала.")
    write(tmp_path, "a_english.txt", "Welcome to the USA is set in Kazakhstan.")
    write(tmp_path, "c_russian.txt", "\ufeffФильм снят в Алматы.")
    write(tmp_path, "notes.md", "not a text of the corpus")
    write(tmp_path, "table.csv", "id,title\n")
    write(tmp_path, "sub/d_nested.txt", "in a subfolder")
    write(tmp_path, "e_folder.txt/inner.txt", "a folder whose name ends in .txt")
    return tmp_path


def test_load_folder_reads_txt_files_in_name_order(folder):
    corpus = load_folder(folder)
    assert list(corpus["source_id"]) == ["a_english", "b_kazakh", "c_russian"]
    assert list(corpus["file"]) == ["a_english.txt", "b_kazakh.txt", "c_russian.txt"]
    assert list(corpus["title"]) == ["a_english", "b_kazakh", "c_russian"]


def test_load_folder_keeps_cyrillic_and_kazakh_text(folder):
    corpus = load_folder(folder)
    texts = dict(zip(corpus["source_id"], corpus["text"]))
    assert texts["b_kazakh"] == "Қазақстан — менің Отаным.\nАлматы әдемі қала."
    assert "Алматы" in texts["c_russian"]


def test_load_folder_strips_the_bom(folder):
    text = load_folder(folder).set_index("source_id").loc["c_russian", "text"]
    assert text == "Фильм снят в Алматы."
    assert not text.startswith("\ufeff")


def test_load_folder_sizes(folder):
    corpus = load_folder(folder)
    assert list(corpus["n_words"]) == [len(tokens(t)) for t in corpus["text"]]
    assert list(corpus["n_chars"]) == [len(t) for t in corpus["text"]]


def test_load_folder_ignores_subfolders_and_other_files(folder):
    files = set(load_folder(folder)["file"])
    assert not files & {"notes.md", "table.csv", "d_nested.txt", "e_folder.txt", "inner.txt"}


def test_load_folder_records_no_skipped_files_when_all_are_read(folder):
    assert load_folder(folder, errors="skip").attrs["skipped"] == []


def test_load_folder_accepts_a_string_path(folder):
    assert len(load_folder(str(folder))) == 3


def test_load_folder_missing_folder(tmp_path):
    missing = tmp_path / "no_such_folder"
    with pytest.raises(CorpusError, match="does not exist") as info:
        load_folder(missing)
    assert "no_such_folder" in str(info.value)


def test_load_folder_given_a_file(tmp_path):
    file = write(tmp_path, "one.txt", "just one text")
    with pytest.raises(CorpusError, match="is a file, not a folder") as info:
        load_folder(file)
    assert "one.txt" in str(info.value)


def test_load_folder_without_txt_files(tmp_path):
    write(tmp_path, "notes.md", "no texts here")
    write(tmp_path, "sub/inside.txt", "only in a subfolder")
    with pytest.raises(CorpusError, match=r"has no \.txt files") as info:
        load_folder(tmp_path)
    assert str(tmp_path) in str(info.value)


def test_load_folder_non_utf8_file_is_named(tmp_path):
    write(tmp_path, "a_good.txt", "fine")
    write(tmp_path, "b_latin1.txt", LATIN1)
    with pytest.raises(CorpusError, match="not UTF-8") as info:
        load_folder(tmp_path)
    assert "b_latin1.txt" in str(info.value)


def test_load_folder_skip_leaves_out_and_records_the_bad_file(tmp_path):
    write(tmp_path, "a_good.txt", "Алматы")
    write(tmp_path, "b_latin1.txt", LATIN1)
    write(tmp_path, "c_good.txt", "Қазақстан")
    corpus = load_folder(tmp_path, errors="skip")
    assert list(corpus["source_id"]) == ["a_good", "c_good"]
    [(name, reason)] = corpus.attrs["skipped"]
    assert name == "b_latin1.txt"
    assert "not UTF-8" in reason and "b_latin1.txt" in reason


@pytest.mark.parametrize("errors", ["raise", "skip"])
def test_load_folder_all_files_unreadable(tmp_path, errors):
    write(tmp_path, "a.txt", LATIN1)
    write(tmp_path, "b.txt", b"\xff\xfe\x00broken")
    with pytest.raises(CorpusError, match="not UTF-8"):
        load_folder(tmp_path, errors=errors)


def test_load_folder_skip_with_all_files_unreadable_says_none_could_be_read(tmp_path):
    write(tmp_path, "a.txt", LATIN1)
    with pytest.raises(CorpusError, match="None of the .txt files"):
        load_folder(tmp_path, errors="skip")


@pytest.mark.parametrize("errors", ["ignore", "Skip", "", None])
def test_load_folder_rejects_unknown_errors_value(folder, errors):
    with pytest.raises(CorpusError, match="errors must be 'raise' or 'skip'") as info:
        load_folder(folder, errors=errors)
    assert repr(errors) in str(info.value)


# --------------------------------------------------------------------------------------------
# tokens


def test_tokens_fold_case():
    assert tokens("Welcome WELCOME welcome") == ["welcome"] * 3


def test_tokens_cyrillic_and_kazakh_letters():
    assert tokens("Қазақстан, АЛМАТЫ! Фильм") == ["қазақстан", "алматы", "фильм"]
    assert tokens("ӘҒҚҢӨҰҮҺІ") == ["әғқңөұүһі"]


def test_tokens_curly_apostrophe_becomes_straight():
    assert tokens("Don’t, Aliya’s") == ["don't", "aliya's"]
    assert tokens("Don’t") == tokens("don't")


def test_tokens_keep_inner_hyphens_only():
    assert tokens("a mid-range, state-of-the-art -shot- Nur-Sultan") == [
        "a", "mid-range", "state-of-the-art", "shot", "nur-sultan",
    ]


def test_tokens_drop_punctuation():
    assert tokens("“Hello,” (laughs)… 21+ — yes?!") == ["hello", "laughs", "21", "yes"]


def test_tokens_of_text_without_words():
    assert tokens(" … — !? ") == []


def test_tokens_drop_stopwords_in_three_languages():
    text = "The film and the city: фильм и город; фильм және қала"
    kept = tokens(text, drop_stopwords=True)
    assert kept == ["film", "city", "фильм", "город", "фильм", "қала"]
    assert {"the", "and", "и", "және"} <= set(tokens(text))
    assert {"the", "и", "және"} <= STOPWORDS


def test_tokens_drop_stopwords_after_folding_case_and_apostrophe():
    assert tokens("THE Don’t Aliya", drop_stopwords=True) == ["aliya"]


# --------------------------------------------------------------------------------------------
# word_counts


def test_word_counts_columns(sources):
    assert list(word_counts(sources).columns) == ["source_id", "word", "count"]


def test_word_counts_match_a_counter_of_tokens(sources):
    counts = word_counts(sources)
    for source_id, text in zip(sources["source_id"], sources["text"]):
        rows = counts[counts["source_id"] == source_id]
        assert dict(zip(rows["word"], rows["count"])) == Counter(tokens(text))
        assert rows["word"].is_unique


def test_word_counts_most_frequent_first_within_each_source(sources):
    counts = word_counts(sources)
    assert list(counts["source_id"].unique()) == SOURCE_IDS
    for source_id in SOURCE_IDS:
        within = counts.loc[counts["source_id"] == source_id, "count"]
        assert within.is_monotonic_decreasing
    # the sources are contiguous blocks, not interleaved
    assert (counts["source_id"] != counts["source_id"].shift()).sum() == len(SOURCE_IDS)


def test_word_counts_of_a_plain_string():
    counts = word_counts("The cat and the hat. THE END")
    assert set(counts["source_id"]) == {"text"}
    assert dict(zip(counts["word"], counts["count"])) == {"the": 3, "cat": 1, "and": 1, "hat": 1, "end": 1}
    assert counts.iloc[0]["word"] == "the"


def test_word_counts_drop_stopwords(sources):
    counts = word_counts(sources, drop_stopwords=True)
    assert not set(counts["word"]) & STOPWORDS
    review = counts[counts["source_id"] == "review"]
    expected = Counter(tokens(sources["text"].iloc[0], drop_stopwords=True))
    assert dict(zip(review["word"], review["count"])) == expected
    assert "kazakhstan" in set(review["word"])


def test_word_counts_rejects_a_table_without_text():
    with pytest.raises(CorpusError, match="Expected a corpus table"):
        word_counts(pd.DataFrame({"source_id": ["a"], "body": ["words"]}))


# --------------------------------------------------------------------------------------------
# kwic


def test_kwic_columns(sources):
    assert list(kwic(sources, "film").columns) == ["source_id", "position", "left", "match", "right"]


def test_kwic_positions_point_at_the_match(sources, texts):
    hits = kwic(sources, "kazakhstan")
    assert len(hits) > 10
    for source_id, position, match in zip(hits["source_id"], hits["position"], hits["match"]):
        original = texts[source_id][position:position + len("kazakhstan")]
        assert original.casefold() == "kazakhstan"
        assert match == original


def test_kwic_finds_every_occurrence(sources, texts):
    hits = kwic(sources, "Welcome to the USA")
    for source_id, text in texts.items():
        assert (hits["source_id"] == source_id).sum() == text.count("Welcome to the USA")


def test_kwic_window():
    text = "aaaaa bbbbb TARGET ccccc ddddd"
    [hit] = kwic(text, "target", window=6).itertuples()
    assert (hit.left, hit.match, hit.right) == ("bbbbb ", "TARGET", " ccccc")


def test_kwic_window_is_respected_in_the_sources(sources):
    hits = kwic(sources, "film", window=15)
    assert hits["left"].str.len().max() <= 15
    assert hits["right"].str.len().max() <= 15
    assert (hits["left"].str.len() == 15).any()


def test_kwic_window_at_the_edges_of_the_text():
    [hit] = kwic("TARGET then more", "target", window=50).itertuples()
    assert (hit.position, hit.left, hit.right) == (0, "", " then more")


def test_kwic_folds_white_space_in_the_context():
    [hit] = kwic("one\n\n  two   TARGET\tthree\n four", "target", window=20).itertuples()
    assert hit.left == "one two "
    assert hit.right == " three four"


@pytest.mark.parametrize(
    ("source_id", "query", "count"),
    [
        ("klassiki", "21+", 2),
        ("klassiki", "(laughs)", 6),
        ("review", "(one", 1),
    ],
)
def test_kwic_regex_special_queries_are_literal_in_the_sources(sources, texts, source_id, query, count):
    hits = kwic(sources, query)
    assert list(hits["source_id"]) == [source_id] * count
    assert texts[source_id].count(query) == count
    assert set(hits["match"]) == {query}


def test_kwic_plus_is_not_a_quantifier():
    hits = kwic("rated 211, then rated 21+", "21+")
    assert list(hits["position"]) == [22]


@pytest.mark.parametrize("source_id", SOURCE_IDS)
def test_kwic_dot_matches_only_dots(sources, texts, source_id):
    hits = kwic(sources, ".")
    mine = hits[hits["source_id"] == source_id]
    assert len(mine) == texts[source_id].count(".") > 0
    assert set(mine["match"]) == {"."}


def test_kwic_bar_is_not_alternation(sources):
    assert kwic(sources, "a|b").empty
    assert list(kwic("a or b, then a|b", "a|b")["position"]) == [13]


def test_kwic_is_case_insensitive_by_default(sources, texts):
    hits = kwic(sources, "ALMATY")
    for source_id, text in texts.items():
        assert (hits["source_id"] == source_id).sum() == text.count("Almaty") > 0
    assert set(hits["match"]) == {"Almaty"}


def test_kwic_case_sensitive(sources):
    assert kwic(sources, "ALMATY", case_sensitive=True).empty
    assert len(kwic(sources, "Almaty", case_sensitive=True)) == 5


def test_kwic_whole_words(sources, texts):
    every = kwic(sources, "statue")
    whole = kwic(sources, "statue", whole_words=True)
    review = texts["review"]
    # the review has "the statues of the president" and "in front of the statue, a symbol"
    assert review.count("statues") == 1 and review.count("statue,") == 1
    assert (every["source_id"] == "review").sum() == 2
    assert (whole["source_id"] == "review").sum() == 1
    for source_id, position in zip(whole["source_id"], whole["position"]):
        assert texts[source_id][position:position + 7] != "statues"
    assert len(whole) < len(every)


def test_kwic_whole_words_on_a_string():
    hits = kwic("statue, statues, a statue.", "statue", whole_words=True)
    assert list(hits["position"]) == [0, 19]


def test_kwic_cyrillic_query_is_case_insensitive():
    text = "Фильм снят в Алматы. АЛМАТЫ — большой город."
    assert list(kwic(text, "алматы")["match"]) == ["Алматы", "АЛМАТЫ"]
    assert kwic(text, "алматы", case_sensitive=True).empty


def test_kwic_kazakh_query_is_case_insensitive():
    hits = kwic("ҚАЗАҚСТАН және Қазақстан", "қазақстан")
    assert list(hits["position"]) == [0, 15]


def test_kwic_straight_apostrophe_finds_curly(sources, texts):
    hits = kwic(sources, "don't")
    for source_id, text in texts.items():
        assert "don't" not in text  # the sources only use the curly apostrophe
        assert (hits["source_id"] == source_id).sum() == text.casefold().count("don’t") > 0
    assert set(hits["match"].str.casefold()) == {"don’t"}


def test_kwic_curly_apostrophe_finds_straight():
    assert list(kwic("I don't know", "don’t")["match"]) == ["don't"]


def test_kwic_straight_double_quotes_find_curly(sources, texts):
    hits = kwic(sources, '"LGBTQ+ film"')
    assert list(hits["source_id"]) == ["calvert"]
    assert hits["match"].iloc[0] == "“LGBTQ+ film”"
    assert '"LGBTQ+ film"' not in texts["calvert"]


def test_kwic_across_a_hyphenated_line_break(sources, texts):
    review = texts["review"]
    assert "mise-\nen-scene" in review and "mise-en-scene" not in review
    hits = kwic(sources, "mise-en-scene")
    assert list(hits["source_id"]) == ["review"]
    position = hits["position"].iloc[0]
    assert review[position:].startswith("mise-\nen-scene")
    assert hits["match"].iloc[0] == "mise- en-scene"


def test_kwic_across_a_line_break_between_words(sources, texts):
    review = texts["review"]
    assert "grey mise-\nen" in review
    hits = kwic(sources, "grey mise-en-scene")
    assert review[hits["position"].iloc[0]:].startswith("grey mise-\nen-scene")


def test_kwic_three_dots_find_the_ellipsis_character(sources, texts):
    review = texts["review"]
    assert review.count("…") == 1 and "..." not in review
    hits = kwic(sources, "problem...")
    assert list(hits["source_id"]) == ["review"]
    assert hits["match"].iloc[0] == "problem…"
    assert review[hits["position"].iloc[0]:].startswith("problem…")


def test_kwic_ellipsis_character_finds_three_dots():
    assert list(kwic("wait... what", "…")["match"]) == ["..."]


@pytest.mark.parametrize("query", ["", "   ", "\n\t"])
def test_kwic_empty_query(sources, query):
    with pytest.raises(CorpusError, match="The search is empty"):
        kwic(sources, query)


@pytest.mark.parametrize(("query", "type_name"), [(5, "int"), (None, "NoneType"), (["film"], "list")])
def test_kwic_non_string_query(sources, query, type_name):
    with pytest.raises(CorpusError, match=f"A search needs text, not {type_name}"):
        kwic(sources, query)


def test_kwic_empty_corpus(sources):
    with pytest.raises(CorpusError, match="The corpus is empty"):
        kwic(sources.iloc[0:0], "film")


def test_kwic_table_without_text_column(sources):
    with pytest.raises(CorpusError, match="Expected a corpus table"):
        kwic(sources.drop(columns="text"), "film")


def test_kwic_rejects_something_that_is_not_a_corpus():
    with pytest.raises(CorpusError, match="Expected a corpus table"):
        kwic(["a list of texts"], "film")


def test_kwic_no_hits_is_an_empty_table_with_the_columns(sources):
    hits = kwic(sources, "zzzqqq")
    assert hits.empty
    assert list(hits.columns) == ["source_id", "position", "left", "match", "right"]


# --------------------------------------------------------------------------------------------
# locate


def test_locate_exact_finds_a_verbatim_quotation(sources, texts):
    phrase = "I don’t see any prospects in my home country."
    found = locate(sources, phrase, exact=True)
    assert set(found["source_id"]) == {"calvert", "review"}
    for source_id, start, end, text in found.itertuples(index=False):
        assert texts[source_id][start:end] == text == phrase


def test_locate_exact_does_not_forgive_a_straight_apostrophe(sources):
    assert locate(sources, "I don't see any prospects", exact=True).empty


def test_locate_forgiving_finds_the_straight_apostrophe_version(sources, texts):
    found = locate(sources, "I don't see any prospects")
    assert set(found["source_id"]) == {"calvert", "review"}
    for source_id, start, end, text in found.itertuples(index=False):
        assert texts[source_id][start:end] == text == "I don’t see any prospects"


def test_locate_forgiving_crosses_line_breaks(sources, texts):
    phrase = "The reaction to my film from local audiences has been very quiet."
    exact = locate(sources, phrase, exact=True)
    forgiving = locate(sources, phrase)
    assert exact.empty  # the review breaks the line after "The"
    assert list(forgiving["source_id"]) == ["review"]
    start, end, found = forgiving.iloc[0][["start", "end", "found"]]
    assert texts["review"][start:end] == found
    assert "\n" in found


def test_locate_case_matters(sources):
    assert not locate(sources, "Welcome to the USA").empty
    assert locate(sources, "welcome to the usa").empty
    assert locate(sources, "welcome to the usa", exact=True).empty


def test_locate_columns(sources):
    assert list(locate(sources, "Almaty").columns) == ["source_id", "start", "end", "found"]


@pytest.mark.parametrize("phrase", ["", None])
def test_locate_exact_needs_a_phrase(sources, phrase):
    with pytest.raises(CorpusError, match="needs a non-empty phrase"):
        locate(sources, phrase, exact=True)


def test_locate_forgiving_rejects_an_empty_phrase(sources):
    with pytest.raises(CorpusError, match="The search is empty"):
        locate(sources, "  ")


def test_locate_exact_is_literal():
    assert list(locate("rated 211 and 21+", "21+", exact=True)["start"]) == [14]


# --------------------------------------------------------------------------------------------
# errors in Jupyter


def raise_data_error():
    raise DataError("bad", file="t.csv", line=3, column="id")


def raised(call) -> CourseError:
    with pytest.raises(CourseError) as info:
        call()
    return info.value


@pytest.mark.parametrize(
    ("call", "name", "words"),
    [
        (lambda: kwic("some text", ""), "CorpusError", "The search is empty"),
        (lambda: load_folder("/no/such/folder/anywhere"), "CorpusError", "does not exist"),
        (raise_data_error, "DataError", "t.csv, line 3, column 'id': bad"),
    ],
    ids=["kwic", "load_folder", "DataError"],
)
def test_course_errors_render_as_one_line(call, name, words):
    error = raised(call)
    [line] = error._render_traceback_()
    assert line.startswith(f"{name}: ")
    assert words in line
    assert "\n" not in line
    assert "Traceback" not in line


def test_ipython_shows_the_one_line_instead_of_a_traceback(capsys):
    interactiveshell = pytest.importorskip("IPython.core.interactiveshell")
    shell = interactiveshell.InteractiveShell.instance()
    result = shell.run_cell("from coursekit.corpus import kwic\nkwic('some text', '')")
    assert isinstance(result.error_in_exec, CorpusError)
    shown = capsys.readouterr().out
    assert "CorpusError: The search is empty" in shown
    assert "Traceback" not in shown and "search_pattern" not in shown


def test_kwic_offsets_stay_right_when_lower_casing_changes_a_texts_length():
    # 'İ' lower-cases to two characters, so the fast search on a lower-cased copy would shift
    # every later offset by one; kwic must notice and search the original text instead.
    text = "İstanbul, Almaty and ALMATY"
    assert len(text.lower()) != len(text)
    hits = kwic(text, "almaty")
    assert list(hits["position"]) == [text.index("Almaty"), text.index("ALMATY")]
    assert list(hits["match"]) == ["Almaty", "ALMATY"]


@pytest.mark.parametrize("query", ["İşker", "işker", "IŞKER"])
def test_a_query_with_dotted_capital_i_finds_every_case(query):
    text = "İşker adam. işker qyz."
    assert list(kwic(text, query)["match"]) == ["İşker", "işker"]


def test_a_corpus_whose_text_is_not_a_string_is_named():
    bad = pd.DataFrame({"source_id": ["ok", "broken"], "text": ["a statue", float("nan")]})
    with pytest.raises(CorpusError, match="source 'broken' is not text"):
        kwic(bad, "statue")


def test_numeric_source_ids_are_read_as_text():
    corpus = pd.DataFrame({"source_id": [1, 2], "text": ["a statue", "two statues"]})
    assert list(kwic(corpus, "statue")["source_id"]) == ["1", "2"]


@pytest.mark.parametrize("window", [-1, 2.5, "10", True])
def test_kwic_refuses_a_window_that_is_not_a_count(window):
    with pytest.raises(CorpusError, match="context window"):
        kwic("a statue", "statue", window=window)


def test_tokens_treat_composed_and_decomposed_letters_alike():
    composed, decomposed = "Қайта", unicodedata.normalize("NFD", "Қайта")
    assert composed != decomposed
    assert tokens(decomposed) == tokens(composed) == ["қайта"]


def test_unicode_hyphens_join_words_like_ascii_ones():
    assert tokens("mid‐range mid‑range mid-range") == ["mid-range"] * 3


def test_load_folder_skips_hidden_files(tmp_path):
    (tmp_path / "review.txt").write_text("A text.", encoding="utf-8")
    (tmp_path / "._review.txt").write_bytes(b"\x00\x05\x16\x07 Mac OS X resource fork \xff\xfe")
    assert list(load_folder(tmp_path)["file"]) == ["review.txt"]


# --------------------------------------------------------------------------------------------
# mentions: which texts name a person, place or term (fills the tables' "mentioned in" columns)


def _mentions(corpus, names, **options) -> list[str]:
    from coursekit.corpus import mentions

    return mentions(corpus, names, **options)


def test_mentions_match_whole_words_only():
    assert _mentions("Kazakhstan is large.", "Kazakh") == []
    assert _mentions("A Kazakh film.", "Kazakh") == ["text"]
    assert _mentions("Aushakimova’s film, Aushakimova-style", "Aushakimova") == ["text"]  # possessive, hyphen


def test_mentions_keep_capitals_unless_told_not_to():
    assert _mentions("a carol was sung", "Carol") == []
    assert _mentions("a carol was sung", "Carol", case_sensitive=False) == ["text"]


@pytest.mark.parametrize("text, name", [("O’Brien said", "O'Brien"), ("O'Brien said", "O’Brien")])
def test_mentions_forgive_curly_and_straight_apostrophes(text, name):
    assert _mentions(text, name) == ["text"]


@pytest.mark.parametrize("text, name", [
    ("directed by Assel\nAushakimova", "Assel Aushakimova"),
    ("Assel \n  Aushakimova", "Assel Aushakimova"),
    ("the Nur-\nSultan office", "Nur-Sultan"),
])
def test_mentions_find_a_name_split_by_a_line_break(text, name):
    assert _mentions(text, name) == ["text"]


def test_mentions_any_of_several_forms_in_corpus_order():
    corpus = pd.DataFrame({"source_id": ["a", "b", "c"], "text": ["in Astana", "in Paris", "in Nur-Sultan"]})
    assert _mentions(corpus, ["Nur-Sultan", "Astana"]) == ["a", "c"]
    assert _mentions(corpus, []) == []


def test_mentions_take_one_name_as_a_whole_string():
    # a lone string is one name, not a list of its letters
    assert _mentions("s and t", "Astana") == []


def test_mentions_in_the_sources(sources):
    assert _mentions(sources, "Shymkent") == ["klassiki"]
    assert _mentions(sources, ["Nobody Atall", "Olga Doletskaya"]) == ["klassiki"]


def test_one_line_shows_every_run_of_white_space_as_one_space():
    from coursekit.corpus import one_line

    assert one_line("a\n\n b\t c") == "a b c"


def test_stands_at_is_exact_to_the_character():
    from coursekit.corpus import stands_at

    text = "She said “no” twice."
    assert stands_at(text, 9, "“no”")
    assert not stands_at(text, 9, '"no"'), "straight quotes are not curly ones"
    assert not stands_at(text, 8, "“no”")
    assert not stands_at(text, 18, "twice. And more"), "a quotation running past the end does not stand"
