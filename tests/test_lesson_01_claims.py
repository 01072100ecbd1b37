"""What lesson 01's prose says about the texts and tables, recomputed from them.

nbval proves the lesson's cells run; these tests prove its sentences are true of the data.
test_lesson_citations.py checks its quotations and its list of sources, as for every lesson.
"""

import re
from pathlib import Path

import nbformat
import pytest

from coursekit.corpus import kwic, load_sources, locate
from coursekit.voices import quotation_spans, voice_at, voice_shares, voice_spans
from coursekit.widgets import QuoteComparer

LESSON = Path(__file__).resolve().parents[1] / "notebooks" / "01-Reading-the-Sources.ipynb"
DIRECTOR = "assel-aushakimova"


@pytest.fixture(scope="module")
def texts(sources):
    return dict(zip(sources["source_id"], sources["text"]))


@pytest.fixture(scope="module")
def share(sources, quotes):
    shares = voice_shares(sources, quotes).set_index(["source_id", "voice"])["share"]
    return lambda source_id, voice: shares[(source_id, voice)]


@pytest.fixture(scope="module")
def spans(sources, quotes):
    return voice_spans(sources, quotes)


@pytest.fixture(scope="module")
def comparer(sources, quotes):
    return QuoteComparer(sources, quotes)


def where(sources, phrase):
    return set(kwic(sources, phrase)["source_id"])


def inside_quotation_marks(text, phrase):
    start = locate(text, phrase)["start"][0]
    return any(a <= start < b for a, b in quotation_spans(text))


# The opening puzzle

def test_the_review_quotes_as_hers_a_sentence_the_feature_narrates(texts):
    sentence = "The film ran in Almaty throughout November"
    assert inside_quotation_marks(texts["review"], sentence)
    assert not inside_quotation_marks(texts["calvert"], sentence)
    review = texts["review"]
    assert review.index("the director expressed") < review.index("The film ran in Almaty")


def test_exactly_answers_a_question_that_already_gave_a_view(texts):
    paragraphs = [p for p in texts["klassiki"].split("\n") if p.strip()]
    answer = next(i for i, p in enumerate(paragraphs) if p.startswith("Exactly, I think our government"))
    assert paragraphs[answer - 1].startswith("O: This is exactly what I find in my research")


# Step 2: who speaks, and how much

def test_twenty_one_questions_and_twenty_one_answers(spans):
    basis = spans[spans["source_id"] == "klassiki"]["basis"].value_counts()
    assert basis["question"] == basis["answer"] == 21


def test_before_the_first_question_a_title_an_introduction_and_a_caption(spans, texts):
    klassiki = spans[spans["source_id"] == "klassiki"]
    opening = [texts["klassiki"][a:b].strip() for a, b in
               zip(klassiki["start"], klassiki["end"])][:klassiki["basis"].tolist().index("question")]
    assert len(opening) == 3
    assert opening[0].startswith("Assel") and "on queer filmmaking" in opening[0]  # the title
    assert opening[1].startswith("Assel Aushakimova is a Kazakh director")
    assert " ".join(opening[2].split()) == "Welcome to the USA (2019), Assel Aushakimova"  # the first still
    assert (klassiki["basis"] == "caption").sum() == 3


def test_the_review_and_feature_quote_passages_listed_in_the_table(quotes):
    counts = quotes[quotes["source_id"].isin(["review", "calvert"])].groupby(["source_id", "presentation"]).size()
    assert counts[("calvert", "quoted_speech")] == 10
    assert counts[("review", "quoted_speech")] == 4 and counts[("review", "narration_as_quote")] == 1


def test_the_interview_gives_the_director_three_fifths_and_the_interviewer_almost_a_third(share):
    assert 0.55 <= share("klassiki", "director") <= 0.65
    assert 0.28 <= share("klassiki", "interviewer") < 1 / 3
    assert share("klassiki", "director") > 0.5  # "most of the words" (key points)


def test_the_feature_quotes_her_in_about_one_word_in_six(share):
    assert round(share("calvert", "director") * 100) == 17  # the lesson's example number
    assert abs(share("calvert", "director") - 1 / 6) < 0.02


def test_the_review_quotes_her_in_about_one_word_in_ten_and_prints_more_as_hers(share):
    assert abs(share("review", "director") - 1 / 10) < 0.01
    assert 0 < share("review", "narration_as_quote") < share("review", "director")


def test_the_backlash_is_reported_in_the_journalists_words(texts, spans):
    calvert = texts["calvert"]
    assert not inside_quotation_marks(calvert, "felt a backlash throughout production")
    assert voice_at(spans, "calvert", calvert.index("felt a backlash")) == "author"


