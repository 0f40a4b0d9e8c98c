"""A planner's own file, read as planners have it and checked with the rules of the data.

A table (CSV in UTF-8 or Windows-1252, ``,`` ``;`` or tab separated, or an Excel or
OpenDocument workbook) has its columns read by meaning (:mod:`geo.columns`) and its values
as people write them (:mod:`geo.vocabulary`); GeoJSON may have ``null`` attributes and lists
written as text, as QGIS writes them. Rows without coordinates are placed at their town's
centre from the offline gazetteer (:mod:`geo.gazetteer`). Every row then becomes a GeoJSON
feature and goes through :func:`geo.validate.check_collection`, so every rule is the one
``python -m geo check`` applies, and every problem names the row as the spreadsheet numbers
it and the column as the planner headed it. Nothing here raises on bad content.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

import pandas as pd
import shapely
from pydantic import Field

from geo import columns
from geo.gazetteer import find, key, suggestions
from geo.problems import Problem, _, said
from geo.reading import bulk, decode, parse_json, too_large
from geo.schema import MAX_ITEMS, HttpUrl, Organisation
from geo.tabular import Table, read_table
from geo.validate import Checked, check_collection
from geo.vocabulary import Vocabulary, items, number, vocabulary, website

if TYPE_CHECKING:
    from geo.load import Catalogue

#: The file types a planner may add.
TABLES = ("csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods")
TYPES = ("geojson", "json", *TABLES)
#: Properties whose values are lists of codes or texts.
LIST_FIELDS = ("projects", "economy", "sources", "aliases", "notes")
#: Columns that place a row rather than describe it.
PLACING = frozenset({"lon", "lat", "geometry", "area", "region"})


class Uploaded(Organisation):
    """An organisation from a planner's file: its sources are optional, the file being its
    source for the planner's own session."""

    sources: list[HttpUrl] = Field(default_factory=list, max_length=MAX_ITEMS)


@dataclass
class Entry:
    """One row (or feature) of a planner's file, before the checks."""

    label: str  # "row 12" or "feature 3"
    properties: dict[str, Any]
    geometry: Any
    area: str = ""  # province, département or region: tells namesake towns apart
    by_town: bool = False  # placed at its town's centre by the gazetteer
    raw: Any = None  # a feature that is not one, passed to the checks as it is


@dataclass
class Upload:
    """A planner's file as read and checked: what the result line under the uploader says."""

    name: str
    checked: Checked
    rows: int = 0
    by_town: frozenset[str] = frozenset()  # ids of the rows placed at their town's centre
    encoding: str = ""
    sheet: str = ""
    sheets: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    mapping: dict[str, int] = field(default_factory=dict)
    guessed: bool = True  # the columns were read by their headers, not mapped by hand

    @property
    def table(self) -> bool:
        return bool(self.header)

    def unused(self) -> list[str]:
        return columns.unused(self.header, self.mapping)


# --- Values -------------------------------------------------------------------------------


def _slug(text: str) -> str:
    return key(text).replace(" ", "-")[:60].strip("-") or "place"


#: What a file may name that the catalogue does not hold: the field and the warning.
UNKNOWN = {
    "projects": _("project {value} is not in the catalogue, so it was left out (known: {known})"),
    "economy": _("economy type {value} is not known, so it was left out (known: {known})"),
}


def _codes(
    words: list[str], read: Any, field_: str, known: dict[str, str], where: Entry, file: str
) -> tuple[list[str], list[Problem]]:
    """The codes of ``words`` (``known``: code -> name as the app shows it), and a warning
    for each word that names nothing (left out: the row stays on the map without it)."""
    codes, problems = [], []
    for word in words:
        code = read(word)
        if code in known:
            codes.append(code)
            continue
        names = ", ".join(known.values())
        value = repr(word[:60])
        problems.append(
            said(file, UNKNOWN[field_], where.label, field_, "warning", value=value, known=names)
        )
    return list(dict.fromkeys(codes)), problems


