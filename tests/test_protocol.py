"""The warm-up beside ``streamlit run`` finds the port the app listens on."""

from __future__ import annotations

import pytest

from scripts.protocol import port_of


@pytest.mark.parametrize(
    ("options", "port"),
    [
        ([], 8501),
        (["--server.port", "8600"], 8600),
        (["--server.headless", "true", "--server.port=8700"], 8700),
    ],
)
def test_port_of_the_options(options: list[str], port: int) -> None:
    assert port_of(options) == port


def test_port_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STREAMLIT_SERVER_PORT", "8800")
    assert port_of(["--server.headless", "true"]) == 8800
