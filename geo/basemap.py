"""An offline basemap: land polygons drawn under everything, so the map shows land and sea
when no tile server answers (a venue without internet, a firewalled office)."""

from __future__ import annotations

from typing import Any

from folium.map import Layer
from folium.template import Template

LAND_STYLE = {"fillColor": "#f3f1ec", "fillOpacity": 1, "color": "#b9b4a8", "weight": 0.6}
BORDER_STYLE = {"color": "#8f8a80", "weight": 0.8, "dashArray": "4 3", "fill": False}
#: The sea is the map's own background, behind the land.
SEA_COLOR = "#cfe2ee"


class OfflineBasemap(Layer):
    """A base layer of land (and country borders) from GeoJSON, not tiles.

    Give ``url`` to let the browser fetch (and cache) the file once, which keeps the map
    payload small in the app; give ``data`` to embed it, for a self-contained HTML file.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJson(null, {
            interactive: false,
            attribution: {{ this.attribution|tojson }},
            style: function (f) {
                return f.properties.layer === "border"
                    ? {{ this.border_style|tojson }} : {{ this.land_style|tojson }};
            }
        });
        {%- if this.data %}
        {{ this.get_name() }}.addData({{ this.data|tojson }});
        {%- else %}
        fetch({{ this.url|tojson }})
            .then(function (r) { return r.json(); })
            .then(function (d) { {{ this.get_name() }}.addData(d).bringToBack(); });
        {%- endif %}
        {% endmacro %}
        """
    )

    def __init__(
        self,
        name: str,
        *,
        url: str | None = None,
        data: dict[str, Any] | None = None,
        attribution: str = "",
        show: bool = True,
    ) -> None:
        if (url is None) == (data is None):
            raise ValueError("give exactly one of url or data")
        super().__init__(name=name, overlay=False, control=True, show=show)
        self._name = "OfflineBasemap"
        self.url = url
        self.data = data
        self.attribution = attribution
        self.land_style = LAND_STYLE
        self.border_style = BORDER_STYLE
