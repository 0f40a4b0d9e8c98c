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
import difflib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from geo.paths import ROOT

GAZETTEER = ROOT / "data" / "gazetteer.csv"
_ABBREVIATIONS = {"st": "saint", "ste": "sainte"}


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
    """The answer to a look-up: the place, or the candidates, or none; ``ignored`` is a hint
    (a province, a country, a postcode) that matched none of the places of that name."""

    place: Place | None
    candidates: tuple[Place, ...] = ()
    ignored: tuple[str, ...] = ()
    elsewhere: tuple[Place, ...] = ()  # the places of that name outside the area asked for
    completed: bool = False  # the name was the beginning of one town's name ("Tempio")


@dataclass(frozen=True)
class Hints:
    """What else a row says about where a town is."""

    area: str = ""  # province, département or region: name, sigla (LI) or number (2B)
    country: str = ""
    postcode: str = ""


@lru_cache(maxsize=1 << 16)
def key(text: str) -> str:
    """A name as compared: lower case, no accents, words only, abbreviations spelt out.
    (Cached: a planner's file names the same towns and projects on many rows.)"""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    words = re.findall(r"[a-z0-9]+", plain)
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)


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


#: The regions whose localities may share a town's name (elsewhere, a hamlet of the same
#: name does not make a town of the area ambiguous: Massa in Toscana, not the one in Marche).
AREA_REGIONS = frozenset({"toscana", "liguria", "sardegna", "corse"})
AREA_DEPARTEMENTS = frozenset({"var"})
_COUNTRIES = {"italia": "IT", "italy": "IT", "italie": "IT", "it": "IT", "ita": "IT",
              "france": "FR", "francia": "FR", "fr": "FR", "fra": "FR"}  # fmt: skip
#: Italian postcodes (CAP) by their first two digits, for the regions of the area.
_CAP_REGIONS = {**dict.fromkeys(("07", "08", "09"), "Sardegna"),
                **dict.fromkeys(("16", "17", "18", "19"), "Liguria"),
                **{str(n): "Toscana" for n in range(50, 60)}}  # fmt: skip
_CEDEX = re.compile(r"\s+cedex(\s+\d+)?\s*$", re.IGNORECASE)
_POSTCODE_FIRST = re.compile(r"^\s*(\d{5})\s+(.+)$")
_SAINTS = ("san", "santa", "santo", "sant", "saint", "sainte")


def parse_town(text: str) -> tuple[str, list[str], str]:
    """A town cell as people fill it: ``Viareggio (LU)``, ``Sarzana - SP``, ``Livorno LI``,
    ``Bastia, Haute-Corse``, ``20000 Ajaccio``, ``AJACCIO CEDEX 1`` -> the town, the area
    hints and the postcode it holds."""
    town, hints, postcode = _CEDEX.sub("", text.strip()), [], ""
    match = _POSTCODE_FIRST.match(town)
    if match:
        postcode, town = match.group(1), match.group(2)
    match = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", town)
    if match:
        town, hints = match.group(1), [match.group(2)]
    for separator in (" - ", ","):
        if separator in town:
            town, _sep, rest = town.partition(separator)
            hints.append(rest)
    match = re.fullmatch(r"(.+?)\s+([A-Z]{2}|2[AB]|\d{2})", town.strip())
    if match:
        town, hints = match.group(1), [*hints, match.group(2)]
    return town.strip(), [h.strip() for h in hints if h.strip()], postcode


def _area_keys(place: Place) -> set[str]:
    return {key(place.province), key(place.code), key(place.region), key(place.municipality)}


def _in_area(place: Place, area: str) -> bool:
    """Whether ``area`` (``Var``, ``83``, ``Var (83)``, ``Provincia di Lucca``) names the
    place's province, département or region."""
    wanted = key(area)
    keys = _area_keys(place)
    words = wanted.split()
    return bool(wanted) and (wanted in keys or any(w in keys for w in words if len(w) > 1))


