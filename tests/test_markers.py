import json

from geo.filters import NOT_STATED
from geo.markers import (
    ECONOMY_COLORS,
    PointLayer,
    PopupText,
    economy_class,
    layer_payload,
    style_of,
)

TEXT = PopupText(
    labels={"not_stated": "not stated", "projects": "Projects"},
    kinds={"office": "Office", "partner": "Partner", "enterprise": "Enterprise"},
    projects={"festa": "FESTA – Feste <&>"},
    economy={"green": "Green"},
    certification={"certified": "certified", "in_certification": "in progress", NOT_STATED: "?"},
    precision={"address": "address", "municipality": "town centre"},
    regions={"ITI1": "Toscana", "ITG2": "Sardegna", "FRL05": "Var"},
)


def strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def test_every_text_from_data_is_escaped(points) -> None:
    payload = layer_payload(points, TEXT)
    texts = [s for key, v in payload.items() if key != "styles" for s in strings(v)]
    assert all("<" not in s and ">" not in s for s in texts)
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in texts
    assert "FESTA – Feste &lt;&amp;&gt;" in payload["projects"]


def test_rows_index_the_tables(points) -> None:
    payload = layer_payload(points, TEXT)
    row_b = payload["rows"][1]
    assert row_b[:2] == [0.5, 2.5]  # lat, lon
    assert payload["kinds"][row_b[4]] == "Enterprise"
    assert [payload["projects"][i] for i in row_b[5]] == ["FESTA – Feste &lt;&amp;&gt;"]
    assert [payload["economy"][i] for i in row_b[6]] == ["Green"]
    assert payload["certification"][row_b[7]] == "certified"
    assert payload["regions"][row_b[12]] == "Sardegna"
    assert payload["rows"][3][12] == -1  # no region


def test_styles_are_shared_between_points(points) -> None:
    payload = layer_payload(points, TEXT)
    assert len(payload["styles"]) == 4
    assert payload["rows"][2][2] != payload["rows"][1][2]


def test_economy_class() -> None:
    assert economy_class([]) == NOT_STATED
    assert economy_class(["blue"]) == "blue"
    assert economy_class(["blue", "green"]) == "several"


def test_style_of() -> None:
    assert style_of("office", [], "").shape == "square"
    enterprise = style_of("enterprise", ["green"], "certified")
    assert enterprise.color == ECONOMY_COLORS["green"] and "fa-certificate" in enterprise.html()
    assert "fa-hourglass-half" in style_of("enterprise", [], "in_certification").html()


def test_point_layer_renders_payload_as_json(points) -> None:
    import folium

    fmap = folium.Map(tiles=None)
    group = folium.FeatureGroup().add_to(fmap)
    PointLayer(layer_payload(points, TEXT), attribution="GeoNames").add_to(group)
    html = fmap.get_root().render()
    assert "L.markerClusterGroup(" in html and '"GeoNames"' in html
    start = html.index("})(") + 3
    payload = json.loads(html[start : html.index(");", start)])
    assert len(payload["rows"]) == 4
