import base64
import json
from html import escape

import folium
import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from geo.filters import NOT_STATED
from geo.markers import (
    ECONOMY_COLORS,
    SCALE,
    PointLayer,
    PopupText,
    _escaped,
    _escaped_lists,
    bitmask,
    economy_class,
    places_payload,
    style_of,
)

TEXT = PopupText(
    labels={"not_stated": "not stated", "projects": "Projects"},
    kinds={"office": "Office", "partner": "Partner", "enterprise": "Enterprise"},
    projects={"festa": "FESTA – Feste <&>"},
    short_projects={"festa": "FESTA"},
    statuses={"lead": "lead partner", "partner": "partner"},
    economy={"green": "Green"},
    certification={"certified": "certified", "in_certification": "in progress"},
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


def payload(points):
    return places_payload(points, ["festa"], ["green"])


def test_every_text_from_data_is_escaped(points) -> None:
    data = payload(points)
    texts = [s for key, v in data.items() if key not in ("styles", "id") for s in strings(v)]
    assert all("<" not in s and ">" not in s for s in texts)
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in data["name"]
    assert TEXT.escaped()["projects"]["festa"] == "FESTA – Feste &lt;&amp;&gt;"


def test_columns_index_the_id_lists(points) -> None:
    data = payload(points)
    assert data["n"] == 4
    assert (data["lat"][1], data["lon"][1]) == (0.5 * SCALE, 2.5 * SCALE)
    assert data["kinds"][data["kind"][1]] == "enterprise"
    assert [data["project_ids"][i] for i in data["projects"][1]] == ["festa"]
    assert [data["economy_ids"][i] for i in data["economy"][1]] == ["green"]
    assert data["certs"][data["cert"][1]] == "certified"
    assert data["cert"][0] == -1  # not stated
    assert data["regions"][data["region"][1]] == "ITG2"
    assert data["region"][3] == -1  # no region
    assert data["precisions"][data["precision"][0]] == "municipality"


def test_unknown_references_are_kept_by_id(points) -> None:
    """A project the catalogue lacks (it could not be read) still shows, by its id."""
    points.at[0, "projects"] = ["<odd>"]
    data = places_payload(points, [], [])
    assert data["project_ids"] == ["&lt;odd&gt;", "festa"]
    assert data["projects"][0] == [0]


def test_styles_are_shared_between_points(points) -> None:
    data = payload(points)
    assert len(data["styles"]) == 4
    assert data["style"][2] != data["style"][1]


def test_bitmask_keeps_exactly_the_chosen_places() -> None:
    keep = np.array([i % 3 == 0 for i in range(20)])
    bits = np.unpackbits(
        np.frombuffer(base64.b64decode(bitmask(keep)), np.uint8), bitorder="little"
    )
    assert bits[:20].tolist() == keep.astype(int).tolist()
    assert bitmask(pd.Series([True, True])) is None  # all: nothing to send


def test_economy_class() -> None:
    assert economy_class([]) == NOT_STATED
    assert economy_class(["blue"]) == "blue"
    assert economy_class(["blue", "green"]) == "several"


def test_style_of() -> None:
    assert style_of("office", [], "").shape == "square"
    enterprise = style_of("enterprise", ["green"], "certified")
    assert enterprise.color == ECONOMY_COLORS["green"] and "fa-certificate" in enterprise.html()
    assert "fa-hourglass-half" in style_of("enterprise", [], "in_certification").html()


def test_point_layer_sends_its_options_as_json(points) -> None:
    fmap = folium.Map(tiles=None)
    group = folium.FeatureGroup().add_to(fmap)
    PointLayer(
        {"url": "/places.json"}, bitmask(points["kind"] == "office"), TEXT, "GeoNames"
    ).add_to(group)
    html = fmap.get_root().render()
    start = html.index("MM.pointLayer(") + len("MM.pointLayer(")
    options = json.loads(html[start : html.index(");", start)])
    assert options["source"] == {"url": "/places.json"}
    assert options["attribution"] == "GeoNames"
    assert options["text"]["kinds"]["office"] == "Office"
    assert base64.b64decode(options["mask"]) == bytes([0b1000])


def test_participation_and_notes_travel_with_each_place(points) -> None:
    points["participation"] = [{"festa": "lead"}, {}, {}, {}]
    points["notes"] = [["listed in 2019"], [], ["<i>described</i> as"], []]
    points["economy_via"] = [["festa"], [], [], []]
    data = payload(points)
    assert data["statuses"][data["status"][0][0]] == "lead"
    assert data["status"][1] == [-1]  # in FESTA, how is not stated
    assert data["notes"][0] == ["listed in 2019"] and data["notes"][2] == [
        "&lt;i&gt;described&lt;/i&gt; as"
    ]
    assert [data["project_ids"][k] for k in data["via"][0]] == ["festa"]


@given(st.lists(st.one_of(st.none(), st.text())))
def test_column_escaping_is_html_escape(texts: list[str | None]) -> None:
    assert _escaped(texts) == [escape(t or "") for t in texts]


@given(st.lists(st.lists(st.text(alphabet="<>&\"'a é", max_size=6), max_size=3)))
def test_list_escaping_keeps_the_lists(lists: list[list[str]]) -> None:
    assert _escaped_lists(pd.Series(lists, dtype=object)) == [
        [escape(t) for t in items] for items in lists
    ]
