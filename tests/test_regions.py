import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from geo.regions import REGION_CODES, RegionsError, areas_km2, load_regions, locate, region_names


def write(frame: gpd.GeoDataFrame, path: Path) -> Path:
    path.write_text(frame.to_json())
    return path


def test_load_orders_regions_for_the_legend(square_regions, tmp_path: Path) -> None:
    shuffled = square_regions.iloc[::-1]
    loaded = load_regions(write(shuffled, tmp_path / "r.geojson"))
    assert tuple(loaded["code"]) == REGION_CODES


def test_load_rejects_missing_region(square_regions, tmp_path: Path) -> None:
    path = write(square_regions.iloc[:4], tmp_path / "four.geojson")
    with pytest.raises(RegionsError, match=r"four\.geojson.*FRL05|FRL05.*four"):
        load_regions(path)


def test_load_rejects_missing_names(square_regions, tmp_path: Path) -> None:
    path = write(square_regions.drop(columns="name_fr"), tmp_path / "r.geojson")
    with pytest.raises(RegionsError, match="name_fr"):
        load_regions(path)


def test_load_without_crs_assumes_wgs84(square_regions, tmp_path: Path) -> None:
    data = json.loads(square_regions.to_json())
    data.pop("crs", None)
    path = tmp_path / "r.geojson"
    path.write_text(json.dumps(data))
    assert load_regions(path).crs.to_epsg() == 4326


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


def test_locate_snaps_near_points_only_when_asked(square_regions) -> None:
    lon, lat = pd.Series([0.5, 0.5]), pd.Series([1.02, 1.5])  # ~2 km and ~55 km north of ITI1
    assert locate(square_regions, lon, lat).tolist() == [None, None]
    assert locate(square_regions, lon, lat, snap_km=5).tolist() == ["ITI1", None]
