"""The page's logic without a browser (Streamlit's AppTest): every filter combination a planner
would try gives the same places in the headline, the counts and the table as the library."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo import assets
from geo.filters import Filters, mask, to_query
from geo.load import load_dataset
from ui.share import SHARE_KEY
from ui.yours import ADDER_KEY, KIND

ROOT = Path(__file__).resolve().parent.parent
DATASET = load_dataset(ROOT / "data")

COMBINATIONS = [
    Filters(**{name: value for name, value in combo if value})
    for combo in itertools.product(
        [("projects", ()), ("projects", ("festa",)), ("projects", ("smartic", "tiramisu"))],
        [("regions", ()), ("regions", ("ITC3",)), ("regions", ("ITG2", "FRM0"))],
        [("kinds", ()), ("kinds", ("enterprise",)), ("kinds", ("office", "partner"))],
        [("cert", ()), ("cert", ("certified",)), ("cert", ("not-stated",))],
    )
] + [Filters(economy=("not-stated",)), Filters(economy=("green",)), Filters(q="coop")]


def run(query: dict[str, str]) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in query.items():
        app.query_params[key] = value
    return app.run()


def places_rows(app: AppTest) -> int:
    """Rows of the table of places shown (the first HTML table of places)."""
    tables = [h.proto.body for h in app.get("html") if 'class="mm-places"' in h.proto.body]
    return tables[0].split("<tbody>", 1)[1].count("<tr ") if tables else 0


def region_totals(app: AppTest) -> int:
    """The sum of the "Total" column of the places per region (an HTML table)."""
    [counts] = [h.proto.body for h in app.get("html") if "mm-counts" in h.proto.body][:1]
    by_region = counts.split("<section", 2)[1]  # the first of the two tables
    return sum(int(total) for total in re.findall(r"<td><b>(\d+)</b></td>", by_region))


@pytest.mark.parametrize("filters", COMBINATIONS, ids=lambda f: str(to_query(f)) or "all")
def test_table_and_counts_match_the_filters(filters: Filters) -> None:
    expected = int(mask(DATASET.points, filters).sum())
    app = run({**to_query(filters), "lang": "en"})
    assert not app.exception
    total = len(DATASET.points)
    assert f"**{expected}** of {total} places shown" in [m.value for m in app.markdown]
    assert places_rows(app) == expected
    assert region_totals(app) == expected
    if expected == 0:
        assert any("No place matches" in i.value for i in app.info)


def test_widgets_take_their_values_from_the_link() -> None:
    app = run({"project": "festa", "region": "ITG2,FRM0", "q": "agor", "lang": "fr"})
    assert app.multiselect(key="filter_projects").value == ["festa"]
    assert app.pills(key="filter_regions").value == ["ITG2", "FRM0"]
    assert app.text_input(key="filter_q").value == "agor"
    assert app.sidebar.selectbox[0].value == "fr"


def test_changing_a_filter_updates_the_link() -> None:
    app = run({"lang": "en"})
    app.pills(key="filter_kinds").set_value(["office"]).run()
    assert app.query_params["kind"] == "office"
    app.button[0].click().run()  # reset
    assert "kind" not in app.query_params


def test_map_component_gets_local_scripts_only() -> None:
    app = run({"lang": "en"})
    component = next(
        e for e in app.get("component_instance") if "streamlit_folium" in e.proto.component_name
    )
    args = component.proto.json_args
    # Leaflet, its plugins and our script: one bundle, one request from the map's frame.
    assert json.loads(args)["js_links"] == [f"/app/static/{assets.asset_path('leaflet')}"]
    assert "/app/static/vendor/map/map.js?v=" in args
    assert "cdn" not in args.lower()


def test_the_map_position_in_a_link_stays_until_a_filter_changes() -> None:
    app = run({"project": "festa", "at": "8.5/42.1/9.2"})
    assert app.query_params["at"] == "8.5/42.1000/9.2000"
    assert not app.warning  # no "unknown values" notice
    assert not app.text  # the share panel is closed: nothing of it is made
    app.session_state[SHARE_KEY] = True  # opened
    app.run()
    link, snippet = (t.value for t in app.text)  # the share link opens the same view
    assert "at=8.5%2F42.1000%2F9.2000&amp;present=1&amp;embed=true" in snippet
    assert link.endswith("/?project=festa&lang=it&at=8.5%2F42.1000%2F9.2000")
    app.pills(key="filter_kinds").set_value(["office"]).run()
    assert "at" not in app.query_params


def test_the_closed_boxes_are_not_made_and_keep_what_was_chosen() -> None:
    app = run({"lang": "en"})
    assert not app.file_uploader and not app.text  # share panel and upload box: closed
    app.session_state[ADDER_KEY] = True
    app.run()
    app.selectbox(key=KIND).set_value("partner").run()
    app.session_state[ADDER_KEY] = False
    app.run()
    assert not app.file_uploader
    app.session_state[ADDER_KEY] = True
    app.run()
    assert app.selectbox(key=KIND).value == "partner" and len(app.file_uploader) == 1
