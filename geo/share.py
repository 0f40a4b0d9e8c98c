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


def qr_png(url: str, scale: int = 6) -> bytes | None:
    """A QR code of ``url`` as PNG (error correction M: still reads from a projected image),
    or ``None`` when the link is too long for any QR code."""
    try:
        code = segno.make_qr(url, error="m")
    except segno.DataOverflowError:
        return None
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()