def _participation(value: Any, vocab: Vocabulary) -> Any:
    """``QM Export: lead | FESTA: partner`` (as the downloads write it) as project -> status."""
    if isinstance(value, dict):
        pairs = value.items()
    elif isinstance(value, str):
        pairs = ((name, status) for name, _sep, status in (i.rpartition(":") for i in items(value)))
    else:
        return value
    return {
        vocab.project(str(name).strip()): vocab.status(str(status).strip())
        for name, status in pairs
    }


def _kind(
    props: dict[str, Any], vocab: Vocabulary, default: str, where: Entry, file: str
) -> list[Problem]:
    """The kind as written, else the planner's choice (said when a word was not read)."""
    written = props.get("kind")
    kind = vocab.kind(str(written)) if written not in (None, "") else None
    props["kind"] = kind or default
    if written in (None, "") or kind:
        return []
    message = _("kind {value} is not known: read as {kind}")
    return [
        said(
            file,
            message,
            where.label,
            "kind",
            "warning",
            value=repr(str(written)[:60]),
            kind=default,
        )
    ]


def _certification(
    props: dict[str, Any], vocab: Vocabulary, where: Entry, file: str
) -> list[Problem]:
    written = props.get("certification")
    if written in (None, ""):
        props.pop("certification", None)
        return []
    code = vocab.certified(str(written))
    props["certification"] = code or ""
    if code is not None:
        return []
    message = _("certification {value} is not understood: shown as not stated")
    return [
        said(file, message, where.label, "certification", "warning", value=repr(str(written)[:60]))
    ]


def normalised(
    entry: Entry, vocab: Vocabulary, catalogue: Catalogue, default_kind: str, file: str
) -> list[Problem]:
    """Read the entry's values as the format's codes, in place; warnings for what was left
    out or read otherwise than written."""
    props = entry.properties
    for name in LIST_FIELDS:
        if isinstance(props.get(name), str):
            props[name] = items(props[name])
    problems = _kind(props, vocab, default_kind, entry, file)
    problems += _certification(props, vocab, entry, file)
    if "participation" in props:
        props["participation"] = _participation(props["participation"], vocab)
    if isinstance(props.get("website"), str):
        props["website"] = website(props["website"])
    if isinstance(props.get("sources"), list):
        props["sources"] = [website(s) if isinstance(s, str) else s for s in props["sources"]]
    if isinstance(props.get("projects"), list):
        known = {p.id: p.short_name for p in catalogue.projects}
        words = [str(w) for w in props["projects"]]
        props["projects"], found = _codes(words, vocab.project, "projects", known, entry, file)
        problems += found
        if isinstance(props.get("participation"), dict):
            props["participation"] = {
                k: v for k, v in props["participation"].items() if k in props["projects"]
            }
    if isinstance(props.get("economy"), list):
        known = {e.id: e.label.en for e in catalogue.economy_types}
        words = [str(w) for w in props["economy"]]
        props["economy"], found = _codes(words, vocab.economy_type, "economy", known, entry, file)
        problems += found
    return problems


# --- Places -------------------------------------------------------------------------------


def _point(text: str) -> Any:
    """A ``geometry`` cell, WKT (``POINT (10.3 43.5)``) or GeoJSON, as a GeoJSON geometry;
    the text itself when it is neither, for the check to name it."""
    text = text.strip()
    if text.startswith("{"):
        data, problem = parse_json(text, "")
        return text if problem else data
    try:
        shape = shapely.from_wkt(text)
    except shapely.errors.GEOSException:
        return text
    if shape.is_empty:
        return None
    if shape.geom_type != "Point":
        return {"type": shape.geom_type}
    return {"type": "Point", "coordinates": [shape.x, shape.y]}


def placed(entry: Entry, file: str) -> tuple[bool, list[Problem]]:
    """Place an entry without coordinates at its town's centre (in place). ``True`` when
    placed; a warning when the town is not found, or found in several places."""
    town = entry.properties.get("municipality")
    if entry.geometry is not None or not isinstance(town, str) or not town.strip():
        return False, []
    found = find(town, entry.area)
    if found.place is not None:
        entry.geometry = {"type": "Point", "coordinates": [found.place.lon, found.place.lat]}
        entry.properties["location_precision"] = "municipality"
        return True, []
    if found.candidates:
        message = _(
            "town {town} is the name of several places: {places}; add a province or "
            "département column to choose. The row is listed, not on the map"
        )
        places = "; ".join(p.label() for p in found.candidates[:8])
        values = {"town": repr(town[:60]), "places": places}
    else:
        near = ", ".join(p.label() for p in suggestions(town))
        message = (
            _(
                "town {town} is not in the gazetteer (did you mean {near}?). "
                "The row is listed, not on the map"
            )
            if near
            else _(
                "town {town} is not in the gazetteer of the area. The row is listed, not on the map"
            )
        )
        values = {"town": repr(town[:60]), "near": near}
    return False, [said(file, message, entry.label, "municipality", "warning", **values)]


