"""Front-end assets served by the app itself, so the map works with no internet.

folium and its plugins declare their scripts and styles as ``(name, CDN URL)`` pairs in
``default_js`` / ``default_css``. :func:`localize` rewrites those pairs on a built map to
local copies, which :func:`install` puts under ``static/vendor/``: from installed XStatic
packages (PyPI), from npm packages fetched at setup (:func:`fetch`, integrity-checked into
``.tools/npm/``), and the project's own scripts (``geo/web/``). Nothing third-party is in
git. An asset name we do not know is an error, not a silent CDN request.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import importlib
import io
import os
import shutil
import tarfile
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from branca.element import Element

from geo.paths import ROOT

E = TypeVar("E", bound=Element)

#: URL prefix under which Streamlit serves ``static/`` (``server.enableStaticServing``).
STATIC_URL = "/app/static"
VENDOR = "vendor"
NPM_CACHE = ROOT / ".tools" / "npm"
NPM_REGISTRY = "https://registry.npmjs.org"


@dataclass(frozen=True)
class Package:
    """An XStatic package (PyPI) and the parts of it the page needs."""

    module: str
    parts: tuple[str, ...]

    @property
    def base_dir(self) -> Path:
        return Path(importlib.import_module(f"xstatic.pkg.{self.module}").BASE_DIR)

    @property
    def version(self) -> str:
        return str(importlib.import_module(f"xstatic.pkg.{self.module}").VERSION)


@dataclass(frozen=True)
class NpmPackage:
    """An npm package, pinned with the registry's integrity hash, and the parts we use."""

    name: str
    npm_version: str
    integrity: str  # "sha512-<base64>", as package-lock.json writes it
    parts: tuple[str, ...]

    @property
    def base_dir(self) -> Path:
        return NPM_CACHE / f"{self.name}-{self.npm_version}" / "package"

    @property
    def version(self) -> str:
        return self.npm_version


@dataclass(frozen=True)
class OwnFiles:
    """The project's own scripts; their version is a digest of their content."""

    folder: Path
    parts: tuple[str, ...]

    @property
    def base_dir(self) -> Path:
        return self.folder

    @cached_property
    def version(self) -> str:
        digest = hashlib.sha256()
        for part in self.parts:
            digest.update((self.folder / part).read_bytes())
        return digest.hexdigest()[:12]


@dataclass(frozen=True)
class Bundle:
    """Scripts of several packages joined into one file at install: the map's frame loads
    its scripts one after another, so one request instead of four saves three round trips."""

    name: str
    sources: tuple[tuple[str, str], ...]  # (package key, file), in order

    @property
    def version(self) -> str:
        versions = "|".join(f"{key}={PACKAGES[key].version}" for key, _file in self.sources)
        return hashlib.sha256(versions.encode()).hexdigest()[:12]

    def content(self) -> str:
        return "\n;\n".join(
            (PACKAGES[key].base_dir / file).read_text(encoding="utf-8")
            for key, file in self.sources
        )


PACKAGES: dict[str, Package | NpmPackage | OwnFiles] = {
    "leaflet": Package("leaflet", ("leaflet.js", "leaflet.css", "images")),
    "fontawesome": Package("font_awesome", ("css/all.min.css", "webfonts", "LICENSE.txt")),
    # Clusters 100,000 points in a fraction of a second, in the browser (ISC, Mapbox);
    # its UMD build includes its one dependency, kdbush.
    "supercluster": NpmPackage(
        "supercluster",
        "9.1.0",
        "sha512-WMhsJPm8Tf9f5mKxJ1D0mB5tbCMOFi8wTrm/LGnsJHGg8xkeNT/TWDZuFauOGRISnclbYgnxD7g3xJAfQO3FLg==",
        ("dist/supercluster.min.js", "LICENSE"),
    ),
    # The full-screen button (MIT, brunob); the release folium's Fullscreen plugin names.
    "fullscreen": NpmPackage(
        "leaflet.fullscreen",
        "3.0.2",
        "sha512-m27waFVmwdrLGXjZw2L8b7w/W28EY+u7IGzK2x8K99XaPuzKbjI+/H1j0OMawLcRPZyDRh+39XpyLsvDwHUEoA==",
        ("Control.FullScreen.js", "Control.FullScreen.css", "icon-fullscreen.svg", "LICENSE"),
    ),
    "marittimo": OwnFiles(Path(__file__).parent / "web", ("points.js",)),
}
#: Files made at install from the packages (key -> bundle): served as vendor/<key>/<name>.
BUNDLES: dict[str, Bundle] = {
    "map": Bundle(
        "map.js",
        (
            ("leaflet", "leaflet.js"),
            ("supercluster", "dist/supercluster.min.js"),
            ("fullscreen", "Control.FullScreen.js"),
            ("marittimo", "points.js"),
        ),
    ),
}

