"""Presentation mode: a clean full-screen map for a projector, its count and a QR code."""

from __future__ import annotations

import re
from html import escape

import pandas as pd
import streamlit as st

from geo.filters import Filters
from geo.i18n import Translator, plural_translator
from geo.labels import filters_summary, value_labels
from geo.legend import legend_html
from geo.mapview import legend_sections
from ui import mapcomponent, page
from ui.data import Published
from ui.share import qr_image, room_link, room_notice, switch

# No sidebar, no toolbar, no margins; the map fills a 1080p or 768p projector. The side
# column is read from the back of the room: the count and the legend in large type.
PRESENT_STYLE = """<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
header[data-testid="stHeader"], [data-testid="stToolbar"] { display: none !important; }
.block-container { padding: 0.5rem 1rem !important; max-width: 100% !important; }
iframe[title="streamlit_folium.st_folium"] { height: calc(100vh - 1.5rem) !important; }
.mm-present-title { font-size: 1.6rem; font-weight: 700; line-height: 1.2; }
.mm-present-count { font-size: 2.2rem; line-height: 1.2; margin: .4rem 0; }
.mm-present-filters { font-size: 1.25rem; color: #333; overflow-wrap: anywhere; }
.mm-present .mm-legend { font-size: 18px; line-height: 1.35; margin-top: .6rem; }
.mm-present .mm-legend summary { font-weight: 700; }
.mm-present .mm-legend ul { list-style: none; margin: 0 0 .3rem; padding: 0; }
.mm-present .mm-legend li { display: flex; align-items: center; gap: .45rem; }
.mm-present .mm-legend-section { font-weight: 700; font-size: 16px; margin-top: .4rem; }
.mm-present .mm-swatch { width: 18px; height: 18px; border-radius: 3px; flex: none;
  border: 1px solid rgba(0,0,0,.35); }
.mm-present .mm-pin { width: 22px; height: 22px; flex: none; border: 2px solid #fff;
  box-shadow: 0 0 0 1px rgba(0,0,0,.55); box-sizing: border-box; }
.mm-present .mm-round { border-radius: 50%; } .mm-present .mm-square { border-radius: 4px; }
.mm-present .mm-yours { box-shadow: 0 0 0 3px #F0E442, 0 0 0 4px #000; }
</style>"""
# The map's own height before the page style stretches it to the screen's.
PRESENT_MAP_HEIGHT = 760


def side_html(title: str, count: str, summary: str) -> str:
    """The side column's head: the count's ``**n**`` in bold, every text escaped."""
    count_html = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", escape(count))
    return (
        f'{PRESENT_STYLE}<div class="mm-present"><div class="mm-present-title">'
        f'{escape(title)}</div><div class="mm-present-count">{count_html}</div>'
        f'<div class="mm-present-filters">{escape(summary)}</div></div>'
    )


def present(
    data: Published,
    filters: Filters,
    keep: pd.Series,
    query: dict[str, str],
    lang: str,
    _: Translator,
) -> None:
    """The map as large as the screen allows; beside it, what it shows and the QR code."""
    page.head(PRESENT_STYLE, lang)
    ngettext = plural_translator(lang)
    dataset = data.dataset
    shown = int(keep.sum())
    count = ngettext(
        "**{shown}** of {total} places shown", "**{shown}** of {total} places shown", shown
    ).format(shown=shown, total=len(dataset.points))
    summary = filters_summary(filters, value_labels(dataset, lang, _), _)
    sections = legend_sections(dataset.points[keep], dataset.regions, dataset.catalogue, lang, _)
    room, replaced = room_link(query)
    map_col, side_col = st.columns([7, 2], vertical_alignment="top")
    with map_col:
        mapcomponent.draw(data, filters, lang, height=PRESENT_MAP_HEIGHT, fill_screen=True)
    with side_col:
        st.html(side_html(_("Marittimo Map"), count, summary))
        if room is not None:  # the QR code before the legend: in view on a 768-line screen
            qr_image(room, "100%", _)
        room_notice(room, replaced, _)
        legend = legend_html(_("Legend"), sections)
        st.html(
            f'{PRESENT_STYLE}<div class="mm-present"><div class="mm-legend">{legend}</div></div>'
        )
        switch(_("Exit presentation"), False, ":material/close:")
