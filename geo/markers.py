"""Points on the map: marker styles, the places file, and one clustered layer element.

The located places of a data version become one compact, language-neutral JSON document
(:func:`places_payload`): columns of numbers and HTML-escaped strings. The browser fetches it
once (or it is embedded in a one-file map) and each :class:`PointLayer` gets only a bitmask
of the places the filters keep and the words of its language, so a filter change sends a few
bytes per thousand places. Every text from the data is escaped here, in Python; the script
(``geo/web/points.js``) only joins strings it was given.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

import numpy as np
import pandas as pd
from folium.template import Template

from geo.elements import SafeMacroElement
from geo.filters import NOT_STATED
from geo.reading import bulk
from geo.regions import REGION_CODES
from geo.schema import CERTIFICATIONS, KINDS, STATUSES

SEVERAL = "several"
#: Economy class -> colour of enterprise markers (dark enough to read on any region fill).
ECONOMY_COLORS: dict[str, str] = {
    "green": "#1B7837",
    "blue": "#2166AC",
    "wellbeing": "#762A83",
    SEVERAL: "#8C510A",
    NOT_STATED: "#6B6B6B",
}
#: Certification -> Font Awesome icon of enterprise markers.
CERT_ICONS: dict[str, str] = {
    "certified": "fa-certificate",
    "in_certification": "fa-hourglass-half",
    NOT_STATED: "fa-store",
}
#: Partner kinds -> Font Awesome icon; partners are dark squares, enterprises round.
KIND_ICONS: dict[str, str] = {"office": "fa-building", "partner": "fa-handshake"}
PARTNER_COLOR = "#222222"
#: The ring of places from the planner's own file: Okabe–Ito yellow, the one colour of the
#: palette no region fill uses, edged in black so it reads on sea and land alike.
YOURS_COLOR = "#F0E442"
PRECISIONS: tuple[str, ...] = ("address", "municipality")
#: Coordinates travel as integers of 1e-5 degree (about a metre): shorter than decimals.
SCALE = 100_000


@dataclass(frozen=True)
class MarkerStyle:
    """How one class of point looks: fill colour, icon and shape."""

    color: str
    icon: str
    shape: str  # "round" or "square"
    yours: bool = False  # from the planner's own file: ringed

    def html(self) -> str:
        """The marker's inner HTML (trusted: built from constants only)."""
        ring = " mm-yours" if self.yours else ""
        return (
            f'<span class="mm-pin mm-{self.shape}{ring}" style="background:{self.color}">'
            f'<i class="fa-solid {self.icon}"></i></span>'
        )


def economy_class(economy: Sequence[str]) -> str:
    """One colour class per enterprise: its economy type, ``several``, or not stated."""
    if not economy:
        return NOT_STATED
    return economy[0] if len(economy) == 1 else SEVERAL


def style_of(
    kind: str, economy: Sequence[str], certification: str, yours: bool = False
) -> MarkerStyle:
    """The marker style of a point: partners by kind, enterprises by economy and
    certification, ringed when it comes from the planner's own file."""
    if kind in KIND_ICONS:
        return MarkerStyle(PARTNER_COLOR, KIND_ICONS[kind], "square", yours)
    color = ECONOMY_COLORS.get(economy_class(economy), ECONOMY_COLORS[SEVERAL])
    return MarkerStyle(color, CERT_ICONS[certification or NOT_STATED], "round", yours)


@dataclass(frozen=True)
class PopupText:
    """Everything a popup says besides the data, in the user's language, keyed by id."""

    labels: Mapping[str, str]  # fixed words: "Projects", "Sources", "not stated", ...
    kinds: Mapping[str, str]
    projects: Mapping[str, str]  # project id -> "FESTA – Feste Enogastronomia ... (2021–2027)"
    short_projects: Mapping[str, str]  # project id -> "FESTA"
    statuses: Mapping[str, str]  # lead / partner / ... -> words
    economy: Mapping[str, str]  # economy id -> label
    certification: Mapping[str, str]  # certified / in_certification -> label
    precision: Mapping[str, str]  # address / municipality -> sentence
    regions: Mapping[str, str]  # NUTS code -> name

    def escaped(self) -> dict[str, dict[str, str]]:
        """Every table HTML-escaped (names of projects and regions come from data files)."""
        tables = ("labels", "kinds", "projects", "short_projects", "statuses", "economy")
        tables += ("certification", "precision")
        return {
            name: {escape(k): escape(v) for k, v in getattr(self, name).items()}
            for name in (*tables, "regions")
        }


