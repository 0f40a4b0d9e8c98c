"""Marittimo Map: the Streamlit page. It only composes; the work is done in ``geo``."""

from __future__ import annotations

import json
import logging
import os
from html import escape
from pathlib import Path
from urllib.parse import urlencode

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo import assets, export, numbers
from geo.filters import (
    NOT_STATED,
    PARAMS,
    Filters,
    Known,
    from_query,
    known_values,
    mask,
    to_query,
)
from geo.i18n import LANGUAGES, Translator, normalize_language, translator
from geo.load import Dataset, load_dataset, with_files
from geo.mapview import (
    base_map,
    certification_labels,
    economy_labels,
    kind_labels,
    region_shapes,
    view_layers,
)
from geo.paths import Signature, basemap_file, data_dir, data_signature
from geo.problems import Problem
from geo.reading import MAX_FILE_BYTES
from geo.regions import region_names
from geo.share import PRESENT_PARAM, qr_png, share_url
from geo.upload import MAX_ROWS, check_upload

STATIC_DIR = Path(__file__).parent / "static"
LOG = logging.getLogger("marittimo")
#: Set to 1 to list the problems of the data folder on the page (for its maintainer).
MAINTAINER_ENV = "MARITTIMO_MAINTAINER"
MAP_HEIGHT = 600
# Less empty space above the title, so the map is in view on a phone and a projector.
PAGE_STYLE = "<style>.block-container { padding-top: 2.5rem; }</style>"
SWITCH_STYLE = """<style>
a.mm-switch { display: block; text-align: center; padding: .45rem; border-radius: .5rem;
  border: 1px solid rgba(49,51,63,.2); text-decoration: none; color: inherit; }
a.mm-switch:hover { border-color: #0072B2; color: #0072B2; }
</style>"""
# Presentation: no sidebar, no toolbar, no margins; the map fills a 1080p or 768p projector.
PRESENT_STYLE = """<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
header[data-testid="stHeader"], [data-testid="stToolbar"] { display: none !important; }
.block-container { padding: 0.5rem 1rem !important; max-width: 100% !important; }
iframe[title="streamlit_folium.st_folium"] { height: calc(100vh - 1.5rem) !important; }
</style>"""
# The map's own height before the page style stretches it to the screen's.
PRESENT_MAP_HEIGHT = 760
GEOJSON_MIME = "application/geo+json"
FILTER_KEYS = {name: f"filter_{name}" for name in (*PARAMS, "q")}
PENDING_REGION = "pending_region"
LAST_REGION_CLICK = "last_region_click"


@st.cache_resource
def _links(folder: str, signature: Signature) -> dict[str, dict[str, dict[str, str]]]:
    """Install the front-end files (once per server) and publish the large, unchanging shapes
    as static files the browser fetches once: per language, the regions, the basemap and the
    eligible area (as checked, never a data folder's file as it is)."""
    assets.install(STATIC_DIR)
    dataset = _dataset(folder, signature)
    basemap = assets.publish("basemap.geojson", basemap_file().read_bytes(), STATIC_DIR)
    eligible = dataset.eligible_area.to_json(drop_id=True).encode("utf-8")
    links = {
        "basemap": {"url": basemap},
        "eligible_area": {"url": assets.publish("eligible_area.geojson", eligible, STATIC_DIR)},
    }
    return {
        lang: {
            **links,
            "shapes": {
                "url": assets.publish(
                    f"regions-{lang}.geojson",
                    json.dumps(region_shapes(dataset.regions, lang)).encode("utf-8"),
                    STATIC_DIR,
                )
            },
        }
        for lang in LANGUAGES
    }


@st.cache_resource
def _basemap_data() -> dict[str, object]:
    return json.loads(basemap_file().read_text(encoding="utf-8"))


@st.cache_resource(max_entries=4)
def _dataset(folder: str, signature: Signature) -> Dataset:
    """The data of ``folder``, loaded once per version of its files (``signature``); its
    problems go to the server log, for the maintainer."""
    dataset = load_dataset(Path(folder))
    for problem in dataset.problems:
        LOG.warning("%s", problem)
    return dataset


def _init_state(known: Known) -> list[tuple[str, str]]:
    """Filters from the link, once per session; returns the link's values that were ignored."""
    if "filters_ready" in st.session_state:
        return st.session_state.get("ignored", [])
    filters, ignored = from_query(st.query_params.to_dict() | _lists(), known)
    ignored += _odd_switches()
    for name, key in FILTER_KEYS.items():
        value = getattr(filters, name)
        st.session_state[key] = list(value) if isinstance(value, tuple) else value
    st.session_state["filters_ready"] = True
    st.session_state["ignored"] = ignored
    return ignored


