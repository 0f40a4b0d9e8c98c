"""Shared fixtures: small regions built in code, so unit tests do not depend on data files."""

from __future__ import annotations

import geopandas as gpd
import pytest
from hypothesis import settings
from shapely.geometry import box

from geo.regions import REGION_CODES

# Property tests draw the same examples on every run, so CI's verdict does not depend on
# chance; `pytest --hypothesis-profile=explore` draws new ones (and keeps what fails in
# .hypothesis/ to replay).
settings.register_profile("default", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile("default")

NAMES = {
    "ITI1": ("Toscana", "Toscane", "Tuscany", "IT"),
    "ITC3": ("Liguria", "Ligurie", "Liguria", "IT"),
    "ITG2": ("Sardegna", "Sardaigne", "Sardinia", "IT"),
    "FRM0": ("Corsica", "Corse", "Corsica", "FR"),
    "FRL05": ("Var", "Var", "Var", "FR"),
}


@pytest.fixture
def square_regions() -> gpd.GeoDataFrame:
    """Five 1°×1° squares side by side along the equator, one per region code."""
    rows = [
        {
            "code": code,
            "name_it": NAMES[code][0],
            "name_fr": NAMES[code][1],
            "name_en": NAMES[code][2],
            "country": NAMES[code][3],
            "geometry": box(i, 0, i + 1, 1),
        }
        for i, code in enumerate(REGION_CODES)
    ]
    return gpd.GeoDataFrame(rows, crs="EPSG:4326")


@pytest.fixture
def square_eligible(square_regions) -> gpd.GeoDataFrame:
    """The eligible area: the first three squares, as NUTS3-like units."""
    return square_regions.iloc[:3].assign(name=["A", "B", "C"])[["code", "name", "geometry"]]


def point(id_: str, lon: float, lat: float, **props: object) -> dict[str, object]:
    """A row as geo.load makes them (properties, lon/lat, derived region and eligible)."""
    row: dict[str, object] = {
        "id": id_,
        "name": f"Place {id_}",
        "kind": "enterprise",
        "projects": ["festa"],
        "economy": [],
        "certification": "",
        "address": "",
        "municipality": "Town",
        "location_precision": "municipality",
        "website": "",
        "description": "",
        "sources": ["https://example.org/s"],
        "source_date": "",
        "lon": lon,
        "lat": lat,
        "region": None,
        "eligible": False,
    }
    row.update(props)
    return row


@pytest.fixture
def points() -> gpd.GeoDataFrame:
    rows = [
        point("a", 0.5, 0.5, kind="partner", region="ITI1", eligible=True),
        point("b", 2.5, 0.5, certification="certified", economy=["green"], region="ITG2"),
        point("c", 4.5, 0.5, name='<img src=x onerror="alert(1)">', region="FRL05"),
        point("d", 9.0, 9.0, kind="office", projects=[]),
    ]
    frame = gpd.GeoDataFrame(rows)
    return frame.set_geometry(gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326")


@pytest.fixture
def catalogue():
    from geo.load import Catalogue
    from geo.schema import EconomyType, Project

    text = {"it": "Verde", "fr": "Verte", "en": "Green"}
    return Catalogue(
        projects=[
            Project(id="festa", short_name="FESTA", full_name="Feste", sources=["https://e.org"])
        ],
        economy_types=[
            EconomyType(id="green", label=text, description=text, sources=["https://e.org"])
        ],
    )
