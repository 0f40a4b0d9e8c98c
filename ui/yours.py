"""The planner's own files: added once, kept for the session, read as they chose, and what
became of each said right under the uploader, in the page's language.

A file is taken out of the uploader as soon as it arrives and kept in the session (the
uploader is then emptied), so a language change, presentation mode and back, or any other
rerun keeps it; the planner removes it with its own button.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from html import escape

import streamlit as st

from geo import columns
from geo.i18n import Translator, translator
from geo.labels import kind_labels
from geo.load import Dataset
from geo.problems import Problem
from geo.reading import MAX_FILE_BYTES
from geo.schema import KINDS
from geo.tabular import MAX_ROWS
from geo.template import example, template_csv
from geo.upload import TYPES, Options, Result, Upload

STORE = "your_files"
ROUND = "your_uploader_round"
KIND = "your_kind"
#: Whether the box is open (its content is made only then, or while it holds files).
ADDER_KEY = "your_box_open"
#: Problems listed per file on the page (all of them in the download).
SHOWN_PROBLEMS = 200
PROBLEMS_STYLE = """<style>
.mm-problems { max-height: 16rem; overflow: auto; margin: 0; padding-left: 1.1rem;
  font-size: .85rem; } .mm-problems li { margin: .15rem 0; overflow-wrap: anywhere; }
