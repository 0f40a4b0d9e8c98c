"""Below the map: counts of what the filters keep, the table of places, downloads, and the
organisations no source places in a town."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo import export, numbers
from geo.charts import CHARTS_CSS, count_table
from geo.filters import NOT_STATED
from geo.i18n import Translator
from geo.load import Dataset
from geo.mapview import certification_labels, economy_labels, kind_labels
from geo.markers import ECONOMY_COLORS
from geo.regions import region_names
from ui.data import STATIC_DIR, basemap_data

GEOJSON_MIME = "application/geo+json"
#: Rows of the table of places drawn on the page; the downloads hold them all.
MAX_TABLE_ROWS = 1000


def _labels(dataset: Dataset, lang: str, _: Translator) -> dict[str, dict[str, str]]:
    """Code -> words, for counts and the table."""
    return {
        "kinds": kind_labels(_),
        "regions": {**region_names(dataset.regions, lang), numbers.OUTSIDE: _("outside")},
        "projects": {
            **{p.id: p.short_name for p in dataset.catalogue.projects},
            NOT_STATED: _("none stated"),
        },
        "economy": economy_labels(dataset.catalogue, lang, _),
        "certification": certification_labels(_),
    }


def counts(shown: pd.DataFrame, labels: dict[str, dict[str, str]], _: Translator) -> None:
    """Places per region and economy type, and per project: the figures, with bars."""
    economy = {k: v for k, v in labels["economy"].items() if k != "several"}
    colors = {label: ECONOMY_COLORS[code] for code, label in economy.items()}
    by_region = numbers.region_economy_counts(shown, labels["regions"], economy)
    projects = {k: v for k, v in labels["projects"].items() if k != NOT_STATED}
    per_project = numbers.project_counts(shown, projects, labels["projects"][NOT_STATED])
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader(_("Places per region and economy type"))
        st.html(
            CHARTS_CSS
            + count_table(
                by_region.rename(columns={"Total": _("Total")}),
                label=_("Region"),
                total=_("Total"),
                colors=colors,
            )
        )
    with right:
        st.subheader(_("Places per project"))
        st.html(
            count_table(
                per_project.rename(_("Places")).to_frame(),
                label=_("Project"),
                total=_("Places"),
            )
        )


def _columns(_: Translator) -> dict[str, str]:
    return {
        "name": _("Name"),
        "kind": _("Kind"),
        "town": _("Town"),
        "region": _("Region"),
        "projects": _("Projects"),
        "economy": _("Economy type"),
        "certification": _("Quality Made"),
        "eligible": _("Eligible area"),
    }


def table(shown: pd.DataFrame, labels: dict[str, dict[str, str]], _: Translator) -> None:
    """The places shown, in words; at most :data:`MAX_TABLE_ROWS` (the downloads have all)."""
    st.subheader(_("Places shown"))
    rows = numbers.features_table(
        shown.head(MAX_TABLE_ROWS), columns=_columns(_), yes_no=(_("yes"), _("no")), **labels
    )
    st.dataframe(rows, width="stretch", hide_index=True)
    if len(shown) > MAX_TABLE_ROWS:
        st.caption(
            _("The first {rows} of {total} places; the downloads hold them all.").format(
                rows=f"{MAX_TABLE_ROWS:,}", total=f"{len(shown):,}"
            )
        )


def downloads(dataset: Dataset, shown: pd.DataFrame, lang: str, _: Translator) -> None:
    """Exactly the shown places as CSV, GeoJSON and a one-file map. The files are made when a
    button is clicked (Streamlit runs the callable then), not on every rerun."""
    files = (
        (_("Download CSV"), lambda: export.to_csv(shown), "csv", "text/csv"),
        (_("Download GeoJSON"), lambda: export.to_geojson(shown), "geojson", GEOJSON_MIME),
        (
            _("Download the map (one HTML file, works offline)"),
            lambda: export.map_file(
                dataset, shown, lang, _, basemap=basemap_data(), static_dir=STATIC_DIR
            ),
            "html",
            "text/html",
        ),
    )
    for column, (label, make, ext, mime) in zip(st.columns(3), files, strict=True):
        column.download_button(
            label,
            make,
            file_name=f"marittimo-map.{ext}",
            mime=mime,
            width="stretch",
            on_click="ignore",
        )


def unlocated(places: pd.DataFrame, labels: dict[str, dict[str, str]], _: Translator) -> None:
    """The organisations no source places in a town: listed, since the map cannot show them."""
    if places.empty:
        return
    st.subheader(_("Not located ({n})").format(n=len(places)))
    st.caption(_("No source states the town of these organisations, so they are not on the map."))
    columns = _columns(_)
    rows = numbers.features_table(
        places.assign(region=None, eligible=False),
        columns=columns,
        yes_no=(_("yes"), _("no")),
        **labels,
    )
    where = [columns["town"], columns["region"], columns["eligible"]]
    st.dataframe(rows.drop(columns=where), width="stretch", hide_index=True)


def below_the_map(
    dataset: Dataset, shown: pd.DataFrame, unlocated_shown: pd.DataFrame, lang: str, _: Translator
) -> None:
    """Counts, the table of shown places with its downloads, and the places not located."""
    labels = _labels(dataset, lang, _)
    counts(shown, labels, _)
    table(shown, labels, _)
    downloads(dataset, shown, lang, _)
    unlocated(unlocated_shown, labels, _)