# --- Reading ------------------------------------------------------------------------------


def _row_entries(table: Table, mapping: dict[str, int]) -> Iterator[Entry]:
    """Each data row as an entry: the cells of the mapped columns, empty ones left out."""
    for row in table.rows:
        cells = {
            name: row.cells[index].strip()
            for name, index in mapping.items()
            if index < len(row.cells) and row.cells[index].strip()
        }
        props = {k: v for k, v in cells.items() if k not in PLACING}
        if "lon" in cells or "lat" in cells:
            geometry: Any = {
                "type": "Point",
                "coordinates": [number(cells.get("lon", "")), number(cells.get("lat", ""))],
            }
        else:
            geometry = _point(cells["geometry"]) if "geometry" in cells else None
        yield Entry(
            f"row {row.number}", props, geometry, cells.get("area") or cells.get("region", "")
        )


def _feature_entries(data: Any) -> Iterator[Entry] | None:
    """Each feature of a GeoJSON FeatureCollection as an entry (``null`` attributes left
    out); ``None`` when ``data`` is not one, for the checks to say so."""
    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        return None
    if data.get("type") != "FeatureCollection" or "crs" in data:
        return None  # reprojection and the collection's own problems: the plain checks

    def entries() -> Iterator[Entry]:
        for position, feature in enumerate(data["features"]):
            props = feature.get("properties") if isinstance(feature, dict) else None
            if not isinstance(props, dict) or feature.get("type") != "Feature":
                yield Entry(f"feature {position + 1}", {}, None, raw=feature)
                continue
            if feature.get("id") not in (None, ""):
                props = {**props, "id": props.get("id", feature["id"])}
            clean = {k: v for k, v in props.items() if v is not None and v != ""}
            area = next(
                (
                    str(clean[n])
                    for n in ("province", "provincia", "departement", "region")
                    if n in clean
                ),
                "",
            )
            yield Entry(f"feature {position + 1}", clean, feature.get("geometry"), area)

    return entries()


def _with_ids(entries: list[Entry], file: str) -> None:
    """An id for each entry without one: the file's name and the row (stable for a file)."""
    stem = _slug(PurePath(file).stem)
    for entry in entries:
        if entry.raw is None and entry.properties.get("id") in (None, ""):
            number_ = entry.label.rsplit(" ", 1)[-1]
            entry.properties["id"] = f"{stem}-{number_}"


def _features(entries: list[Entry]) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": [
            e.raw
            if e.raw is not None
            else {"type": "Feature", "geometry": e.geometry, "properties": e.properties}
            for e in entries
        ],
    }


def _headed(problems: list[Problem], header: list[str], mapping: dict[str, int]) -> list[Problem]:
    """Problems naming the planner's columns (``Comune``) rather than the format's fields."""
    heading = {name: header[index] for name, index in mapping.items() if index < len(header)}
    coordinates = sorted(mapping[n] for n in ("lon", "lat") if n in mapping)
    heading |= {
        "geometry": heading.get("geometry")
        or " / ".join(header[i] for i in coordinates if i < len(header))
    }
    return [_renamed(p, heading) for p in problems]


def _renamed(problem: Problem, heading: dict[str, str]) -> Problem:
    """``sources.0`` is the planner's ``Fonti`` column, as is ``sources``."""
    column = heading.get((problem.field or "").split(".")[0])
    return replace(problem, field=column) if column else problem


@dataclass(frozen=True)
class Options:
    """What the planner chose: the kind of rows that do not say, the sheet of a workbook,
    and the columns (field -> column index), when the guess was not right."""

    kind: str = "enterprise"
    sheet: str = ""
    mapping: tuple[tuple[str, int], ...] | None = None


