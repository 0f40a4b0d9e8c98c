"""A map legend as a Leaflet control, so it is part of the map on every screen and export."""

from __future__ import annotations

from html import escape

from branca.element import MacroElement
from folium.template import Template


def legend_html(title: str, entries: list[tuple[str, str]]) -> str:
    """HTML of the legend: a title and one swatch per ``(colour, label)``; text escaped."""
    rows = "".join(
        f'<li><span class="mm-swatch" style="background:{escape(color)}"></span>'
        f"{escape(label)}</li>"
        for color, label in entries
    )
    return f'<div class="mm-legend-title">{escape(title)}</div><ul>{rows}</ul>'


class Legend(MacroElement):
    """A legend box in a corner of the map listing what is drawn and in which colour."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
          .mm-legend { background: rgba(255,255,255,.92); padding: 6px 10px; border-radius: 6px;
                       box-shadow: 0 1px 4px rgba(0,0,0,.3); font: 13px/1.4 system-ui, sans-serif;
                       color: #222; max-width: 60vw; }
          .mm-legend ul { list-style: none; margin: 0; padding: 0; }
          .mm-legend li { display: flex; align-items: center; gap: 6px; white-space: nowrap; }
          .mm-legend-title { font-weight: 600; margin-bottom: 2px; }
          .mm-swatch { width: 14px; height: 14px; border-radius: 3px; display: inline-block;
                       border: 1px solid rgba(0,0,0,.35); flex: none; }
          @media (max-width: 560px) {
            .mm-legend { font-size: 11px; padding: 3px 6px; }
            .mm-swatch { width: 10px; height: 10px; }
          }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
        {{ this.get_name() }}.onAdd = function () {
            var div = L.DomUtil.create("div", "mm-legend");
            div.innerHTML = {{ this.html|tojson }};
            L.DomEvent.disableClickPropagation(div);
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self, title: str, entries: list[tuple[str, str]], position: str = "bottomleft"
    ) -> None:
        super().__init__()
        self._name = "Legend"
        self.html = legend_html(title, entries)
        self.position = position
