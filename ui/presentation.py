"""Presentation mode: a clean full-screen map for a projector, its count and a QR code."""

from __future__ import annotations

import streamlit as st

from geo.filters import Filters
from geo.i18n import Translator, plural_translator
from geo.share import share_url
from ui import mapcomponent, page
from ui.data import Published
from ui.sidebar import qr_image, switch
from ui.state import page_url

# No sidebar, no toolbar, no margins; the map fills a 1080p or 768p projector.
PRESENT_STYLE = """<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
header[data-testid="stHeader"], [data-testid="stToolbar"] { display: none !important; }
.block-container { padding: 0.5rem 1rem !important; max-width: 100% !important; }
iframe[title="streamlit_folium.st_folium"] { height: calc(100vh - 1.5rem) !important; }
</style>"""
# The map's own height before the page style stretches it to the screen's.
PRESENT_MAP_HEIGHT = 760


def present(
    data: Published,
    filters: Filters,
    shown: int,
    query: dict[str, str],
    lang: str,
    _: Translator,
) -> None:
    page.head(PRESENT_STYLE, lang)
    ngettext = plural_translator(lang)
    url = share_url(page_url(), query)
    map_col, side_col = st.columns([5, 1], vertical_alignment="top")
    with map_col:
        mapcomponent.draw(data, filters, lang, height=PRESENT_MAP_HEIGHT, fill_screen=True)
    with side_col:
        st.markdown(f"### {_('Marittimo Map')}")
        st.markdown(
            ngettext(
                "**{shown}** of {total} places shown", "**{shown}** of {total} places shown", shown
            ).format(shown=shown, total=len(data.dataset.points))
        )
        qr_image(url, "100%", _)
        switch(_("Exit presentation"), False, ":material/close:")
