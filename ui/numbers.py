"""Below the map: counts of what the filters keep, the table of places, downloads, and the
organisations no source places in a town."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from html import escape

import pandas as pd
import streamlit as st

from geo import export, numbers
from geo.filters import NOT_STATED, Filters, mask
from geo.i18n import Translator, translator
from geo.labels import filter_words, table_columns, table_words, value_labels
from geo.load import Dataset
from geo.markers import ECONOMY_COLORS, SEVERAL
from geo.tables import TABLES_CSS, count_table, places_table, section
from ui.data import STATIC_DIR, Published, basemap_data

GEOJSON_MIME = "application/geo+json"
#: The table's "Sort and search" switch: the interactive grid instead of the plain table.
INTERACTIVE = "interactive_table"
#: Rows of the table of places drawn on the page; the downloads hold them all.
MAX_TABLE_ROWS = 500
#: A row of the table of places shows its place on the map: the map's point layers open a
#: place by id (geo/web/points.js, openId). In the page, not the map's frame; set up once.
TABLE_TO_MAP = """<script>
(function () {
  if (window.mmTableToMap) { return; }
  window.mmTableToMap = true;
  function show(row) {
    var frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    var inner = frame && frame.contentWindow;
    if (!inner || !inner.map) { return; }
    var shown = (inner.feature_group || []).filter(function (g) { return inner.map.hasLayer(g); });
    var found = shown.some(function (group) {
      return group.getLayers().some(function (layer) {
        return layer.openId && layer.openId(row.getAttribute("data-mm-id"), 10);
      });
    });
    if (found) { frame.scrollIntoView({behavior: "smooth", block: "center"}); }
  }
  function chosen(event) {
    var row = event.target.closest && event.target.closest("tr[data-mm-id]");
    return row && !event.target.closest("a") ? row : null;
  }
  document.addEventListener("click", function (event) {
    var row = chosen(event);
    if (row) { show(row); }
  });
  document.addEventListener("keydown", function (event) {
    var row = event.key === "Enter" ? chosen(event) : null;
    if (row) { show(row); }
  });
})();
</script>"""
#: Bars of places per project: formal partners dark, the others light.
FORMAL_COLOR, OTHER_COLOR = "#2F4B7C", "#A9B8D0"


@dataclass(frozen=True)
class Figures:
    """Everything below the map for one view, in words: made once per (data, language,
    filters) and shared by every visitor of that view."""

    counts_html: str  # places per region and economy type, and per project, side by side
    table: pd.DataFrame  # the places shown, at most MAX_TABLE_ROWS
    ids: tuple[str, ...]  # the id of each row of ``table``
    table_html: str
    shown: int
    unlocated: pd.DataFrame  # the organisations of the view no source places in a town
    unlocated_html: str  # with its heading and why they are not on the map


def _count_tables(shown: pd.DataFrame, words: numbers.Words, _: Translator) -> tuple[str, str]:
    """Places per region and economy type, and per project (formal partners apart): the
    figures, with bars."""
    economy = {k: v for k, v in words.economy.items() if k != SEVERAL}
    colors = {label: ECONOMY_COLORS[code] for code, label in economy.items()}
    by_region = numbers.region_economy_counts(shown, words.regions, economy)
    projects = {k: v for k, v in words.projects.items() if k != NOT_STATED}
    per_project = numbers.project_counts(shown, projects, words.projects[NOT_STATED])
    region_html = count_table(
        by_region.rename(columns={"Total": _("Total")}),
        label=_("Region"),
        total=_("Total"),
        colors=colors,
    )
    formal, other = _("Formal partners"), _("Others")
    project_html = count_table(
        per_project.rename(columns={"formal": formal, "other": other, "total": _("Places")}),
        label=_("Project"),
        total=_("Places"),
        colors={formal: FORMAL_COLOR, other: OTHER_COLOR},
        caption=_("Formal partners: lead or partner, as the sources say."),
    )
    return region_html, project_html


@st.cache_resource(max_entries=512)
def figures(key: str, lang: str, filters: Filters, _dataset: Dataset) -> Figures:
    """The figures of a view of the data version ``key`` (``_dataset``, not hashed again)."""
    _ = translator(lang)
    words = table_words(_dataset, lang, _)
    shown = _dataset.points[mask(_dataset.points, filters)]
    by_region, by_project = _count_tables(shown, words, _)
    columns = table_columns(_)
    first = shown.head(MAX_TABLE_ROWS)
    table = numbers.features_table(first, words, columns)
    unlocated = _dataset.unlocated[mask(_dataset.unlocated, filters)]
    unplaced = numbers.features_table(unlocated.assign(region=None, eligible=False), words, columns)
    where = [columns["town"], columns["region"], columns["eligible"]]
    unplaced = unplaced.drop(columns=where)
    pair = section(_("Places per region and economy type"), by_region) + section(
        _("Places per project"), by_project
    )
    return Figures(
        f'<div class="mm-pair">{pair}</div>',
        table,
        tuple(first["id"]),
        places_table(table, first["id"].tolist()),
        len(shown),
        unplaced,
        section(
            _("Not located ({n})").format(n=len(unplaced)),
            places_table(unplaced),
            _("No source states the town of these organisations, so they are not on the map."),
        ),
    )


def counts(view: Figures) -> None:
    st.html(TABLES_CSS + view.counts_html)


def grid_key(key: str, filters: Filters) -> str:
    """The interactive table's key in one view of the data version ``key``: a row chosen in
    another view is not chosen in this one."""
    return "places_grid_" + hashlib.sha256(f"{key}|{filters!r}".encode()).hexdigest()[:12]


def chosen_place(data: Published, filters: Filters, lang: str) -> str | None:
    """The id of the place whose row is chosen in the interactive table of this view (the
    plain table's rows open their place in the page, without a run)."""
    if not st.session_state.get(INTERACTIVE):
        return None
    chosen = st.session_state.get(grid_key(data.key, filters)) or {}
    rows = chosen.get("selection", {}).get("rows", [])
    if not rows:
        return None
    ids = figures(data.key, lang, filters, data.dataset).ids
    return ids[rows[0]] if rows[0] < len(ids) else None


def table(view: Figures, grid: str, _: Translator) -> None:
    """The places shown, in words; at most :data:`MAX_TABLE_ROWS` (the downloads have all).
    A row chosen shows its place on the map with its popup open (``grid``: the interactive
    table's key, see :func:`grid_key`)."""
    st.subheader(_("Places shown"))
    # A plain table by default: the interactive grid costs a phone 1.3 MB of script.
    interactive = st.toggle(_("Sort and search"), key=INTERACTIVE)
    notes = [_("Choose a row to see its place on the map.")]
    if view.shown > MAX_TABLE_ROWS:
        notes.append(
            _("The first {rows} of {total} places; the downloads hold them all.").format(
                rows=f"{MAX_TABLE_ROWS:,}", total=f"{view.shown:,}"
            )
        )
    remarks = "".join(f'<p class="mm-after">{escape(note)}</p>' for note in notes)
    if interactive:
        st.dataframe(
            view.table,
            width="stretch",
            hide_index=True,
            on_select="rerun",
            selection_mode="single-row",
            key=grid,
        )
        st.html(remarks)
    else:
        st.html(view.table_html + remarks)  # one element: the table and what to know of it
        st.html(TABLE_TO_MAP, unsafe_allow_javascript=True)


def downloads(
    dataset: Dataset, filters: Filters, keep: pd.Series, lang: str, _: Translator
) -> None:
    """Exactly the shown places: a CSV in words that the page's language's spreadsheets
    open (``;`` and decimal commas in Italian and French), GeoJSON with the data's codes for
    GIS, and a one-file map; each named after the view. The files are made when a button is
    clicked (Streamlit runs the callable then), not on every rerun."""

    def shown() -> pd.DataFrame:
        return dataset.points[keep]

    def spreadsheet() -> bytes:
        return export.download_csv(shown(), dataset, lang, _)

    words = [w for part in filter_words(filters, value_labels(dataset, lang, _)) for w in part]
    files = (
        (_("Download CSV"), spreadsheet, "csv", "text/csv"),
        (_("Download GeoJSON"), lambda: export.to_geojson(shown()), "geojson", GEOJSON_MIME),
        (
            _("Download the map (one HTML file, works offline)"),
            lambda: export.map_file(
                dataset, shown(), lang, _, basemap=basemap_data(), static_dir=STATIC_DIR
            ),
            "html",
            "text/html",
        ),
    )
    for column, (label, make, ext, mime) in zip(st.columns(3), files, strict=True):
        column.download_button(
            label,
            make,
            file_name=export.file_name(words, ext),
            mime=mime,
            width="stretch",
            on_click="ignore",
        )


def unlocated(view: Figures) -> None:
    """The organisations no source places in a town: listed, since the map cannot show them."""
    if not view.unlocated.empty:
        st.html(view.unlocated_html)


def below_the_map(
    data: Published, filters: Filters, keep: pd.Series, lang: str, _: Translator
) -> None:
    """Counts, the table of shown places with its downloads, and the places not located."""
    view = figures(data.key, lang, filters, data.dataset)
    counts(view)
    table(view, grid_key(data.key, filters), _)
    downloads(data.dataset, filters, keep, lang, _)
    unlocated(view)
