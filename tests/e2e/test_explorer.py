"""The explorer as a planner uses it: links with filters, the map, the table, the downloads."""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import FloatRect, Frame, Locator, Page, expect

from tests.e2e.conftest import ARTIFACTS, Offline, choose, idle, shown
from tests.e2e.test_offline_map import MAP_FRAME, REGION_PATHS

pytestmark = pytest.mark.e2e

# streamlit-folium keeps every layer group it ever added in window.feature_group and takes
# the old ones off the map. Each point layer (geo/web/points.js) says how many places it
# holds once its places file is in: count those of the groups on the map.
COUNT_MARKERS = """() => (window.feature_group || []).filter((g) => window.map.hasLayer(g))
    .reduce((n, group) => n + group.getLayers().reduce((m, layer) =>
        m + (layer.mm && layer.mm.ready ? layer.mm.count : 0), 0), 0)"""


def map_frame(page: Page) -> Frame:
    """The map's frame, once its iframe has one (a new map, such as presentation mode's,
    replaces the iframe: for a moment it has none)."""
    deadline = time.monotonic() + 30
    while True:
        handle = page.locator(MAP_FRAME).element_handle(timeout=30_000)
        frame = handle.content_frame() if handle else None
        if frame is not None:
            return frame
        assert time.monotonic() < deadline, "the map's iframe has no frame"
        page.wait_for_timeout(200)


def wait_for(check: Callable[[], object], expected: object, timeout: float = 20) -> None:
    """Poll ``check`` until it returns ``expected`` (the map updates asynchronously)."""
    deadline = time.monotonic() + timeout
    value = check()
    while value != expected and time.monotonic() < deadline:
        time.sleep(0.2)
        value = check()
    assert value == expected


def settled_box(locator: Locator) -> FloatRect:
    """The element's box once the map has stopped moving (fitting the view is animated)."""
    previous, box = None, locator.bounding_box()
    while box != previous:
        time.sleep(0.3)
        previous, box = box, locator.bounding_box()
    assert box is not None
    return box


def markers_on_map(page: Page) -> int:
    """Places held by the map's point layers (-1 while the map's frame is being replaced)."""
    try:
        return map_frame(page).evaluate(COUNT_MARKERS)
    except PlaywrightError:  # the frame went away during the call: ask again
        return -1


def open_view(page: Page, url: str, expected_markers: int) -> None:
    page.goto(url)
    expect(page.frame_locator(MAP_FRAME).locator(REGION_PATHS)).to_have_count(5, timeout=30_000)
    wait_for(lambda: markers_on_map(page), expected_markers)


def query_of(page: Page) -> dict[str, list[str]]:
    """The query of the page's address. A Playwright call first: the sync API takes in the
    browser's events (an address changed by the app, the routes of the offline guard) only
    during its own calls, never during a plain ``time.sleep``."""
    page.wait_for_timeout(100)
    return parse_qs(urlparse(page.url).query)


