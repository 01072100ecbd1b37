"""What lesson 07's prose says about the texts, the lexicon and the counts, recomputed from them.

nbval proves the lesson's cells run; these tests prove its sentences are true of the data, so that
an edit to the lexicon, a text or the counting cannot silently leave the prose behind.
test_lesson_citations.py checks its quotations and its list of sources, as for every lesson.
"""

from __future__ import annotations

import pandas as pd
import pytest

from coursekit.corpus import kwic, load_folder, locate, word_counts
from coursekit.datasets import load_table
from coursekit.themes import (
    load_lexicon,
    passages,
    tag_themes,
    theme_shares,
    with_voices,
)
from coursekit.voices import voice_spans


@pytest.fixture(scope="module")
def counts(sources):
    return word_counts(sources, drop_stopwords=True)


@pytest.fixture(scope="module")
def shares(sources):
    return theme_shares(sources).set_index(["theme", "source_id"])


def per_1000(shares, theme, source_id) -> float:
    return float(shares.loc[(theme, source_id), "per_1000_words"])


def passage_with(sources, theme, words) -> pd.Series:
    table = passages(sources, None, theme)
    found = table[table["text"].str.contains(words, regex=False)]
    assert len(found) >= 1, (theme, words)
    return found.iloc[0]


# Step 1: words in numbers ---------------------------------------------------------------------


def test_the_interviews_second_word_is_the_o_of_its_21_questions(sources, counts):
    interview = counts[counts["source_id"] == "klassiki"]
    assert list(interview["word"].head(2)) == ["film", "o"]
    assert int(interview.loc[interview["word"] == "o", "count"].iloc[0]) == 21
    text = sources.set_index("source_id").loc["klassiki", "text"]
    assert text.count("\nO: ") + text.startswith("O: ") == 21


def test_the_features_title_words_come_from_captions_and_links(sources, counts):
    top = list(counts[counts["source_id"] == "calvert"]["word"].head(8))
    assert {"welcome", "usa"} <= set(top)
    assert len(locate(sources, "A still from Welcome to the USA.")) == 6
    review = counts[counts["source_id"] == "review"]
    assert "aushakimova's" in set(review["word"].head(8)) and "aushakimova" in set(review["word"])


def test_film_raw_and_per_1000_words(sources, counts):
    film = counts[counts["word"] == "film"].set_index("source_id")["count"]
    words = sources.set_index("source_id")["n_words"]
    assert (film["klassiki"], film["review"]) == (37, 10)
    assert 3.5 <= film["klassiki"] / film["review"] < 4  # "nearly four times"
    assert 2.5 <= words["klassiki"] / words["review"] < 3.5  # "three times as long"
    rates = (film / words * 1000).round(1)
    assert (rates["klassiki"], rates["review"]) == (17.0, 13.6)  # "17.0 against 13.6"
    assert 1.2 <= rates["klassiki"] / rates["review"] < 1.3  # "only about a quarter more often"
    assert rates.idxmax() == "calvert" and rates["calvert"] == 17.7  # "the feature, at 17.7, uses it most often"


# Step 2: the lexicon ----------------------------------------------------------------------------


def test_the_censorship_phrases_quoted_are_keywords_and_in_the_interview(sources, lexicon_table):
    censorship = set(lexicon_table.loc[lexicon_table["theme"] == "censorship", "keyword"])
    assert {"rated", "screening rights", "too scared", "taboo", "censor*", "ban"} <= censorship
    for phrase in ("rated it as 21+", "screening rights", "too scared to allow it to be screened"):
        assert set(kwic(sources, phrase)["source_id"]) == {"klassiki"}
    # "shows up in the feature as the word itself": censor* matches once, in the feature, in the director's words.
    word_itself = tag_themes(sources, pd.DataFrame({"theme": ["censorship"], "keyword": ["censor*"]}))
    assert list(word_itself["source_id"]) == ["calvert"] and list(word_itself["found"]) == ["censorship"]
    assert set(kwic(sources, "It’s censorship, basically")["source_id"]) == {"calvert"}


def test_the_few_russian_and_kazakh_words_are_the_ones_named(lexicon_table):
    other = lexicon_table[lexicon_table["language"] != "English"]
    assert set(other["language"]) == {"Russian", "Kazakh", "Kazakh and Russian"}
    assert set(other["keyword"]) == {"цензур*", "фильм*", "кино*", "президент*", "үкімет*", "қаржы*", "финансир*",
                                     "эмигр*", "көші-қон*", "гомофоб*", "лгбт"}
    assert len(lexicon_table) <= 100  # "you can read all of it in five minutes"


def test_the_kazakh_migration_stem_finds_inflected_forms(tmp_path):
    (tmp_path / "kazakh.txt").write_text("Көші-қонның саясаты өзгерді. Көші-қон туралы.", encoding="utf-8")
    found = tag_themes(load_folder(tmp_path), load_lexicon())
    assert list(found["found"]) == ["Көші-қонның", "Көші-қон"]
    assert set(found["theme"]) == {"emigration"}


# Step 3: themes across the texts ------------------------------------------------------------------


