"""Benchmark: a room of phones opening one link at once, against a bare Streamlit page.

Three servers are started with the same settings (the project's ``.streamlit/config.toml``):
the app on the shipped data, the app's map alone (``benchmarks/map_page.py``: what the map
costs by itself) and a one-line Streamlit page (``benchmarks/bare_page.py``). All are
measured side by side in one run:

* ``protocol``: N sessions at once speaking Streamlit's own websocket protocol (no browser,
  so the server is what is measured): p50/p95 from connect to ``script_finished``, server
  CPU and bytes per session. The clients send no websocket pings (browsers don't; a busy
  server would miss them and the client would drop the session).
* ``browser``: headless Debian Chromium, every non-local request aborted: navigation to the
  regions and markers drawn (the bare page: to its text), first visit after the server
  starts and later visits.

``--replicas N`` serves them through nginx (``scripts/serve.py``: the app with N replicas,
the others with one), as for an event; without it each is one ``streamlit run``.

Usage: ``.venv/bin/python benchmarks/crowd.py [--users 1 10 50] [--browser-visits 6]
[--replicas 2]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.protocol import crowd  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, Offline, start_app  # noqa: E402

LINK = "project=festa,qm-export&lang=it"
BARE = ROOT / "benchmarks" / "bare_page.py"
MAP_PAGE = ROOT / "benchmarks" / "map_page.py"
#: Drawn: the five regions and at least one marker (the app) or the page's text (bare page).
APP_DRAWN = (
    "() => { const f = document.querySelector('iframe[title=\"streamlit_folium.st_folium\"]');"
    " const d = f && f.contentDocument; return !!d"
    " && d.querySelectorAll('path.leaflet-interactive').length === 5"
    " && d.querySelectorAll('.leaflet-marker-icon').length > 0; }"
)
BARE_DRAWN = "() => document.body.innerText.includes('Marittimo Map')"


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process and its waited-for children have used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@dataclass
class Server:
    name: str
    url: str
    query: str
    pids: list[int]

    def cpu(self) -> float:
        return sum(cpu_seconds(pid) for pid in self.pids)


def protocol_rows(servers: list[Server], user_counts: list[int]) -> list[str]:
    rows = []
    for server in servers:
        asyncio.run(crowd(server.url, server.query, 1))  # caches warm, as after one visitor
        for users in user_counts:
            before = server.cpu()
            sessions = asyncio.run(crowd(server.url, server.query, users))
            cpu = (server.cpu() - before) / users
            seconds = [s.seconds for s in sessions]
            runs = {s.script_runs for s in sessions}
            rows.append(
                f"| {server.name} | {users} | {statistics.median(seconds):.2f} s "
                f"| {percentile(seconds, 0.95):.2f} s | {cpu * 1000:.0f} ms "
                f"| {statistics.mean(s.received for s in sessions) / 1000:.0f} kB "
                f"| {'/'.join(map(str, sorted(runs)))} |"
            )
            print(rows[-1], flush=True)
    return rows


def until(page: Page, check: str, timeout: float = 120) -> None:
    page.wait_for_function(check, timeout=timeout * 1000, polling=20)


#: Bytes that crossed the wire for a document and what it loaded (headers included).
TRANSFERRED = """() => [...performance.getEntriesByType("navigation"),
    ...performance.getEntriesByType("resource")].reduce((n, e) => n + e.transferSize, 0)"""
REQUESTS = "() => performance.getEntriesByType('resource').length + 1"


def open_to_drawn(page: Page, url: str, drawn: str) -> tuple[float, int, int]:
    """Seconds from navigation to drawn, and the bytes and requests it took (the page and
    the map's frame)."""
    started = time.perf_counter()
    page.goto(url)
    until(page, drawn)
    elapsed = time.perf_counter() - started
    page.wait_for_load_state("networkidle")  # fonts, tiles of the basemap: a phone pays them
    frames = [page.main_frame, *page.main_frame.child_frames]
    return (
        elapsed,
        sum(f.evaluate(TRANSFERRED) for f in frames),
        sum(f.evaluate(REQUESTS) for f in frames),
    )


def browser_rows(servers: list[Server], visits: int) -> list[str]:
    """Open to drawn in a fresh context per visit (nothing cached, like a new phone: 390 px
    wide), and what a first visit costs in bytes and requests."""
    rows = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for server in servers:
            drawn = BARE_DRAWN if server.name == "bare page" else APP_DRAWN
            visits_made = []
            for _ in range(visits):
                context = browser.new_context(viewport={"width": 390, "height": 844})
                context.route("**/*", Offline().route)
                url = f"{server.url}/?{server.query}"
                visits_made.append(open_to_drawn(context.new_page(), url, drawn))
                context.close()
            times = [v[0] for v in visits_made]
            first, later = times[0], times[1:] or times
            _seconds, sent, requests = visits_made[-1]
            rows.append(
                f"| {server.name} | {first:.2f} s | {statistics.median(later):.2f} s "
                f"| {min(later):.2f}–{max(later):.2f} s | {sent / 1e6:.2f} MB | {requests} |"
            )
            print(rows[-1], flush=True)
        browser.close()
    return rows


@contextmanager
def direct(script: Path) -> Iterator[tuple[str, list[int]]]:
    """One ``streamlit run`` of ``script``, as in development: its URL and process.
    (Streamlit serves the ``static/`` folder beside the script: a page of benchmarks/ is
    given the app's.)"""
    beside = script.parent / "static"
    if not beside.exists():
        beside.symlink_to(ROOT / "static", target_is_directory=True)
    url, proc = start_app(script=script)
    try:
        yield url, [proc.pid]
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@contextmanager
def behind_nginx(
    script: Path, replicas: int, port: int, env: dict[str, str] | None = None
) -> Iterator[tuple[str, list[int]]]:
    """``scripts/serve.py``: ``replicas`` of ``script`` behind nginx (warmed up, as served
    for an event), with ``env`` added to the environment: the URL of nginx and the
    replicas' processes."""
    run_dir = ROOT / ".run" / f"bench-{port}"
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "serve.py"), "--script", str(script),
         "--replicas", str(replicas), "--port", str(port), "--run-dir", str(run_dir)],
        cwd=ROOT, env={**os.environ, **(env or {})},
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 300
        while not (run_dir / "pids").is_file():
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("scripts/serve.py did not start")
            time.sleep(0.5)
        pids = [int(p) for p in (run_dir / "pids").read_text().split()]
        yield f"http://127.0.0.1:{port}", pids
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def report(title: str, head: str, rows: list[str]) -> str:
    return f"### {title}\n\n{head}\n" + "\n".join(rows) + "\n"


