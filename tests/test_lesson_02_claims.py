"""What lesson 02's prose says about the texts and the tables, recomputed from them.

nbval proves the lesson's cells run; these tests prove its sentences are true of the data, so
that an edit of a table or of the prose cannot let them drift apart. test_lesson_citations.py
checks the lesson's quotations and its list of sources, as for every lesson.
"""


from claims import row

from coursekit.corpus import kwic, locate
from coursekit.datasets import load_table


def where(sources, phrase):
    return set(kwic(sources, phrase)["source_id"])



# Step 1: the texts

def test_statue_appears_13_times_10_in_klassiki_2_in_the_review_1_in_calvert(sources):
    counts = kwic(sources, "statue")["source_id"].value_counts().to_dict()
    assert counts == {"klassiki": 10, "review": 2, "calvert": 1}


def test_calverts_only_statues_are_soviet_era(sources):
    hits = kwic(sources[sources["source_id"] == "calvert"], "statue", window=30)
    assert len(hits) == 1 and hits["left"][0].endswith("Soviet-era ")


def test_each_scene_is_described_by_one_text(sources):
    assert where(sources, "photograph of them") == {"review"}
    assert where(sources, "a state of Nazarbayev") == {"review"}
    assert where(sources, "Furmanov") == {"calvert"}
    assert where(sources, "niece") == {"klassiki"}
    # The street renaming is the one scene a second text mentions: the director, in passing.
    assert where(sources, "a street being renamed") == {"klassiki"}
    taxi = kwic(sources, "Furmanov", window=150)["left"][0]
    assert "taxi" in taxi and "listens" in taxi
    # The review names no radio and no taxi; no text uses the word "radio".
    assert where(sources, "radio") == set()


def test_the_director_on_filming_at_the_statue(sources):
    klassiki = sources.set_index("source_id").loc["klassiki", "text"]
    for phrase in ["police officer multiple times", "we were filming a family drama", "It appears on the poster"]:
        assert phrase in klassiki


def test_the_furmanov_renaming_was_the_day_before_the_holiday(timeline):
    renaming = row(timeline, "2017-11-30", "Furmanov")
    holiday = row(timeline, "2011-12-10", "Day of the First President")
    assert "1 December" in holiday["event"] and renaming["place"] == "Almaty"
    setting = row(timeline, "2017-11", "Fictional setting")
    assert setting["place"] == "Almaty" and "first president" in setting["event"]


def test_the_quotes_table_has_six_statue_quotes_and_aliyas_line_is_the_interviewers(sources):
    quotes = load_table("quotes")
    statues = quotes[quotes["topic"] == "statues"]
    assert len(statues) == 6
    line = statues[statues["speaker"] == "aliya"].iloc[0]
    assert line["text"] == "The Soviet Union is the same, only the statues come and go"
    assert "interviewer" in line["note"]
    found = locate(sources, line["text"])
    assert set(found["source_id"]) == {"klassiki"}
    before = sources.set_index("source_id").loc["klassiki", "text"][: found["start"][0]]
    assert before.rsplit("\n", 1)[-1].startswith("O:"), "the line is inside the interviewer's question"


# Step 3: the timeline

def test_titles_holiday_and_capital_names(timeline):
    assert "First President" in row(timeline, "2000-07-20", "First President")["event"]
    assert "declined to sign" in row(timeline, "2010-06-15", "Leader of the Nation")["event"]
    assert "Akmola" in row(timeline, "1997-12-10", "capital")["event"]
    assert "Astana" in row(timeline, "1998-05-06", "Akmola")["event"]
    assert "Nursultan" in row(timeline, "2019-03-20", "renaming the capital")["event"]
    assert "Astana" in row(timeline, "2022-09-17", "capital")["event"]
    resignation = row(timeline, "2019-03-19", "resignation")
    assert all(w in resignation["event"] for w in ["Security Council", "party", "Elbasy"])


def test_six_rows_mention_a_statue_or_monument(timeline):
    statues = timeline[timeline["event"].str.contains("statue|monument", case=False)]
    assert list(statues["date"]) == ["2010-12", "2011-11-11", "2021", "2021-07-03", "2022-01-05", "2024-01"]
    lenin, *nazarbayev = statues["event"]
    assert "Lenin" in lenin and "Karaganda" in lenin and "Nazarbayev" not in lenin
    assert all("Nazarbayev" in e for e in nazarbayev)
    # The two removals say when their statues went up.
    assert "erected in 2016" in statues["event"].iloc[4] and "erected in July 2020" in statues["event"].iloc[5]
    assert "81st birthday" in statues["event"].iloc[3] and "Tokayev" in statues["event"].iloc[3]
    assert statues["place"].iloc[1] == "Park of the First President"


