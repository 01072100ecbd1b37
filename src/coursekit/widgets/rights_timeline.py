"""The rights timeline (lesson 04): laws and events about LGBTQ+ people, compared across countries.

The director compared Kazakhstan with Russia; the interviewer brought in Georgia. Lined up on one
time axis, the countries' laws, court rulings, attacks and detentions show who moved first and who
followed. The explorer compares every timeline row that has a `kind`.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

import ipywidgets as w
import pandas as pd

from ..charts import Chart
from ..charts.rights import country_order, kind_label, rights_chart
from ..datasets import load_table, require_table
from ..errors import CourseError
from ..tables import EVENT_KINDS
from .controls import checkbox_row, checkboxes, years_slider
from .timeline_explorer import LINK_STYLE

CELL = "white-space:nowrap;vertical-align:top;padding-right:1em"


def _chosen(value: str | Iterable[str] | None, known: list[str], what: str) -> list[str]:
    """The names a lesson passed (one word or a list), checked against the ones the events have."""
    if value is None:
        return list(known)
    chosen = [value] if isinstance(value, str) else list(value)
    unknown = [v for v in chosen if v not in known]
    if unknown:
        raise CourseError(f"No events have the {what} {', '.join(map(repr, unknown))}; "
                          f"choose from: {', '.join(known)}.")
    return chosen


def _slug(name: str) -> str:
    return "-".join(name.lower().split())


class RightsTimeline:
    """Tick countries and kinds of event, choose years; compare the events on one chart and list their sources.

    One row of the chart per country; each kind of event has its own colour and symbol; open markers
    are dates known only to the month or year. Ticking no country or no kind, or a choice with no
    events, gets a sentence of advice instead of a chart. `events` holds the rows shown and `chart`
    the figure (None when there is none).
    """

    def __init__(
        self,
        events: pd.DataFrame | None = None,
        *,
        countries: str | Iterable[str] | None = None,
        kinds: str | Iterable[str] | None = None,
        years: tuple[int, int] | None = None,
        max_rows: int = 60,
    ):
        table = require_table(load_table("timeline") if events is None else events, "timeline",
                              user="The rights timeline")
        self.all_events = table[table["kind"].notna()]
        if self.all_events.empty:
            raise CourseError("The rights timeline compares events by their kind, but none of these rows has one; "
                              "pass load_table('timeline'), or rows of it with a kind.")
        self.max_rows = max_rows
        known_countries = country_order(self.all_events)
        known_kinds = [k for k in EVENT_KINDS if k in set(self.all_events["kind"])]
        ticked_countries = set(_chosen(countries, known_countries, "country"))
        ticked_kinds = set(_chosen(kinds, known_kinds, "kind"))
        self.events = self.all_events.iloc[0:0]
        self.chart: Chart | None = None

        self.country_boxes = checkboxes(known_countries, ticked_countries, str)
        self.kind_boxes = checkboxes(known_kinds, ticked_kinds, kind_label)
        self.years = years_slider(self.all_events["date_start"], years)
        self.count = w.HTML()
        self.output = w.Output()
        self.table = w.HTML()
        for part, boxes in [("country", self.country_boxes), ("kind", self.kind_boxes)]:
            for name, checkbox in boxes.items():
                checkbox.add_class(f"coursekit-rights-{part}")
                checkbox.add_class(f"coursekit-rights-{part}-{_slug(name)}")
        for widget, name in [(self.years, "years"), (self.count, "count"), (self.output, "chart"), (self.table, "table")]:
            widget.add_class(f"coursekit-rights-{name}")

        self.widget = w.VBox([checkbox_row("Countries", self.country_boxes), checkbox_row("Kinds", self.kind_boxes), self.years,
                              self.count, self.output, self.table])
        self.widget.add_class("coursekit-rights-explorer")
        for control in [*self.country_boxes.values(), *self.kind_boxes.values(), self.years]:
            control.observe(lambda _change: self.update(), names="value")
        self.update()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def ticked_countries(self) -> list[str]:
        return [c for c, box in self.country_boxes.items() if box.value]

    def ticked_kinds(self) -> list[str]:
        return [k for k, box in self.kind_boxes.items() if box.value]

    def update(self) -> None:
        """Recompute the events for the ticked countries and kinds and the years; redraw chart and list."""
        countries, kinds = self.ticked_countries(), self.ticked_kinds()
        first, last = self.years.value
        years = f"{first}" if first == last else f"{first} to {last}"
        self.events = self.all_events.iloc[0:0]
        self.chart = None
        if not countries:
            self._show("Tick at least one country under <b>Countries</b> to see its events.")
            return
        if not kinds:
            self._show("Tick at least one kind of event under <b>Kinds</b>, for example <i>law</i>.")
            return
        kind_names = ", ".join(kind_label(k) for k in kinds)
        chosen = (self.all_events["country"].isin(countries) & self.all_events["kind"].isin(kinds)
                  & self.all_events["date_start"].dt.year.between(first, last))
        self.events = self.all_events[chosen]
        if self.events.empty:
            where = ", ".join(countries)
            self._show(f"No event in {escape(where)} in {escape(years)} is of the ticked "
                       f"{'kind' if len(kinds) == 1 else 'kinds'} ({escape(kind_names)}). "
                       "Tick more kinds or countries, or widen the range of <b>Years</b>.")
            return
        n, shown = len(self.events), country_order(self.events)
        summary = f"{n} {'event' if n == 1 else 'events'} in {len(shown)} {'country' if len(shown) == 1 else 'countries'}"
        empty = [c for c in countries if c not in shown]
        note = (f" · nothing of these kinds in {escape(', '.join(empty))} in these years" if empty else "")
        self.chart = rights_chart(
            self.events,
            title=f"{summary}, {years}",
            description=(f"{summary} ({', '.join(shown)}) from {years}, one row per country, marked by kind "
                         f"({kind_names}); a filled marker is an exact day, an open one a month or year only."),
        )
        self._show(f"<b>{summary}</b> in {escape(years)} · {escape(kind_names)}{note}", self.chart, self._table())

    def _show(self, message: str, chart: Chart | None = None, table: str = "") -> None:
        self.count.value = f"<p>{message}</p>"
        self.output.outputs = () if chart is None else chart.outputs()
        self.table.value = table

    def _table(self) -> str:
        rows = [
            "<tr>"
            f"<td style='{CELL}'>{escape(e.date)}</td><td style='{CELL}'>{escape(e.country)}</td>"
            f"<td style='{CELL}'>{escape(kind_label(e.kind))}</td>"
            f"<td style='text-align:left;vertical-align:top'>{escape(e.event)} Source: "
            f"<a href='{escape(e.source_url)}' target='_blank' rel='noopener' style='{LINK_STYLE}'>"
            f"{escape(e.source_title)}</a></td>"
            "</tr>"
            for e in self.events.head(self.max_rows).itertuples()
        ]
        more = len(self.events) - self.max_rows
        note = (f"<p>Showing the first {self.max_rows}; {more} more not shown. Narrow the years to see them.</p>"
                if more > 0 else "")
        head = "".join(f"<th style='text-align:left'>{h}</th>" for h in ("date", "country", "kind", "event and source"))
        return (f"<table style='font-family:inherit;border-collapse:collapse'><thead><tr>{head}</tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table>{note}")
