"""The timeline explorer (lesson 02): tick themes, choose years, see the events and their sources."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

import ipywidgets as w
import pandas as pd

from ..charts import Chart
from ..charts.timeline import theme_label, timeline_chart
from ..datasets import load_table, require_table
from ..errors import CourseError
from ..tables import THEMES
from .controls import checkbox_row, checkboxes, years_slider

# An HTML widget shows links in the colour of the text around them; a reader must see a link.
LINK_STYLE = "color:var(--jp-content-link-color,#1976d2);text-decoration:underline"


class TimelineExplorer:
    """Filter the course timeline by theme and by years; plot the events and list their sources.

    One checkbox per theme and a range slider of years choose the events. The chart shows them on
    a time axis, one row per theme; the table under it gives each event with a link to its
    source. Ticking no theme, or choosing years with no events, gets a sentence of advice instead
    of an empty chart.
    """

    def __init__(
        self,
        events: pd.DataFrame | None = None,
        *,
        themes: str | Iterable[str] | None = None,
        years: tuple[int, int] | None = None,
        max_rows: int = 60,
    ):
        self.all_events = require_table(load_table("timeline") if events is None else events, "timeline",
                                        user="The timeline explorer")
        self.max_rows = max_rows
        known = [t for t in THEMES if t in set(self.all_events["theme"])] or list(THEMES)
        ticked = set(known if themes is None else [themes] if isinstance(themes, str) else themes)
        unknown = ticked - set(known)
        if unknown:
            raise CourseError(f"No events have the theme(s) {', '.join(sorted(unknown))}; "
                              f"the themes are: {', '.join(known)}.")
        self.events = self.all_events.iloc[0:0]
        self.chart: Chart | None = None

        self.theme_boxes = checkboxes(known, ticked, theme_label)
        self.years = years_slider(self.all_events["date_start"], years)
        self.count = w.HTML()
        self.output = w.Output()
        self.table = w.HTML()
        for theme, box in self.theme_boxes.items():
            box.add_class("coursekit-timeline-theme")
            box.add_class(f"coursekit-timeline-theme-{theme}")
        for widget, name in [(self.years, "years"), (self.count, "count"), (self.output, "chart"),
                             (self.table, "table")]:
            widget.add_class(f"coursekit-timeline-{name}")
        self.widget = w.VBox([checkbox_row("Themes", self.theme_boxes), self.years, self.count, self.output, self.table])
        self.widget.add_class("coursekit-timeline-explorer")

        for control in [*self.theme_boxes.values(), self.years]:
            control.observe(lambda _change: self.update(), names="value")
        self.update()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def ticked(self) -> list[str]:
        """The themes whose boxes are ticked, in the course's order of themes."""
        return [theme for theme, box in self.theme_boxes.items() if box.value]

    def update(self) -> None:
        """Recompute the events for the ticked themes and the years, and redraw chart and table."""
        themes = self.ticked()
        first, last = self.years.value
        years = f"{first}" if first == last else f"{first} to {last}"
        self.events = self.all_events.iloc[0:0]
        self.chart = None
        if not themes:
            self._show("Tick at least one theme under <b>Themes</b> to see its events.")
            return
        year = self.all_events["date_start"].dt.year
        chosen = self.all_events["theme"].isin(themes) & year.between(first, last)
        self.events = self.all_events[chosen]
        labels = ", ".join(theme_label(t) for t in themes)
        if self.events.empty:
            self._show(f"No events in {escape(years)} for the ticked themes ({escape(labels)}). "
                       "Widen the range of <b>Years</b> or tick more themes.")
            return
        n = len(self.events)
        noun = "event" if n == 1 else "events"
        self.chart = timeline_chart(
            self.events,
            title=f"{n} {noun}, {years}",
            description=(f"{n} dated {noun} from {years} in the themes {labels}, one row per theme; "
                         "a filled marker is an exact day, an open one a month or year only."),
        )
        self._show(f"<b>{n} {noun}</b> in {escape(years)} · {escape(labels)}", self.chart, self._table())

    def _show(self, message: str, chart: Chart | None = None, table: str = "") -> None:
        self.count.value = f"<p>{message}</p>"
        self.output.outputs = () if chart is None else chart.outputs()
        self.table.value = table

    def _table(self) -> str:
        rows = []
        for event in self.events.head(self.max_rows).itertuples():
            rows.append(
                "<tr>"
                f"<td style='white-space:nowrap;vertical-align:top;padding-right:1em'>{escape(event.date)}</td>"
                f"<td style='white-space:nowrap;vertical-align:top;padding-right:1em'>{escape(theme_label(event.theme))}</td>"
                f"<td style='text-align:left;vertical-align:top'>{escape(event.event)} Source: "
                f"<a href='{escape(event.source_url)}' target='_blank' rel='noopener' style='{LINK_STYLE}'>"
                f"{escape(event.source_title)}</a></td>"
                "</tr>"
            )
        more = len(self.events) - self.max_rows
        note = (f"<p>Showing the first {self.max_rows}; {more} more not shown. Narrow the years to see them.</p>"
                if more > 0 else "")
        return (
            "<table style='font-family:inherit;border-collapse:collapse'>"
            "<thead><tr><th style='text-align:left'>date</th><th style='text-align:left'>theme</th>"
            "<th style='text-align:left'>event and source</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>{note}"
        )