def _odd_switches() -> list[tuple[str, str]]:
    """The link's language and presentation values that mean nothing here (ignored)."""
    lang = st.query_params.get("lang")
    present = st.query_params.get(PRESENT_PARAM)
    odd = [] if lang is None or lang[:2].lower() in LANGUAGES else [("lang", lang)]
    return odd + ([] if present in (None, "1") else [(PRESENT_PARAM, present)])


def _lists() -> dict[str, list[str]]:
    """Repeated parameters (``?project=a&project=b``) as lists."""
    return {param: st.query_params.get_all(param) for param in PARAMS.values()}


def _reset() -> None:
    for key in FILTER_KEYS.values():
        st.session_state[key] = "" if key == FILTER_KEYS["q"] else []


def _sidebar(dataset: Dataset, known: Known, lang: str, _: Translator) -> Filters:
    """The filter widgets; they hold the state, the URL mirrors it."""
    if PENDING_REGION in st.session_state:  # a click on a region, applied before the widgets
        st.session_state[FILTER_KEYS["regions"]] = [st.session_state.pop(PENDING_REGION)]
    side = st.sidebar
    side.header(_("Filters"))
    projects = {p.id: p.short_name for p in dataset.catalogue.projects}
    options = {
        "projects": (_("Project"), projects),
        "economy": (_("Economy type"), economy_labels(dataset.catalogue, lang, _)),
        "regions": (_("Region"), region_names(dataset.regions, lang)),
        "cert": (_("Quality Made certification"), certification_labels(_)),
        "kinds": (_("Kind"), kind_labels(_)),
    }
    chosen = {}
    for name, (label, names) in options.items():
        values = [v for v in getattr(known, name) if v in names]
        chosen[name] = tuple(
            side.multiselect(
                label,
                values,
                key=FILTER_KEYS[name],
                format_func=names.__getitem__,
                placeholder=_("All"),
            )
        )
    query = side.text_input(_("Search by name"), key=FILTER_KEYS["q"])
    side.button(_("Reset filters"), on_click=_reset, width="stretch")
    return Filters(**chosen, q=query.strip())


def _with_uploads(dataset: Dataset, _: Translator) -> Dataset:
    """The planner's own files (GeoJSON or CSV, this session only) added to the shipped data,
    checked by the same rules; what was wrong in them is said right under the uploader."""
    box = st.sidebar.expander(_("Add your own places"), icon=":material/upload_file:")
    with box:
        st.caption(
            _("GeoJSON, or CSV with the columns of the data format and lon, lat (see README).")
        )
        files = st.file_uploader(
            _("Files"),
            type=["geojson", "json", "csv"],
            accept_multiple_files=True,
            key="uploads",
            label_visibility="collapsed",
            help=_("Up to {mb} MB and {rows} rows per file.").format(
                mb=MAX_FILE_BYTES // (1024 * 1024), rows=f"{MAX_ROWS:,}"
            ),
        )
    if not files:
        return dataset
    context = dataset.catalogue.context()
    checks = [check_upload(f.name, f.getvalue(), context) for f in files]
    combined = with_files(dataset, checks)
    problems = combined.problems[len(dataset.problems) :]
    if problems:
        with box:
            st.warning(_("Problems in your files ({n}):").format(n=len(problems)))
            st.text("\n".join(str(p) for p in problems))
    return combined


def _language() -> str:
    """The language from ``?lang=``, kept in the URL when the user picks another."""
    lang = normalize_language(st.query_params.get("lang"))
    _ = translator(lang)
    return st.sidebar.selectbox(
        _("Language"),
        list(LANGUAGES),
        index=list(LANGUAGES).index(lang),
        format_func=LANGUAGES.__getitem__,
    )


def _region_click(clicked: str | None, dataset: Dataset, lang: str) -> None:
    """A click on a region filters to it (the region's tooltip names it)."""
    clicked = (clicked or "").strip()
    if not clicked or clicked == st.session_state.get(LAST_REGION_CLICK):
        return
    st.session_state[LAST_REGION_CLICK] = clicked
    by_name = {name: code for code, name in region_names(dataset.regions, lang).items()}
    if clicked in by_name:
        st.session_state[PENDING_REGION] = by_name[clicked]
        st.rerun()


def _map(
    dataset: Dataset,
    shown: pd.DataFrame,
    lang: str,
    _: Translator,
    links: dict[str, dict[str, str]],
    height: int = MAP_HEIGHT,
    fill_screen: bool = False,
) -> None:
    fmap = base_map(dataset.regions, _, fill_screen=fill_screen, **links)
    layers = view_layers(shown, dataset.regions, dataset.catalogue, lang, _)
    out = st_folium(
        fmap,
        feature_group_to_add=layers,
        layer_control=folium.LayerControl(collapsed=True),
        height=height,
        use_container_width=True,
        returned_objects=["last_object_clicked_tooltip"],
        key="map",
    )
    _region_click((out or {}).get("last_object_clicked_tooltip"), dataset, lang)


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


