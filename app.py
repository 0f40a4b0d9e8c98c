"""Marittimo Map: the Streamlit page. It only composes; the work is done in ``geo``."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import streamlit as st
from streamlit_folium import st_folium

from geo import assets
from geo.i18n import LANGUAGES, normalize_language, translator
from geo.mapview import build_map
from geo.paths import basemap_file, data_dir
from geo.regions import load_regions

STATIC_DIR = Path(__file__).parent / "static"
MAP_HEIGHT = 620
# Less empty space above the title, so the map is in view on a phone and a projector.
PAGE_STYLE = "<style>.block-container { padding-top: 2.5rem; }</style>"


@st.cache_resource
def _static_assets() -> str:
    """Install the front-end files once per server and return the basemap's URL."""
    assets.install(STATIC_DIR)
    return assets.publish(basemap_file(), STATIC_DIR)


@st.cache_resource
def _regions(path: str) -> gpd.GeoDataFrame:
    return load_regions(Path(path))


def _language() -> str:
    """The language from ``?lang=``, kept in the URL when the user picks another."""
    lang = normalize_language(st.query_params.get("lang"))
    _ = translator(lang)
    choice = st.sidebar.selectbox(
        _("Language"),
        list(LANGUAGES),
        index=list(LANGUAGES).index(lang),
        format_func=LANGUAGES.__getitem__,
    )
    st.query_params["lang"] = choice
    return choice


def main() -> None:
    st.set_page_config(page_title="Marittimo Map", page_icon="🗺️", layout="wide")
    lang = _language()
    _ = translator(lang)
    basemap_url = _static_assets()
    regions = _regions(str(data_dir() / "regions.geojson"))

    st.html(PAGE_STYLE)
    st.title(_("Marittimo Map"))
    st.caption(_("The Interreg Italia–France Maritime cooperation area"))
    fmap = build_map(regions, lang, _, basemap_url=basemap_url)
    st_folium(fmap, height=MAP_HEIGHT, use_container_width=True, returned_objects=[], key="map")


main()