def _in_country(place: Place, country: str) -> bool:
    return _COUNTRIES.get(key(country), "") in ("", place.country)


def _has_postcode(place: Place, postcode: str) -> bool:
    """Whether a postcode fits the place: a French one starts with its département's
    number (20 for Corse), an Italian one with its region's digits."""
    digits = re.sub(r"\D", "", postcode)
    if len(digits) != 5:
        return True  # not a postcode: says nothing
    if place.country == "FR":
        return digits[:2] == ("20" if place.code in ("2A", "2B") else place.code)
    return _CAP_REGIONS.get(digits[:2]) == place.region


def _named(town: str, path: Path) -> tuple[tuple[Place, ...], tuple[Place, ...]]:
    """The places whose own name is ``town``, and those with ``town`` among any of their
    names. An ``S.`` is tried as San, Santa, Santo, Sant', Saint and Sainte ("Porto S.
    Stefano"), and a name without its spaces too ("Porto Venere": Portovenere)."""
    index = _index(path)
    words = key(town).split()
    tried = [" ".join(words)]
    if "s" in words:
        at = words.index("s")
        tried = [" ".join([*words[:at], saint, *words[at + 1 :]]) for saint in _SAINTS]
    places = tuple(dict.fromkeys(p for t in tried for p in index.get(t, ())))
    if not places:
        squashed = _squashed(path)
        places = tuple(
            dict.fromkeys(p for t in tried for p in squashed.get(t.replace(" ", ""), ()))
        )
    main = tuple(p for p in places if key(p.name) in tried or key(p.name).replace(" ", "") in
                 {t.replace(" ", "") for t in tried})  # fmt: skip
    return main, places


@cache
def _squashed(path: Path = GAZETTEER) -> dict[str, tuple[Place, ...]]:
    """The index with the spaces of each name taken out."""
    squashed: dict[str, list[Place]] = defaultdict(list)
    for name, places in _index(path).items():
        squashed[name.replace(" ", "")].extend(places)
    return {name: tuple(dict.fromkeys(places)) for name, places in squashed.items()}


def _outside_area(place: Place) -> bool:
    return key(place.region) not in AREA_REGIONS and key(place.province) not in AREA_DEPARTEMENTS


@lru_cache(maxsize=1 << 14)  # a planner's file names the same towns on many rows
def find(town: str, hints: Hints = Hints(), path: Path = GAZETTEER) -> Found:
    """The place called ``town``, told apart from its namesakes by ``hints`` (and by what
    the cell itself holds: ``Viareggio (LU)``). A municipality wins over localities of the
    same name outside the cooperation area, never over one inside it (the Bastia of
    Albenga); a name that is only another name, or only a hamlet's (Montecatini,
    Castelnuovo), is ambiguous when a town's own name begins with it (Montecatini-Terme).
    What is left undecided comes back as candidates: nothing is guessed. A hint that fits
    none of the places is ignored, and said. ``Alghero/L'Alguer``: each name in turn."""
    town, inline, postcode = parse_town(town)
    found = Found(None)
    for name in [part for part in re.split(r"\s*/\s*", town) if part] or [town]:
        found = _find(name, tuple(inline), hints, postcode, path)
        if found.place is not None or found.candidates or found.elsewhere:
            return found
    return found


