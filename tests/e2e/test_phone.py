"""A stakeholder on a phone (390×844, Italian): the filters are found by name and a tap on a
pill changes the map, a popup fits the map and nothing covers it or its close button,
Leaflet's controls speak Italian."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import ARTIFACTS, Offline, shown
from tests.e2e.test_explorer import MAP_FRAME, markers_on_map, open_view, query_of, wait_for

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}

#: What is drawn at the centre of an element of the map: the element itself, or what covers it.
ON_TOP = """(element) => {
    const box = element.getBoundingClientRect();
    const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    return top === element || element.contains(top);
}"""


@pytest.mark.parametrize("page", [PHONE], indirect=True)
def test_filters_button_is_labelled_and_the_legend_uncovered(page: Page, app_url: str) -> None:
    open_view(page, f"{app_url}/?lang=it", shown())
    button = page.get_by_test_id("stExpandSidebarButton")
    expect(button).to_be_visible()
    label = button.evaluate("(b) => getComputedStyle(b, '::after').content")
    assert label == '"Filtri"'
    legend = page.frame_locator(MAP_FRAME).locator(".mm-legend summary")
    assert legend.evaluate(ON_TOP), "the attribution covers the legend"
    button.click()
    expect(page.get_by_test_id("stSidebar")).to_be_visible()


@pytest.mark.parametrize("page", [PHONE], indirect=True)
def test_popup_fits_the_phone_and_nothing_covers_it(
    page: Page, app_url: str, offline: Offline
) -> None:
    open_view(page, f"{app_url}/?lang=it&q=itinera", 1)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(".mm-marker").first.click()
    popup = frame.locator(".leaflet-popup")
    expect(popup).to_contain_text("Itinera Progetti e Ricerche")
    page.wait_for_timeout(600)  # the auto-pan that brings the popup into view
    shown_map = frame.locator(".leaflet-container").bounding_box()
    box = popup.bounding_box()
    assert shown_map is not None and box is not None
    assert box["x"] >= shown_map["x"] and box["y"] >= shown_map["y"]
    assert box["x"] + box["width"] <= shown_map["x"] + shown_map["width"]
    assert box["y"] + box["height"] <= shown_map["y"] + shown_map["height"]
    close = frame.locator(".leaflet-popup-close-button")
    expect(close).to_have_attribute("title", "Chiudi")
    assert close.evaluate(ON_TOP), "a control covers the popup's close button"
    expect(frame.locator(".leaflet-control-zoom-in")).to_have_attribute("title", "Ingrandisci")
    expect(frame.locator(".leaflet-control-layers-toggle")).to_have_attribute("title", "Livelli")
    page.screenshot(path=str(ARTIFACTS / "phone-popup.png"))
    close.click()
    expect(popup).to_have_count(0)
    assert offline.blocked == [] and offline.page_errors == []


@pytest.mark.parametrize("page", [PHONE], indirect=True)
def test_a_tap_on_a_filter_pill_changes_the_map(page: Page, app_url: str) -> None:
    open_view(page, f"{app_url}/?lang=it", shown())
    page.get_by_test_id("stExpandSidebarButton").click()
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("button", name="Sardegna", exact=True).click()
    wait_for(lambda: query_of(page).get("region"), ["ITG2"])
    wait_for(lambda: markers_on_map(page), shown("region=ITG2"))
    sidebar.get_by_role("button", name="Sardegna", exact=True).click()  # tapped again: all
    wait_for(lambda: query_of(page).get("region"), None)
    wait_for(lambda: markers_on_map(page), shown())