def test_a_laugh_counts_as_the_directors_words(texts, spans):
    klassiki = texts["klassiki"]
    laughs = [m.start() for m in re.finditer(re.escape("(laughs)"), klassiki)]
    assert "director" in {voice_at(spans, "klassiki", p) for p in laughs}


def test_a_line_of_the_film_quoted_by_the_review_counts_as_the_reviewers(texts, spans):
    review = texts["review"]
    assert inside_quotation_marks(review, "It seems like a solvable problem")
    assert "he replies" in review[review.index("It seems like") - 20:review.index("It seems like")]
    assert voice_at(spans, "review", review.index("It seems like")) == "author"


def test_quotation_marks_in_the_feature_enclose_14_passages_10_of_them_hers(texts, quotes):
    calvert = texts["calvert"]
    marked = quotation_spans(calvert)
    assert len(marked) == 14
    rows = quotes[(quotes["source_id"] == "calvert") & (quotes["speaker"] == DIRECTOR)]
    starts = {int(o) for o in rows["offset"]}
    hers = [s for s in marked if s[0] in starts]
    assert len(hers) == 10
    others = [calvert[a:b] for a, b in marked if (a, b) not in hers]
    assert others[:2] == ["LGBTQ+ film", "save their reputations"]
    links = calvert.index("Read more\n")  # the links to other articles at the foot of the page
    assert len(others) == 4 and all(calvert.index(o) > links for o in others[2:])


def test_in_the_interview_marks_enclose_phrases_in_three_answers_and_two_questions(texts, spans):
    klassiki = texts["klassiki"]
    voices = [voice_at(spans, "klassiki", a) for a, _ in quotation_spans(klassiki)]
    assert sorted(voices) == ["director"] * 3 + ["interviewer"] * 2
    own = spans[spans["source_id"] == "klassiki"]
    for a, b in quotation_spans(klassiki):  # short phrases: each under half of its paragraph
        paragraph = own[(own["start"] <= a) & (a < own["end"])].iloc[0]
        assert b - a < (paragraph["end"] - paragraph["start"]) / 2


def test_in_the_review_marks_also_enclose_a_film_line_and_the_narration(texts, quotes):
    review = texts["review"]
    marked = [review[a:b] for a, b in quotation_spans(review)]
    assert any(m.startswith("It seems like a solvable problem") for m in marked)
    narration = quotes.set_index("quote_id").loc["review-almaty-november", "text"]
    assert any(narration in m for m in marked)


# Step 3: the quote comparer

def test_in_the_feature_the_quotation_closes_before_the_narration(texts):
    calvert = texts["calvert"]
    quote = "the reaction to my film from local audiences has been very quiet"
    after = calvert[calvert.index(quote) + len(quote):]
    assert after.startswith(",” the director says. The film ran in Almaty")


def test_the_review_closes_its_quotation_only_after_the_narration(texts, quotes):
    review = texts["review"]
    narration = quotes.set_index("quote_id").loc["review-almaty-november"]
    assert review[narration["offset"] + len(narration["text"])] == "’"
    assert review[review.index("the director expressed"):].startswith("the director expressed, ‘The")


def test_the_comparer_opens_on_the_puzzle_with_the_dated_calvert_first(sources, quotes):
    comparer = QuoteComparer(sources, quotes, quote="review-almaty-november")
    assert [v.source_id for v in comparer.versions] == ["calvert", "review"]
    dates = sources.set_index("source_id")["date"]
    assert dates.notna().sum() == 1 and dates["calvert"] == "2021-02-24"


@pytest.mark.parametrize("label", [
    "calvert + review: “The reaction to my film",
    "calvert + review: “We don’t call movies with straight protagonists",
    "calvert + review: “I don’t see any prospects",
])
def test_the_choices_the_lesson_names_are_in_the_dropdown(comparer, label):
    assert any(option.startswith(label) for option, _ in comparer.quote.options)


def test_the_prospects_line_ends_the_features_article(texts):
    calvert = texts["calvert"]
    line = "I haven’t resolved to leave yet.”"
    assert calvert[calvert.index(line) + len(line):].lstrip().startswith("Read more")
    assert where(load_sources(), "summarised with this line") == {"review"}


def test_every_interview_quotation_appears_in_no_other_text(comparer, quotes):
    for quote_id in quotes[quotes["source_id"] == "klassiki"]["quote_id"]:
        versions, _ = comparer.find_versions(comparer.resolve(quote_id))
        assert [v.source_id for v in versions] == ["klassiki"], quote_id


# Step 4: where the review's quotations come from

