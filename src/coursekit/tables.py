"""The course's tables beyond the sources: their columns and the rules their rows obey.

Each schema here is what `load_table(name)` checks a CSV against, and the column descriptions are
the data dictionary that data/README.md documents. `SCHEMAS` below lists every course table,
the sources included; `coursekit.datasets.SCHEMAS` is the same dictionary.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from .datasets import SOURCES, Column, Problem, Rule, Schema
from .rules import (
    cites_a_source,
    computed_mentions,
    inside_country,
    missing,
    place_matches_country,
    refers_to,
    verbatim_at_offset,
)

THEMES = ("film", "politics", "censorship", "queer_rights", "funding", "emigration", "cinema_industry")
CONFIDENCE = ("high", "medium", "low")
PLACE_KINDS = ("city", "site", "region")
PERSON_KINDS = (
    "director", "actor", "character", "interviewer", "photographer", "journalist", "politician",
    "activist", "filmmaker", "historical_figure", "other",
)
PRESENTATIONS = ("quoted_speech", "interview_answer", "narration_as_quote")
TOPICS = (
    "reception", "censorship", "funding", "labels", "emigration", "casting", "production", "statues",
    "queer_life", "women_in_film", "influences",
)
CORRECTION_KINDS = ("typo", "factual_error", "outdated", "misattribution", "contested_claim")
LANGUAGES = ("Kazakh", "Russian", "Kazakh and Russian", "French", "English")
# The censorship chain (lesson 03): the stages a film passes on its way to viewers, in order, what
# can happen to it at each, and what kind of evidence a row is. A `stated_rule` says what a law or
# an official says would happen: it must never be shown as an event.
STAGES = ("law", "funding", "rating", "screening", "audience")
OUTCOMES = ("passed", "restricted", "blocked", "not_applicable", "unknown")
CHAIN_KINDS = ("event", "account", "stated_rule")
# What sort of event a timeline row is, so lesson 04's comparison of countries can set laws beside
# court rulings, protests and attacks. Required for queer-rights rows (lesson 04 compares them all),
# optional elsewhere. A `bill` is a stage a bill passes (a reading, one chamber's approval); a
# `vote` is a vote of the people; a `petition` comes from the public: a demand, not a decision.
EVENT_KINDS = (
    "law", "bill", "court_ruling", "vote", "official_decision", "petition", "protest", "attack",
    "detention", "screening", "statistic",
)

SLUG = {"pattern": r"[a-z0-9]+(?:-[a-z0-9]+)*", "form": "lower-case letters and digits joined by single hyphens"}
ID_LIST = {"pattern": r"[a-z][a-z0-9_]*(?:; [a-z][a-z0-9_]*)*", "form": "source ids separated by '; '"}


COUNTRIES = Schema(
    name="countries",
    file="countries.csv",
    description="The countries the texts and the other tables name, with the codes maps use.",
    columns=(
        Column("country", unique=True, description="English short name, as used in the other tables."),
        Column("iso3", pattern=r"[A-Z]{3}", form="three capital letters", unique=True,
               description="ISO 3166-1 alpha-3 code; plotly maps and the bundled world map use it."),
        Column("aliases", required=False, description="Other names the texts use for it, separated by '; '."),
        Column("mentioned_in", required=False, **ID_LIST,
               description="Computed: the source texts that name it (by its name or an alias)."),
        Column("source_url", kind="url", description="A public page listing the code."),
        Column("source_title", description="Title of that page, with its publisher."),
    ),
    rules=(
        cites_a_source("source_url"),
        computed_mentions("mentioned_in", ("country", "aliases")),
    ),
)

PLACES = Schema(
    name="places",
    file="places.csv",
    description="Every place the source texts or the timeline name, with cited coordinates.",
    columns=(
        Column("place", unique=True, description="Name used in the timeline's place column."),
        Column("kind", kind="category", allowed=PLACE_KINDS,
               description="city, site (a park, an oil field) or region; countries are in countries.csv."),
        Column("country", description="The country it lies in (a country of the countries table)."),
        Column("latitude", kind="float", bounds=(-90, 90), description="Decimal degrees, north positive."),
        Column("longitude", kind="float", bounds=(-180, 180), description="Decimal degrees, east positive."),
        Column("aliases", required=False,
               description="Other names the texts use for it, separated by '; ' (e.g. Nur-Sultan for Astana)."),
        Column("mentioned_in", required=False, **ID_LIST,
               description="Computed: the source texts that name it (by its name or an alias)."),
        Column("what_happened", description="What the course connects with it, in one or two sentences."),
        Column("coordinates_url", kind="url", description="Public page giving the coordinates."),
        Column("coordinates_title", description="Title of that page, with its publisher."),
        Column("note", required=False, description="Caveats, e.g. a site's coordinates given for its city."),
    ),
    rules=(
        cites_a_source("coordinates_url"),
        refers_to("country", "countries", "country"),
        inside_country(),
        computed_mentions("mentioned_in", ("place", "aliases")),
    ),
)


def filled_for(column: str, allowed: tuple[str, ...], *, where: tuple[str, str], why: str) -> Rule:
    """`column`, optional in general, is filled in every row whose column `where[0]` is `where[1]`."""
    condition, value = where

    def rule(frame: pd.DataFrame) -> Iterator[Problem]:
        for position, (filled, group) in enumerate(zip(frame[column], frame[condition])):
            if group == value and missing(filled):
                yield position, column, (f"is empty, but every row with {condition} {value} needs a {column} "
                                         f"({why}); use one of: {', '.join(allowed)}.")

    return rule


TIMELINE = Schema(
    name="timeline",
    file="timeline.csv",
    description="Dated events 1989-2026 around the film, each with its source.",
    columns=(
        Column("date", kind="date", description="When it happened, as precisely as the source says (partial ISO)."),
        Column("event", description="What happened: one neutral sentence in the course's own words."),
        Column("theme", kind="category", allowed=THEMES, description="One of: " + ", ".join(THEMES) + "."),
        Column("kind", kind="category", allowed=EVENT_KINDS, required=False,
               description="What sort of event: " + ", ".join(EVENT_KINDS) + "; empty if no lesson compares it."),
        Column("place", required=False,
               description="Where (a place of the places table); empty for a nationwide event."),
        Column("country", description="The country it concerns (a country of the countries table)."),
        Column("source_url", kind="url", description="Public page that states the event."),
        Column("source_title", description="Title of that page, with its publisher in brackets."),
        Column("confidence", kind="category", allowed=CONFIDENCE,
               description="high: a reliable source states it plainly; medium: secondary source, "
                           "self-report, inferred date or disagreeing sources; low: contested."),
        Column("note", required=False, description="Disagreements between sources and other caveats."),
    ),
    rules=(
        cites_a_source("source_url"),
        refers_to("place", "places", "place"),
        refers_to("country", "countries", "country"),
        place_matches_country(),
        filled_for("kind", EVENT_KINDS, where=("theme", "queer_rights"),
                   why="lesson 04 compares every queer-rights event by its kind"),
    ),
)

PEOPLE = Schema(
    name="people",
    file="people.csv",
    description="Everyone the three source texts name, and which texts name them.",
    columns=(
        Column("person_id", unique=True, **SLUG, description="Short identifier, e.g. assel-aushakimova."),
        Column("name", description="Usual English spelling of the name."),
        Column("aliases", required=False,
               description="Every other form in which the texts write the name, separated by '; '."),
        Column("kind", kind="category", allowed=PERSON_KINDS, description="One of: " + ", ".join(PERSON_KINDS) + "."),
        Column("role", description="Who they are and how they connect to the film, in one sentence."),
        Column("mentioned_in", **ID_LIST,
               description="Computed: the source texts that name them (by name or alias)."),
        Column("source_url", kind="url", required=False,
               description="Public page supporting the role where it goes beyond the texts."),
        Column("source_title", required=False, description="Title of that page, with its publisher."),
        Column("note", required=False, description="Spelling variants, caveats."),
    ),
    rules=(
        cites_a_source("mentioned_in", "source_url"),
        refers_to("mentioned_in", "sources", "id", many=True),
        computed_mentions("mentioned_in", ("name", "aliases")),
    ),
)

QUOTES = Schema(
    name="quotes",
    file="quotes.csv",
    description="The director's words as each source text gives them, verbatim and located.",
    columns=(
        Column("quote_id", unique=True, **SLUG, description="Short identifier, e.g. calvert-heterosexual-films."),
        Column("source_id", description="The source text it is quoted from (an id of the sources table)."),
        Column("speaker", description="Who the source says is speaking (a person_id of the people table)."),
        Column("text", description="The words exactly as the source prints them, line breaks included."),
        Column("offset", kind="int", bounds=(0, 10**9),
               description="Character offset of the first character in the source text (0 = first)."),
        Column("presentation", kind="category", allowed=PRESENTATIONS,
               description="quoted_speech: in quotation marks in a review or feature; interview_answer: "
                           "an answer in a Q&A; narration_as_quote: words presented as the speaker's "
                           "that another text gives as its own narration."),
        Column("topic", kind="category", allowed=TOPICS, description="What it is about: " + ", ".join(TOPICS) + "."),
        Column("same_as", required=False, **SLUG,
               description="Key shared by the versions of one remark in different sources, for comparing them."),
        Column("note", required=False, description="What differs from other versions, and other caveats."),
    ),
    rules=(
        refers_to("source_id", "sources", "id"),
        refers_to("speaker", "people", "person_id"),
        verbatim_at_offset("text", "offset", "source_id"),
    ),
)

GLOSSARY = Schema(
    name="glossary",
    file="glossary.csv",
    description="Terms a student meets in the texts and lessons, defined in the course's own words.",
    columns=(
        Column("term", unique=True, description="The term as a student meets it in English."),
        Column("aliases", required=False, description="Other forms of the term, separated by '; '."),
        Column("definition", description="A short definition in the course's own words."),
        Column("original", required=False, description="The word in its original language and script."),
        Column("original_language", kind="category", allowed=LANGUAGES, required=False,
               description="Language of the original: " + ", ".join(LANGUAGES) + "."),
        Column("transliteration", required=False, description="The original in Latin letters."),
        Column("appears_in", required=False, **ID_LIST,
               description="Computed: the source texts that use the term (by term or alias, any case)."),
        Column("source_url", kind="url", description="Public page that supports the definition."),
        Column("source_title", description="Title of that page, with its publisher."),
        Column("note", required=False, description="Caveats and related terms."),
    ),
    rules=(
        cites_a_source("source_url"),
        computed_mentions("appears_in", ("term", "aliases"), case_sensitive=False),
    ),
)

CORRECTIONS = Schema(
    name="corrections",
    file="corrections.csv",
    description="Errors and outdated claims in the three source texts, with corrections and sources.",
    columns=(
        Column("correction_id", unique=True, **SLUG, description="Short identifier, e.g. review-kashagan."),
        Column("source_id", description="The source text that makes the claim (an id of the sources table)."),
        Column("claim", description="The claim exactly as the source prints it."),
        Column("offset", kind="int", bounds=(0, 10**9),
               description="Character offset of the claim's first character in the source text."),
        Column("kind", kind="category", allowed=CORRECTION_KINDS,
               description="One of: " + ", ".join(CORRECTION_KINDS) + "."),
        Column("problem", description="What is wrong or out of date, in the course's own words."),
        Column("correction", description="What the evidence says instead, in the course's own words."),
        Column("source_url", kind="url", description="Public page that supports the correction."),
        Column("source_title", description="Title of that page, with its publisher."),
        Column("note", required=False, description="Further evidence or why the claim is only contested."),
    ),
    rules=(
        cites_a_source("source_url"),
        refers_to("source_id", "sources", "id"),
        verbatim_at_offset("claim", "offset", "source_id"),
    ),
)



def one_row_per(*columns: str) -> Rule:
    """No two rows share the same values in `columns` (e.g. one row per case and stage)."""

    def rule(frame: pd.DataFrame) -> Iterator[Problem]:
        seen: dict[tuple, int] = {}
        for position, key in enumerate(zip(*(frame[c] for c in columns))):
            if key in seen:
                yield position, columns[-1], (f"{' / '.join(map(str, key))} already has a row (data row {seen[key] + 1}); "
                                              f"keep one row per {' and '.join(columns)}.")
            seen.setdefault(key, position)

    return rule


def titled(url: str, title: str) -> Rule:
    """A row that cites a web page also gives the page's title, so a reader knows what it is."""

    def rule(frame: pd.DataFrame) -> Iterator[Problem]:
        for position, (link, name) in enumerate(zip(frame[url], frame[title])):
            if not missing(link) and missing(name):
                yield position, title, f"the row cites {link} but gives no title; fill in {title}."

    return rule