def download(page: Page, label: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    return Path(info.value.path()).read_bytes()


@pytest.mark.parametrize(
    "query",
    [
        "project=festa",
        "project=festa&region=ITG2,FRM0",
        "region=ITG2",
        "kind=enterprise&region=ITC3",
        "cert=certified",
        "q=legacoop",
    ],
)
def test_link_with_filters_shows_those_places_and_downloads_them(
    page: Page, app_url: str, offline: Offline, query: str
) -> None:
    markers = shown(query)
    assert 0 < markers < shown()
    open_view(page, f"{app_url}/?{query}&lang=en", markers)
    expect(page.get_by_text(f"{markers} of {shown()} places shown")).to_be_visible()
    rows = list(csv.DictReader(io.StringIO(download(page, "Download CSV").decode("utf-8-sig"))))
    assert len(rows) == markers
    geojson = json.loads(download(page, "Download GeoJSON"))
    assert sorted(f["id"] for f in geojson["features"]) == sorted(r["id"] for r in rows)
    assert offline.blocked == [] and offline.page_errors == []


def test_csv_keeps_accents(page: Page, app_url: str) -> None:
    open_view(page, f"{app_url}/?q=cam%C3%B9&lang=en", 1)
    text = download(page, "Download CSV").decode("utf-8-sig")
    assert "Camù" in text


def test_filter_change_updates_map_and_url(page: Page, app_url: str, offline: Offline) -> None:
    open_view(page, f"{app_url}/?lang=en", shown())
    started = time.perf_counter()
    search = page.get_by_label("Search by name")
    search.fill("legacoop")
    search.press("Enter")
    wait_for(lambda: markers_on_map(page), shown("q=legacoop"))
    print(f"filter change -> map updated: {time.perf_counter() - started:.2f} s")
    wait_for(lambda: query_of(page).get("q"), ["legacoop"])
    page.screenshot(path=str(ARTIFACTS / "filtered.png"))
    page.reload()  # the URL alone reproduces the view
    wait_for(lambda: markers_on_map(page), shown("q=legacoop"))
    expect(page.get_by_label("Search by name")).to_have_value("legacoop")
    page.get_by_role("button", name="Reset filters").click()
    wait_for(lambda: markers_on_map(page), shown())
    assert "q" not in query_of(page)
    assert offline.blocked == []


#: A point of the region path ``nth`` that shows on the map and that a click reaches (not
#: under a marker, a control or the edge), in page coordinates; null when none.
REGION_POINT = """([nth, left, top]) => {
    const path = document.querySelectorAll("path.leaflet-interactive")[nth];
    const map = document.querySelector(".leaflet-container").getBoundingClientRect();
    const box = path.getBoundingClientRect();
    const x0 = Math.max(box.left, map.left + 60), x1 = Math.min(box.right, map.right - 60);
    const y0 = Math.max(box.top, map.top + 60), y1 = Math.min(box.bottom, map.bottom - 40);
    for (let fy = 0.5; fy < 1; fy += 0.07) for (const sy of [1, -1])
        for (let fx = 0.5; fx < 1; fx += 0.07) for (const sx of [1, -1]) {
            const x = x0 + (x1 - x0) * (0.5 + sx * (fx - 0.5));
            const y = y0 + (y1 - y0) * (0.5 + sy * (fy - 0.5));
            if (document.elementFromPoint(x, y) === path) return [x + left, y + top];
        }
    return null;
}"""


def click_region(page: Page, nth: int, clicks: int = 1) -> None:
    """Click region ``nth`` (Tuscany, Liguria, Sardinia, Corsica, Var) where it shows,
    zooming out first (as a person would) when it does not; ``clicks=2``: a double-click."""
    frame = page.locator(MAP_FRAME).bounding_box()
    assert frame is not None
    for _ in range(4):
        settled_box(page.frame_locator(MAP_FRAME).locator(REGION_PATHS).nth(nth))
        point = map_frame(page).evaluate(REGION_POINT, [nth, frame["x"], frame["y"]])
        if point is not None:
            page.mouse.click(*point, click_count=clicks)
            return
        page.frame_locator(MAP_FRAME).locator(".leaflet-control-zoom-out").click()
    raise AssertionError(f"region {nth} is not in view")


def test_region_clicks_add_and_take_out_regions(page: Page, app_url: str) -> None:
    open_view(page, f"{app_url}/?lang=en&kind=office,partner", shown("kind=office,partner"))
    click_region(page, 2)  # Sardinia
    wait_for(lambda: query_of(page).get("region"), ["ITG2"])
    wait_for(lambda: markers_on_map(page), shown("kind=office,partner&region=ITG2"))
    frame = page.frame_locator(MAP_FRAME)
    sardinia = frame.locator(REGION_PATHS).nth(2)
    # The region chosen is outlined, the others dimmed; a click draws no focus box.
    expect(sardinia).to_have_attribute("stroke", "#1a1a1a")
    expect(frame.locator(REGION_PATHS).nth(0)).to_have_attribute("fill-opacity", "0.12")
    assert sardinia.evaluate("(p) => getComputedStyle(p).outlineStyle") == "none"
    page.screenshot(path=str(ARTIFACTS / "region-chosen.png"))
    click_region(page, 3)  # Corsica, added
    wait_for(lambda: query_of(page).get("region"), ["ITG2,FRM0"])
    wait_for(lambda: markers_on_map(page), shown("kind=office,partner&region=ITG2,FRM0"))
    click_region(page, 2)  # Sardinia again: taken out
    wait_for(lambda: query_of(page).get("region"), ["FRM0"])
    expect(sardinia).not_to_have_attribute("stroke", "#1a1a1a")
    page.get_by_role("button", name="Reset filters").click()
    wait_for(lambda: query_of(page).get("region"), None)
    click_region(page, 3)  # after a reset, the same region again
    wait_for(lambda: query_of(page).get("region"), ["FRM0"])


def test_a_double_click_zooms_and_chooses_no_region(page: Page, app_url: str) -> None:
    open_view(page, f"{app_url}/?lang=en&kind=office,partner", shown("kind=office,partner"))
    zoom = map_frame(page).evaluate("() => map.getZoom()")
    click_region(page, 2, clicks=2)  # Sardinia
    wait_for(lambda: map_frame(page).evaluate("() => map.getZoom()") > zoom, True)
    page.wait_for_timeout(1000)  # past streamlit-folium's 250 ms and a run, had one started
    assert "region" not in query_of(page)
    click_region(page, 2)  # a single click still chooses it
    wait_for(lambda: query_of(page).get("region"), ["ITG2"])


def test_empty_result_says_so(page: Page, app_url: str) -> None:
    open_view(page, f"{app_url}/?lang=en&q=zzzz", 0)
    expect(page.get_by_text("No place matches these filters")).to_be_visible()
    expect(page.frame_locator(MAP_FRAME).locator(REGION_PATHS)).to_have_count(5)


def test_unknown_values_in_link_are_ignored_with_a_notice(page: Page, app_url: str) -> None:
    open_view(page, f"{app_url}/?lang=en&project=festa,nope&region=XX9", shown("project=festa"))
    expect(page.get_by_text("Some values in the link are unknown")).to_be_visible()
    notice = page.get_by_test_id("stMain").get_by_test_id("stText").first
    expect(notice).to_have_text("project=nope, region=XX9")


def test_popup_says_who_where_what(page: Page, app_url: str) -> None:
    open_view(page, f"{app_url}/?lang=en&q=itinera", 1)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(".mm-marker").first.click()
    popup = frame.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Itinera Progetti e Ricerche Cooperativa Sociale")
    expect(popup).to_contain_text("via Borra, Livorno")
    expect(popup).to_contain_text("placed at the town centre")
    expect(popup).to_contain_text("FESTA – Feste Enogastronomia")
    expect(popup).to_contain_text("Tuscany · eligible area")
    expect(popup.locator('a[target="_blank"]').first).to_have_attribute(
        "rel", "noopener noreferrer"
    )
    page.screenshot(path=str(ARTIFACTS / "popup.png"))


def test_map_as_one_file_works_offline(
    page: Page, app_url: str, offline: Offline, tmp_path: Path
) -> None:
    open_view(page, f"{app_url}/?lang=fr&region=ITC3", shown("region=ITC3"))
    saved = tmp_path / "map.html"
    saved.write_bytes(download(page, "Télécharger la carte (un fichier HTML, hors ligne)"))
    page.goto(saved.as_uri())  # no server, and every non-local request aborted
    expect(page.locator("path.leaflet-interactive")).to_have_count(5, timeout=20_000)
    wait_for(lambda: page.evaluate(FILE_MARKERS), shown("region=ITC3"))
    expect(page.locator(".mm-legend")).to_contain_text("Ligurie")
    page.screenshot(path=str(ARTIFACTS / "one-file.png"))
    assert offline.blocked == [] and offline.page_errors == []


FILE_MARKERS = """() => Object.values(window).filter((v) => v && v.mm && v.mm.ready)
    .reduce((n, layer) => n + layer.mm.count, 0)"""


@pytest.mark.parametrize("page", [{"width": 1920, "height": 1080}], indirect=True)
def test_presentation_mode_is_a_clean_full_view_with_a_qr_code(
    page: Page, app_url: str, offline: Offline
) -> None:
    open_view(page, f"{app_url}/?lang=it&project=festa&present=1", shown("project=festa"))
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_text("Inquadra per aprire questa vista")).to_be_visible()
    qr = page.get_by_role("img", name="Inquadra per aprire questa vista")
    expect(qr).to_be_visible()
    qr_box = qr.bounding_box()
    assert qr_box is not None and qr_box["width"] >= 200 and qr_box["height"] == qr_box["width"]
    box = page.locator(MAP_FRAME).bounding_box()
    assert box is not None and box["width"] > 1400 and box["height"] >= 1030  # of 1080
    leaflet = page.frame_locator(MAP_FRAME).locator(".leaflet-container").bounding_box()
    assert leaflet is not None and leaflet["height"] >= 1000
    assert query_of(page)["present"] == ["1"]
    page.screenshot(path=str(ARTIFACTS / "presentation.png"))
    page.get_by_role("button", name="Esci dalla presentazione").click()
    wait_for(lambda: "present" in query_of(page), False)
    assert query_of(page)["project"] == ["festa"]
    assert offline.blocked == []


