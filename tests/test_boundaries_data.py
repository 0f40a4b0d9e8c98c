"""Checks on the committed boundary layers in data/ (built by scripts/build_boundaries.py).

Offline and fast: only the GeoJSON files are read, no npm and no source packages.
"""

from __future__ import annotations

import itertools
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

from geo.regions import areas_km2, load_regions

DATA = Path(__file__).resolve().parent.parent / "data"
REGIONS = DATA / "regions.geojson"
ELIGIBLE = DATA / "eligible_area.geojson"
BASEMAP = DATA / "basemap.geojson"

MAX_BOUNDARY_BYTES = 300_000
MAX_BASEMAP_BYTES = 256_000
MAX_OVERLAP_KM2 = 0.01

# Official areas (km²): ISTAT for the Italian regions, INSEE for Var and Corse.
OFFICIAL_AREA_KM2 = {
    "ITI1": 22_987,
    "ITC3": 5_416,
    "ITG2": 24_100,
    "FRL05": 5_973,
    "FRM0": 8_680,
}

EXPECTED_REGIONS = {
    "ITI1": ("Toscana", "Toscane", "Tuscany", "IT"),
    "ITC3": ("Liguria", "Ligurie", "Liguria", "IT"),
    "ITG2": ("Sardegna", "Sardaigne", "Sardinia", "IT"),
    "FRL05": ("Var", "Var", "Var", "FR"),
    "FRM0": ("Corsica", "Corse", "Corsica", "FR"),
}

EXPECTED_ELIGIBLE = {
    "ITI11": ("Massa-Carrara", "ITI1"),
    "ITI12": ("Lucca", "ITI1"),
    "ITI16": ("Livorno", "ITI1"),
    "ITI17": ("Pisa", "ITI1"),
    "ITI1A": ("Grosseto", "ITI1"),
    "ITC31": ("Imperia", "ITC3"),
    "ITC32": ("Savona", "ITC3"),
    "ITC33": ("Genova", "ITC3"),
    "ITC34": ("La Spezia", "ITC3"),
    "ITG2D": ("Sassari", "ITG2"),
    "ITG2E": ("Nuoro", "ITG2"),
    "ITG2F": ("Cagliari", "ITG2"),
    "ITG2G": ("Oristano", "ITG2"),
    "ITG2H": ("Sud Sardegna", "ITG2"),
    "FRM01": ("Corse-du-Sud", "FRM0"),
    "FRM02": ("Haute-Corse", "FRM0"),
    "FRL05": ("Var", "FRL0"),
    "FRL03": ("Alpes-Maritimes", "FRL0"),
}

# (lon, lat) on land, a few hundred metres from the coast. The harbour-front coordinates
# usually quoted for Portoferraio (10.33, 42.81), La Maddalena (9.41, 41.21) and Toulon
# (5.93, 43.12) are in the water even in the unsimplified sources, so town points inland
# of the harbours are used instead.
PLACES = {
    "Portoferraio (Elba)": ((10.31, 42.80), "ITI1"),
    "Capraia": ((9.83, 43.05), "ITI1"),
    "Isola del Giglio": ((10.90, 42.36), "ITI1"),
    "La Maddalena": ((9.405, 41.215), "ITG2"),
    "Carloforte (San Pietro)": ((8.28, 39.14), "ITG2"),
    "Porquerolles": ((6.20, 43.00), "FRL05"),
    "Port-Cros": ((6.385, 43.005), "FRL05"),
    "Île du Levant": ((6.47, 43.04), "FRL05"),
    "Livorno": ((10.31, 43.55), "ITI1"),
    "Pisa": ((10.40, 43.72), "ITI1"),
    "Firenze": ((11.25, 43.77), "ITI1"),
    "Genova": ((8.93, 44.41), "ITC3"),
    "Cagliari": ((9.11, 39.22), "ITG2"),
    "Bastia": ((9.45, 42.70), "FRM0"),
    "Ajaccio": ((8.74, 41.93), "FRM0"),
    "Toulon": ((5.93, 43.125), "FRL05"),
}

