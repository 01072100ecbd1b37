"""What lesson 04's prose says about the texts and tables, recomputed from them.

nbval proves the lesson's cells run; these tests prove its sentences are true of the data, so that
an edit to a table or a text cannot silently leave the prose behind. test_lesson_citations.py
checks its quotations and its list of sources, as for every lesson.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pandas as pd
import pytest
from claims import row

from coursekit.corpus import kwic
from coursekit.voices import voice_at, voice_spans
from coursekit.widgets import RightsTimeline

LESSON = Path(__file__).resolve().parents[1] / "notebooks" / "04-Queer-Lives-on-Screen.ipynb"
FOUR = ["Kazakhstan", "Russia", "Georgia", "Kyrgyzstan"]


@pytest.fixture(scope="module")
def prose() -> str:
    return " ".join(" ".join(c.source.split()) for c in nbformat.read(LESSON, as_version=4).cells
                    if c.cell_type == "markdown")


@pytest.fixture(scope="module")
def compared(timeline) -> pd.DataFrame:
    return timeline[timeline["kind"].notna()]



# Step 1: homophobia from above or below ------------------------------------------------------------


def test_six_homophob_hits_four_in_the_interview_three_of_them_the_directors(sources, prose):
    found = kwic(sources, "homophob")
    assert len(found) == 6 and (found["source_id"] == "klassiki").sum() == 4
    spans = voice_spans(sources)
    voices = [voice_at(spans, s, p) for s, p in zip(found["source_id"], found["position"]) if s == "klassiki"]
    assert sorted(voices) == ["director", "director", "director", "interviewer"]
    assert "Four of the six hits are in the interview: three in the director's answers and one" in prose


def test_the_contrast_is_the_directors_answer_and_above_is_the_interviewers_word(sources):
    spans = voice_spans(sources)
    for phrase, voice in [("Kazakhstan is the exact opposite", "director"),
                          ("the homophobia comes from above", "interviewer"),
                          ("create an image of a tolerant country", "director")]:
        (position,) = kwic(sources, phrase)["position"]
        assert voice_at(spans, "klassiki", position) == voice, phrase


def test_the_director_accepted_the_interviewers_from_above(sources, prose):
    """The prose says "from above" is the interviewer's phrase and the director answered "Exactly"."""
    spans = voice_spans(sources)
    (above,) = kwic(sources, "from above")["position"]
    (exactly,) = kwic(sources, "Exactly, I think our government")["position"]
    assert voice_at(spans, "klassiki", above) == "interviewer"
    assert voice_at(spans, "klassiki", exactly) == "director" and exactly > above
    assert "in the interviewer's phrase, which the director accepted" in prose


def test_the_dima_yakovlev_law_is_flagged_as_mainly_an_adoption_ban(corrections):
    flagged = corrections.set_index("correction_id").loc["klassiki-dima-yakovlev"]
    assert flagged["kind"] == "contested_claim" and "US" in flagged["correction"]
    assert flagged["source_url"] == "https://www.rbth.com/adoption_ban"


# Step 2: Kazakhstan's path ------------------------------------------------------------------------


def test_kazakhstans_path_from_the_2015_ruling_to_the_2025_signing(timeline):
    ruling = row(timeline, "2015-05-26", "Constitutional Council")
    assert ruling["kind"] == "court_ruling"
    assert "lower house had passed the bill in August 2014 and the Senate in February 2015" in ruling["note"]
    assert "50,000 signatures" in row(timeline, "2024", "Parents' Union petition")["event"]
    decision = row(timeline, "2024-08", "working group")
    assert "partly upheld" in decision["event"] and "instead of a ban" in decision["event"]
    assert decision["source_url"] == "https://orda.news/2024/1232"
    steps = [("2025-11-12", "Mazhilis", "bill"), ("2025-12-18", "Senate approved", "bill"),
             ("2025-12-30", "President Tokayev signed", "law")]
    for date, words, kind in steps:
        assert row(timeline, date, words)["kind"] == kind
    signed = row(timeline, "2025-12-30", "President Tokayev signed")
    assert "for a repeat offence within a year, up to 10 days" in signed["event"]
    assert signed["source_url"] == "https://tass.com/world/2067031"
    assert "discriminatory" in row(timeline, "2025-11-12", "Mazhilis")["note"]
    assert "protect children" in row(timeline, "2025-12-18", "Senate approved")["event"]


def test_the_date_of_entry_into_force_stays_unconfirmed(timeline, prose):
    assert "none was found by November 2026" in row(timeline, "2025-12-30", "President Tokayev signed")["note"]
    assert "When does it take effect? Not confirmed." in prose
    assert "do not assume it is in force, or that it is not" in prose


# Step 3: Feminita in Shymkent ---------------------------------------------------------------------


def test_feminita_appears_once_in_the_interview_without_a_date(sources):
    found = kwic(sources, "Feminita", window=300)
    assert list(found["source_id"]) == ["klassiki"]
    assert "Shymkent" in found["right"].iloc[0] and "2021" not in found["right"].iloc[0]


def test_hrw_dates_shymkent_and_says_held_eight_hours(timeline, corrections):
    event = row(timeline, "2021-05-29", "Feminita")
    assert event["kind"] == "detention" and "eight hours" in event["event"]
    assert "not charged" in event["note"]
    fixed = corrections.set_index("correction_id").loc["klassiki-arrested"]
    assert "eight hours without charge" in fixed["correction"]


