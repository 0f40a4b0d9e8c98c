"""The data of the page, loaded and published once per version of its files.

A visitor costs the server only the filtering and drawing of their view: the dataset, the
files the browser fetches (shapes, places) and the front-end assets are made once per data
version (or per set of uploaded files) and shared by every session.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from geo import assets
from geo.filters import Filters, mask
from geo.i18n import LANGUAGES
from geo.load import Dataset, load_dataset, with_files
from geo.mapview import region_shapes
from geo.markers import places_payload
from geo.paths import ROOT, Signature, basemap_file, data_signature
from geo.upload import Options, Result, Upload, read_upload, result
from ui.yours import YourFile, options

STATIC_DIR = ROOT / "static"
LOG = logging.getLogger("marittimo")
#: Seconds a look at the data folder holds: an edited file shows within this time.
LOOKED_FOR = 1.0
_looked: dict[str, tuple[float, Signature]] = {}


def signature(folder: str) -> Signature:
    """The version of the data in ``folder`` (:func:`geo.paths.data_signature`), looked at
    no more than once a second: its listing and a stat of every file cost each visit a
    tenth of its server time."""
    now = time.monotonic()
    seen = _looked.get(folder)
    if seen is None or now - seen[0] > LOOKED_FOR:
        seen = _looked[folder] = (now, data_signature(Path(folder)))
    return seen[1]


@dataclass(frozen=True)
class Published:
    """A dataset and the URLs of the files the browser fetches for it. ``key`` names this
    version of the data (folder, files, uploads): views computed from it are cached by it."""

    key: str
    dataset: Dataset
    places: str  # the places file (geo.markers.places_payload)
    shapes: dict[str, dict[str, dict[str, str]]]  # lang -> basemap, eligible area, regions
    uploads: tuple[Upload, ...] = ()  # the planner's files, as read
    results: tuple[Result, ...] = ()  # what became of each

    def links(self, lang: str) -> dict[str, dict[str, str]]:
        return self.shapes[lang]


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _places_url(dataset: Dataset) -> str:
    payload = places_payload(
        dataset.points,
        (p.id for p in dataset.catalogue.projects),
        (e.id for e in dataset.catalogue.economy_types),
    )
    return assets.publish("places.json", _json(payload), STATIC_DIR)


def _shape_links(dataset: Dataset) -> dict[str, dict[str, dict[str, str]]]:
    """Per language: the basemap, the eligible area (as checked, never a data folder's file
    as it is) and the regions with their names in that language."""
    basemap = assets.publish("basemap.geojson", basemap_file().read_bytes(), STATIC_DIR)
    eligible = dataset.eligible_area.to_json(drop_id=True).encode("utf-8")
    common = {
        "basemap": {"url": basemap},
        "eligible_area": {"url": assets.publish("eligible_area.geojson", eligible, STATIC_DIR)},
    }
    return {
        lang: {
            **common,
            "shapes": {
                "url": assets.publish(
                    f"regions-{lang}.geojson",
                    _json(region_shapes(dataset.regions, lang)),
                    STATIC_DIR,
                )
            },
        }
        for lang in LANGUAGES
    }


@st.cache_resource(max_entries=4)
def published(folder: str, signature: Signature) -> Published:
    """The data of ``folder``, loaded once per version of its files (``signature``), with
    its files published; its problems go to the server log, for the maintainer."""
    assets.install(STATIC_DIR)
    dataset = load_dataset(Path(folder))
    for problem in dataset.problems:
        LOG.warning("%s", problem)
    key = hashlib.sha256(repr((folder, signature)).encode()).hexdigest()[:16]
    return Published(key, dataset, _places_url(dataset), _shape_links(dataset))


@st.cache_resource(max_entries=32)
def _with_uploads(
    folder: str,
    signature: Signature,
    files: tuple[tuple[str, str, Options], ...],
    _contents: tuple[bytes, ...],
) -> Published:
    """The shipped data plus a planner's files, read as they chose (``files``: name, digest
    and options of each; the contents themselves are not hashed again), checked and
    published once per set of files."""
    shipped = published(folder, signature)
    catalogue = shipped.dataset.catalogue
    uploads = tuple(
        read_upload(name, content, catalogue, chosen)
        for (name, _digest, chosen), content in zip(files, _contents, strict=True)
    )
    dataset = with_files(shipped.dataset, [u.checked for u in uploads])
    results = tuple(result(u, dataset.points, dataset.unlocated) for u in uploads)
    key = hashlib.sha256(repr((shipped.key, files)).encode()).hexdigest()[:16]
    return Published(key, dataset, _places_url(dataset), shipped.shapes, uploads, results)


def with_uploads(
    base: Published, folder: str, signature: Signature, files: list[YourFile]
) -> Published:
    """``base`` plus the planner's files, each read with the options chosen for it."""
    if not files:
        return base
    described = tuple((f.name, f.digest, options(f)) for f in files)
    return _with_uploads(folder, signature, described, tuple(f.content for f in files))


@st.cache_resource(max_entries=512)
def kept(key: str, filters: Filters, _dataset: Dataset) -> pd.Series:
    """Which places of the data version ``key`` (``_dataset``) the filters keep, once per
    view (the frames are read-only: never change what this returns)."""
    return mask(_dataset.points, filters)


@st.cache_resource
def basemap_data() -> dict[str, object]:
    """The basemap's shapes, for a one-file map that embeds them."""
    return json.loads(basemap_file().read_text(encoding="utf-8"))
