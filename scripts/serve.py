"""Serve Marittimo Map for a crowd: N app processes behind nginx on one port.

Streamlit keeps each session in one process, so the app scales out as identical replicas
behind a load balancer that keeps a browser on one replica (sticky sessions): here nginx
(Debian's package) with a cookie set on the first response and hashed to pick the replica
(``ip_hash`` would send a whole venue behind one NAT address to one replica). nginx also
serves the static files itself, compressed (Streamlit's own front end precompressed once,
the app's static files on the fly), and proxies the websocket.

Usage: ``.venv/bin/python scripts/serve.py [--replicas 2] [--address 127.0.0.1]
[--port 8080]``; ``--address 0.0.0.0`` opens it to the venue's network. Stops everything on
Ctrl-C. The same layout across machines is in ``docs/deploy.md``.
"""

from __future__ import annotations

import argparse
import getpass
import gzip
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import streamlit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.protocol import wait_healthy, warm  # noqa: E402

STREAMLIT_STATIC = Path(streamlit.__file__).parent / "static"
#: Files worth compressing (text); images and fonts are compressed already.
COMPRESSIBLE = (".js", ".css", ".html", ".json", ".svg", ".map", ".txt", ".geojson")
GZIP_TYPES = (
    "text/css application/javascript application/json application/geo+json image/svg+xml text/plain"
)

NGINX_CONF = """\
{user}worker_processes auto;
pid {run}/nginx.pid;
error_log {run}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    types {{ application/geo+json geojson; }}
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    client_max_body_size 60m;
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    gzip on;
    gzip_static on;
    gzip_vary on;
    gzip_proxied any;
    gzip_comp_level 5;
    gzip_min_length 512;
    gzip_types {gzip_types};

    # Sticky sessions: the first response sets a cookie, and every request of that browser
    # (page, websocket, uploads, media) is routed by a hash of it.
    map $cookie_mm_replica $mm_route {{
        "" $request_id;
        default $cookie_mm_replica;
    }}
    map $cookie_mm_replica $mm_set_cookie {{
        "" "mm_replica=$request_id; Path=/; HttpOnly; SameSite=Lax";
        default "";
    }}
    map $http_upgrade $connection_upgrade {{
        default upgrade;
        "" close;
    }}
    upstream marittimo {{
        hash $mm_route consistent;
{servers}
    }}
    server {{
        listen {address}:{port};
        # Streamlit's front end: content-hashed file names, precompressed, cached for a year.
        location /static/ {{
            alias {streamlit_static}/;
            expires 1y;
            add_header Cache-Control "public, immutable";
        }}
        # The app's own static files: vendored scripts and data files named by content.
        location /app/static/ {{
            alias {app_static}/;
            expires 1d;
        }}
        location / {{
            proxy_pass http://marittimo;
            proxy_http_version 1.1;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_read_timeout 1d;
            proxy_buffering off;
            add_header Set-Cookie $mm_set_cookie;
            add_header X-Marittimo-Replica $upstream_addr always;
        }}
    }}
}}
"""


def precompressed_streamlit_static(run: Path) -> Path:
    """A copy of Streamlit's front-end files with a ``.gz`` beside each text file, made once
    per Streamlit version (nginx then sends the compressed bytes without recompressing)."""
    target = run / f"streamlit-static-{streamlit.__version__}"
    stamp = target / ".complete"
    if stamp.is_file():
        return target / "static"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(STREAMLIT_STATIC, target)
    for path in target.rglob("*"):
        if path.is_file() and path.suffix in COMPRESSIBLE:
            path.with_name(path.name + ".gz").write_bytes(
                gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
            )
    stamp.write_text(streamlit.__version__)
    return target / "static"


def streamlit_command(script: Path, port: int) -> list[str]:
    """``streamlit run`` of ``script`` on a loopback port, with the project's settings."""
    return [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip


def start_replica(script: Path, port: int, run: Path) -> subprocess.Popen[bytes]:
    log = (run / f"replica-{port}.log").open("wb")
    return subprocess.Popen(
        streamlit_command(script, port), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
    )


def nginx_conf(run: Path, replicas: list[int], address: str, port: int) -> Path:
    for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (run / temp).mkdir(parents=True, exist_ok=True)
    servers = "\n".join(f"        server 127.0.0.1:{p};" for p in replicas)
    conf = run / "nginx.conf"
    # Started by root, nginx would run its workers as "nobody", who may not read the files
    # (a home folder, a test's temporary folder): they run as whoever started it.
    user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""
    conf.write_text(
        NGINX_CONF.format(
            user=user,
            run=run,
            servers=servers,
            address=address,
            port=port,
            gzip_types=GZIP_TYPES,
            streamlit_static=precompressed_streamlit_static(run),
            app_static=ROOT / "static",
        )
    )
    return conf


def serve(script: Path, replicas: int, address: str, port: int, run: Path) -> None:
    run.mkdir(parents=True, exist_ok=True)
    ports = [port + 1 + i for i in range(replicas)]
    procs = [start_replica(script, p, run) for p in ports]
    nginx: subprocess.Popen[bytes] | None = None

    def stop(*_args: object) -> None:
        for proc in [*procs, *([nginx] if nginx else [])]:
            if proc.poll() is None:
                proc.terminate()
        for proc in [*procs, *([nginx] if nginx else [])]:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        (run / "pids").unlink(missing_ok=True)
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        for p, proc in zip(ports, procs, strict=True):
            wait_healthy(f"http://127.0.0.1:{p}", alive=lambda proc=proc: proc.poll() is None)
            warm(f"http://127.0.0.1:{p}")  # data loaded before the first visitor comes
        conf = nginx_conf(run, ports, address, port)
        nginx = subprocess.Popen(
            ["nginx", "-p", str(run), "-c", str(conf), "-g", "daemon off;"], cwd=run
        )
        (run / "pids").write_text(" ".join(str(p.pid) for p in procs))
        wait_healthy(f"http://127.0.0.1:{port}", alive=lambda: nginx.poll() is None)
        shown = "localhost" if address in ("127.0.0.1", "0.0.0.0") else address
        print(f"Marittimo Map: http://{shown}:{port} ({replicas} replicas behind nginx)")
        while all(proc.poll() is None for proc in [*procs, nginx]):
            time.sleep(1)
        print("a process stopped: stopping the others", file=sys.stderr)
    finally:
        stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--address", default=os.environ.get("MARITTIMO_ADDRESS", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--script", type=Path, default=ROOT / "app.py")
    parser.add_argument("--run-dir", type=Path, default=ROOT / ".run" / "serve")
    args = parser.parse_args()
    serve(args.script, args.replicas, args.address, args.port, args.run_dir.resolve())


if __name__ == "__main__":
    main()