def _counts(shown: pd.DataFrame, labels: dict[str, dict[str, str]], _: Translator) -> None:
    """Places per region and economy type, and per project: a chart and the figures."""
    economy = {k: v for k, v in labels["economy"].items() if k != "several"}
    left, right = st.columns(2)
    with left:
        st.subheader(_("Places per region and economy type"))
        counts = numbers.region_economy_counts(shown, labels["regions"], economy)
        st.bar_chart(counts.drop(columns="Total"), horizontal=True, stack=True)
        st.dataframe(counts.rename(columns={"Total": _("Total")}), width="stretch")
    with right:
        st.subheader(_("Places per project"))
        projects = {k: v for k, v in labels["projects"].items() if k != NOT_STATED}
        per_project = numbers.project_counts(shown, projects, labels["projects"][NOT_STATED])
        st.bar_chart(per_project.rename(_("Places")), horizontal=True)


def _downloads(dataset: Dataset, shown: pd.DataFrame, lang: str, _: Translator) -> None:
    """Exactly the shown places as CSV, GeoJSON and a one-file map. The files are made when a
    button is clicked (Streamlit runs the callable then), not on every rerun."""
    downloads = (
        (_("Download CSV"), lambda: export.to_csv(shown), "csv", "text/csv"),
        (_("Download GeoJSON"), lambda: export.to_geojson(shown), "geojson", GEOJSON_MIME),
        (
            _("Download the map (one HTML file, works offline)"),
            lambda: export.map_file(
                dataset, shown, lang, _, basemap=_basemap_data(), static_dir=STATIC_DIR
            ),
            "html",
            "text/html",
        ),
    )
    for column, (label, make, ext, mime) in zip(st.columns(3), downloads, strict=True):
        column.download_button(
            label,
            make,
            file_name=f"marittimo-map.{ext}",
            mime=mime,
            width="stretch",
            on_click="ignore",
        )


def _lists_of_places(
    dataset: Dataset,
    shown: pd.DataFrame,
    unlocated: pd.DataFrame,
    lang: str,
    _: Translator,
) -> None:
    """Counts, the table of shown places with its downloads, and the organisations that no
    source places in a town."""
    labels = _labels(dataset, lang, _)
    _counts(shown, labels, _)
    st.subheader(_("Places shown"))
    columns = {
        "name": _("Name"),
        "kind": _("Kind"),
        "town": _("Town"),
        "region": _("Region"),
        "projects": _("Projects"),
        "economy": _("Economy type"),
        "certification": _("Quality Made"),
        "eligible": _("Eligible area"),
    }
    yes_no = (_("yes"), _("no"))
    table = numbers.features_table(shown, columns=columns, yes_no=yes_no, **labels)
    st.dataframe(table, width="stretch", hide_index=True)
    _downloads(dataset, shown, lang, _)
    if unlocated.empty:
        return
    st.subheader(_("Not located ({n})").format(n=len(unlocated)))
    st.caption(_("No source states the town of these organisations, so they are not on the map."))
    unplaced = numbers.features_table(
        unlocated.assign(region=None, eligible=False), columns=columns, yes_no=yes_no, **labels
    )
    where = [columns["town"], columns["region"], columns["eligible"]]
    st.dataframe(unplaced.drop(columns=where), width="stretch", hide_index=True)


@st.cache_data(max_entries=256)
def _qr(url: str, scale: int = 6) -> bytes | None:
    """The QR code of a view's link, made once per link, not once per visitor and rerun."""
    return qr_png(url, scale)


def _qr_image(url: str, scale: int, width: int | str, _: Translator) -> None:
    """The QR code of ``url``, or why there is none (a link too long for a QR code)."""
    image = _qr(url, scale)
    if image is None:
        st.caption(_("This view's link is too long for a QR code: share the link instead."))
    else:
        st.image(image, caption=_("Scan to open this view"), width=width)


def _page_url() -> str:
    """The address the browser used for this page (what an audience on the same network can
    open too, when the presenter opened the app by its network address)."""
    try:
        return st.context.url or "http://localhost:8501/"
    except Exception:  # no browser session (tests, bare mode)
        return "http://localhost:8501/"


def _switch_link(label: str, query: dict[str, str], icon: str) -> None:
    """A link to this view in or out of presentation mode, opened in the same tab (a new
    page load reads the mode from the URL, like a link someone shares)."""
    href = escape("?" + urlencode(query), quote=True)
    st.markdown(
        f'<a class="mm-switch" href="{href}" target="_self">{icon} {escape(label)}</a>',
        unsafe_allow_html=True,
    )


