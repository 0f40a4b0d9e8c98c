"""Tables as planners have them: CSV from any spreadsheet, or an Excel workbook.

A CSV may be UTF-8 (with or without a byte-order mark), Windows-1252 (Excel's "CSV" on an
Italian or French Windows) or UTF-16 (Excel's "Unicode text"), separated by ``,``, ``;``,
tabs or ``|``. A workbook (``.xlsx``, ``.xls``, ``.ods``) is read with python-calamine: the
sheet the planner picks, else the one whose header names the most fields. Every table comes
out the same way: the header's cells, and each data row's cells as text (spreadsheet error
values such as ``#N/A`` as empty, non-breaking spaces as spaces) with the row number the
spreadsheet shows for it, so a problem can point at it.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from geo.problems import Problem
from geo.reading import MAX_FILE_BYTES

#: Rows read from one table; the rest are reported, not read.
MAX_ROWS = 100_000
SEPARATORS = (",", ";", "\t", "|")
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

    def __post_init__(self) -> None:
        self.cells = [_clean(c) for c in self.cells]


#: What spreadsheets write in a cell whose formula failed (Italian and French Excel too).
_ERROR_VALUE = re.compile(
    r"#(N/?[AD]|NV|VALUE!|VALORE!|VALEUR!|REF!|RIF!|DIV/0!|NAME\?|NOME\?|NOM\?|NUM!|NULL!|NUL!)"
)


def _clean(cell: str) -> str:
    """A cell as its text reads: no-break and other spaces as one space, an error value as
    empty."""
    text = " ".join(cell.replace("\xa0", " ").split())
    return "" if _ERROR_VALUE.fullmatch(text) else text


@dataclass
class Table:
    """A table read from a file, and what was noticed reading it."""

    header: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    encoding: str = ""  # "" for a workbook
    sheet: str = ""
    sheets: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    header_row: int = 0  # the row number of the header, as the spreadsheet shows it
    truncated: bool = False


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


#: How many of the first filled rows may be a title, a note or a blank before the header.
HEADER_SEARCH = 20
Score = Callable[[list[str]], int]


def _no_score(cells: list[str]) -> int:
    return 0


def _table(records: Iterator[tuple[int, list[str]]], file: str, score: Score = _no_score) -> Table:
    """The header and the data rows after it. The header is the row, among the first filled
    ones, whose cells ``score`` best as column names (a title, a source line or a blank row
    above it is not the header); with no score, the first filled row."""
    table = Table()
    leading: list[tuple[int, list[str]]] = []
    for number, cells in records:
        if not any(c.strip() for c in cells):
            continue
        if not table.header:
            leading.append((number, cells))
            if len(leading) < HEADER_SEARCH:
                continue
            _choose_header(table, leading, score, file)
            continue
        _add_row(table, number, cells, file)
    if not table.header and leading:
        _choose_header(table, leading, score, file)
    if not table.header:
        table.problems.append(Problem(file, "the file is empty"))
    return table


def _choose_header(
    table: Table, leading: list[tuple[int, list[str]]], score: Score, file: str
) -> None:
    """Make the best-scoring leading row the header; the rows after it are data."""
    scores = [score(cells) for _number, cells in leading]
    best = max(range(len(leading)), key=lambda i: (scores[i], -i))
    number, cells = leading[best]
    table.header = [_clean(c) for c in cells]
    table.header_row = number
    while table.header and not table.header[-1]:  # a sheet's empty columns on the right
        table.header.pop()
    for row_number, row_cells in leading[best + 1 :]:
        _add_row(table, row_number, row_cells, file)


def _add_row(table: Table, number: int, cells: list[str], file: str) -> None:
    if len(table.rows) >= MAX_ROWS:
        if not table.truncated:
            message = f"more than {MAX_ROWS:,} rows: the rows after row {number - 1} are not read"
            table.problems.append(Problem(file, message))
            table.truncated = True
        return
    table.rows.append(Row(number, cells))


def _utf16(content: bytes) -> str | None:
    """The encoding of a UTF-16 file (Excel's "Unicode text"): by its byte-order mark, or by
    the zero bytes every other byte of Latin text is."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = content[:2000]
    if len(sample) >= 4 and sample[1::2].count(0) > len(sample) // 4:
        return "utf-16-le"
    if len(sample) >= 4 and sample[0::2].count(0) > len(sample) // 4:
        return "utf-16-be"
    return None


def decode(content: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read with: UTF-16 when it says or
    looks so, else UTF-8, else Windows-1252."""
    wide = _utf16(content)
    if wide:
        try:
            return content.decode(wide).lstrip("\ufeff"), "utf-16"
        except UnicodeDecodeError:
            pass
    for encoding in ENCODINGS:
        try:
            return content.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1"), "latin-1"  # every byte is a character in Latin-1


def separator(text: str) -> str:
    """The separator of a CSV table: whichever of ``,`` ``;`` and tab the most of its first
    lines hold, then the most often (Excel writes ``;`` where the decimal mark is a comma;
    a title line above the header, or a cell of WKT, holds commas of its own)."""
    lines = [line for line in text[:20_000].splitlines() if line.strip()][:HEADER_SEARCH]
    return max(
        SEPARATORS,
        key=lambda sep: (
            sum(sep in line for line in lines),
            sum(line.count(sep) for line in lines),
        ),
    )


def read_csv(content: bytes, file: str, score: Score = _no_score) -> Table:
    text, encoding = decode(content)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator(text))

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
    table = _table(records(), file, score)
    table.problems = table_problems + table.problems
    table.encoding = encoding
    return table


def read_workbook(content: bytes, file: str, sheet: str = "", score: Score = _no_score) -> Table:
    """A sheet of a workbook: ``sheet`` by name, else the one whose header ``score``s best
    (a first sheet of instructions is passed over), the first filled one on a tie."""
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(content))
        names = list(book.sheet_names)
        best: Table | None = None
        for name in [sheet] if sheet in names else names:
            values = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            if not any(any(_text(v) for v in row) for row in values):
                continue
            records = ((i + 1, [_text(v) for v in row]) for i, row in enumerate(values))
            table = _table(records, file, score)
            table.sheet, table.sheets = name, names
            if best is None or score(table.header) > score(best.header):
                best = table
    except (CalamineError, ValueError, OSError) as exc:
        return Table(problems=[Problem(file, f"not a readable workbook: {exc}")])
    return best or Table(sheets=names, problems=[Problem(file, "the workbook is empty")])


def read_table(name: str, content: bytes, sheet: str = "", score: Score = _no_score) -> Table:
    """A CSV file or a workbook, by the file's name; ``score`` tells a header row (and the
    sheet that holds the table) from titles and notes."""
    if is_workbook(name):
        return read_workbook(content, name, sheet, score)
    return read_csv(content, name, score)
