"""End-to-end fixtures: the real ``streamlit run`` on a free port, driven by Debian's Chromium.

Every request that is not to this machine is aborted and recorded, so a test can prove the
page works with no internet and that nothing even tried to leave.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Browser, Locator, Page, Playwright, Route, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from geo.filters import from_query, known_values, mask
from geo.load import load_dataset
from scripts.protocol import wait_healthy
from scripts.serve import streamlit_command

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
# Flags that keep Chromium from calling home (this machine refuses such connections).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(
    env: dict[str, str] | None = None, script: Path = ROOT / "app.py"
) -> tuple[str, subprocess.Popen[bytes]]:
    """Start ``streamlit run`` of ``script`` (the app) on a free loopback port, with the
    project's settings; return its URL and process."""
    port = _free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log = (ARTIFACTS / f"streamlit-{port}.log").open("wb")
    proc = subprocess.Popen(
        streamlit_command(script, port),
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, **(env or {})},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, alive=lambda: proc.poll() is None)
    except Exception:
        proc.kill()
        raise
    return url, proc


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    ARTIFACTS.mkdir(exist_ok=True)
    url, proc = start_app()
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[Playwright]:
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package")
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_session: Playwright) -> Iterator[Browser]:
    browser = playwright_session.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


class Offline:
    """What the page tried to fetch from outside this machine, and the errors it threw."""

    def __init__(self) -> None:
        self.blocked: list[str] = []
        self.page_errors: list[str] = []

    def route(self, route: Route) -> None:
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:", "file:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort("internetdisconnected")


@pytest.fixture
def offline() -> Offline:
    return Offline()


@pytest.fixture
def page(browser: Browser, offline: Offline, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh page of an Italian browser (``locale`` and the viewport can be asked for by
    parametrising ``page``) with every non-local request aborted; a screenshot is kept on
    failure."""
    asked = dict(getattr(request, "param", {}))
    locale = asked.pop("locale", "it-IT")
    viewport = asked or {"width": 1280, "height": 900}
    context = browser.new_context(viewport=viewport, locale=locale)
    context.route("**/*", offline.route)
    page = context.new_page()
    page.on("pageerror", lambda exc: offline.page_errors.append(str(exc)))
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


SHIPPED = load_dataset(ROOT / "data")


def shown(query: str = "") -> int:
    """How many shipped places the filters of a link keep: what the map must draw."""
    filters, _ignored = from_query(parse_qs(query), known_values(SHIPPED))
    return int(mask(SHIPPED.points, filters).sum())


def idle(page: Page) -> None:
    """Wait until the app has finished its run: a rerun redraws the widgets under the cursor."""
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=20_000)


def choose(page: Page, box: Locator, option: str) -> None:
    """Pick ``option`` in a select box, typed as a person using the keyboard would, once the
    page is still, and wait until the app has taken it."""
    listed = page.get_by_role("option", name=option, exact=True)
    for _ in range(3):  # a rerun that began before the typing closes the list: type again
        idle(page)
        box.scroll_into_view_if_needed()
        box.focus()
        box.press_sequentially(option)
        try:
            listed.click(timeout=5_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    else:
        raise AssertionError(f"{option!r} never listed")
    idle(page)
