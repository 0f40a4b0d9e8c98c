import json
import re

import folium
import pytest

from geo.basemap import OfflineBasemap
from geo.i18n import translator
from geo.legend import Legend, legend_html
from geo.mapview import REGION_COLORS, build_map

LAND = {"type": "FeatureCollection", "features": []}


def render(fmap: folium.Map) -> str:
    return fmap.get_root().render()


@pytest.fixture
def html(square_regions) -> str:
    return render(build_map(square_regions, "fr", translator("fr"), basemap_url="/land.json"))


def test_map_loads_nothing_from_a_cdn(html: str) -> None:
    links = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert links
    assert all(link.startswith("/app/static/") for link in links), links


def test_map_has_regions_in_chosen_language(html: str) -> None:
    assert "Toscane" in html and "Sardaigne" in html
    assert json.dumps("Régions de la coopération")[1:-1] in html


def test_each_region_has_its_colour(html: str) -> None:
    for color in REGION_COLORS.values():
        assert color in html


def test_region_colours_are_distinct() -> None:
    assert len(set(REGION_COLORS.values())) == 5


def test_osm_is_offered_but_not_shown(square_regions) -> None:
    fmap = build_map(square_regions, "en", translator("en"), basemap_url="/x")
    tiles = [c for c in fmap._children.values() if isinstance(c, folium.TileLayer)]
    assert len(tiles) == 1 and tiles[0].show is False


def test_map_fits_the_regions(square_regions) -> None:
    fmap = build_map(square_regions, "en", translator("en"), basemap_url="/x")
    fit = next(c for c in fmap._children.values() if isinstance(c, folium.FitBounds))
    assert fit.bounds == [[0.0, 0.0], [1.0, 5.0]]


def test_basemap_fetches_url_or_embeds_data() -> None:
    fetched = folium.Map(tiles=None)
    OfflineBasemap("land", url="/app/static/data/basemap.geojson").add_to(fetched)
    assert 'fetch("/app/static/data/basemap.geojson")' in render(fetched)
    embedded = folium.Map(tiles=None)
    OfflineBasemap("land", data=LAND).add_to(embedded)
    out = render(embedded)
    assert "fetch(" not in out and '"FeatureCollection"' in out


def test_basemap_needs_exactly_one_source() -> None:
    with pytest.raises(ValueError):
        OfflineBasemap("land")
    with pytest.raises(ValueError):
        OfflineBasemap("land", url="/a", data=LAND)


def test_legend_escapes_text() -> None:
    out = legend_html("<b>", [("#123456", '<img src=x onerror="alert(1)">')])
    assert "<img" not in out and "&lt;img" in out and "&lt;b&gt;" in out


def test_legend_is_a_map_control() -> None:
    fmap = folium.Map(tiles=None)
    Legend("Regions", [("#E69F00", "Toscana")]).add_to(fmap)
    out = render(fmap)
    assert "L.control(" in out and "Toscana" in out
