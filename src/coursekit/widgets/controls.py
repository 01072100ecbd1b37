"""Controls that several explorers build the same way: a row of labelled checkboxes, a years slider.

Kept in one place so that the explorers look and behave alike (same spacing, same slider that only
redraws when released) and a change to one reaches all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import ipywidgets as w
import pandas as pd


def checkboxes(names: Iterable[str], ticked: set[str], label: Callable[[str], str]) -> dict[str, w.Checkbox]:
    """One checkbox per name, ticked if in `ticked`, described by `label(name)`."""
    return {
        name: w.Checkbox(value=name in ticked, description=label(name), indent=False,
                         layout=w.Layout(width="auto", margin="0 1.2em 0 0"))
        for name in names
    }


def checkbox_row(label: str, boxes: dict[str, w.Checkbox]) -> w.HBox:
    """The boxes in a wrapping row behind a bold label, such as "Themes" or "Countries"."""
    return w.HBox([w.HTML(f"<b>{label}</b>", layout=w.Layout(width="6em", flex="0 0 auto")),
                   w.HBox(list(boxes.values()), layout=w.Layout(flex_flow="row wrap"))])


def years_slider(dates: pd.Series, years: tuple[int, int] | None = None) -> w.IntRangeSlider:
    """A "Years" range over the years of `dates`, set to `years` or to all of them.

    It reports only when released, so that dragging does not redraw the chart at every year.
    """
    first, last = int(dates.dt.year.min()), int(dates.dt.year.max())
    return w.IntRangeSlider(
        value=sorted(years) if years else (first, last), min=first, max=last, step=1, description="Years",
        continuous_update=False, layout=w.Layout(width="40em"),
    )
