import csv
import io
import json

from geo.export import file_name, spreadsheet_csv, to_geojson
from geo.filters import NOT_STATED
from geo.numbers import (
    OUTSIDE,
    Words,
    features_table,
    project_counts,
    region_economy_counts,
    spreadsheet_table,
)

REGIONS = {"ITI1": "Toscana", "ITG2": "Sardegna", "FRL05": "Var", OUTSIDE: "outside"}
ECONOMY = {"green": "Green", NOT_STATED: "not stated"}


def test_region_economy_counts(points) -> None:
    table = region_economy_counts(points, REGIONS, ECONOMY)
    assert table.to_dict("index") == {
        "Toscana": {"Green": 0, "not stated": 1, "Total": 1},
        "Sardegna": {"Green": 1, "not stated": 0, "Total": 1},
        "Var": {"Green": 0, "not stated": 1, "Total": 1},
        "outside": {"Green": 0, "not stated": 1, "Total": 1},
    }


def test_several_economy_types_count_in_each(points) -> None:
    points.at[1, "economy"] = ["green", NOT_STATED]
    table = region_economy_counts(points, REGIONS, ECONOMY)
    assert table.loc["Sardegna"].to_dict() == {"Green": 1, "not stated": 1, "Total": 1}


def test_project_counts_put_formal_partners_apart(points) -> None:
    points["participation"] = [{"festa": "lead"}, {"festa": "certified_firm"}, {}, {}]
    counts = project_counts(points, {"festa": "FESTA"}, "none")
    assert counts.to_dict("index") == {
        "FESTA": {"formal": 1, "other": 2, "total": 3},
        "none": {"formal": 0, "other": 1, "total": 1},
    }
    assert project_counts(points.iloc[:0], {"festa": "FESTA"}, "none").empty


WORDS = Words(
    kinds={"office": "Office", "partner": "Partner", "enterprise": "Enterprise"},
    regions=REGIONS,
    projects={"festa": "FESTA", NOT_STATED: "none"},
    statuses={"lead": "lead partner", "scientific_partner": "scientific partner"},
    economy=ECONOMY,
    certification={"certified": "yes!", NOT_STATED: "?"},
    yes_no=("yes", "no"),
    via="through its projects:",
)


def test_features_table_in_words(points) -> None:
    points["participation"] = [{"festa": "lead"}, {}, {}, {}]
    points["economy_via"] = [[], ["festa"], [], []]
    points["notes"] = [["listed in 2019", "described as"], [], [], []]
    columns = {"name": "Name", "region": "Region", "eligible": "Eligible", "notes": "Notes"}
    table = features_table(points, WORDS, columns)
    assert list(table.columns[:1]) == ["Name"]
    first, last = table.iloc[0], table.iloc[3]
    assert (first["Region"], first["Eligible"]) == ("Toscana", "yes")
    assert first["projects"] == "FESTA (lead partner)"
    assert first["Notes"] == "listed in 2019; described as"
    assert table.iloc[1]["economy"] == "Green (through its projects: FESTA)"
    assert (last["Region"], last["projects"], last["economy"]) == ("outside", "none", "not stated")
    assert table.iloc[1]["certification"] == "yes!"


COLUMNS = {"name": "Nome", "lat": "Latitudine", "lon": "Longitudine", "sources": "Fonti"}


def csv_rows(points, lang: str) -> list[dict[str, str]]:
    data = spreadsheet_csv(spreadsheet_table(points, WORDS, COLUMNS), lang)
    assert data.startswith(b"\xef\xbb\xbf")  # spreadsheets keep the accents
    delimiter = ";" if lang in ("it", "fr") else ","
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))


def test_csv_in_words_as_the_languages_spreadsheets_open_it(points) -> None:
    points.at[0, "name"] = "Società Agorà – Corse"
    rows = csv_rows(points, "it")
    assert [r["id"] for r in rows] == ["a", "b", "c", "d"]
    assert rows[0]["Nome"] == "Società Agorà – Corse"
    assert (rows[1]["Latitudine"], rows[1]["Longitudine"]) == ("0,5", "2,5")  # decimal comma
    assert rows[1]["economy"] == "Green" and rows[0]["Fonti"] == "https://example.org/s"
    assert csv_rows(points, "en")[1]["Latitudine"] == "0.5"  # English: "," and points


def test_download_names_carry_the_view() -> None:
    assert (
        file_name(["FESTA", "Sardaigne", "Corse"], "csv") == "marittimo-festa-sardaigne-corse.csv"
    )
    assert file_name([], "geojson") == "marittimo-map.geojson"
    assert file_name(["“l'Île-Rousse”"], "html") == "marittimo-l-ile-rousse.html"


def test_geojson_round_trips(points) -> None:
    collection = json.loads(to_geojson(points).decode("utf-8"))
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert [f["id"] for f in features] == ["a", "b", "c", "d"]
    assert features[1]["geometry"] == {"type": "Point", "coordinates": [2.5, 0.5]}
    assert features[1]["properties"]["region"] == "ITG2"
    assert features[3]["properties"]["region"] is None
    assert features[0]["properties"]["projects"] == ["festa"]


def test_csv_cells_never_run_as_formulas(points) -> None:
    points.at[0, "name"] = '=HYPERLINK("http://evil.example","click")'
    points.at[1, "name"] = "@SUM(A1)"
    points.at[2, "municipality"] = "-Town"
    rows = csv_rows(points, "fr")
    assert rows[0]["Nome"] == '\'=HYPERLINK("http://evil.example","click")'
    assert rows[1]["Nome"] == "'@SUM(A1)"
    assert rows[2]["town"] == "'-Town"
    assert rows[0]["Longitudine"] == "0,5"  # numbers untouched
