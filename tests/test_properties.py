"""Property-based tests: the readers and the validator take generated junk and hostile text
without raising, and never lose a valid feature that sits among bad ones."""

from __future__ import annotations

import csv
import io
import json
import math
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from geo.export import _defused, spreadsheet_csv, to_geojson
from geo.i18n import translator
from geo.load import load_dataset
from geo.mapview import base_map, embedded_layers, region_shapes, standalone
from geo.reading import parse_json
from geo.upload import A_NOTE, A_TOTAL, HEADER_AGAIN, check_upload, read_upload
from geo.validate import Checked, check_collection, check_point

DATASET = load_dataset(Path(__file__).resolve().parent.parent / "data")
CONTEXT = {"projects": ["festa", "qm-export"], "economy": ["green", "blue"]}
CATALOGUE = DATASET.catalogue
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Text that has broken pages and readers: templates, markup, quotes, separators, controls.
HOSTILE_TEXT = st.one_of(
    st.text(),
    st.sampled_from(
        [
            "{{7*7}}",
            "{# x",
            "{% raw %}",
            "${7*7}",
            "<script>alert(1)</script>",
            "</script>",
            '"; alert(1); "',
            '=HYPERLINK("http://evil")',
            "\u2028\u2029",
            "\x00",
            "a;b|c",
            "\r\n",
        ]
    ),
)
JSON_SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    HOSTILE_TEXT,
)
JSON_VALUE = st.recursive(
    JSON_SCALAR,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


def good_feature(i: int) -> dict:
    return {
        "type": "Feature",
        "id": f"good-{i}",
        "geometry": {"type": "Point", "coordinates": [10.3, 43.5]},
        "properties": {
            "name": f"Good {i}",
            "kind": "partner",
            "projects": ["festa"],
            "sources": ["https://example.org/s"],
        },
    }


junk_feature = st.one_of(
    JSON_VALUE,
    st.fixed_dictionaries(
        {
            "type": st.sampled_from(["Feature", "feature", 1]),
            "id": JSON_SCALAR,
            "geometry": st.one_of(
                JSON_VALUE,
                st.fixed_dictionaries(
                    {"type": st.just("Point"), "coordinates": st.lists(JSON_SCALAR, max_size=3)}
                ),
            ),
            "properties": st.one_of(
                JSON_VALUE,
                st.dictionaries(
                    st.sampled_from(["id", "name", "kind", "projects", "sources", "website", "x"]),
                    JSON_VALUE,
                ),
            ),
        }
    ),
)


@SETTINGS
@given(st.lists(junk_feature, max_size=6), st.integers(min_value=1, max_value=3))
def test_validator_keeps_every_good_feature_among_junk(junk: list, goods: int) -> None:
    features = [good_feature(i) for i in range(goods)] + junk
    checked = check_collection(
        Checked(Path("x.geojson")), {"type": "FeatureCollection", "features": features}, CONTEXT
    )
    kept = {r.properties.id for r in checked.records}
    assert {f"good-{i}" for i in range(goods)} <= kept
    for problem in checked.problems:
        assert str(problem).startswith("x.geojson")


@SETTINGS
@given(JSON_VALUE)
def test_validator_takes_any_json_document(data: object) -> None:
    checked = check_collection(Checked(Path("x.geojson")), data, CONTEXT)
    assert isinstance(checked.problems, list)


@SETTINGS
@given(st.lists(JSON_SCALAR, max_size=4))
def test_check_point_never_raises(coords: list) -> None:
    point, reason = check_point({"type": "Point", "coordinates": coords}, None)
    if point is not None:
        assert all(math.isfinite(c) for c in point) and reason == ""
    else:
        assert reason


@SETTINGS
@given(st.binary(max_size=2000))
def test_readers_take_any_bytes(content: bytes) -> None:
    for name in ("x.csv", "x.geojson", "x.xlsx", "x.ods"):
        checked = check_upload(name, content, CATALOGUE)
        assert checked.readable or checked.problems


@SETTINGS
@given(st.text(max_size=3000))
def test_json_parser_never_raises(text: str) -> None:
    _data, problem = parse_json(text, "x.json")
    assert problem is None or problem.message.startswith("invalid JSON")


CELL = HOSTILE_TEXT.filter(lambda s: "\x00" not in s)


@SETTINGS
@given(
    st.lists(st.lists(CELL, min_size=0, max_size=10), max_size=8),
    st.sampled_from([",", ";", "\t"]),
)
def test_csv_reader_keeps_valid_rows_among_junk_rows(junk: list[list[str]], sep: str) -> None:
    header = sep.join(["id", "name", "kind", "projects", "lon", "lat", "sources"])
    good = sep.join(["good", "Good", "partner", "festa", "10.3", "43.5", "https://e.org/s"])
    rows = [sep.join(_quoted(cell, sep) for cell in row) for row in junk]
    text = "\n".join([header, good, *rows]) + "\n"
    checked = check_upload("x.csv", text.encode("utf-8"), CATALOGUE)
    assert "good" in {r.properties.id for r in checked.records}


#: What a workbook cell may hold: text (but the characters XML cannot carry), numbers, dates.
WORKBOOK_CELL = st.one_of(
    CELL.map(lambda s: ILLEGAL_CHARACTERS_RE.sub("", s)),
    st.floats(allow_nan=False, allow_infinity=False),  # a spreadsheet holds neither
    st.integers(min_value=-(10**15), max_value=10**15),
    st.dates(),
    st.none(),
)


@SETTINGS
@given(st.lists(st.lists(WORKBOOK_CELL, max_size=8), max_size=8))
def test_workbook_reader_keeps_valid_rows_among_junk_rows(junk: list[list[object]]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Nome", "Comune", "Latitudine", "Longitudine", "Progetti"])
    sheet.append(["Buono", "Livorno", 43.55, 10.31, "FESTA"])
    for row in junk:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    upload = read_upload("x.xlsx", out.getvalue(), CATALOGUE)
    good = [r for r in upload.checked.records if r.properties.id == "x-2"]
    assert good and good[0].properties.name == "Buono" and good[0].properties.projects == ["festa"]
    # Every filled row is read, or said to be the table's furniture (a note, a total).
    furniture = [p for p in upload.checked.problems if p.message in FURNITURE]
    assert len(upload.checked.records) <= upload.rows
    assert upload.rows + len(furniture) == len(junk_rows(junk)) + 1


FURNITURE = {HEADER_AGAIN, A_TOTAL, A_NOTE}


def junk_rows(junk: list[list[object]]) -> list[list[object]]:
    """The rows a spreadsheet shows as filled (blank ones are not rows of the table; openpyxl
    writes text starting with ``=`` as a formula, which has no value until Excel runs it)."""
    return [row for row in junk if any(_shown(c) for c in row)]


def _shown(cell: object) -> bool:
    return cell is not None and not (isinstance(cell, str) and (not cell.strip() or cell[0] == "="))


def _quoted(cell: str, sep: str) -> str:
    """A cell as a spreadsheet writes it: quoted when it holds the separator, quotes or lines."""
    if any(c in cell for c in (sep, '"', "\n", "\r")):
        return '"' + cell.replace('"', '""') + '"'
    return cell


@SETTINGS
@given(st.lists(CELL, min_size=1, max_size=5))
def test_exports_take_any_text(names: list[str]) -> None:
    frame = pd.DataFrame(
        {
            "id": [f"i{i}" for i in range(len(names))],
            "name": names,
            "projects": [["festa"]] * len(names),
            "sources": [["https://e.org"]] * len(names),
            "lon": 10.3,
            "lat": 43.5,
        }
    )
    table = frame[["id", "name", "lon", "lat"]]
    text = spreadsheet_csv(table, "it").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert [row[1] for row in rows[1:]] == [_defused(n) for n in names]
    cells = [cell for row in rows[1:] for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    collection = json.loads(to_geojson(frame))
    assert [f["properties"]["name"] for f in collection["features"]] == names


def page_tags(points: pd.DataFrame) -> list[str]:
    """The elements of the one-file page of ``points``, in order: data text adds none."""
    _ = translator("en")
    fmap = base_map(
        DATASET.regions,
        _,
        basemap={"url": "/b"},
        eligible_area={"url": "/e"},
        shapes={"data": region_shapes(DATASET.regions, "en")},
    )
    layers = embedded_layers(points, DATASET.regions, DATASET.catalogue, "en", _)
    parser = _Tags()
    parser.feed(standalone(fmap, layers).get_root().render())
    return parser.seen


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.seen.append(tag)


BASELINE_TAGS = page_tags(DATASET.points.iloc[:1])


@settings(max_examples=40, deadline=None)
@given(st.lists(CELL, min_size=1, max_size=4))
def test_map_and_export_render_any_text_as_text(names: list[str]) -> None:
    """Any name renders, and what it holds never becomes markup or a template in the page."""
    points = DATASET.points.iloc[: len(names)].assign(name=names, municipality=names)
    assert page_tags(points) == BASELINE_TAGS
