"""Tables as planners have them: CSV from any spreadsheet, or an Excel workbook.

A CSV may be UTF-8 (with or without a byte-order mark) or Windows-1252 (Excel's "CSV" on an
Italian or French Windows), separated by ``,``, ``;`` or tabs. A workbook (``.xlsx``,
``.xls``, ``.ods``) is read with python-calamine, first non-empty sheet unless one is named.
Every table comes out the same way: the header's cells, and each data row's cells as text
with the row number the spreadsheet shows for it, so a problem can point at it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from geo.problems import Problem
from geo.reading import MAX_FILE_BYTES

#: Rows read from one table; the rest are reported, not read.
MAX_ROWS = 100_000
SEPARATORS = (",", ";", "\t")
WORKBOOKS = (".xlsx", ".xlsm", ".xls", ".ods")
#: Encodings tried in turn: UTF-8 (a byte-order mark is dropped), then Windows-1252.
ENCODINGS = ("utf-8-sig", "cp1252")

# One cell may be as long as a file may be: the checks, not the CSV reader, say what is
# too long, so one long cell costs its row, not the file.
csv.field_size_limit(MAX_FILE_BYTES)


@dataclass
class Row:
    """A data row: the number the spreadsheet shows for it, and its cells as text."""

    number: int
    cells: list[str]


@dataclass
class Table:
    """A table read from a file, and what was noticed reading it."""

    header: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    encoding: str = ""  # "" for a workbook
    sheet: str = ""
    sheets: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def is_workbook(name: str) -> bool:
    return name.lower().endswith(WORKBOOKS)


def _text(value: Any) -> str:
    """A workbook cell as the text a person reads in it (``10.5``, ``12``, ``2024-05-14``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def _table(records: Iterator[tuple[int, list[str]]], file: str) -> Table:
    """The header (the first non-empty record) and the data rows after it."""
    table = Table()
    for number, cells in records:
        if not any(c.strip() for c in cells):
            continue
        if not table.header:
            table.header = [c.strip() for c in cells]
            while not table.header[-1]:  # a sheet's empty columns on the right
                table.header.pop()
            continue
        if len(table.rows) == MAX_ROWS:
            message = f"more than {MAX_ROWS:,} rows: the rows after row {number - 1} are not read"
            table.problems.append(Problem(file, message))
            break
        table.rows.append(Row(number, cells))
    if not table.header:
        table.problems.append(Problem(file, "the file is empty"))
    return table


def decode(content: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read with (UTF-8 first)."""
    for encoding in ENCODINGS:
        try:
            return content.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1"), "latin-1"  # every byte is a character in Latin-1


def separator(header: str) -> str:
    """The separator of a CSV table: whichever of ``,`` ``;`` and tab its header line holds
    most (Excel writes ``;`` where the decimal mark is a comma). The header, not the data:
    a cell of WKT or JSON holds commas of its own."""
    return max(SEPARATORS, key=header.count)


def read_csv(content: bytes, file: str) -> Table:
    text, encoding = decode(content)
    header = text[:10_000].partition("\n")[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator(header))

    def records() -> Iterator[tuple[int, list[str]]]:
        number = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                number += 1
                problem = f"row {number}: not readable as CSV ({exc}); the row is left out"
                table_problems.append(Problem(file, problem))
                continue
            number += 1
            yield number, cells

    table_problems: list[Problem] = []
    table = _table(records(), file)
    table.problems = table_problems + table.problems
    table.encoding = encoding
    return table


def read_workbook(content: bytes, file: str, sheet: str = "") -> Table:
    """A sheet of a workbook: ``sheet`` by name, else the first that holds anything."""
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(content))
        names = list(book.sheet_names)
        chosen = [sheet] if sheet in names else names
        for name in chosen:
            values = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            if any(any(_text(v) for v in row) for row in values):
                records = ((i + 1, [_text(v) for v in row]) for i, row in enumerate(values))
                table = _table(records, file)
                table.sheet, table.sheets = name, names
                return table
    except (CalamineError, ValueError, OSError) as exc:
        return Table(problems=[Problem(file, f"not a readable workbook: {exc}")])
    return Table(sheets=names, problems=[Problem(file, "the workbook is empty")])


def read_table(name: str, content: bytes, sheet: str = "") -> Table:
    """A CSV file or a workbook, by the file's name."""
    if is_workbook(name):
        return read_workbook(content, name, sheet)
    return read_csv(content, name)
