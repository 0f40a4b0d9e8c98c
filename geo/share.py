"""Sharing a view: its link (the filters are in the URL) and a QR code of it for an audience."""

from __future__ import annotations

import io
from collections.abc import Mapping
from urllib.parse import urlencode, urlsplit, urlunsplit

import segno

#: Query parameter of the presentation mode (a clean full-screen map for a projector).
PRESENT_PARAM = "present"


def share_url(page_url: str, query: Mapping[str, str]) -> str:
    """The page's address with ``query`` (the view), without the presentation switch."""
    parts = urlsplit(page_url)
    view = {k: v for k, v in query.items() if k != PRESENT_PARAM and v}
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(view), ""))


def qr_svg(url: str) -> str | None:
    """A QR code of ``url`` as an SVG drawing that fills the width it is given (error
    correction M: still reads from a projected image), or ``None`` when the link is too long
    for any QR code. SVG: no image file to store per visitor, sharp on a projector."""
    try:
        code = segno.make_qr(url, error="m")
    except segno.DataOverflowError:
        return None
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", border=2, xmldecl=False, nl=False, svgclass="mm-qr")
    size = code.symbol_size(border=2)[0]
    # The drawing's own size gives way to a viewBox, so CSS sets the displayed size.
    return (
        buffer.getvalue()
        .decode("ascii")
        .replace(f'width="{size}" height="{size}"', f'viewBox="0 0 {size} {size}"', 1)
    )
