"""What lesson 05's prose says about the texts and tables, recomputed from them.

nbval proves the lesson's cells run; these tests prove its sentences are true of the data, so that
an edit to a table or a text cannot silently leave the prose behind. test_lesson_citations.py
checks its quotations and its list of sources, as for every lesson.
"""

from __future__ import annotations

import pandas as pd
from claims import hits, row

WELCOME = "Welcome to the USA (2019)"
BIKECHESS = "Bikechess (2024)"
CENTRE = "The State Centre's film competitions (2019–2022)"
ISSABAYEVA = "Zhanna Issabayeva's films"




def money(funding, film) -> pd.DataFrame:
    return funding[funding["film_or_scheme"] == film]


# Step 1: a feature film on a bank analyst's budget ----------------------------------------------


def paragraph_number(sources, offset) -> int:
    """Which paragraph (blank-line separated) of the klassiki text holds `offset`."""
    text = sources.loc[sources["source_id"] == "klassiki", "text"].iloc[0]
    return text.count("\n\n", 0, offset)


def test_the_first_four_money_rows_are_one_answer_the_fifth_the_next(quotes, sources):
    klassiki = quotes[quotes["topic"].isin(["funding", "production"]) & (quotes["source_id"] == "klassiki")]
    first = klassiki.head(5)
    assert list(first["quote_id"]) == ["klassiki-fund-it-myself", "klassiki-producer-writer-director",
                                       "klassiki-micro-budget", "klassiki-financial-analyst", "klassiki-experienced-crew"]
    assert first["offset"].is_monotonic_increasing
    paragraphs = [paragraph_number(sources, o) for o in first["offset"]]
    assert len(set(paragraphs[:4])) == 1 and paragraphs[4] > paragraphs[0]
    # the answer's opening sentence is filed under another topic, just before the first row
    (opening,) = quotes[quotes["quote_id"] == "klassiki-first-queer-protagonist"].itertuples()
    assert opening.topic == "labels" and opening.offset < first["offset"].iloc[0]
    assert paragraph_number(sources, opening.offset) == paragraphs[0]
    assert hits(sources, opening.text)["left"].iloc[0].endswith("When it comes to funding, ")


def test_self_funded_after_six_months_in_ten_days(sources):
    assert set(hits(sources, "decided to fund it myself")["source_id"]) == {"klassiki"}
    assert "searched for about 6 months" in hits(sources, "decided to fund it myself")["left"].iloc[0]
    assert set(hits(sources, "her own personal funds")["source_id"]) == {"calvert"}
    assert set(hits(sources, "sponsors are only interested in commercial movies")["source_id"]) == {"calvert"}


def test_no_source_states_the_budget(funding):
    welcome = money(funding, WELCOME)
    assert welcome["amount"].isna().all() and welcome["share_percent"].isna().all()
    (own,) = welcome[welcome["funder_kind"] == "self"]["status"]
    assert own == "received"
    assert set(welcome[welcome["funder_kind"] != "self"]["status"]) == {"not_obtained"}


def test_the_heroine_is_a_banker_in_two_texts(sources):
    assert set(hits(sources, "bank employee")["source_id"]) == {"calvert"}
    assert set(hits(sources, "working in finance until the bank folded")["source_id"]) == {"review"}


# Step 2: whose words describe the light and the sound ------------------------------------------


def question_around(sources, phrase) -> str:
    """The paragraph of the klassiki text that holds `phrase`."""
    text = sources.loc[sources["source_id"] == "klassiki", "text"].iloc[0]
    at = text.index(phrase)
    return text[text.rfind("\n\n", 0, at) + 2: text.find("\n\n", at)]


def test_natural_light_and_music_are_the_interviewers_words(sources):
    assert list(hits(sources, "natural light")["source_id"]) == ["klassiki"]
    paragraph = question_around(sources, "natural light")
    assert paragraph.startswith("O: ")  # a question, not an answer
    assert "almost no music" in paragraph and "the small budget really gave the film an advantage" in paragraph


def test_the_director_answers_about_crew_and_cameraman(sources):
    answer = question_around(sources, "more experienced professional crew")
    assert not answer.startswith("O: ")
    assert "different cameraman" in answer


def test_the_calvert_journalist_notes_the_missing_soundtrack(sources):
    assert list(hits(sources, "soundtrack")["source_id"]) == ["calvert"]
    assert "Aushakimova" not in hits(sources, "soundtrack", window=60)["right"].iloc[0]
    assert set(hits(sources, "mostly shot in interiors")["source_id"]) == {"review"}


# Step 3: the state's money since 2019 -------------------------------------------------------------


def test_the_system_in_brief(timeline):
    assert "single national centre" in row(timeline, "2019-01-03", "Law on Cinematography")["event"]
    assert "State Centre" in row(timeline, "2019-03-15", "State Centre")["event"]
    assert "30%" in row(timeline, "2022-09-22", "70%")["event"]
    assert "not seen" in row(timeline, "2022-09-29", "signed")["note"]
    assert "plan" in row(timeline, "2025-12-09", "merge")["note"]


def test_the_counts_disagree(funding):
    centre = money(funding, CENTRE)
    first, second, three_years = (centre[centre["year"] == y]["what_for"].iloc[0] for y in ("2019-08-28", "2020", "2022-06-03"))
    assert "17 film projects" in first and "11 of them" in first and "one debut" in first
    assert "39 films" in second and "48 films" in three_years
    assert 17 + 39 > 48
    (eleven,) = centre[centre["year"] == "2022-06-03"][["amount", "amount_qualifier"]].itertuples(index=False)
    assert eleven == (11e9, "at_least")


