"""The five cooperation regions: loading their boundaries and locating points in them."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely import points

#: NUTS codes of the five regions, in the order the legend lists them.
REGION_CODES: tuple[str, ...] = ("ITI1", "ITC3", "ITG2", "FRM0", "FRL05")
WGS84 = "EPSG:4326"
#: Equal-area projection (LAEA Europe) for areas in km².
EQUAL_AREA = "EPSG:3035"


class RegionsError(ValueError):
    """The regions file is not the five regions the app needs."""


def load_regions(path: Path) -> gpd.GeoDataFrame:
    """Read the regions file, checked and in legend order.

    Raises :class:`RegionsError` naming the file when codes or names are missing, since
    every map and every region filter depends on these five shapes.
    """
    frame = gpd.read_file(path)
    frame = frame.set_crs(WGS84) if frame.crs is None else frame.to_crs(WGS84)
    missing_cols = {"code", "name_it", "name_fr", "name_en", "country"} - set(frame.columns)
    if missing_cols:
        raise RegionsError(f"{path}: missing properties {sorted(missing_cols)}")
    codes = set(frame["code"])
    if codes != set(REGION_CODES):
        raise RegionsError(f"{path}: expected regions {list(REGION_CODES)}, found {sorted(codes)}")
    order = {code: i for i, code in enumerate(REGION_CODES)}
    return frame.sort_values("code", key=lambda s: s.map(order)).reset_index(drop=True)


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
