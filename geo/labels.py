"""Words for the codes of the data, in the user's language: what the filters, the popups,
the legend, the counts, the table and the downloads call each value."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from geo.filters import NOT_STATED, Filters
from geo.i18n import Translator
from geo.markers import SEVERAL

if TYPE_CHECKING:
    from geo.load import Catalogue


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


def filters_summary(filters: Filters, names: Mapping[str, Mapping[str, str]], _: Translator) -> str:
    """One line saying what the filters keep ("FESTA · Sardegna, Corsica · “coop”"), in
    the words of ``names`` (filter field -> value -> label); "All places" when none is set."""
    parts = [
        ", ".join(names.get(field, {}).get(v, v) for v in getattr(filters, field))
        for field in ("projects", "periods", "economy", "regions", "cert", "kinds")
        if getattr(filters, field)
    ]
    if filters.q:
        parts.append(f"“{filters.q}”")
    return " · ".join(parts) or _("All places")