def test_four_remarks_stand_in_both_the_review_and_the_feature(quotes):
    groups = quotes.dropna(subset=["same_as"]).groupby("same_as")["source_id"].apply(set)
    assert len(groups) == 4 and all(g == {"review", "calvert"} for g in groups)


def test_every_word_the_review_gives_the_director_is_in_the_feature(quotes, texts):
    review = quotes[(quotes["source_id"] == "review") & (quotes["speaker"] == DIRECTOR)]
    assert len(review) == 5
    grouped = review.dropna(subset=["same_as"])
    assert len(grouped) == 4
    (narration,) = review[review["same_as"].isna()].itertuples()
    assert narration.presentation == "narration_as_quote"
    assert not locate(texts["calvert"], narration.text).empty


def test_the_review_names_the_calvert_journal_twice(texts):
    assert texts["review"].count("Calvert Journal") == 2
    assert "in an interview with the Calvert Journal" in re.sub(r"\s+", " ", texts["review"])


def test_similar_words_on_two_occasions_are_not_grouped_as_one_quote(sources, quotes):
    assert where(sources, "Many actors refused to play homosexual characters") == {"calvert"}
    assert where(sources, "It's almost impossible to find an actress to play a queer woman") == {"klassiki"}
    rows = quotes.set_index("quote_id").loc[["calvert-gathering-a-crew", "klassiki-casting-hijab"]]
    assert rows["same_as"].isna().all()


# Step 5: errors and outdated claims

@pytest.mark.parametrize("phrase, source_id, kind", [
    ("a state of Nazarbayev", "review", "typo"),
    ("nomination", "calvert", "factual_error"),
    ("we don’t have the anti-gay propaganda law", "klassiki", "outdated"),
    ("the director expressed", "review", "misattribution"),
])
def test_each_example_in_the_list_of_kinds_is_a_correction_of_that_kind(corrections, phrase, source_id, kind):
    rows = corrections[(corrections["source_id"] == source_id) & corrections["claim"].str.contains(phrase)]
    assert list(rows["kind"]) == [kind]


def test_the_propaganda_law_was_signed_on_30_december_2025(corrections):
    row = corrections.set_index("correction_id").loc["klassiki-no-propaganda-law"]
    assert "30 December 2025" in row["correction"] and "menafn.com" in row["source_url"]


def test_the_interview_has_the_most_problems_and_mostly_contested_claims(corrections, sources):
    per_text = corrections["source_id"].value_counts()
    assert per_text.idxmax() == "klassiki"
    kinds = corrections[corrections["source_id"] == "klassiki"]["kind"].value_counts()
    assert kinds.idxmax() == "contested_claim"
    lengths = sources.set_index("source_id")["n_words"]
    assert lengths.idxmax() == "klassiki"


def test_per_thousand_words_the_short_review_has_the_most(corrections, sources):
    lengths = sources.set_index("source_id")["n_words"]
    per_thousand = corrections["source_id"].value_counts() / lengths * 1000
    assert per_thousand.idxmax() == "review" == lengths.idxmin()


def test_the_examples_cell_shows_one_problem_of_each_kind(corrections):
    cells = [c.source for c in nbformat.read(LESSON, as_version=4).cells if c.cell_type == "code"]
    cell = next(c for c in cells if c.startswith("# One example of each kind"))
    ids = re.findall(r'"([a-z0-9-]+)"', cell.split("]")[0])
    kinds = corrections.set_index("correction_id").loc[ids, "kind"]
    assert sorted(kinds) == sorted(corrections["kind"].unique())


# Step 6: weighing the evidence

def test_the_director_says_how_she_funded_the_film(sources):
    assert where(sources, "I searched for about 6 months and then decided to fund it myself") == {"klassiki"}


def test_the_interview_says_awarded_and_the_feature_says_nomination(sources, corrections):
    assert where(sources, "awarded Grand Jury Prize") == {"klassiki"}
    assert "calvert" in where(sources, "nomination")
    assert corrections.set_index("correction_id").loc["calvert-nomination", "kind"] == "factual_error"


def test_only_the_director_speaks_of_the_21_plus_rating(sources, spans, texts, corrections):
    assert where(sources, "rated as 21+") == {"klassiki"}
    position = texts["klassiki"].index("rated as 21+")
    assert voice_at(spans, "klassiki", position) == "director"
    assert corrections.set_index("correction_id").loc["klassiki-rated-21", "kind"] == "contested_claim"


def test_first_lesbian_film_is_the_features_headline_repeated_by_the_review(sources, texts):
    assert where(sources, "Kazakhstan's first lesbian film") == {"review", "calvert"}
    assert texts["calvert"].index("Kazakhstan’s first lesbian film") < 100  # the headline
    assert where(sources, "the first Kazakh film with a queer protagonist") == {"klassiki"}
