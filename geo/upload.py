"""A planner's own file (GeoJSON or CSV), checked with the same rules as the shipped data.

A CSV has one row per organisation: the property names of the data format as headers,
``lon`` and ``lat`` (or ``longitude`` / ``latitude``) for the place, and lists (``projects``,
``economy``, ``sources``) separated by ``;`` or `` | ``. Each row becomes a GeoJSON feature,
so every check, message and rule is the one ``python -m geo check`` applies.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from geo.problems import Problem
from geo.validate import Checked, check_collection

LIST_FIELDS = ("projects", "economy", "sources", "aliases")
LON_NAMES = ("lon", "lng", "longitude", "x")
LAT_NAMES = ("lat", "latitude", "y")
_LIST_SEPARATOR = re.compile(r"\s*(?:;|\s\|\s)\s*")


def _number(text: str) -> float | str:
    """A coordinate cell as a number (comma decimals accepted); the text when it is not one,
    so the check can say what was there."""
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        return text


def _feature(row: dict[str, str]) -> dict[str, Any]:
    """One CSV row as a GeoJSON feature; empty coordinates mean "not located"."""
    cells = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
    lon = next((cells.pop(n) for n in LON_NAMES if n in cells), "")
    lat = next((cells.pop(n) for n in LAT_NAMES if n in cells), "")
    props: dict[str, Any] = {k: v for k, v in cells.items() if v != ""}
    for name in LIST_FIELDS:
        if name in props:
            props[name] = [v for v in _LIST_SEPARATOR.split(props[name]) if v]
    geometry = (
        {"type": "Point", "coordinates": [_number(lon), _number(lat)]} if lon or lat else None
    )
    return {"type": "Feature", "id": props.get("id"), "geometry": geometry, "properties": props}


def csv_collection(text: str) -> dict[str, Any]:
    """A CSV table of organisations as a GeoJSON FeatureCollection (``,`` or ``;`` separated)."""
    dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else "excel"
    rows = csv.DictReader(io.StringIO(text), dialect=dialect)
    return {"type": "FeatureCollection", "features": [_feature(row) for row in rows]}


def check_upload(name: str, content: bytes, context: dict[str, list[str]]) -> Checked:
    """Check an uploaded file by its name's extension; never raises on bad content."""
    checked = Checked(path=name)  # type: ignore[arg-type]  # a name, not a path on disk
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        checked.problems.append(Problem(name, f"not UTF-8 text ({exc.reason} at byte {exc.start})"))
        checked.readable = False
        return checked
    if name.lower().endswith(".csv"):
        try:
            data = csv_collection(text)
        except csv.Error as exc:
            checked.problems.append(Problem(name, f"not a readable CSV table: {exc}"))
            checked.readable = False
            return checked
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            message = f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
            checked.problems.append(Problem(name, message))
            checked.readable = False
            return checked
    return check_collection(checked, data, context)