CHAIN = Schema(
    name="chain",
    file="chain.csv",
    description="Cases of films on their way to viewers: what happened, or would happen, at each stage, with sources.",
    columns=(
        Column("case", description="The film or kind of film, with its year, e.g. 'Lightyear, 2022'."),
        Column("stage", kind="category", allowed=STAGES, description="One of: " + ", ".join(STAGES) + " (in that order)."),
        Column("kind", kind="category", allowed=CHAIN_KINDS,
               description="event: reported as having happened; account: happened according to one person's "
                           "own account only; stated_rule: what a law or an official says would happen, not an event."),
        Column("date", kind="date", required=False, description="When it happened or was said (partial ISO); empty if unknown."),
        Column("what", description="What happened or would happen at this stage, in the course's own words."),
        Column("outcome", kind="category", allowed=OUTCOMES,
               description="What the stage did to the film: " + ", ".join(OUTCOMES) + "."),
        Column("who_says", description="Whose word it is: the person, body or publication the row rests on."),
        Column("source_id", required=False, description="One of the three texts, when the row rests on it (an id of the sources table)."),
        Column("source_url", kind="url", required=False, description="Public page that states it."),
        Column("source_title", required=False, description="Title of that page, with its publisher in brackets."),
        Column("confidence", kind="category", allowed=CONFIDENCE,
               description="high: a reliable source states it plainly; medium: one person's account, a secondary "
                           "source or disagreeing sources; low: contested."),
        Column("note", required=False, description="Disagreements, caveats and further sources."),
    ),
    rules=(
        cites_a_source("source_url", "source_id"),
        refers_to("source_id", "sources", "id"),
        titled("source_url", "source_title"),
        one_row_per("case", "stage"),
    ),
)

