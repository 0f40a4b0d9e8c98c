"""Downloads of exactly what is shown: CSV (for spreadsheets), GeoJSON (for GIS) and the map
as one HTML file (for a venue without internet, or to share by e-mail)."""

from __future__ import annotations

import base64
import json
import mimetypes
import re
from pathlib import Path
from typing import Any

import pandas as pd

from geo.assets import STATIC_URL
from geo.i18n import Translator
from geo.load import Dataset
from geo.mapview import base_map, embedded_layers, region_shapes, standalone

#: CSV columns, in order; list values are joined with " | ".
CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "kind",
    "municipality",
    "address",
    "region",
    "eligible",
    "projects",
    "participation",
    "periods",
    "economy",
    "economy_via",
    "certification",
    "lon",
    "lat",
    "location_precision",
    "website",
    "description",
    "notes",
    "sources",
    "source_date",
)
#: The planner's file a place came from: a column only when the view holds such places.
UPLOAD_COLUMN = "from_your_file"
GEOJSON_PROPERTIES: tuple[str, ...] = tuple(c for c in CSV_COLUMNS if c not in ("lon", "lat"))


def _columns(points: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """``points`` with ``columns`` (missing ones empty), and the file each place came from
    when any came from a planner's file."""
    frame = points.reindex(columns=list(columns))
    if "upload" in points and (points["upload"] != "").any():
        frame[UPLOAD_COLUMN] = points["upload"]
    return frame


def _joined(value: Any) -> Any:
    """A list as ``a | b``, a participation as ``festa: lead | tiramisu: partner``."""
    if isinstance(value, dict):
        return " | ".join(f"{k}: {v}" for k, v in value.items())
    return " | ".join(value) if isinstance(value, list | tuple) else value


#: A text cell starting with one of these is read as a formula by spreadsheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _defused(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula, made plain text with a leading quote
    (OWASP's advice against CSV injection); numbers and other text are left as they are."""
    return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def to_csv(points: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with a byte-order mark, so spreadsheets keep the accents, and no cell a
    spreadsheet would run as a formula (data may come from anyone's upload)."""
    frame = _columns(points, CSV_COLUMNS).map(_joined).map(_defused)
    # CRLF rows (RFC 4180): the writer then quotes a cell holding a lone CR too.
    return frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _json_value(value: Any) -> Any:
    if isinstance(value, float) and pd.isna(value):
        return None
    return list(value) if isinstance(value, tuple) else value


def to_geojson(points: pd.DataFrame) -> bytes:
    """A GeoJSON FeatureCollection (WGS84) of the points, with derived region and eligible."""
    properties = _columns(points, GEOJSON_PROPERTIES)
    features = [
        {
            "type": "Feature",
            "id": row["id"],
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {k: _json_value(v) for k, v in row.items()},
        }
        for row, lon, lat in zip(
            properties.to_dict("records"), points["lon"], points["lat"], strict=True
        )
    ]
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")


_ASSET_TAG = re.compile(
    r'<script src="(?P<js>[^"]+)"></script>|<link rel="stylesheet" href="(?P<css>[^"]+)"/>'
)
_CSS_URL = re.compile(r"url\((?!data:|#)['\"]?([^)'\"]+)['\"]?\)")
#: Font Awesome lists a TrueType fallback after each WOFF2 font; every browser that runs
#: Leaflet reads WOFF2, so the fallback is left out of a one-file page (it would double it).
_TTF_FALLBACK = re.compile(r',\s*url\([^)]*\.ttf\)\s*format\("truetype"\)')


def _data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _inline_css(css: str, folder: Path) -> str:
    """The stylesheet with its fonts and images as data URIs."""
    css = _TTF_FALLBACK.sub("", css)
    return _CSS_URL.sub(lambda m: f"url({_data_uri(folder / m.group(1))})", css)


def one_file_html(page: str, static_dir: Path, static_url: str) -> bytes:
    """A rendered map page as one file that works with no server and no internet: every
    script and stylesheet under ``static_url`` is inlined from ``static_dir``, with their fonts
    and images as data URIs. Anything else linked from the page is an error."""

    def inline(match: re.Match[str]) -> str:
        url = match["js"] or match["css"]
        if not url.startswith(f"{static_url}/"):
            raise ValueError(f"cannot inline {url!r}: not a local asset")
        path = static_dir / url.removeprefix(f"{static_url}/").partition("?")[0]
        text = path.read_text(encoding="utf-8")
        if match["js"]:
            return "<script>" + text.replace("</script", "<\\/script") + "</script>"
        return f"<style>{_inline_css(text, path.parent)}</style>"

    return _ASSET_TAG.sub(inline, page).encode("utf-8")


def map_file(
    dataset: Dataset,
    points: pd.DataFrame,
    lang: str,
    _: Translator,
    *,
    basemap: dict[str, Any],
    static_dir: Path,
) -> bytes:
    """The map of ``points`` (with the regions, basemap, eligible area, legend and layer
    control) as one self-contained HTML file in ``lang``: the places it shows are embedded,
    and only they."""
    fmap = base_map(
        dataset.regions,
        _,
        basemap={"data": basemap},
        eligible_area={"data": json.loads(dataset.eligible_area.to_json(drop_id=True))},
        shapes={"data": region_shapes(dataset.regions, lang)},
    )
    layers = embedded_layers(points, dataset.regions, dataset.catalogue, lang, _)
    fmap.get_root().title = "Marittimo Map"
    page = standalone(fmap, layers).get_root().render()
    return one_file_html(page, static_dir, STATIC_URL)
