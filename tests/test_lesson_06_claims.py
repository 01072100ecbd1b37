"""What lesson 06's prose says about the texts and tables, recomputed from them.

nbval proves the lesson's cells run; these tests prove its sentences are true of the data, so that
an edit to a table or a text cannot silently leave the prose behind. test_lesson_citations.py
checks its quotations and its list of sources, as for every lesson.
"""

from __future__ import annotations

import pandas as pd
from claims import row

from coursekit.corpus import kwic


def emigration(timeline) -> pd.DataFrame:
    return timeline[timeline["theme"] == "emigration"]


# Step 1: Aliya's choice and the open ending ------------------------------------------------


def test_only_the_calvert_journal_names_the_lottery_and_aliyas_age_and_job(sources):
    found = kwic(sources, "lottery", window=120)
    assert list(found["source_id"]) == ["calvert"]
    assert "36-year old bank employee" in found["left"].iloc[0]
    assert found["right"].iloc[0].startswith(" and prepares to leave for a new life in the United States")


def test_the_review_opens_with_the_interview_and_a_folded_bank(sources):
    assert list(kwic(sources, "interview with the US foreign office")["source_id"]) == ["review"]
    assert list(kwic(sources, "until the bank folded")["source_id"]) == ["review"]
    assert list(kwic(sources, "worked at a bank")["source_id"]) == ["klassiki"]


def test_every_text_mentions_emigration(sources):
    assert set(kwic(sources, "emigration")["source_id"]) == {"review", "calvert", "klassiki"}


def test_the_ending_is_open_and_the_director_undecided(sources):
    assert list(kwic(sources, "We never find out if Aliya decides to stay")["source_id"]) == ["calvert"]
    assert list(kwic(sources, "I haven’t decided yet")["source_id"]) == ["klassiki"]
    assert set(kwic(sources, "I haven’t resolved to leave yet")["source_id"]) == {"review", "calvert"}


def test_the_leave_or_not_remark_is_about_russia_in_the_undated_interview(sources):
    found = kwic(sources, "to leave or not to leave", window=80)
    assert list(found["source_id"]) == ["klassiki"]
    assert "Russia" in found["left"].iloc[0]
    klassiki = sources.set_index("source_id").loc["klassiki"]
    assert pd.isna(klassiki["date"])  # "undated (2021 or later)"


# Steps 2 and 3: the lottery and what changed ------------------------------------------------


def test_the_1990_row_now_rests_on_the_state_departments_manual(timeline):
    created = row(timeline, "1990", "Diversity Visa")
    assert created["source_url"] == "https://fam.state.gov/FAM/09FAM/09FAM050206.html"
    assert created["confidence"] == "high"
    assert "55,000" in created["event"] and "NACARA" in created["note"] and "51,850" in created["note"]


def test_kazakh_entrants_and_winners(timeline):
    assert "155,000" in row(timeline, "2021-12-13", "entered the 2021 green-card lottery")["event"]
    winners = row(timeline, "2019-05-08", "886")
    assert "unclear which DV year" in winners["note"]


def test_the_changes_since_september_2025_and_their_disagreements(timeline):
    changes = emigration(timeline)
    changes = changes[changes["date_start"] >= "2025-09-01"]
    assert list(changes["date"]) == ["2025-09-16", "2025-12-18", "2026-01-14", "2026-03-11"]
    fee = row(timeline, "2025-09-16", "$1")
    assert "16 October 2025" in fee["note"] and "$330" in fee["note"]
    passport = row(timeline, "2026-03-11", "passport")
    assert "10 April 2026" in passport["event"] and "DV-2027" in passport["note"]
    seventy_five = row(timeline, "2026-01-14", "75 countries")
    assert "Kazakhstan" in seventy_five["event"] and "21 January 2026" in seventy_five["event"]
    assert {"Kyrgyzstan", "Uzbekistan", "Russia", "Georgia"} <= set(seventy_five["note"].replace(",", "").replace(".", "").split())
    assert "Kazinform" in seventy_five["note"]  # the State Department's own list
    pause = row(timeline, "2025-12-18", "diversity-lottery")
    assert "23 December 2025" in pause["note"] and "Brown University" in pause["note"]


