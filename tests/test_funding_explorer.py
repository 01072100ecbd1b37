"""The funding explorer: its logic, its controls, and the advice it gives for bad input.

Each test drives the widgets as a student would (choose a film, choose a kind of funder) and checks
what update() recomputed: the rows, the sentence, the figure in the output area and the sources.
"""

from __future__ import annotations

import pytest

from coursekit.charts import MIMETYPE
from coursekit.charts.funding import NOT_STATED, films
from coursekit.errors import CourseError
from coursekit.widgets import FundingExplorer
from coursekit.widgets.funding_explorer import ANY, NO_FILM, sources_html, summarise

WELCOME = "Welcome to the USA (2019)"
BIKECHESS = "Bikechess (2024)"
QAZAQ = "Qazaq: History of the Golden Man (2021)"


def figure_json(explorer: FundingExplorer) -> dict:
    (figure,) = [o["data"][MIMETYPE] for o in explorer.figure.outputs if MIMETYPE in o["data"]]
    return figure


def advice_only(explorer: FundingExplorer) -> bool:
    return explorer.chart is None and explorer.figure.outputs == () and explorer.sources.value == "" and explorer.rows.empty


def test_opens_with_advice_when_nothing_is_chosen(funding):
    explorer = FundingExplorer(funding)
    assert explorer.film.value == NO_FILM and explorer.kind.value == ANY
    assert explorer.film.label == "Choose a film or scheme…"  # the menu says what to do, it is not blank
    assert advice_only(explorer)
    assert "Choose a film or scheme" in explorer.summary.value


def test_controls_have_labels(funding):
    explorer = FundingExplorer(funding)
    assert (explorer.film.description, explorer.kind.description) == ("Film or scheme", "Funder")


def test_a_film_shows_its_money_sources_chart_and_sources(funding):
    explorer = FundingExplorer(funding, film=WELCOME)
    assert list(explorer.rows["funder_kind"]) == ["self", "state", "private_sponsor"]
    assert "3 money sources for <b>Welcome to the USA (2019)</b>: 1 received and 2 not obtained" in explorer.summary.value
    assert "no source states an amount" in explorer.summary.value
    figure = figure_json(explorer)
    assert figure["layout"]["title"]["text"] == f"Where the money came from: {WELCOME}"
    # every money source without an amount sits in the 'amount not stated' panel, none as a bar of zero
    assert {t["type"] for t in figure["data"]} == {"scatter"}
    assert all(set(t["x"]) == {NOT_STATED} for t in figure["data"])
    assert "source text <code>klassiki</code>" in explorer.sources.value
    assert "calvertjournal.com" in explorer.sources.value


def test_choosing_another_film_recomputes_everything(funding):
    explorer = FundingExplorer(funding, film=WELCOME)
    before = (explorer.summary.value, explorer.sources.value, figure_json(explorer))
    explorer.film.value = BIKECHESS
    assert "4 money sources for <b>Bikechess (2024)</b>: 4 received" in explorer.summary.value
    assert "5,000 EUR" in explorer.summary.value
    after = (explorer.summary.value, explorer.sources.value, figure_json(explorer))
    assert all(b != a for b, a in zip(before, after))
    bars = [t for t in figure_json(explorer)["data"] if t["type"] == "bar"]
    assert [b["x"] for b in bars] == [[5000.0]]


def test_choosing_a_kind_of_funder_narrows_the_rows(funding):
    explorer = FundingExplorer(funding, film=BIKECHESS)
    explorer.kind.value = "foreign_fund"
    assert set(explorer.rows["funder_country"]) == {"Norway", "France"}
    assert "from funds abroad: 2 received" in explorer.summary.value
    assert figure_json(explorer)["layout"]["title"]["text"].endswith("money from funds abroad")


def test_a_kind_alone_shows_it_across_films(funding):
    explorer = FundingExplorer(funding, kind="state")
    assert explorer.film.value == NO_FILM
    assert len(explorer.rows) == int((funding["funder_kind"] == "state").sum())
    assert "They went to" in explorer.summary.value and WELCOME in explorer.summary.value
    assert "more in the chart" in explorer.summary.value  # long lists of amounts are cut short


def test_a_film_and_kind_with_no_money_gives_advice(funding):
    explorer = FundingExplorer(funding, film=WELCOME)
    explorer.kind.value = "festival_prize"
    assert advice_only(explorer)
    assert "no money from festival prizes" in explorer.summary.value and "Any kind of funder" in explorer.summary.value


def test_an_unknown_film_or_kind_gives_advice_until_one_is_chosen(funding):
    explorer = FundingExplorer(funding, film="Borat")
    assert advice_only(explorer) and "no film or scheme called “Borat”" in explorer.summary.value
    explorer.film.value = QAZAQ
    assert "at least 5,000,000 USD" in explorer.summary.value
    explorer = FundingExplorer(funding, film=QAZAQ, kind="lottery")
    assert advice_only(explorer) and "no kind of funder called “lottery”" in explorer.summary.value
    explorer.kind.value = "private_foundation"
    assert len(explorer.rows) == 1


def test_user_text_is_escaped(funding):
    explorer = FundingExplorer(funding, film="<script>x</script>")
    assert "<script>" not in explorer.summary.value and "&lt;script&gt;" in explorer.summary.value


def test_different_currencies_are_never_added(funding):
    rows = funding[funding["currency"].notna()]
    text = summarise(rows, film=None, kind=None)
    assert "never added" in text
    assert rows["currency"].nunique() > 1


def test_each_source_is_listed_once(funding):
    rows = funding[funding["film_or_scheme"] == "The State Centre's film competitions (2019–2022)"]
    html = sources_html(rows)
    assert html.count("astanatimes.com") == 1  # five rows cite it
    assert html.count("<li>") == rows["source_url"].nunique()


def test_every_film_in_the_menu_draws(funding):
    explorer = FundingExplorer(funding)
    for film in films(funding):
        explorer.film.value = film
        assert explorer.chart is not None and len(explorer.rows) == int((funding["film_or_scheme"] == film).sum())


def test_a_table_without_the_funding_columns_is_refused(funding):
    with pytest.raises(CourseError):
        FundingExplorer(funding.drop(columns=["funder_kind"]))
