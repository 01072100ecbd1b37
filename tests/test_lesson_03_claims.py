"""What lesson 03's prose says about the texts and tables, recomputed from them.

nbval proves the lesson's cells run; these tests prove its sentences are true of the data, so that
an edit to a table or a text cannot silently leave the prose behind. test_lesson_citations.py
checks its quotations and its list of sources, as for every lesson.
"""

from __future__ import annotations

import pandas as pd
from claims import hits, row

from coursekit.datasets import load_table
from coursekit.tables import STAGES

WELCOME = "Welcome to the USA, 2019–2020"
LIGHTYEAR = "Lightyear, 2022"
UNDER_LAW = "A queer-themed film under the December 2025 law"




def stage(chain, case, name) -> pd.Series:
    (found,) = [r for _, r in chain[(chain["case"] == case) & (chain["stage"] == name)].iterrows()]
    return found


# Step 1: what the director says happened ------------------------------------------------------


def test_the_21_plus_rating_is_mentioned_twice_only_in_the_interview_and_tied_to_the_trailer(sources):
    found = hits(sources, "21+")
    assert list(found["source_id"]) == ["klassiki", "klassiki"]
    assert "watched the trailer" in found["left"].iloc[1]
    assert found["right"].iloc[1].startswith(" and gave us screening rights")


def test_the_rating_rests_on_the_directors_account_alone(timeline, chain):
    rating = stage(chain, WELCOME, "rating")
    assert (rating["kind"], rating["source_id"], rating["confidence"]) == ("account", "klassiki", "medium")
    dated = row(timeline, "2020", "rated 21+")
    assert dated["confidence"] == "medium" and "no other source" in dated["event"]


def test_the_hijab_appears_twice_in_the_interview_once_for_cities_once_for_casting(sources):
    found = hits(sources, "hijab")
    assert list(found["source_id"]) == ["klassiki", "klassiki"]
    assert "too scared to allow it to be screened" in found["left"].iloc[0]
    assert "Any Muslim themes rarely get screened" in found["right"].iloc[0]
    assert "casting the actress" in found["left"].iloc[1]


def test_nur_sultan_was_missed_for_covid_not_for_content(sources):
    found = hits(sources, "we couldn’t even screen it in Nur-Sultan", window=120)
    assert list(found["source_id"]) == ["klassiki"]
    assert "Covid restrictions" in found["left"].iloc[0]


def test_the_calvert_journal_blames_the_quiet_reception_on_the_public(sources):
    assert set(hits(sources, "did not seem hungry")["source_id"]) == {"calvert", "review"}
    assert set(hits(sources, "mostly empty")["source_id"]) == {"calvert"}


# Step 2: money as a filter -------------------------------------------------------------------


def test_modernisation_of_the_consciousness_twice_in_the_interview_the_second_about_the_journalist(sources):
    found = hits(sources, "modernisation of the consciousness", window=120)
    assert list(found["source_id"]) == ["klassiki", "klassiki"]
    assert "about a journalist" in found["left"].iloc[1]


def test_the_2017_article_on_modernisation_of_public_consciousness(timeline):
    article = row(timeline, "2017-04-12", "modernisation of public consciousness")
    assert "Rukhani Zhangyru" in article["event"]


def test_the_director_calls_state_funding_censorship_in_the_calvert_journal(sources):
    assert set(hits(sources, "It’s censorship, basically")["source_id"]) == {"calvert"}


def test_the_funding_table_of_step_2(timeline):
    assert "age categories" in row(timeline, "2019-01-03", "Law on Cinematography")["event"]
    assert "wholly owned by the state" in row(timeline, "2019-03-15", "State Centre")["event"]
    round_2022 = row(timeline, "2022-07-27", "5.6 billion tenge")["event"]
    assert "more than 60 film projects" in round_2022 and "500 million" in round_2022
    for date in ("2022-09-21", "2022-09-22"):
        event = row(timeline, date, "70%")["event"]
        assert "30%" in event and "historical, patriotic and 'image' films" in event
    signed = row(timeline, "2022-09-29", "signed")
    assert "not seen" in signed["note"]


def test_the_film_was_self_funded_and_shot_in_ten_days(sources, chain):
    assert set(hits(sources, "decided to fund it myself")["source_id"]) == {"klassiki"}
    assert set(hits(sources, "we filmed it in 10 days")["source_id"]) == {"klassiki"}
    assert stage(chain, WELCOME, "funding")["outcome"] == "restricted"


