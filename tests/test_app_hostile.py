"""The page with hostile links and broken data folders, without a browser (AppTest): links
are data, not markup, and a file that cannot be read is said at the top, not hidden."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui.data import LOOKED_FOR

ROOT = Path(__file__).resolve().parent.parent
#: Markdown and HTML a shared link could carry, one per parameter.
PAYLOADS = {
    "project": "[Click here](http://evil.example/login)",
    "economy": "![tracker](http://evil.example/pixel.png)",
    "region": '<img src="http://evil.example/x.png" onerror="alert(1)">',
    "cert": "**Urgent**: visit www.evil.example",
    "kind": "<script>alert(1)</script>",
    "q": "<b>bold</b> [x](javascript:alert(1)) {{7*7}}",
    "lang": "<i>fr</i>",
    "present": "<style>*{display:none}</style>",
    "at": '7/42/9"><script>alert(1)</script>',
}


def run(query: dict[str, str], env: dict[str, str] | None = None) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in query.items():
        app.query_params[key] = value
    return app.run()


def map_components(app: AppTest) -> list:
    return [e for e in app.get("component_instance") if "folium" in e.proto.component_name]


def markup_elements(app: AppTest) -> list[str]:
    """Every text the page renders as Markdown (or HTML): what a link must never reach."""
    kinds = ("markdown", "warning", "error", "info", "caption", "title", "header", "subheader")
    return [str(getattr(e, "value", "")) for kind in kinds for e in app.get(kind)]


@pytest.mark.parametrize(("param", "value"), PAYLOADS.items(), ids=list(PAYLOADS))
def test_hostile_link_values_are_plain_text_and_the_map_stays(param: str, value: str) -> None:
    app = run({param: value})
    assert not app.exception
    assert len(map_components(app)) == 1
    traces = ("evil", "alert(", "display:none", "<b>", "<i>")  # raw, not URL-encoded
    assert not any(t in text for text in markup_elements(app) for t in traces)


def test_every_parameter_hostile_at_once() -> None:
    app = run(PAYLOADS)
    assert not app.exception and len(map_components(app)) == 1
    shown = "\n".join(t.value for t in app.text)
    for param in ("project", "economy", "region", "cert", "kind", "lang", "present", "at"):
        assert f"{param}={PAYLOADS[param]}" in shown
    assert app.text_input(key="filter_q").value == PAYLOADS["q"]


def test_long_search_in_a_link_is_cut_not_a_crash() -> None:
    app = run({"q": "a" * 5000, "lang": "en"})
    assert not app.exception and len(map_components(app)) == 1
    assert len(app.text_input(key="filter_q").value) == 100


@pytest.fixture
def broken_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder, ignore=shutil.ignore_patterns("reference", "schema"))
    text = (folder / "partners.geojson").read_text(encoding="utf-8")
    (folder / "partners.geojson").write_text(text[:17000], encoding="utf-8")
    monkeypatch.setenv("MARITTIMO_DATA_DIR", str(folder))
    return folder


def test_unreadable_shipped_file_is_a_notice_at_the_top(broken_folder: Path) -> None:
    app = run({"lang": "en"})
    assert not app.exception and len(map_components(app)) == 1
    [error] = app.error
    assert error.value.startswith(
        "Partner offices and project partners could not be loaded: partners.geojson, line "
    )
    assert str(broken_folder) not in error.value  # no server path for visitors
    assert "**32** of 32 places shown" in [m.value for m in app.markdown]  # enterprises kept


def test_data_problems_are_for_the_maintainer_only(monkeypatch: pytest.MonkeyPatch) -> None:
    app = run({"lang": "en"})
    assert not [e for e in app.expander if "Data problems" in e.label]
    monkeypatch.setenv("MARITTIMO_MAINTAINER", "1")
    app = run({"lang": "en"})
    [problems] = [e for e in app.expander if "Data problems" in e.label]
    assert "ccifm" in problems.text[0].value


def test_file_fixed_on_disk_is_picked_up_on_the_next_load(broken_folder: Path) -> None:
    assert run({"lang": "en"}).error  # the cut file is said
    shutil.copy(ROOT / "data" / "partners.geojson", broken_folder / "partners.geojson")
    time.sleep(LOOKED_FOR + 0.1)  # the folder is looked at no more than once a second
    app = run({"lang": "en"})
    assert not app.error
    assert "**75** of 75 places shown" in [m.value for m in app.markdown]


@pytest.mark.parametrize("text", ['<img src=x onerror="alert(1)">', "{{7*7}}", "x" * 500, "Bastia"])
def test_hostile_town_search_is_text(text: str) -> None:
    app = run({"lang": "en"})
    app.text_input(key="town").set_value(text).run()
    assert not app.exception and len(map_components(app)) == 1
    assert not any("onerror" in t for t in markup_elements(app))
    verdicts = [h.proto.body for h in app.get("html") if "mm-verdict" in h.proto.body]
    assert all("<img" not in v for v in verdicts)
