"""The first screen, as a person with no internet sees it in Chromium."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import FrameLocator, Page, expect

from tests.e2e.conftest import ARTIFACTS, Offline

pytestmark = pytest.mark.e2e

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
REGION_PATHS = "path.leaflet-interactive"
NAMES = {
    "it": ["Toscana", "Liguria", "Sardegna", "Corsica", "Var"],
    "en": ["Tuscany", "Liguria", "Sardinia", "Corsica", "Var"],
    "fr": ["Toscane", "Ligurie", "Sardaigne", "Corse", "Var"],
}


def open_map(page: Page, url: str) -> FrameLocator:
    """Open ``url`` and wait until the five regions are drawn in the map component."""
    page.goto(url)
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(REGION_PATHS)).to_have_count(5, timeout=30_000)
    return frame


def test_map_shows_regions_land_and_legend_offline(
    page: Page, app_url: str, offline: Offline
) -> None:
    started = time.perf_counter()
    frame = open_map(page, app_url)
    elapsed = time.perf_counter() - started
    expect(page.locator(MAP_FRAME)).to_be_visible()
    # Land from the offline basemap is drawn under the regions (non-interactive paths).
    expect(frame.locator("path:not(.leaflet-interactive)").first).to_be_attached(timeout=10_000)
    legend = frame.locator(".mm-legend")
    expect(legend).to_be_visible()
    for name in NAMES["it"]:
        expect(legend).to_contain_text(name)
    expect(frame.locator(".leaflet-control-attribution")).to_contain_text("ISTAT")
    page.screenshot(path=str(ARTIFACTS / "first-screen.png"))
    started = time.perf_counter()
    open_map(page, app_url)
    again = time.perf_counter() - started
    print(f"page open -> five regions drawn: {elapsed:.2f} s, again: {again:.2f} s")
    assert offline.blocked == []
    assert offline.page_errors == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_language_from_link(page: Page, app_url: str, offline: Offline, lang: str) -> None:
    frame = open_map(page, f"{app_url}/?lang={lang}")
    for name in NAMES[lang]:
        expect(frame.locator(".mm-legend")).to_contain_text(name)
    assert offline.blocked == []


def test_region_tooltip_names_the_region(page: Page, app_url: str) -> None:
    frame = open_map(page, f"{app_url}/?lang=en")
    frame.locator(REGION_PATHS).nth(2).hover(force=True)
    expect(frame.locator(".leaflet-tooltip")).to_contain_text("Sardinia")


def test_osm_tiles_offline_give_the_land_back_and_say_why(
    page: Page, app_url: str, offline: Offline
) -> None:
    frame = open_map(page, app_url)
    frame.locator(".leaflet-control-layers").hover()
    frame.get_by_text("OpenStreetMap").click()
    # The browser tries the tile server (blocked here): the offline map comes back, said.
    expect(frame.get_by_role("status")).to_contain_text("OpenStreetMap non è raggiungibile")
    assert any("tile.openstreetmap.org" in url for url in offline.blocked)
    expect(frame.get_by_label("Mappa offline")).to_be_checked()
    expect(frame.locator("path:not(.leaflet-interactive)").first).to_be_attached()
    expect(frame.locator(REGION_PATHS)).to_have_count(5)
    # The regions are drawn over the land that came back (later in the SVG), not under it.
    assert frame.locator(REGION_PATHS).first.evaluate(
        """(region) => [...region.ownerSVGElement.querySelectorAll("path")]
            .filter((p) => !p.classList.contains("leaflet-interactive"))
            .every((land) => land.compareDocumentPosition(region)
                             & Node.DOCUMENT_POSITION_FOLLOWING)"""
    )
    page.screenshot(path=str(ARTIFACTS / "tiles-offline.png"))


@pytest.mark.parametrize("page", [{"width": 390, "height": 844}], indirect=True)
def test_phone_viewport(page: Page, app_url: str, offline: Offline) -> None:
    open_map(page, app_url)
    box = page.locator(MAP_FRAME).bounding_box()
    assert box is not None and box["width"] >= 300
    legend = page.frame_locator(MAP_FRAME).locator(".mm-legend details")
    expect(legend).not_to_have_attribute("open", "")  # folded: the map stays in view
    page.wait_for_timeout(1000)  # let the fitted view finish its animation
    page.screenshot(path=str(ARTIFACTS / "phone.png"))
    assert offline.blocked == []


def test_eligible_area_is_fetched_when_switched_on(page: Page, app_url: str) -> None:
    frame = open_map(page, f"{app_url}/?lang=en")
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "eligible_area" in r.url else None)
    drawn = frame.locator("path:not(.leaflet-interactive)")
    page.wait_for_load_state("networkidle")  # the basemap is in
    before = drawn.count()
    frame.locator(".leaflet-control-layers").hover()
    frame.get_by_text("Programme eligible area").click()
    expect(drawn).to_have_count(before + 18)  # one path per eligible NUTS3 area
    assert len(fetched) == 1


@pytest.mark.parametrize("page", [{"locale": "fr-FR"}], indirect=True)
def test_a_french_browser_gets_the_page_in_french(page: Page, app_url: str) -> None:
    frame = open_map(page, app_url)
    expect(page.get_by_text("lieux affichés sur")).to_be_visible()
    expect(frame.locator(".mm-legend")).to_contain_text("Régions de la coopération")
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert "lang=fr" in page.url


def test_full_screen_button_fills_the_screen_with_the_map(page: Page, app_url: str) -> None:
    frame = open_map(page, f"{app_url}/?lang=fr")
    button = frame.locator(".leaflet-control-zoom-fullscreen")
    expect(button).to_have_attribute("title", "Plein écran")
    button.click()
    expect(button).to_have_class(re.compile("leaflet-fullscreen-on"))
    expect(button).to_have_attribute("title", "Quitter le plein écran")
    shown_map = frame.locator(".leaflet-container").bounding_box()
    assert shown_map is not None and shown_map["height"] == page.viewport_size["height"]
    page.screenshot(path=str(ARTIFACTS / "full-screen.png"))
    button.click()
    expect(button).not_to_have_class(re.compile("leaflet-fullscreen-on"))