def test_whether_the_almaty_statue_was_the_first_is_disputed_in_the_corrections():
    corrections = load_table("corrections").set_index("correction_id")
    note = corrections.loc["klassiki-first-statue", "correction"]
    assert all(w in note for w in ["Orda.kz", "Interfax", "Astana", "Turkey"])
    assert corrections.loc["klassiki-first-statue", "kind"] == "contested_claim"


def test_the_turkestan_statue_has_a_year_only(timeline):
    turkestan = row(timeline, "2021", "Turkestan")
    assert turkestan["date_precision"] == "year" and str(turkestan["date_start"].date()) == "2021-01-01"


def test_the_name_search_finds_eight_rows_two_false_and_misses_two(timeline):
    named = timeline[timeline["event"].str.contains("name", case=False)]
    assert len(named) == 8
    false_hits = named[named["theme"] != "politics"]
    assert list(false_hits["date"]) == ["2014-05-02", "2023-11-30"]
    assert "names sexual orientation" in false_hits["event"].iloc[0]
    assert "of that name" in false_hits["event"].iloc[1]
    assert "dropped his name" in named[named["date"] == "2024-01"]["event"].iloc[0]
    missed = {"2019-03", "2019-03-20"}
    assert missed.isdisjoint(named["date"])
    assert missed <= set(timeline[timeline["event"].str.contains("nam", case=False)]["date"])
    assert "Kokshetau" in row(timeline, "2019-03", "main streets")["event"]


# Step 5: 2019 to 2023

def test_the_events_of_january_2022(timeline):
    assert "Zhanaozen" in row(timeline, "2022-01-02", "liquefied gas")["event"]
    assert row(timeline, "2022-01-05", "statue")["place"] == "Taldykorgan"
    assert "Security Council" in row(timeline, "2022-01-05", "Security Council")["event"]
    assert "shoot to kill without warning" in row(timeline, "2022-01-07", "Human Rights Watch")["event"]
    assert "100,000" in row(timeline, "2022-01-11", "petition")["event"]
    assert "Nur Otan" in row(timeline, "2022-01-28", "chairman")["event"]


def test_the_official_death_tolls_225_230_238(timeline):
    toll = row(timeline, "2022-03-14", "230")
    assert "19 soldiers and police officers" in toll["event"] and "139" in toll["event"]
    assert "225 on 15 January 2022" in toll["note"] and "later 238" in toll["note"]
    assert "torture" in toll["note"]


def test_undoing_the_cult(timeline):
    assert "77.18%" in row(timeline, "2022-06-05", "referendum")["event"]
    holiday = row(timeline, "2022-09", "Day of the First President")
    assert "November 2022" in holiday["event"] and "commemorative" in holiday["event"]
    assert "Constitutional Court" in row(timeline, "2023-01-11", "First President")["event"]
    assert "military museum" in row(timeline, "2024-01", "statue")["event"]
    assert "new constitution" in row(timeline, "2026-03-15", "referendum")["event"]


def test_18_of_43_politics_events_fall_in_2019_to_2023(timeline):
    politics = timeline[timeline["theme"] == "politics"]
    assert len(politics) == 43
    assert politics["date_start"].dt.year.between(2019, 2023).sum() == 18


def test_no_timeline_row_renames_nazarbayev_avenue_back(timeline):
    avenue = timeline[timeline["event"].str.contains("Nazarbayev Avenue|Furmanov", case=False)]
    assert list(avenue["date"]) == ["2017-11-30"]


def test_the_texts_date_from_the_in_between_time(sources):
    meta = sources.set_index("source_id")
    assert meta.loc["calvert", "date"] == "2021-02-24"
    assert "29 May 2021" in meta.loc["klassiki", "date_note"]
    assert where(sources, "former president") == {"calvert"}
    assert "Nur-Sultan" in meta.loc["klassiki", "text"]
    corrections = load_table("corrections").set_index("correction_id")
    assert corrections.loc["review-still-president", "kind"] == "outdated"


# Step 6: the map

def test_ten_places_in_kazakhstan_five_named_in_the_texts(places):
    kazakh = places[places["country"] == "Kazakhstan"]
    assert len(kazakh) == 10
    named = set(kazakh.loc[kazakh["mentioned_in"].notna(), "place"])
    assert named == {"Almaty", "Astana", "Shymkent", "Baikonur", "Kashagan field"}
    assert {"Turkestan", "Taldykorgan", "Karaganda", "Park of the First President"}.isdisjoint(named)


def test_the_map_runs_from_los_angeles_to_almaty(places):
    cities = places[places["kind"] == "city"]
    assert cities.loc[cities["longitude"].idxmin(), "place"] == "Los Angeles"
    assert {"Almaty", "Los Angeles"} <= set(places["place"])
