"""What lesson 00's prose says about the texts, recomputed from the texts.

nbval proves the lesson's cells run; these tests prove its sentences are true of the data, and that
every web source it cites is listed in its Sources section.
"""

import re
from pathlib import Path

import nbformat
import pytest

from coursekit.corpus import kwic, load_sources, locate

LESSON = Path(__file__).resolve().parents[1] / "notebooks" / "00-Start-Here.ipynb"


@pytest.fixture(scope="module")
def sources():
    return load_sources()


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


def test_quoted_phrases_in_the_lesson_are_in_the_sources(sources):
    """Every phrase the lesson body quotes in double quotes is in the texts verbatim.

    The Sources section is left out: the quotes there are the titles of the pages it lists. So
    are code examples.
    """
    cells = nbformat.read(LESSON, as_version=4).cells
    text = "\n".join(c.source for c in cells if c.cell_type == "markdown" and not c.source.startswith("## Sources"))
    prose = re.sub(r"```.*?```", "", text, flags=re.DOTALL)  # code examples quote file names, not texts
    quoted = set(re.findall(r'"([^"\n]{6,})"', prose))
    assert len(quoted) >= 5, "the pattern no longer finds the lesson's quotations"
    from_elsewhere = {"premiered last year"}  # quoted from a cited web page, not from the texts
    for phrase in quoted - from_elsewhere:
        assert not locate(sources, phrase).empty, f"lesson 00 quotes {phrase!r}, which no source contains"


def test_every_cited_web_page_is_listed_under_sources():
    cells = [c.source for c in nbformat.read(LESSON, as_version=4).cells if c.cell_type == "markdown"]
    listed = next(c for c in cells if c.startswith("## Sources"))
    cited = set(re.findall(r"https?://[^\s)>]+", "\n".join(cells)))
    missing = sorted(url for url in cited if url not in listed)
    assert not missing, f"cited but not listed under Sources: {missing}"


def test_the_interview_calls_the_capital_nur_sultan(sources):
    assert where(sources, "Nur-Sultan") == {"klassiki", "calvert"}