# Step 4: who leaves ---------------------------------------------------------------------------


def test_emigration_statistics(timeline):
    years = row(timeline, "2019", "emigrating from Kazakhstan")
    assert all(n in years["event"] for n in ("45,225", "29,088", "32,256"))
    assert "undercount" in years["note"]
    low = row(timeline, "2024", "record low")
    assert "12,800" in low["event"] and "29,900" in low["event"]
    year_2022 = row(timeline, "2022", "leaving Kazakhstan")
    assert "24,100" in year_2022["event"] and "17,400" in year_2022["event"] and year_2022["theme"] == "emigration"
    # "in 2019–2022 and 2024": the years the emigration rows give counts for
    assert {"2019", "2022", "2024"} <= set(emigration(timeline)["date"])
    assert "70%" in low["note"] and "Russia" in low["note"] and "16% to Germany" in low["note"]
    russians = row(timeline, "2022-10-04", "Russians")
    assert "200,000" in russians["event"] and "147,000 had left" in russians["event"] and "21 September" in russians["event"]


def test_the_chart_description_counts_the_emigration_rows(timeline):
    rows = emigration(timeline)
    assert len(rows) == 11  # "Eleven emigration events"
    assert (rows["date_start"] >= "2019-01-01").sum() > len(rows) / 2  # "most of them from 2019 on"
    assert rows["date_start"].min().year == 1990 and rows["date_start"].max().year == 2026


# Step 5: the reasons -------------------------------------------------------------------------


def test_the_reasons_split_twelve_four_seven(reasons):
    assert len(reasons) == 23
    assert reasons["pull"].value_counts().to_dict() == {"go": 12, "both": 7, "stay": 4}


def test_the_reasons_to_stay_are_all_people_and_home(reasons):
    stay = reasons[reasons["pull"] == "stay"]
    assert list(stay["reason"]) == ["Her ill, ageing mother", "Her sister in an abusive marriage",
                                    "Friends who found each other", "Home is still home"]
    assert "still none the less home." in stay["passage"].iloc[-1]
    # "three are people ...; the fourth is home itself"
    assert list(stay["holder"]) == ["aliya", "aliya", "aliya", "people"]


def test_staying_as_a_choice_for_everyone_is_read_both_ways(reasons, sources):
    (make_it_work,) = [r for _, r in reasons.iterrows() if "to stay and make it work here" in r["passage"]]
    assert (make_it_work["holder"], make_it_work["pull"]) == ("people", "both")
    assert list(kwic(sources, "to stay and make it work here")["source_id"]) == ["klassiki"]


def test_the_homophobic_relatives_are_the_characters_not_aliya_alone(reasons):
    (relatives,) = [r for _, r in reasons.iterrows() if "homophobic comments from relatives" in r["passage"]]
    assert relatives["passage"].startswith("Characters in Welcome to the USA") and relatives["holder"] == "people"


def test_the_director_gives_no_reason_to_stay(reasons):
    director = reasons[reasons["holder"] == "director"]
    assert "stay" not in set(director["pull"]) and set(director["pull"]) == {"go", "both"}


def test_the_outdated_reason_is_the_propaganda_law(reasons, corrections):
    (law,) = [r for _, r in reasons.iterrows() if "propaganda law" in r["passage"]]
    # The whole sentence: no law then, but a homophobic society, so the course reads it both ways.
    assert law["passage"].endswith("the society is still incredibly homophobic.")
    assert law["pull"] == "both" and law["holder"] == "people" and "both ways" in law["explanation"]
    assert "30 December 2025" in law["note"] and "not known" in law["note"]
    assert any("anti-gay propaganda law" in c for c in corrections["claim"])
