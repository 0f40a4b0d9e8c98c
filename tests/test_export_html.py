import json
import re
from pathlib import Path

import pytest

from geo import assets
from geo.export import map_file, one_file_html
from geo.i18n import translator
from geo.load import Areas, Dataset

LAND = {"type": "FeatureCollection", "features": []}


@pytest.fixture(scope="module")
def static_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("static")
    assets.install(folder)
    return folder


@pytest.fixture
def page(square_regions, square_eligible, points, catalogue, static_dir: Path) -> str:
    areas = Areas(square_regions, square_eligible)
    dataset = Dataset(points, points.iloc[:0], catalogue, areas, [], [])
    data = map_file(dataset, points, "it", translator("it"), basemap=LAND, static_dir=static_dir)
    return data.decode("utf-8")


def test_one_file_links_to_nothing(page: str) -> None:
    assert not re.findall(r"<script[^>]*\ssrc=|<link[^>]*stylesheet", page)
    assert "/app/static" not in page
    assert not re.findall(r"url\((?!data:|#|\"#)", page)


def test_one_file_has_map_scripts_styles_and_fonts(page: str) -> None:
    assert "Supercluster" in page and "window.L" in page  # Leaflet and the clustering
    assert "MM.pointLayer" in page  # the project's own script
    assert "data:font/woff2;base64," in page
    assert "data:image/png;base64," in page  # the layer control icon
    assert ".ttf" not in page


def test_one_file_embeds_shapes_and_points(page: str) -> None:
    assert '"url":' not in page  # nothing to fetch: all embedded
    assert json.dumps("Toscana") in page and "Place b" in page
    assert "<title>Marittimo Map</title>" in page


def test_one_file_holds_the_places_and_the_popup_words_once(page: str) -> None:
    assert page.count("Place b") == 1  # both point layers refer to one copy
    assert page.count("MM.share(") == 2  # the places, the words
    assert page.count('"shared": ') == 4  # each layer: its places and its words


def test_only_local_assets_can_be_inlined(static_dir: Path) -> None:
    with pytest.raises(ValueError, match="not a local asset"):
        one_file_html('<script src="https://x.org/a.js"></script>', static_dir, "/app/static")
