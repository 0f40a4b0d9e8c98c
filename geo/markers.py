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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any, ClassVar

import numpy as np
import pandas as pd
from folium.template import Template

from geo.elements import SafeMacroElement
from geo.filters import NOT_STATED
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
    return [index.get(v, -1) for v in column]


def _lists(column: pd.Series, table: list[str]) -> list[list[int]]:
    """List column -> lists of positions in ``table``, which grows with unseen values (a
    reference kept while the catalogue could not be read still shows, by its id)."""
    index = {v: i for i, v in enumerate(table)}
    out = []
    for items in column:
        row = []
        for item in items:
            if item not in index:
                index[item] = len(table)
                table.append(item)
            row.append(index[item])
        out.append(row)
    return out


def _column(points: pd.DataFrame, name: str, empty: object) -> pd.Series:
    """A column a frame may lack (a planner's file, older data): ``empty`` in each row."""
    if name in points:
        return points[name]
    return pd.Series([empty] * len(points), index=points.index, dtype=object)


def _escaped(column: pd.Series) -> list[str]:
    return [escape(v) for v in column.fillna("")]


def _place(address: str, municipality: str) -> str:
    return escape(", ".join(part for part in (address, municipality) if part))


def _styles(points: pd.DataFrame) -> tuple[list[str], list[int]]:
    """The distinct marker styles (HTML) and each point's style index."""
    styles: dict[MarkerStyle, int] = {}
    classes: dict[tuple[str, tuple[str, ...], str, bool], int] = {}  # few classes, many points
    index = []
    yours = _column(points, "upload", "").astype(bool)
    for kind, economy, cert, mine in zip(
        points["kind"], points["economy"], points["certification"], yours, strict=True
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
    column: 100,000 places take well under a second."""
    projects, economy = list(project_ids), list(economy_ids)
    styles, style = _styles(points)
    status_index = {s: i for i, s in enumerate(STATUSES)}
    statuses = [
        [status_index.get(stated.get(p, ""), -1) for p in ids]
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
        "place": [
            _place(a, m) for a, m in zip(points["address"], points["municipality"], strict=True)
        ],
        "website": _escaped(points["website"]),
        "sources": [[escape(u) for u in urls] for urls in points["sources"]],
        "notes": [[escape(n) for n in notes] for notes in _column(points, "notes", [])],
        "upload": _codes(_column(points, "upload", ""), uploads),
        "uploads": [escape(name) for name in uploads],
    }


def bitmask(keep: pd.Series | np.ndarray) -> str | None:
    """The places a layer keeps, as base64 of one bit per place (``None``: all of them)."""
    flags = np.asarray(keep, dtype=bool)
    if flags.all():
        return None
    return base64.b64encode(np.packbits(flags, bitorder="little").tobytes()).decode("ascii")


class PointLayer(SafeMacroElement):
    """The places a bitmask keeps, clustered, with popups, in one language.

    ``source`` is ``{"url": ...}`` (the places file, fetched once by the browser) or
    ``{"data": ...}`` (embedded, for a one-file map). Clusters zoom in on click; a cluster
    that zooming cannot split (places at one town centre) lists its places.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = MM.pointLayer({{ this.options|tojson }});
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    # Names only: geo.assets.localize fills in the local URLs.
    default_js: ClassVar[list[tuple[str, str]]] = [("mm_points", "")]  # with Supercluster
    default_css: ClassVar[list[tuple[str, str]]] = []

    def __init__(
        self,
        source: dict[str, Any],
        mask: str | None,
        text: PopupText,
        attribution: str = "",
        max_zoom: int = 18,
    ) -> None:
        super().__init__()
        self._name = "PointLayer"
        self.options = {
            "source": source,
            "mask": mask,
            "text": text.escaped(),
            "attribution": attribution,
            "maxZoom": max_zoom,
        }
