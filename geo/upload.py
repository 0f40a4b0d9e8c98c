"""A planner's own file (GeoJSON or CSV), checked with the same rules as the shipped data.

A CSV has one row per organisation: the property names of the data format as headers,
``lon`` and ``lat`` (or ``longitude`` / ``latitude``) for the place, lists (``projects``,
``economy``, ``sources``, ``notes``) separated by ``;`` or `` | ``, and ``participation`` as
``festa: lead; tiramisu: partner``. Each row becomes a GeoJSON feature,
so every check, message and rule is the one ``python -m geo check`` applies. A file that
cannot be read, or rows beyond :data:`MAX_ROWS`, are said, never raised.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from geo.problems import Problem
from geo.reading import MAX_FILE_BYTES, bulk, decode, parse_json, too_large
from geo.validate import Checked, check_collection

LIST_FIELDS = ("projects", "economy", "sources", "aliases", "notes")
LON_NAMES = ("lon", "lng", "longitude", "x")
LAT_NAMES = ("lat", "latitude", "y")
#: Rows read from one CSV file; the rest are reported, not read.
MAX_ROWS = 100_000
SEPARATORS = (",", ";", "\t")
_LIST_SEPARATOR = re.compile(r"\s*(?:;|\s\|\s)\s*")

# One cell may be as long as a file may be: the checks, not the CSV reader, say what is
# too long, so one long cell costs its row, not the file.
csv.field_size_limit(MAX_FILE_BYTES)


def _number(text: str) -> float | str:
    """A coordinate cell as a number (comma decimals accepted); the text when it is not one,
    so the check can say what was there."""
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        return text


def _feature(row: dict[str | None, Any]) -> dict[str, Any]:
    """One CSV row as a GeoJSON feature; empty coordinates mean "not located". Cells beyond
    the header's columns are ignored; columns a row lacks are empty."""
    cells = {
        k.strip().lower(): (v or "").strip()
        for k, v in row.items()
        if isinstance(k, str) and k.strip() and isinstance(v, str | None)
    }
    lon = next((cells.pop(n) for n in LON_NAMES if n in cells), "")
    lat = next((cells.pop(n) for n in LAT_NAMES if n in cells), "")
    props: dict[str, Any] = {k: v for k, v in cells.items() if v != ""}
    for name in LIST_FIELDS:
        if name in props:
            props[name] = [v for v in _LIST_SEPARATOR.split(props[name]) if v]
    if "participation" in props:  # "festa: lead; tiramisu: partner", as the CSV download
        pairs = [p.partition(":") for p in _LIST_SEPARATOR.split(props["participation"]) if p]
        props["participation"] = {k.strip(): v.strip() for k, _sep, v in pairs}
    geometry = (
        {"type": "Point", "coordinates": [_number(lon), _number(lat)]} if lon or lat else None
    )
    return {"type": "Feature", "id": props.get("id"), "geometry": geometry, "properties": props}


def separator(header: str) -> str:
    """The separator of a CSV table: whichever of ``,`` ``;`` and tab its header line holds
    most (Excel writes ``;`` where the decimal mark is a comma)."""
    return max(SEPARATORS, key=header.count)


def csv_collection(text: str, file: str = "") -> tuple[dict[str, Any], list[Problem]]:
    """A CSV table of organisations as a GeoJSON FeatureCollection, and the problems of the
    rows that could not be read (a broken row costs itself, not the file)."""
    header = text.split("\n", 1)[0]
    reader = csv.DictReader(io.StringIO(text), delimiter=separator(header))
    features: list[dict[str, Any]] = []
    problems: list[Problem] = []
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(file, f"row {reader.line_num}: not readable as CSV: {exc}"))
            continue
        if len(features) == MAX_ROWS:
            message = f"more than {MAX_ROWS:,} rows: the rows after row {MAX_ROWS + 1} are not read"
            problems.append(Problem(file, message))
            break
        features.append(_feature(row))
    return {"type": "FeatureCollection", "features": features}, problems


def check_upload(name: str, content: bytes, context: dict[str, list[str] | None]) -> Checked:
    """Check an uploaded file by its name's extension; never raises on bad content."""
    checked = Checked(path=name)  # type: ignore[arg-type]  # a name, not a path on disk
    refused = too_large(len(content), name)
    text, problem = (None, refused) if refused else decode(content, name)
    if text is not None and not text.strip():
        text, problem = None, Problem(name, "the file is empty")
    with bulk():
        if text is not None and name.lower().endswith(".csv"):
            data, problems = csv_collection(text, name)
            checked.problems += problems
        elif text is not None:
            data, problem = parse_json(text, name)
        if problem is not None:
            checked.problems.append(problem)
            checked.readable = False
            return checked
        return check_collection(checked, data, context)