def test_the_2022_round_adds_up_to_the_announced_total_in_one_currency(funding):
    centre = money(funding, CENTRE)
    round_2022 = centre[centre["year"] == "2022-07-27"]
    assert len(round_2022) == 4 and set(round_2022["status"]) == {"planned"}
    assert list(round_2022["currency"].unique()) == ["KZT"]
    total = round_2022["amount"].sum()
    assert total == 5_604_500_000 and round(total / 1e9, 1) == 5.6
    assert round_2022["amount"].max() == 4.95e9
    debut = round_2022[round_2022["what_for"].str.startswith("Debut")]
    assert list(debut[["amount", "amount_qualifier"]].itertuples(index=False, name=None)) == [(5e8, "up_to")]
    assert centre[centre["year"] == "2019-08-28"]["amount"].isna().all()  # the 2019 page states no total


def test_transparency_is_disputed(sources):
    assert set(hits(sources, "There is no transparency in the state-funding process")["source_id"]) == {"klassiki"}


def test_qazaq_was_paid_at_least_five_million_dollars_by_a_foundation(funding):
    (qazaq,) = [r for _, r in funding[funding["film_or_scheme"].str.startswith("Qazaq")].iterrows()]
    assert (qazaq["amount"], qazaq["currency"], qazaq["amount_qualifier"], qazaq["funder_kind"]) == (
        5e6, "USD", "at_least", "private_foundation")
    # the lesson says OCCRP reported it first in October 2022, and that it passed through a state body
    assert "October 2022" in qazaq["note"] and "state cinema organisation" in qazaq["note"]


# Step 4: women directors and state money ---------------------------------------------------------


def test_the_directors_exception_is_her_own_words(sources):
    (found,) = hits(sources, "Apart from one woman last year").itertuples()
    assert found.source_id == "klassiki" and "personal connections" in found.right
    assert "I don’t remember a single woman director" in found.left


def test_the_directors_three_claims(quotes, sources, corrections):
    women = quotes[quotes["topic"] == "women_in_film"]
    assert len(women) == 4 and set(women["source_id"]) == {"klassiki"}
    assert set(hits(sources, "filmed using private funding")["source_id"]) == {"klassiki"}
    assert set(hits(sources, "6 or 7")["source_id"]) == {"klassiki"}
    (films,) = corrections[corrections["correction_id"] == "klassiki-issabayeva-films"]["kind"]
    assert films == "factual_error"


def test_other_women_directors_and_qyzqaras_in_the_timeline(timeline):
    assert "Deauville" in row(timeline, "2014-03", "Nagima")["event"]
    assert "Locarno" in row(timeline, "2016", "Sea Tomorrow")["event"]
    assert "five short films" in row(timeline, "2024-01-14", "Qyzqaras")["event"]
    assert "first edition" in row(timeline, "2024-08", "festival showing films made by women")["event"]
    premiere = row(timeline, "2024-08", "Bikechess")
    assert "Qyzqaras" in premiere["event"] and premiere["confidence"] == "medium"


def test_nagima_was_independent_shot_in_eleven_days_by_twelve(funding):
    nagima = money(funding, ISSABAYEVA)
    (own,) = nagima[nagima["funder_kind"] == "self"]["what_for"]
    assert "11 days" in own and "crew of 12" in own and "fully independent" in own
    assert set(nagima["source_id"].dropna()) == {"klassiki"} and nagima["amount"].isna().all()


# Step 5: Bikechess --------------------------------------------------------------------------------


def test_bikechess_money_sources(funding, timeline, sources):
    bike = money(funding, BIKECHESS)
    assert len(bike) == 4 and set(bike["status"]) == {"received"}
    stated = bike[bike["amount"].notna()]
    assert list(stated[["amount", "currency"]].itertuples(index=False, name=None)) == [(5000.0, "EUR")]
    assert set(bike[bike["funder_kind"] == "foreign_fund"]["funder_country"]) == {"Norway", "France"}
    assert bike["funder"].str.contains("not named").sum() == 2
    assert "5,000-euro" in row(timeline, "2023-07", "Works in Progress")["event"]
    assert "Tribeca" in row(timeline, "2024-06-09", "Bikechess")["event"]
    assert "Best International Narrative Feature" in row(timeline, "2024-06-13", "Bikechess")["event"]
    assert "Norwegian and French grants" in row(timeline, "2024-06-24", "Vlast")["event"]
    assert set(hits(sources, "because the story is about a journalist")["source_id"]) == {"klassiki"}


def test_the_cross_table_paragraph(funding):
    assert len(funding) == 21
    assert (funding["funder_kind"] == "state").sum() == 12
    foreign = funding[funding["funder_kind"] == "foreign_fund"]
    assert len(foreign) == 2 and set(foreign["film_or_scheme"]) == {BIKECHESS}
    two = funding[funding["film_or_scheme"].isin([WELCOME, BIKECHESS])]
    assert len(two) == 7 and two["amount"].isna().sum() == 6
    welcome = money(funding, WELCOME)
    assert (welcome["source_id"] == "klassiki").all()  # the director's own account
    assert money(funding, BIKECHESS)["source_url"].notna().all()  # one article each
