import json
import re

import folium
import pandas as pd
import pytest

from geo.basemap import offline_basemap
from geo.gazetteer import Place
from geo.i18n import translator
from geo.legend import Section as LegendSection
from geo.legend import legend_html, swatch
from geo.mapview import (
    REGION_COLORS,
    base_map,
    embedded_layers,
    legend_sections,
    region_shapes,
    standalone,
    view_layers,
)

LAND = {"type": "FeatureCollection", "features": []}


def render(fmap: folium.Map) -> str:
    return fmap.get_root().render()


@pytest.fixture
def fmap(square_regions, square_eligible) -> folium.Map:
    return base_map(
        square_regions,
        translator("fr"),
        basemap={"url": "/land"},
        eligible_area={"data": json.loads(square_eligible.to_json())},
        shapes={"data": region_shapes(square_regions, "fr")},
    )


@pytest.fixture
def page(fmap, square_regions, points, catalogue) -> str:
    layers = embedded_layers(points, square_regions, catalogue, "fr", translator("fr"))
    return render(standalone(fmap, layers))


def test_page_loads_nothing_from_a_cdn(page: str) -> None:
    scripts = re.findall(r'<script[^>]*\ssrc="([^"]+)"', page)
    styles = re.findall(r'<link[^>]*\shref="([^"]+)"', page)
    links = scripts + styles
    assert links
    assert all(link.startswith("/app/static/") for link in links), links
    assert "vendor/map/map.js" in page


def test_regions_in_chosen_language(page: str) -> None:
    assert "Toscane" in page and "Sardaigne" in page
    assert json.dumps("Régions de la coopération")[1:-1] in page


def test_each_region_has_its_colour(page: str) -> None:
    for color in REGION_COLORS.values():
        assert color in page


def test_region_colours_are_distinct() -> None:
    assert len(set(REGION_COLORS.values())) == 5


def test_map_has_max_zoom_for_clusters(fmap: folium.Map) -> None:
    assert fmap.options["maxZoom"] == 18


def test_osm_and_eligible_area_offered_but_not_shown(fmap: folium.Map) -> None:
    hidden = [c for c in fmap._children.values() if getattr(c, "show", True) is False]
    names = {c.layer_name for c in hidden}
    assert names == {"OpenStreetMap", "Zone éligible du programme"}


def test_data_text_is_escaped(page: str) -> None:
    assert "<img src=x" not in page and "\\u003cimg src=x" not in page


def test_view_fits_the_places_kept_or_the_whole_area(square_regions, points, catalogue) -> None:
    _ = translator("en")
    whole = render_view(embedded_layers(points, square_regions, catalogue, "en", _))
    assert "[[0.0, 0.0], [1.0, 5.0]]" in whole  # every place kept: the five regions
    empty = render_view(embedded_layers(points.iloc[:0], square_regions, catalogue, "en", _))
    assert "[[0.0, 0.0], [1.0, 5.0]]" in empty
    keep = pd.Series(True, index=points.index)
    keep.iloc[-1] = False
    kept = points[keep]
    some = render_view(view_layers(points, keep, {"url": "/p"}, square_regions, catalogue, "en", _))
    south, west = float(kept["lat"].min()), float(kept["lon"].min())
    north, east = float(kept["lat"].max()), float(kept["lon"].max())
    assert f"[[{south}, {west}], [{north}, {east}]]" in some


def test_view_holds_the_regions_chosen_whole_and_outlines_them(
    square_regions, points, catalogue
) -> None:
    _ = translator("en")
    code = square_regions["code"].iloc[4]  # the square from 4° to 5° east
    keep = pd.Series(False, index=points.index)
    keep.iloc[0] = True
    place = points.iloc[0]
    view = render_view(
        view_layers(points, keep, {"url": "/p"}, square_regions, catalogue, "en", _, (code,))
    )
    lat, lon = float(place["lat"]), float(place["lon"])
    bounds = [[min(lat, 0.0), min(lon, 4.0)], [max(lat, 1.0), max(lon, 5.0)]]
    assert json.dumps(bounds) in view
    assert re.search(r'\(map_\w+, "code", \["' + code + r'"\]\);', view)  # the selection


def test_chosen_regions_are_restyled_by_the_regions_layer(page: str) -> None:
    assert '"color": "#1a1a1a", "fillOpacity": 0.5' in page
    assert 'on("mmselection"' in page


def render_view(layers: list[folium.FeatureGroup]) -> str:
    fmap = folium.Map(tiles=None)
    for layer in layers:
        layer.add_to(fmap)
    return render(fmap)


def test_legend_lists_only_drawn_classes(square_regions, points, catalogue) -> None:
    _ = translator("en")
    sections = {
        s.title: [label for _s, label in s.rows]
        for s in legend_sections(points, square_regions, catalogue, "en", _)
    }
    assert sections["Partners"] == ["Partner office", "Project partner"]
    assert sections["Enterprises: economy type"] == ["Green", "not stated"]
    assert sections["Enterprises: Quality Made"] == ["certified", "not stated"]
    only_partners = legend_sections(points.iloc[:1], square_regions, catalogue, "en", _)
    assert [label for _s, label in only_partners[1].rows] == ["Project partner"]
    assert only_partners[2].rows == [] and only_partners[3].rows == []


def test_linked_layers_load_when_first_shown(page: str) -> None:
    assert 'fetch("/land")' in page
    assert page.count('.once("add", function ()') == 3


def test_basemap_fetches_url_or_embeds_data() -> None:
    fetched = folium.Map(tiles=None)
    offline_basemap("land", url="/app/static/data/basemap.geojson").add_to(fetched)
    assert 'fetch("/app/static/data/basemap.geojson")' in render(fetched)
    embedded = folium.Map(tiles=None)
    offline_basemap("land", data=LAND).add_to(embedded)
    out = render(embedded)
    assert "fetch(" not in out and '"FeatureCollection"' in out


def test_basemap_needs_exactly_one_source() -> None:
    with pytest.raises(ValueError):
        offline_basemap("land")
    with pytest.raises(ValueError):
        offline_basemap("land", url="/a", data=LAND)


def test_legend_escapes_text() -> None:
    out = legend_html("<b>", [LegendSection("<i>", [(swatch("#123456"), "<img src=x>")])])
    assert "<img" not in out and "&lt;img" in out and "&lt;b&gt;" in out and "&lt;i&gt;" in out


def test_legend_skips_empty_sections() -> None:
    out = legend_html("L", [LegendSection("Empty", []), LegendSection("Full", [("", "x")])])
    assert "Empty" not in out and "Full" in out


def test_a_town_searched_for_is_shown_with_its_name_as_text(
    square_regions, points, catalogue
) -> None:
    town = Place("{{7*7}}</script>", "", "Livorno", "LI", "Toscana", "IT", 10.31, 43.55)
    keep = pd.Series(True, index=points.index)
    layers = view_layers(
        points, keep, {"url": "/p"}, square_regions, catalogue, "en", translator("en"), spot=town
    )
    view = render_view(layers)
    assert '"lat": 43.55, "lon": 10.31, "name": "{{7*7}}\\u003c/script\\u003e", "zoom": 9' in view
    assert "label.textContent = spot.name" in view
