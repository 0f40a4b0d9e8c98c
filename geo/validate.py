"""Checking data files feature by feature, so one bad feature never costs the good ones.

Every function here returns what is valid plus a list of :class:`~geo.problems.Problem`;
nothing raises on bad data. Spatial checks that need the regions (which region, outside the
area) are in :mod:`geo.load`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from pydantic import BaseModel, TypeAdapter, ValidationError
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError

from geo.problems import Problem, _, feature_label
from geo.reading import read_json
from geo.regions import AREA_BOUNDS
from geo.schema import NOT_PLAIN, EconomyType, Organisation, Project

WGS84 = CRS.from_epsg(4326)
NUMBER = (int, float)

Model = TypeVar("Model", bound=BaseModel)
Reproject = Callable[[float, float], tuple[float, float]]
#: How a feature is named in messages, from the feature and its position in the file.
Labeller = Callable[[Any, int], str]


@dataclass
class Record:
    """A valid feature: its checked properties and its location (``None``: not located)."""

    properties: Organisation
    lon: float | None
    lat: float | None
    position: int
    label: str = ""  # how messages name it, when not by position and id ("row 12")


@dataclass
class Checked:
    """The outcome of checking one file: what is kept and what is wrong."""

    path: Path
    records: list[Record] = field(default_factory=list)
    items: list[BaseModel] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True


def _read_into(result: Checked) -> Any:
    """The file's JSON; when it cannot be read, the reason goes into ``result``."""
    data, unreadable = read_json(result.path)
    if unreadable:
        result.problems.append(unreadable)
        result.readable = False
    return data


def _pydantic_problems(
    file: str, where: str | None, error: ValidationError, model: type[BaseModel]
) -> list[Problem]:
    """One problem per field pydantic rejected, with the offending value when it is short;
    one per property the format does not define that is not plain (pydantic names each kind
    of value it is not)."""
    problems = []
    extras = set()
    for err in error.errors():
        key = str(err["loc"][0]) if err["loc"] else ""
        if key and key not in model.model_fields and err["type"] != "extra_forbidden":
            if key not in extras:
                extras.add(key)
                problems.append(Problem(file, NOT_PLAIN.format(key=repr(key[:60])), where))
            continue
        loc = ".".join(str(part) for part in err["loc"]) or None
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "missing":
            message = _("missing")
        elif err["type"] != "value_error" and len(repr(err.get("input"))) <= 60:
            message = f"{message} (got {err['input']!r})"
        problems.append(Problem(file, message, where, loc))
    return problems


def crs_of(collection: dict[str, Any], file: str) -> tuple[Reproject | None, list[Problem]]:
    """A reprojection to WGS84 when the file declares another CRS (the old GeoJSON ``crs``)."""
    declared = collection.get("crs")
    if declared is None:
        return None, []
    name = (declared.get("properties") or {}).get("name") if isinstance(declared, dict) else None
    try:
        crs = CRS.from_user_input(name)
    except (CRSError, TypeError):
        return None, [Problem(file, f"unknown CRS {name or declared!r}", field="crs")]
    if crs.equals(WGS84, ignore_axis_order=True):
        return None, []
    transformer = Transformer.from_crs(crs, WGS84, always_xy=True)
    note = Problem(file, f"reprojected from {crs.to_string()} to WGS84", None, "crs", "warning")
    return transformer.transform, [note]


def _in_area(x: Any, y: Any) -> Any:
    """Whether a point (or each of arrays of points) lies in the area's bounding box."""
    west, south, east, north = AREA_BOUNDS
    return (west <= x) & (x <= east) & (south <= y) & (y <= north)


def _swapped(lon: Any, lat: Any) -> Any:
    """True when [lat, lon] lies in the area and [lon, lat] does not (for a point, or each
    of arrays of points)."""
    return _in_area(lat, lon) & np.logical_not(_in_area(lon, lat))


Location = tuple[float, float]


def check_point(geometry: Any, reproject: Reproject | None) -> tuple[Location | None, str]:
    """``((lon, lat), "")`` for a good point, ``(None, "")`` when not located (null
    geometry), else ``(None, reason)``."""
    if geometry is None:
        return None, ""
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        kind = geometry.get("type") if isinstance(geometry, dict) else type(geometry).__name__
        return None, f"expected a Point geometry, got {kind}"
    coords = geometry.get("coordinates")
    if coords is None or coords == []:
        return None, "empty coordinates"
    # type() rather than isinstance(): true and false are ints to isinstance, not numbers here.
    if (
        not isinstance(coords, list)
        or len(coords) < 2
        or type(coords[0]) not in NUMBER
        or type(coords[1]) not in NUMBER
    ):
        return None, f"coordinates must be [longitude, latitude] numbers, got {_short(coords)}"
    try:
        lon, lat = float(coords[0]), float(coords[1])
    except OverflowError:  # an integer too large for a float
        lon = lat = math.inf
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return None, f"coordinates are not finite numbers: {_short(coords)}"
    if reproject is not None:
        lon, lat = reproject(lon, lat)
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return None, (
            f"coordinates out of range [{lon}, {lat}]: longitude must be within ±180 and "
            "latitude within ±90 (projected coordinates? declare the file's CRS)"
        )
    if _swapped(lon, lat):
        return None, (
            f"latitude and longitude look swapped: [{lon}, {lat}] read as "
            f"[{lat}, {lon}] would be in the cooperation area; write [longitude, latitude]"
        )
    return (lon, lat), ""


