import re
from pathlib import Path

import pytest

from geo.__main__ import main


def test_export_html_writes_one_offline_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sardegna.html"
    assert main(["export-html", str(out), "--view", "?region=ITG2&lang=fr&project=nope"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"wrote {out}") and "20 places, fr; ignored project='nope'" in line
    page = out.read_text(encoding="utf-8")
    assert not re.findall(r"<script[^>]*\ssrc=|<link[^>]*stylesheet", page)
    assert "Sardaigne" in page and '"url":' not in page  # nothing to fetch: all embedded
