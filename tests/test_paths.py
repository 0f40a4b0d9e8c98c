import os
from pathlib import Path

import pytest

from geo.paths import ROOT, data_dir, data_file, data_signature


def test_data_dir_default_and_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("MARITTIMO_DATA_DIR", raising=False)
    assert data_dir() == ROOT / "data"
    monkeypatch.setenv("MARITTIMO_DATA_DIR", str(tmp_path))
    assert data_dir() == tmp_path


def test_data_file_falls_back_to_bundled(tmp_path: Path) -> None:
    (tmp_path / "partners.geojson").write_text("{}")
    assert data_file(tmp_path, "partners.geojson") == tmp_path / "partners.geojson"
    assert data_file(tmp_path, "regions.geojson") == ROOT / "data" / "regions.geojson"


def test_signature_changes_when_a_geojson_changes(tmp_path: Path) -> None:
    (tmp_path / "partners.geojson").write_text("{}")
    (tmp_path / "notes.txt").write_text("ignored")
    before = data_signature(tmp_path)
    assert "notes.txt" not in [name for name, _t, _s in before]
    (tmp_path / "partners.geojson").write_text('{"type": "FeatureCollection"}')
    (tmp_path / "projects.json").write_text("[]")
    after = data_signature(tmp_path)
    assert after != before and len(after) == len(before)


def test_signature_follows_an_edit_of_the_same_size(tmp_path: Path) -> None:
    """A file fixed on disk (same length, a moment later) is picked up on the next load."""
    path = tmp_path / "partners.geojson"
    path.write_text('{"a": 1}')
    before = data_signature(tmp_path)
    path.write_text('{"a": 2}')
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1))
    assert data_signature(tmp_path) != before
