"""Row rules: the checks that span cells, tables and texts.

A cell can be checked alone (is it a date? a theme from the list?), but the promises the course
makes about its data need more: a quotation stands verbatim at its offset in its source text, a
place lies inside its country, a person's "mentioned in" matches the texts, every row cites a
source. Each function here builds one such rule for a `Schema`; a rule yields
(row position, column, message) for every row that breaks it, and `load_table` turns the first
into a DataError naming file, line and column.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import pandas as pd

from .corpus import stands_at
from .datasets import Problem, Rule, load_table

LIST_SEPARATOR = "; "


def missing(value) -> bool:
    """Whether a loaded cell is empty: None, or how pandas shows it (NaN for text, NA for numbers)."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def split_list(value) -> list[str]:
    """The items of a `; `-separated cell (empty cell, no items)."""
    return [] if missing(value) else [item.strip() for item in value.split(";") if item.strip()]


def cites_a_source(*columns: str) -> Rule:
    """Every row names its source in at least one of `columns`."""

    def rule(frame: pd.DataFrame) -> Iterator[Problem]:
        for position, values in enumerate(zip(*(frame[c] for c in columns))):
            if all(missing(v) for v in values):
                yield position, columns[0], f"the row cites no source; fill in {' or '.join(columns)}."

    return rule


def refers_to(column: str, table: str, key: str, *, many: bool = False) -> Rule:
    """Each value of `column` (each item, if `many`) is a `key` of the course table `table`."""

    def rule(frame: pd.DataFrame) -> Iterator[Problem]:
        known = set(load_table(table)[key].dropna())
        for position, value in enumerate(frame[column]):
            for item in split_list(value) if many else [value]:
                if not missing(item) and item not in known:
                    yield position, column, (
                        f"{item!r} is not a {key} in the {table} table; use one of: {', '.join(sorted(known))}."
                    )

    return rule


def verbatim_at_offset(text: str = "text", offset: str = "offset", source: str = "source_id") -> Rule:
    """The `text` of each row stands, character for character, at `offset` in its source text.

    `python -m coursekit.computed` fills in offsets, finding the columns from the rule's `fills`.
    """

    def rule(frame: pd.DataFrame) -> Iterator[Problem]:
        texts = _source_texts()
        for position, (quoted, start, source_id) in enumerate(zip(frame[text], frame[offset], frame[source])):
            if source_id not in texts:
                continue  # refers_to(source, ...) reports it
            body = texts[source_id]
            if stands_at(body, start, quoted):
                continue
            found = starts_of(body, quoted)
            if found:
                yield position, offset, (f"{_short(quoted)} is not at offset {start} of the {source_id} text; "
                                         f"it stands at offset {', '.join(map(str, found))}.")
            else:
                yield position, text, (f"{_short(quoted)} does not occur verbatim in the {source_id} text "
                                       "(quotes, spaces and line breaks must match character for character).")

    rule.fills = ("offset", text, offset, source)  # read by coursekit.computed
    return rule


def computed_mentions(column: str, names: tuple[str, ...], *, case_sensitive: bool = True) -> Rule:
    """`column` lists exactly the source texts that name the row (by any of the `names` columns).

    The column is computed, never typed: `python -m coursekit.computed` fills it in, finding what
    to fill from the rule's `fills` attribute.
    """

    def rule(frame: pd.DataFrame) -> Iterator[Problem]:
        for position, expected in enumerate(mention_lists(frame, names, case_sensitive=case_sensitive)):
            stated = frame[column].iloc[position]
            stated = None if missing(stated) else stated
            if stated != expected:
                yield position, column, (
                    f"says {stated!r}, but the texts that name this row are {expected!r}; "
                    "run `python -m coursekit.computed` to recompute it."
                )

    rule.fills = ("mentions", column, names, case_sensitive)  # read by coursekit.computed
    return rule


def mention_lists(frame: pd.DataFrame, names: tuple[str, ...], *, case_sensitive: bool = True) -> list[str | None]:
    """For each row, the `; `-joined ids of the source texts that name it (None if none do)."""
    from .corpus import (  # corpus reads the sources table through datasets
        load_sources,
        mentions,
    )

    corpus = load_sources()
    lists = []
    for values in zip(*(frame[c] for c in names)):
        forms = [form for value in values for form in split_list(value)]
        found = mentions(corpus, forms, case_sensitive=case_sensitive) if forms else []
        lists.append(LIST_SEPARATOR.join(found) or None)
    return lists


def place_matches_country(place: str = "place", country: str = "country") -> Rule:
    """A row's `place` lies in the row's `country`, as the places table records it."""

    def rule(frame: pd.DataFrame) -> Iterator[Problem]:
        places = load_table("places").set_index("place")["country"]
        for position, (name, stated) in enumerate(zip(frame[place], frame[country])):
            if name in places.index and places[name] != stated:
                yield position, country, f"{stated!r} does not match the places table, which puts {name} in {places[name]}."

    return rule


def inside_country(latitude: str = "latitude", longitude: str = "longitude", country: str = "country") -> Rule:
    """The coordinates fall inside the bounding box of (a part of) the named country."""

    def rule(frame: pd.DataFrame) -> Iterator[Problem]:
        from .geo import is_inside

        codes = load_table("countries").set_index("country")["iso3"]
        for position, (lat, lon, name) in enumerate(zip(frame[latitude], frame[longitude], frame[country])):
            if name in codes.index and not is_inside(codes[name], lat, lon):
                yield position, latitude, f"({lat}, {lon}) is not inside {name}; check the coordinates and their signs."

    return rule


def starts_of(text: str, phrase: str) -> list[int]:
    """Every offset at which `phrase` stands in `text`, character for character (none if empty)."""
    return [i for i in range(len(text)) if text.startswith(phrase, i)] if phrase else []


def _source_texts() -> dict[str, str]:
    from .corpus import load_sources

    corpus = load_sources()
    return dict(zip(corpus["source_id"], corpus["text"]))


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[:limit - 1] + "…")
