import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Polygon, box

from geo.load import load_areas, place_in_areas
from geo.paths import data_dir
from geo.regions import (
    REGION_CODES,
    areas_km2,
    load_regions,
    locate,
    region_at,
    region_names,
    shore,
)


def write(frame: gpd.GeoDataFrame, path: Path) -> Path:
    path.write_text(frame.to_json())
    return path


def test_load_orders_regions_for_the_legend(square_regions, tmp_path: Path) -> None:
    shuffled = square_regions.iloc[::-1]
    loaded, problems = load_regions(write(shuffled, tmp_path / "r.geojson"))
    assert tuple(loaded["code"]) == REGION_CODES and problems == []


def test_missing_region_is_said_and_the_others_kept(square_regions, tmp_path: Path) -> None:
    path = write(square_regions.iloc[:4], tmp_path / "four.geojson")
    loaded, problems = load_regions(path)
    assert len(loaded) == 4
    assert [str(p) for p in problems] == [f"{path}: error: regions missing: ['FRL05']"]


def test_region_that_is_not_a_cooperation_region_is_left_out(
    square_regions, tmp_path: Path
) -> None:
    path = write(square_regions.assign(code=[*REGION_CODES[:4], "FRL03"]), tmp_path / "r.geojson")
    loaded, problems = load_regions(path)
    assert "FRL03" not in set(loaded["code"])
    assert "not cooperation regions, left out: ['FRL03']" in str(problems[0])


def test_region_without_names_is_named_and_left_out(square_regions, tmp_path: Path) -> None:
    path = write(square_regions.drop(columns="name_fr"), tmp_path / "r.geojson")
    loaded, problems = load_regions(path)
    assert loaded.empty
    assert "feature 'ITI1' (#0): error: missing name_fr" in str(problems[0])


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "invalid JSON: Expecting value at line 1 column 1"),
        (b'{"type": "FeatureCollection", "features": [', "invalid JSON: Expecting value"),
        (b'{"type": "FeatureCollection"}', "not a GeoJSON FeatureCollection"),
        (b"[1, 2]", "not a GeoJSON FeatureCollection"),
    ],
)
def test_broken_regions_file_gives_no_regions_and_a_reason(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "regions.geojson"
    path.write_bytes(content)
    loaded, problems = load_regions(path)
    assert loaded.empty and list(loaded.columns)[:1] == ["code"]
    assert str(problems[0]).startswith(f"{path}: error: {reason}")


def test_bad_geometry_costs_its_region_only(square_regions, tmp_path: Path) -> None:
    data = json.loads(square_regions.to_json())
    data["features"][2]["geometry"] = {"type": "Polygon", "coordinates": "nope"}
    path = tmp_path / "r.geojson"
    path.write_text(json.dumps(data))
    loaded, problems = load_regions(path)
    assert "ITG2" not in set(loaded["code"]) and len(loaded) == 4
    assert "feature 'ITG2' (#2): geometry: error: bad geometry" in str(problems[0])


def test_load_is_wgs84(square_regions, tmp_path: Path) -> None:
    data = json.loads(square_regions.to_json())
    data.pop("crs", None)
    path = tmp_path / "r.geojson"
    path.write_text(json.dumps(data))
    assert load_regions(path)[0].crs.to_epsg() == 4326


def test_locate_in_no_regions_is_nowhere(square_regions) -> None:
    codes = locate(square_regions.iloc[:0], pd.Series([0.5]), pd.Series([0.5]))
    assert codes.tolist() == [None]


def test_region_names_per_language(square_regions) -> None:
    assert region_names(square_regions, "fr")["FRM0"] == "Corse"
    assert region_names(square_regions, "en")["ITI1"] == "Tuscany"


def test_areas_are_equal_area_km2(square_regions) -> None:
    areas = areas_km2(square_regions)
    # A 1°×1° cell at the equator is about 12,300 km².
    assert all(12_000 < a < 12_500 for a in areas.values())


def test_locate(square_regions) -> None:
    lon = pd.Series([0.5, 2.5, 4.5, 10.0], index=[10, 11, 12, 13])
    lat = pd.Series([0.5, 0.5, 0.5, 0.5], index=[10, 11, 12, 13])
    codes = locate(square_regions, lon, lat)
    assert codes.to_dict() == {10: "ITI1", 11: "ITG2", 12: "FRL05", 13: None}


def test_locate_on_shared_border_gives_one_region(square_regions) -> None:
    codes = locate(square_regions, pd.Series([1.0]), pd.Series([0.5]))
    assert len(codes) == 1


def test_locate_snaps_from_the_sea_onto_a_coast_only(square_regions) -> None:
    """~500 m north of the squares: at sea, snapped onto the nearest square; on land (a big
    square of land north of the first two), left outside: that side is a land border."""
    lon, lat = pd.Series([0.5, 2.5, 0.5]), pd.Series([1.0045, 1.0045, 1.5])
    assert locate(square_regions, lon, lat).tolist() == [None, None, None]
    land = box(-1, -1, 2, 3).union(box(2, 0, 5, 1))  # the squares, and land north of two
    found = shore(square_regions, land)
    assert locate(square_regions, lon, lat, lambda: found).tolist() == [None, "ITG2", None]
    no_land = shore(square_regions, Polygon())
    assert no_land is None  # without land to tell sea from land, nothing is snapped


def test_a_click_chooses_the_region_drawn_there_and_the_sea_nothing(square_regions) -> None:
    assert region_at(square_regions, 2.5, 0.5) == square_regions["code"].iloc[2]
    assert region_at(square_regions, 2.5, 3.0) is None


def test_a_town_searched_for_is_placed_in_its_region_and_the_eligible_area() -> None:
    areas = load_areas(data_dir())[0]
    assert place_in_areas(areas, 9.4503, 42.7026) == ("FRM0", True)  # Bastia
    assert place_in_areas(areas, 11.2558, 43.7696) == ("ITI1", False)  # Firenze
    assert place_in_areas(areas, 7.2620, 43.7031) == (None, True)  # Nice (Alpes-Maritimes)
    assert place_in_areas(areas, 7.6869, 45.0703) == (None, False)  # Torino
