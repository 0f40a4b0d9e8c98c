"""Shared fixtures: small regions built in code, so unit tests do not depend on data files."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import box

from geo.regions import REGION_CODES

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