def _share(query: dict[str, str], _: Translator) -> None:
    """The link of this view, its QR code, and the way into presentation mode."""
    url = share_url(_page_url(), query)
    with st.sidebar.expander(_("Share this view"), icon=":material/qr_code_2:"):
        st.html(SWITCH_STYLE)
        _qr_image(url, 6, 180, _)
        st.code(url, language=None, wrap_lines=True)
        _switch_link(_("Presentation mode"), {**query, PRESENT_PARAM: "1"}, "▶")


def _presentation(
    dataset: Dataset,
    shown: pd.DataFrame,
    query: dict[str, str],
    lang: str,
    _: Translator,
    links: dict[str, dict[str, str]],
) -> None:
    """A clean full-screen view for a projector: the map, its numbers, and a QR code of it."""
    st.html(PRESENT_STYLE + SWITCH_STYLE)
    url = share_url(_page_url(), query)
    map_col, side_col = st.columns([5, 1], vertical_alignment="top")
    with map_col:
        _map(dataset, shown, lang, _, links, height=PRESENT_MAP_HEIGHT, fill_screen=True)
    with side_col:
        st.markdown(f"### {_('Marittimo Map')}")
        st.markdown(
            _("**{shown}** of {total} places shown").format(
                shown=len(shown), total=len(dataset.points)
            )
        )
        _qr_image(url, 8, "stretch", _)
        _switch_link(_("Exit presentation"), query, "✕")


def _file_roles(_: Translator) -> dict[str, str]:
    """What each data file holds, for the notice when it cannot be used."""
    return {
        "partners.geojson": _("Partner offices and project partners"),
        "enterprises.geojson": _("Certified enterprises"),
        "projects.json": _("Projects"),
        "economy_types.json": _("Economy types"),
        "regions.geojson": _("Region boundaries"),
        "eligible_area.geojson": _("Eligible area"),
    }


def _unusable(problem: Problem, _: Translator) -> str:
    """A visitor's sentence for a data file that could not be used: what is missing and
    where the file breaks, without the server's paths."""
    name = Path(problem.file).name
    what = _file_roles(_).get(name, _("Data"))
    if problem.line is not None:
        where = _("{file}, line {line}, character {column}").format(
            file=name, line=problem.line, column=problem.column
        )
    else:
        where = name
    return _("{what} could not be loaded: {where}").format(what=what, where=where)


def _notices(dataset: Dataset, ignored: list[tuple[str, str]], _: Translator) -> None:
    """What the visitor must know before reading the map: data that could not be loaded,
    and values of the link that were ignored (shown as plain text, never as markup)."""
    for problem in dataset.unreadable:
        st.error(_unusable(problem, _), icon=":material/error:")
    if ignored:
        st.warning(_("Some values in the link are unknown and were ignored:"))
        st.text(", ".join(f"{param}={value[:80]}" for param, value in ignored))


def main() -> None:
    st.set_page_config(page_title="Marittimo Map", page_icon="🗺️", layout="wide")
    lang = _language()
    _ = translator(lang)
    folder = data_dir()
    signature = data_signature(folder)
    dataset = _dataset(str(folder), signature)
    links = _links(str(folder), signature)[lang]
    known = known_values(dataset)
    ignored = _init_state(known)
    filters = _sidebar(dataset, known, lang, _)
    dataset = _with_uploads(dataset, _)
    query = {**to_query(filters), "lang": lang}
    present = st.query_params.get(PRESENT_PARAM) == "1"
    st.query_params.from_dict({**query, PRESENT_PARAM: "1"} if present else query)
    shown = dataset.points[mask(dataset.points, filters)]
    if present:
        _presentation(dataset, shown, query, lang, _, links)
        return
    _share(query, _)

    st.html(PAGE_STYLE)
    st.title(_("Marittimo Map"))
    st.caption(_("The Interreg Italia–France Maritime cooperation area"))
    _notices(dataset, ignored, _)
    unlocated = dataset.unlocated[mask(dataset.unlocated, filters)]
    st.markdown(
        _("**{shown}** of {total} places shown").format(shown=len(shown), total=len(dataset.points))
    )
    if shown.empty:
        st.info(_("No place matches these filters. Change or reset the filters to see more."))
    _map(dataset, shown, lang, _, links)
    _lists_of_places(dataset, shown, unlocated, lang, _)
    if os.environ.get(MAINTAINER_ENV) == "1" and dataset.problems:
        with st.expander(_("Data problems ({n})").format(n=len(dataset.problems))):
            st.text("\n".join(str(p) for p in dataset.problems))


main()
