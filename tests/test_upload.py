import json
from pathlib import Path

from geo.load import load_dataset, with_files
from geo.upload import check_upload, csv_collection

ROOT = Path(__file__).resolve().parent.parent
CONTEXT = {"projects": ["festa", "qm-export"], "economy": ["green", "blue", "wellbeing"]}
CSV = (
    "id,name,kind,projects,economy,municipality,lon,lat,sources\n"
    "a,Cantina Uno,enterprise,festa;qm-export,green,Livorno,10.31,43.55,https://e.org/1\n"
    "b,Swapped,enterprise,festa,,Livorno,43.55,10.31,https://e.org/2\n"
    "c,Typo,partner,festivo,,Genova,8.93,44.41,https://e.org/3\n"
    "d,Senza luogo,partner,festa,,,,,https://e.org/4 | https://e.org/5\n"
)


def test_csv_rows_become_features() -> None:
    features = csv_collection(CSV)[0]["features"]
    assert features[0]["geometry"] == {"type": "Point", "coordinates": [10.31, 43.55]}
    assert features[0]["properties"]["projects"] == ["festa", "qm-export"]
    assert "economy" not in features[1]["properties"]  # empty cell = not stated
    assert features[3]["geometry"] is None
    assert features[3]["properties"]["sources"] == ["https://e.org/4", "https://e.org/5"]


def test_csv_with_semicolons_and_decimal_commas() -> None:
    text = "id;name;kind;longitude;latitude;sources\nx;Uno;partner;10,31;43,55;https://e.org\n"
    feature = csv_collection(text)[0]["features"][0]
    assert feature["geometry"]["coordinates"] == [10.31, 43.55]


def test_csv_upload_keeps_valid_rows_and_names_the_bad_ones() -> None:
    checked = check_upload("mine.csv", CSV.encode("utf-8"), CONTEXT)
    assert [r.properties.id for r in checked.records] == ["a", "d"]
    messages = [str(p) for p in checked.problems]
    assert len(messages) == 2
    assert messages[0].startswith("mine.csv: feature 'b' (#1): geometry: error: latitude and")
    assert messages[1].startswith("mine.csv: feature 'c' (#2): projects: error: unknown project")


def test_geojson_upload() -> None:
    collection, _problems = csv_collection(CSV)
    checked = check_upload("mine.geojson", json.dumps(collection).encode(), CONTEXT)
    assert len(checked.records) == 2 and checked.readable


def test_unreadable_uploads_are_named() -> None:
    bad_json = check_upload("x.geojson", b'{"type": ', CONTEXT)
    assert not bad_json.readable and "invalid JSON" in str(bad_json.problems[0])
    latin = check_upload("x.csv", "name\nSocietà".encode("latin-1"), CONTEXT)
    assert not latin.readable and "not UTF-8" in str(latin.problems[0])


def test_uploads_join_the_shipped_data() -> None:
    shipped = load_dataset(ROOT / "data")
    context = shipped.catalogue.context()
    checked = check_upload("mine.csv", CSV.encode("utf-8"), context)
    merged = with_files(shipped, [checked])
    assert len(merged.points) == len(shipped.points) + 1
    assert len(merged.unlocated) == len(shipped.unlocated) + 1
    added = merged.points.iloc[-1]
    assert (added["id"], added["region"], added["file"]) == ("a", "ITI1", "mine.csv")
    assert len(merged.problems) == len(shipped.problems) + 2
    assert len(shipped.points) == 44  # the shipped dataset is not changed
