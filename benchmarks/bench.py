"""Benchmark: how loading, the places file, the map and the app grow with the number of places.

Synthetic enterprises (generated here, never shipped, named "Synthetic enterprise N" with an
example.invalid source) are placed at random inside the five regions. For each size:

* load: ``geo.load.load_dataset`` (read, validate every feature, locate in the areas);
* places file: building it, its bytes, and its bytes per place over the wire (gzip, as nginx
  sends it);
* one-file map: its bytes, and headless Chromium opening it from a loopback server until
  every place is clustered and drawn;
* app (``--app``): served as for an event (``scripts/serve.py``: nginx, one warmed replica),
  a fresh browser opening the link until every place is clustered and drawn, then a filter
  change (a name search) until the map shows the new places;
* naive (up to ``--naive-max``): the map as folium's tutorials make it, one ``folium.Marker``
  with a ``folium.Popup`` per point in a ``MarkerCluster``: build, bytes and render.

Every request that is not to this machine is aborted. Usage: ``.venv/bin/python
benchmarks/bench.py [--sizes 1000 10000 100000] [--app] [--out FILE]``.
"""

from __future__ import annotations

import argparse
import functools
import gzip
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
import xstatic.pkg.leaflet_markercluster
from folium.plugins import MarkerCluster
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.crowd import behind_nginx  # noqa: E402
from geo import assets  # noqa: E402
from geo.export import map_file  # noqa: E402
from geo.filters import Filters, mask  # noqa: E402
from geo.i18n import translator  # noqa: E402
from geo.load import load_dataset  # noqa: E402
from geo.markers import places_payload  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, Offline  # noqa: E402

RNG_SEED = 20261125
PROJECTS = ["smartic", "qmbac", "tris", "qm-net", "qm-export", "festa", "tiramisu", "inn-pratica"]
ECONOMY = [[], ["green"], ["blue"], ["wellbeing"], ["green", "blue"]]
CERT = ["certified", "in_certification", ""]
#: Places held by the point layers on the map (geo/web/points.js), once their file is in:
#: layers are globals in a one-file page, and in window.feature_group in the app.
PLACES_HELD = """() => {
    const inApp = (window.feature_group || [])
        .filter((g) => window.map && window.map.hasLayer(g)).flatMap((g) => g.getLayers());
    const layers = Object.values(window).concat(inApp).filter((v) => v && v.mm && v.mm.ready);
    const drawn = document.querySelectorAll(".leaflet-marker-icon").length;
    return drawn ? layers.reduce((n, layer) => n + layer.mm.count, 0) : -1;
}"""
#: The naive page: markers clustered so far (MarkerCluster adds them over several frames).
NAIVE_DRAWN = """() => {
    const groups = Object.values(window).filter((v) => v && v._needsClustering !== undefined);
    const pending = groups.reduce((n, g) => n + g._needsClustering.length, 0);
    const drawn = document.querySelectorAll(".leaflet-marker-icon").length;
    return pending === 0 && drawn ? groups.reduce((n, g) => n + g.getLayers().length, 0) : -1;
}"""
FRAME = 'iframe[title="streamlit_folium.st_folium"]'
TIMEOUT_MS = int(os.environ.get("BENCH_TIMEOUT_MS", 600_000))
#: The filter change the app is timed with: a name search keeping about a ninth of them.
SEARCH = "Synthetic enterprise 7"


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


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the report readable."""


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """A loopback HTTP server for ``folder`` (the naive page loads its assets from it)."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def offline_page(browser: Browser) -> Page:
    """A page in a fresh context (nothing cached), every non-local request aborted."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", Offline().route)
    return context.new_page()


def until_held(page: Page, expected: int, check: str = PLACES_HELD) -> None:
    page.wait_for_function(f"() => ({check})() === {expected}", timeout=TIMEOUT_MS, polling=20)


def open_page(browser: Browser, url: str, expected: int, check: str = PLACES_HELD) -> float:
    """Seconds from navigation until all ``expected`` places are clustered and drawn."""
    page = offline_page(browser)
    started = time.perf_counter()
    page.goto(url, timeout=TIMEOUT_MS)
    until_held(page, expected, check)
    elapsed = time.perf_counter() - started
    page.context.close()
    return elapsed


def naive_page(dataset) -> str:
    """The map as folium's tutorials build it: one Marker and one Popup per point, with the
    scripts from the benchmark's server (copies from XStatic packages)."""
    fmap = folium.Map(location=[42.0, 9.0], zoom_start=6, tiles=None)
    fmap.options["maxZoom"] = 18  # MarkerCluster needs one; folium gives none without tiles
    cluster = MarkerCluster().add_to(fmap)
    for row in dataset.points.itertuples():
        folium.Marker(
            [row.lat, row.lon], popup=folium.Popup(f"<b>{row.name}</b><br>{row.municipality}")
        ).add_to(cluster)
    local = {
        "leaflet": "/vendor/leaflet/leaflet.js",
        "leaflet_css": "/vendor/leaflet/leaflet.css",
        "jquery": "/jquery.min.js",
        "markerclusterjs": "/markercluster/leaflet.markercluster.js",
        "markerclustercss": "/markercluster/MarkerCluster.css",
        "markerclusterdefaultcss": "/markercluster/MarkerCluster.Default.css",
    }
    for element in (fmap, cluster):
        for attr in ("default_js", "default_css"):
            pairs = getattr(element, attr)
            setattr(element, attr, [(k, local[k]) for k, _url in pairs if k in local])
    return fmap.get_root().render()


