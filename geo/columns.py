"""A planner's column headers read by meaning, in Italian, French and English.

``Nome``, ``Nom``, ``Ragione sociale`` and ``name`` all mean the ``name`` of the data format;
``Comune``, ``Commune``, ``Ville`` and ``town`` the ``municipality``. Headers are compared
as :func:`geo.gazetteer.key` compares names (no case, accents, punctuation), so ``Sito
web``, ``SITO_WEB`` and ``sito-web`` are one header. What no synonym matches is left to the
planner, who can map it in the app.
"""

from __future__ import annotations

import re

from geo.gazetteer import key

#: Field -> the headers that mean it (the field's own name always does).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("identifier", "identifiant", "identificativo", "codice", "code"),
    "name": (
        "nome",
        "nom",
        "denominazione",
        "ragione sociale",
        "raison sociale",
        "organisation",
        "organization",
        "organizzazione",
        "organisme",
        "ente",
        "azienda",
        "impresa",
        "company",
        "enterprise",
        "entreprise",
        "societe",
        "nome azienda",
        "nome impresa",
        "nom de l entreprise",
        "nom de l organisme",
        "nom de la structure",
        "structure",
        "organisme",
        "denomination",
        "denominazione sociale",
        "ente azienda",
        "azienda ente",
        "nome ente",
        "partner",
        "beneficiario",
        "beneficiaire",
        "nome organizzazione",
        "denominazione ente",
        "denom",
        "denominaz",
        "soggetto",
        "soggetto beneficiario",
        "organisation name",
        "organization name",
        "name of organisation",
        "nom structure",
        "nom de la societe",
    ),
    "kind": (
        "tipo",
        "type",
        "tipologia",
        "categoria",
        "category",
        "categorie",
    ),
    "municipality": (
        "comune",
        "commune",
        "ville",
        "town",
        "city",
        "citta",
        "localita",
        "localite",
        "locality",
        "luogo",
        "lieu",
        "sede",
        "comune sede",
    ),
    "area": (
        "province",
        "provincia",
        "prov",
        "pr",
        "sigla provincia",
        "departement",
        "dept",
        "dep",
        "department",
        "county",
        "provincia departement",
        "province departement",
    ),
    "region": ("regione", "region"),
    "address": (
        "full address",
        "indirizzo completo",
        "adresse complete",
        "indirizzo",
        "indirizzo sede",
        "adresse",
        "adresse postale",
        "street",
        "street address",
        "via",
        "rue",
        "sede legale",
    ),
    "postcode": ("cap", "postcode", "post code", "postal code", "zip", "code postal", "cp"),
    "country": ("paese", "nazione", "stato", "pays"),
    "website": (
        "sito",
        "sito web",
        "sito internet",
        "web",
        "site",
        "site web",
        "site internet",
        "url",
        "www",
        "homepage",
        "web site",
    ),
    "lon": (
        "lng",
        "long",
        "longitude",
        "longitudine",
        "x",
        "coord x",
        "coordinata x",
        "point x",
        "est",
        "easting",
    ),
    "lat": (
        "latitude",
        "latitudine",
        "y",
        "coord y",
        "coordinata y",
        "point y",
        "nord",
        "northing",
    ),
    "latlon": (
        "lat long",
        "lat lon",
        "lat lng",
        "latlong",
        "latitude longitude",
        "latitudine longitudine",
        "coordinate",
        "coordinates",
        "coordinate gps",
        "coordinate wgs84",
        "coordonnees",
        "coordonnees gps",
        "gps",
        "maps",
        "google maps",
        "link google maps",
        "lien google maps",
        "posizione",
    ),
    "geometry": ("geometria", "geometrie", "wkt", "geom", "the geom", "geojson"),
    "projects": (
        "project",
        "progetti",
        "progetto",
        "progetto i",
        "projets",
        "projet",
        "projet s",
        "project s",
        "progetti interreg",
        "projets interreg",
    ),
    "economy": (
        "economy type",
        "economy types",
        "economia",
        "tipo di economia",
        "economie",
        "type d economie",
    ),
    "certification": (
        "certificazione",
        "certifie",
        "certifiee",
        "certified",
        "quality made",
        "stato certificazione",
    ),
    "sources": ("source", "fonti", "fonte", "sorgente", "references"),
    "notes": ("note", "remarques", "remarque", "osservazioni", "commenti", "comments"),
    "description": (
        "descrizione",
        "attivita",
        "activite",
        "activity",
        "settore",
        "secteur",
        "sector",
    ),
    "org_type": (
        "organisation type",
        "organization type",
        "tipo di ente",
        "tipologia ente",
        "type de structure",
        "type d organisme",
        "forme juridique",
        "natura giuridica",
    ),
    "participation": ("partecipazione", "ruolo", "role", "statut", "ruolo nel progetto"),
    "aliases": ("altri nomi", "autres noms", "also known as", "alias"),
    "source_date": ("data fonte", "date source"),
    "location_precision": ("precision", "precisione"),
}
#: Fields a table may fill. ``area`` (province, département) and ``postcode`` help place a
#: town; ``region`` too (the region drawn is always the one the place lies in).
FIELDS: tuple[str, ...] = tuple(SYNONYMS)
#: Columns of the app's own downloads that are worked out again from the place.
DERIVED: frozenset[str] = frozenset({"eligible", "economy via", "periods"})
_BY_HEADER: dict[str, str] = {
    key(h): field for field, headers in SYNONYMS.items() for h in (field, *headers)
}
_BY_HEADER["lon"] = "lon"
_BY_HEADER["lat"] = "lat"