def _short(value: Any, limit: int = 60) -> str:
    """``repr`` of a value from a file, cut to ``limit`` characters for a one-line message."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _raw_id(feature: Any) -> Any:
    """The feature's id as written: top-level ``id``, else ``properties.id``."""
    if not isinstance(feature, dict):
        return None
    if feature.get("id") not in (None, ""):
        return feature["id"]
    props = feature.get("properties")
    return props.get("id") if isinstance(props, dict) else None


#: Catalogue references of a feature: property -> the word for one of them in messages.
REFERENCES: dict[str, str] = {"projects": "project", "economy": "economy type"}
Catalogue = dict[str, list[str] | None]
#: The catalogue as sets (for the check) and lists (for the message), ``None`` unchecked.
Known = dict[str, tuple[frozenset[str], list[str]] | None]


def _known(catalogue: Catalogue) -> Known:
    return {k: None if v is None else (frozenset(v), v) for k, v in catalogue.items()}


def _references(model: Organisation, known: Known) -> list[tuple[str, str]]:
    """``(property, message)`` for the ids a feature names that the catalogue does not hold
    (none checked for a list the catalogue could not give: ``None``), and for a status given
    for a project the feature does not name."""
    found = []
    stray = [p for p in model.participation if p not in model.projects]
    if stray:
        listed = ", ".join(map(repr, stray))
        found.append(("participation", f"status given for {listed}, not in its projects"))
    for name, what in REFERENCES.items():
        entry = known.get(name)
        values = model.__dict__[name]
        if entry is None or entry[0].issuperset(values):
            continue
        unknown = ", ".join(repr(v) for v in values if v not in entry[0])
        found.append((name, f"unknown {what} {unknown} (known: {', '.join(entry[1])})"))
    return found


def _check_feature(
    feature: Any,
    position: int,
    file: str,
    known: Known,
    reproject: Reproject | None,
    model_type: type[Organisation] = Organisation,
    label: Labeller | None = None,
) -> tuple[Record | None, list[Problem]]:
    """A valid record, or the problems that keep this feature out. (The feature's label is
    made only when there is a problem: most features have none.)"""
    labeller = label or _label

    def where() -> str:
        return labeller(feature, position)

    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return None, [Problem(file, "not a GeoJSON Feature", where())]
    props = feature.get("properties")
    if not isinstance(props, dict):
        where = where()
        return None, [Problem(file, "properties must be an object", where, "properties")]
    problems: list[Problem] = []
    outer = feature.get("id")
    if outer not in (None, ""):
        inner = props.get("id")
        if inner not in (None, "") and str(inner) != str(outer):
            message = f"Feature id {_short(outer)} differs from properties.id {_short(inner)}"
            problems.append(Problem(file, message, where(), "id"))
        props = {**props, "id": outer}
    try:
        model = model_type.model_validate(props)
    except ValidationError as exc:
        model = None
        problems += _pydantic_problems(file, where(), exc, model_type)
    else:
        for name, message in _references(model, known):
            problems.append(Problem(file, message, where(), name))
    point, reason = check_point(feature.get("geometry"), reproject)
    if reason:
        problems.append(Problem(file, reason, where(), "geometry"))
    if model is None or problems:
        return None, problems
    lon, lat = point if point else (None, None)
    return Record(model, lon, lat, position, label(feature, position) if label else ""), []


def _label(feature: Any, position: int) -> str:
    return feature_label(position, _raw_id(feature))


def check_features(path: Path, context: Catalogue) -> Checked:
    """Check a GeoJSON FeatureCollection file of organisations, feature by feature."""
    result = Checked(path)
    data = _read_into(result)
    return check_collection(result, data, context) if result.readable else result


