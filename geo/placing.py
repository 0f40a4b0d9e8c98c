"""Where a planner's row is: its coordinates as people write them, a geometry cell, or its
town's centre from the gazetteer.

Coordinates may have a decimal comma (``43,55``), be in degrees, minutes and seconds
(``41°14'40"N``) or carry a hemisphere (``8.94 E``); a single column may hold both
(``43.55, 10.31``). Coordinates that cannot be read, or that are not a place of the area as
written, never cost the row: it is placed by its town when it has one, else listed without
a place, and the planner is told which.
"""

from __future__ import annotations

import re
from typing import Any

import shapely

from geo.gazetteer import Found, Hints, find, suggestions
from geo.problems import Problem, _, said
from geo.reading import parse_json
from geo.regions import AREA_BOUNDS
from geo.rows import Entry
from geo.validate import check_point

_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_PLAIN = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
#: A number with thousands separated by spaces, and a decimal point or comma.
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:[\s\u202f]\d{3})+(?:[.,]\d)?")
_HEMISPHERE = re.compile(r"^\s*([NSEWO])\b|\b([NSEWO])\s*$", re.IGNORECASE)
#: Degree, minute and second marks, typed or typographic (prime, right quote, double prime).
_MARKS = "°º'\"\u2032\u2019\u2033"
_DEGREE_MARKS = re.compile(f"[{_MARKS}]")
#: What may surround the numbers of a coordinate: signs, marks, a hemisphere, spaces.
_ALLOWED = re.compile(f"^[\\s\\d.,+\\-{_MARKS}NSEWOnsewo]*$")


def coordinate(text: str) -> float | None:
    """A coordinate cell in degrees: ``43.55``, ``43,55``, ``-8.9``, ``41°14'40"N``,
    ``44.3036 N``; ``None`` when it is not one."""
    text = text.strip()
    if _PLAIN.fullmatch(text):  # most cells: a decimal number
        return float(text.replace(",", "."))
    if _THOUSANDS.fullmatch(text):  # "4 581 731,4": metres of a projected system
        return float(re.sub(r"[\s\u202f]", "", text).replace(",", "."))
    if not text or not _ALLOWED.match(text):
        return None
    numbers = [float(n.replace(",", ".")) for n in _NUMBER.findall(text)]
    if not numbers or len(numbers) > 3 or (len(numbers) > 1 and not _DEGREE_MARKS.search(text)):
        return None
    value = sum(n / 60**i for i, n in enumerate(numbers))
    hemisphere = _HEMISPHERE.search(text)
    letter = (hemisphere.group(1) or hemisphere.group(2)).upper() if hemisphere else ""
    negative = text.lstrip().startswith("-") or letter in ("S", "W", "O")
    return -value if negative else value


#: How far outside the area's box a point may be before it is a typo more likely than a
#: partner abroad (one degree: Marseille, Nice, Turin and Rome are within it).
FAR = 1.0
PROJECTED_HINT = (
    " (projected coordinates? name their system in the column header, e.g. X (EPSG:3003) "
    "or Est UTM32N)"
)


def _far(lon: float, lat: float) -> bool:
    west, south, east, north = AREA_BOUNDS
    return not (west - FAR <= lon <= east + FAR and south - FAR <= lat <= north + FAR)


def _in_area(lon: float, lat: float) -> bool:
    west, south, east, north = AREA_BOUNDS
    return west <= lon <= east and south <= lat <= north


#: A map link or URI holding "lat,lon": Google Maps' /@lat,lon, ?q=, ?query=, ?ll=, geo:.
_LINKED = re.compile(
    r"(?:@|[?&](?:q|query|ll|center)=|^geo:)\s*([+-]?\d+(?:\.\d+)?)\s*(?:,|%2C)\s*"
    r"([+-]?\d+(?:\.\d+)?)",
    re.IGNORECASE,
)
#: Two coordinates each carrying its hemisphere: "N 43° 32.910' E 10° 18.636'",
#: "43.55N 10.31E".
_HEMISPHERES = re.compile(
    r"^\s*([NS]?[^NSEWO]*?[NS]?)\s*[,;]?\s*([EWO][^NSEWO]*|[^NSEWO]*[EWO])\s*$", re.IGNORECASE
)


def coordinate_pair(text: str) -> tuple[float, float] | None:
    """One cell holding both coordinates (``43.55, 10.31``, ``43,55; 10,31``,
    ``43.55 10.31``, ``(43.55, 10.31)``, ``43.55N 10.31E``, a Google Maps link, a ``geo:``
    URI) as ``(lon, lat)``: latitude first, as maps write them, unless only the other
    order is a place of the area."""
    text = text.strip().strip("()[]")
    linked = _LINKED.search(text)
    if linked:
        return _ordered(float(linked.group(1)), float(linked.group(2)))
    halves = _HEMISPHERES.match(text)
    if halves and re.search("[NSns]", halves.group(1)) and re.search("[EWOewo]", halves.group(2)):
        lat, lon = coordinate(halves.group(1)), coordinate(halves.group(2))
        if lat is not None and lon is not None:
            return lon, lat
    for pattern in (r"\s*;\s*", r",\s+", r"\s*,\s*", r"\s+"):
        parts = re.split(pattern, text)
        if len(parts) == 2:
            first, second = coordinate(parts[0]), coordinate(parts[1])
            if first is not None and second is not None:
                return _ordered(first, second)
    return None


