"""Hostile data and hostile links in a real browser: no script runs, no element is injected,
no request leaves the machine — on the page, in the map, popups, tooltips, the legend and the
one-file map opened from disk."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Frame, Page, expect

from tests.e2e.conftest import ARTIFACTS, Offline, start_app
from tests.e2e.test_explorer import (
    FILE_MARKERS,
    download,
    map_frame,
    markers_on_map,
    wait_for,
)
from tests.e2e.test_offline_map import MAP_FRAME, REGION_PATHS
from tests.test_no_template_injection import HOSTILE, MARKDOWN, hostile_folder

pytestmark = pytest.mark.e2e

#: A link whose every parameter carries markup (what a phishing link would try).
HOSTILE_LINK = {
    "lang": "en",
    "project": "[Log in](http://evil.example/login)",
    "region": '<img src="http://evil.example/r.png">',
    "kind": "<script>window.pwned=1</script>",
    "economy": "![x](http://evil.example/e.png)",
    "cert": "<a href=http://evil.example>certified</a>",
    "q": "",
}
#: A swapped point: a bad feature the maintainer must see (the rest is shown).
SWAPPED = {
    "type": "Feature",
    "id": "swapped",
    "geometry": {"type": "Point", "coordinates": [43.7, 10.4]},
    "properties": {
        "name": "Swapped",
        "kind": "partner",
        "sources": ["https://example.org/s"],
    },
}


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = hostile_folder(tmp_path_factory.mktemp("hostile"))
    partners = json.loads((folder / "partners.geojson").read_text(encoding="utf-8"))
    partners["features"].append(SWAPPED)
    (folder / "partners.geojson").write_text(json.dumps(partners), encoding="utf-8")
    url, proc = start_app({"MARITTIMO_DATA_DIR": str(folder), "MARITTIMO_MAINTAINER": "1"})
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def assert_nothing_ran(page: Page, frame: Frame, dialogs: list[str]) -> None:
    for context in (page, frame):
        assert context.evaluate("() => window.pwned") is None
        injected = context.evaluate(
            """() => [
                ...document.querySelectorAll('[onerror], img[src="x"], [src*="evil"],'
                    + ' [href*="evil"]'),
                ...[...document.querySelectorAll("script")]
                    .filter((e) => e.textContent.includes("window.pwned=1")),
            ].map((e) => e.outerHTML.slice(0, 200))"""
        )
        assert injected == []
    assert dialogs == []


def test_hostile_data_and_link_stay_text(
    page: Page, hostile_url: str, offline: Offline, tmp_path: Path
) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{hostile_url}/?{urlencode(HOSTILE_LINK)}")
    frame_locator = page.frame_locator(MAP_FRAME)
    expect(frame_locator.locator(REGION_PATHS)).to_have_count(5, timeout=30_000)
    wait_for(lambda: markers_on_map(page), len(HOSTILE))
    frame = map_frame(page)
    # The link's values: named as plain text, never rendered.
    notice = page.get_by_test_id("stMain").get_by_test_id("stText").first
    expect(notice).to_contain_text("project=[Log in](http://evil.example/login)")
    expect(notice).to_contain_text("kind=<script>window.pwned=1</script>")
    # The filters' pills (Streamlit reads Markdown there): the economy types as written.
    pills = page.get_by_test_id("stSidebar").get_by_test_id("stButtonGroup")
    for name in MARKDOWN:
        expect(pills.get_by_role("button", name=name, exact=True)).to_be_visible()
    expect(pills.locator("img, a, .stMarkdownColoredText")).to_have_count(0)
    # Legend and region tooltips: the region names as written.
    legend = frame_locator.locator(".mm-legend")
    for name in HOSTILE[:5]:
        expect(legend).to_contain_text(name)
    frame_locator.locator(REGION_PATHS).nth(0).hover(force=True)  # Toscana, in view
    tooltip = frame_locator.locator(".leaflet-tooltip")
    expect(tooltip).to_be_visible()
    assert tooltip.inner_text() in HOSTILE[:5]
    # Popups: every text field literal (spiderfied or not, open each marker's popup).
    for i, text in enumerate(HOSTILE):
        frame.evaluate("() => window.map.closePopup()")
        expect(frame_locator.locator(".leaflet-popup-content")).to_have_count(0)
        assert frame.evaluate(OPEN_POPUP, f"h{i}")
        popup = frame_locator.locator(".leaflet-popup-content")
        expect(popup.locator("h4")).to_have_text(text)
        expect(popup).to_contain_text(text)
    page.screenshot(path=str(ARTIFACTS / "hostile.png"))
    # The maintainer's list of problems names the swapped feature.
    page.get_by_text("Data problems").click()
    expect(page.get_by_text("latitude and longitude look swapped")).to_be_visible()
    # Downloads: the CSV holds the names as text.
    csv_text = download(page, "Download CSV").decode("utf-8-sig")
    assert '"{{ ""ev"" ~ ""aluated"" }}"' in csv_text and "{{7*7}}" in csv_text
    assert_nothing_ran(page, frame, dialogs)
    # The one-file map, opened from disk.
    saved = tmp_path / "map.html"
    saved.write_bytes(download(page, "Download the map (one HTML file, works offline)"))
    page.goto(saved.as_uri())
    expect(page.locator(REGION_PATHS)).to_have_count(5, timeout=20_000)
    expect(page.locator(".mm-legend")).to_contain_text(HOSTILE[0])
    wait_for(lambda: page.evaluate(FILE_MARKERS), len(HOSTILE))
    assert page.evaluate(OPEN_POPUP_FILE, "h1")
    expect(page.locator(".leaflet-popup-content h4")).to_have_text(HOSTILE[1])
    assert_nothing_ran(page, page.main_frame, dialogs)
    assert offline.blocked == [] and offline.page_errors == []


#: Shows the place with this id and opens its popup (geo/web/points.js, openId).
OPEN_POPUP = """(id) => window.feature_group.filter((g) => window.map.hasLayer(g))
    .flatMap((g) => g.getLayers()).some((layer) => layer.openId && layer.openId(id))"""
OPEN_POPUP_FILE = """(id) => Object.values(window).filter((v) => v && v.mm && v.mm.ready)
    .some((layer) => layer.openId(id))"""