def check_collection(
    result: Checked,
    data: Any,
    context: Catalogue,
    model_type: type[Organisation] = Organisation,
    label: Labeller | None = None,
) -> Checked:
    """Check parsed GeoJSON of organisations into ``result``, feature by feature.

    ``context`` holds the known ``projects`` and ``economy`` ids. Duplicate ids: the first
    feature is kept, later ones are errors. A planner's file has its own rules
    (``model_type``) and names its features by row (``label``).
    """
    file = str(result.path)
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        got = data.get("type") if isinstance(data, dict) else type(data).__name__
        message = f"not a GeoJSON FeatureCollection (type: {got})"
        if isinstance(data, dict) and got is None:
            message = 'not GeoJSON (no "type"): export the layer as GeoJSON, or as a table'
        result.problems.append(Problem(file, message))
        return result
    features = data.get("features")
    if not isinstance(features, list):
        result.problems.append(Problem(file, "'features' must be a list", field="features"))
        return result
    reproject, crs_problems = crs_of(data, file)
    result.problems += crs_problems
    if any(p.severity == "error" for p in crs_problems):
        return result
    known = _known(context)
    if reproject is None:
        records = _all_valid(features, known, model_type, label)
        if records is not None:
            result.records = records
            return result
    seen: set[str] = set()
    for position, feature in enumerate(features):
        record, problems = _check_feature(
            feature, position, file, known, reproject, model_type, label
        )
        if record is not None and record.properties.id in seen:
            where = (label or _label)(feature, position)
            record, problems = None, [Problem(file, "duplicate id", where, "id")]
        result.problems += problems
        if record is not None:
            seen.add(record.properties.id)
            result.records.append(record)
    return result


@cache
def _many(model_type: type[Organisation]) -> TypeAdapter[list[Organisation]]:
    return TypeAdapter(list[model_type])  # type: ignore[valid-type]


def _all_valid(
    features: list[Any], known: Known, model_type: type[Organisation], label: Labeller | None
) -> list[Record] | None:
    """Every feature of a file, checked at once, when all are valid: the common case of a
    large file, without a Python call per feature and per check (one validation of the list,
    the coordinates as arrays, the references as sets). ``None`` as soon as one feature is
    not plainly valid: :func:`_check_feature`, feature by feature, then says what is wrong
    and where."""
    props: list[dict[str, Any]] = []
    coordinates: list[list[Any] | None] = []
    for feature in features:
        if type(feature) is not dict or feature.get("type") != "Feature":
            return None
        properties, geometry = feature.get("properties"), feature.get("geometry")
        if type(properties) is not dict:
            return None
        outer = feature.get("id")
        if outer not in (None, ""):  # the Feature's id stands for properties.id
            inner = properties.get("id")
            if inner not in (None, "") and str(inner) != str(outer):
                return None
            properties = {**properties, "id": outer}
        if geometry is None:
            coordinates.append(None)
        elif type(geometry) is dict and geometry.get("type") == "Point":
            coords = geometry.get("coordinates")
            if type(coords) is not list or len(coords) < 2:
                return None
            if type(coords[0]) not in NUMBER or type(coords[1]) not in NUMBER:
                return None
            coordinates.append(coords)
        else:
            return None
        props.append(properties)
    try:
        models = _many(model_type).validate_python(props)
        located = [c is not None for c in coordinates]
        lonlat = np.array([c[:2] for c in coordinates if c is not None], dtype=float)
    except (ValidationError, OverflowError):
        return None
    lonlat = lonlat.reshape(-1, 2)
    lon, lat = lonlat[:, 0], lonlat[:, 1]
    if not (np.isfinite(lonlat).all() and (np.abs(lon) <= 180).all() and (np.abs(lat) <= 90).all()):
        return None
    if _swapped(lon, lat).any():
        return None
    for name in REFERENCES:
        entry = known.get(name)
        if entry is not None and not entry[0].issuperset(
            v for model in models for v in model.__dict__[name]
        ):
            return None
    if any(m.participation and not m.participation.keys() <= set(m.projects) for m in models):
        return None
    ids = [m.id for m in models]
    if len(set(ids)) != len(ids):
        return None
    places = iter(lonlat.tolist())
    return [
        Record(
            model,
            *(next(places) if has_place else (None, None)),
            position,
            label(feature, position) if label else "",
        )
        for position, (model, has_place, feature) in enumerate(
            zip(models, located, features, strict=True)
        )
    ]


def check_list(path: Path, model: type[Model]) -> Checked:
    """Check a JSON list of catalogue entries (projects, economy types), entry by entry."""
    result = Checked(path)
    file = str(path)
    data = _read_into(result)
    if not result.readable:
        return result
    if not isinstance(data, list):
        result.problems.append(Problem(file, f"expected a JSON list, got {type(data).__name__}"))
        return result
    seen: set[str] = set()
    for index, entry in enumerate(data):
        label = feature_label(index, entry.get("id") if isinstance(entry, dict) else None)
        try:
            item = model.model_validate(entry)
        except ValidationError as exc:
            result.problems += _pydantic_problems(file, label, exc, model)
            continue
        if item.id in seen:  # type: ignore[attr-defined]
            result.problems.append(Problem(file, "duplicate id", label, "id"))
            continue
        seen.add(item.id)  # type: ignore[attr-defined]
        result.items.append(item)
    return result


def check_projects(path: Path) -> Checked:
    return check_list(path, Project)


def check_economy_types(path: Path) -> Checked:
    return check_list(path, EconomyType)
