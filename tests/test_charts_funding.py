"""The funding figures: panels by currency, unknown amounts never drawn as zero, shapes for status."""

from __future__ import annotations

import pandas as pd
import pytest

from coursekit.charts import Chart
from coursekit.charts.funding import (
    NOT_STATED,
    SHARE,
    STATUS_STYLE,
    FundingError,
    amount_text,
    films,
    funding_chart,
    kinds,
    overview_chart,
    panel_of,
    panels,
    select,
)
from coursekit.datasets import load_table
from coursekit.errors import DataError
from coursekit.paths import data_dir
from coursekit.tables import FUNDING

CENTRE = "The State Centre's film competitions (2019–2022)"


def traces(chart: Chart, kind: str) -> list:
    return [t for t in chart.figure.data if t.type == kind]


def test_films_and_kinds_in_table_order(funding):
    assert films(funding)[:2] == ["Welcome to the USA (2019)", "Bikechess (2024)"]
    assert kinds(funding)[0] == "self" and "state" in kinds(funding)


def test_select_filters_and_refuses_unknown_names(funding):
    assert set(select(funding, kind="festival_prize")["currency"]) == {"EUR"}
    assert len(select(funding)) == len(funding)
    with pytest.raises(FundingError, match="choose one of"):
        select(funding, film="Nope")
    with pytest.raises(FundingError, match="kind of funder"):
        select(funding, kind="lottery")


def test_amount_text_keeps_the_sources_wording(funding):
    texts = {amount_text(row) for _, row in funding.iterrows()}
    assert {"5,000 EUR", "at least 5,000,000 USD", "up to 500,000,000 KZT", "70% of the money", NOT_STATED} <= texts


def test_panels_put_currencies_first_then_shares_then_not_stated(funding):
    assert panels(funding) == ["EUR", "KZT", "USD", SHARE, NOT_STATED]
    row = funding[funding["amount"].isna() & funding["share_percent"].isna()].iloc[0]
    assert panel_of(row) == NOT_STATED


def test_each_currency_has_its_own_axis_and_unknowns_are_not_bars(funding):
    chart = funding_chart(funding, title="All money")
    bars = traces(chart, "bar")
    axes_by_currency: dict[str, set] = {}
    for bar in bars:
        for label in bar.text:
            currency = label.rsplit(" ", 1)[-1]
            if currency.isupper() and len(currency) == 3:
                axes_by_currency.setdefault(currency, set()).add(bar.xaxis)
    assert set(axes_by_currency) == {"EUR", "KZT", "USD"}
    assert all(len(axes) == 1 for axes in axes_by_currency.values())
    assert len({next(iter(a)) for a in axes_by_currency.values()}) == 3  # three different axes
    # no bar has a length for a row with no amount: the unknowns are text markers on a category axis
    unknown = [t for t in traces(chart, "scatter") if t.x and set(t.x) == {NOT_STATED}]
    assert sum(len(t.x) for t in unknown) == int((funding["amount"].isna() & funding["share_percent"].isna()).sum())
    assert all(0 not in bar.x for bar in bars)


def test_status_is_a_shape_and_a_word_not_only_a_colour(funding):
    chart = funding_chart(select(funding, film="Welcome to the USA (2019)"), title="Welcome")
    (markers,) = traces(chart, "scatter")[:1]
    symbols = [s for t in traces(chart, "scatter") for s in t.marker.symbol]
    assert STATUS_STYLE["received"][2] in symbols and STATUS_STYLE["not_obtained"][2] in symbols
    words = " ".join(w for t in traces(chart, "scatter") for w in t.text)
    assert "received" in words and "not obtained" in words
    assert markers.legendgroup in kinds(funding)


def test_chart_is_accessible_and_described(funding):
    chart = funding_chart(select(funding, film=CENTRE), title="Centre")
    assert chart.title == "Centre"
    assert chart.description.startswith("7 money sources (3 received, 4 planned)")
    assert "amounts in KZT only" in chart.description
    layout = chart.figure.layout
    x_axes = sorted((k for k in layout if k.startswith("xaxis")), key=lambda k: int(k[5:] or 1))
    y_axes = [k for k in layout if k.startswith("yaxis")]
    assert len(x_axes) == len(y_axes) == 2  # two panels: KZT amounts, then amounts not stated
    assert layout[x_axes[-1]].title.text  # the x title sits under the last panel
    assert all(layout[k].title.text for k in y_axes)


def test_an_empty_selection_is_refused(funding):
    with pytest.raises(FundingError):
        funding_chart(funding.iloc[0:0], title="Nothing")


def test_overview_counts_every_row_once(funding):
    chart = overview_chart(funding)
    assert sum(sum(t.x) for t in chart.figure.data) == len(funding)
    assert str(len(funding)) in chart.description
    assert all(t.text for t in chart.figure.data)  # each segment labelled, not only coloured


def test_an_amount_without_its_currency_is_refused_by_the_schema(tmp_path):
    """The table's own rule: an amount, its currency and its wording go together."""
    frame = pd.read_csv(data_dir() / FUNDING.file, dtype=str, keep_default_na=False)
    frame.loc[0, "amount"] = "100"
    broken = tmp_path / "funding.csv"
    frame.to_csv(broken, index=False, lineterminator="\n")
    with pytest.raises(DataError, match="currency"):
        load_table(broken, FUNDING)


def test_every_money_source_has_its_own_line(funding):
    """Rows with the same funder (the State Centre, four times) must not be drawn over each other."""
    state = select(funding, kind="state")
    chart = funding_chart(state, title="State")
    lines = [y for t in chart.figure.data if t.type == "bar" or t.mode == "markers+text" for y in t.y]
    assert len(lines) == len(set(lines)) == len(state)
    films_shown = {f[:20] for f in state["film_or_scheme"]}
    assert all(any(y.startswith(f) for f in films_shown) for y in lines)  # several films: each line names its film
