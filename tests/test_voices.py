"""Who speaks in each text: the voice counts, recomputed here by other means, and their charts."""

import re

import pandas as pd
import pytest

from coursekit.charts import ChartError
from coursekit.charts.corrections import corrections_chart
from coursekit.charts.voices import voices_chart
from coursekit.corpus import tokens
from coursekit.datasets import load_table
from coursekit.errors import CourseError
from coursekit.voices import (
    VOICES,
    quotation_spans,
    voice_at,
    voice_shares,
    voice_spans,
    words_in_quotation_marks,
)


@pytest.fixture(scope="module")
def shares(sources, quotes):
    return voice_shares(sources, quotes)


def words(shares, source_id, voice):
    return int(shares[(shares["source_id"] == source_id) & (shares["voice"] == voice)]["words"].iloc[0])


def text_of(sources, source_id):
    return sources.set_index("source_id").loc[source_id, "text"]


def test_shares_of_each_text_add_up_to_one_and_words_to_its_length(sources, shares):
    assert set(shares["voice"]) == set(VOICES)
    assert shares.groupby("source_id")["share"].sum().round(9).eq(1).all()
    totals = shares.groupby("source_id")["words"].sum()
    for source_id, text in zip(sources["source_id"], sources["text"]):
        assert totals[source_id] == len(tokens(text))


def test_spans_cover_each_text_exactly(sources, quotes):
    spans = voice_spans(sources, quotes)
    for source_id, text in zip(sources["source_id"], sources["text"]):
        own = spans[spans["source_id"] == source_id]
        assert own["start"].iloc[0] == 0 and own["end"].iloc[-1] == len(text)
        assert (own["start"].iloc[1:].to_numpy() == own["end"].iloc[:-1].to_numpy()).all()


def test_the_interviewers_turns_are_counted(sources, shares):
    """Recomputed without the module: each question runs from `O:` to the next paragraph."""
    klassiki = text_of(sources, "klassiki")
    questions = re.findall(r"^O:[^\n]*", klassiki, flags=re.MULTILINE)
    assert len(questions) == 21
    assert words(shares, "klassiki", "interviewer") == sum(len(tokens(q)) for q in questions)


def test_the_directors_answers_are_what_lies_between_the_questions(sources, shares):
    klassiki = text_of(sources, "klassiki")
    after_first_question = klassiki[klassiki.index("\nO:"):]
    answers = re.sub(r"^O:[^\n]*", "", after_first_question, flags=re.MULTILINE)
    answers = re.sub(r"^[^\n]*\(photographed by[^\n]*", "", answers, flags=re.MULTILINE)
    assert words(shares, "klassiki", "director") == len(tokens(answers))


def test_the_features_director_words_are_its_quoted_passages(sources, quotes, shares):
    """Recomputed by finding each passage with str.find, not by its recorded offset."""
    calvert = text_of(sources, "calvert")
    rows = quotes[(quotes["source_id"] == "calvert") & (quotes["speaker"] == "assel-aushakimova")]
    assert all(calvert.find(t) >= 0 for t in rows["text"])
    assert words(shares, "calvert", "director") == sum(len(tokens(t)) for t in rows["text"])
    assert words(shares, "calvert", "interviewer") == 0


def test_the_reviews_narration_printed_as_a_quote_is_counted_apart(quotes, shares):
    rows = quotes[quotes["source_id"] == "review"]
    narration = rows[rows["presentation"] == "narration_as_quote"]["text"]
    quoted = rows[rows["presentation"] == "quoted_speech"]["text"]
    assert words(shares, "review", "narration_as_quote") == sum(len(tokens(t)) for t in narration) > 0
    assert words(shares, "review", "director") == sum(len(tokens(t)) for t in quoted)


def test_voice_at_names_the_voice_at_a_position(sources, quotes):
    spans = voice_spans(sources, quotes)
    klassiki = text_of(sources, "klassiki")
    assert voice_at(spans, "klassiki", klassiki.index("O: Thank you")) == "interviewer"
    assert voice_at(spans, "klassiki", klassiki.index("Originally, I hadn")) == "director"
    assert voice_at(spans, "klassiki", 0) == "author"
    calvert = text_of(sources, "calvert")
    assert voice_at(spans, "calvert", calvert.index("The film ran in Almaty")) == "author"
    with pytest.raises(CourseError, match="outside"):
        voice_at(spans, "calvert", len(calvert) + 5)


