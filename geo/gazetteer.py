"""Towns without coordinates: placed at their town centre from an offline gazetteer.

``data/gazetteer.csv`` (built by ``scripts/build_gazetteer.py``) holds the municipalities of
the cooperation area and its neighbours, and the named localities inside them. A name is
compared without case, accents, apostrophes or hyphens (``L'Île-Rousse`` = ``l ile rousse``),
``St``/``Ste`` read as ``Saint``/``Sainte``, and other names of a town count too (Genoa,
Gênes; Bastìa). A name found in several places is told apart by the province or
département (its name, its sigla such as ``LI`` or its number such as ``2B``) or the region
given with it; if that does not settle it, the candidates are returned and nothing is
guessed.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from geo.paths import ROOT

GAZETTEER = ROOT / "data" / "gazetteer.csv"
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "s": "san"}


@dataclass(frozen=True)
class Place:
    """One entry of the gazetteer."""

    name: str
    municipality: str  # the municipality a locality lies in ("" for a municipality)
    province: str
    code: str  # the province's sigla (LI) or the département's number (2B)
    region: str
    country: str
    lon: float
    lat: float

    def label(self) -> str:
        """``Bastia (Albenga, Savona, Liguria)``: enough to tell namesakes apart."""
        where = [w for w in (self.municipality, self.province, self.region) if w]
        return f"{self.name} ({', '.join(dict.fromkeys(where))})"


@dataclass(frozen=True)
class Found:
    """The answer to a look-up: the place, or the candidates, or none."""

    place: Place | None
    candidates: tuple[Place, ...] = ()


@lru_cache(maxsize=1 << 16)
def key(text: str) -> str:
    """A name as compared: lower case, no accents, words only, abbreviations spelt out.
    (Cached: a planner's file names the same towns and projects on many rows.)"""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    words = re.findall(r"[a-z0-9]+", plain)
    return " ".join(_ABBREVIATIONS.get(w, w) if i == 0 else w for i, w in enumerate(words))


@cache
def _index(path: Path = GAZETTEER) -> dict[str, tuple[Place, ...]]:
    """Name key -> the places so named (main and other names), read once."""
    index: dict[str, list[Place]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            place = Place(
                row["name"],
                row["municipality"],
                row["province"],
                row["code"],
                row["region"],
                row["country"],
                float(row["lon"]),
                float(row["lat"]),
            )
            names = {key(row["name"]), *(key(a) for a in row["alt"].split(" | ") if a)}
            for name in names - {""}:
                index[name].append(place)
    return {name: tuple(places) for name, places in index.items()}


def _narrowed(places: tuple[Place, ...], area: str) -> tuple[Place, ...]:
    """The places whose province, département, region or country is ``area``."""
    wanted = key(area)
    if not wanted:
        return places
    return tuple(
        p
        for p in places
        if wanted
        in {key(p.province), key(p.code), key(p.region), key(p.country), key(p.municipality)}
    )


def find(town: str, area: str = "", path: Path = GAZETTEER) -> Found:
    """The place called ``town`` (in ``area``: a province, département or region, when
    given). Municipalities win over localities of the same name; namesakes left after that
    are returned as candidates, and then ``place`` is ``None``."""
    places = _index(path).get(key(town), ())
    if area:
        places = _narrowed(places, area) or ()
    municipalities = tuple(p for p in places if not p.municipality)
    if len(municipalities) == 1 and not area:
        # A locality of the same name (Bastia of Albenga) is a namesake too: say so.
        return Found(None, places) if len(places) > 1 else Found(municipalities[0])
    if len(municipalities) == 1:
        return Found(municipalities[0])
    if len(places) == 1:
        return Found(places[0])
    return Found(None, places)


def suggestions(town: str, limit: int = 5, path: Path = GAZETTEER) -> list[Place]:
    """Places whose name begins with ``town`` (for "Castelnuovo": Castelnuovo Magra, …), to
    suggest when the name alone is found nowhere. Never used to place a row."""
    wanted = key(town)
    if not wanted:
        return []
    found = {
        p
        for name, places in _index(path).items()
        if name.startswith(wanted + " ")
        for p in places
        if not p.municipality
    }
    return sorted(found, key=lambda p: (p.name, p.province))[:limit]