# The theme lexicon (lesson 07): which words signal which theme. A keyword is a word or a few
# words, with * at the end for any ending (`censor*`); coursekit.themes explains the matching.
KEYWORD = {"pattern": r"[^\W_]+(?:[-‐‑'’][^\W_]+)*(?: [^\W_]+(?:[-‐‑'’][^\W_]+)*)*\*?",
           "form": "a word or a few words separated by single spaces, with * at the end for any ending, e.g. censor*"}

LEXICON = Schema(
    name="lexicon",
    file="lexicon.csv",
    description="Keywords that signal the course's themes, each with the reason it does; students may edit a copy.",
    columns=(
        Column("theme", kind="category", allowed=THEMES, description="The theme the keyword signals: " + ", ".join(THEMES) + "."),
        Column("keyword", **KEYWORD, description="A word, a few words, or a stem ending in * (any ending); any case."),
        Column("language", kind="category", allowed=LANGUAGES, description="The keyword's language: " + ", ".join(LANGUAGES) + "."),
        Column("note", description="Why the word signals the theme, and where it can mislead."),
    ),
    rules=(one_row_per("theme", "keyword"),),
)

# Money for films (lesson 05): who paid, or would not, for a film or a funding scheme. An amount is
# recorded only where a source states it, in the source's currency; amounts in different currencies
# are never added (no cited exchange rate).
FUNDER_KINDS = (
    "self", "state", "foreign_fund", "festival_prize", "festival_programme", "private_foundation", "private_sponsor",
)
FUNDING_STATUSES = ("received", "not_obtained", "planned", "set_by_law")
AMOUNT_QUALIFIERS = ("exactly", "about", "at_least", "up_to")