def test_a_quote_whose_offset_no_longer_matches_is_refused(sources, quotes):
    broken = quotes.copy()
    broken.loc[broken["quote_id"] == "calvert-one-actor", "offset"] += 3
    with pytest.raises(CourseError, match="calvert-one-actor.*coursekit.computed"):
        voice_spans(sources, broken)


def test_overlapping_quotes_are_refused(sources, quotes):
    row = quotes[quotes["quote_id"] == "calvert-one-actor"].copy()
    row["quote_id"] = "calvert-one-actor-again"
    with pytest.raises(CourseError, match="overlap"):
        voice_spans(sources, pd.concat([quotes, row]))


def test_a_text_without_genre_or_quotes_is_all_the_writers():
    corpus = pd.DataFrame({"source_id": ["mine"], "text": ["O: A question?\nAn answer, in a folder of my own."]})
    shares = voice_shares(corpus, load_table("quotes"))
    assert words(shares, "mine", "author") == len(tokens(corpus["text"][0]))
    assert shares["share"].sum() == 1


@pytest.mark.parametrize("text, inside", [
    ("‘I don’t know,’ she said.", ["I don’t know,"]),
    ("He said “it’s ‘fine’ now” and left.", ["it’s ‘fine’ now"]),
    ("The film’s title and the women’s walk.", []),
    ("An opening “without an end", []),
    ('Straight "marks" too.', ["marks"]),
])
def test_quotation_spans_tell_quotation_marks_from_apostrophes(text, inside):
    assert [text[a:b] for a, b in quotation_spans(text)] == inside


def test_words_in_quotation_marks_are_a_share_of_each_text(sources):
    marks = words_in_quotation_marks(sources)
    assert list(marks["source_id"]) == list(sources["source_id"])
    assert ((marks["share"] > 0) & (marks["share"] < 1)).all()
    klassiki = text_of(sources, "klassiki")
    inside = sum(len(tokens(klassiki[a:b])) for a, b in quotation_spans(klassiki))
    assert marks.set_index("source_id").loc["klassiki", "words"] == inside


def test_voices_chart_labels_each_segment_with_its_percentage(sources, shares):
    result = voices_chart(shares, genres=dict(zip(sources["source_id"], sources["genre"])))
    traces = {t.name: t for t in result.figure.data}
    assert set(traces) == {"the director", "the interviewer", "narration printed as the director's",
                           "the text's own writers"}
    director = shares[shares["voice"] == "director"].set_index("source_id")["share"]
    assert list(traces["the director"].text) == [f"{director[s] * 100:.0f}%" for s in sources["source_id"]]
    assert "klassiki (interview, 2177 words)" in traces["the director"].y
    assert len({t.marker.pattern.shape for t in result.figure.data}) == len(traces)  # not colour alone
    assert f"klassiki {director['klassiki'] * 100:.0f}%" in result.description
    assert result.figure.layout.barmode == "stack"


def test_voices_chart_refuses_a_table_that_is_not_shares():
    with pytest.raises(ChartError, match="voice_shares"):
        voices_chart(pd.DataFrame({"source_id": ["x"]}))
    with pytest.raises(ChartError, match="no words"):
        voices_chart(pd.DataFrame(columns=["source_id", "voice", "words", "share"]))


def test_corrections_chart_counts_by_kind_and_text():
    corrections = load_table("corrections")
    result = corrections_chart(corrections)
    expected = pd.crosstab(corrections["kind"], corrections["source_id"])
    for trace in result.figure.data:
        counts = dict(zip(trace.y, trace.x))
        for kind in expected.index:
            assert counts[kind.replace("_", " ")] == expected.loc[kind, trace.name]
    assert f"{len(corrections)} problems" in result.description
    assert result.figure.layout.xaxis.title.text == "number of problems"


def test_corrections_chart_refuses_an_empty_selection():
    corrections = load_table("corrections")
    with pytest.raises(ChartError, match="empty"):
        corrections_chart(corrections[corrections["kind"] == "no such kind"])
    with pytest.raises(ChartError, match="kind"):
        corrections_chart(corrections.drop(columns="kind"))
