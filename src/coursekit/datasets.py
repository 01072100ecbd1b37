"""Validated loading of the course's CSV tables.

The tables are the course's scholarship, so each one has a declared schema: its columns, their
kinds, which may be empty, which values are allowed. A table that breaks its schema is refused
with a `DataError` naming the file, the line (as an editor numbers it, header = line 1) and the
column, so that whoever edits a CSV by hand can find and fix the problem.

Dates may be partial ISO dates (`2019`, `2019-11`, `2019-11-14`), because many historical facts
are only known to the year or month. Each date column `d` gains a column `d_start` (the first day
the date can mean, as a pandas Timestamp) so that tables sort and plot chronologically, and
`d_precision` (`year`, `month` or `day`) so that nobody mistakes `2019` for 1 January 2019.
"""

from __future__ import annotations

import calendar
import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from .errors import CourseError, DataError
from .paths import data_dir

KINDS = ("text", "int", "float", "date", "url", "category")
PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
INTEGER = re.compile(r"[+-]?[0-9]+")
DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")
YEARS = (1700, 2200)  # inside the range of pandas nanosecond timestamps (1677-2262)
PRECISION = {1: "year", 2: "month", 3: "day"}


@dataclass(frozen=True)
class Column:
    """One declared column: its kind, whether it may be empty, and what values it allows.

    `pattern` is a regular expression a value must match in full, and `form` says the same in
    words for the error message. `bounds` is the inclusive (lowest, highest) range of a number.
    `description` is the data dictionary entry; data/README.md
    documents every column.
    """

    name: str
    kind: str = "text"
    required: bool = True
    allowed: tuple[str, ...] = ()
    pattern: str | None = None
    form: str = ""
    unique: bool = False
    bounds: tuple[float, float] | None = None
    description: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"column {self.name}: unknown kind {self.kind!r}; use one of {KINDS}")
        if (self.kind == "category") != bool(self.allowed):
            raise ValueError(f"column {self.name}: allowed values go with kind 'category' only")
        if bool(self.pattern) != bool(self.form):
            raise ValueError(f"column {self.name}: a pattern needs a form, its description for people")
        if self.bounds is not None and self.kind not in ("int", "float"):
            raise ValueError(f"column {self.name}: bounds go with kinds 'int' and 'float' only")


# A rule checks what one cell cannot show alone: that a quotation stands at its offset, that a
# place is in its country, that a row cites a source. It receives the converted table and yields
# (row position, column, message) for each problem.
Problem = tuple[int, str, str]
Rule = Callable[[pd.DataFrame], Iterable[Problem]]


@dataclass(frozen=True)
class Schema:
    """A table: where its file lives under data/, what its columns are, and its row rules."""

    name: str
    file: str
    columns: tuple[Column, ...]
    description: str = ""
    rules: tuple[Rule, ...] = ()


SOURCES = Schema(
    name="sources",
    file="sources/sources.csv",
    description="The three source texts of the course, one row each.",
    columns=(
        Column("id", pattern=r"[a-z][a-z0-9_]*", form="lower-case letters, digits and _, starting with a letter",
               unique=True,
               description="Short identifier used everywhere else to cite the text."),
        Column("title", description="Title as printed, or a description in brackets when untitled."),
        Column("publication", required=False, description="Where it was published; empty when unknown."),
        Column("date", kind="date", required=False,
               description="Publication date (partial ISO); empty when the text is undated."),
        Column("date_note", required=False, description="How the date, or its absence, is known."),
        Column("author", required=False,
               description="Author, or interviewer for an interview; empty when unknown."),
        Column("genre", kind="category", allowed=("review", "feature", "interview"),
               description="Kind of text."),
        Column("url", kind="url", required=False, description="Public address, where known."),
        Column("file", pattern=r"[a-z0-9][a-z0-9._-]*\.txt", unique=True,
               form="a file name of lower-case letters, digits, '.', '-' and '_', ending in .txt",
               description="File name under data/sources/."),
        Column("seed_file", description="Name of the file as received, before it was given a readable name."),
        Column("sha256", pattern=r"[0-9a-f]{64}", form="64 hexadecimal digits (0-9, a-f)", description="SHA-256 of the file, proving it is unchanged."),
    ),
)



def load_table(table: str | Path, schema: Schema | None = None) -> pd.DataFrame:
    """Load a course table by name (e.g. `"sources"`), or any CSV file against a given schema.

    Raises DataError naming the file, line and column of the first problem found.
    """
    if schema is None:
        schemas = course_schemas()
        if str(table) not in schemas:
            raise DataError(f"no table of that name; the course has: {', '.join(sorted(schemas))}.", file=str(table))
        schema = schemas[str(table)]
        folder = data_dir()
        signature = _data_signature(folder)
        for stale in [key for key in _CHECKED if key[1] != signature]:
            del _CHECKED[stale]  # a file changed, and any checked table may depend on it
        key = (schema.name, signature)
        if key not in _CHECKED:
            _CHECKED[key] = _parse(folder / schema.file, schema)
        return _CHECKED[key].copy()
    return _parse(Path(table), schema)