def given_together(*columns: str) -> Rule:
    """`columns` are all filled or all empty in each row (an amount needs its currency, and back)."""

    def rule(frame: pd.DataFrame) -> Iterator[Problem]:
        for position, values in enumerate(zip(*(frame[c] for c in columns))):
            filled = [not missing(v) for v in values]
            if any(filled) and not all(filled):
                empty = [c for c, f in zip(columns, filled) if not f]
                yield position, empty[0], f"{' and '.join(columns)} go together; fill in {', '.join(empty)} or empty them all."

    return rule


FUNDING = Schema(
    name="funding",
    file="funding.csv",
    description="Money sources of films and funding schemes, one row each, with amounts only where a source states them.",
    columns=(
        Column("film_or_scheme", description="The film (with its year) or the funding scheme the money went to."),
        Column("year", kind="date", required=False,
               description="When the money was given, refused, planned or set (partial ISO); empty if no source says."),
        Column("funder", description="Who gave, refused or would give the money, as precisely as the source names them."),
        Column("funder_kind", kind="category", allowed=FUNDER_KINDS,
               description="One of: " + ", ".join(FUNDER_KINDS) + "."),
        Column("funder_country", required=False, description="The funder's country (a country of the countries table)."),
        Column("status", kind="category", allowed=FUNDING_STATUSES,
               description="received: the money was given; not_obtained: sought but not given; planned: announced, "
                           "not yet shown spent; set_by_law: a share fixed by law, with no amount."),
        Column("amount", kind="float", required=False, bounds=(0, 1e15),
               description="The amount as the source states it; empty when no source states one (never zero for unknown)."),
        Column("currency", required=False, pattern=r"[A-Z]{3}", form="an ISO 4217 code such as EUR, USD or KZT",
               description="The amount's currency as an ISO 4217 code."),
        Column("amount_qualifier", kind="category", allowed=AMOUNT_QUALIFIERS, required=False,
               description="How the source words the amount: " + ", ".join(AMOUNT_QUALIFIERS) + "."),
        Column("share_percent", kind="float", required=False, bounds=(0, 100),
               description="The share of the scheme's money, in per cent, where a rule sets a share instead of an amount."),
        Column("what_for", description="What the money was for, in the course's own words."),
        Column("who_says", description="Whose word the row rests on."),
        Column("source_id", required=False, description="One of the three texts, when the row rests on it (an id of the sources table)."),
        Column("source_url", kind="url", required=False, description="Public page that states it."),
        Column("source_title", required=False, description="Title of that page, with its publisher in brackets."),
        Column("confidence", kind="category", allowed=CONFIDENCE,
               description="high: a reliable source states it plainly; medium: one person's account, a secondary "
                           "source or disagreeing sources; low: contested."),
        Column("note", required=False, description="Disagreements, caveats, and what could not be verified."),
    ),
    rules=(
        cites_a_source("source_url", "source_id"),
        refers_to("source_id", "sources", "id"),
        refers_to("funder_country", "countries", "country"),
        titled("source_url", "source_title"),
        given_together("amount", "currency", "amount_qualifier"),
    ),
)