def test_share_shows_the_link_of_the_view(page: Page, app_url: str) -> None:
    open_view(page, f"{app_url}/?lang=en&region=ITG2", shown("region=ITG2"))
    page.get_by_text("Share this view").click()
    expect(page.get_by_role("img", name="Scan to open this view")).to_be_visible()
    link = page.get_by_test_id("stSidebar").get_by_test_id("stText").first
    expect(link).to_contain_text("region=ITG2")
    page.get_by_role("button", name="Presentation mode").click()
    wait_for(lambda: query_of(page).get("present"), ["1"])
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()


def test_an_italian_planner_gets_a_csv_for_italian_excel(page: Page, app_url: str) -> None:
    query = "region=ITC3&project=festa"
    open_view(page, f"{app_url}/?lang=it&{query}", shown(query))
    with page.expect_download() as info:
        page.get_by_role("button", name="Scarica CSV").click()
    assert info.value.suggested_filename == "marittimo-festa-liguria.csv"
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert len(rows) == shown(query)
    assert {"Nome", "Tipo", "Comune", "Regione", "Progetti", "Latitudine", "id"} <= set(rows[0])
    assert rows[0]["Regione"] == "Liguria" and "," in rows[0]["Latitudine"]


def test_the_link_keeps_where_the_map_was_moved(page: Page, app_url: str) -> None:
    open_view(page, f"{app_url}/?lang=en&project=festa", shown("project=festa"))
    frame = map_frame(page)
    leaflet = page.frame_locator(MAP_FRAME).locator(".leaflet-container")
    settled_box(leaflet.locator(REGION_PATHS).first)
    box = leaflet.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + 600, box["y"] + 300)
    page.mouse.down()
    page.mouse.move(box["x"] + 400, box["y"] + 200, steps=8)
    page.mouse.up()
    wait_for(lambda: bool(query_of(page).get("at")), True)
    at = query_of(page)["at"][0]
    assert query_of(page)["project"] == ["festa"]
    centre = frame.evaluate("() => [map.getZoom(), map.getCenter().lat, map.getCenter().lng]")
    # Opened again from that link: the same view, not the fitted one.
    open_view(page, page.url, shown("project=festa"))
    again = map_frame(page).evaluate(
        "() => [map.getZoom(), map.getCenter().lat, map.getCenter().lng]"
    )
    assert again == pytest.approx(centre, abs=1e-3)
    assert query_of(page)["at"] == [at]
    # A new filter fits the map to what it keeps, and the old position leaves the link.
    page.get_by_role("button", name="Reset filters").click()
    wait_for(lambda: markers_on_map(page), shown())
    wait_for(lambda: query_of(page).get("at"), None)


