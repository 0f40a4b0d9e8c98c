"""Text from the data is never template source: not in the live map, the one-file export or
``export-html`` (issue: a name ``{{7*7}}`` came out as ``49``, and ``{#`` stopped the page)."""

from __future__ import annotations

import ast
import html
import json
import re
from pathlib import Path

import folium
import pytest
from streamlit_folium import _get_feature_group_string, _get_map_string

from geo import assets
from geo.__main__ import main
from geo.export import map_file
from geo.i18n import translator
from geo.load import load_dataset
from geo.mapview import base_map, region_shapes, view_layers
from geo.markers import places_payload

ROOT = Path(__file__).resolve().parent.parent
#: Jinja, JavaScript template and HTML payloads; each must come out as the same text.
HOSTILE = [
    "{{7*7}}",
    '{{ "ev" ~ "aluated" }}',
    "{{ lipsum.__globals__.os.getcwd() }}",
    '{% for x in "ab" %}loop{{ x }}{% endfor %}',
    "{# an unclosed comment",
    "${7*7}",
    "{%- raw %}",
    "</script><script>window.pwned = 1</script>",
    '<img src=x onerror="window.pwned = 1">',
]
#: Markdown a Streamlit label would render (an image fetched from elsewhere, a link, colour,
#: formula): given to the economy types, which the filters show as pills.
MARKDOWN = [
    "![x](http://evil.example/e.png)",
    "[Log in](http://evil.example/login)",
    ":red[**alarm**] $x^2$ :material/warning:",
]
#: What the page would hold if a payload had been evaluated on the server.
EVALUATED = ["evaluated", str(ROOT), "loopa"]
TEXT_FIELDS = ("name", "address", "municipality", "description", "role", "source_date")


def hostile_folder(tmp_path: Path) -> Path:
    """A data folder whose every text — places, projects, economy types, regions and the
    eligible area — holds a template or markup payload."""
    folder = tmp_path / "data"
    folder.mkdir()
    partners = json.loads((ROOT / "data" / "partners.geojson").read_text(encoding="utf-8"))
    features = []
    for i, text in enumerate(HOSTILE):
        feature = next(f for f in partners["features"] if f["geometry"])
        props = {**feature["properties"], **dict.fromkeys(TEXT_FIELDS, text), "id": f"h{i}"}
        props["website"] = "https://example.org/?q=" + text.replace(" ", "%20").replace("#", "")
        features.append({**feature, "id": f"h{i}", "properties": props})
    collection = {"type": "FeatureCollection", "features": features}
    (folder / "partners.geojson").write_text(json.dumps(collection), encoding="utf-8")
    (folder / "enterprises.geojson").write_text('{"type": "FeatureCollection", "features": []}')
    projects = json.loads((ROOT / "data" / "projects.json").read_text(encoding="utf-8"))
    for project, text in zip(projects, HOSTILE * 10, strict=False):
        project.update(short_name=text, full_name=text)
    (folder / "projects.json").write_text(json.dumps(projects), encoding="utf-8")
    regions = json.loads((ROOT / "data" / "regions.geojson").read_text(encoding="utf-8"))
    for region, text in zip(regions["features"], HOSTILE, strict=False):
        region["properties"].update(name_it=text, name_fr=text, name_en=text)
    (folder / "regions.geojson").write_text(json.dumps(regions), encoding="utf-8")
    eligible = json.loads((ROOT / "data" / "eligible_area.geojson").read_text(encoding="utf-8"))
    for unit, text in zip(eligible["features"], HOSTILE * 3, strict=False):
        unit["properties"]["name"] = text
    (folder / "eligible_area.geojson").write_text(json.dumps(eligible), encoding="utf-8")
    economy = json.loads((ROOT / "data" / "economy_types.json").read_text(encoding="utf-8"))
    for economy_type, text in zip(economy, MARKDOWN, strict=False):
        economy_type["label"] = dict.fromkeys(("it", "fr", "en"), text)
    (folder / "economy_types.json").write_text(json.dumps(economy), encoding="utf-8")
    return folder


