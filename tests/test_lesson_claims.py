"""What lesson 00's prose says about the texts, recomputed from the texts.

nbval proves the lesson's cells run; these tests prove its sentences are true of the data.
test_lesson_citations.py checks its quotations and its list of sources, as for every lesson.
"""


from coursekit.corpus import kwic, locate


def where(sources, phrase):
    return set(kwic(sources, phrase)["source_id"])


def test_newfest_is_a_nomination_in_calvert_and_a_win_in_klassiki(sources):
    hits = kwic(sources, "NewFest", window=100)
    assert set(hits["source_id"]) == {"calvert", "klassiki"}
    context = dict(zip(hits["source_id"], hits["left"]))
    assert "nomination" in context["calvert"]
    assert "awarded Grand Jury Prize" in context["klassiki"]


def test_the_prospects_line_is_in_the_review_and_calvert_and_the_review_says_where_from(sources):
    assert where(sources, "I don't see any prospects") == {"review", "calvert"}
    left = kwic(sources, "I don't see any prospects", window=120).set_index("source_id").loc["review", "left"]
    assert "her interview with the Calvert Journal" in left


def test_both_the_review_and_calvert_call_it_the_first_lesbian_film(sources):
    assert where(sources, "Kazakhstan's first lesbian film") == {"review", "calvert"}


def test_the_review_presents_calvert_narration_as_the_directors_words(sources):
    review = sources.set_index("source_id").loc["review", "text"]
    expressed = review.index("the director expressed")
    narration = locate(review, "The film ran in Almaty throughout November")
    assert len(narration) == 1 and narration["start"][0] > expressed


def test_the_reviews_typo_for_statue(sources):
    assert where(sources, "a state of Nazarbayev") == {"review"}


def test_not_every_laugh_is_the_directors(sources):
    klassiki = sources.set_index("source_id").loc["klassiki", "text"]
    turns = [t for t in klassiki.split("\n") if "(laughs)" in t]
    assert where(sources, "(laughs)") == {"klassiki"}
    assert any(t.startswith("O:") for t in turns) and any(not t.startswith("O:") for t in turns)


def test_the_director_calls_the_run_not_very_successful_and_mentions_21_plus(sources):
    assert where(sources, "Not very successful") == {"klassiki"}
    assert where(sources, "21+") == {"klassiki"}


def test_the_next_script_is_about_a_journalist(sources):
    assert where(sources, "the story is about a journalist") == {"klassiki"}


def test_the_interview_calls_the_capital_nur_sultan(sources):
    assert where(sources, "Nur-Sultan") == {"klassiki", "calvert"}
