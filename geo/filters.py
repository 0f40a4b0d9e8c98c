"""What the user asked to see: one value object, read from and written to the URL.

Query parameters are stable and readable (``?project=festa&region=ITG2,FRM0&lang=fr``):
several values repeated or comma-separated. Within a parameter values are alternatives (OR);
parameters combine with AND; an absent parameter keeps everything.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from geo.schema import CERTIFICATIONS, KINDS, PERIODS

if TYPE_CHECKING:
    from geo.load import Dataset

#: The value standing for "no value stated" in the economy and certification filters.
NOT_STATED = "not-stated"
#: Filter field -> query parameter.
PARAMS: dict[str, str] = {
    "projects": "project",
    "periods": "period",
    "economy": "economy",
    "regions": "region",
    "cert": "cert",
    "kinds": "kind",
}
SEARCH_PARAM = "q"
#: Longest name search taken from a link (longer is cut, and said): names are shorter.
SEARCH_MAX = 100
#: Where the map was moved to, in a link: ``zoom/latitude/longitude`` (as OpenStreetMap
#: and uMap write it). Written by the map itself (geo/mapview.py, FitView).
AT_PARAM = "at"


@dataclass(frozen=True)
class Filters:
    """The filters of the explorer; empty means "no constraint"."""

    projects: tuple[str, ...] = ()
    periods: tuple[str, ...] = ()
    economy: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    cert: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    q: str = ""


@dataclass(frozen=True)
class Known:
    """The values each filter accepts, in display order."""

    projects: tuple[str, ...]
    periods: tuple[str, ...]
    economy: tuple[str, ...]
    regions: tuple[str, ...]
    cert: tuple[str, ...]
    kinds: tuple[str, ...]


def known_values(dataset: Dataset) -> Known:
    """What each filter accepts for ``dataset``: its catalogue and regions, the fixed kinds
    and certification states, and :data:`NOT_STATED` where a value may be missing."""
    catalogue = dataset.catalogue
    return Known(
        projects=tuple(p.id for p in catalogue.projects),
        periods=(*PERIODS, NOT_STATED),
        economy=(*(e.id for e in catalogue.economy_types), NOT_STATED),
        regions=tuple(dataset.regions["code"]),
        cert=(*CERTIFICATIONS, NOT_STATED),
        kinds=KINDS,
    )


def _values(raw: str | Iterable[str] | None) -> list[str]:
    """``"a,b"`` or ``["a", "b,c"]`` -> ``["a", "b", "c"]``, trimmed, without blanks."""
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else list(raw)
    return [v.strip() for item in items for v in item.split(",") if v.strip()]


def from_query(
    params: Mapping[str, str | list[str]], known: Known
) -> tuple[Filters, list[tuple[str, str]]]:
    """Filters from query parameters, and the ``(parameter, value)`` pairs that were ignored
    because no such value exists (a stale or mistyped link must never break the page)."""
    chosen: dict[str, tuple[str, ...]] = {}
    ignored: list[tuple[str, str]] = []
    for name, param in PARAMS.items():
        allowed = getattr(known, name)
        values = _values(params.get(param))
        ignored += [(param, v) for v in values if v not in allowed]
        chosen[name] = tuple(dict.fromkeys(v for v in values if v in allowed))
    query = " ".join(_values(params.get(SEARCH_PARAM)))
    if len(query) > SEARCH_MAX:
        ignored.append((SEARCH_PARAM, query[SEARCH_MAX:]))
        query = query[:SEARCH_MAX].strip()
    return Filters(**chosen, q=query), ignored


def position(text: str | None) -> str | None:
    """``text`` as ``zoom/latitude/longitude`` when it is a place on the map (zoom 0–18,
    latitude within ±85, longitude within ±180), rounded as the map writes it; else ``None``."""
    parts = (text or "").split("/")
    if len(parts) != 3 or len(text or "") > 40:
        return None
    try:
        zoom, lat, lon = (float(p) for p in parts)
    except ValueError:
        return None
    if not (0 <= zoom <= 18 and -85 <= lat <= 85 and -180 <= lon <= 180):
        return None  # also NaN, which compares false
    return f"{round(zoom, 2):g}/{lat:.4f}/{lon:.4f}"


def to_query(filters: Filters) -> dict[str, str]:
    """Query parameters for ``filters``: comma-separated values, absent when empty."""
    query = {param: ",".join(getattr(filters, name)) for name, param in PARAMS.items()}
    query[SEARCH_PARAM] = filters.q
    return {k: v for k, v in query.items() if v}


def toggled(values: Iterable[str], value: str) -> list[str]:
    """``values`` with ``value`` added at the end, or taken out when it was there: a click on
    a region on the map adds it to the regions chosen, a second click takes it out."""
    values = list(values)
    kept = [v for v in values if v != value]
    return kept if len(kept) < len(values) else [*kept, value]


def fold(text: str) -> str:
    """Lower case without accents, so ``"agora"`` finds ``"Agorà"``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _any_of(column: pd.Series, wanted: tuple[str, ...]) -> pd.Series:
    """Rows whose list column shares a value with ``wanted``; NOT_STATED matches empty lists."""
    chosen = set(wanted)
    empty_ok = NOT_STATED in chosen
    return column.map(lambda items: bool(chosen.intersection(items)) or (empty_ok and not items))


def mask(frame: pd.DataFrame, filters: Filters) -> pd.Series:
    """Boolean mask of the rows of ``frame`` that ``filters`` keep.

    ``frame`` has the columns of :func:`geo.load.records_frame`; ``region`` when located.
    """
    keep = pd.Series(True, index=frame.index)
    if filters.projects:
        keep &= _any_of(frame["projects"], filters.projects)
    if filters.periods:
        keep &= _any_of(frame["periods"], filters.periods)
    if filters.economy:
        keep &= _any_of(frame["economy"], filters.economy)
    if filters.cert:
        cert = frame["certification"].replace("", NOT_STATED)
        keep &= cert.isin(filters.cert)
    if filters.kinds:
        keep &= frame["kind"].isin(filters.kinds)
    if filters.regions:
        region = frame["region"] if "region" in frame else pd.Series(None, index=frame.index)
        keep &= region.isin(filters.regions)
    if filters.q:
        needle = fold(filters.q)
        keep &= frame["name"].map(lambda name: needle in fold(name))
    return keep