</style>"""
#: Columns a planner may map by hand, most needed first.
MAPPED = (
    "name",
    "municipality",
    "area",
    "lon",
    "lat",
    "latlon",
    "geometry",
    "postcode",
    "country",
    "address",
    "website",
    "kind",
    "projects",
    "economy",
    "certification",
    "description",
    "notes",
    "sources",
    "id",
)


@dataclass(frozen=True)
class YourFile:
    """A file the planner added: its name (made unique in the session) and content."""

    name: str
    content: bytes
    digest: str


def _take(key: str) -> None:
    """The uploader's callback: keep its new files in the session and empty it. A file
    added twice is kept once; another file of the same name gets a number."""
    kept: list[YourFile] = st.session_state.setdefault(STORE, [])
    for upload in st.session_state.get(key) or []:
        content = upload.getvalue()
        digest = hashlib.sha256(content).hexdigest()
        if any(f.digest == digest for f in kept):
            continue
        name, taken, n = upload.name, {f.name for f in kept}, 1
        while name in taken:
            n += 1
            stem, dot, ext = upload.name.rpartition(".")
            name = f"{stem} ({n}).{ext}" if dot else f"{upload.name} ({n})"
        kept.append(YourFile(name, content, digest))
    st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1


def _remove(digest: str) -> None:
    st.session_state[STORE] = [f for f in st.session_state.get(STORE, []) if f.digest != digest]


def files() -> list[YourFile]:
    return list(st.session_state.get(STORE, []))


def _mapping_key(digest: str, field: str) -> str:
    return f"your_column_{digest[:16]}_{field}"


def _guess_key(digest: str) -> str:
    return f"your_guess_{digest[:16]}"


def _sheet_key(digest: str) -> str:
    return f"your_sheet_{digest[:16]}"


def options(file: YourFile) -> Options:
    """How to read ``file``: the kind chosen for rows that do not say, the sheet, and the
    columns the planner mapped by hand (``None``: as guessed from the headers)."""
    state = st.session_state
    chosen = {f: state.get(_mapping_key(file.digest, f), -1) for f in MAPPED}
    mapping = tuple((f, i) for f, i in chosen.items() if i >= 0)
    guessed = state.get(_guess_key(file.digest))
    # Until the planner changes a column, the file is read as guessed (one reading, cached).
    same = guessed is None or dict(mapping) == {f: i for f, i in guessed if f in MAPPED}
    kind, sheet = state.get(KIND, "enterprise"), state.get(_sheet_key(file.digest), "")
    return Options(kind, sheet, None if same else mapping)


@st.cache_data(max_entries=8)
def _template(lang: str, _dataset: Dataset, key: str) -> bytes:
    """The template in ``lang``, its example row a shipped place (once per data version)."""
    located = _dataset.points[_dataset.points["municipality"] != ""].sort_values("id")
    row = located.iloc[0].to_dict() if len(located) else {}
    filled = example(row, _dataset.catalogue, lang, translator(lang)) if row else {}
    return template_csv(lang, filled)


def adder(
    shipped: Dataset, version: str, lang: str, _: Translator
) -> st.delta_generator.DeltaGenerator:
    """The box where the planner adds files and reads what became of them (``version``: the
    key of the shipped data, which the template's example row comes from)."""
    # Open while the planner has files: what became of them is the first thing to read.
    # Made only while open or holding files (opening it reruns the page): a closed, empty
    # box costs a visit neither the server's time nor the browser's.
    box = st.sidebar.expander(
        _("Add your own places"),
        expanded=bool(files()),
        icon=":material/upload_file:",
        key=ADDER_KEY,
        on_change="rerun",
    )
    if not (box.open or files()):
        if KIND in st.session_state:  # the kind chosen stays while its widget is not drawn
            st.session_state[KIND] = st.session_state[KIND]
        return box
    with box:
        st.caption(
            _(
                "A spreadsheet (CSV, Excel, OpenDocument) or GeoJSON: one row per place, with "
                "a name and either coordinates or a town. Column names in Italian, French or "
                "English. Kept in this browser session only."
            )
        )
        kinds = kind_labels(_)
        st.selectbox(
            _("Rows that do not say their kind are"),
            list(KINDS),
            index=list(KINDS).index("enterprise"),
            format_func=kinds.__getitem__,
            key=KIND,
        )
        key = f"your_uploader_{st.session_state.get(ROUND, 0)}"
        st.file_uploader(
            _("Files"),
            type=list(TYPES),
            accept_multiple_files=True,
            key=key,
            on_change=_take,
            args=(key,),
            label_visibility="collapsed",
            help=_("Up to {mb} MB and {rows} rows per file.").format(
                mb=MAX_FILE_BYTES // (1024 * 1024), rows=f"{MAX_ROWS:,}"
            ),
        )
        st.download_button(
            _("Template to fill in (CSV)"),
            _template(lang, shipped, version),
            file_name=_("marittimo-places-template.csv"),
            mime="text/csv",
            icon=":material/download:",
        )
    return box


def message(problem: Problem, _: Translator) -> str:
    """A problem's message in the page's language when the catalogue knows it."""
    if problem.template:
        return _(problem.template).format(**dict(problem.values))
    return _(problem.message)


def problems_html(problems: list[Problem], _: Translator) -> str:
    """The problems of a file as a list that wraps in a narrow sidebar: where (row and
    column), then what to change. Every text from the file is escaped."""
    items = "".join(
        f"<li><b>{escape(_translated_where(p.feature, _))}"
        + (f" · {escape(p.field)}" if p.field else "")
        + f"</b>: {escape(message(p, _))}</li>"
        for p in problems
    )
    return f"{PROBLEMS_STYLE}<ul class='mm-problems'>{items}</ul>"


def _translated_where(feature: str | None, _: Translator) -> str:
    """``row 12`` in the page's language (a feature label otherwise, as it is)."""
    if feature and feature.startswith("row "):
        return _("row {n}").format(n=feature.removeprefix("row "))
    return feature or _("the file")


def outcome(result: Result, _: Translator) -> str:
    return _(
        "Read {rows} rows: {on_map} on the map ({by_town} placed at their town's centre), "
        "{not_placed} without a place, {left_out} left out."
    ).format(
        rows=result.rows,
        on_map=result.on_map,
        by_town=result.by_town,
        not_placed=result.not_placed,
        left_out=result.left_out,
    )


def _column_picker(upload: Upload, digest: str, _: Translator) -> None:
    """The planner's columns against the data format's fields, to correct the guess."""
    labels = field_labels(_)
    header = upload.header
    if upload.guessed:
        st.session_state[_guess_key(digest)] = tuple(upload.mapping.items())
    sure = columns.sure(upload.mapping)
    with st.expander(_("Columns"), expanded=not sure):
        if not sure:
            st.warning(_("Say which column holds the name, and the town or the coordinates."))
        for field in MAPPED:
            st.selectbox(
                labels[field],
                [-1, *range(len(header))],
                index=upload.mapping.get(field, -1) + 1,
                format_func=lambda i: "—" if i < 0 else (header[i] or f"#{i + 1}"),
                key=_mapping_key(digest, field),
            )
        unused = upload.unused()
        if unused:
            st.caption(_("Columns not read:"))
            st.text(", ".join(unused))


def field_labels(_: Translator) -> dict[str, str]:
    """The data format's fields, as the column picker names them."""
    return {
        "name": _("Name"),
        "municipality": _("Town"),
        "area": _("Province or département"),
        "lon": _("Longitude"),
        "lat": _("Latitude"),
        "latlon": _("Latitude and longitude in one column"),
        "geometry": _("Geometry (WKT or GeoJSON)"),
        "postcode": _("Postcode"),
        "country": _("Country"),
        "address": _("Address"),
        "website": _("Website"),
        "kind": _("Kind"),
        "projects": _("Projects"),
        "economy": _("Economy type"),
        "certification": _("Quality Made certification"),
        "description": _("Description"),
        "notes": _("Notes"),
        "sources": _("Sources"),
        "id": _("Identifier"),
    }


def report(
    box: st.delta_generator.DeltaGenerator,
    kept: list[YourFile],
    uploads: tuple[Upload, ...],
    results: tuple[Result, ...],
    _: Translator,
) -> None:
    """Under the uploader: for each file, what became of its rows, the problems by row and
    column, a sheet and column picker, and a button to remove it."""
    with box:
        for file, upload, result in zip(kept, uploads, results, strict=True):
            st.divider()
            st.text(file.name)
            errors = not upload.checked.readable
            if errors:
                st.error(_("This file could not be read."), icon=":material/error:")
            elif result.on_map == result.rows:
                st.success(outcome(result, _), icon=":material/check_circle:")
            else:
                st.warning(outcome(result, _), icon=":material/warning:")
            if upload.encoding == "cp1252":
                st.caption(_("Read as Windows-1252 text (a CSV saved by Excel on Windows)."))
            if len(upload.sheets) > 1:
                st.selectbox(
                    _("Sheet"),
                    upload.sheets,
                    index=upload.sheets.index(upload.sheet) if upload.sheet in upload.sheets else 0,
                    key=_sheet_key(file.digest),
                )
            if upload.table:
                _column_picker(upload, file.digest, _)
            problems = upload.checked.problems
            if problems:
                st.html(problems_html(problems[:SHOWN_PROBLEMS], _))
                if len(problems) > SHOWN_PROBLEMS:
                    st.caption(
                        _("{n} more problems are not listed here.").format(
                            n=len(problems) - SHOWN_PROBLEMS
                        )
                    )
            st.button(
                _("Remove this file"),
                key=f"your_remove_{file.digest[:16]}",
                on_click=_remove,
                args=(file.digest,),
                icon=":material/delete:",
            )