MAP_VIEW = "() => [map.getZoom(), map.getCenter().lat, map.getCenter().lng]"


def test_a_town_is_found_offline_and_shown(page: Page, app_url: str, offline: Offline) -> None:
    open_view(page, f"{app_url}/?lang=fr", shown())
    sidebar = page.get_by_test_id("stSidebar")
    field = sidebar.get_by_label("Aller à une commune")
    field.fill("Bastia")
    field.press("Enter")
    idle(page)
    # Two towns of that name: the visitor says which one.
    choose(page, sidebar.get_by_label("Laquelle ?"), "Bastia (Haute-Corse, Corse)")
    frame = map_frame(page)
    wait_for(lambda: round(frame.evaluate(MAP_VIEW)[0]), 9)  # as close as the coast is drawn
    lat, lon = frame.evaluate(MAP_VIEW)[1:]
    assert lat == pytest.approx(42.70, abs=0.05) and lon == pytest.approx(9.45, abs=0.05)
    expect(page.frame_locator(MAP_FRAME).locator(".mm-spot")).to_have_text("Bastia")
    # Whether it may take part in the programme: the question a planner asks of a place.
    expect(sidebar.locator(".mm-verdict")).to_have_text(
        "Bastia (Haute-Corse, Corse) : dans la zone éligible du programme (Corse)."
    )
    page.screenshot(path=str(ARTIFACTS / "town.png"))
    field.fill("Livourne")  # the French name of Livorno
    field.press("Enter")
    wait_for(lambda: [round(v, 1) for v in map_frame(page).evaluate(MAP_VIEW)[1:]], [43.5, 10.3])
    spot = page.frame_locator(MAP_FRAME).locator(".mm-spot")
    expect(spot).to_have_count(1)  # Bastia's fades out
    expect(spot).to_have_text("Livorno")
    field.fill("Firenze")
    field.press("Enter")
    expect(sidebar.locator(".mm-verdict")).to_have_text(
        "Firenze (Firenze, Toscana) : Toscane, mais hors de la zone éligible du programme."
    )
    field.fill("")
    field.press("Enter")
    expect(spot).to_have_count(0)
    assert offline.blocked == []