def _codes(column: pd.Series, table: Sequence[str]) -> list[int]:
    """Each value's position in ``table``, ``-1`` when it is not there (or empty)."""
    index = {v: i for i, v in enumerate(table)}
    return [index.get(v, -1) for v in column.tolist()]  # (iterating Arrow strings is slow)


def _lists(column: pd.Series, table: list[str]) -> list[list[int]]:
    """List column -> lists of positions in ``table``, which grows with unseen values (a
    reference kept while the catalogue could not be read still shows, by its id). Rows
    naming the same values share one list: places have few distinct combinations."""
    index = {v: i for i, v in enumerate(table)}
    done: dict[tuple[str, ...], list[int]] = {}
    out = []
    for items in column:
        values = tuple(items)
        row = done.get(values)
        if row is None:
            for item in values:
                if item not in index:
                    index[item] = len(table)
                    table.append(item)
            row = done[values] = [index[item] for item in values]
        out.append(row)
    return out


def _column(points: pd.DataFrame, name: str, empty: object) -> pd.Series:
    """A column a frame may lack (a planner's file, older data): ``empty`` in each row."""
    if name in points:
        return points[name]
    return pd.Series([empty] * len(points), index=points.index, dtype=object)


#: What :func:`html.escape` replaces, ``&`` first.
_ENTITIES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;"))


def _escaped(texts: pd.Series | Sequence[str]) -> list[str]:
    """The texts HTML-escaped as :func:`html.escape` does (missing ones as ""), a whole
    column at once: one pass per character over Arrow strings, not a call per text
    (100,000 names in milliseconds)."""
    column = pd.Series(texts, dtype=object).fillna("").astype("str")
    for char, entity in _ENTITIES:
        column = column.str.replace(char, entity, regex=False)
    return column.tolist()


def _escaped_lists(column: pd.Series) -> list[list[str]]:
    """A list column's texts HTML-escaped (see :func:`_escaped`), lists kept."""
    lists = [list(items) for items in column]
    flat = iter(_escaped([text for items in lists for text in items]))
    return [[next(flat) for _text in items] for items in lists]


def _places(points: pd.DataFrame) -> list[str]:
    """``address, town`` of each place (the parts that are stated), escaped."""
    return _escaped(
        [
            ", ".join(part for part in (address, town) if part)
            for address, town in zip(
                points["address"].tolist(), points["municipality"].tolist(), strict=True
            )
        ]
    )


def _styles(points: pd.DataFrame) -> tuple[list[str], list[int]]:
    """The distinct marker styles (HTML) and each point's style index."""
    styles: dict[MarkerStyle, int] = {}
    classes: dict[tuple[str, tuple[str, ...], str, bool], int] = {}  # few classes, many points
    index = []
    yours = _column(points, "upload", "").astype(bool).tolist()
    for kind, economy, cert, mine in zip(
        points["kind"].tolist(),
        points["economy"],
        points["certification"].tolist(),
        yours,
        strict=True,
    ):
        key = (kind, tuple(economy), cert, mine)
        if key not in classes:
            classes[key] = styles.setdefault(style_of(kind, economy, cert, mine), len(styles))
        index.append(classes[key])
    return [s.html() for s in styles], index


def places_payload(
    points: pd.DataFrame, project_ids: Iterable[str], economy_ids: Iterable[str]
) -> dict[str, Any]:
    """The places file: one column per field, in the order of ``points``; small integers
    index the id lists it carries (escaped, as the popups' word tables are keyed), and every
    text is HTML-escaped (but ``id``, which is only ever a DOM property). Built column by
    column, without the cyclic collector rescanning the dataset at every few hundred new
    lists: 100,000 places take well under a second."""
    with bulk():
        return _payload(points, project_ids, economy_ids)