_TO_LAEA = Transformer.from_crs("EPSG:4326", "EPSG:3035", always_xy=True)


@cache
def load(path: Path) -> dict[str, Any]:
    """Parsed GeoJSON (cached: the files do not change during a run)."""
    return json.loads(path.read_text(encoding="utf-8"))


def geometries(path: Path, key: str = "code") -> dict[str, BaseGeometry]:
    """Feature geometries keyed by a property."""
    return {f["properties"][key]: shape(f["geometry"]) for f in load(path)["features"]}


def load_props(path: Path) -> dict[str, dict[str, Any]]:
    """Feature properties keyed by code."""
    return {f["properties"]["code"]: f["properties"] for f in load(path)["features"]}


def to_laea(geom: BaseGeometry) -> BaseGeometry:
    """Geometry in EPSG:3035 (metres, equal-area) for areas and lengths."""

    def project(coords: np.ndarray) -> np.ndarray:
        x, y = _TO_LAEA.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geom, project)


def test_regions_have_exact_codes_and_names() -> None:
    features = load(REGIONS)["features"]
    got = {
        f["properties"]["code"]: (
            f["properties"]["name_it"],
            f["properties"]["name_fr"],
            f["properties"]["name_en"],
            f["properties"]["country"],
        )
        for f in features
    }
    assert load(REGIONS)["type"] == "FeatureCollection"
    assert len(features) == 5
    assert got == EXPECTED_REGIONS


def test_eligible_area_has_expected_nuts3_units() -> None:
    features = load(ELIGIBLE)["features"]
    got = {
        f["properties"]["code"]: (f["properties"]["name"], f["properties"]["region"])
        for f in features
    }
    assert len(features) == len(EXPECTED_ELIGIBLE)
    assert got == EXPECTED_ELIGIBLE
    assert not {"ITI13", "ITI14", "ITI15", "ITI18", "ITI19"} & got.keys()


@pytest.mark.parametrize("path", [REGIONS, ELIGIBLE, BASEMAP], ids=lambda p: p.name)
def test_geometries_are_valid_wgs84(path: Path) -> None:
    for feature in load(path)["features"]:
        geom = shape(feature["geometry"])
        assert geom.is_valid, (feature["properties"], shapely.is_valid_reason(geom))
        assert not geom.is_empty
        minx, miny, maxx, maxy = geom.bounds
        assert minx >= -8.0 and maxx <= 28.0
        assert miny >= 30.0 and maxy <= 52.0


@pytest.mark.parametrize("path", [REGIONS, ELIGIBLE], ids=lambda p: p.name)
def test_boundaries_are_polygonal(path: Path) -> None:
    for geom in geometries(path).values():
        assert geom.geom_type in {"Polygon", "MultiPolygon"}


@pytest.mark.parametrize("code", sorted(OFFICIAL_AREA_KM2))
def test_region_area_within_two_percent_of_official(code: str) -> None:
    # The app's own measure (geo.regions), on the shipped file.
    measured = areas_km2(load_regions(REGIONS)[0])[code]
    official = OFFICIAL_AREA_KM2[code]
    assert abs(measured - official) / official < 0.02, (code, round(measured, 1), official)


@pytest.mark.parametrize("path", [REGIONS, ELIGIBLE], ids=lambda p: p.name)
def test_no_pairwise_overlaps(path: Path) -> None:
    projected = {code: to_laea(g) for code, g in geometries(path).items()}
    for (a, ga), (b, gb) in itertools.combinations(projected.items(), 2):
        overlap = ga.intersection(gb).area / 1e6
        assert overlap < MAX_OVERLAP_KM2, (a, b, overlap)


def test_toscana_and_liguria_share_a_border_without_gaps() -> None:
    regions = geometries(REGIONS)
    toscana, liguria = to_laea(regions["ITI1"]), to_laea(regions["ITC3"])
    shared = toscana.boundary.intersection(liguria.boundary)
    assert shared.length > 20_000  # metres of identical edge (Magra valley to Apennines)
    union = shapely.union(toscana, liguria)
    near_border = shared.buffer(2_000)
    closed = union.buffer(50).buffer(-50)
    gap = closed.difference(union).intersection(near_border)
    assert gap.area / 1e6 < MAX_OVERLAP_KM2


