"""Downloads of exactly what is shown: CSV (for spreadsheets) and GeoJSON (for GIS)."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

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
    "economy",
    "certification",
    "lon",
    "lat",
    "location_precision",
    "website",
    "description",
    "sources",
    "source_date",
)
GEOJSON_PROPERTIES: tuple[str, ...] = tuple(c for c in CSV_COLUMNS if c not in ("lon", "lat"))


def _joined(value: Any) -> Any:
    return " | ".join(value) if isinstance(value, list | tuple) else value


def to_csv(points: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with a byte-order mark, so spreadsheets keep the accents."""
    frame = points.reindex(columns=list(CSV_COLUMNS)).map(_joined)
    return frame.to_csv(index=False).encode("utf-8-sig")


def _json_value(value: Any) -> Any:
    if isinstance(value, float) and pd.isna(value):
        return None
    return list(value) if isinstance(value, tuple) else value


def to_geojson(points: pd.DataFrame) -> bytes:
    """A GeoJSON FeatureCollection (WGS84) of the points, with derived region and eligible."""
    features = [
        {
            "type": "Feature",
            "id": row["id"],
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            "properties": {k: _json_value(row.get(k)) for k in GEOJSON_PROPERTIES},
        }
        for row in points.to_dict("records")
    ]
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")
