"""The five cooperation regions: loading their boundaries and locating points in them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
from shapely import make_valid, points
from shapely.geometry import shape

from geo.problems import Problem, feature_label
from geo.reading import read_json

#: NUTS codes of the five regions, in the order the legend lists them.
REGION_CODES: tuple[str, ...] = ("ITI1", "ITC3", "ITG2", "FRM0", "FRL05")
WGS84 = "EPSG:4326"
#: (west, south, east, north) around the five regions, in degrees.
AREA_BOUNDS: tuple[float, float, float, float] = (4.0, 38.0, 13.0, 45.5)
#: Equal-area projection (LAEA Europe) for areas in km².
EQUAL_AREA = "EPSG:3035"


#: Properties each region must have (names in every language of the app).
REGION_PROPERTIES: tuple[str, ...] = ("code", "name_it", "name_fr", "name_en", "country")


def shapes_frame(
    data: Any, file: str, properties: tuple[str, ...]
) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """The polygon features of a parsed GeoJSON FeatureCollection (WGS84) that have the
    text ``properties``, and a problem for each feature that is not kept."""
    empty = gpd.GeoDataFrame({p: [] for p in properties}, geometry=[], crs=WGS84)
    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        return empty, [Problem(file, "not a GeoJSON FeatureCollection")]
    rows, problems = [], []
    for position, feature in enumerate(data["features"]):
        props = feature.get("properties") if isinstance(feature, dict) else None
        label = feature_label(
            position, (props or {}).get("code") if isinstance(props, dict) else None
        )
        if not isinstance(props, dict):
            problems.append(Problem(file, "not a GeoJSON Feature with properties", label))
            continue
        missing = [p for p in properties if not isinstance(props.get(p), str) or not props[p]]
        if missing:
            problems.append(Problem(file, f"missing {', '.join(missing)}", label))
            continue
        try:
            geometry = make_valid(shape(feature["geometry"]))
        except Exception as exc:  # any malformed geometry: named, and the rest is kept
            problems.append(Problem(file, f"bad geometry: {exc}", label, "geometry"))
            continue
        if geometry.geom_type not in ("Polygon", "MultiPolygon", "GeometryCollection"):
            problems.append(Problem(file, f"expected a polygon, got {geometry.geom_type}", label))
            continue
        rows.append({**{p: props[p] for p in properties}, "geometry": geometry})
    if not rows:
        return empty, problems
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=WGS84), problems


def load_shapes(path: Path, properties: tuple[str, ...]) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """:func:`shapes_frame` of a file; a file that cannot be read gives an empty frame."""
    data, unreadable = read_json(path)
    if unreadable:
        return shapes_frame(None, str(path), properties)[0], [unreadable]
    return shapes_frame(data, str(path), properties)


def load_regions(path: Path) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """The regions of the file that are cooperation regions, in legend order, and what is
    wrong with it: a region missing, or one that is not a cooperation region (left out).

    Every map and region filter depends on these shapes, but points and counts do not: with
    none of them the app still shows the places, and says why the regions are missing.
    """
    frame, problems = load_shapes(path, REGION_PROPERTIES)
    unknown = sorted(set(frame["code"]) - set(REGION_CODES))
    if unknown:
        problems.append(Problem(str(path), f"not cooperation regions, left out: {unknown}"))
    missing = [c for c in REGION_CODES if c not in set(frame["code"])]
    if missing and len(frame):
        problems.append(Problem(str(path), f"regions missing: {missing}"))
    frame = frame[frame["code"].isin(REGION_CODES)].drop_duplicates("code")
    order = {code: i for i, code in enumerate(REGION_CODES)}
    return frame.sort_values("code", key=lambda s: s.map(order)).reset_index(drop=True), problems


def region_names(regions: gpd.GeoDataFrame, lang: str) -> dict[str, str]:
    """NUTS code -> region name in ``lang`` (names come from the data, not the catalogue)."""
    return dict(zip(regions["code"], regions[f"name_{lang}"], strict=True))


def areas_km2(regions: gpd.GeoDataFrame) -> dict[str, float]:
    """NUTS code -> area in km², computed in an equal-area projection."""
    area = regions.to_crs(EQUAL_AREA).area / 1e6
    return dict(zip(regions["code"], area.round(1), strict=True))


def locate(
    areas: gpd.GeoDataFrame, lon: pd.Series, lat: pd.Series, snap_km: float = 0.0
) -> pd.Series:
    """The ``code`` of the area containing each point, or ``None`` outside all of them.

    A point outside every area but within ``snap_km`` of one goes to the nearest: a town
    centre on the coast may fall just off a coastline simplified for the web.
    """
    if areas.empty:
        return pd.Series([None] * len(lon), index=lon.index, dtype=object)
    pts = gpd.GeoDataFrame(geometry=points(lon.to_numpy(float), lat.to_numpy(float)), crs=WGS84)
    pts.index = lon.index
    joined = gpd.sjoin(pts, areas[["code", "geometry"]], how="left", predicate="within")
    codes = joined.loc[~joined.index.duplicated(), "code"]
    outside = codes.isna()
    if snap_km > 0 and outside.any():
        near = gpd.sjoin_nearest(
            pts[outside].to_crs(EQUAL_AREA),
            areas[["code", "geometry"]].to_crs(EQUAL_AREA),
            how="left",
            max_distance=snap_km * 1000,
        )
        near = near.loc[~near.index.duplicated(), "code"]
        codes = codes.where(~outside, near.reindex(codes.index))
    return codes.astype(object).where(codes.notna(), None)
