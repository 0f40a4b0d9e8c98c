"""The checks, one bad file each (tests/fixtures/bad/), through the CLI a maintainer runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo import validate
from geo.__main__ import check, main
from geo.load import load_catalogue
from geo.validate import Checked, check_features, check_point

BAD = Path(__file__).parent / "fixtures" / "bad"

# file -> (exit code, text every problem line must name, features kept)
CASES: dict[str, tuple[int, str, int]] = {
    "invalid_json.geojson": (2, "invalid JSON: Expecting property name", 0),
    "not_utf8.geojson": (2, "not UTF-8", 0),
    "not_collection.geojson": (1, "not a GeoJSON FeatureCollection (type: Feature)", 0),
    "crs_unknown.geojson": (1, "crs: error: unknown CRS 'EPSG:999999'", 0),
    "missing_id.geojson": (1, "feature #1: id: error: missing", 1),
    "duplicate_id.geojson": (1, "feature 'good' (#1): id: error: duplicate id", 1),
    "missing_name.geojson": (1, "feature 'bad' (#1): name: error: missing", 1),
    "polygon_geometry.geojson": (1, "geometry: error: expected a Point geometry, got Polygon", 1),
    "empty_coordinates.geojson": (1, "geometry: error: empty coordinates", 1),
    "nan_coordinates.geojson": (1, "geometry: error: coordinates are not finite numbers", 1),
    "out_of_range.geojson": (1, "coordinates out of range [1147000.5, 4829000.25]", 1),
    "swapped.geojson": (1, "latitude and longitude look swapped", 1),
    "unknown_project.geojson": (1, "projects: error: unknown project 'qm-exprot'", 1),
    "unknown_economy.geojson": (1, "economy: error: unknown economy type 'purple'", 1),
    "unknown_certification.geojson": (1, "certification: error: Input should be", 1),
    "unknown_kind.geojson": (1, "kind: error: Input should be 'office', 'partner'", 1),
    "no_sources.geojson": (1, "feature 'bad' (#1): sources: error: missing", 1),
    "outside_area.geojson": (0, "feature 'paris' (#1): geometry: warning: outside", 2),
    "crs_declared.geojson": (0, "crs: warning: reprojected from EPSG:3003", 1),
}


@pytest.mark.parametrize(("name", "expected"), CASES.items(), ids=list(CASES))
def test_each_bad_file_is_named_and_loses_nothing_valid(
    name: str, expected: tuple[int, str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    code, text, kept = expected
    path = BAD / name
    assert main(["check", str(path)]) == code
    lines = capsys.readouterr().out.splitlines()
    problems, summary = lines[:-1], lines[-1]
    assert len(problems) == 1, lines
    assert problems[0].startswith(f"{path}: ")
    assert text in problems[0]
    assert summary.startswith(f"kept {kept} feature")


def test_whole_corpus_at_once_exits_2_and_reports_every_file() -> None:
    report = check(sorted(BAD.glob("*.geojson")))
    assert report.exit_code == 2
    named = {Path(p.file).name for p in report.problems}
    assert named == set(CASES)


def test_reprojected_point_lands_where_it_should() -> None:
    report = check([BAD / "crs_declared.geojson"])
    assert report.located == 1 and report.exit_code == 0


def test_hostile_text_is_valid_data() -> None:
    # Escaping is the map's job; the validator must not reject or alter such names.
    report = check([BAD / "hostile_text.geojson"])
    assert report.exit_code == 0 and report.located == 2


def test_null_geometry_is_not_located_not_an_error() -> None:
    assert check_point(None, None) == (None, "")


@pytest.mark.parametrize(
    ("coords", "reason"),
    [
        ([10.3, 43.5], ""),
        ([10.3], "must be [longitude, latitude]"),
        (["10.3", "43.5"], "must be [longitude, latitude]"),
        ([True, 43.5], "must be [longitude, latitude]"),
        ([10.3, 95.0], "out of range"),
        ([float("inf"), 43.5], "not finite"),
        ([41.2, 9.4], "look swapped"),
        ([2.35, 48.86], ""),  # Paris: valid, outside the area (a warning elsewhere)
    ],
)
def test_check_point(coords: list[object], reason: str) -> None:
    _point, got = check_point({"type": "Point", "coordinates": coords}, None)
    assert reason in got and (reason or not got)


def test_cli_checks_default_data_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MARITTIMO_DATA_DIR", str(tmp_path))
    assert main(["check"]) == 2  # an empty directory: no partners or enterprises files
    assert "partners.geojson: error: file not found" in capsys.readouterr().out


def test_shipped_data_checks_clean(capsys: pytest.CaptureFixture[str]) -> None:
    data = Path(__file__).resolve().parent.parent / "data"
    assert main(["check", str(data)]) == 0
    out = capsys.readouterr().out.splitlines()
    # The one warning: CCIFM is in Marseille, outside the area, and a valid partner.
    assert out[:-1] == [
        f"{data}/partners.geojson: feature 'ccifm' (#2): geometry: warning: "
        "outside the cooperation area ([5.38107, 43.297])"
    ]
    assert out[-1] == "kept 128 features (75 located, 53 not located); 0 errors, 1 warning"


def _records(result: Checked) -> list[tuple]:
    return [(r.properties.model_dump(), r.lon, r.lat, r.position, r.label) for r in result.records]


def _both_ways(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Checked, Checked]:
    """A file checked all at once (the fast path) and feature by feature."""
    context = load_catalogue(Path("data"))[0].context()
    fast = check_features(path, context)
    with monkeypatch.context() as patch:
        patch.setattr(validate, "_all_valid", lambda *args: None)
        slow = check_features(path, context)
    return fast, slow


@pytest.mark.parametrize("name", ["partners.geojson", "enterprises.geojson"])
def test_a_valid_file_checked_at_once_gives_what_feature_by_feature_gives(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, slow = _both_ways(Path("data") / name, monkeypatch)
    assert not slow.problems and _records(fast) == _records(slow) and fast.records


@pytest.mark.parametrize(
    "geometry",
    [
        {"type": "Point", "coordinates": [9, 42]},  # integers
        {"type": "Point", "coordinates": [9.5, 42.5, 120.0]},  # with an elevation
        None,  # not located
        {"type": "Point", "coordinates": [42.5, 9.5]},  # swapped: said, by the slow path
        {"type": "Point", "coordinates": [float("nan"), 42.5]},
        {"type": "Point", "coordinates": [10**400, 42.5]},
        {"type": "LineString", "coordinates": [[9, 42], [9, 43]]},
    ],
)
def test_every_form_of_a_feature_gets_the_same_answer_both_ways(
    geometry: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = {
        "id": "a",
        "name": "A",
        "kind": "partner",
        "sources": ["https://example.org/a"],
        "projects": ["festa"],
    }
    features = [
        {
            "type": "Feature",
            "properties": good,
            "geometry": {"type": "Point", "coordinates": [9.1, 42.1]},
        },
        {"type": "Feature", "properties": {**good, "id": "b"}, "geometry": geometry},
    ]
    path = tmp_path / "f.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    fast, slow = _both_ways(path, monkeypatch)
    assert _records(fast) == _records(slow)
    assert [p.message for p in fast.problems] == [p.message for p in slow.problems]


def _one(properties: dict[str, object]) -> Checked:
    feature = {
        "type": "Feature",
        "properties": {"name": "A", "kind": "partner", "sources": ["https://example.org/a"]}
        | properties,
        "geometry": {"type": "Point", "coordinates": [9.1, 42.1]},
    }
    context = load_catalogue(Path("data"))[0].context()
    result = Checked(Path("f.geojson"))
    return validate.check_collection(
        result, {"type": "FeatureCollection", "features": [feature]}, context
    )


@pytest.mark.parametrize(("raw", "read"), [(7, "7"), (7.5, "7.5"), (" a ", "a")])
def test_a_numeric_id_is_read_as_text(raw: object, read: str) -> None:
    (record,) = _one({"id": raw}).records
    assert record.properties.id == read


def test_true_is_not_an_id() -> None:
    result = _one({"id": True})
    assert not result.records and [p.field for p in result.problems] == ["id"]


@pytest.mark.parametrize(
    ("value", "kept"),
    [("x", "x"), (3, 3), (None, None), ([1, "b", None], [1, "b", None]), (" y ", "y")],
)
def test_a_plain_property_the_format_does_not_define_is_kept(value: object, kept: object) -> None:
    (record,) = _one({"id": "a", "remarks": value}).records
    assert record.properties.model_dump()["remarks"] == kept


@pytest.mark.parametrize("value", [{"a": 1}, [[1]], [{"a": 1}]])
def test_a_nested_property_is_one_problem_that_names_it(value: object) -> None:
    result = _one({"id": "a", "remarks": value})
    assert not result.records
    assert [p.message for p in result.problems] == [
        "property 'remarks' must be text, a number, true/false or a list of those"
    ]


def test_an_empty_website_is_not_stated() -> None:
    (record,) = _one({"id": "a", "website": ""}).records
    assert record.properties.website is None
