"""A planner's own file, read as planners have it and checked with the rules of the data.

A table (CSV in UTF-8 or Windows-1252, ``,`` ``;`` or tab separated, or an Excel or
OpenDocument workbook; a title or notes above its header are passed over) has its columns
read by meaning (:mod:`geo.columns`) and its values as people write them
(:mod:`geo.cleaning`); GeoJSON may have ``null`` attributes, lists written as text, property
names in Italian or French and a declared CRS, as QGIS writes them. Rows are placed by their
coordinates or at their town's centre (:mod:`geo.placing`). Every row then becomes a GeoJSON
feature and goes through :func:`geo.validate.check_collection`, so every rule is the one
``python -m geo check`` applies, and every problem names the row as the spreadsheet numbers
it and the column as the planner headed it. Nothing here raises on bad content.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

import pandas as pd
from pyproj import Transformer
from pyproj.exceptions import CRSError

from geo import columns
from geo.cleaning import Uploaded, normalised, salvaged
from geo.gazetteer import key
from geo.placing import (
    NOT_A_COORDINATE,
    coordinate,
    coordinate_pair,
    geometry_cell,
    placed,
    single_point,
)
from geo.problems import Problem, _, said
from geo.reading import bulk, decode, parse_json, too_large
from geo.rows import Entry
from geo.tabular import Row, Table, read_table
from geo.validate import Checked, check_collection, crs_of
from geo.vocabulary import vocabulary

if TYPE_CHECKING:
    from geo.load import Catalogue

#: The file types a planner may add.
TABLES = ("csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods")
TYPES = ("geojson", "json", *TABLES)
#: Columns that place a row rather than describe it.
PLACING = frozenset({"lon", "lat", "latlon", "geometry", "area", "region", "postcode"})


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
    header_row: int = 0  # where the header is, as the spreadsheet numbers its rows
    skipped: list[Problem] = field(default_factory=list)  # totals, notes, repeated headers
    mapping: dict[str, int] = field(default_factory=dict)
    guessed: bool = True  # the columns were read by their headers, not mapped by hand

    @property
    def table(self) -> bool:
        return bool(self.header)

    def unused(self) -> list[str]:
        return columns.unused(self.header, self.mapping)


def _slug(text: str) -> str:
    return key(text).replace(" ", "-")[:60].strip("-") or "place"


# --- Rows of a table ------------------------------------------------------------------------


#: A row that is a table's furniture, not a place: a total, a note under the table.
_TOTAL = re.compile(r"^(total[ei]?|totaux|somma|sum|tot)\b", re.IGNORECASE)
_NOTE = re.compile(
    r"^(fonte|fonti|source|sources|n\.?\s?b\.?|nota|note|notes|\*|mise à jour|aggiornat\w*|"
    r"updated?|elaborazione|dati|données)\b",
    re.IGNORECASE,
)
#: Rows that are not places, said by what they are.
HEADER_AGAIN = _("the header again, not a place: not read")
A_TOTAL = _("a total, not a place: not read")
A_NOTE = _("a note under the table, not a place: not read")
#: A town at the end of an address: "Via Roma 12, 57123 Livorno LI", "12 rue X, 83000 Toulon".
_ADDRESS_TOWN = re.compile(r"(\d{5})\s+([^\d,;]+?)\s*(?:\(?\b([A-Z]{2})\b\)?)?\s*$")


def _furniture(row: Row, header: list[str], name: int | None) -> str | None:
    """The message for a row that is not a place: the header again (a table printed in
    pages), a total, or a note under the table (alone on its row, or where the name goes);
    ``None`` for a row of data."""
    filled = [c for c in row.cells if c]
    named = row.cells[name] if name is not None and name < len(row.cells) else ""
    if [c.casefold() for c in row.cells[: len(header)]] == [h.casefold() for h in header]:
        return HEADER_AGAIN
    if filled and _TOTAL.match(filled[0]):
        return A_TOTAL
    if (len(filled) == 1 and _NOTE.match(filled[0])) or _NOTE.match(named):
        return A_NOTE
    return None


def _town_from_address(cells: dict[str, str]) -> None:
    """A row with an address but no town: the town (with its postcode and province) from
    the end of the address, as Italian and French addresses are written."""
    if "municipality" in cells or "address" not in cells:
        return
    found = _ADDRESS_TOWN.search(cells["address"])
    if found:
        cells["municipality"] = found.group(2).strip()
        cells.setdefault("postcode", found.group(1))
        if found.group(3):
            cells.setdefault("area", found.group(3))


def _row_entries(
    table: Table, mapping: dict[str, int], file: str, crs: str | None, skipped: list[Problem]
) -> Iterator[Entry]:
    """Each data row as an entry: the cells of the mapped columns, empty ones left out.
    Rows that are the table's furniture go to ``skipped``, said; coordinates in a named
    system (``crs``) are reprojected to WGS84."""
    reproject = None
    if crs is not None:
        reproject = Transformer.from_crs(crs, "EPSG:4326", always_xy=True).transform
    for row in table.rows:
        what = _furniture(row, table.header, mapping.get("name"))
        if what is not None:
            skipped.append(said(file, what, f"row {row.number}", None, "warning"))
            continue
        cells = {
            name: row.cells[index]
            for name, index in mapping.items()
            if index < len(row.cells) and row.cells[index]
        }
        _town_from_address(cells)
        entry = Entry(
            f"row {row.number}",
            {k: v for k, v in cells.items() if k not in PLACING},
            None,
            area=cells.get("area") or cells.get("region", ""),
            country=cells.get("country", ""),
            postcode=cells.get("postcode", ""),
        )
        entry.geometry = _reprojected(_row_geometry(cells, entry, file), reproject)
        yield entry


def _row_geometry(cells: dict[str, str], entry: Entry, file: str) -> Any:
    """The row's point from its coordinate columns (or its geometry column); a coordinate
    that cannot be read is noted on the entry, and the row is then placed by its town."""
    if "lon" in cells or "lat" in cells:
        lon, lat = coordinate(cells.get("lon", "")), coordinate(cells.get("lat", ""))
        for name, value in (("lon", lon), ("lat", lat)):
            if value is None and cells.get(name):
                problem = said(file, NOT_A_COORDINATE, entry.label, name, "warning",
                               value=repr(cells[name][:60]))  # fmt: skip
                entry.notes.append(problem)
        if lon is not None and lat is not None:
            return {"type": "Point", "coordinates": [lon, lat]}
    if "latlon" in cells:
        pair = coordinate_pair(cells["latlon"])
        if pair is not None:
            return {"type": "Point", "coordinates": list(pair)}
        problem = said(file, NOT_A_COORDINATE, entry.label, "latlon", "warning",
                       value=repr(cells["latlon"][:60]))  # fmt: skip
        entry.notes.append(problem)
    return geometry_cell(cells["geometry"]) if "geometry" in cells else None


# --- Features of a GeoJSON file -------------------------------------------------------------


def _feature_entries(features: list[Any], reproject: Any) -> Iterator[Entry]:
    """Each feature as an entry: ``null`` attributes left out, property names read by meaning
    (``comune`` is the municipality), the point reprojected when the file declares a CRS."""
    for position, feature in enumerate(features):
        label = f"feature {position + 1}"
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict) or feature.get("type") != "Feature":
            yield Entry(label, {}, None, raw=feature)
            continue
        if feature.get("id") not in (None, "") and props.get("id") in (None, ""):
            props = {**props, "id": feature["id"]}
        clean: dict[str, Any] = {}
        for name, value in props.items():
            if value is None or value == "":
                continue
            known = columns.field_of(str(name)) if str(name) not in clean else None
            clean[known if known and known not in clean else str(name)] = value
        hints = {k: str(clean.pop(k)) for k in ("area", "region", "postcode") if k in clean}
        geometry = _reprojected(single_point(feature.get("geometry")), reproject)
        yield Entry(
            label,
            clean,
            geometry,
            area=hints.get("area") or hints.get("region", ""),
            country=str(clean.get("country", "")),
            postcode=hints.get("postcode", ""),
        )


def _reprojected(geometry: Any, reproject: Any) -> Any:
    """A point in the file's declared CRS as WGS84 (others as they are, for the checks)."""
    if reproject is None or not isinstance(geometry, dict) or geometry.get("type") != "Point":
        return geometry
    coords = geometry.get("coordinates")
    if not isinstance(coords, list) or len(coords) < 2:
        return geometry
    if not all(type(c) in (int, float) for c in coords[:2]):
        return geometry
    lon, lat = reproject(float(coords[0]), float(coords[1]))
    return {"type": "Point", "coordinates": [lon, lat]}


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
    table = read_table(upload.name, content, options.sheet, columns.score)
    upload.checked.problems += table.problems
    upload.encoding, upload.sheet, upload.sheets = table.encoding, table.sheet, table.sheets
    if not table.header:
        upload.checked.readable = False
        return None
    upload.header, upload.header_row = table.header, table.header_row
    upload.guessed = options.mapping is None
    upload.mapping = columns.guess(table.header) if upload.guessed else dict(options.mapping or ())
    crs = columns.projection(table.header, upload.mapping)
    try:
        entries = list(_row_entries(table, upload.mapping, upload.name, crs, upload.skipped))
    except CRSError:
        message = _("{crs} in the coordinate columns' header is not a known system")
        upload.checked.problems.append(
            said(upload.name, message, None, "lon", "error", crs=crs or "")
        )
        entries = list(_row_entries(table, upload.mapping, upload.name, None, upload.skipped))
    return entries