def _ordered(first: float, second: float) -> tuple[float, float]:
    """``(lon, lat)`` of a pair written latitude first, unless only the other order is a
    place of the area."""
    lat, lon = first, second
    if not _in_area(lon, lat) and _in_area(lat, lon):
        lon, lat = lat, lon
    return lon, lat


def geometry_cell(text: str) -> Any:
    """A ``geometry`` cell, WKT (``POINT (10.3 43.5)``) or GeoJSON, as a GeoJSON geometry;
    the text itself when it is neither, for the checks to name it."""
    text = text.strip()
    if text.startswith("{"):
        data, problem = parse_json(text, "")
        return text if problem else data
    try:
        shape = shapely.from_wkt(text)
    except shapely.errors.GEOSException:
        return text
    return shape_geometry(shape)


def shape_geometry(shape: shapely.Geometry) -> dict[str, Any] | None:
    """A shape as the point the data format holds: a point, or a multipoint of one point
    (as GIS tools often export points); other shapes keep only their type, to be named."""
    if shape.is_empty:
        return None
    if shape.geom_type == "MultiPoint" and len(shape.geoms) == 1:
        shape = shape.geoms[0]
    if shape.geom_type != "Point":
        return {"type": shape.geom_type}
    return {"type": "Point", "coordinates": [shape.x, shape.y]}


def single_point(geometry: Any) -> Any:
    """A GeoJSON ``MultiPoint`` of one point as that point; anything else as it is."""
    if (
        isinstance(geometry, dict)
        and geometry.get("type") == "MultiPoint"
        and isinstance(geometry.get("coordinates"), list)
        and len(geometry["coordinates"]) == 1
    ):
        return {"type": "Point", "coordinates": geometry["coordinates"][0]}
    return geometry


# --- Messages -------------------------------------------------------------------------------

NOT_A_COORDINATE = _("{value} is not a coordinate in degrees")
BAD_POINT_TOWN = _("{reason}: placed at the centre of its town instead")
BAD_POINT = _("{reason}: the row is listed, not on the map")
SEVERAL = _(
    "town {town} is the name of several places: {places}; add a province or département "
    "column to choose. The row is listed, not on the map"
)
NOT_FOUND_NEAR = _(
    "town {town} is not in the gazetteer (did you mean {near}?). The row is listed, not on the map"
)
NOT_FOUND = _("town {town} is not in the gazetteer of the area. The row is listed, not on the map")
NOWHERE = _("no coordinates and no town: the row is listed, not on the map")
POSTCODE_ONLY = _("a postcode alone does not place a row: add the town. The row is listed")
ELSEWHERE = _(
    "no place called {town} in {area} (the gazetteer knows {places}). The row is listed, "
    "not on the map"
)
HINT_IGNORED = _("placed at {place}; {hint} was not used to place it (not its area)")
COMPLETED = _("{town} read as {place}, the one town whose name begins so")


def placed(entry: Entry, file: str) -> tuple[bool, list[Problem]]:
    """Place an entry (in place): its own point when it is a good one, else its town's
    centre. ``True`` when placed by its town; a warning for each thing the planner should
    know (a point that could not be used, a town not found or found in several places)."""
    town = entry.properties.get("municipality")
    town = town.strip() if isinstance(town, str) else ""
    problems = list(entry.notes)
    if entry.geometry is not None:
        point, reason = check_point(entry.geometry, None)
        if point is not None and point == (0.0, 0.0):
            reason = "[0, 0] is not a place (an empty cell read as zero?)"
        elif point is not None and town and _far(*point):
            reason = f"[{point[0]:g}, {point[1]:g}] is far from the cooperation area"
        elif "projected coordinates?" in reason and entry.label.startswith("row "):
            reason = reason.split(" (projected")[0] + PROJECTED_HINT
        if not reason:
            return False, problems
        template = BAD_POINT_TOWN if town else BAD_POINT
        problems.append(said(file, template, entry.label, "geometry", "warning", reason=reason))
        entry.geometry = None
    if not town:
        if not problems:
            template = POSTCODE_ONLY if entry.postcode else NOWHERE
            problems.append(said(file, template, entry.label, "municipality", "warning"))
        return False, problems
    found = find(town, Hints(entry.area, entry.country, entry.postcode))
    if found.place is None:
        return False, [*problems, _not_found(found, town, entry, file)]
    entry.geometry = {"type": "Point", "coordinates": [found.place.lon, found.place.lat]}
    entry.properties["location_precision"] = "municipality"
    for hint in found.ignored:
        values = {"hint": repr(hint[:60]), "place": found.place.label()}
        problems.append(said(file, HINT_IGNORED, entry.label, "municipality", "warning", **values))
    if found.completed:
        values = {"town": repr(town[:60]), "place": found.place.label()}
        problems.append(said(file, COMPLETED, entry.label, "municipality", "warning", **values))
    return True, problems


def _not_found(found: Found, town: str, entry: Entry, file: str) -> Problem:
    if found.elsewhere:
        values = {"town": repr(town[:60]), "area": repr(found.ignored[0][:60]),
                  "places": "; ".join(p.label() for p in found.elsewhere)}  # fmt: skip
        return said(file, ELSEWHERE, entry.label, "municipality", "warning", **values)
    if found.candidates:
        places = "; ".join(p.label() for p in found.candidates[:8])
        values = {"town": repr(town[:60]), "places": places}
        return said(file, SEVERAL, entry.label, "municipality", "warning", **values)
    near = ", ".join(p.label() for p in suggestions(town))
    template = NOT_FOUND_NEAR if near else NOT_FOUND
    values = {"town": repr(town[:60]), "near": near}
    return said(file, template, entry.label, "municipality", "warning", **values)
