"""The source reader, driven from Python as a student would drive it in the browser."""

import re

import pandas as pd
import pytest

from coursekit.corpus import kwic, load_folder
from coursekit.errors import CorpusError
from coursekit.widgets import ALL_SOURCES, MAX_QUERY_CHARS, SourceReader


def marks(reader):
    """The marked hits in the rendered results, as a student would see them."""
    return re.findall(r"<mark>(.*?)</mark>", reader.results.value)


def test_initial_query_shows_hits_at_once(sources):
    reader = SourceReader(sources, query="statue")
    expected = sum(t.lower().count("statue") for t in sources["text"])
    assert len(reader.hits) == expected > 0
    assert len(marks(reader)) == expected
    assert f"{expected} hits" in reader.count.value


def test_typing_a_query_updates_hits_count_and_table(sources):
    reader = SourceReader(sources)
    assert reader.hits.empty and reader.results.value == ""
    reader.query.value = "green card"
    assert [m.lower() for m in marks(reader)] == ["green card"] * len(reader.hits)
    assert len(reader.hits) >= 1
    assert "green card" in reader.count.value


def test_count_breaks_hits_down_by_source(sources):
    reader = SourceReader(sources, query="statue")
    per_source = reader.hits["source_id"].value_counts()
    for source_id, n in per_source.items():
        assert f"{source_id} {n}" in reader.count.value


def test_choosing_a_source_restricts_the_hits(sources):
    reader = SourceReader(sources, query="Nazarbayev")
    everywhere = set(reader.hits["source_id"])
    assert len(everywhere) > 1
    reader.source.value = "klassiki"
    assert set(reader.hits["source_id"]) == {"klassiki"}
    assert "in klassiki" in reader.count.value
    reader.source.value = ALL_SOURCES
    assert set(reader.hits["source_id"]) == everywhere


def test_whole_words_only_excludes_longer_words(sources):
    reader = SourceReader(sources, query="statue")
    loose = len(reader.hits)
    reader.whole_words.value = True
    assert 0 < len(reader.hits) < loose
    assert all(m.lower() == "statue" for m in marks(reader))


def test_hits_are_shown_in_context(sources):
    reader = SourceReader(sources, query="envelope of cash")
    hit = reader.shown.iloc[0]
    assert hit["source_id"] == "review"
    assert hit["left"].endswith("‘It seems like a solvable problem… An ")
    assert hit["right"].startswith(" to the right hands.")


@pytest.mark.parametrize("query", ["", "   ", "\n\t"])
def test_empty_query_asks_for_a_word(sources, query):
    reader = SourceReader(sources, query="statue")
    reader.query.value = query
    assert reader.hits.empty
    assert reader.results.value == ""
    assert "Type a word or phrase" in reader.count.value


def test_no_hits_says_so_and_suggests_what_to_try(sources):
    reader = SourceReader(sources, query="zzzxq")
    assert reader.hits.empty and reader.results.value == ""
    assert "No hits for “zzzxq” in all sources" in reader.count.value
    reader.source.value = "review"
    assert "search all sources" in reader.count.value


def test_very_long_input_is_refused_politely(sources):
    reader = SourceReader(sources, query="statue")
    reader.query.value = "statue " * 100
    assert reader.hits.empty and reader.results.value == ""
    assert f"up to {MAX_QUERY_CHARS}" in reader.count.value


@pytest.mark.parametrize("query", ["21+", "(laughs)"])
def test_regex_special_queries_are_literal(sources, query):
    reader = SourceReader(sources, query=query)
    assert len(reader.hits) == sum(t.count(query) for t in sources["text"]) > 0


def test_markup_in_a_query_is_escaped_not_rendered(sources):
    reader = SourceReader(sources, query="<b>statue</b>")
    assert "<b>statue</b>" not in reader.count.value
    assert "&lt;b&gt;statue&lt;/b&gt;" in reader.count.value


def test_cyrillic_and_kazakh_texts_and_queries(tmp_path):
    (tmp_path / "ru.txt").write_text("Фильм снимали в Алматы. АЛМАТЫ — крупнейший город.", encoding="utf-8")
    (tmp_path / "kk.txt").write_text("Алматы — Қазақстанның ең үлкен қаласы.", encoding="utf-8")
    reader = SourceReader(load_folder(tmp_path), query="алматы")
    assert reader.hits.groupby("source_id").size().to_dict() == {"kk": 1, "ru": 2}
    reader.query.value = "Қазақстан"
    assert marks(reader) == ["Қазақстан"]


def test_long_result_lists_are_cut_with_a_note(sources):
    reader = SourceReader(sources, query="the", max_rows=5)
    assert len(reader.hits) > 5
    assert len(marks(reader)) == 5
    assert f"{len(reader.hits) - 5} more not shown" in reader.results.value
    # Only the rows shown are cut out with their context, and they are the first hits, as kwic finds them.
    assert reader.shown.equals(kwic(sources, "the", window=reader.window).head(5))


def test_every_control_has_a_test_hook(sources):
    """Labels: tests/test_accessibility.py walks every explorer's widgets, this reader's included."""
    reader = SourceReader(sources)
    for control, name in [(reader.source, "source"), (reader.query, "query"), (reader.whole_words, "whole-words")]:
        assert f"coursekit-reader-{name}" in control._dom_classes
    assert "coursekit-source-reader" in reader.widget._dom_classes
    assert "coursekit-reader-results" in reader.results._dom_classes


def test_displaying_the_reader_displays_its_widget(sources):
    bundle = SourceReader(sources)._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"]


def test_a_plain_string_or_a_table_without_titles_is_readable():
    reader = SourceReader("Almaty in November. Snow in Almaty.", query="almaty")
    assert len(reader.hits) == 2
    untitled = pd.DataFrame({"source_id": ["a", "b"], "text": ["one statue", "two statues"]})
    reader = SourceReader(untitled, query="statue")
    assert "a 1 · b 1" in reader.count.value


@pytest.mark.parametrize("bad", [pd.DataFrame({"words": ["x"]}), pd.DataFrame({"source_id": [], "text": []}), 42])
def test_something_that_is_not_a_corpus_gets_a_clear_error(bad):
    with pytest.raises(CorpusError, match="corpus"):
        SourceReader(bad)
