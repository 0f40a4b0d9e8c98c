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


Signature = tuple[tuple[str, float, int], ...]


def data_signature(folder: Path) -> Signature:
    """Names, modification times and sizes of the data files in ``folder``: caches keyed by it
    reload when a planner edits, adds or removes a file."""
    files = sorted(p for p in folder.glob("*") if p.suffix in (".json", ".geojson"))
    return tuple((p.name, p.stat().st_mtime, p.stat().st_size) for p in files)