def app_times(browser: Browser, folder: Path, n: int, found: int, port: int) -> tuple[float, float]:
    """The app as served for an event: a fresh browser opening it until every place is
    drawn, then a name search until the map holds the places it finds."""
    with behind_nginx(ROOT / "app.py", 1, port, {"MARITTIMO_DATA_DIR": str(folder)}) as (url, _):
        page = offline_page(browser)
        started = time.perf_counter()
        page.goto(f"{url}/?lang=en")
        frame = page.frame_locator(FRAME).locator(".leaflet-marker-icon").first
        frame.wait_for(timeout=600_000)
        map_frame = page.locator(FRAME).element_handle().content_frame()
        until_held(map_frame, n)
        opened = time.perf_counter() - started
        search = page.get_by_label("Search by name")
        search.fill(SEARCH)
        started = time.perf_counter()
        search.press("Enter")
        until_held(map_frame, found)
        changed = time.perf_counter() - started
        page.context.close()
    return opened, changed


def measure(n: int, work: Path, browser: Browser, naive_max: int, with_app: bool) -> dict:
    folder = work / f"data-{n}"
    folder.mkdir()
    regions_file = ROOT / "data" / "regions.geojson"
    (folder / "enterprises.geojson").write_text(json.dumps(synthetic_points(n, regions_file)))
    (folder / "partners.geojson").write_text('{"type": "FeatureCollection", "features": []}')
    load_s, dataset = timed(lambda: load_dataset(folder))
    assert len(dataset.points) == n, dataset.problems[:3]
    catalogue = dataset.catalogue
    places_s, places = timed(
        lambda: places_payload(
            dataset.points,
            (p.id for p in catalogue.projects),
            (e.id for e in catalogue.economy_types),
        )
    )
    raw = json.dumps(places, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    wire = len(gzip.compress(raw, 6))
    land = json.loads((ROOT / "data" / "basemap.geojson").read_text(encoding="utf-8"))
    page_s, page = timed(
        lambda: map_file(dataset, dataset.points, "en", translator("en"), basemap=land,
                         static_dir=work)
    )  # fmt: skip
    (work / f"page-{n}.html").write_bytes(page)
    result: dict[str, object] = {
        "n": n,
        "load_s": load_s,
        "places_s": places_s,
        "places_bytes": len(raw),
        "places_wire": wire,
        "wire_per_place": wire / n,
        "page_s": page_s,
        "page_bytes": len(page),
    }
    with serve(work) as base:
        result["render_s"] = open_page(browser, f"{base}/page-{n}.html", n)
        if n <= naive_max:
            naive_s, naive_html = timed(lambda: naive_page(dataset))
            (work / f"naive-{n}.html").write_text(naive_html)
            result["naive_build_s"] = naive_s
            result["naive_bytes"] = len(naive_html.encode())
            result["naive_render_s"] = open_page(browser, f"{base}/naive-{n}.html", n, NAIVE_DRAWN)
    if with_app:
        found = int(mask(dataset.points, Filters(q=SEARCH)).sum())
        result["app_open_s"], result["app_filter_s"] = app_times(browser, folder, n, found, 8280)
    return result


def fmt(value: object, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "B":
        return f"{value:.0f} B"
    return f"{value / 1e6:.2f} MB" if value >= 1e5 else f"{value / 1e3:.0f} kB"


COLUMNS = (
    ("load", "load_s", "s"),
    ("places file: build", "places_s", "s"),
    ("size", "places_bytes", "b"),
    ("over the wire", "places_wire", "b"),
    ("per place", "wire_per_place", "B"),
    ("app: open → all drawn", "app_open_s", "s"),
    ("app: filter change", "app_filter_s", "s"),
    ("one-file map", "page_bytes", "b"),
    ("its render", "render_s", "s"),
    ("naive: build", "naive_build_s", "s"),
    ("naive: page", "naive_bytes", "b"),
    ("naive: render", "naive_render_s", "s"),
)


def report(results: list[dict[str, object]]) -> str:
    head = "| places | " + " | ".join(c[0] for c in COLUMNS) + " |\n"
    head += "| ---: |" + " ---: |" * len(COLUMNS) + "\n"
    rows = "".join(
        f"| {r['n']:,} | " + " | ".join(fmt(r.get(key), unit) for _t, key, unit in COLUMNS) + " |\n"
        for r in results
    )
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    return f"Machine: {machine}; Chromium at {CHROMIUM}.\n\n{head}{rows}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--naive-max", type=int, default=10_000)
    parser.add_argument("--app", action="store_true", help="also time the app behind nginx")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        work = Path(tmp)
        os.chmod(work, 0o755)  # nginx's workers read the data folder's neighbours
        assets.install(work)
        shutil.copy(Path(xstatic.pkg.jquery.BASE_DIR) / "jquery.min.js", work / "jquery.min.js")
        shutil.copytree(xstatic.pkg.leaflet_markercluster.BASE_DIR, work / "markercluster")
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for n in args.sizes:
            result = measure(n, work, browser, args.naive_max, args.app)
            print(json.dumps(result), flush=True)
            results.append(result)
        browser.close()
    table = report(results)
    print(table)
    if args.out:
        args.out.write_text(table)


if __name__ == "__main__":
    main()
