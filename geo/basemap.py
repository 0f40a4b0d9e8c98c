"""An offline basemap: land polygons drawn under everything, so the map shows land and sea
when no tile server answers (a venue without internet, a firewalled office)."""

from __future__ import annotations

from typing import Any

from geo.linked import LinkedGeoJson

LAND_STYLE = {"fillColor": "#f3f1ec", "fillOpacity": 1, "color": "#b9b4a8", "weight": 0.6}
BORDER_STYLE = {"color": "#8f8a80", "weight": 0.8, "dashArray": "4 3", "fill": False}
#: The sea is the map's own background, behind the land.
SEA_COLOR = "#cfe2ee"
NATURAL_EARTH_ATTRIBUTION = (
    '<a href="https://www.naturalearthdata.com/" target="_blank" rel="noopener">Natural Earth</a>'
)


def offline_basemap(
    name: str, *, url: str | None = None, data: dict[str, Any] | None = None
) -> LinkedGeoJson:
    """The base layer of land and country borders (``layer`` property: land / border)."""
    return LinkedGeoJson(
        name,
        url=url,
        data=data,
        style=LAND_STYLE,
        styles={"land": LAND_STYLE, "border": BORDER_STYLE},
        style_key="layer",
        overlay=False,
        to_back=True,
        attribution=NATURAL_EARTH_ATTRIBUTION,
    )