#: folium asset name -> (package key, file inside it). ``None`` drops an asset the map never
#: uses: Bootstrap and awesome-markers (markers here are DivIcons with Font Awesome classes)
#: and jQuery (only folium.Popup and URL-linked folium.GeoJson need it; popups here are built
#: by geo/web/points.js and linked shapes by geo.linked). One script less to load. The
#: full-screen control's script is not dropped but joined into the map's bundle.
ASSETS: dict[str, tuple[str, str] | None] = {
    "jquery": None,
    # Leaflet is served as the map's bundle: Leaflet first, then the plugins and our script,
    # so the map's frame (which loads its scripts one after another) loads one script.
    "leaflet": ("map", "map.js"),
    "leaflet_css": ("leaflet", "leaflet.css"),
    "awesome_markers_font_css": ("fontawesome", "css/all.min.css"),
    "Control.Fullscreen.js": None,  # in the map's bundle (leaflet)
    "Control.FullScreen.css": ("fullscreen", "Control.FullScreen.css"),
    "bootstrap": None,
    "bootstrap_css": None,
    "glyphicons_css": None,
    "awesome_markers": None,
    "awesome_markers_css": None,
    "awesome_rotate_css": None,
}


class UnknownAssetError(ValueError):
    """A map element asks for a script or style that has no local copy."""


class MissingPackageError(RuntimeError):
    """An npm package was not fetched: run the setup (``python -m geo assets``)."""


def asset_path(name: str) -> str:
    """Path of asset ``name`` relative to the static root, e.g. ``vendor/leaflet/leaflet.js``,
    with the package's version as a query for the project's own (changing) scripts."""
    entry = ASSETS[name]
    if entry is None:
        raise UnknownAssetError(f"asset {name!r} is not served")
    key, file = entry
    package = BUNDLES.get(key) or PACKAGES[key]
    query = f"?v={package.version}" if isinstance(package, OwnFiles | Bundle) else ""
    return f"{VENDOR}/{key}/{file}{query}"


def _verified(content: bytes, integrity: str) -> bool:
    algorithm, _, expected = integrity.partition("-")
    return base64.b64encode(hashlib.new(algorithm, content).digest()).decode() == expected


def fetch(packages: dict[str, Package | NpmPackage | OwnFiles] | None = None) -> list[str]:
    """Download the npm packages not in the cache yet, check each against its pinned
    integrity hash and unpack the parts we use. Run by the setup; returns what it fetched."""
    fetched = []
    for package in (packages or PACKAGES).values():
        if not isinstance(package, NpmPackage) or all(
            (package.base_dir / part).is_file() for part in package.parts
        ):
            continue
        url = f"{NPM_REGISTRY}/{package.name}/-/{package.name}-{package.npm_version}.tgz"
        with urllib.request.urlopen(url, timeout=60) as response:
            content = response.read()
        if not _verified(content, package.integrity):
            raise MissingPackageError(f"{url}: content does not match {package.integrity}")
        with tarfile.open(fileobj=io.BytesIO(content), mode="r:gz") as archive:
            for part in package.parts:
                member = archive.extractfile(f"package/{part}")
                if member is None:
                    raise MissingPackageError(f"{url}: no {part}")
                (package.base_dir / part).parent.mkdir(parents=True, exist_ok=True)
                (package.base_dir / part).write_bytes(member.read())
        fetched.append(f"{package.name}@{package.npm_version}")
    return fetched


def install(static_dir: Path) -> Path:
    """Copy the needed files of each package into ``static_dir/vendor`` (idempotent).

    A stamp file holding the package versions makes a second call a no-op, so the app can
    call this on every start; a package upgrade (or an edit of our own scripts) changes the
    stamp and refreshes the copy.
    """
    target = static_dir / VENDOR
    stamp = target / ".installed"
    everything = {**PACKAGES, **BUNDLES}
    wanted = "\n".join(f"{key}={pkg.version}" for key, pkg in sorted(everything.items()))
    if stamp.is_file() and stamp.read_text() == wanted:
        return target
    for key, pkg in PACKAGES.items():
        missing = [p for p in pkg.parts if not (pkg.base_dir / p).exists()]
        if missing:
            raise MissingPackageError(
                f"{key}: {missing} not in {pkg.base_dir}; run bash scripts/setup.sh "
                "(or .venv/bin/python -m geo assets) where the npm registry is reachable"
            )
        dest = target / key
        shutil.rmtree(dest, ignore_errors=True)
        for part in pkg.parts:
            src = pkg.base_dir / part
            if src.is_dir():
                shutil.copytree(src, dest / part)
            else:
                (dest / part).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dest / part)
    for key, bundle in BUNDLES.items():
        (target / key).mkdir(parents=True, exist_ok=True)
        (target / key / bundle.name).write_text(bundle.content(), encoding="utf-8")
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
        # Compressed once, beside it: nginx sends these bytes (gzip_static), never
        # recompressing megabytes of places for every phone.
        _write_atomically(dest.with_name(dest.name + ".gz"), gzip.compress(content, 6, mtime=0))
        _write_atomically(dest, content)
    return f"{STATIC_URL}/data/{file_name}"


def _write_atomically(path: Path, content: bytes) -> None:
    """Write a file that a browser never fetches half-written (another process may be
    publishing the same file: each writes its own part and renames it)."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.part")
    partial.write_bytes(content)
    partial.replace(path)
