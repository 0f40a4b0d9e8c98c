"""The presenter at a venue: a projector seen from the back of the room, and phones that scan
the QR code (which must not point at the presenter's own machine)."""

from __future__ import annotations

import io
from urllib.parse import parse_qs, urlparse

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Page, expect

from geo.share import is_loopback, network_address
from tests.e2e.conftest import ARTIFACTS, Offline, shown
from tests.e2e.test_explorer import open_view
from tests.e2e.test_offline_map import MAP_FRAME, REGION_PATHS

pytestmark = pytest.mark.e2e

PROJECTORS = [{"width": 1920, "height": 1080}, {"width": 1024, "height": 768}]
FONT_SIZE = "(e) => parseFloat(getComputedStyle(e).fontSize)"


def decoded_qr(page: Page, name: str) -> str:
    """The text of the QR code shown as the image ``name``, read from the screen."""
    qr = page.get_by_role("img", name=name)
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert box is not None
    viewport = page.viewport_size or {"height": 0}
    assert box["y"] + box["height"] <= viewport["height"], "the QR code is below the fold"
    image = Image.open(io.BytesIO(page.screenshot(clip=box)))
    found = zxingcpp.read_barcodes(image)
    assert found, "no QR code could be read from the screen"
    return found[0].text


@pytest.mark.parametrize("page", PROJECTORS, indirect=True, ids=["1080p", "768p"])
def test_the_room_can_read_the_map_and_scan_its_link(
    page: Page, app_url: str, offline: Offline
) -> None:
    assert is_loopback(app_url)  # the presenter opened the app as the README says
    open_view(page, f"{app_url}/?lang=it&present=1", shown())
    link = decoded_qr(page, "Inquadra per aprire questa vista")
    assert not is_loopback(link) and urlparse(link).hostname == network_address()
    assert parse_qs(urlparse(link).query) == {"lang": ["it"]}  # the view, not presentation
    expect(page.get_by_text("Il link usa l'indirizzo di rete di questo computer")).to_be_visible()
    # Read from the back of the room: count, legend and markers in large type.
    assert page.locator(".mm-present-count").evaluate(FONT_SIZE) >= 32
    assert page.locator(".mm-present .mm-legend").evaluate(FONT_SIZE) >= 18
    expect(page.locator(".mm-present-filters")).to_have_text("Tutti i luoghi")
    frame = page.frame_locator(MAP_FRAME)
    marker = frame.locator(".mm-marker").first.bounding_box()
    assert marker is not None and marker["width"] >= 40
    # The five regions, whole, in view.
    container = frame.locator(".leaflet-container").bounding_box()
    assert container is not None
    for index in range(5):
        region = frame.locator(REGION_PATHS).nth(index).bounding_box()
        assert region is not None
        assert region["x"] >= container["x"] - 1 and region["y"] >= container["y"] - 1
        assert region["x"] + region["width"] <= container["x"] + container["width"] + 1
        assert region["y"] + region["height"] <= container["y"] + container["height"] + 1
    width = (page.viewport_size or {"width": 0})["width"]
    page.screenshot(path=str(ARTIFACTS / f"presentation-{width}.png"))
    assert offline.blocked == [] and offline.page_errors == []


@pytest.mark.parametrize("page", [{"width": 1024, "height": 768}], indirect=True)
def test_the_projector_says_what_is_filtered(page: Page, app_url: str) -> None:
    query = "region=ITG2,FRM0&project=festa"
    open_view(page, f"{app_url}/?lang=fr&present=1&{query}", shown(query))
    expect(page.locator(".mm-present-filters")).to_have_text("FESTA · Sardaigne, Corse")
    link = decoded_qr(page, "Scannez pour ouvrir cette vue")
    assert parse_qs(urlparse(link).query)["region"] == ["ITG2,FRM0"]


@pytest.mark.parametrize("page", [{"width": 1024, "height": 768}], indirect=True)
def test_the_embed_snippet_shows_the_map_in_another_page(page: Page, app_url: str) -> None:
    open_view(page, f"{app_url}/?lang=en&project=festa", shown("project=festa"))
    page.get_by_text("Share this view").click()
    snippet = page.get_by_text("<iframe src=").inner_text()
    assert 'present=1&amp;embed=true"' in snippet and "project=festa" in snippet
    # The partner's page, with the snippet pasted as it is (the app's own address here).
    host = snippet.replace(urlparse(snippet.split('"')[1]).netloc, urlparse(app_url).netloc)
    page.set_content(f"<h1>A partner's page</h1>{host}")
    embedded = page.frame_locator("iframe[title='Marittimo Map']")
    frame = embedded.frame_locator(MAP_FRAME)
    expect(frame.locator(REGION_PATHS)).to_have_count(5, timeout=30_000)
    expect(embedded.locator(".mm-present-count")).to_contain_text(str(shown("project=festa")))
    expect(embedded.get_by_test_id("stHeader")).to_be_hidden()
    page.screenshot(path=str(ARTIFACTS / "embedded.png"))
