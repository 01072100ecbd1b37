"""Bring your own texts: a student's folder, with all the ways a real folder goes wrong.

Every text here is a few words written for the test, in tmp_path; none is shipped as data.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from coursekit.corpus import load_folder, load_report
from coursekit.errors import CorpusError
from coursekit.themes import passages, tag_themes, theme_shares
from coursekit.voices import voice_shares, words_in_quotation_marks
from coursekit.widgets import ThemeExplorer

TEXTS = {
    "de.txt": "Das Werk wurde zensiert. Die Zensur ist überall, auch auf der Straße.",
    "fr.txt": "L’émigration? Non. Pas d'ÉMIGRATION pour elle.",
    "kk.txt": "Үкімет фильмді қаржыландырмады. Көші-қон туралы ойлады.",
    "ru.txt": "ЦЕНЗУРА в кино. Цензуры больше нет!",
    "one.txt": "censorship",
}
OWN_LEXICON = pd.DataFrame({
    "theme": ["censorship", "censorship", "emigration", "funding", "place"],
    "keyword": ["zensur*", "zensiert", "émigration", "қаржы*", "straße"],
    "language": ["German", "German", "French", "Kazakh", "German"],
    "note": ["", "", "", "", ""],
})


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


@pytest.fixture
def folder(tmp_path) -> Path:
    for name, text in TEXTS.items():
        write(tmp_path, name, text)
    return tmp_path


def test_texts_in_four_languages_and_a_one_word_text_load_and_are_tagged(folder):
    corpus = load_folder(folder)
    assert list(corpus["source_id"]) == ["de", "fr", "kk", "one", "ru"]
    matches = tag_themes(corpus)
    found = set(zip(matches["source_id"], matches["found"]))
    assert {("kk", "Үкімет"), ("kk", "фильмді"), ("kk", "қаржыландырмады"), ("kk", "Көші-қон"),
            ("ru", "ЦЕНЗУРА"), ("ru", "Цензуры"), ("ru", "кино"), ("one", "censorship")} <= found
    assert not set(matches["source_id"]) & {"de", "fr"}  # the course lexicon has no German or French


def test_ones_own_lexicon_finds_german_and_french(folder):
    matches = tag_themes(load_folder(folder), OWN_LEXICON)
    assert set(zip(matches["source_id"], matches["found"])) == {
        ("de", "zensiert"), ("de", "Zensur"), ("de", "Straße"), ("fr", "émigration"), ("fr", "ÉMIGRATION"),
        ("kk", "қаржыландырмады"),
    }


def test_a_one_word_text_has_one_sentence_and_a_full_share(folder):
    shares = theme_shares(load_folder(folder)).set_index(["source_id", "theme"])
    one = shares.loc[("one", "censorship")]
    assert (one["matches"], one["n_words"], one["n_sentences"], one["share_of_sentences"]) == (1, 1, 1, 1.0)
    assert one["per_1000_words"] == 1000.0


def test_texts_without_quotation_marks_and_without_a_genre_give_all_words_to_the_author(folder):
    corpus = load_folder(folder)
    assert words_in_quotation_marks(corpus)["words"].tolist() == [0, 0, 0, 0, 0]
    shares = voice_shares(corpus)
    author = shares[shares["voice"] == "author"].set_index("source_id")["share"]
    assert author.tolist() == [1.0] * 5


def test_duplicates_are_kept_and_reported(folder):
    write(folder, "ru-copy.txt", TEXTS["ru.txt"].replace(" ", "\r\n", 1) + "\n")
    corpus = load_folder(folder)
    assert corpus.attrs["duplicates"] == [("ru.txt", "ru-copy.txt")]
    assert len(corpus) == 6
    report = load_report(corpus)
    assert "'ru.txt' has the same words as 'ru-copy.txt'" in report and 'corpus["file"] != "ru.txt"' in report


def test_an_empty_text_is_reported_and_counts_nothing(folder):
    write(folder, "blank.txt", "  \n\n ")
    corpus = load_folder(folder)
    assert corpus.attrs["empty"] == ["blank.txt"] and corpus.attrs["duplicates"] == []
    assert "'blank.txt' has no words." in load_report(corpus)
    shares = theme_shares(corpus)
    assert (shares.loc[shares["source_id"] == "blank", ["matches", "per_1000_words"]] == 0).all().all()


def test_an_empty_folder_says_so(tmp_path):
    with pytest.raises(CorpusError, match=r"has no \.txt files, so there is nothing to read"):
        load_folder(tmp_path)


def test_a_folder_holding_only_a_folder_named_like_a_text_says_so(tmp_path):
    (tmp_path / "x.txt").mkdir()
    with pytest.raises(CorpusError, match=r"has no \.txt files"):
        load_folder(tmp_path)


@pytest.mark.parametrize("errors", ["raise", "skip"])
def test_a_folder_named_like_a_text_is_named_and_the_rest_loads(folder, errors):
    (folder / "x.txt").mkdir()
    corpus = load_folder(folder, errors=errors)
    assert len(corpus) == len(TEXTS)
    assert corpus.attrs["ignored"] == [("x.txt", "a folder, not a text file: its contents are not read")]
    assert "Ignored 'x.txt': a folder, not a text file" in load_report(corpus)


def test_a_file_that_is_not_utf8_is_named_and_the_rest_loads(folder):
    write(folder, "latin1.txt", "Straße und Zensur".encode("latin-1"))
    with pytest.raises(CorpusError, match="'latin1.txt' is not UTF-8"):
        load_folder(folder)
    corpus = load_folder(folder, errors="skip")
    assert len(corpus) == len(TEXTS)
    assert "Skipped: 'latin1.txt' is not UTF-8 text" in load_report(corpus)


def test_a_file_that_cannot_be_read_is_named_and_the_rest_loads(folder, monkeypatch):
    locked = write(folder, "locked.txt", "secret")
    real = Path.read_bytes

    def read_bytes(path):
        if path.name == locked.name:  # chmod 000 does not stop root, so the refusal is simulated
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    with pytest.raises(CorpusError, match=r"locked\.txt' cannot be read \(Permission denied\)"):
        load_folder(folder)
    corpus = load_folder(folder, errors="skip")
    assert len(corpus) == len(TEXTS) and "locked.txt" in load_report(corpus)


def test_the_report_counts_what_was_read(folder):
    assert load_report(load_folder(folder)).splitlines() == [f"Read 5 texts ({sum(load_folder(folder)['n_words']):,} words)."]


def test_the_explorer_on_a_folder_in_other_languages(folder):
    corpus = load_folder(folder)
    explorer = ThemeExplorer(corpus, OWN_LEXICON, theme="censorship")
    assert "2 matches in 2 sentences of 1 of 5 texts" in explorer.count.value
    assert "<mark>zensiert</mark>" in explorer.table.value and "<mark>Zensur</mark>" in explorer.table.value
    explorer.theme.value = "emigration"
    assert "<mark>ÉMIGRATION</mark>" in explorer.table.value


def test_the_explorer_on_a_folder_the_lexicon_does_not_speak(tmp_path):
    write(tmp_path, "de.txt", TEXTS["de.txt"])
    explorer = ThemeExplorer(load_folder(tmp_path))
    assert "None of the lexicon's keywords occurs in these texts" in explorer.count.value
    assert "add keywords in their language" in explorer.count.value


def test_passages_of_a_folder_keep_the_original_letters(folder):
    table = passages(load_folder(folder), OWN_LEXICON, "funding")
    assert table["text"].tolist() == ["Үкімет фильмді қаржыландырмады."]
    ((start, end),) = table["marks"].iloc[0]
    assert table["text"].iloc[0][start:end] == "қаржыландырмады"
