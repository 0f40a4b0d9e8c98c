"""A table to fill in, in the planner's language, that the app reads back as it is.

Its headers are words :mod:`geo.columns` knows; its one example row is a real place of the
shipped data, written as the app shows it (kind, projects, economy types and certification
in words), so adding the template unchanged shows that row as already on the map.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from geo.i18n import Translator
from geo.labels import certification_labels, kind_labels

if TYPE_CHECKING:
    from geo.load import Catalogue

#: Field -> column header, per language.
HEADERS: dict[str, dict[str, str]] = {
    "it": {
        "name": "Nome",
        "kind": "Tipo",
        "address": "Indirizzo",
        "municipality": "Comune",
        "area": "Provincia",
        "lat": "Latitudine",
        "lon": "Longitudine",
        "website": "Sito web",
        "projects": "Progetti",
        "economy": "Tipo di economia",
        "certification": "Certificazione",
        "description": "Descrizione",
        "notes": "Note",
        "sources": "Fonti",
    },
    "fr": {
        "name": "Nom",
        "kind": "Type",
        "address": "Adresse",
        "municipality": "Commune",
        "area": "Département",
        "lat": "Latitude",
        "lon": "Longitude",
        "website": "Site web",
        "projects": "Projets",
        "economy": "Type d'économie",
        "certification": "Certification",
        "description": "Description",
        "notes": "Remarques",
        "sources": "Sources",
    },
    "en": {
        "name": "Name",
        "kind": "Kind",
        "address": "Address",
        "municipality": "Town",
        "area": "Province",
        "lat": "Latitude",
        "lon": "Longitude",
        "website": "Website",
        "projects": "Projects",
        "economy": "Economy type",
        "certification": "Certification",
        "description": "Description",
        "notes": "Notes",
        "sources": "Sources",
    },
}
#: Spreadsheets in Italian and French read ``;`` (the comma is their decimal mark).
SEPARATORS = {"it": ";", "fr": ";", "en": ","}


def template_csv(lang: str, example: Mapping[str, str]) -> bytes:
    """The template in ``lang``: headers, and ``example`` (field -> text) as its one row.
    UTF-8 with a byte-order mark, so a spreadsheet keeps the accents."""
    headers = HEADERS[lang]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=SEPARATORS[lang], lineterminator="\r\n")
    writer.writerow(headers.values())
    writer.writerow(example.get(field, "") for field in headers)
    return out.getvalue().encode("utf-8-sig")


def _decimal(value: float, lang: str) -> str:
    """A coordinate as the language's spreadsheets write it (``43,55`` in Italian and
    French: Excel would read ``43.55000`` there as 4,355,000)."""
    text = f"{value:.5f}"
    return text.replace(".", ",") if SEPARATORS[lang] == ";" else text


def example(
    place: Mapping[str, Any], catalogue: Catalogue, lang: str, _: Translator
) -> dict[str, str]:
    """A shipped place (a row of the points frame) as the template's example row, in words.
    Economy types the place has only through its projects are not its own: left out."""
    projects = {p.id: p.short_name for p in catalogue.projects}
    economy = {e.id: getattr(e.label, lang) for e in catalogue.economy_types}
    own_economy = [] if place.get("economy_via") else place["economy"]
    certification = certification_labels(_)
    return {
        "name": place["name"],
        "kind": kind_labels(_)[place["kind"]],
        "address": place["address"],
        "municipality": place["municipality"],
        "lat": _decimal(place["lat"], lang),
        "lon": _decimal(place["lon"], lang),
        "website": place["website"],
        "projects": "; ".join(projects.get(p, p) for p in place["projects"]),
        "economy": "; ".join(economy.get(e, e) for e in own_economy),
        "certification": certification.get(place["certification"], "")
        if place["certification"]
        else "",
        "description": place["description"],
        "notes": "; ".join(place.get("notes") or []),
        "sources": " | ".join(place["sources"]),
    }
