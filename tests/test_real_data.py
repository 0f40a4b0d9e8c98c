"""The shipped real data: partners, enterprises, projects and economy types.

Built by ``scripts/build_points.py`` from ``data/reference/`` (a verbatim copy of the reference
facts). These tests read only files in ``data/`` and need no network.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from geo.regions import load_regions, locate
from geo.schema import EconomyType, Organisation, Project

DATA = Path(__file__).resolve().parent.parent / "data"
SEED_URL = (
    "https://legaliguria.coop/due-nuovi-progetti-interreg-italia-francia-la-coop-dafne-tra-i-"
    "partners-di-qm-export-che-punta-alleconomia-del-benessere"
)
#: The project ids, in catalogue order (they appear in URLs: never change them).
PROJECT_ORDER = [
    "smartic",
    "qmbac",
    "tris",
    "qm-net",
    "qm-export",
    "festa",
    "tiramisu",
    "inn-pratica",
]
PROJECT_IDS = set(PROJECT_ORDER)
REGION_OF_STATED = {
    "Toscana": "ITI1",
    "Liguria": "ITC3",
    "Sardegna": "ITG2",
    "Corse": "FRM0",
    "Var": "FRL05",
    "other": None,
}
#: The offices as the seed article's footer gives them (the current addresses).
OFFICES = {
    "legacoop-genova": ("Genova", "Via Brigata Liguria 105 r., 16121"),
    "legacoop-savona": ("Savona", "Via Cesare Battisti 4/6, 17100"),
    "legacoop-imperia": ("Imperia", "Via Tommaso Schiva 48, 18100"),
    "legacoop-la-spezia": ("La Spezia", "Via Bologna 60/62, 19126"),
}


def read_json(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def partners() -> list[dict[str, Any]]:
    return read_json("partners.geojson")["features"]


@pytest.fixture(scope="module")
def enterprises() -> list[dict[str, Any]]:
    return read_json("enterprises.geojson")["features"]


@pytest.fixture(scope="module")
def features(partners: list[dict[str, Any]], enterprises: list[dict[str, Any]]) -> list[dict]:
    return partners + enterprises


@pytest.fixture(scope="module")
def by_id(features: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {f["id"]: f for f in features}


@pytest.fixture(scope="module")
def projects() -> list[dict[str, Any]]:
    return read_json("projects.json")


@pytest.fixture(scope="module")
def economy() -> list[dict[str, Any]]:
    return read_json("economy_types.json")


@pytest.fixture(scope="module")
def context(projects: list[dict], economy: list[dict]) -> dict[str, list[str]]:
    return {"projects": [p["id"] for p in projects], "economy": [e["id"] for e in economy]}


@pytest.fixture(scope="module")
def reference_rows() -> list[dict[str, str]]:
    with (DATA / "reference" / "organizations.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def research_rows() -> list[dict[str, str]]:
    path = DATA / "reference" / "organizations-research.csv"
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def research_projects() -> list[dict[str, str]]:
    with (DATA / "reference" / "projects-research.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def located(features: list[dict[str, Any]]) -> dict[str, str | None]:
    """Feature id -> region code found by strict point-in-polygon on data/regions.geojson."""
    placed = [f for f in features if f["geometry"]]
    regions, _problems = load_regions(DATA / "regions.geojson")
    lon = pd.Series([f["geometry"]["coordinates"][0] for f in placed])
    lat = pd.Series([f["geometry"]["coordinates"][1] for f in placed])
    codes = locate(regions, lon, lat)
    return {f["id"]: code for f, code in zip(placed, codes, strict=True)}


# --- Format -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["partners.geojson", "enterprises.geojson"])
def test_files_are_feature_collections_of_points(name: str) -> None:
    collection = read_json(name)
    assert collection["type"] == "FeatureCollection"
    for feat in collection["features"]:
        assert feat["type"] == "Feature"
        assert feat["id"] == feat["properties"]["id"]
        geometry = feat["geometry"]
        if geometry is not None:
            assert geometry["type"] == "Point"
            lon, lat = geometry["coordinates"]
            assert round(lon, 5) == lon and round(lat, 5) == lat
            assert 5 < lon < 12 and 38 < lat < 45  # the area (and Marseille), as lon/lat


def test_every_feature_validates(features: list[dict], context: dict[str, list[str]]) -> None:
    for feat in features:
        model = Organisation.model_validate(feat["properties"])
        assert set(model.projects) <= set(context["projects"])
        assert set(model.economy) <= set(context["economy"])


def test_kinds_are_in_their_files(partners: list[dict], enterprises: list[dict]) -> None:
    assert Counter(f["properties"]["kind"] for f in partners) == {"partner": 91, "office": 4}
    assert {f["properties"]["kind"] for f in enterprises} == {"enterprise"}


def test_every_feature_has_sources_from_the_reference(
    features: list[dict], reference_rows: list[dict[str, str]], research_rows: list[dict]
) -> None:
    rows = reference_rows + research_rows
    stated = {url for row in rows for url in row["source_url"].split(" | ")}
    for feat in features:
        sources = feat["properties"]["sources"]
        assert sources, feat["id"]
        assert set(sources) <= stated, feat["id"]


def test_ids_unique_across_files(features: list[dict]) -> None:
    ids = [f["id"] for f in features]
    assert len(ids) == len(set(ids))


def test_derived_properties_are_not_shipped(features: list[dict]) -> None:
    for feat in features:
        assert not {"region", "eligible"} & set(feat["properties"]), feat["id"]


def test_economy_is_never_guessed(features: list[dict]) -> None:
    assert all(f["properties"]["economy"] == [] for f in features)


def test_websites_are_https(features: list[dict]) -> None:
    sites = [f["properties"]["website"] for f in features if f["properties"]["website"]]
    assert sites and all(s.startswith("https://") for s in sites)


# --- Catalogues ---------------------------------------------------------------------------


def test_projects(
    projects: list[dict], features: list[dict], research_projects: list[dict[str, str]]
) -> None:
    ids = [p["id"] for p in projects]
    assert ids[: len(PROJECT_ORDER)] == PROJECT_ORDER  # the reference's, then the research's
    assert [p["short_name"] for p in projects[len(PROJECT_ORDER) :]] == [
        r["short_name"] for r in research_projects
    ]
    for project in projects:
        Project.model_validate(project)
    referenced = {pid for f in features for pid in f["properties"]["projects"]}
    assert referenced == set(ids)  # no project without an organisation


def test_conflicting_figures_stay_as_text(projects: list[dict]) -> None:
    by_id = {p["id"]: p for p in projects}
    assert "1.5M" in by_id["smartic"]["budget"] and "~1M" in by_id["smartic"]["budget"]
    assert "1,886,750" in by_id["tiramisu"]["budget"]
    assert "7 partner" in by_id["qm-export"]["partners_stated"]
    assert by_id["qmbac"]["budget"] == ""  # "not found" = not stated


def test_economy_types(economy: list[dict]) -> None:
    assert [e["id"] for e in economy] == ["green", "blue", "wellbeing"]
    for item in economy:
        EconomyType.model_validate(item)
        assert item["sources"] == [SEED_URL]
    by_id = {e["id"]: e for e in economy}
    assert "polluting" in by_id["green"]["description"]["en"]
    assert "hazardous waste" in by_id["blue"]["description"]["en"]
    assert "physical and mental" in by_id["wellbeing"]["description"]["en"]


# --- Counts and locations -----------------------------------------------------------------


def test_counts(
    features: list[dict], reference_rows: list[dict[str, str]], research_rows: list[dict]
) -> None:
    superseded = [r for r in reference_rows if "Via Lunigiana" in r["street_address"]]
    assert (len(reference_rows), len(superseded), len(research_rows)) == (64, 0, 70)
    # 6 research rows add projects to organisations of the reference; 64 are new.
    assert len(features) == 128
    assert sum(f["geometry"] is not None for f in features) == 75
    assert sum(f["geometry"] is None for f in features) == 53
    assert sum(f["properties"]["certification"] == "certified" for f in features) == 29


def test_every_region_has_located_organisations(
    features: list[dict], located: dict[str, str | None]
) -> None:
    per_region = Counter(located[f["id"]] for f in features if f["geometry"])
    assert per_region == {"ITC3": 26, "ITG2": 20, "ITI1": 14, "FRM0": 7, "FRL05": 5, None: 3}


def test_a_town_from_a_page_that_does_not_name_the_projects_says_so(by_id: dict) -> None:
    var = by_id["departement-du-var"]["properties"]
    assert var["municipality"] == "Toulon" and var["location_precision"] == "municipality"
    assert any("does not mention the projects" in note for note in var["notes"])
    assert var["participation"]["isos"] == "lead"


def test_located_iff_a_municipality_is_stated(features: list[dict]) -> None:
    for feat in features:
        props = feat["properties"]
        if feat["geometry"] is None:
            assert props["location_precision"] is None and props["municipality"] == ""
        else:
            assert props["location_precision"] == "municipality" and props["municipality"]


@pytest.mark.parametrize(
    "fid",
    ["agora-sardegna", "regione-toscana", "collectivite-de-corse", "assonautica-sassari", "tages"],
)
def test_province_or_region_is_not_a_town(by_id: dict[str, dict], fid: str) -> None:
    assert by_id[fid]["geometry"] is None
    assert by_id[fid]["properties"]["location_precision"] is None


def test_every_point_lies_in_its_stated_region(
    features: list[dict], located: dict[str, str | None]
) -> None:
    wrong = {
        f["id"]: located[f["id"]]
        for f in features
        if f["geometry"] and located[f["id"]] != REGION_OF_STATED[f["properties"]["region_stated"]]
    }
    assert wrong == {}


def test_known_towns(by_id: dict[str, dict], located: dict[str, str | None]) -> None:
    assert by_id["itinera"]["properties"]["municipality"] == "Livorno"
    assert located["itinera"] == "ITI1"
    assert by_id["petra-patrimonia"]["properties"]["municipality"] == "Bastia"
    assert located["petra-patrimonia"] == "FRM0"
    assert by_id["ccifm"]["properties"]["municipality"] == "Marseille"
    assert located["ccifm"] is None  # a valid partner outside the cooperation area


def test_porto_torres_firms_in_sardinia(
    enterprises: list[dict], located: dict[str, str | None]
) -> None:
    firms = [f["id"] for f in enterprises if f["properties"]["municipality"] == "Porto Torres"]
    assert len(firms) == 7
    assert {located[fid] for fid in firms} == {"ITG2"}


def test_legacoop_offices_are_the_current_ones(
    partners: list[dict], located: dict[str, str | None]
) -> None:
    offices = {f["id"]: f["properties"] for f in partners if f["properties"]["kind"] == "office"}
    assert set(offices) == set(OFFICES)
    for fid, (town, address) in OFFICES.items():
        assert (offices[fid]["municipality"], offices[fid]["address"]) == (town, address)
        assert located[fid] == "ITC3"
    for name in ("partners.geojson", "enterprises.geojson"):
        assert "Lunigiana" not in (DATA / name).read_text(encoding="utf-8")


def test_notes_are_kept_apart_from_values(by_id: dict[str, dict]) -> None:
    lucense = by_id["lucense"]["properties"]
    assert (lucense["municipality"], lucense["location_note"]) == (
        "Lucca",
        "described as 'lucchese'",
    )
    itinera = by_id["itinera"]["properties"]
    assert (itinera["address"], itinera["location_note"]) == (
        "via Borra",
        "house number not stated",
    )
    assert by_id["outdoor-portofino"]["properties"]["address"] == ""
    assert by_id["outdoor-portofino"]["properties"]["location_note"] == "locality: Niasca"
