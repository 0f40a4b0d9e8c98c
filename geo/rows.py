"""A row (or feature) of a planner's file on its way to the checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from geo.problems import Problem


@dataclass
class Entry:
    """One row of a table (or feature of a GeoJSON file): its properties as the data format
    names them, its geometry, and what else it says about where it is."""

    label: str  # "row 12" or "feature 3": how messages name it
    properties: dict[str, Any]
    geometry: Any
    area: str = ""  # province, département or region: tells namesake towns apart
    country: str = ""
    postcode: str = ""
    by_town: bool = False  # placed at its town's centre by the gazetteer
    raw: Any = None  # a feature that is not one, passed to the checks as it is
    #: What was noticed reading it (a coordinate that is not one), said with the rest.
    notes: list[Problem] = field(default_factory=list)
