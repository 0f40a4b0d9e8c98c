"""The view for the room: its link (on the machine's network address when the page was
opened on a loopback one), its QR code, an embed snippet, and the presentation switch."""

from __future__ import annotations

import base64
from html import escape

import streamlit as st

from geo.i18n import Translator
from geo.share import (
    PRESENT_PARAM,
    embed_snippet,
    for_the_room,
    network_address,
    qr_svg,
    share_url,
)
from ui.state import page_url

#: Whether the share panel is open (its content is made only then).
SHARE_KEY = "share_open"
QR_STYLE = """<style>
.mm-qr-box { margin: 0 auto; } .mm-qr-box img { display: block; width: 100%; height: auto;
  background: #fff; image-rendering: pixelated; }
.mm-qr-box figcaption { text-align: center; font-size: .85rem; color: rgba(49,51,63,.7); }
</style>"""


@st.cache_data(ttl=30)
def _network() -> str | None:
    """This machine's network address, looked up at most every 30 s (a laptop joins the
    venue's network after the app started)."""
    return network_address()


def room_link(query: dict[str, str]) -> tuple[str | None, bool]:
    """The view's link as the room can open it, and whether the page's own address was a
    loopback one (replaced by the network address, or ``None`` when there is none)."""
    url = share_url(page_url(), query)
    room = for_the_room(url, _network())
    return room, room != url


def room_notice(room: str | None, replaced: bool, _: Translator) -> None:
    """What the presenter must know about the link before the room scans it."""
    if room is None:
        st.warning(
            _(
                "This computer has no network address: phones cannot open the map from it. "
                "Join the venue's network, or share the map as one file (Download the map)."
            )
        )
    elif replaced:
        st.caption(
            _(
                "The link uses this computer's network address, so phones on the same "
                "network can open it."
            )
        )


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
    the planner's own places says that the link cannot carry them. Made only while the panel
    is open (opening it reruns the page): a closed panel costs a visit neither the server's
    time nor the browser's, which draws the map sooner."""
    panel = st.sidebar.expander(
        _("Share this view"), icon=":material/qr_code_2:", key=SHARE_KEY, on_change="rerun"
    )
    if not panel.open:
        return
    room, replaced = room_link(query)
    with panel:
        if with_files:
            st.warning(
                _(
                    "The places of your own files are not in the link: those who open it see "
                    "the programme's data only."
                )
            )
        room_notice(room, replaced, _)
        if room is not None:
            qr_image(room, "200px", _)
            st.text(room)
        switch(_("Presentation mode"), True, ":material/slideshow:")
        if room is not None:
            st.caption(_("To show this view in a web page, paste this HTML into it:"))
            st.text(embed_snippet(room, _("Marittimo Map")))
