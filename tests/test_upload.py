"""Planners' own files as they really are: each kind the issue tried, read end to end.

The organisations are made up (this is test data); the towns are real, as the gazetteer is.
"""

import io
import json
from pathlib import Path

import openpyxl
import pytest

from geo.__main__ import main as cli
from geo.export import download_csv
from geo.i18n import translator
from geo.load import load_catalogue, load_dataset, with_files
from geo.template import HEADERS, example, template_csv
from geo.upload import Options, Upload, read_upload, result

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = load_dataset(ROOT / "data")
CATALOGUE = SHIPPED.catalogue


def read(name: str, content: bytes, **options: object) -> Upload:
    return read_upload(name, content, CATALOGUE, Options(**options))  # type: ignore[arg-type]


def ids(upload: Upload) -> list[str]:
    return [r.properties.id for r in upload.checked.records]


def messages(upload: Upload) -> list[str]:
    return [str(p) for p in upload.checked.problems]


def workbook(*sheets: tuple[str, list[list[object]]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- the files of the issue -----------------------------------------------------------------

ITALIAN_EXCEL_CSV = (
    "Nome;Comune;Provincia;Indirizzo;Sito web\r\n"
    "Società Agricola Sant'Anna;Castagneto Carducci;LI;Via Aurelia 1;www.example.it\r\n"
    "Frantoio Né Più Né Meno;Forte dei Marmi;LU;;\r\n"
    "Cantina Bastìa;Bastia;2B;;\r\n"
).encode("cp1252")


def test_windows_1252_italian_headers_are_read_and_placed_by_town() -> None:
    upload = read("aziende.csv", ITALIAN_EXCEL_CSV)
    assert upload.encoding == "cp1252"
    assert upload.mapping == {"name": 0, "municipality": 1, "area": 2, "address": 3, "website": 4}
    records = upload.checked.records
    assert [r.properties.name for r in records][:2] == [
        "Società Agricola Sant'Anna",
        "Frantoio Né Più Né Meno",
    ]
    assert all(r.lon is not None and r.properties.location_precision == "municipality"
               for r in records)  # fmt: skip
    assert str(records[0].properties.website) == "https://www.example.it/"
    assert records[2].lon == pytest.approx(9.45, abs=0.05)  # Bastia in Corsica, by "2B"
    assert records[0].properties.kind == "enterprise"  # the planner's default
    assert upload.checked.problems == []


def test_coordinates_with_decimal_commas_and_no_id() -> None:
    text = "Nome;Latitudine;Longitudine\nUno;43,5485;10,3106\nDue;44,4056;8,9463\n"
    upload = read("coords.csv", text.encode("utf-8"))
    assert ids(upload) == ["coords-2", "coords-3"]  # file and spreadsheet row
    assert [(r.lon, r.lat) for r in upload.checked.records] == [
        (10.3106, 43.5485),
        (8.9463, 44.4056),
    ]
    assert upload.checked.records[0].properties.location_precision is None


def test_excel_workbook_first_sheet_with_data_or_the_chosen_one() -> None:
    content = workbook(
        ("Istruzioni", []),
        ("Aziende", [["Nome", "Comune", "Lat", "Lon"], ["Uno", "Livorno", 43.55, 10.31]]),
        ("Altre", [["Nom", "Ville"], ["Deux", "Hyères"], ["Trois", "Toulon"]]),
    )
    first = read("aziende.xlsx", content)
    assert (first.sheet, first.sheets) == ("Aziende", ["Istruzioni", "Aziende", "Altre"])
    assert [(r.properties.name, r.lon) for r in first.checked.records] == [("Uno", 10.31)]
    other = read("aziende.xlsx", content, sheet="Altre")
    assert [r.properties.name for r in other.checked.records] == ["Deux", "Trois"]
    assert other.by_town == {"aziende-2", "aziende-3"}


def test_workbook_rows_are_numbered_as_the_spreadsheet_shows_them() -> None:
    rows = [[], ["Elenco aziende"], ["Fonte: Camera di Commercio"], [], ["Nome", "Lat", "Lon"]]
    content = workbook(("Foglio1", [*rows, ["A", "x", 10.3], ["B", 43.5, 10.3]]))
    upload = read("t.xlsx", content)
    # The header is found under the title and notes; rows are numbered as Excel does.
    assert (upload.header, upload.header_row) == (["Nome", "Lat", "Lon"], 5)
    assert ids(upload) == ["t-6", "t-7"]
    assert [r.lon for r in upload.checked.records] == [None, 10.3]  # row 6 is listed
    assert messages(upload) == ["t.xlsx: row 6: Lat: warning: 'x' is not a coordinate in degrees"]


def test_qgis_geojson_with_nulls_and_lists_as_text() -> None:
    feature = {
        "type": "Feature",
        "properties": {
            "id": "q1",
            "name": "Uno",
            "kind": "partner",
            "projects": "FESTA; QM Export",
            "economy": None,
            "certification": None,
            "website": None,
            "sources": "https://example.org/a | https://example.org/b",
        },
        "geometry": {"type": "Point", "coordinates": [10.31, 43.55]},
    }
    text = json.dumps({"type": "FeatureCollection", "features": [feature]})
    upload = read("qgis.geojson", text.encode())
    (record,) = upload.checked.records
    assert record.properties.projects == ["festa", "qm-export"]
    assert record.properties.economy == []
    assert len(record.properties.sources) == 2
    assert upload.checked.problems == []


@pytest.mark.parametrize("lang", ["it", "fr", "en"])
def test_the_apps_own_download_uploaded_again_is_not_drawn_twice(lang: str) -> None:
    content = download_csv(SHIPPED.points, SHIPPED, lang, translator(lang))
    upload = read("marittimo-places.csv", content)
    assert upload.mapping["id"] >= 0 and upload.mapping["name"] == 0
    assert len(upload.checked.records) == len(SHIPPED.points)
    merged = with_files(SHIPPED, [upload.checked])
    assert len(merged.points) == len(SHIPPED.points)
    counts = result(upload, merged.points, merged.unlocated)
    assert (counts.rows, counts.on_map, counts.left_out) == (75, 0, 75)
    said = [p for p in merged.problems if p.file == "marittimo-places.csv"]
    assert len(said) == 75 and "already on the map as" in said[0].message


def test_same_name_and_town_as_a_shipped_place_is_not_drawn_twice() -> None:
    place = SHIPPED.points.iloc[0]
    text = f"Nome;Comune\n{place['name'].upper()};{place['municipality']}\n"
    upload = read("mine.csv", text.encode())
    merged = with_files(SHIPPED, [upload.checked])
    assert len(merged.points) == len(SHIPPED.points)
    assert "already on the map as" in merged.problems[-1].message


def test_the_readme_format_with_www_and_project_names_as_shown() -> None:
    text = (
        "id,name,kind,projects,municipality,lon,lat,website,sources\n"
        "a,Uno,partner,QM Export;FESTA,Livorno,10.31,43.55,www.uno.it,https://e.org/1\n"
    )
    upload = read("mine.csv", text.encode())
    (record,) = upload.checked.records
    assert record.properties.projects == ["qm-export", "festa"]
    assert str(record.properties.website) == "https://www.uno.it/"


def test_french_headers_in_latin_1() -> None:
    text = (
        "Nom;Ville;Département;Adresse;Site internet\n"
        "Coopérative Une;Hyères;Var;;\n"
        "Deux;St-Tropez;83;;\n"
        "Trois;L'Ile-Rousse;;;\n"
        "Quatre;Ajaccio;Corse-du-Sud;;\n"
    )
    upload = read("entreprises.csv", text.encode("latin-1"))
    assert upload.encoding == "cp1252"
    assert len(upload.by_town) == 4
    assert upload.checked.problems == []


@pytest.mark.parametrize(
    ("town", "area", "expected"),
    [
        ("Bastia", "2B", "Corse"),
        ("Bastia", "Haute-Corse", "Corse"),
        ("Bastia", "SV", "Liguria"),  # the Bastia of Albenga
        ("Bastia", "Savona", "Liguria"),
        ("Bastìa", "Corse", "Corse"),
    ],
)
def test_namesake_towns_told_apart_by_province(town: str, area: str, expected: str) -> None:
    text = f"Nome;Comune;Provincia\nUno;{town};{area}\n"
    (record,) = read("x.csv", text.encode()).checked.records
    assert (record.lon > 9) == (expected == "Corse")


def test_ambiguous_town_is_listed_with_its_candidates_never_guessed() -> None:
    upload = read("x.csv", b"Nome;Comune\nUno;Bastia\n")
    (record,) = upload.checked.records
    assert record.lon is None
    (problem,) = upload.checked.problems
    assert problem.severity == "warning" and problem.field == "Comune"
    assert "Bastia (Haute-Corse, Corse)" in problem.message
    assert "Bastia (Albenga, Savona, Liguria)" in problem.message


def test_town_not_found_suggests_names_it_begins() -> None:
    upload = read("x.csv", b"Nome;Comune\nUno;Porto\n")
    (problem,) = upload.checked.problems
    assert "did you mean" in problem.message and "Porto Azzurro (Livorno" in problem.message


def test_coordinates_win_over_the_town() -> None:
    text = "Nome;Comune;Lat;Lon\nUno;Genova;43.55;10.31\nDue;Genova;;\n"
    upload = read("x.csv", text.encode())
    first, second = upload.checked.records
    assert (first.lon, first.properties.location_precision) == (10.31, None)
    assert second.properties.location_precision == "municipality"
    assert upload.by_town == {"x-3"}


def test_wkt_and_geojson_geometry_columns() -> None:
    text = (
        "name;geometry\n"
        "Uno;POINT (10.31 43.55)\n"
        'Due;"{""type"": ""Point"", ""coordinates"": [8.94, 44.41]}"\n'
        "Tre;POLYGON ((10 43, 11 43, 11 44, 10 43))\n"
        "Quattro;not a shape\n"
    )
    upload = read("x.csv", text.encode())
    assert [r.lon for r in upload.checked.records] == [10.31, 8.94, None, None]  # all kept
    found = messages(upload)
    assert "row 4: geometry: warning: expected a Point geometry, got Polygon: the row" in found[0]
    assert "row 5: geometry: warning: expected a Point geometry" in found[1]


def test_unknown_project_is_left_out_and_the_row_kept() -> None:
    text = "Nome;Comune;Progetti;Tipo di economia\nUno;Livorno;FESTA | Progetto X;Economia blu\n"
    upload = read("x.csv", text.encode())
    (record,) = upload.checked.records
    assert record.properties.projects == ["festa"]
    assert record.properties.economy == ["blue"]
    (problem,) = upload.checked.problems
    assert problem.field == "Progetti" and "'Progetto X' is not in the catalogue" in problem.message
    assert problem.template and dict(problem.values)["value"] == "'Progetto X'"


def test_kind_and_certification_in_words() -> None:
    text = "Nom;Ville;Type;Certification\nUn;Toulon;Partenaire;oui\nDeux;Toulon;Bistrot;en cours\n"
    upload = read("x.csv", text.encode(), kind="office")
    one, two = upload.checked.records
    assert (one.properties.kind, one.properties.certification) == ("partner", "certified")
    assert (two.properties.kind, two.properties.certification) == ("office", "in_certification")
    assert "kind 'Bistrot' is not one the map draws: kept as its type" in messages(upload)[0]
    assert two.properties.org_type == "Bistrot"


def test_columns_mapped_by_hand() -> None:
    text = "Chi;Dove\nUno;Livorno\n"
    guessed = read("x.csv", text.encode())
    assert guessed.mapping == {} and guessed.unused() == ["Chi", "Dove"]
    mapped = read("x.csv", text.encode(), mapping=(("name", 0), ("municipality", 1)))
    assert [r.properties.name for r in mapped.checked.records] == ["Uno"]
    assert not mapped.guessed


def test_result_counts_every_row() -> None:
    text = "Nome;Comune;Lat;Lon\nUno;;43.55;10.31\nDue;Livorno;;\nTre;Bastia;;\n;Livorno;;\n"
    upload = read("x.csv", text.encode())
    merged = with_files(SHIPPED, [upload.checked])
    counts = result(upload, merged.points, merged.unlocated)
    assert (counts.rows, counts.on_map, counts.by_town, counts.not_placed, counts.left_out) == (
        4,
        2,
        1,
        1,
        1,
    )
    assert "x.csv: row 5: Nome: error: String should have at least 1 character" in messages(
        upload
    ) or any("row 5: Nome" in m for m in messages(upload))


def test_uploaded_places_are_marked_as_yours() -> None:
    upload = read("mine.csv", b"Nome;Comune\nUno;Livorno\n")
    merged = with_files(SHIPPED, [upload.checked])
    assert set(merged.points["upload"]) == {"", "mine.csv"}
    assert merged.points["upload"].iloc[-1] == "mine.csv"


@pytest.mark.parametrize("lang", ["it", "fr", "en"])
def test_template_reads_back_as_the_place_it_shows(lang: str) -> None:
    place = SHIPPED.points.sort_values("id").iloc[0].to_dict()
    content = template_csv(lang, example(place, CATALOGUE, lang, translator(lang)))
    upload = read("template.csv", content)
    assert set(upload.mapping) == set(HEADERS[lang])
    (record,) = upload.checked.records
    assert upload.checked.problems == []
    assert (record.properties.name, record.properties.kind) == (place["name"], place["kind"])
    assert record.properties.projects == place["projects"]
    assert (record.lon, record.lat) == pytest.approx((place["lon"], place["lat"]))


def test_cli_check_reads_tables(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "aziende.csv"
    table.write_bytes(ITALIAN_EXCEL_CSV)
    assert cli(["check", str(table)]) == 0
    assert "kept 3 features (3 located, 0 not located)" in capsys.readouterr().out
    book = tmp_path / "aziende.xlsx"
    book.write_bytes(workbook(("Fogli", [["Nome", "Lat", "Lon"], ["A", "x", 10.3]])))
    assert cli(["check", str(book)]) == 0  # the row is kept, listed without a place
    assert "row 2: Lat: warning: 'x' is not a coordinate in degrees" in capsys.readouterr().out


def test_catalogue_of_a_folder_without_one_is_the_bundled_one(tmp_path: Path) -> None:
    catalogue, _checks = load_catalogue(tmp_path)
    assert {p.id for p in catalogue.projects} == {p.id for p in CATALOGUE.projects}


def test_coordinates_as_people_write_them() -> None:
    text = (
        "Nome;Latitudine;Longitudine\n"
        "Uno;43°32'54\"N;10°18'38\"E\n"
        "Due;44.4056 N;8.9463 E\n"
        "Tre;43,5485;10,3106\n"
    )
    records = read("x.csv", text.encode()).checked.records
    assert [(round(r.lon, 3), round(r.lat, 3)) for r in records] == [
        (10.311, 43.548),
        (8.946, 44.406),
        (10.311, 43.548),
    ]


def test_one_column_with_both_coordinates() -> None:
    text = 'Name,Lat/Long\nOne,"43.5485, 10.3106"\nTwo,"10.3106, 43.5485"\nThree,nowhere\n'
    upload = read("x.csv", text.encode())
    assert upload.mapping["latlon"] == 1
    assert [r.lon for r in upload.checked.records] == [10.3106, 10.3106, None]
    assert "'nowhere' is not a coordinate in degrees" in messages(upload)[0]


def test_bad_coordinates_fall_back_on_the_town() -> None:
    text = "Nome;Comune;Lat;Lon\nUno;Genova;8.93;44.41\n"  # swapped
    upload = read("x.csv", text.encode())
    (record,) = upload.checked.records
    assert record.properties.location_precision == "municipality"  # at Genova's centre
    assert (
        "look swapped" in messages(upload)[0]
        and "placed at the centre of its town" in (messages(upload)[0])
    )


def test_header_below_a_title_and_a_blank_line_in_a_csv() -> None:
    text = "Elenco dei partner, aggiornato al 2024\n\nNome;Comune;Provincia\nUno;Sarzana;SP\n"
    upload = read("x.csv", text.encode())
    assert (upload.header_row, upload.mapping) == (3, {"name": 0, "municipality": 1, "area": 2})
    assert [r.properties.name for r in upload.checked.records] == ["Uno"]


def test_the_sheet_with_the_table_not_the_instructions() -> None:
    content = workbook(
        ("Istruzioni", [["Compilare il foglio seguente"], ["Una riga per ente"]]),
        ("Enti", [["Denominazione", "Località"], ["Uno", "Calvi"]]),
    )
    upload = read("x.xlsx", content)
    assert upload.sheet == "Enti" and len(upload.by_town) == 1


def test_qgis_geojson_with_a_crs_italian_names_and_a_multipoint() -> None:
    features = [
        {
            "type": "Feature",
            "properties": {"nome": "Uno", "comune": "Calvi", "progetti": "FESTA, QM Export"},
            "geometry": None,
        },
        {
            "type": "Feature",
            "properties": {"nome": "Due", "note": None},
            "geometry": {"type": "MultiPoint", "coordinates": [[10.31, 43.55]]},
        },
    ]
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}
    data = {"type": "FeatureCollection", "crs": crs, "features": features}
    upload = read("qgis.geojson", json.dumps(data).encode())
    one, two = upload.checked.records
    assert (one.properties.name, one.properties.projects) == ("Uno", ["festa", "qm-export"])
    assert one.properties.location_precision == "municipality" and one.lon is not None
    assert (two.lon, two.lat) == (10.31, 43.55)
    assert upload.checked.problems == []


def test_a_projected_geojson_is_reprojected() -> None:
    feature = {
        "type": "Feature",
        "properties": {"name": "Uno"},
        "geometry": {"type": "Point", "coordinates": [605_000, 4_822_000]},  # UTM 32N
    }
    crs = {"type": "name", "properties": {"name": "EPSG:32632"}}
    data = {"type": "FeatureCollection", "crs": crs, "features": [feature]}
    upload = read("utm.geojson", json.dumps(data).encode())
    (record,) = upload.checked.records
    assert record.lon == pytest.approx(10.30, abs=0.01) and record.lat == pytest.approx(
        43.55, abs=0.01
    )


def test_a_status_alone_is_the_status_in_the_rows_one_project() -> None:
    text = "Nome;Progetti;Ruolo\nUno;FESTA;Capofila\nDue;;Partner\n"
    upload = read("x.csv", text.encode())
    one, two = upload.checked.records
    assert one.properties.participation == {"festa": "lead"}
    assert two.properties.participation == {} and two.properties.role == "Partner"


def test_a_value_the_checks_refuse_costs_that_value_not_the_row() -> None:
    long_text = "parola " * 1000
    text = f"Nome;Sito web;Descrizione\nUno;site;{long_text}\n"
    upload = read("x.csv", text.encode())
    (record,) = upload.checked.records
    assert record.properties.website is None
    assert len(record.properties.description) == 5000
    found = messages(upload)
    assert any(
        "Descrizione: warning: description is longer than 5000 characters" in m for m in found
    )
    assert any("Sito web: warning: 'site' could not be read" in m for m in found)


def test_rows_that_cannot_be_placed_say_why() -> None:
    text = "Nome;CAP;Comune\nUno;57100;\nDue;;\n"
    upload = read("x.csv", text.encode())
    assert [r.lon for r in upload.checked.records] == [None, None]
    found = messages(upload)
    assert "row 2: Comune: warning: a postcode alone does not place a row" in found[0]
    assert "row 3: Comune: warning: no coordinates and no town" in found[1]


def test_a_table_printed_in_pages_with_totals_and_notes() -> None:
    text = (
        "Nome;Comune\n"
        "Uno;Lucca\n"
        "Nome;Comune\n"  # the header again, on the next page
        "Due;Pisa\n"
        "Totale: 2 enti;\n"
        "Fonte: elaborazione su dati camerali;\n"
    )
    upload = read("x.csv", text.encode())
    assert [r.properties.name for r in upload.checked.records] == ["Uno", "Due"]
    assert upload.rows == 2
    assert [p.template for p in upload.checked.problems] == [
        "the header again, not a place: not read",
        "a total, not a place: not read",
        "a note under the table, not a place: not read",
    ]


def test_utf16_and_pipes() -> None:
    text = "Nome|Comune\r\nUno|Cagliari\r\n"
    upload = read("x.txt", text.encode("utf-16"))
    assert upload.encoding == "utf-16"
    assert [r.properties.municipality for r in upload.checked.records] == ["Cagliari"]


def test_spreadsheet_errors_and_no_break_spaces_are_what_they_read() -> None:
    text = "Nome;Latitudine;Longitudine;Comune\nPorto\xa0Uno;#N/D;#N/D;Livorno\n"
    upload = read("x.csv", text.encode())
    (record,) = upload.checked.records
    assert record.properties.name == "Porto Uno"
    assert record.properties.location_precision == "municipality"  # the errors read as empty
    assert upload.checked.problems == []


def test_headers_named_by_their_first_words() -> None:
    text = "Nome organizzazione;Località sede;Latitudine N (WGS84);Longitudine E (WGS84)\n"
    upload = read("x.csv", (text + "Uno;Siena;43.318;11.331\n").encode())
    assert upload.mapping == {"name": 0, "municipality": 1, "lat": 2, "lon": 3}


def test_projected_coordinates_with_their_system_in_the_header() -> None:
    text = "Nome;Est UTM32N;Nord UTM32N\nUno;605 000;4 822 000\nDue;605000;4822000\n"
    upload = read("x.csv", text.encode())
    assert [round(r.lon, 2) for r in upload.checked.records] == [10.30, 10.30]
    plain = read("x.csv", b"Nome;X;Y\nUno;605000;4822000\n")
    assert "name their system in the column header" in messages(plain)[0]


def test_coordinates_far_from_the_area_give_way_to_the_town() -> None:
    text = "Nome;Comune;Lat;Lon\nUno;Livorno;48.85;2.35\nDue;Pisa;0;0\n"
    upload = read("x.csv", text.encode())
    assert [r.properties.location_precision for r in upload.checked.records] == [
        "municipality",
        "municipality",
    ]
    found = messages(upload)
    assert "is far from the cooperation area: placed at the centre of its town" in found[0]
    assert "[0, 0] is not a place" in found[1]


def test_map_links_and_hemispheres_in_one_column() -> None:
    text = (
        "Name,Coordinates\n"
        'One,"https://www.google.com/maps/place/Porto/@43.5485,10.3106,15z"\n'
        'Two,"geo:44.4056,8.9463"\n'
        "Three,N 42° 45.6' E 11° 6.7'\n"
    )
    records = read("x.csv", text.encode()).checked.records
    assert [(round(r.lon, 2), round(r.lat, 2)) for r in records] == [
        (10.31, 43.55),
        (8.95, 44.41),
        (11.11, 42.76),
    ]


def test_the_town_at_the_end_of_an_address() -> None:
    text = "Name;Address\nOne;Via del Porto 3, 19121 La Spezia SP\nTwo;2 quai X, 20200 Bastia\n"
    upload = read("x.csv", text.encode())
    assert [r.properties.municipality for r in upload.checked.records] == ["La Spezia", "Bastia"]
    assert all(r.properties.location_precision == "municipality" for r in upload.checked.records)