def _payload(
    points: pd.DataFrame, project_ids: Iterable[str], economy_ids: Iterable[str]
) -> dict[str, Any]:
    projects, economy = list(project_ids), list(economy_ids)
    styles, style = _styles(points)
    status_index = {s: i for i, s in enumerate(STATUSES)}
    statuses = [
        [status_index.get(stated.get(p, ""), -1) for p in ids] if stated else [-1] * len(ids)
        for ids, stated in zip(
            points["projects"], _column(points, "participation", {}), strict=True
        )
    ]
    regions = points["region"] if "region" in points else pd.Series(None, index=points.index)
    uploads = sorted(set(_column(points, "upload", "")) - {""})
    return {
        "n": len(points),
        "lon": np.round(points["lon"].to_numpy(float) * SCALE).astype(int).tolist(),
        "lat": np.round(points["lat"].to_numpy(float) * SCALE).astype(int).tolist(),
        "style": style,
        "styles": styles,
        "kind": _codes(points["kind"], KINDS),
        "kinds": list(KINDS),
        "projects": _lists(points["projects"], projects),
        "status": statuses,
        "statuses": list(STATUSES),
        "via": _lists(_column(points, "economy_via", []), projects),
        "economy": _lists(points["economy"], economy),
        "economy_ids": [escape(e) for e in economy],
        "project_ids": [escape(p) for p in projects],
        "cert": _codes(points["certification"], CERTIFICATIONS),
        "certs": list(CERTIFICATIONS),
        "precision": _codes(points["location_precision"], PRECISIONS),
        "precisions": list(PRECISIONS),
        "region": _codes(regions, REGION_CODES),
        "regions": list(REGION_CODES),
        "eligible": points["eligible"].astype(int).tolist(),
        "id": points["id"].tolist(),
        "name": _escaped(points["name"]),
        "place": _places(points),
        "website": _escaped(points["website"]),
        "sources": _escaped_lists(points["sources"]),
        "notes": _escaped_lists(_column(points, "notes", [])),
        "upload": _codes(_column(points, "upload", ""), uploads),
        "uploads": [escape(name) for name in uploads],
    }


def bitmask(keep: pd.Series | np.ndarray) -> str | None:
    """The places a layer keeps, as base64 of one bit per place (``None``: all of them)."""
    flags = np.asarray(keep, dtype=bool)
    if flags.all():
        return None
    return base64.b64encode(np.packbits(flags, bitorder="little").tobytes()).decode("ascii")


#: The map's bundle (Leaflet, Supercluster, the full-screen control, geo/web/points.js), for
#: the elements whose script calls it: served as Leaflet (geo.assets), it is the script every
#: map loads first, and loads once. Names only: geo.assets.localize fills in the local URLs.
BUNDLE_JS: list[tuple[str, str]] = [("leaflet", "")]


class Shared(SafeMacroElement):
    """A value several layers of a map use (the popups' words; the places, in a one-file map),
    written once in the page under a name made from its content: the layers refer to it
    (:meth:`ref`) instead of each carrying a copy, and a map that is sent again with the same
    value (a filter change) names the same one."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        MM.share({{ this.key|tojson }}, {{ this.value|tojson }});
        {% endmacro %}
        """
    )

    default_js = BUNDLE_JS

    def __init__(self, value: Any) -> None:
        super().__init__()
        self._name = "Shared"
        self.value = value
        text = json.dumps(value, sort_keys=True, ensure_ascii=False).encode("utf-8")
        self.key = hashlib.sha256(text).hexdigest()[:16]

    def ref(self) -> dict[str, str]:
        return {"shared": self.key}


class PointLayer(SafeMacroElement):
    """The places a bitmask keeps, clustered, with popups, in one language.

    ``source`` is ``{"url": ...}`` (the places file, fetched once by the browser) or
    ``{"data": ...}`` (embedded, for a one-file map: the places, or a :class:`Shared` ref to
    them). ``text`` is the popups' words, or a :class:`Shared` ref to their escaped form.
    Clusters zoom in on click; a cluster that zooming cannot split (places at one town
    centre) lists its places.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = MM.pointLayer({{ this.options|tojson }});
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    default_js = BUNDLE_JS

    def __init__(
        self,
        source: dict[str, Any],
        mask: str | None,
        text: PopupText | dict[str, str],
        attribution: str = "",
        max_zoom: int = 18,
        open_id: str | None = None,
    ) -> None:
        super().__init__()
        self._name = "PointLayer"
        self.options = {
            "source": source,
            "mask": mask,
            "text": text.escaped() if isinstance(text, PopupText) else text,
            "attribution": attribution,
            "maxZoom": max_zoom,
            "open": open_id,
        }
