"""A GeoJSON layer whose data the browser fetches when the layer is first shown.

Large, unchanging shapes (the regions, the basemap, the eligible area) are not re-sent with
the map on every rerun: the browser fetches them once from the app's static files, and a
layer that is off is never fetched. With ``data`` instead of ``url`` the shapes are
embedded, for a page that must stand alone. A tooltip shows one property as plain text
(never parsed as HTML), so names from a data folder cannot put markup on the page.
"""

from __future__ import annotations

from typing import Any

from folium.map import Layer
from folium.template import Template

from geo.elements import MapElement


class LinkedGeoJson(Layer, MapElement):
    """Polygons from a URL (fetched on first display) or embedded data.

    ``styles`` maps a value of the property ``style_key`` to a Leaflet path style; features
    with another value, or with no ``style_key``, get ``style``. With ``tooltip_key`` the
    shapes are interactive: hovering shows that property as text and applies ``highlight``
    (streamlit-folium reports the tooltip's text of a clicked shape).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJson(null, {
            interactive: {{ (this.tooltip_key != "")|tojson }},
            attribution: {{ this.attribution|tojson }},
            style: function (f) {
                var styles = {{ this.styles|tojson }};
                var key = (f.properties || {})[{{ this.style_key|tojson }}];
                var style = styles[key] || {{ this.style|tojson }};
                var chosen = ({{ this.map_name }}.mmSelection || {})[{{ this.style_key|tojson }}];
                if (!chosen || !chosen.length) { return style; }
                return L.extend({}, style, chosen.indexOf(key) >= 0
                    ? {{ this.selected|tojson }} : {{ this.unselected|tojson }});
            }
        });
        {{ this.map_name }}.on("mmselection", function () {
            var layer = {{ this.get_name() }};
            layer.eachLayer(function (shape) { layer.resetStyle(shape); });
        });
        {%- if this.tooltip_key %}
        {{ this.get_name() }}.bindTooltip(function (layer) {
            var tip = document.createElement("div");
            tip.textContent = String(layer.feature.properties[{{ this.tooltip_key|tojson }}]);
            return tip;
        }, {sticky: true});
        {{ this.get_name() }}.on("mouseover", function (e) {
            e.layer.setStyle({{ this.highlight|tojson }});
        });
        {{ this.get_name() }}.on("mouseout", function (e) {
            {{ this.get_name() }}.resetStyle(e.layer);
        });
        {%- endif %}
        {%- if this.to_back %}
        {{ this.get_name() }}.on("add", function () {  // under the others, also when chosen again
            {{ this.get_name() }}.bringToBack();
        });
        {%- endif %}
        {{ this.get_name() }}.once("add", function () {
            var layer = {{ this.get_name() }};
        {%- if this.data %}
            layer.addData({{ this.data|tojson }});
        {%- else %}
            fetch({{ this.url|tojson }})
                .then(function (r) { return r.json(); })
                .then(function (d) {
                    layer.addData(d);
                    if ({{ this.to_back|tojson }}) { layer.bringToBack(); }
                });
        {%- endif %}
        });
        {% endmacro %}
        """
    )

    def __init__(
        self,
        name: str,
        *,
        url: str | None = None,
        data: dict[str, Any] | None = None,
        style: dict[str, Any] | None = None,
        styles: dict[str, dict[str, Any]] | None = None,
        style_key: str = "",
        overlay: bool = True,
        show: bool = True,
        to_back: bool = False,
        attribution: str = "",
        tooltip_key: str = "",
        highlight: dict[str, Any] | None = None,
        selected: dict[str, Any] | None = None,
        unselected: dict[str, Any] | None = None,
    ) -> None:
        if (url is None) == (data is None):
            raise ValueError("give exactly one of url or data")
        super().__init__(name=name, overlay=overlay, control=True, show=show)
        self._name = "LinkedGeoJson"
        self.url = url
        self.data = data
        self.style = style or {}
        self.styles = styles or {}
        self.style_key = style_key
        self.to_back = to_back
        self.attribution = attribution
        self.tooltip_key = tooltip_key
        self.highlight = highlight or {}
        self.selected = selected or {}
        self.unselected = unselected or {}


class Selection(MapElement):
    """Mark the shapes whose ``key`` property is one of ``values`` as selected: every
    :class:`LinkedGeoJson` styled by ``key`` on the map restyles them (``selected``), and
    dims the others while the selection is not empty. Sent with the layers that follow the
    filters, so the regions chosen are outlined on the map too."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map, key, values) {
            map.mmSelection = map.mmSelection || {};
            map.mmSelection[key] = values;
            map.fire("mmselection");
        })({{ this.map_name }}, {{ this.key|tojson }}, {{ this.values|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, key: str, values: list[str]) -> None:
        super().__init__()
        self._name = "Selection"
        self.key = key
        self.values = values