def test_a_row_of_the_table_shows_its_place_on_the_map(page: Page, app_url: str) -> None:
    open_view(page, f"{app_url}/?lang=en&q=itinera", 1)
    row = page.locator("table.mm-places tbody tr").first
    expect(row).to_contain_text("Itinera Progetti e Ricerche")
    settled_box(page.frame_locator(MAP_FRAME).locator(REGION_PATHS).first)  # the fit is over
    row.click()
    popup = page.frame_locator(MAP_FRAME).locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Itinera Progetti e Ricerche Cooperativa Sociale")
    zoom, lat, lon = map_frame(page).evaluate(MAP_VIEW)
    assert (
        zoom >= 10 and lat == pytest.approx(43.55, abs=0.1) and lon == pytest.approx(10.31, abs=0.1)
    )
    # By keyboard: Tab to a row, Enter.
    page.frame_locator(MAP_FRAME).locator(".leaflet-popup-close-button").click()
    expect(popup).to_have_count(0)  # faded out
    row.focus()
    page.keyboard.press("Enter")
    expect(popup).to_have_count(1)


def test_a_row_chosen_in_the_sortable_table_shows_its_place(page: Page, app_url: str) -> None:
    open_view(page, f"{app_url}/?lang=en&q=itinera", 1)
    page.get_by_text("Sort and search").click()
    grid = page.get_by_test_id("stDataFrame")
    expect(grid).to_be_visible()
    idle(page)
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 20, box["y"] + 35 + 17)  # the first row's selection box
    popup = page.frame_locator(MAP_FRAME).locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Itinera Progetti e Ricerche Cooperativa Sociale")
    zoom, lat, lon = map_frame(page).evaluate(MAP_VIEW)
    assert (
        zoom >= 10 and lat == pytest.approx(43.55, abs=0.1) and lon == pytest.approx(10.31, abs=0.1)
    )
    expect(page.locator(MAP_FRAME)).to_be_in_viewport(ratio=0.9)  # scrolled to, as the plain table
    page.screenshot(path=str(ARTIFACTS / "sortable-table-row.png"))


def test_back_and_forward_move_through_the_filters(page: Page, app_url: str) -> None:
    open_view(page, f"{app_url}/?lang=en", shown())
    click_region(page, 2)  # Sardinia
    wait_for(lambda: query_of(page).get("region"), ["ITG2"])
    click_region(page, 3)  # and Corsica
    wait_for(lambda: query_of(page).get("region"), ["ITG2,FRM0"])
    wait_for(lambda: markers_on_map(page), shown("region=ITG2,FRM0"))
    page.go_back()
    wait_for(lambda: query_of(page).get("region"), ["ITG2"])
    wait_for(lambda: markers_on_map(page), shown("region=ITG2"))
    expect(page.get_by_text(f"{shown('region=ITG2')} of")).to_be_visible()
    page.go_back()
    wait_for(lambda: markers_on_map(page), shown())
    assert "region" not in query_of(page)
    page.go_forward()
    wait_for(lambda: markers_on_map(page), shown("region=ITG2"))
    wait_for(lambda: query_of(page).get("region"), ["ITG2"])  # not rewritten by the app


def test_a_project_in_a_popup_opens_its_places_and_panel(page: Page, app_url: str) -> None:
    open_view(page, f"{app_url}/?lang=en&q=itinera", 1)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(".mm-marker").first.click()
    frame.locator(".leaflet-popup-content a[data-mm-project='festa']").click()
    wait_for(lambda: query_of(page).get("project"), ["festa"])
    wait_for(lambda: markers_on_map(page), shown("project=festa&q=itinera"))
    panel = page.locator(".mm-card")
    expect(panel).to_contain_text("FESTA – ")
    expect(panel).to_contain_text("Lead partner")
    expect(panel.locator('a[rel="noopener noreferrer"]').first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "project-panel.png"), full_page=True)
    page.go_back()  # the choice was a step in the history
    wait_for(lambda: query_of(page).get("project"), None)
    expect(panel).to_have_count(0)
