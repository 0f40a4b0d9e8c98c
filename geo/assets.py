"""Front-end assets served by the app itself, so the map works with no internet.

folium and its plugins declare their scripts and styles as ``(name, CDN URL)`` pairs in
``default_js`` / ``default_css``. :func:`localize` rewrites those pairs on a built map to
local copies, which :func:`install` takes from installed XStatic packages (never from git).
An asset name we do not know is an error, not a silent CDN request.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from branca.element import Element

E = TypeVar("E", bound=Element)

#: URL prefix under which Streamlit serves ``static/`` (``server.enableStaticServing``).
STATIC_URL = "/app/static"
VENDOR = "vendor"


@dataclass(frozen=True)
class Package:
    """An XStatic package and the parts of it the page needs."""

    module: str
    parts: tuple[str, ...]

    @property
    def base_dir(self) -> Path:
        return Path(importlib.import_module(f"xstatic.pkg.{self.module}").BASE_DIR)

    @property
    def version(self) -> str:
        return str(importlib.import_module(f"xstatic.pkg.{self.module}").VERSION)


PACKAGES: dict[str, Package] = {
    "leaflet": Package("leaflet", ("leaflet.js", "leaflet.css", "images")),
    "markercluster": Package(
        "leaflet_markercluster",
        ("leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css"),
    ),
    "fontawesome": Package("font_awesome", ("css/all.min.css", "webfonts", "LICENSE.txt")),
}

#: folium asset name -> (package key, file inside it). ``None`` drops an asset the map never
#: uses: Bootstrap and awesome-markers (markers here are DivIcons with Font Awesome classes)
#: and jQuery (only folium.Popup and URL-linked folium.GeoJson need it; popups here are built
#: by geo.markers.PointLayer and linked shapes by geo.linked). One script less to load.
ASSETS: dict[str, tuple[str, str] | None] = {
    "jquery": None,
    "leaflet": ("leaflet", "leaflet.js"),
    "leaflet_css": ("leaflet", "leaflet.css"),
    "markerclusterjs": ("markercluster", "leaflet.markercluster.js"),
    "markerclustercss": ("markercluster", "MarkerCluster.css"),
    "markerclusterdefaultcss": ("markercluster", "MarkerCluster.Default.css"),
    "awesome_markers_font_css": ("fontawesome", "css/all.min.css"),
    "bootstrap": None,
    "bootstrap_css": None,
    "glyphicons_css": None,
    "awesome_markers": None,
    "awesome_markers_css": None,
    "awesome_rotate_css": None,
}


class UnknownAssetError(ValueError):
    """A map element asks for a script or style that has no local copy."""


def asset_path(name: str) -> str:
    """Path of asset ``name`` relative to the static root, e.g. ``vendor/leaflet/leaflet.js``."""
    entry = ASSETS[name]
    if entry is None:
        raise UnknownAssetError(f"asset {name!r} is not served")
    package, file = entry
    return f"{VENDOR}/{package}/{file}"


def install(static_dir: Path) -> Path:
    """Copy the needed files of each XStatic package into ``static_dir/vendor`` (idempotent).

    A stamp file holding the package versions makes a second call a no-op, so the app can
    call this on every start; a package upgrade changes the stamp and refreshes the copy.
    """
    target = static_dir / VENDOR
    stamp = target / ".installed"
    wanted = "\n".join(f"{key}={pkg.version}" for key, pkg in sorted(PACKAGES.items()))
    if stamp.is_file() and stamp.read_text() == wanted:
        return target
    for key, pkg in PACKAGES.items():
        dest = target / key
        shutil.rmtree(dest, ignore_errors=True)
        for part in pkg.parts:
            src = pkg.base_dir / part
            if src.is_dir():
                shutil.copytree(src, dest / part)
            else:
                (dest / part).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dest / part)
    stamp.write_text(wanted)
    return target


def _with_assets(element: Element) -> Iterator[Element]:
    """Every element of the tree below ``element`` that declares scripts or styles."""
    if hasattr(element, "default_js") or hasattr(element, "default_css"):
        yield element
    for child in element._children.values():
        yield from _with_assets(child)


def localize(fmap: E, url_for: Callable[[str], str] | None = None) -> E:
    """Point every script and style of ``fmap`` (a map, or a layer added to one later) at a
    local copy; drop the unused ones.

    ``url_for`` maps an asset path to a URL; by default the app's static route. Raises
    :class:`UnknownAssetError` when an element needs an asset with no local copy, so an
    offline page can never quietly depend on a CDN.
    """
    to_url = url_for or (lambda path: f"{STATIC_URL}/{path}")
    for element in _with_assets(fmap):
        for attr in ("default_js", "default_css"):
            pairs = getattr(element, attr, [])
            unknown = [name for name, _ in pairs if name not in ASSETS]
            if unknown:
                raise UnknownAssetError(
                    f"{type(element).__name__} needs {unknown}: add a local copy to geo.assets"
                )
            local = [(name, to_url(asset_path(name))) for name, _ in pairs if ASSETS[name]]
            setattr(element, attr, local)  # instance attribute: folium's classes stay as is
    return fmap


def publish(name: str, content: bytes, static_dir: Path) -> str:
    """Write ``content`` under ``static_dir/data`` with a digest of it in the file name and
    return its URL: a changed file gets a new URL, so a browser never uses a stale copy and
    may keep a published one as long as it likes."""
    stem, dot, ext = name.rpartition(".")
    digest = hashlib.sha256(content).hexdigest()[:16]
    file_name = f"{stem}-{digest}{dot}{ext}" if dot else f"{name}-{digest}"
    dest = static_dir / "data" / file_name
    if not dest.is_file():
        dest.parent.mkdir(parents=True, exist_ok=True)
        partial = dest.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(content)
        partial.replace(dest)  # atomic: a browser never fetches half a file
    return f"{STATIC_URL}/data/{file_name}"
