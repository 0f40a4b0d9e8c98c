"""Files that once crashed or lost data: each is read, the problem named, the rest kept.

Every case writes a small data folder (or an upload) in code and goes through the same entry
points a maintainer or a planner uses: ``python -m geo check``, ``load_dataset`` (the app),
``export-html`` and ``check_upload``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from geo import reading
from geo.__main__ import main
from geo.load import load_catalogue, load_dataset
from geo.tabular import read_csv
from geo.upload import check_upload

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = load_catalogue(ROOT / "data")[0]


def feature(id_: str, coordinates: object = (10.31, 43.55), **props: object) -> dict:
    properties = {"id": id_, "name": f"Place {id_}", "kind": "partner", "projects": ["festa"]}
    properties |= {"sources": ["https://example.org/s"], **props}
    geometry = {"type": "Point", "coordinates": coordinates}
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def collection(*features: dict) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


def folder_with(tmp_path: Path, **files: str | bytes) -> Path:
    """A data folder with the shipped files, some replaced (``partners_geojson=...``)."""
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder, ignore=shutil.ignore_patterns("reference", "schema"))
    for name, content in files.items():
        path = folder / name.replace("_geojson", ".geojson").replace("_json", ".json")
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return folder


def check_out(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(args)
    return code, capsys.readouterr().out.splitlines()


# --- numbers, nesting, size, encoding ----------------------------------------------------


@pytest.mark.parametrize(
    "raw", ["1" + "0" * 400, "9" * 5000, "-" + "9" * 5000, "1e999"], ids=["1e400", "5000", "-", "e"]
)
def test_huge_numbers_cost_their_feature(
    tmp_path: Path, raw: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text = collection(feature("good"), feature("bad", [0, 43.55]))
    path = tmp_path / "points.geojson"
    path.write_text(text.replace("[0, 43.55]", f"[{raw}, 43.55]"))
    code, lines = check_out(["check", str(path)], capsys)
    assert code == 1
    assert lines[0].startswith(f"{path}: feature 'bad' (#1): geometry: error: coordinates")
    assert "not finite" in lines[0] and len(lines[0]) < 200
    assert lines[-1].startswith("kept 1 feature")


def test_deep_nesting_is_an_unreadable_file_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "deep.geojson"
    path.write_text("[" * 100_000 + "]" * 100_000)
    code, lines = check_out(["check", str(path)], capsys)
    assert code == 2
    assert lines[0] == f"{path}: error: invalid JSON: nested too deeply"


def test_nested_property_costs_its_feature(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep: object = "x"
    for _ in range(500):
        deep = {"a": deep}
    path = tmp_path / "p.geojson"
    path.write_text(collection(feature("good"), feature("bad", remarks=deep)))
    code, lines = check_out(["check", str(path)], capsys)
    assert code == 1
    assert "feature 'bad' (#1): error: property 'remarks' must be text" in lines[0]


def test_file_over_the_size_limit_is_refused_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 1024 * 1024)
    path = tmp_path / "big.geojson"
    path.write_text(collection(*(feature(f"f{i}") for i in range(8000))))
    code, lines = check_out(["check", str(path)], capsys)
    assert code == 2
    assert lines[0].startswith(f"{path}: error: file too large:") and "(limit 1 MB)" in lines[0]


def test_byte_order_mark_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bom.geojson"
    path.write_bytes(b"\xef\xbb\xbf" + collection(feature("a"), feature("b")).encode())
    code, lines = check_out(["check", str(path)], capsys)
    assert code == 0 and lines[-1].startswith("kept 2 features")


def test_coordinates_as_text_are_said_to_be_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.geojson"
    path.write_text(collection(feature("a", "10.31, 43.55")))
    _code, lines = check_out(["check", str(path)], capsys)
    assert "coordinates must be [longitude, latitude] numbers, got '10.31, 43.55'" in lines[0]


# --- ids -----------------------------------------------------------------------------------


def test_feature_id_differing_from_properties_id_names_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.geojson"
    path.write_text(collection(feature("good"), {**feature("inner"), "id": "outer"}))
    code, lines = check_out(["check", str(path)], capsys)
    assert code == 1
    assert lines[0] == (
        f"{path}: feature 'outer' (#1): id: error: "
        "Feature id 'outer' differs from properties.id 'inner'"
    )


def test_same_id_in_both_point_files_names_both(tmp_path: Path) -> None:
    folder = folder_with(
        tmp_path,
        partners_geojson=collection(feature("twin"), feature("p2")),
        enterprises_geojson=collection(feature("twin", kind="enterprise"), feature("e2")),
    )
    dataset = load_dataset(folder)
    assert sorted(dataset.points["id"]) == ["e2", "p2", "twin"]
    [problem] = [p for p in dataset.problems if p.severity == "error"]
    assert str(problem) == (
        f"{folder}/enterprises.geojson: feature 'twin' (#0): id: error: duplicate id: "
        f"already used in {folder}/partners.geojson, feature 'twin' (#0)"
    )


# --- boundary and catalogue files ----------------------------------------------------------


@pytest.mark.parametrize("name", ["regions.geojson", "eligible_area.geojson"])
@pytest.mark.parametrize("content", [b"", b'{"type": "FeatureCollection", "features": [{"ty'])
def test_broken_boundary_file_keeps_every_place(
    tmp_path: Path, name: str, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = folder_with(tmp_path, **{name.replace(".", "_"): content})
    dataset = load_dataset(folder)
    assert len(dataset.points) == 75 and len(dataset.unlocated) == 53
    assert [Path(p.file).name for p in dataset.unreadable] == [name]
    assert dataset.unreadable[0].line == 1
    code, lines = check_out(["check", str(folder / name)], capsys)
    assert code == 2 and lines[0].startswith(f"{folder / name}: error: invalid JSON")


def test_export_html_says_the_map_is_incomplete(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = folder_with(tmp_path, regions_geojson=b"{", projects_json=b"[")
    monkeypatch.setenv("MARITTIMO_DATA_DIR", str(folder))
    out = tmp_path / "map.html"
    assert main(["export-html", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith(f"wrote {out}") and "75 places" in captured.out
    errors = captured.err.splitlines()
    assert errors[0].startswith(f"incomplete map: {folder}/regions.geojson: error: invalid JSON")
    assert errors[1].startswith(f"incomplete map: {folder}/projects.json: error: invalid JSON")
    assert out.stat().st_size > 100_000


def test_three_regions_still_make_a_map(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    regions = json.loads((ROOT / "data" / "regions.geojson").read_text(encoding="utf-8"))
    regions["features"] = regions["features"][:3]
    folder = folder_with(tmp_path, regions_geojson=json.dumps(regions))
    monkeypatch.setenv("MARITTIMO_DATA_DIR", str(folder))
    assert main(["export-html", str(tmp_path / "m.html")]) == 0
    dataset = load_dataset(folder)
    assert len(dataset.regions) == 3 and "regions missing" in str(dataset.problems[0])


def test_corrupt_projects_file_keeps_places_and_lists_their_references(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, projects_json='[{"id": "festa", "short_n')
    dataset = load_dataset(folder)
    assert len(dataset.points) + len(dataset.unlocated) == 128
    assert [Path(p.file).name for p in dataset.unreadable] == ["projects.json"]
    warnings = [p for p in dataset.problems if p.field == "projects"]
    assert warnings and all(p.severity == "warning" for p in warnings)
    assert "not checked: projects.json could not be read" in warnings[0].message


# --- uploads -------------------------------------------------------------------------------

HEADER = "id,name,kind,projects,municipality,lon,lat,sources"


def upload(text: str | bytes, name: str = "mine.csv"):
    content = text.encode("utf-8") if isinstance(text, str) else text
    return check_upload(name, content, CATALOGUE)


def test_csv_with_extra_columns_keeps_its_rows() -> None:
    checked = upload(
        f"{HEADER},remarks,owner\n"
        "a,Uno,partner,festa,Livorno,10.31,43.55,https://e.org/1,hello,me\n"
        "b,Due,partner,festa,Livorno,10.31,43.55,https://e.org/2,,,extra,cells\n"
    )
    assert [r.properties.id for r in checked.records] == ["a", "b"]


def test_csv_with_only_a_name_and_bad_sources() -> None:
    checked = upload("id,name,sources\na,Uno,www.e.org/1\nb,Due,\nc,Tre,not a link\n")
    assert [r.properties.id for r in checked.records] == ["a", "b", "c"]  # the file is a source
    assert str(checked.records[0].properties.sources[0]) == "https://www.e.org/1"
    assert checked.records[2].properties.sources == []  # what is not a link is left out
    said = [str(p) for p in checked.problems if p.field == "sources"]
    assert said == [
        "mine.csv: row 4: sources: warning: 'not a link' could not be read (Input should be a "
        "valid URL, relative URL without a base), so it was left out"
    ]


def test_one_enormous_cell_costs_its_row_only() -> None:
    long_name = "x" * 200_000
    checked = upload(
        f"{HEADER}\n"
        f"a,{long_name},partner,festa,Livorno,10.31,43.55,https://e.org/1\n"
        "b,Due,partner,festa,Livorno,10.31,43.55,https://e.org/2\n"
    )
    assert [r.properties.id for r in checked.records] == ["b"]
    assert "row 2: name: error: String should have at most 300" in str(checked.problems[0])


@pytest.mark.parametrize(("text", "message"), [(b"", "the file is empty"), (b"\n  \n", "empty")])
def test_empty_upload_is_said(text: bytes, message: str) -> None:
    checked = upload(text)
    assert not checked.readable and message in str(checked.problems[0])


def test_rows_beyond_the_limit_are_said(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("geo.tabular.MAX_ROWS", 3)
    rows = "".join(f"r{i},N{i},partner,festa,L,10.3,43.5,https://e.org\n" for i in range(5))
    checked = upload(f"{HEADER}\n{rows}")
    assert len(checked.records) == 3
    assert "more than 3 rows: the rows after row 4 are not read" in str(checked.problems[0])


def test_oversized_upload_is_refused_with_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 10)
    checked = check_upload("big.csv", b"x" * 100, CATALOGUE)
    assert not checked.readable and "file too large" in str(checked.problems[0])


def test_broken_quote_costs_its_rows_not_the_file() -> None:
    table = read_csv(f'{HEADER}\na,"Uno,partner\n'.encode(), "q.csv")
    assert table.problems == [] or "not readable as CSV" in str(table.problems[0])
    assert table.header == HEADER.split(",")


def test_geojson_upload_with_a_bom_and_huge_numbers() -> None:
    text = collection(feature("a"), feature("b", [10**400, 43.5]))
    checked = upload(b"\xef\xbb\xbf" + text.encode(), "mine.geojson")
    assert [(r.properties.id, r.lon is not None) for r in checked.records] == [
        ("a", True),
        ("b", False),  # kept, listed without a place
    ]
    assert "not finite" in str(checked.problems[0])