def _find(town: str, inline: tuple[str, ...], hints: Hints, postcode: str, path: Path) -> Found:
    main, named = _named(town, path)
    places = main or named
    if places and not (main and any(not p.municipality for p in main)):
        # Only another name, or only a hamlet, is called so: the towns whose own name
        # begins with it are as likely (Montecatini-Terme, Castelnuovo Magra).
        places = tuple(dict.fromkeys((*places, *_beginning_with(town, path))))
    if not places:
        return _completed(town, path)
    if any(not p.municipality for p in places):
        places = tuple(p for p in places if not p.municipality or not _outside_area(p))
    ignored = []
    checks = [(a, _in_area) for a in (*inline, hints.area) if a.strip()]
    checks += [(hints.country, _in_country), (postcode or hints.postcode, _has_postcode)]
    for value, fits in checks:
        if not value.strip() or len(places) <= 1:
            continue
        kept = tuple(p for p in places if fits(p, value)) or tuple(
            p
            for p in named
            if fits(p, value)  # "Campo" (LI): Marina di Campo's other name
        )
        if kept:
            places = kept
        else:
            ignored.append(value)
    for area in (*inline, hints.area):
        if len(places) == 1 and area.strip() and not _in_area(places[0], area):
            locality = _locality(places[0], area, path)
            if locality is not None:  # "Arzachena - Porto Cervo": the locality itself
                return Found(locality)
            if _known_area(area, path):  # "Sardegna" for the Isola Rossa of Corsica: not it
                return Found(None, (), (area,), places)
            ignored.append(area)  # an old or unknown code ("OT"): placed, and said
    if len(places) == 1:
        return Found(places[0], (), tuple(dict.fromkeys(ignored)))
    return Found(None, places, tuple(dict.fromkeys(ignored)))


def _locality(town: Place, name: str, path: Path) -> Place | None:
    """The locality ``name`` of the municipality ``town``, if the gazetteer has it."""
    for place in _index(path).get(key(name), ()):
        if place.municipality and key(place.municipality) == key(town.name):
            return place
    return None


def _completed(town: str, path: Path) -> Found:
    """A name found nowhere that begins exactly one town's name of the area ("Tempio":
    Tempio Pausania) is that town, said as such; else nothing."""
    begun = [p for p in _beginning_with(town, path) if not _outside_area(p)]
    if len(begun) == 1:
        return Found(begun[0], completed=True)
    return Found(None)


@cache
def _areas(path: Path = GAZETTEER) -> frozenset[str]:
    """Every province, département (name and code) and region the gazetteer names."""
    return frozenset(
        k
        for places in _index(path).values()
        for p in places
        for k in (key(p.province), key(p.code), key(p.region))
    )


def _known_area(area: str, path: Path) -> bool:
    """Whether ``area`` names a province, département or region of the gazetteer."""
    wanted = key(area)
    return wanted in _areas(path) or any(w in _areas(path) for w in wanted.split() if len(w) > 1)


def _beginning_with(town: str, path: Path) -> set[Place]:
    """Municipalities whose own name begins with ``town`` and goes on (Montecatini-Terme
    for "Montecatini")."""
    wanted = key(town)
    return {
        p
        for name, places in _index(path).items()
        if name.startswith(wanted + " ")
        for p in places
        if not p.municipality and key(p.name).startswith(wanted + " ")
    }


def suggestions(town: str, limit: int = 5, path: Path = GAZETTEER) -> list[Place]:
    """Municipalities whose name begins with ``town`` (for "Castelnuovo": Castelnuovo
    Magra, …), else whose name is close to it (a typo: "Livorrno"), to suggest when the name
    alone is not enough. Never used to place a row by itself."""
    wanted = key(parse_town(town)[0])
    if not wanted:
        return []
    index = _index(path)
    found = _beginning_with(wanted, path)
    if not found:
        close = difflib.get_close_matches(wanted, list(index), n=limit, cutoff=0.85)
        found = {p for name in close for p in index[name] if not p.municipality}
    # The area's own towns first: a planner of the area means them more often.
    return sorted(found, key=lambda p: (_outside_area(p), p.name, p.province))[:limit]


@lru_cache(maxsize=1024)
def towns(text: str, limit: int = 8, path: Path = GAZETTEER) -> tuple[Place, ...]:
    """The towns a visitor may mean by ``text`` (a search box): the one :func:`find` places,
    else its namesakes, else the towns whose name begins with it or is close to it. Kept per
    text: the page asks again on every rerun while the text stays (a close match is ~15 ms)."""
    found = find(text, path=path)
    if found.place is not None:
        return (found.place,)
    return tuple(found.candidates or found.elsewhere)[:limit] or tuple(
        suggestions(text, limit, path)
    )