PROTOCOL_HEAD = (
    "| page | sessions at once | p50 connect → script finished | p95 | server CPU per session "
    "| bytes per session | script runs per visit |\n"
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
)
BROWSER_HEAD = (
    "| page | first visit after start: open → drawn | later visits: median | range "
    "| bytes over the wire (first visit) | requests |\n| --- | ---: | ---: | ---: | ---: | ---: |"
)


def run(users: list[int], visits: int, replicas: int) -> str:
    """Measure the app and the bare page side by side: each as one ``streamlit run``, or
    (``replicas`` > 0) each behind nginx, the app with ``replicas`` processes."""
    title = f"{replicas} replica(s) behind nginx" if replicas else "one streamlit run"
    if replicas:
        bare_server = behind_nginx(BARE, 1, 8190)
        map_server = behind_nginx(MAP_PAGE, 1, 8195)
        app_server = behind_nginx(ROOT / "app.py", replicas, 8180)
    else:
        bare_server, map_server = direct(BARE), direct(MAP_PAGE)
        app_server = direct(ROOT / "app.py")
    with (
        bare_server as (bare_url, bare_pids),
        map_server as (map_url, map_pids),
        app_server as (app_url, app_pids),
    ):
        app = Server("app", app_url, LINK, app_pids)
        map_alone = Server("the map alone", map_url, LINK, map_pids)
        bare = Server("bare page", bare_url, "", bare_pids)
        # Browser first: the first visit after the server starts is one of the figures.
        browser = browser_rows([app, map_alone, bare], visits)
        protocol = protocol_rows([app, map_alone, bare], users)
    return (
        report(f"Browser, {title}", BROWSER_HEAD, browser)
        + "\n"
        + report(f"Protocol, {title}", PROTOCOL_HEAD, protocol)
    )


def main(argv: list[str] | None = None, print_: Callable[[str], None] = print) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--browser-visits", type=int, default=6)
    parser.add_argument(
        "--replicas", type=int, default=0, help="serve through nginx with this many replicas"
    )
    args = parser.parse_args(argv)
    print_(run(args.users, args.browser_visits, args.replicas))


if __name__ == "__main__":
    main()
