"""Words for the codes of the data, in the user's language: what the filters, the popups,
the legend, the counts, the table and the downloads call each value."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from geo.filters import NOT_STATED, Filters
from geo.i18n import Translator
from geo.markers import SEVERAL
from geo.numbers import OUTSIDE, Words
from geo.regions import region_names

if TYPE_CHECKING:
    from geo.load import Catalogue, Dataset


#: ASCII punctuation, every character of which CommonMark lets a backslash make literal.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def markdown_text(text: str) -> str:
    """``text`` as it is, where Streamlit reads Markdown (the labels of pills): each ASCII
    punctuation character escaped, so a name from a data folder stays text — no image, link,
    colour, icon or formula."""
    return _PUNCTUATION.sub(r"\\\1", text)


def kind_labels(_: Translator) -> dict[str, str]:
    return {
        "office": _("Partner office"),
        "partner": _("Project partner"),
        "enterprise": _("Enterprise"),
    }


def certification_labels(_: Translator) -> dict[str, str]:
    """Labels of the certification states, :data:`NOT_STATED` last."""
    return {
        "certified": _("certified"),
        "in_certification": _("certification in progress"),
        NOT_STATED: _("not stated"),
    }


def economy_labels(catalogue: Catalogue, lang: str, _: Translator) -> dict[str, str]:
    """Economy classes as the map colours them, with their labels."""
    labels = {e.id: getattr(e.label, lang) for e in catalogue.economy_types}
    return {**labels, SEVERAL: _("several types"), NOT_STATED: _("not stated")}


def period_labels(_: Translator) -> dict[str, str]:
    """The programme periods, and organisations whose projects name none."""
    return {"2014-2020": "2014–2020", "2021-2027": "2021–2027", NOT_STATED: _("not stated")}


def status_labels(_: Translator) -> dict[str, str]:
    """How an organisation takes part in a project (geo.schema.STATUSES), in words."""
    return {
        "lead": _("lead partner"),
        "partner": _("partner"),
        "associated_partner": _("associated partner"),
        "scientific_partner": _("scientific partner"),
        "participant": _("taking part, not a formal partner"),
        "named_in_news": _("named in the news, status not stated"),
        "certified_firm": _("certified firm"),
        "beneficiary_firm": _("beneficiary firm"),
    }


def project_labels(catalogue: Catalogue) -> dict[str, str]:
    """Project id -> "FESTA – Feste Enogastronomia … (2021–2027)", for popups."""
    periods = {"2014-2020": "2014–2020", "2021-2027": "2021–2027"}
    return {
        p.id: f"{p.short_name} – {p.full_name}"
        + (f" ({periods[p.programme_period]})" if p.programme_period else "")
        for p in catalogue.projects
    }


def filter_words(filters: Filters, names: Mapping[str, Mapping[str, str]]) -> list[list[str]]:
    """The words of each filter set, in the words of ``names`` (filter field -> value ->
    label), the name search last."""
    parts = [
        [names.get(field, {}).get(v, v) for v in getattr(filters, field)]
        for field in ("projects", "periods", "economy", "regions", "cert", "kinds")
        if getattr(filters, field)
    ]
    return parts + ([[f"“{filters.q}”"]] if filters.q else [])


def filters_summary(filters: Filters, names: Mapping[str, Mapping[str, str]], _: Translator) -> str:
    """One line saying what the filters keep ("FESTA · Sardegna, Corsica · “coop”"); "All
    places" when none is set."""
    summary = " · ".join(", ".join(words) for words in filter_words(filters, names))
    return summary or _("All places")


def value_labels(dataset: Dataset, lang: str, _: Translator) -> dict[str, dict[str, str]]:
    """Filter field -> value -> its label in ``lang``: what the filters and the summary of a
    view call each value."""
    return {
        "projects": {p.id: p.short_name for p in dataset.catalogue.projects},
        "periods": period_labels(_),
        "economy": economy_labels(dataset.catalogue, lang, _),
        "regions": region_names(dataset.regions, lang),
        "cert": certification_labels(_),
        "kinds": kind_labels(_),
    }


def table_words(dataset: Dataset, lang: str, _: Translator) -> Words:
    """Code -> words, for the counts, the table and the CSV download."""
    return Words(
        kinds=kind_labels(_),
        regions={**region_names(dataset.regions, lang), OUTSIDE: _("outside")},
        projects={
            **{p.id: p.short_name for p in dataset.catalogue.projects},
            NOT_STATED: _("none stated"),
        },
        statuses=status_labels(_),
        economy=economy_labels(dataset.catalogue, lang, _),
        certification=certification_labels(_),
        yes_no=(_("yes"), _("no")),
        via=_("through its projects:"),
    )


def table_columns(_: Translator) -> dict[str, str]:
    return {
        "name": _("Name"),
        "kind": _("Kind"),
        "town": _("Town"),
        "region": _("Region"),
        "projects": _("Projects"),
        "economy": _("Economy type"),
        "certification": _("Quality Made"),
        "eligible": _("Eligible area"),
        "notes": _("Notes"),
        "yours": _("From your file"),
    }


def download_columns(_: Translator) -> dict[str, str]:
    """The headers of the CSV download: the table's, the place and the sources."""
    return {
        **table_columns(_),
        "lat": _("Latitude"),
        "lon": _("Longitude"),
        "website": _("Website"),
        "sources": _("Sources"),
        "id": "id",
    }