def require_table(table: pd.DataFrame, name: str, *, user: str) -> pd.DataFrame:
    """Check that `table` has the columns of the course table `name` and at least one row.

    Explorers and charts accept any DataFrame so that students can pass a filtered table; this
    turns a wrong or empty one into a sentence naming what is missing, not a KeyError deep inside.
    """
    if not isinstance(table, pd.DataFrame):
        raise CourseError(f"{user} needs a table (a pandas DataFrame) such as load_table({name!r}), "
                          f"not {type(table).__name__}.")
    expected = [n for c in course_schemas()[name].columns
                for n in ((c.name, f"{c.name}_start", f"{c.name}_precision") if c.kind == "date" else (c.name,))]
    missing = [n for n in expected if n not in table.columns]
    if missing:
        raise CourseError(f"{user} needs the columns of {name}.csv; this table lacks {', '.join(missing)}. "
                          f"Pass load_table({name!r}), or rows of it.")
    if table.empty:
        raise CourseError(f"{user} got a {name} table with no rows; pass load_table({name!r}), or a filter "
                          "that keeps some rows.")
    return table


# Course tables already loaded and checked, by name and the state of the data folder. A table's
# rules read other tables and the texts, so the whole folder's state is the key: editing any CSV
# or text invalidates every entry. Callers get copies, so a lesson cannot alter the cache.
_CHECKED: dict[tuple, pd.DataFrame] = {}


def clear_cache() -> None:
    """Forget the checked tables, so that the next load checks them again (for benchmarks)."""
    _CHECKED.clear()


def _data_signature(folder: Path) -> tuple:
    files = sorted([*folder.glob("*.csv"), *folder.glob("sources/*"), *folder.glob("maps/*")])
    signature = [str(folder.resolve())]
    for file in files:
        stat = file.stat()
        signature.append((file.name, stat.st_mtime_ns, stat.st_size))
    return tuple(signature)


def _parse(path: Path, schema: Schema) -> pd.DataFrame:
    shown = _shown(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError("the file does not exist.", file=shown) from None
    except OSError as exc:
        raise DataError(f"cannot be read ({exc.strerror}).", file=shown) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"is not UTF-8 text (byte {exc.start} cannot be decoded). Save it as UTF-8.", file=shown) from None

    rows = _rows_with_first_lines(text, shown)
    if not rows:
        raise DataError("is empty; it needs a header row.", file=shown)
    header_line, header = rows[0]
    _check_header(header, schema, shown, header_line)

    records = []
    for line, row in rows[1:]:
        if len(row) != len(header):
            raise DataError(f"has {len(row)} fields but the header has {len(header)}.", file=shown, line=line)
        records.append((line, dict(zip(header, row))))

    columns: dict[str, list] = {}
    for col in schema.columns:
        values = [_convert(record[col.name], col, shown, line) for line, record in records]
        if col.unique:
            _check_unique(values, [line for line, _ in records], col, shown)
        columns[col.name] = values
        if col.kind == "date":
            starts, precisions = zip(*(_date_start(v) for v in values)) if values else ((), ())
            columns[f"{col.name}_start"] = pd.to_datetime(list(starts))
            columns[f"{col.name}_precision"] = list(precisions)
    frame = pd.DataFrame(columns)
    for col in schema.columns:
        if col.kind == "int":
            frame[col.name] = frame[col.name].astype("Int64")
        elif col.kind == "float":
            frame[col.name] = frame[col.name].astype("Float64")
    frame.attrs["schema"] = schema.name
    frame.attrs["file"] = shown
    lines = [line for line, _ in records]
    for rule in schema.rules:
        for position, column, message in rule(frame):
            raise DataError(message, file=shown, line=lines[position], column=column)
    return frame