def _json_entries(upload: Upload, content: bytes, catalogue: Catalogue) -> list[Entry] | None:
    """The features of a GeoJSON file as entries; ``None`` when the file is not a
    FeatureCollection (or declares a CRS it cannot be read in), which the checks then say."""
    text, problem = decode(content, upload.name)
    data = None
    if text is not None:
        data, problem = parse_json(text, upload.name)
    if problem is not None:
        upload.checked.problems.append(problem)
        upload.checked.readable = False
        return None
    collection = data if isinstance(data, dict) else {}
    features = collection.get("features")
    reproject, crs_problems = crs_of(collection, upload.name)
    unusable = any(p.severity == "error" for p in crs_problems)
    if collection.get("type") != "FeatureCollection" or not isinstance(features, list) or unusable:
        check_collection(upload.checked, data, catalogue.context(), Uploaded)
        return None
    upload.checked.problems += crs_problems
    return list(_feature_entries(features, reproject))


def _check_entries(
    upload: Upload, entries: list[Entry], catalogue: Catalogue, options: Options
) -> None:
    """Read each entry's values, place it, give it an id, and check them all; an entry the
    checks refuse for an optional value is checked again without it (see
    :func:`geo.cleaning.salvaged`), so only what cannot be kept is left out."""
    vocab = vocabulary(catalogue)
    file = upload.name
    problems: list[Problem] = [*upload.checked.problems, *upload.skipped]
    for entry in entries:
        if entry.raw is not None:
            continue
        problems += normalised(entry, vocab, catalogue, options.kind, file)
        entry.by_town, found = placed(entry, file)
        problems += found
    _with_ids(entries, file)
    upload.rows = len(entries)
    first = _checked(upload.name, entries, range(len(entries)), catalogue)
    kept = {r.position for r in first.records}
    refused = [i for i, e in enumerate(entries) if i not in kept and e.raw is None]
    fixes = {i: salvaged(entries[i], file) for i in refused}
    again = [i for i in refused if fixes[i]]
    second = _checked(
        upload.name, entries, again, catalogue, {r.properties.id for r in first.records}
    )
    retried = {entries[i].label for i in again}
    upload.checked.records = sorted(first.records + second.records, key=lambda r: r.position)
    upload.by_town = frozenset(
        r.properties.id for r in upload.checked.records if entries[r.position].by_town
    )
    problems += [p for p in first.problems if p.feature not in retried]
    problems += [p for i in again for p in fixes[i]] + second.problems
    upload.checked.problems = (
        _headed(problems, upload.header, upload.mapping) if upload.table else problems
    )


def _checked(
    file: str,
    entries: list[Entry],
    positions: Sequence[int],
    catalogue: Catalogue,
    taken: set[str] = frozenset(),
) -> Checked:
    """The checks of the entries at ``positions`` (records keep their position in the file;
    an id in ``taken`` is a duplicate)."""
    chosen = [entries[i] for i in positions]
    checked = check_collection(
        Checked(path=file),  # type: ignore[arg-type]  # a name, not a path
        _features(chosen),
        catalogue.context(),
        Uploaded,
        lambda _feature, n: chosen[n].label,
    )
    for record in checked.records:
        record.position = positions[record.position]
    duplicates = [r for r in checked.records if r.properties.id in taken]
    for record in duplicates:
        checked.problems.append(Problem(file, "duplicate id", entries[record.position].label, "id"))
    checked.records = [r for r in checked.records if r.properties.id not in taken]
    return checked


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
