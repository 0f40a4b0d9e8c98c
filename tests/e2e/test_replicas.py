"""The app as served for a crowd: replicas behind nginx (scripts/serve.py), on loopback."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import ARTIFACTS, ROOT, Offline, _free_port, shown
from tests.e2e.test_explorer import markers_on_map, wait_for
from tests.e2e.test_offline_map import MAP_FRAME, REGION_PATHS

pytestmark = pytest.mark.e2e
REPLICA_HEADER = "x-marittimo-replica"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    run_dir = tmp_path_factory.mktemp("serve")
    port = _free_port()
    log = (ARTIFACTS / "serve.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "serve.py"), "--replicas", "2",
         "--port", str(port), "--run-dir", str(run_dir)],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.monotonic() + 180
    while not (run_dir / "pids").is_file():
        assert proc.poll() is None, (ARTIFACTS / "serve.log").read_text()
        assert time.monotonic() < deadline, "scripts/serve.py did not start"
        time.sleep(0.5)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=60)
    assert not (run_dir / "pids").exists()  # the replicas were stopped with it


def test_a_browser_stays_on_one_replica_and_sees_the_map(
    browser: Browser, served: str, offline: Offline
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", offline.route)
    page = context.new_page()
    replicas: list[str] = []
    page.on(
        "response",
        lambda r: (
            replicas.append(r.headers[REPLICA_HEADER]) if REPLICA_HEADER in r.headers else None
        ),
    )
    page.goto(f"{served}/?lang=en&region=ITG2")
    expect(page.frame_locator(MAP_FRAME).locator(REGION_PATHS)).to_have_count(5, timeout=30_000)
    wait_for(lambda: markers_on_map(page), shown("region=ITG2"))
    cookie = next(c for c in context.cookies() if c["name"] == "mm_replica")
    assert cookie["httpOnly"]
    page.reload()
    wait_for(lambda: markers_on_map(page), shown("region=ITG2"))
    assert replicas and len(set(replicas)) == 1, replicas  # page, health, uploads: one replica
    assert offline.blocked == [] and offline.page_errors == []
    context.close()


def test_static_files_come_from_nginx_compressed(browser: Browser, served: str) -> None:
    page = browser.new_page()
    page.goto(f"{served}/?lang=en")
    expect(page.frame_locator(MAP_FRAME).locator(REGION_PATHS)).to_have_count(5, timeout=30_000)
    statics = page.evaluate(
        "() => performance.getEntriesByType('resource').filter((e) => "
        "e.name.includes('/static/js/')).map((e) => [e.encodedBodySize, e.decodedBodySize])"
    )
    assert statics and all(encoded < decoded for encoded, decoded in statics if decoded > 2000)
    page.close()