def _rows_with_first_lines(text: str, shown: str) -> list[tuple[int, list[str]]]:
    """The non-blank CSV records, each with the line it starts on (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows, first_line = [], 1
    try:
        for row in reader:
            if row:
                rows.append((first_line, row))
            first_line = reader.line_num + 1
    except csv.Error as exc:
        raise DataError(f"is not valid CSV ({exc}).", file=shown, line=first_line) from None
    return rows


def _shown(path: Path) -> str:
    """The path as a person would recognise it: relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _check_header(header: list[str], schema: Schema, shown: str, line: int) -> None:
    seen = set()
    for name in header:
        if name in seen:
            raise DataError("appears twice in the header.", file=shown, line=line, column=name)
        seen.add(name)
    declared = [c.name for c in schema.columns]
    missing = [n for n in declared if n not in seen]
    if missing:
        raise DataError(f"the header lacks the column(s) {', '.join(missing)}.", file=shown, line=line, column=missing[0])
    unknown = [n for n in header if n not in declared]
    if unknown:
        raise DataError(
            f"the header has the undeclared column(s) {', '.join(unknown)}; "
            f"the '{schema.name}' table has: {', '.join(declared)}.",
            file=shown, line=line, column=unknown[0],
        )


def _convert(value: str, col: Column, shown: str, line: int):
    if value.strip() == "":
        if col.required:
            raise DataError("is empty, but this column is required.", file=shown, line=line, column=col.name)
        return None
    if value != value.strip() and col.kind != "text":
        raise DataError(f"{value!r} has spaces around it.", file=shown, line=line, column=col.name)
    if col.pattern and not re.fullmatch(col.pattern, value):
        raise DataError(f"{value!r} is not of the expected form: {col.form}.", file=shown, line=line, column=col.name)
    try:
        converted = _CONVERTERS[col.kind](value, col)
    except ValueError as exc:
        raise DataError(str(exc), file=shown, line=line, column=col.name) from None
    if col.bounds is not None and not col.bounds[0] <= converted <= col.bounds[1]:
        low, high = col.bounds
        raise DataError(f"{value} is outside the allowed range {low} to {high}.", file=shown, line=line, column=col.name)
    return converted


def _as_int(value: str, col: Column) -> int:
    # int() would also take "2_000" and other scripts' digits; a table should hold plain digits.
    if not INTEGER.fullmatch(value):
        raise ValueError(f"{value!r} is not a whole number written with the digits 0-9.")
    return int(value)


def _as_float(value: str, col: Column) -> float:
    # float() would also take "nan", "inf" and "7_5"; none of them is a measurement.
    if not DECIMAL.fullmatch(value):
        raise ValueError(f"{value!r} is not a number written with the digits 0-9 and a decimal point.")
    return float(value)


def _as_date(value: str, col: Column) -> str:
    parse_partial_date(value)
    return value


def _as_url(value: str, col: Column) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not HOST.fullmatch(parts.hostname or "") or " " in value:
        raise ValueError(f"{value!r} is not a web address (http:// or https://, with a host name).")
    return value


def _as_category(value: str, col: Column) -> str:
    if value not in col.allowed:
        raise ValueError(f"{value!r} is not allowed; use one of: {', '.join(col.allowed)}.")
    return value


_CONVERTERS = {
    "text": lambda value, col: value,
    "int": _as_int,
    "float": _as_float,
    "date": _as_date,
    "url": _as_url,
    "category": _as_category,
}


def parse_partial_date(value: str) -> tuple[pd.Timestamp, str]:
    """Return (first day the date can mean, precision) for `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.

    Raises ValueError for anything else, including impossible dates such as 2019-02-30.
    """
    match = PARTIAL_DATE.fullmatch(value)
    if not match:
        raise ValueError(f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD.")
    parts = [int(p) for p in match.groups() if p is not None]
    year, month, day = (parts + [1, 1])[:3]
    if not YEARS[0] <= year <= YEARS[1]:
        raise ValueError(f"{value!r} has a year outside {YEARS[0]}-{YEARS[1]}.")
    if not 1 <= month <= 12:
        raise ValueError(f"{value!r} has no month {month:02d}.")
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(f"{value!r} is not a day of that month.")
    return pd.Timestamp(year=year, month=month, day=day), PRECISION[len(parts)]


def _date_start(value: str | None) -> tuple[pd.Timestamp | None, str | None]:
    return parse_partial_date(value) if value is not None else (None, None)


def _check_unique(values: list, lines: list[int], col: Column, shown: str) -> None:
    first_line: dict = {}
    for value, line in zip(values, lines):
        if value is None:
            continue
        if value in first_line:
            raise DataError(f"{value!r} already appears on line {first_line[value]}; values must be unique.",
                            file=shown, line=line, column=col.name)
        first_line[value] = line


def __getattr__(name: str):
    # `SCHEMAS` lists every course table, but the tables other than the sources are declared in
    # coursekit.tables, whose rules use this module; importing it lazily avoids an import cycle.
    if name == "SCHEMAS":
        return course_schemas()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def course_schemas() -> dict[str, Schema]:
    """Every course table by name: the sources here, the others from coursekit.tables."""
    from .tables import SCHEMAS

    return SCHEMAS