def read_upload(
    name: str, content: bytes, catalogue: Catalogue, options: Options = Options()
) -> Upload:
    """Read and check a planner's file (a table or GeoJSON, by its name)."""
    upload = Upload(name, Checked(path=name))  # type: ignore[arg-type]  # a name, not a path
    problem = too_large(len(content), name)
    if problem is None and not content.strip():
        problem = Problem(name, "the file is empty", template="the file is empty")
    if problem is not None:
        upload.checked.problems.append(problem)
        upload.checked.readable = False
        return upload
    with bulk():
        if name.lower().rsplit(".", 1)[-1] in TABLES:
            entries = _table_entries(upload, content, options)
        else:
            entries = _json_entries(upload, content, catalogue)
        if entries is None:
            return upload
        _check_entries(upload, entries, catalogue, options)
    return upload


def _table_entries(upload: Upload, content: bytes, options: Options) -> list[Entry] | None:
    table = read_table(upload.name, content, options.sheet)
    upload.checked.problems += table.problems
    upload.encoding, upload.sheet, upload.sheets = table.encoding, table.sheet, table.sheets
    if not table.header:
        upload.checked.readable = False
        return None
    upload.header = table.header
    upload.guessed = options.mapping is None
    upload.mapping = columns.guess(table.header) if upload.guessed else dict(options.mapping)
    return list(_row_entries(table, upload.mapping))


def _json_entries(upload: Upload, content: bytes, catalogue: Catalogue) -> list[Entry] | None:
    """The features of a GeoJSON file as entries; ``None`` when the file is not a plain
    FeatureCollection, which the checks then describe (or reproject, when it declares its
    CRS: its features are checked as they are written)."""
    text, problem = decode(content, upload.name)
    data = None
    if text is not None:
        data, problem = parse_json(text, upload.name)
    if problem is not None:
        upload.checked.problems.append(problem)
        upload.checked.readable = False
        return None
    found = _feature_entries(data)
    if found is None:
        check_collection(upload.checked, data, catalogue.context(), Uploaded)
        return None
    return list(found)


def _check_entries(
    upload: Upload, entries: list[Entry], catalogue: Catalogue, options: Options
) -> None:
    vocab = vocabulary(catalogue)
    file = upload.name
    problems: list[Problem] = []
    for entry in entries:
        if entry.raw is not None:
            continue
        problems += normalised(entry, vocab, catalogue, options.kind, file)
        entry.by_town, found = placed(entry, file)
        problems += found
    _with_ids(entries, file)
    upload.by_town = frozenset(e.properties["id"] for e in entries if e.by_town)
    upload.rows = len(entries)
    labels = [e.label for e in entries]
    check_collection(
        upload.checked,
        _features(entries),
        catalogue.context(),
        Uploaded,
        lambda _feature, position: labels[position],
    )
    problems += upload.checked.problems
    upload.checked.problems = (
        _headed(problems, upload.header, upload.mapping) if upload.table else problems
    )


def check_upload(
    name: str, content: bytes, catalogue: Catalogue, options: Options = Options()
) -> Checked:
    """The checked file alone (the CLI's ``check``)."""
    return read_upload(name, content, catalogue, options).checked


@dataclass(frozen=True)
class Result:
    """What became of a planner's file, for the line under the uploader."""

    name: str
    rows: int
    on_map: int
    by_town: int
    not_placed: int
    left_out: int
    encoding: str = ""
    sheet: str = ""


def result(upload: Upload, points: pd.DataFrame, unlocated: pd.DataFrame) -> Result:
    """Count the rows of ``upload`` on the map, placed by their town, listed without a
    place, and left out (errors, places already shown), in the data they were added to."""
    mine = points[points["upload"] == upload.name]
    listed = int((unlocated["upload"] == upload.name).sum())
    by_town = int(mine["id"].isin(upload.by_town).sum())
    return Result(
        upload.name,
        upload.rows,
        len(mine),
        by_town,
        listed,
        max(upload.rows - len(mine) - listed, 0),
        upload.encoding,
        upload.sheet,
    )
