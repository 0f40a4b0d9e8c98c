"""Downloads of exactly what is shown: CSV in words (for the spreadsheets of the page's
language), GeoJSON with the data's codes (for GIS) and the map as one HTML file (for a venue
without internet, or to share by e-mail)."""

from __future__ import annotations

import base64
import json
import mimetypes
import re
from pathlib import Path
from typing import Any

import pandas as pd

from geo.assets import STATIC_URL
from geo.gazetteer import key
from geo.i18n import Translator
from geo.labels import download_columns, table_words
from geo.load import Dataset
from geo.mapview import base_map, embedded_layers, region_shapes, standalone
from geo.numbers import spreadsheet_table

#: The planner's file a place came from: a column only when the view holds such places.
UPLOAD_COLUMN = "from_your_file"

#: Properties of the GeoJSON download, in order: the data format's codes, for GIS.
GEOJSON_PROPERTIES: tuple[str, ...] = (
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
    "location_precision",
    "website",
    "description",
    "notes",
    "sources",
    "source_date",
)


def _columns(points: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """``points`` with ``columns`` (missing ones empty), and the file each place came from
    when any came from a planner's file."""
    frame = points.reindex(columns=list(columns))
    if "upload" in points and (points["upload"] != "").any():
        frame[UPLOAD_COLUMN] = points["upload"]
    return frame


#: A text cell starting with one of these is read as a formula by spreadsheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _defused(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula, made plain text with a leading quote
    (OWASP's advice against CSV injection); numbers and other text are left as they are."""
    return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_START) else value


#: Spreadsheets in Italian and French read ";" and decimal commas.
SEMICOLON_LANGUAGES = ("it", "fr")


def spreadsheet_csv(table: pd.DataFrame, lang: str) -> bytes:
    """A table in words as the spreadsheets of ``lang`` open it: ``;`` and decimal commas
    in Italian and French, ``,`` and points in English; UTF-8 with a byte-order mark; no
    cell a spreadsheet would run as a formula."""
    semicolon = lang in SEMICOLON_LANGUAGES
    frame = table.map(_defused)
    return frame.to_csv(
        index=False,
        sep=";" if semicolon else ",",
        decimal="," if semicolon else ".",
        lineterminator="\r\n",
    ).encode("utf-8-sig")


def download_csv(points: pd.DataFrame, dataset: Dataset, lang: str, _: Translator) -> bytes:
    """The CSV download of ``points``: the table in words, the place, the sources and the
    id, as the spreadsheets of ``lang`` open it."""
    table = spreadsheet_table(points, table_words(dataset, lang, _), download_columns(_))
    return spreadsheet_csv(table, lang)


def file_name(summary_words: list[str], ext: str) -> str:
    """A download's name that carries its view: ``marittimo-festa-sardaigne-corse.csv``
    (``marittimo-map`` for the whole map), at most 80 characters."""
    words = "-".join(filter(None, (key(w).replace(" ", "-") for w in summary_words)))
    stem = f"marittimo-{words}"[:80].rstrip("-") if words else "marittimo-map"
    return f"{stem}.{ext}"


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
