"""Sharing a view: its link (the filters are in the URL) and a QR code of it for an audience."""

from __future__ import annotations

import io
import ipaddress
import socket
from collections.abc import Mapping
from html import escape
from urllib.parse import urlencode, urlsplit, urlunsplit

import segno

#: Query parameter of the presentation mode (a clean full-screen map for a projector).
PRESENT_PARAM = "present"


def share_url(page_url: str, query: Mapping[str, str]) -> str:
    """The page's address with ``query`` (the view), without the presentation switch."""
    parts = urlsplit(page_url)
    view = {k: v for k, v in query.items() if k != PRESENT_PARAM and v}
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(view), ""))


def embed_snippet(url: str, title: str, height: int = 600) -> str:
    """The HTML that shows the view of ``url`` in another web page: the clean map of
    presentation mode, without Streamlit's own header (``embed=true``). Escaped for an
    attribute: the link carries the visitor's search text."""
    parts = urlsplit(url)
    query = "&".join(q for q in (parts.query, f"{PRESENT_PARAM}=1", "embed=true") if q)
    src = urlunsplit((parts.scheme, parts.netloc, parts.path or "/", query, ""))
    return (
        f'<iframe src="{escape(src)}" title="{escape(title)}" width="100%" '
        f'height="{int(height)}" style="border:0" loading="lazy" allowfullscreen></iframe>'
    )


def is_loopback(url: str) -> bool:
    """Whether ``url`` points at the machine it is opened on (``localhost``, ``127.0.0.1``,
    ``::1``, ``0.0.0.0``): a phone that scans it opens itself."""
    host = (urlsplit(url).hostname or "").lower()
    if host in ("localhost", "0.0.0.0") or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def for_the_room(url: str, network_host: str | None) -> str | None:
    """The link an audience can open: ``url`` itself, or, when it is a loopback address,
    the same port and path on this machine's network address (``None`` when there is
    none: no phone can reach this machine)."""
    if not is_loopback(url):
        return url
    if not network_host:
        return None
    parts = urlsplit(url)
    host = f"[{network_host}]" if ":" in network_host else network_host
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def network_address() -> str | None:
    """This machine's address on its network (what Streamlit prints as "Network URL"), or
    ``None``. Asking the system which interface would route to a private address sends no
    packet, so it works offline; a machine with no route at all falls back on the
    addresses of its host name."""
    for probe in ("10.255.255.255", "192.168.255.255"):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            try:
                sock.connect((probe, 1))
                address = sock.getsockname()[0]
            except OSError:
                continue
        if not ipaddress.ip_address(address).is_loopback:
            return address
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return None
    found = [info[4][0] for info in infos if not ipaddress.ip_address(info[4][0]).is_loopback]
    return found[0] if found else None


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
