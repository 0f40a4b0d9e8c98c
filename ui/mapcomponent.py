"""The map on the page: folium describes it, streamlit-folium draws it.

The base map (regions, basemap, eligible area) is the same for every filter; the layers that
follow the filters carry only a bitmask of the places kept, the legend and the view, so a
filter change sends a few hundred bytes and the map is not rebuilt.

Building and rendering the folium map is most of a run's work (Jinja compiles every
element's output), yet a view's map is the same for every visitor: :func:`_arguments` asks
``st_folium`` for the arguments it would send to its component, once per view, and each run
sends those. The arguments are taken from ``st_folium`` itself (a recorder stands in for its
component function in the thread that builds them), so they are exactly what it sends.
"""

from __future__ import annotations

import threading
from typing import Any

import folium
import streamlit as st
import streamlit_folium
from streamlit_folium import st_folium

from geo.filters import Filters, mask
from geo.gazetteer import Place
from geo.i18n import translator
from geo.mapview import base_map, view_layers
from geo.regions import region_at
from ui.data import Published
from ui.sidebar import PENDING_REGION

MAP_HEIGHT = 600
LAST_CLICK = "last_map_click"
#: Where the map was last clicked: a click on a region (a map click, not a marker's) toggles it.
RETURNED = ["last_clicked"]


class _Recorder:
    """streamlit-folium's component function, or, in a thread that asked to record, a sink
    for the arguments ``st_folium`` would send (nothing is sent then)."""

    def __init__(self, component: Any) -> None:
        self.component = component
        self.local = threading.local()

    def __call__(self, **kwargs: Any) -> Any:
        sink = getattr(self.local, "sink", None)
        if sink is None:
            return self.component(**kwargs)
        sink.update(kwargs)
        return None

    def record(self, draw: Any) -> dict[str, Any]:
        self.local.sink = sink = {}
        try:
            draw()
        finally:
            self.local.sink = None
        return sink


if not isinstance(streamlit_folium._component_func, _Recorder):
    streamlit_folium._component_func = _Recorder(streamlit_folium._component_func)
_COMPONENT: _Recorder = streamlit_folium._component_func


@st.cache_resource(max_entries=512)
def _arguments(
    key: str,
    lang: str,
    filters: Filters,
    height: int,
    fill_screen: bool,
    spot: Place | None,
    focus: str | None,
    _data: Published,
) -> dict[str, Any]:
    """What ``st_folium`` sends for this view of the data version ``key`` (``_data``)."""
    _ = translator(lang)
    dataset = _data.dataset
    fmap = base_map(dataset.regions, _, fill_screen=fill_screen, **_data.links(lang))
    keep = mask(dataset.points, filters)
    source = {"url": _data.places}
    layers = view_layers(
        dataset.points,
        keep,
        source,
        dataset.regions,
        dataset.catalogue,
        lang,
        _,
        selected_regions=filters.regions,
        spot=spot,
        focus=focus,
    )
    arguments = _COMPONENT.record(
        lambda: st_folium(
            fmap,
            feature_group_to_add=layers,
            layer_control=folium.LayerControl(collapsed=True),
            height=height,
            use_container_width=True,
            returned_objects=RETURNED,
        )
    )
    arguments.pop("on_change", None)  # st_folium's own handler only copies the value
    return arguments


def draw(
    data: Published,
    filters: Filters,
    lang: str,
    height: int = MAP_HEIGHT,
    fill_screen: bool = False,
    spot: Place | None = None,
    focus: str | None = None,
) -> None:
    """The map of the places ``filters`` keep (shown around the town ``spot`` when one was
    searched for, or the place ``focus`` with its popup open); a click on a region adds it to
    the regions chosen, or takes it out."""
    arguments = _arguments(data.key, lang, filters, height, fill_screen, spot, focus, data)
    out = _COMPONENT.component(**arguments)
    _region_click((out or {}).get("last_clicked"), data)


def _region_click(clicked: dict[str, float] | None, data: Published) -> None:
    """A new click on the map, inside a region, toggles that region (applied by the sidebar
    before its widgets are drawn). A marker's click is not a map click; the sea chooses
    nothing."""
    if not clicked or clicked == st.session_state.get(LAST_CLICK):
        return
    st.session_state[LAST_CLICK] = clicked
    try:
        code = region_at(data.dataset.regions, float(clicked["lng"]), float(clicked["lat"]))
    except (KeyError, TypeError, ValueError):  # not a point: nothing to choose
        return
    if code is not None:
        st.session_state[PENDING_REGION] = code
        st.rerun()