def test_imperia_and_alpes_maritimes_share_a_border() -> None:
    eligible = geometries(ELIGIBLE)
    imperia, alpes = to_laea(eligible["ITC31"]), to_laea(eligible["FRL03"])
    assert imperia.boundary.intersection(alpes.boundary).length > 30_000


@pytest.mark.parametrize("region", ["ITI1", "ITC3", "ITG2", "FRM0"])
def test_eligible_units_share_edges_with_their_region(region: str) -> None:
    members = [
        g
        for code, g in geometries(ELIGIBLE).items()
        if load_props(ELIGIBLE)[code]["region"] == region
    ]
    units = to_laea(shapely.union_all(members))
    outline = to_laea(geometries(REGIONS)[region])
    assert units.difference(outline).area / 1e6 < MAX_OVERLAP_KM2
    if region != "ITI1":  # Toscana's inland provinces are not eligible.
        assert outline.difference(units).area / 1e6 < MAX_OVERLAP_KM2


@pytest.mark.parametrize("place", sorted(PLACES))
def test_place_lies_in_expected_region_only(place: str) -> None:
    (lon, lat), expected = PLACES[place]
    point = Point(lon, lat)
    inside = {code for code, g in geometries(REGIONS).items() if g.contains(point)}
    assert inside == {expected}, place


@pytest.mark.parametrize(
    ("place", "eligible"),
    [
        ("Firenze", False),
        ("Pisa", True),
        ("Livorno", True),
        ("Portoferraio (Elba)", True),
        ("Genova", True),
        ("Cagliari", True),
        ("Bastia", True),
        ("Toulon", True),
    ],
)
def test_eligible_area_membership(place: str, eligible: bool) -> None:
    point = Point(*PLACES[place][0])
    assert any(g.contains(point) for g in geometries(ELIGIBLE).values()) is eligible


def test_nice_is_in_alpes_maritimes() -> None:
    assert geometries(ELIGIBLE)["FRL03"].contains(Point(7.26, 43.71))


@pytest.mark.parametrize(
    ("path", "limit"),
    [(REGIONS, MAX_BOUNDARY_BYTES), (ELIGIBLE, MAX_BOUNDARY_BYTES), (BASEMAP, MAX_BASEMAP_BYTES)],
    ids=lambda v: v.name if isinstance(v, Path) else str(v),
)
def test_files_are_small_compact_and_rounded(path: Path, limit: int) -> None:
    text = path.read_text(encoding="utf-8")
    assert path.stat().st_size <= limit
    assert "\n" not in text.strip() and ": " not in text[:200]
    assert not re.search(r"\d\.\d{6,}", text), "coordinates should be rounded to <= 5 decimals"


def test_basemap_has_land_and_border_layers() -> None:
    layers = [f["properties"]["layer"] for f in load(BASEMAP)["features"]]
    assert set(layers) == {"land", "border"}
    borders = geometries(BASEMAP, key="layer")["border"]
    assert borders.geom_type in {"LineString", "MultiLineString"}
    assert borders.length > 10  # degrees: FR-IT, FR-CH, IT-CH/AT/SI, DZ-TN...


@pytest.mark.parametrize(
    ("lon", "lat", "is_land"),
    [
        (10.31, 43.55, True),  # Livorno
        (5.40, 43.33, True),  # Marseille
        (12.50, 41.90, True),  # Roma
        (10.15, 36.80, True),  # Tunis
        (9.0, 43.0, False),  # Ligurian Sea
        (5.0, 40.0, False),  # Balearic Sea
    ],
)
def test_basemap_land_and_sea(lon: float, lat: float, is_land: bool) -> None:
    land = geometries(BASEMAP, key="layer")["land"]
    assert land.contains(Point(lon, lat)) is is_land