def assert_literal(page: str) -> None:
    """Every payload is in the page as text, and none was evaluated or left as markup."""
    decoded = html.unescape(
        re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m[1], 16)), page).replace('\\"', '"')
    )
    for text in HOSTILE:
        assert text in decoded, text
    for trace in EVALUATED:
        assert trace not in page, trace
    assert "<script>window.pwned" not in page and "<img src=x" not in page


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile_folder(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def static_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("static")
    assets.install(folder)
    return folder


def test_hostile_folder_loads_every_place(folder: Path) -> None:
    dataset = load_dataset(folder)
    assert len(dataset.points) == len(HOSTILE) and not dataset.unreadable


@pytest.mark.parametrize("lang", ["it", "fr", "en"])
def test_live_map_keeps_data_text_literal(folder: Path, lang: str) -> None:
    """What streamlit-folium sends: the base map and the layers, rendered as it does."""
    dataset = load_dataset(folder)
    _ = translator(lang)
    shapes = {"data": region_shapes(dataset.regions, lang)}
    fmap = base_map(
        dataset.regions, _, basemap={"url": "/l"}, eligible_area={"url": "/e"}, shapes=shapes
    )
    fmap.get_root().render()
    page = fmap.get_root().render() + _get_map_string(fmap)
    keep = dataset.points["kind"] != "enterprise"
    source = {"url": "/app/static/data/places.json"}
    layers = view_layers(dataset.points, keep, source, dataset.regions, dataset.catalogue, lang, _)
    page += "".join(_get_feature_group_string(g, fmap, i) for i, g in enumerate(layers))
    # The places travel in their own file, fetched by the browser: the same text, escaped.
    page += json.dumps(places_payload(dataset.points, [], []))
    assert_literal(page)


def test_one_file_export_keeps_data_text_literal(folder: Path, static_dir: Path) -> None:
    dataset = load_dataset(folder)
    land = {"type": "FeatureCollection", "features": []}
    page = map_file(
        dataset, dataset.points, "en", translator("en"), basemap=land, static_dir=static_dir
    )
    assert_literal(page.decode("utf-8"))


def test_export_html_command_keeps_data_text_literal(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MARITTIMO_DATA_DIR", str(folder))
    out = tmp_path / "map.html"
    assert main(["export-html", str(out), "--view", "lang=fr"]) == 0
    assert_literal(out.read_text(encoding="utf-8"))


def test_region_names_are_text_in_tooltips(folder: Path) -> None:
    """The tooltip is built with textContent, never innerHTML, whatever the name."""
    dataset = load_dataset(folder)
    fmap = base_map(
        dataset.regions,
        translator("en"),
        basemap={"url": "/l"},
        eligible_area={"url": "/e"},
        shapes={"data": region_shapes(dataset.regions, "en")},
    )
    page = fmap.get_root().render()
    assert "tip.textContent = String(layer.feature.properties[" in page
    assert "innerHTML" not in page.split("bindTooltip", 1)[1].split("});", 1)[0]


def test_folium_alone_would_evaluate_it() -> None:
    """The guard is needed: a plain folium element evaluates ``{{7*7}}`` from its data."""
    fmap = folium.Map(tiles=None)
    folium.Marker([43.5, 10.3], tooltip="{{7*7}}").add_to(fmap)
    assert "49" in fmap.get_root().render()
    assert "{{7*7}}" not in fmap.get_root().render()


# --- a lint: templates and elements are built from constants only -------------------------

BUILDERS = {"Template", "Element", "from_string"}
SOURCES = [ROOT / "app.py", *sorted((ROOT / "geo").glob("*.py"))]


def _module_constants(path: Path) -> set[str]:
    """Names bound at module level to a string literal (or an f-string or sum of such
    names), including those imported from another module of the package where they are."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("geo."):
            source = ROOT / Path(*node.module.split(".")).with_suffix(".py")
            names |= {a.name for a in node.names} & _module_constants(source)
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if _constant(node.value, names):
                names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def _constant(node: ast.expr, names: set[str]) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.Name):
        return node.id in names
    if isinstance(node, ast.JoinedStr):
        return all(
            isinstance(v, ast.Constant) or _constant(v.value, names)  # type: ignore[attr-defined]
            for v in node.values
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _constant(node.left, names) and _constant(node.right, names)
    return False


def _builder_calls(path: Path) -> list[tuple[int, bool]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = _module_constants(path)
    calls = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        if name in BUILDERS:
            args = [*node.args, *(k.value for k in node.keywords)]
            calls.append((node.lineno, all(_constant(a, constants) for a in args)))
    return calls


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_templates_and_elements_are_built_from_constants(path: Path) -> None:
    offending = [line for line, constant in _builder_calls(path) if not constant]
    assert not offending, f"{path.name}: Template/Element built from a non-constant at {offending}"


def test_the_lint_sees_a_non_constant(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("X = 'a'\nElement(X)\nTemplate(name)\nElement(f'{X}')\nElement(f'{y}')\n")
    assert _builder_calls(bad) == [(2, True), (3, False), (4, True), (5, False)]


def test_no_jinja_environment_reads_files_of_the_data() -> None:
    """No module builds a Jinja environment or loader of its own."""
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        assert "jinja2" not in text and "FileSystemLoader" not in text, path.name
