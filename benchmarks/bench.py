"""Benchmark: how build time, payload and browser render time grow with the number of points.

Synthetic points (generated here, never shipped, named "Synthetic …" with an example.invalid
source) are placed at random inside the five regions. For each size it measures:

* load: ``geo.load.load_dataset`` on a data directory holding the points;
* build: the map's filtered layers (what the app sends on each filter change) and the page;
* payload: bytes of the layers' script and of the whole one-file page;
* render: headless Chromium opening that page from a loopback server until every point is
  clustered and drawn (Debian's chromium, all non-local requests aborted);
* app: the real ``streamlit run`` with ``MARITTIMO_DATA_DIR`` on the points, from navigation
  to all points on the map (``--app``; slower, so off by default for the largest sizes);

and, up to ``--naive-max`` points, the same for a naive map: one ``folium.Marker`` with a
``folium.Popup`` per point in a ``MarkerCluster`` (folium's documented way).

Usage: ``.venv/bin/python benchmarks/bench.py [--sizes 1000 10000 100000] [--app]
[--out docs/benchmarks.md]``. Timings depend on the machine; the report says which.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import platform
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import folium
import numpy as np
import shapely
import xstatic.pkg.jquery
from folium.plugins import MarkerCluster
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo import assets  # noqa: E402
from geo.i18n import translator  # noqa: E402
from geo.load import load_dataset  # noqa: E402
from geo.mapview import base_map, standalone, view_layers  # noqa: E402
from geo.markers import PointLayer  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, LOCAL_HOSTS, start_app  # noqa: E402

RNG_SEED = 20261125
#: The one-file pages fetch the basemap and eligible area from the benchmark's server.
LINKS = {"basemap": {"url": "/basemap.geojson"}, "eligible_area": {"url": "/eligible.geojson"}}
PROJECTS = ["smartic", "qmbac", "tris", "qm-net", "qm-export", "festa", "tiramisu", "inn-pratica"]
ECONOMY = [[], ["green"], ["blue"], ["wellbeing"], ["green", "blue"]]
CERT = ["certified", "in_certification", ""]
# Points clustered and drawn so far (-1 while none is drawn). Cluster groups are globals in a
# one-file page, and inside window.feature_group in the app; chunked loading adds points to
# a group over several frames, so a page is ready when the count reaches the expected number.
POINTS_DRAWN = """() => {
    const isCluster = (v) => v && v._needsClustering !== undefined;
    const inApp = (window.feature_group || [])
        .filter((g) => window.map && window.map.hasLayer(g))
        .flatMap((g) => g.getLayers()).filter(isCluster);
    const groups = Object.values(window).filter(isCluster).concat(inApp);
    const total = groups.reduce((n, g) => n + g.getLayers().length, 0);
    const pending = groups.reduce((n, g) => n + g._needsClustering.length, 0);
    const icons = document.querySelectorAll(".leaflet-marker-icon").length;
    return pending === 0 && icons > 0 ? total : -1;
}"""


def all_drawn(expected: int) -> str:
    return f"() => ({POINTS_DRAWN})() === {expected}"


def synthetic_points(n: int, regions_file: Path) -> dict[str, object]:
    """``n`` random points inside the five regions, as a valid enterprises file."""
    rng = np.random.default_rng(RNG_SEED + n)
    area = shapely.union_all(
        [
            shapely.geometry.shape(f["geometry"])
            for f in json.loads(regions_file.read_text())["features"]
        ]
    )
    minx, miny, maxx, maxy = area.bounds
    lon, lat = np.empty(0), np.empty(0)
    while len(lon) < n:
        x = rng.uniform(minx, maxx, 4 * n)
        y = rng.uniform(miny, maxy, 4 * n)
        inside = shapely.contains_xy(area, x, y)
        lon, lat = np.concatenate([lon, x[inside]]), np.concatenate([lat, y[inside]])
    features = [
        {
            "type": "Feature",
            "id": f"s{i}",
            "geometry": {"type": "Point", "coordinates": [round(lon[i], 5), round(lat[i], 5)]},
            "properties": {
                "name": f"Synthetic enterprise {i}",
                "kind": "enterprise",
                "projects": [PROJECTS[i % len(PROJECTS)]],
                "economy": ECONOMY[i % len(ECONOMY)],
                "certification": CERT[i % len(CERT)],
                "municipality": "Synthetic town",
                "location_precision": "municipality",
                "sources": ["https://example.invalid/synthetic"],
            },
        }
        for i in range(n)
    ]
    return {"type": "FeatureCollection", "features": features}


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def naive_page(dataset, lang: str) -> str:
    """The map as folium's tutorials build it: one Marker and one Popup per point."""
    _ = translator(lang)
    fmap = base_map(dataset.regions, lang, _, **LINKS)
    cluster = MarkerCluster().add_to(fmap)
    for row in dataset.points.itertuples():
        folium.Marker(
            [row.lat, row.lon], popup=folium.Popup(f"<b>{row.name}</b><br>{row.municipality}")
        ).add_to(cluster)
    assets.localize(fmap, url_for=lambda p: f"/{p}")
    # folium.Popup needs jQuery, which the app itself does without.
    fmap.default_js = [*fmap.default_js[:1], ("jquery", "/jquery.min.js"), *fmap.default_js[1:]]
    return fmap.get_root().render()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the report readable."""


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """A loopback HTTP server for ``folder`` (pages load their assets from it)."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def offline_page(browser) -> Page:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if (route.request.url.split("/")[2].split(":")[0] in LOCAL_HOSTS)
            else route.abort()
        ),
    )
    return page


