"""The chain figures: one case's chain and the overview of every case.

Each outcome must be carried by height, marker shape and a word (never by colour alone), and
what is not a reported event must look different and say so.
"""

from __future__ import annotations

import pandas as pd
import pytest

from coursekit.charts import Chart
from coursekit.charts.chain import (
    NO_RECORD,
    OUTCOME_STYLE,
    ChainError,
    cases,
    chain_chart,
    complete_chain,
    overview_chart,
)
from coursekit.tables import OUTCOMES, STAGES


def markers(chart: Chart) -> list[dict]:
    """One dict per marker: x, y, text, symbol, colour, from every marker trace of the figure."""
    found = []
    for trace in chart.figure.data:
        if "markers" not in trace.mode:
            continue
        symbols = trace.marker.symbol
        for i, (x, y, text) in enumerate(zip(trace.x, trace.y, trace.text)):
            found.append({"x": x, "y": y, "text": text, "symbol": symbols[i], "colour": trace.marker.color,
                          "legend": trace.name})
    return found


def test_cases_keep_the_table_order(chain):
    assert cases(chain) == list(dict.fromkeys(chain["case"]))
    assert len(cases(chain)) >= 5


def test_complete_chain_has_five_stages_in_order_and_fills_gaps(chain):
    for case in cases(chain):
        completed = complete_chain(chain, case)
        assert list(completed["stage"]) == list(STAGES)
        assert (completed["case"] == case).all()
        recorded = set(chain.loc[chain["case"] == case, "stage"])
        gaps = completed[~completed["stage"].isin(recorded)]
        assert (gaps["outcome"] == "unknown").all() and (gaps["kind"] == "no_record").all()
        assert (gaps["what"] == NO_RECORD).all()


def test_complete_chain_refuses_an_unknown_case_naming_the_known_ones(chain):
    with pytest.raises(ChainError) as info:
        complete_chain(chain, "Borat, 2006")
    assert "Borat, 2006" in str(info.value) and cases(chain)[0] in str(info.value)


def test_each_outcome_has_its_own_word_symbol_and_colour():
    words, symbols, colours = zip(*[(w, s, c) for w, _, s, c in OUTCOME_STYLE.values()])
    assert set(OUTCOME_STYLE) == set(OUTCOMES)
    assert len(set(words)) == len(set(symbols)) == len(set(colours)) == len(OUTCOMES)


def test_chain_chart_puts_each_stage_at_its_outcome_with_shape_and_word(chain):
    chain = complete_chain(chain, "Lightyear, 2022")
    chart = chain_chart(chain)
    points = {p["x"]: p for p in markers(chart)}
    assert set(points) == {"Law", "Funding", "Rating", "Screening", "Audience"}
    for stage, outcome in zip(chain["stage"], chain["outcome"]):
        word, _, symbol, colour = OUTCOME_STYLE[outcome]
        point = points[stage.capitalize()]
        assert point["y"] == word and point["text"].startswith(word) and point["legend"] == word
        assert point["symbol"] == symbol and point["colour"] == colour  # events: filled markers


def test_chain_chart_draws_the_chain_as_a_line_through_all_five_stages(chain):
    chart = chain_chart(complete_chain(chain, "Welcome to the USA, 2019–2020"))
    (line,) = [t for t in chart.figure.data if t.mode == "lines"]
    assert list(line.x) == ["Law", "Funding", "Rating", "Screening", "Audience"]
    assert list(line.y) == ["passed", "restricted", "restricted", "restricted", "restricted"]


def test_chain_line_breaks_where_no_outcome_applies_or_is_known(chain):
    chart = chain_chart(complete_chain(chain, "Lightyear, 2022"))
    (line,) = [t for t in chart.figure.data if t.mode == "lines"]
    assert list(line.y) == ["passed", None, "passed", "blocked", "blocked"] and line.connectgaps is False


def test_stated_rules_and_accounts_are_hollow_and_labelled(chain):
    rules = markers(chain_chart(complete_chain(chain, "A queer-themed film under the December 2025 law")))
    assert rules and all(p["symbol"].endswith("-open") and p["text"].endswith("(would)") for p in rules)
    accounts = [p for p in markers(chain_chart(complete_chain(chain, "Welcome to the USA, 2019–2020")))
                if p["x"] != "Law"]
    assert accounts and all(p["symbol"].endswith("-open") and p["text"].endswith("(account)") for p in accounts)


def test_stages_without_a_source_are_hollow_and_say_no_source(chain):
    points = markers(chain_chart(complete_chain(chain, "A film with a woman in a hijab, 2020")))
    empty = [p for p in points if p["x"] != "Screening"]
    assert len(empty) == 4 and all(p["text"] == "no source" and p["symbol"] == "cross-open" for p in empty)


def test_outcome_axis_runs_from_passed_at_the_top_to_unknown_at_the_bottom(chain):
    chart = chain_chart(complete_chain(chain, "Lightyear, 2022"))
    order = list(chart.figure.layout.yaxis.categoryarray)
    assert order[-1] == "passed" and order[0] == "unknown"
    assert list(chart.figure.layout.xaxis.categoryarray) == ["Law", "Funding", "Rating", "Screening", "Audience"]


def test_selected_stage_is_shaded_and_none_otherwise(chain):
    chain = complete_chain(chain, "Lightyear, 2022")
    assert chain_chart(chain).figure.layout.shapes == ()
    for at, stage in enumerate(STAGES):
        (shape,) = chain_chart(chain, stage=stage).figure.layout.shapes
        assert shape.x0 < at < shape.x1


def test_chain_chart_is_accessible(chain):
    chain = complete_chain(chain, "Lightyear, 2022")
    chart = chain_chart(chain)
    assert chart.title == "The chain for Lightyear, 2022"
    assert chart.figure.layout.xaxis.title.text and chart.figure.layout.yaxis.title.text
    assert "Screening: blocked" in chart.description and "Funding: not applicable" in chart.description
    assert "application/vnd.plotly.v1+json" in chart.mimebundle()


def test_overview_has_one_marker_per_case_and_stage(chain):
    chart = overview_chart(chain)
    points = markers(chart)
    assert len(points) == len(cases(chain)) * len(STAGES)
    assert {(p["y"], p["x"]) for p in points} == {(c, s.capitalize()) for c in cases(chain) for s in STAGES}
    assert list(chart.figure.layout.yaxis.categoryarray) == list(reversed(cases(chain)))


def test_overview_description_counts_outcomes(chain):
    chart = overview_chart(chain)
    total = len(cases(chain)) * len(STAGES)
    counts = pd.Series([p["legend"] for p in markers(chart)]).value_counts()
    assert counts.sum() == total
    for word, n in counts.items():
        assert f"{n} {word}" in chart.description
    assert f"{len(cases(chain))} cases" in chart.description
