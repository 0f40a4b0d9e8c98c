"""The sidebar: language, filters, and sharing the view."""

from __future__ import annotations

import base64
from html import escape

import streamlit as st

from geo.filters import Filters, Known
from geo.i18n import DEFAULT_LANGUAGE, LANGUAGES, Translator, translator
from geo.labels import certification_labels, economy_labels, kind_labels, period_labels
from geo.load import Dataset
from geo.regions import region_names
from geo.share import PRESENT_PARAM, qr_svg, share_url
from ui.state import FILTER_KEYS, LANG_KEY, page_url, reset

PENDING_REGION = "pending_region"
QR_STYLE = """<style>
.mm-qr-box { margin: 0 auto; } .mm-qr-box img { display: block; width: 100%; height: auto;
  background: #fff; image-rendering: pixelated; }
.mm-qr-box figcaption { text-align: center; font-size: .85rem; color: rgba(49,51,63,.7); }
</style>"""


def language() -> str:
    """The language chosen (the link's or the browser's at first): one choice switches the
    page at once, the widget's own label included."""
    lang = st.session_state.get(LANG_KEY, DEFAULT_LANGUAGE)
    _ = translator(lang)
    return st.sidebar.selectbox(
        _("Language"), list(LANGUAGES), key=LANG_KEY, format_func=LANGUAGES.__getitem__
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
    # As an image: st.html's sanitiser drops inline <svg> elements.
    source = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("ascii")).decode("ascii")
    st.html(
        f'{QR_STYLE}<figure class="mm-qr-box" style="max-width:{max_width}">'
        f'<img src="{source}" alt="{caption}"><figcaption>{caption}</figcaption></figure>'
    )


def _switch(on: bool) -> None:
    """Into or out of presentation mode without reloading the page: the session, with the
    planner's own files, goes on (the link still says the mode, for those it is sent to)."""
    if on:
        st.query_params[PRESENT_PARAM] = "1"
    else:
        del st.query_params[PRESENT_PARAM]


def switch(label: str, on: bool, icon: str) -> None:
    """The button into (``on``) or out of presentation mode."""
    st.button(label, on_click=_switch, args=(on,), icon=icon, width="stretch")


def share(query: dict[str, str], with_files: bool, _: Translator) -> None:
    """The link of this view, its QR code, and the way into presentation mode. A view with
    the planner's own places says that the link cannot carry them."""
    url = share_url(page_url(), query)
    with st.sidebar.expander(_("Share this view"), icon=":material/qr_code_2:"):
        if with_files:
            st.warning(
                _(
                    "The places of your own files are not in the link: those who open it see "
                    "the programme's data only."
                )
            )
        qr_image(url, "200px", _)
        st.text(url)
        switch(_("Presentation mode"), True, ":material/slideshow:")