#: Fields a header may name by its first words only ("Località sede", "Latitudine N
#: (WGS84)", "Nome organizzazione"), when no header names them exactly.
BY_BEGINNING = (
    "name",
    "municipality",
    "lat",
    "lon",
    "latlon",
    "address",
    "area",
    "website",
    "projects",
)
_EPSG = re.compile(r"epsg\D{0,3}(\d{4,5})", re.IGNORECASE)
_UTM = re.compile(r"utm\s*-?\s*(3[12])\s*n?", re.IGNORECASE)


def field_of(header: str) -> str | None:
    """The field a header means, or ``None``."""
    return _BY_HEADER.get(key(header))


def _begins(header: str) -> str | None:
    """The field whose name or synonym the header's first words are."""
    words = key(header).split()
    for n in range(len(words) - 1, 0, -1):
        field = _BY_HEADER.get(" ".join(words[:n]))
        if field in BY_BEGINNING:
            return field
    return None


def guess(header: list[str]) -> dict[str, int]:
    """Field -> the column (index in ``header``) that holds it, by the headers' meaning: a
    header naming a field exactly first, then one whose first words do. The first column
    meaning a field wins; columns of derived values are not read."""
    mapping: dict[str, int] = {}
    for index, text in enumerate(header):
        field = field_of(text)
        if field is not None and field not in mapping:
            mapping[field] = index
    taken = set(mapping.values())
    for index, text in enumerate(header):
        field = _begins(text) if index not in taken else None
        if field is not None and field not in mapping:
            mapping[field] = index
            taken.add(index)
    return mapping


def projection(header: list[str], mapping: dict[str, int]) -> str | None:
    """The coordinate system the coordinate columns' headers name ("X (EPSG:3003)",
    "Est UTM32N"), as ``EPSG:nnnn``; ``None`` when they name none (degrees, WGS84)."""
    for field in ("lon", "lat"):
        text = header[mapping[field]] if field in mapping else ""
        found = _EPSG.search(text)
        if found:
            return f"EPSG:{found.group(1)}"
        found = _UTM.search(text)
        if found:
            return f"EPSG:326{found.group(1)}"
    return None


def unused(header: list[str], mapping: dict[str, int]) -> list[str]:
    """The headers no field reads (shown to the planner, who may map them), derived ones
    aside."""
    taken = set(mapping.values())
    return [
        h for i, h in enumerate(header) if i not in taken and h.strip() and key(h) not in DERIVED
    ]


def located(mapping: dict[str, int]) -> bool:
    """Whether the columns can place a row: coordinates, a geometry or a town."""
    placing = {"geometry", "municipality", "latlon"}
    return {"lon", "lat"} <= mapping.keys() or bool(placing & mapping.keys())


def score(cells: list[str]) -> int:
    """How much a row looks like a header: the fields its cells name (a title or a note
    above the header names none or one)."""
    return len({f for f in map(field_of, cells) if f is not None})


def sure(mapping: dict[str, int]) -> bool:
    """Whether the columns found are enough to read the table without asking: a name and a
    way to place it."""
    return "name" in mapping and located(mapping)
