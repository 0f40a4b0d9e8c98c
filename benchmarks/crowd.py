"""Benchmark: many people opening the same link at once (a QR code shown at an event).

Starts the real app on the shipped data, then opens N pages at the same moment in one
headless Debian Chromium (each page its own browser context: no shared cache or session),
every non-local request aborted, and reports for each N the median and slowest time from
navigation to the map with its markers drawn, and the server's CPU time per visitor. The
browser renders all N pages on the same cores as the server, so the times are an upper
bound of what visitors on their own devices see; the server CPU time is the app's own cost.

Usage: ``.venv/bin/python benchmarks/crowd.py [--users 1 10 25 50]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

from playwright.async_api import Browser, async_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, LOCAL_HOSTS, start_app  # noqa: E402

LINK = "/?project=festa,qm-export&lang=it"
MAP = 'iframe[title="streamlit_folium.st_folium"]'


async def visit(browser: Browser, url: str) -> float:
    """Seconds from navigation to markers drawn, for one visitor with an empty cache."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})

    async def local_only(route) -> None:  # type: ignore[no-untyped-def]
        host = route.request.url.split("/")[2].split(":")[0]
        await (route.continue_() if host in LOCAL_HOSTS else route.abort())

    await context.route("**/*", local_only)
    page = await context.new_page()
    started = time.perf_counter()
    await page.goto(url, timeout=300_000)
    frame = page.frame_locator(MAP)
    await frame.locator(".leaflet-marker-icon").first.wait_for(timeout=300_000)
    elapsed = time.perf_counter() - started
    await context.close()
    return elapsed


async def crowd(browser: Browser, url: str, users: int) -> list[float]:
    return list(await asyncio.gather(*(visit(browser, url) for _ in range(users))))


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) the process has used: the server's share of the work."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def run(user_counts: list[int]) -> str:
    url, proc = start_app()
    rows = []
    try:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            await visit(browser, url + LINK)  # warm the server's caches, as after the first visitor
            for users in user_counts:
                before = cpu_seconds(proc.pid)
                times = await crowd(browser, url + LINK, users)
                server = (cpu_seconds(proc.pid) - before) / users
                rows.append(
                    f"| {users} | {statistics.median(times):.1f} s | {max(times):.1f} s "
                    f"| {server:.2f} s |"
                )
                print(rows[-1], flush=True)
            await browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    head = (
        "| visitors at once | median: open → map drawn | slowest | server CPU per visitor |\n"
        "| ---: | ---: | ---: | ---: |\n"
    )
    return head + "\n".join(rows) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, nargs="+", default=[1, 10, 25, 50])
    args = parser.parse_args()
    print(asyncio.run(run(args.users)))


if __name__ == "__main__":
    main()
