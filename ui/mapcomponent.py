"""The map on the page: folium describes it, streamlit-folium draws it.

The base map (regions, basemap, eligible area) is the same for every filter; the layers that
follow the filters carry only a bitmask of the places kept, the legend and the view, so a
filter change sends a few hundred bytes and the map is not rebuilt.
"""

from __future__ import annotations

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.i18n import Translator
from geo.mapview import base_map, view_layers
from geo.regions import region_names
from ui.data import Published
from ui.sidebar import PENDING_REGION

MAP_HEIGHT = 600
LAST_REGION_CLICK = "last_region_click"


def draw(
    data: Published,
    keep: pd.Series,
    lang: str,
    _: Translator,
    height: int = MAP_HEIGHT,
    fill_screen: bool = False,
) -> None:
    """The map of the places ``keep`` selects; a click on a region filters to it."""
    dataset = data.dataset
    fmap = base_map(dataset.regions, _, fill_screen=fill_screen, **data.links(lang))
    source = {"url": data.places}
    layers = view_layers(dataset.points, keep, source, dataset.regions, dataset.catalogue, lang, _)
    out = st_folium(
        fmap,
        feature_group_to_add=layers,
        layer_control=folium.LayerControl(collapsed=True),
        height=height,
        use_container_width=True,
        returned_objects=["last_object_clicked_tooltip"],
        key="map",
    )
    _region_click((out or {}).get("last_object_clicked_tooltip"), data, lang)


def _region_click(clicked: str | None, data: Published, lang: str) -> None:
    """A click on a region filters to it (the region's tooltip names it)."""
    clicked = (clicked or "").strip()
    if not clicked or clicked == st.session_state.get(LAST_REGION_CLICK):
        return
    st.session_state[LAST_REGION_CLICK] = clicked
    by_name = {name: code for code, name in region_names(data.dataset.regions, lang).items()}
    if clicked in by_name:
        st.session_state[PENDING_REGION] = by_name[clicked]
        st.rerun()
