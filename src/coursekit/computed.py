"""Fill in the table columns that are computed from the source texts, never typed.

Which texts name a person, a place or a glossary term, and where in its text a quotation or a
corrected claim starts, are facts about the texts; typing them by hand invites mistakes, so this
command works them out and writes them into the CSVs. `load_table` checks the same columns, so a
table edited by hand and not refreshed is refused with a message pointing here.

    python -m coursekit.computed            # rewrite the computed columns
    python -m coursekit.computed --check    # exit 1 if any would change

An offset is filled only where the text occurs exactly once in its source; where it occurs more
than once, the offset already in the file is kept if it is one of them, and otherwise the command
stops and says which row needs a hand-picked offset.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

import pandas as pd

from .corpus import load_sources
from .datasets import _rows_with_first_lines, course_schemas
from .errors import CourseError
from .paths import data_dir
from .rules import mention_lists, starts_of


def _filled_columns() -> tuple[dict, dict]:
    """What each table computes, read from its schema's rules, so that it is declared only once."""
    mentions, offsets = {}, {}
    for schema in course_schemas().values():
        for rule in schema.rules:
            kind, *spec = getattr(rule, "fills", (None,))
            if kind == "mentions":
                column, names, case_sensitive = spec
                mentions[schema.name] = (column, names, case_sensitive)
            elif kind == "offset":
                offsets[schema.name] = tuple(spec)
    return mentions, offsets


# MENTIONS: table -> (computed column, columns holding the names, whether capitals must match)
# OFFSETS: table -> (text column, offset column, source id column)
MENTIONS, OFFSETS = _filled_columns()


def refreshed(table: str, text: str) -> str:
    """The CSV `text` of `table` with its computed columns recomputed."""
    records = _rows_with_first_lines(text, f"{table}.csv")
    if not records:
        return text
    header, body = records[0][1], [row for _, row in records[1:]]
    lines = [line for line, _ in records[1:]]
    corpus = load_sources()
    if table in MENTIONS:
        column, names, case_sensitive = MENTIONS[table]
        frame = pd.DataFrame(body, columns=header).replace("", None)
        target = header.index(column)
        for row, found in zip(body, mention_lists(frame, names, case_sensitive=case_sensitive)):
            row[target] = found or ""
    if table in OFFSETS:
        texts = dict(zip(corpus["source_id"], corpus["text"]))
        text_col, offset_col, source_col = (header.index(c) for c in OFFSETS[table])
        for line, row in zip(lines, body):
            row[offset_col] = _offset(texts.get(row[source_col], ""), row[text_col], row[offset_col], table, line)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *body])
    return out.getvalue()


def _offset(body: str, quoted: str, current: str, table: str, line: int) -> str:
    found = starts_of(body, quoted)
    if len(found) == 1:
        return str(found[0])
    if current.isdigit() and int(current) in found:
        return current
    if not found:
        raise CourseError(f"{table}.csv, line {line}: the text does not occur verbatim in its source.")
    raise CourseError(f"{table}.csv, line {line}: the text occurs at offsets {found}; write the right one in by hand.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report tables whose computed columns are stale")
    args = parser.parse_args(argv)
    stale = []
    for table in (*MENTIONS, *OFFSETS):
        path: Path = data_dir() / f"{table}.csv"
        old = path.read_text(encoding="utf-8")
        new = refreshed(table, old)
        if new != old:
            stale.append(path.name)
            if not args.check:
                path.write_text(new, encoding="utf-8")
    verb = "Stale" if args.check else "Refreshed"
    print(f"{verb}: {', '.join(stale)}." if stale else "All computed columns are up to date.")
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