def test_the_2024_kurultai_is_an_attack_in_almaty(timeline):
    event = row(timeline, "2024-10-09", "Lesbian Kurultai")
    assert (event["kind"], event["place"]) == ("attack", "Almaty")
    assert "called the police" in event["note"]


# Step 4: casting and sham marriages ---------------------------------------------------------------


def test_casting_quotes_come_from_the_feature_and_the_interview(quotes):
    casting = quotes[quotes["topic"] == "casting"]
    assert casting["source_id"].value_counts().to_dict() == {"klassiki": 3, "calvert": 2}
    assert casting["text"].str.contains("straight actors pretending to be queer").sum() == 1


def test_refusals_are_in_the_feature_the_interview_says_hard_to_find(sources):
    assert set(kwic(sources, "refused to play homosexual characters")["source_id"]) == {"calvert"}
    (hijab,) = kwic(sources, "woman wearing a hijab", window=200).itertuples()
    assert hijab.source_id == "klassiki" and "almost impossible to find an actress" in hijab.left
    assert "refus" not in hijab.left and "the role of the sister" in hijab.left
    assert kwic(sources, "refus").query("source_id == 'klassiki'").empty


def test_the_interview_says_the_sister_wears_the_hijab_and_no_text_calls_her_queer(sources):
    (hijab,) = kwic(sources, "wears the hijab", window=60).itertuples()
    assert hijab.source_id == "klassiki" and "sister" in hijab.left
    assert kwic(sources, "queer sister").empty and kwic(sources, "sister is queer").empty


def test_marriages_sham_in_the_feature_fake_in_the_review(sources):
    found = kwic(sources, "marriages", window=120)
    assert dict(zip(found["source_id"], found["left"].str.split().str[-1])) == {"review": "fake", "calvert": "sham"}
    assert "have children" in found.set_index("source_id").loc["review", "right"]
    assert "save their reputations" in found.set_index("source_id").loc["calvert", "right"]


# Step 5: labels ------------------------------------------------------------------------------------


def test_label_quotes_and_the_festival_prize(quotes, timeline):
    labels = quotes[quotes["topic"] == "labels"]
    assert set(labels["source_id"]) == {"review", "calvert", "klassiki"}
    assert "Grand Jury Prize" in row(timeline, "2020-10", "NewFest")["event"]
    assert "not mainly an LGBT film" in row(timeline, "2020", "Informburo")["event"]


def test_first_lesbian_film_is_a_contested_claim(corrections, prose):
    first = corrections.set_index("correction_id").loc[["calvert-first-lesbian-film", "review-first-lesbian-film"]]
    assert set(first["kind"]) == {"contested_claim"}
    assert "what the director and critics call the first of its kind" in prose


def test_the_21_plus_rating_is_only_the_directors_word(sources, prose):
    assert list(kwic(sources, "21+")["source_id"]) == ["klassiki", "klassiki"]
    assert "according to the director, was rated 21+" in prose
    assert "ratings office" not in prose


# Step 6: the region --------------------------------------------------------------------------------


def test_the_explorer_opens_on_nine_laws_in_four_countries_two_of_them_protective(timeline, compared):
    explorer = RightsTimeline(timeline, countries=FOUR, kinds="law")
    assert len(explorer.events) == 9 and explorer.events["country"].nunique() == 4
    assert "9 events in 4 countries" in explorer.count.value
    protective = explorer.events[explorer.events["event"].str.contains("stopped treating|against all forms")]
    assert list(protective["date"]) == ["1998", "2014-05-02"]


def test_first_propaganda_laws_russia_kyrgyzstan_georgia_kazakhstan(compared, prose):
    laws = compared[(compared["kind"] == "law")
                    & compared["event"].str.contains("propaganda|promoting|family values", case=False)]
    first = laws.sort_values("date_start").groupby("country", sort=False)["date_start"].first()
    assert [(c, d.year) for c, d in first.items()] == [
        ("Russia", 2013), ("Kyrgyzstan", 2023), ("Georgia", 2024), ("Kazakhstan", 2025)]
    assert "Russia legislated first (2013), Kyrgyzstan (2023), Georgia (2024) and Kazakhstan (2025) followed" in prose


def test_the_region_rows_the_lesson_names(timeline):
    assert "up to three years" in row(timeline, "1995", "Uzbekistan")["event"]
    assert row(timeline, "2014-10-15", "first reading")["kind"] == "bill"
    assert row(timeline, "2015-06-24", "second reading")["kind"] == "bill"
    assert row(timeline, "2024-09-17", "third and final reading")["country"] == "Georgia"
    assert row(timeline, "2019-11-08", "And Then We Danced")["kind"] == "screening"
    for date, words in [("2013-05-17", "rally against homophobia"), ("2021-07-05", "Tbilisi Pride")]:
        assert row(timeline, date, words)["kind"] == "attack"


def test_the_try_it_word_appears_once_in_the_last_line_of_the_cross_table():
    cells = nbformat.read(LESSON, as_version=4).cells
    (cell,) = [c for c in cells if c.cell_type == "code" and c.source.startswith("# How many events of each kind")]
    last = cell.source.strip().splitlines()[-1]
    assert last.count("kind") == 1 and "confidence" not in last


def test_france_has_one_row_the_cannes_premiere(compared):
    france = compared[compared["country"] == "France"]
    assert len(france) == 1 and "Cannes" in france["event"].iloc[0]