# Reasons to leave or to stay (lesson 06): passages of the texts that give a reason, whose reason
# it is, and the side the course reads it as pulling to. The reading is one reading, offered for
# discussion: the lesson's sorter compares a student's sorting with it, never marks it.
HOLDERS = ("aliya", "director", "people")
SIDES = ("go", "stay", "both")

REASONS = Schema(
    name="reasons",
    file="reasons.csv",
    description="Reasons to leave Kazakhstan or to stay, as the texts give them, with the course's reading of each.",
    columns=(
        Column("reason_id", unique=True, **SLUG, description="Short identifier, e.g. calvert-ageing-mother."),
        Column("reason", description="The reason in a few words, in the course's own words."),
        Column("source_id", description="The source text the passage comes from (an id of the sources table)."),
        Column("passage", description="A short passage giving the reason, exactly as the source prints it."),
        Column("offset", kind="int", bounds=(0, 10**9),
               description="Computed: character offset of the passage's first character in the source text."),
        Column("holder", kind="category", allowed=HOLDERS,
               description="Whose reason it is: aliya (the film's heroine), director, or people (people in general)."),
        Column("pull", kind="category", allowed=SIDES,
               description="The course's reading of the side it pulls to: go, stay, or both (both or unclear)."),
        Column("explanation", description="Why the course reads it so, in one line of its own words."),
        Column("note", required=False, description="Caveats: outdated claims, other readings, other texts."),
    ),
    rules=(
        refers_to("source_id", "sources", "id"),
        verbatim_at_offset("passage", "offset", "source_id"),
    ),
)

# Every course table by name, in the order the data README describes them.
SCHEMAS: dict[str, Schema] = {
    s.name: s for s in (SOURCES, COUNTRIES, PLACES, TIMELINE, PEOPLE, QUOTES, GLOSSARY, CORRECTIONS, CHAIN, LEXICON, FUNDING, REASONS)
}
