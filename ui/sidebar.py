"""The sidebar: language, filters, the planner's own files, and sharing the view."""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from geo.filters import Filters, Known
from geo.i18n import LANGUAGES, Translator, normalize_language, translator
from geo.labels import certification_labels, economy_labels, kind_labels, period_labels
from geo.load import Dataset
from geo.reading import MAX_FILE_BYTES
from geo.regions import region_names
from geo.share import PRESENT_PARAM, qr_svg, share_url
from geo.upload import MAX_ROWS
from ui.state import FILTER_KEYS, page_url, reset

PENDING_REGION = "pending_region"
QR_STYLE = """<style>
.mm-qr-box { margin: 0 auto; } .mm-qr-box svg { display: block; width: 100%; height: auto;
  background: #fff; } .mm-qr-box figcaption { text-align: center; font-size: .85rem;
  color: rgba(49,51,63,.7); }
</style>"""
SWITCH_STYLE = """<style>
a.mm-switch { display: block; text-align: center; padding: .45rem; border-radius: .5rem;
  border: 1px solid rgba(49,51,63,.2); text-decoration: none; color: inherit; }
a.mm-switch:hover { border-color: #0072B2; color: #0072B2; }
</style>"""


def language() -> str:
    """The language from ``?lang=``, kept in the URL when the user picks another."""
    lang = normalize_language(st.query_params.get("lang"))
    _ = translator(lang)
    return st.sidebar.selectbox(
        _("Language"),
        list(LANGUAGES),
        index=list(LANGUAGES).index(lang),
        format_func=LANGUAGES.__getitem__,
    )


def filters(dataset: Dataset, known: Known, lang: str, _: Translator) -> Filters:
    """The filter widgets; they hold the state, the URL mirrors it."""
    if PENDING_REGION in st.session_state:  # a click on a region, applied before the widgets
        st.session_state[FILTER_KEYS["regions"]] = [st.session_state.pop(PENDING_REGION)]
    side = st.sidebar
    side.header(_("Filters"))
    projects = {p.id: p.short_name for p in dataset.catalogue.projects}
    options = {
        "projects": (_("Project"), projects),
        "periods": (_("Programme period"), period_labels(_)),
        "economy": (_("Economy type"), economy_labels(dataset.catalogue, lang, _)),
        "regions": (_("Region"), region_names(dataset.regions, lang)),
        "cert": (_("Quality Made certification"), certification_labels(_)),
        "kinds": (_("Kind"), kind_labels(_)),
    }
    chosen = {}
    for name, (label, names) in options.items():
        values = [v for v in getattr(known, name) if v in names]
        chosen[name] = tuple(
            side.multiselect(
                label,
                values,
                key=FILTER_KEYS[name],
                format_func=names.__getitem__,
                placeholder=_("All"),
            )
        )
    query = side.text_input(_("Search by name"), key=FILTER_KEYS["q"])
    side.button(_("Reset filters"), on_click=reset, width="stretch")
    return Filters(**chosen, q=query.strip())


def uploads(_: Translator) -> tuple[list[UploadedFile], st.delta_generator.DeltaGenerator]:
    """The planner's own files (GeoJSON or CSV, this session only), and the box that holds
    the uploader, where what was wrong in them is said."""
    box = st.sidebar.expander(_("Add your own places"), icon=":material/upload_file:")
    with box:
        st.caption(
            _("GeoJSON, or CSV with the columns of the data format and lon, lat (see README).")
        )
        files = st.file_uploader(
            _("Files"),
            type=["geojson", "json", "csv"],
            accept_multiple_files=True,
            key="uploads",
            label_visibility="collapsed",
            help=_("Up to {mb} MB and {rows} rows per file.").format(
                mb=MAX_FILE_BYTES // (1024 * 1024), rows=f"{MAX_ROWS:,}"
            ),
        )
    return list(files or []), box


@st.cache_data(max_entries=256)
def _qr(url: str) -> str | None:
    """The QR code of a view's link, made once per link, not once per visitor and rerun."""
    return qr_svg(url)


def qr_image(url: str, max_width: str, _: Translator) -> None:
    """The QR code of ``url`` (as wide as its column, up to ``max_width``), or why there is
    none (a link too long for a QR code)."""
    svg = _qr(url)
    if svg is None:
        st.caption(_("This view's link is too long for a QR code: share the link instead."))
        return
    caption = escape(_("Scan to open this view"))
    st.html(
        f'{QR_STYLE}<figure class="mm-qr-box" style="max-width:{max_width}">{svg}'
        f"<figcaption>{caption}</figcaption></figure>"
    )


def switch_link(label: str, query: dict[str, str], icon: str) -> None:
    """A link to this view in or out of presentation mode, opened in the same tab (a new
    page load reads the mode from the URL, like a link someone shares)."""
    href = escape("?" + urlencode(query), quote=True)
    st.html(f'{SWITCH_STYLE}<a class="mm-switch" href="{href}">{icon} {escape(label)}</a>')


def share(query: dict[str, str], _: Translator) -> None:
    """The link of this view, its QR code, and the way into presentation mode."""
    url = share_url(page_url(), query)
    with st.sidebar.expander(_("Share this view"), icon=":material/qr_code_2:"):
        qr_image(url, "200px", _)
        st.text(url)
        switch_link(_("Presentation mode"), {**query, PRESENT_PARAM: "1"}, "▶")
