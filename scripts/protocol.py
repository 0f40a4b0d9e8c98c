"""A session opened the way a browser opens one, speaking Streamlit's websocket protocol.

Used to warm a freshly started server (so the first visitor does not pay for loading the
data: ``scripts/run.sh`` runs this file beside ``streamlit run`` with the same options, and
``scripts/serve.py`` warms each replica) and by the crowd benchmark to measure the server
alone. It sends no websocket pings:
browsers don't, and a busy server that misses a client's pings would drop the session.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


@dataclass
class Session:
    """One visit: seconds from connecting to ``script_finished``, bytes received, runs."""

    seconds: float
    received: int
    script_runs: int


async def visit(base: str, query: str, locale: str = "it-IT") -> Session:
    """Connect to the app at ``base`` (``http://host:port``), ask for a run with the link's
    ``query`` and wait until the script has finished."""
    started = time.perf_counter()
    url = base.replace("http", "ws", 1) + "/_stcore/stream"
    async with websockets.connect(
        url, subprotocols=["streamlit"], ping_interval=None, max_size=None, open_timeout=600
    ) as ws:
        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.context_info.url = f"{base}/?{query}"
        msg.rerun_script.context_info.locale = locale
        await ws.send(msg.SerializeToString())
        received = runs = 0
        while True:
            data = await asyncio.wait_for(ws.recv(), timeout=600)
            received += len(data)
            kind = ForwardMsg.FromString(data).WhichOneof("type")
            runs += kind == "new_session"
            if kind == "script_finished":
                return Session(time.perf_counter() - started, received, runs)


async def crowd(base: str, query: str, users: int) -> list[Session]:
    """``users`` visits at the same moment."""
    return list(await asyncio.gather(*(visit(base, query) for _ in range(users))))


def warm(base: str, query: str = "") -> Session:
    """One visit, to load the server's caches before the first person arrives."""
    return asyncio.run(visit(base, query))


def wait_healthy(url: str, timeout: float = 120, alive: Callable[[], bool] = lambda: True) -> None:
    """Return once the Streamlit server at ``url`` answers its health check; raise if it does
    not within ``timeout`` seconds or ``alive()`` turns false (its process exited)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive():
            raise RuntimeError(f"{url}: the server's process exited")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


def port_of(options: list[str]) -> int:
    """The port ``streamlit run`` listens on with these command-line ``options``."""
    for i, option in enumerate(options):
        if option == "--server.port" and i + 1 < len(options):
            return int(options[i + 1])
        if option.startswith("--server.port="):
            return int(option.partition("=")[2])
    return int(os.environ.get("STREAMLIT_SERVER_PORT", "8501"))


def main(options: list[str]) -> None:
    """Warm the app that ``streamlit run`` starts with ``options``, once it answers."""
    base = f"http://127.0.0.1:{port_of(options)}"
    try:
        wait_healthy(base)
        warm(base)
    except (OSError, RuntimeError, TimeoutError) as exc:  # the server's own log says why
        print(f"warm-up skipped: {exc}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
