"""The five cooperation regions: loading their boundaries and locating points in them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely import make_valid, points
from shapely.geometry import Polygon, shape
from shapely.geometry.base import BaseGeometry

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


#: A town centre off a coastline simplified for the web is this close to it, at most.
SNAP_M = 1000.0
#: Outline parts this far inside land (by the basemap's coarse coast) are land borders.
INLAND_M = 1500.0


@cache
def load_land(path: Path) -> BaseGeometry:
    """The land polygons of the offline basemap (``layer: land``), an empty geometry when
    the file cannot be used (then no point is snapped onto a coast)."""
    data, problem = read_json(path)
    features = (data or {}).get("features", []) if isinstance(data, dict) else []
    shapes = []
    for feature in features:
        if isinstance(feature, dict) and (feature.get("properties") or {}).get("layer") == "land":
            try:
                shapes.append(shape(feature["geometry"]))
            except Exception:  # a broken basemap only costs the snap, never the app
                continue
    return shapely.union_all(shapes) if shapes and problem is None else Polygon()


@dataclass(frozen=True)
class Shore:
    """Where a point may be snapped into an area: it lies at sea (outside the basemap's land,
    degrees) and near the parts of the areas' outline that face the sea (``coast``, metres,
    equal-area: the outline minus what lies well inside land)."""

    coast: BaseGeometry
    land: BaseGeometry


def shore(areas: gpd.GeoDataFrame, land: BaseGeometry) -> Shore | None:
    """The :class:`Shore` of ``areas``; ``None`` (no point is ever snapped) without land to
    tell sea from land. A town across a land border (Menton, Monaco, Fucecchio) is on land,
    so it is never pulled into an area."""
    if areas.empty or land.is_empty:
        return None
    metric = areas.to_crs(EQUAL_AREA).geometry
    outline = shapely.coverage_union_all(metric.to_numpy()).boundary
    inland = gpd.GeoSeries([land], crs=WGS84).to_crs(EQUAL_AREA).iloc[0].buffer(-INLAND_M)
    coast = outline.difference(inland)
    shapely.prepare(coast)
    shapely.prepare(land)
    return Shore(coast, land)


def region_at(regions: gpd.GeoDataFrame, lon: float, lat: float) -> str | None:
    """The code of the region drawn at a point of the map (a click), or ``None``: the
    shapes as drawn, never snapped (a click on the sea chooses nothing)."""
    found = locate(regions, pd.Series([lon]), pd.Series([lat]))
    return found.iloc[0] if len(found) else None


def locate(
    areas: gpd.GeoDataFrame,
    lon: pd.Series,
    lat: pd.Series,
    shore: Callable[[], Shore | None] | None = None,
    snap_m: float = SNAP_M,
) -> pd.Series:
    """The ``code`` of the area containing each point, or ``None`` outside all of them.

    With ``shore`` (giving a :class:`Shore`, asked only when a point is outside every area),
    a point outside every area, at sea, within ``snap_m`` of the coast goes to the nearest
    area: a town centre on the coast may fall just off a coastline simplified for the web. A
    point on land is never moved (across a land border it belongs to a neighbour).
    """
    codes = np.full(len(lon), None, dtype=object)
    if areas.empty or not len(lon):
        return pd.Series(codes, index=lon.index, dtype=object)
    pts = points(lon.to_numpy(float), lat.to_numpy(float))
    # The areas query a tree of the points: each area is prepared once, not once per point.
    area_index, point_index = shapely.STRtree(pts).query(
        areas.geometry.to_numpy(), predicate="contains"
    )
    order = np.lexsort((area_index, point_index))  # on a shared border: the first area
    point_index, area_index = point_index[order], area_index[order]
    first = np.unique(point_index, return_index=True)[1]
    codes[point_index[first]] = areas["code"].to_numpy()[area_index[first]]
    outside = np.flatnonzero(pd.isna(codes))
    found = shore() if shore is not None and len(outside) else None
    if found is not None:
        outside = outside[~shapely.contains(found.land, pts[outside])]  # at sea only
        metric = gpd.GeoSeries(pts[outside], crs=WGS84).to_crs(EQUAL_AREA).to_numpy()
        near = shapely.dwithin(found.coast, metric, snap_m)
        if near.any():
            area_tree = shapely.STRtree(areas.to_crs(EQUAL_AREA).geometry.to_numpy())
            which, nearest = area_tree.query_nearest(metric[near], max_distance=snap_m)
            codes[outside[near][which]] = areas["code"].to_numpy()[nearest]
    return pd.Series(codes, index=lon.index, dtype=object)
