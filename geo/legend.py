"""A map legend as a Leaflet control, so it is part of the map on every screen and export.

It lives inside a layer and comes and goes with it, so when the points change the legend is
rebuilt from what is drawn and can never describe something that is not on the map.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from folium.template import Template

from geo.elements import MapElement


@dataclass(frozen=True)
class Section:
    """A titled group of legend rows: ``(sample HTML, label)``; samples are trusted markup
    built by this package, labels are escaped."""

    title: str
    rows: list[tuple[str, str]]


def swatch(color: str) -> str:
    """A filled square, the sample for an area."""
    return f'<span class="mm-swatch" style="background:{escape(color)}"></span>'


def legend_html(title: str, sections: list[Section]) -> str:
    """HTML of the legend, collapsible (``<details>``) so it never hides a phone's map."""
    body = "".join(
        f'<div class="mm-legend-section">{escape(s.title)}</div><ul>'
        + "".join(f"<li>{sample}<span>{escape(label)}</span></li>" for sample, label in s.rows)
        + "</ul>"
        for s in sections
        if s.rows
    )
    return f"<details open><summary>{escape(title)}</summary>{body}</details>"


#: Styles of the legend; part of the page header (layers sent later carry no header).
LEGEND_CSS = """
.mm-legend { background: rgba(255,255,255,.94); padding: 6px 10px; border-radius: 6px;
             box-shadow: 0 1px 4px rgba(0,0,0,.3); font: 13px/1.4 system-ui, sans-serif;
             color: #222; max-width: 70vw; max-height: 60vh; overflow: auto; }
.mm-legend summary { font-weight: 600; cursor: pointer; }
.mm-legend ul { list-style: none; margin: 0 0 4px; padding: 0; }
.mm-legend li { display: flex; align-items: center; gap: 6px; white-space: nowrap;
                margin: 1px 0; }
.mm-legend-section { font-weight: 600; font-size: 12px; margin-top: 4px; color: #444; }
.mm-legend .mm-pin { width: 18px; height: 18px; font-size: 10px; }
.mm-swatch { width: 14px; height: 14px; border-radius: 3px; display: inline-block;
             border: 1px solid rgba(0,0,0,.35); flex: none; }
@media (max-width: 560px) {
  .mm-legend { font-size: 11px; padding: 3px 6px; }
  .mm-swatch { width: 10px; height: 10px; }
}
"""


class Legend(MapElement):
    """A legend box in a corner of the map, shown while its parent layer is on the map."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
        {{ this.get_name() }}.onAdd = function () {
            var div = L.DomUtil.create("div", "mm-legend");
            div.innerHTML = {{ this.html|tojson }};
            // On a phone the legend starts folded, so it does not hide the map.
            if (window.matchMedia("(max-width: 560px)").matches) {
                div.querySelector("details").open = false;
            }
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            return div;
        };
        {{ this._parent.get_name() }}.on("add", function () {
            {{ this.get_name() }}.addTo({{ this.map_name }});
        });
        {{ this._parent.get_name() }}.on("remove", function () {
            {{ this.get_name() }}.remove();
        });
        {% endmacro %}
        """
    )

    def __init__(self, title: str, sections: list[Section], position: str = "bottomleft") -> None:
        super().__init__()
        self._name = "Legend"
        self.html = legend_html(title, sections)
        self.position = position
