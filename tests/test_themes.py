"""Theme tagging from a keyword lexicon: the lexicon's checks, the matching rules, the tables, the charts.

The counts on the three texts are recomputed here by other means (plain regular expressions over
the texts), so a bug in coursekit.themes cannot confirm itself.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from coursekit.charts import ChartError
from coursekit.charts.themes import theme_sources_chart, themes_chart
from coursekit.datasets import load_table
from coursekit.errors import CourseError, DataError
from coursekit.tables import LANGUAGES, THEMES
from coursekit.themes import (
    ThemeError,
    load_lexicon,
    normal_keyword,
    passages,
    sentence_spans,
    tag_themes,
    theme_shares,
    themes_of,
)


def lexicon(*rows: tuple[str, str]) -> pd.DataFrame:
    """A lexicon of (theme, keyword) rows, language and note left empty."""
    return pd.DataFrame({"theme": [t for t, _ in rows], "keyword": [k for _, k in rows],
                         "language": [""] * len(rows), "note": [""] * len(rows)})


def found(text: str, *keywords: str) -> list[str]:
    """The words of `text` that the keywords find, in order (all in one theme)."""
    return list(tag_themes(text, lexicon(*[("t", k) for k in keywords]))["found"])


# --------------------------------------------------------------------------------------------
# the course lexicon


def test_the_course_lexicon_covers_every_theme_with_notes(lexicon_table):
    assert set(lexicon_table["theme"]) == set(THEMES)
    assert lexicon_table.groupby("theme").size().min() >= 8
    assert set(lexicon_table["language"]) <= set(LANGUAGES) and "English" in set(lexicon_table["language"])
    assert lexicon_table["note"].str.len().min() > 10


def test_the_course_lexicon_is_already_in_normal_form(lexicon_table):
    assert list(load_lexicon()["keyword"]) == list(lexicon_table["keyword"])
    assert all(normal_keyword(k) == k for k in lexicon_table["keyword"])


def test_every_course_keyword_is_found_by_a_plain_regex_where_it_is_found(sources, lexicon_table):
    """Recount each keyword with a regex written independently and compare with tag_themes."""
    counted = tag_themes(sources).groupby(["theme", "keyword"]).size()
    text = "\n".join(sources["text"]).lower().replace("’", "'")
    for row in lexicon_table.itertuples():
        body = r"[-‐‑]\s*".join(re.escape(w) for w in row.keyword.rstrip("*").split("-")).replace(r"\ ", r"\s+")
        ending = r"\w*" if row.keyword.endswith("*") else ""
        expected = len(re.findall(rf"(?<!\w){body}{ending}(?!\w)", text))
        # Within a theme a longer keyword goes first: `private funding` takes its words from `fund*`.
        longer = [k for k in lexicon_table.loc[lexicon_table["theme"] == row.theme, "keyword"]
                  if len(k) > len(row.keyword) and row.keyword.rstrip("*") in k]
        if longer:
            assert counted.get((row.theme, row.keyword), 0) <= expected, row.keyword
        else:
            assert counted.get((row.theme, row.keyword), 0) == expected, row.keyword


def test_the_course_lexicon_as_a_csv_copy_loads_the_same(tmp_path, lexicon_table):
    path = tmp_path / "lexicon.csv"
    lexicon_table.to_csv(path, index=False)
    pd.testing.assert_frame_equal(load_lexicon(path), load_lexicon())


# --------------------------------------------------------------------------------------------
# a lexicon of one's own: each mistake gets one sentence


@pytest.mark.parametrize("table, words", [
    (pd.DataFrame({"theme": ["a"], "language": [""], "note": [""]}), "lacks the column(s) keyword"),
    (pd.DataFrame({"keyword": ["a"]}), "lacks the column(s) theme"),
    (lexicon().iloc[0:0], "has no rows"),
    (lexicon(("censorship", "")), "Row 1 of the lexicon (theme 'censorship') has an empty keyword"),
    (lexicon(("censorship", "censor"), ("censorship", "   ")), "Row 2"),
    (lexicon(("", "censor")), "Row 1 of the lexicon has no theme"),
    (lexicon(("censorship", "cens?r")), "'cens?r' is not a word"),
    (lexicon(("censorship", "*")), "is not a word"),
    (lexicon(("censorship", "c*nsor")), "is not a word"),
    (lexicon(("censorship", "21+")), "is not a word"),
    (lexicon(("censorship", "green  card*"), ("censorship", "Green card*")), "repeats 'green card*'"),
])
def test_a_broken_lexicon_gets_one_sentence(table, words):
    with pytest.raises(ThemeError) as info:
        load_lexicon(table)
    message = str(info.value)
    assert words in message and "\n" not in message
    assert info.value._render_traceback_() == [f"ThemeError: {message}"]


def test_a_missing_note_and_language_are_allowed_in_ones_own_lexicon():
    own = pd.DataFrame({"theme": ["family"], "keyword": ["Mother*"]})
    assert load_lexicon(own).to_dict("records") == [{"theme": "family", "keyword": "mother*", "language": "", "note": ""}]


def test_a_csv_lexicon_with_a_bad_keyword_names_the_line(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("theme,keyword,language,note\nfamily,mother,English,\nfamily,m?ther,English,\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_lexicon(path)
    assert (info.value.line, info.value.column) == (3, "keyword")


def test_a_csv_lexicon_may_add_themes_and_languages_the_course_table_may_not(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("theme,keyword,language,note\nfamily,Mutter,German,\n", encoding="utf-8")
    assert themes_of(load_lexicon(path)) == ["family"]
    with pytest.raises(DataError, match="not allowed"):
        load_table(path, load_table.__globals__["course_schemas"]()["lexicon"])


@pytest.mark.parametrize("value, words", [("lexicon.txt", "is a .csv table"), (42, "not int")])
def test_a_lexicon_that_is_neither_table_nor_csv(value, words):
    with pytest.raises(CourseError, match=re.escape(words)):
        load_lexicon(value)


# --------------------------------------------------------------------------------------------
# how keywords match


def test_whole_words_only_and_a_star_for_any_ending():
    text = "A ban, a bank, banned books, Banning."
    assert found(text, "ban") == ["ban"]
    assert found(text, "ban*") == ["ban", "bank", "banned", "Banning"]


def test_case_is_ignored_in_every_script():
    assert found("CENSORSHIP, Censored", "censor*") == ["CENSORSHIP", "Censored"]
    assert found("ЦЕНЗУРА и цензуры", "цензур*") == ["ЦЕНЗУРА", "цензуры"]
    assert found("ҮКІМЕТ және үкіметі", "Үкімет*") == ["ҮКІМЕТ", "үкіметі"]
    assert found("ÉMIGRATION, émigré", "émigr*") == ["ÉMIGRATION", "émigré"]
    assert found("Die Straße, die STRAẞE", "straße") == ["Straße", "STRAẞE"]
    assert found("Ärger und ärgerlich", "ärger*") == ["Ärger", "ärgerlich"]


def test_kazakh_letters_are_word_letters():
    # қ, ә, ғ, ң, ө, ұ, ү, һ, і belong to words: "қаржы" is not found inside "мақаржы".
    assert found("мақаржы қаржы", "қаржы") == ["қаржы"]
    assert found("Көші-қон мәселесі", "көші-қон") == ["Көші-қон"]
    # every letter Kazakh adds to Cyrillic, in both cases, inside a word and as its ending
    assert found("ӘҒҚҢӨҰҮҺІ, әғқңөұүһі, сөз-әғқңөұүһі", "әғқңөұүһі") == ["ӘҒҚҢӨҰҮҺІ", "әғқңөұүһі", "әғқңөұүһі"]
    assert found("жаңалық", "жаң*") == ["жаңалық"] and found("жаңалық", "жа") == []


def test_apostrophes_curly_and_straight_and_hyphens_across_lines():
    assert found("don’t and don't", "don't") == ["don’t", "don't"]
    assert found("don't", "don’t") == ["don't"]
    assert found("grey mise-\nen-scene here", "mise-en-scene") == ["mise-\nen-scene"]
    assert found("a green\n card", "green card") == ["green\n card"]


def test_a_hyphen_or_apostrophe_ends_a_word_before_the_keyword():
    assert found("anti-LGBT protests, Kazakhstan’s film", "lgbt*", "kazakhstan") == ["LGBT", "Kazakhstan"]


def test_a_phrase_wins_over_a_word_it_starts_with_within_a_theme():
    matches = tag_themes("sham marriages and a sham", lexicon(("q", "sham"), ("q", "sham marriage*")))
    assert list(matches["keyword"]) == ["sham marriage*", "sham"]


def test_two_themes_sharing_a_word_both_find_it():
    matches = tag_themes("the screening rights", lexicon(("industry", "screening*"), ("censorship", "screening rights")))
    assert sorted(zip(matches["theme"], matches["found"])) == [("censorship", "screening rights"), ("industry", "screening")]


def test_offsets_point_at_the_text_even_when_lower_case_is_longer():
    text = "İstanbul, then Almaty"
    matches = tag_themes(text, lexicon(("t", "istanbul"), ("t", "almaty")))
    assert [text[a:b] for a, b in zip(matches["start"], matches["end"])] == ["İstanbul", "Almaty"]
    assert list(matches["keyword"]) == ["istanbul", "almaty"]


def test_offsets_point_at_the_match_in_the_sources(sources):
    texts = dict(zip(sources["source_id"], sources["text"]))
    matches = tag_themes(sources)
    assert all(texts[s][a:b] == f for s, a, b, f in zip(matches["source_id"], matches["start"], matches["end"], matches["found"]))
    assert all(a <= start < end <= b for a, start, end, b in
               zip(matches["sentence_start"], matches["start"], matches["end"], matches["sentence_end"]))


# --------------------------------------------------------------------------------------------
# sentences


def test_sentences_end_at_stops_and_blank_lines_but_not_at_single_line_breaks():
    text = "Headline\n\nOne sentence runs\nover a line. “Quoted!” she said… Then more?\r\n\r\nLast"
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Headline", "One sentence runs\nover a line.", "“Quoted!”", "she said…", "Then more?", "Last"]


def test_sentences_of_a_text_without_any_stop():
    assert sentence_spans("one") == [(0, 3)]
    assert sentence_spans("   \n\n ") == []


# --------------------------------------------------------------------------------------------
# shares and passages


def test_shares_recomputed_from_the_matches(sources):
    shares = theme_shares(sources)
    matches = tag_themes(sources)
    assert len(shares) == len(sources) * len(THEMES)
    for row in shares.itertuples():
        mine = matches[(matches["source_id"] == row.source_id) & (matches["theme"] == row.theme)]
        assert row.matches == len(mine)
        assert row.sentences == mine["sentence"].nunique()
        n_words = int(sources.set_index("source_id").loc[row.source_id, "n_words"])
        assert row.n_words == n_words and row.per_1000_words == pytest.approx(len(mine) / n_words * 1000)
        assert row.share_of_sentences == pytest.approx(row.sentences / row.n_sentences)


def test_shares_of_a_text_without_words_are_zero():
    shares = theme_shares(pd.DataFrame({"source_id": ["empty"], "text": [""]}), lexicon(("t", "word")))
    assert shares[["matches", "per_1000_words", "share_of_sentences"]].iloc[0].tolist() == [0, 0.0, 0.0]


def test_passages_give_each_sentence_once_with_its_keywords_marked(sources):
    table = passages(sources, None, "censorship")
    assert not table.duplicated(["source_id", "sentence"]).any()
    for row in table.itertuples():
        assert row.marks and all(0 <= a < b <= len(row.text) for a, b in row.marks)
        words = {normal_keyword(row.text[a:b]) for a, b in row.marks}
        assert words and "\n" not in row.text
    both = table[table["keywords"].str.contains(";")]
    assert len(both) >= 1  # the sentence about the Ministry of Culture has three keywords


def test_an_unknown_theme_names_the_known_ones(sources):
    with pytest.raises(ThemeError, match="choose one of: film, politics"):
        passages(sources, None, "statues")


# --------------------------------------------------------------------------------------------
# charts


def test_the_comparison_chart_has_a_bar_per_text_and_theme_with_numbers(sources):
    shares = theme_shares(sources)
    figure = themes_chart(shares).figure
    assert [t.name.split(" (")[0] for t in figure.data] == list(sources["source_id"])
    for trace in figure.data:
        rows = shares[shares["source_id"] == trace.name.split(" (")[0]]
        assert list(trace.x) == pytest.approx(list(rows["per_1000_words"]))
        assert list(trace.text) == [f"{v:.1f}" for v in rows["per_1000_words"]]
    assert len({t.marker.pattern.shape for t in figure.data}) == len(figure.data)  # not colour alone


def test_the_comparison_chart_by_share_of_sentences(sources):
    chart = themes_chart(theme_shares(sources), measure="share_of_sentences")
    assert chart.figure.layout.xaxis.title.text == "share of sentences (%)"
    assert all(t.endswith("%") for t in chart.figure.data[0].text)


def test_the_comparison_chart_keeps_the_longest_texts_and_says_so(sources):
    shares = theme_shares(sources)
    chart = themes_chart(shares, max_sources=2)
    assert len(chart.figure.data) == 2 and "the 2 longest of 3 texts" in chart.title
    assert {t.name.split(" (")[0] for t in chart.figure.data} == {"klassiki", "calvert"}


def test_the_theme_chart_shows_the_top_texts_and_says_how_many_of_how_many(sources):
    shares = theme_shares(sources)
    chart = theme_sources_chart(shares, "emigration", top=2)
    (bar,) = chart.figure.data
    ranked = shares[shares["theme"] == "emigration"].sort_values("per_1000_words", ascending=False)
    assert list(bar.x) == pytest.approx(list(ranked["per_1000_words"].head(2)))
    assert "showing 2 of 3 texts" in chart.title and chart.description.endswith(".")
    assert "all 3 texts" in theme_sources_chart(shares, "emigration").title


@pytest.mark.parametrize("call, words", [
    (lambda s: themes_chart(s.iloc[0:0]), "no rows"),
    (lambda s: themes_chart(s.drop(columns="matches")), "lacks the column(s) matches"),
    (lambda s: themes_chart(s, measure="count"), "measure must be one of"),
    (lambda s: theme_sources_chart(s, "statues"), "no rows for the theme 'statues'"),
])
def test_charts_refuse_what_they_cannot_draw(sources, call, words):
    with pytest.raises(ChartError, match=re.escape(words)):
        call(theme_shares(sources))