def test_censorship_words_none_in_the_review_eight_in_the_interview(shares):
    assert shares.loc[("censorship", "review"), "matches"] == 0
    assert shares.loc[("censorship", "klassiki"), "matches"] == 8


def test_the_feature_leads_on_emigration_about_four_times_the_interview(shares):
    rates = {s: per_1000(shares, "emigration", s) for s in ("review", "calvert", "klassiki")}
    assert max(rates, key=rates.get) == "calvert"
    assert 3.5 <= rates["calvert"] / rates["klassiki"] < 4.5


def test_the_review_leads_on_politics_and_the_interview_on_the_industry(shares):
    for theme, leader in (("politics", "review"), ("cinema_industry", "klassiki")):
        rates = {s: per_1000(shares, theme, s) for s in ("review", "calvert", "klassiki")}
        assert max(rates, key=rates.get) == leader, theme


def test_emigration_keywords_that_are_not_about_emigration(sources):
    for words, keyword in (("leave her abusive marriage", "leave"), ("leave behind", "leave"),
                           ("accolades in the West", "the west")):
        row = passage_with(sources, "emigration", words)
        assert row["source_id"] == "calvert" and keyword in row["keywords"].split("; ")
    assert "green card" in passage_with(sources, "emigration", "green card lottery")["keywords"]


# Step 4: the explorer's questions have answers in the data ---------------------------------------------


def test_two_censorship_keywords_tie_for_the_most_passages(sources):
    table = passages(sources, None, "censorship")
    per_keyword = table["keywords"].str.split("; ").explode().value_counts()
    leaders = set(per_keyword[per_keyword == per_keyword.max()].index)
    assert leaders == {"rated", "screening rights"}  # "there is a tie"


def test_the_questions_of_step_4_can_be_answered(sources, shares):
    censorship = passages(sources, None, "censorship")["text"]
    assert not censorship.str.contains("Any Muslim themes rarely get screened").any()
    assert not kwic(sources, "Any Muslim themes rarely get screened").empty
    assert not censorship.str.contains("ask to see the script").any() and not kwic(sources, "ask to see the script").empty
    assert "straight" in passage_with(sources, "queer_rights", "agreed straight away")["keywords"]
    assert passage_with(sources, "funding", "envelope of cash")["keywords"] == "cash"
    for source_id in ("review", "calvert", "klassiki"):
        rates = shares.xs(source_id, level="source_id")["per_1000_words"]
        assert rates.idxmax() == "film"


# Step 5: who raises which theme ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def voiced(sources):
    return with_voices(tag_themes(sources), voice_spans(sources, load_table("quotes")))


def test_censorship_is_the_directors_theme_but_for_one_word_of_the_feature(voiced):
    censorship = voiced[voiced["theme"] == "censorship"]
    assert len(censorship) == 10 and (censorship["voice"] == "director").sum() == 9
    (other,) = censorship[censorship["voice"] != "director"].itertuples()
    assert (other.source_id, other.voice, other.found) == ("calvert", "author", "taboo")


def test_politics_stands_more_often_in_the_writers_words(voiced):
    politics = voiced[voiced["theme"] == "politics"]["voice"].value_counts()
    assert politics["author"] > politics["director"]


# Step 6: ban* and a theme of one's own ---------------------------------------------------------------


def test_ban_star_finds_only_bank_once_in_each_text(sources):
    found = tag_themes(sources, pd.DataFrame({"theme": ["censorship"], "keyword": ["ban*"]}))
    assert sorted(found["source_id"]) == ["calvert", "klassiki", "review"]
    assert set(found["found"].str.lower()) == {"bank"}
    assert kwic(sources, "ban", whole_words=True).empty and kwic(sources, "banned").empty
    assert set(kwic(sources, "bank employee")["source_id"]) == {"calvert"}
    assert set(kwic(sources, "worked at a bank")["source_id"]) == {"klassiki"}


def test_the_family_theme_of_step_6_finds_words(sources):
    family = pd.DataFrame({"theme": "family", "keyword": ["famil*", "mother*", "sister*", "daughter*", "husband*", "marriage*"],
                           "language": "English", "note": "family members and marriage"})
    mine = pd.concat([load_lexicon(), family], ignore_index=True)
    assert (theme_shares(sources, mine).query("theme == 'family'")["matches"] > 0).all()
    # The prose's examples of family in the film are in the texts.
    for phrase in ("ill, ageing mother", "seeks refuge from her husband", "bigamy"):
        assert not kwic(sources, phrase).empty, phrase


# Step 8 and the content note --------------------------------------------------------------------------


def test_negation_counts_as_a_match(sources):
    row = passage_with(sources, "censorship", "we don’t have the anti-gay propaganda law")
    assert row["keywords"] == "propaganda"


def test_the_review_is_dictatorial_without_censorship_words(sources, shares):
    assert set(kwic(sources, "dictatorial and patriarchal")["source_id"]) == {"review"}
    assert shares.loc[("censorship", "review"), "matches"] == 0


def test_the_content_note_the_slur_passage_is_in_the_film_theme(sources):
    row = passage_with(sources, "film", "excuse my language")
    assert row["source_id"] == "klassiki"
