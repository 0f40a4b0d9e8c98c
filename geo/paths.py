"""Where the app finds its data: ``data/`` beside the code, or ``MARITTIMO_DATA_DIR``."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_ENV = "MARITTIMO_DATA_DIR"


def data_dir() -> Path:
    """The data directory: ``$MARITTIMO_DATA_DIR`` when set (a planner's own registry in the
    same format), else the bundled ``data/``."""
    configured = os.environ.get(DATA_ENV, "").strip()
    return Path(configured).expanduser() if configured else ROOT / "data"


def basemap_file() -> Path:
    """The offline basemap; it is part of the app, not of a planner's data, so always bundled."""
    return ROOT / "data" / "basemap.geojson"


def data_file(data_dir: Path, name: str) -> Path:
    """``name`` in ``data_dir`` when it is there, else the bundled one: a planner's directory
    may hold only its own points and reuse the shipped regions and catalogue."""
    own = data_dir / name
    return own if own.exists() else ROOT / "data" / name


Signature = tuple[tuple[str, int, int], ...]


def data_signature(folder: Path) -> Signature:
    """Names, modification times (in nanoseconds) and sizes of the data files in ``folder``
    and of the bundled files it falls back to: caches keyed by it reload when a file is
    edited, added or removed, without reading every file on every page load."""
    files = {p.name: p for p in (ROOT / "data").glob("*") if p.suffix in (".json", ".geojson")}
    files |= {p.name: p for p in folder.glob("*") if p.suffix in (".json", ".geojson")}
    stats = {name: path.stat() for name, path in sorted(files.items())}
    return tuple((name, st.st_mtime_ns, st.st_size) for name, st in stats.items())