def test_qazaq_was_paid_for_by_a_foundation_controlled_by_nazarbayev(timeline, chain):
    assert "at least 5 million dollars" in row(timeline, "2024-03-05", "Qazaq")["event"]
    assert stage(chain, "Qazaq: History of the Golden Man, 2021", "funding")["outcome"] == "passed"


# Step 3: Lightyear and the December 2025 law --------------------------------------------------


def test_lightyear_was_rated_6_plus_due_on_14_july_and_not_released(chain):
    assert stage(chain, LIGHTYEAR, "rating")["outcome"] == "passed"
    assert "6+" in stage(chain, LIGHTYEAR, "rating")["what"]
    screening = stage(chain, LIGHTYEAR, "screening")
    assert (screening["outcome"], screening["date"]) == ("blocked", "2022-07-14")
    assert "censorship is prohibited" in stage(chain, LIGHTYEAR, "law")["what"]
    assert "disagree" in stage(chain, LIGHTYEAR, "audience")["note"]


def test_the_2015_bill_was_blocked_and_the_interview_says_there_is_no_propaganda_law(sources, timeline):
    assert "unconstitutional" in row(timeline, "2015-05-26", "propaganda")["event"]
    assert set(hits(sources, "we don’t have the anti-gay propaganda law")["source_id"]) == {"klassiki"}
    outdated = load_table("corrections")
    assert (outdated["claim"].str.contains("anti-gay propaganda law") & (outdated["kind"] == "outdated")).any()


def test_the_2025_law_passed_both_houses_and_was_signed(timeline):
    assert "Mazhilis" in row(timeline, "2025-11-12", "passed amendments")["event"]
    assert "Senate approved" in row(timeline, "2025-12-18", "Senate approved")["event"]
    signed = row(timeline, "2025-12-30", "signed the law")
    assert "up to 10 days" in signed["event"]
    assert "public spaces, media and online" in signed["event"]
    assert "nine laws" in row(timeline, "2025-12-30", "amends nine laws")["event"]


def test_the_date_the_2025_law_takes_effect_is_not_known(timeline, chain):
    assert "none was found" in row(timeline, "2025-12-30", "signed the law")["note"]
    assert "not verified" in stage(chain, UNDER_LAW, "law")["what"]


def test_the_officials_statements_of_step_3(timeline):
    assert "rated 18+" in row(timeline, "2025-11-12", "reviewed")["event"]
    december = row(timeline, "2025-12-18", "Kochetov")["event"]
    assert "positive portrayal" in december and "complaint" in december and "20 MRP" in december
    february = row(timeline, "2026-02-06", "21+")
    assert "after 22:00" in february["event"] and "from 7 to 30 working days" in february["note"]
    assert "ideological point of view" in row(timeline, "2025-12-09", "merge")["note"]
    assert "self-censorship" in row(timeline, "2025-12-02", "Aushakimova")["event"]


# Steps 4 and 5: the pattern across the cases -------------------------------------------------


def test_only_lightyear_was_stopped_outright(chain):
    assert set(chain.loc[chain["outcome"] == "blocked", "case"]) == {LIGHTYEAR}


def test_welcome_to_the_usa_was_never_stopped_but_narrowed_at_almost_every_stage(chain):
    own = chain[chain["case"] == WELCOME]
    assert set(own["stage"]) == set(STAGES)
    assert "blocked" not in set(own["outcome"])
    assert (own["outcome"] == "restricted").sum() == len(STAGES) - 1
    # "in the accounts of the director and of one viewer": every narrowing row is an account
    assert (own.loc[own["outcome"] == "restricted", "kind"] == "account").all()


def test_no_event_under_the_2025_law_only_stated_rules(chain):
    assert (chain.loc[chain["case"] == UNDER_LAW, "kind"] == "stated_rule").all()
    after = chain[(chain["date_start"] >= "2025-12-30") & (chain["kind"] != "stated_rule")]
    assert after.empty


def test_and_then_we_danced_was_shown_and_its_audience_narrowed(sources, chain):
    case = "And Then We Danced in Georgia, 2019"
    assert stage(chain, case, "screening")["outcome"] == "passed"
    assert stage(chain, case, "audience")["outcome"] == "restricted"
    assert set(hits(sources, "We had it really easy, surprisingly")["source_id"]) == {"klassiki"}