def render_time(browser, url: str, expected: int, timeout: float = 300) -> float:
    """Seconds from navigation until all ``expected`` points are clustered and drawn."""
    page = offline_page(browser)
    started = time.perf_counter()
    page.goto(url, timeout=timeout * 1000)
    page.wait_for_function(all_drawn(expected), timeout=timeout * 1000)
    elapsed = time.perf_counter() - started
    page.close()
    return elapsed


def app_open(browser, url: str, expected: int) -> float:
    """Seconds from navigation to all points clustered and drawn in the app's map."""
    page = offline_page(browser)
    started = time.perf_counter()
    page.goto(url)
    frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
    frame.locator(".leaflet-marker-icon").first.wait_for(timeout=600_000)
    handle = page.locator('iframe[title="streamlit_folium.st_folium"]').element_handle()
    handle.content_frame().wait_for_function(all_drawn(expected), timeout=600_000)
    elapsed = time.perf_counter() - started
    page.close()
    return elapsed


def app_times(browser, folder: Path, expected: int) -> tuple[float, float]:
    """The real app: first visit after start (loads the data) and a second visit (cached)."""
    url, proc = start_app({"MARITTIMO_DATA_DIR": str(folder)})
    try:
        return app_open(browser, url, expected), app_open(browser, url, expected)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def measure(n: int, work: Path, browser, naive_max: int, with_app: bool) -> dict[str, object]:
    folder = work / f"data-{n}"
    folder.mkdir()
    regions_file = ROOT / "data" / "regions.geojson"
    (folder / "enterprises.geojson").write_text(json.dumps(synthetic_points(n, regions_file)))
    (folder / "partners.geojson").write_text('{"type": "FeatureCollection", "features": []}')
    load_s, dataset = timed(lambda: load_dataset(folder))
    assert len(dataset.points) == n, dataset.problems[:3]
    _ = translator("en")
    layers_s, layers = timed(
        lambda: view_layers(dataset.points, dataset.regions, dataset.catalogue, "en", _)
    )
    fmap = base_map(dataset.regions, "en", _, **LINKS)
    layer_bytes = sum(
        len(json.dumps(child.payload))
        for layer in layers
        for child in layer._children.values()
        if isinstance(child, PointLayer)
    )
    page_s, html = timed(
        lambda: (
            assets.localize(standalone(fmap, layers), url_for=lambda p: f"/{p}").get_root().render()
        )
    )
    (work / f"page-{n}.html").write_text(html)
    result: dict[str, object] = {
        "n": n,
        "load_s": load_s,
        "build_s": layers_s + page_s,
        "page_bytes": len(html.encode()),
        "layer_bytes": layer_bytes,
    }
    with serve(work) as base:
        result["render_s"] = render_time(browser, f"{base}/page-{n}.html", n)
        if n <= naive_max:
            naive_s, naive_html = timed(lambda: naive_page(dataset, "en"))
            (work / f"naive-{n}.html").write_text(naive_html)
            result["naive_build_s"] = naive_s
            result["naive_bytes"] = len(naive_html.encode())
            result["naive_render_s"] = render_time(browser, f"{base}/naive-{n}.html", n)
    if with_app:
        result["app_cold_s"], result["app_s"] = app_times(browser, folder, n)
    return result


def fmt(value: object, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "s":
        return f"{value:.2f} s"
    return f"{value / 1e6:.2f} MB" if value >= 1e5 else f"{value / 1e3:.0f} kB"


def report(results: list[dict[str, object]]) -> str:
    head = (
        "| points | load | build | layers sent | page | render (Chromium) | app: first visit "
        "| app: next visit | naive build | naive page | naive render |\n"
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
    )
    rows = "".join(
        f"| {r['n']:,} | {fmt(r['load_s'], 's')} | {fmt(r['build_s'], 's')} "
        f"| {fmt(r['layer_bytes'], 'b')} | {fmt(r['page_bytes'], 'b')} "
        f"| {fmt(r['render_s'], 's')} | {fmt(r.get('app_cold_s'), 's')} "
        f"| {fmt(r.get('app_s'), 's')} "
        f"| {fmt(r.get('naive_build_s'), 's')} | {fmt(r.get('naive_bytes'), 'b')} "
        f"| {fmt(r.get('naive_render_s'), 's')} |\n"
        for r in results
    )
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    return f"Machine: {machine}; Chromium at {CHROMIUM}.\n\n{head}{rows}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--naive-max", type=int, default=10_000)
    parser.add_argument("--app", action="store_true", help="also time the real app")
    parser.add_argument("--app-max", type=int, default=100_000)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        work = Path(tmp)
        assets.install(work)
        shutil.copy(ROOT / "data" / "basemap.geojson", work / "basemap.geojson")
        shutil.copy(ROOT / "data" / "eligible_area.geojson", work / "eligible.geojson")
        shutil.copy(Path(xstatic.pkg.jquery.BASE_DIR) / "jquery.min.js", work / "jquery.min.js")
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for n in args.sizes:
            result = measure(n, work, browser, args.naive_max, args.app and n <= args.app_max)
            print(json.dumps(result), flush=True)
            results.append(result)
        browser.close()
    table = report(results)
    print(table)
    if args.out:
        args.out.write_text(table)


if __name__ == "__main__":
    main()
