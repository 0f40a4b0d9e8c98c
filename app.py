"""Marittimo Map: the Streamlit page. It only composes the parts in ``ui``; the work is done
in ``geo``."""

from __future__ import annotations

import streamlit as st

from geo.filters import known_values
from geo.i18n import plural_translator, translator
from geo.paths import data_dir
from ui import mapcomponent, notices, numbers, page, project, share, sidebar, state, yours
from ui.data import kept, published, signature, with_uploads
from ui.presentation import present

# Less empty space above the title, so the map is in view on a phone and a projector.
PAGE_STYLE = "<style>.block-container { padding-top: 2.5rem; }</style>"


def main() -> None:
    st.set_page_config(page_title="Marittimo Map", page_icon="🗺️", layout="wide")
    folder = str(data_dir())
    version = signature(folder)
    shipped = published(folder, version)
    known = known_values(shipped.dataset)
    ignored = state.sync_from_link(known)
    lang = sidebar.language()
    _, ngettext = translator(lang), plural_translator(lang)
    filters = sidebar.filters(shipped.dataset, known, lang, _)
    spot = sidebar.town(shipped.dataset, lang, _)
    box = yours.adder(shipped.dataset, shipped.key, lang, _)
    files = yours.files()
    data = shipped
    if files:  # (a spinner starts a thread: not for every visit)
        with st.spinner(_("Reading your files…"), show_time=True):
            data = with_uploads(shipped, folder, version, files)
    yours.report(box, files, data.uploads, data.results, _)
    dataset = data.dataset
    query = state.write_link(filters, lang)
    keep = kept(data.key, filters, dataset)
    shown = int(keep.sum())
    if state.presenting():
        present(data, filters, keep, query, lang, _)
        return
    share.share(query, bool(files), _)

    page.head(PAGE_STYLE, lang)
    st.title(_("Marittimo Map"))
    st.caption(_("The Interreg Italia–France Maritime cooperation area"))
    notices.top(dataset, ignored, _)
    st.markdown(
        # English says "places" after the total; Italian and French agree with the count.
        ngettext(
            "**{shown}** of {total} places shown", "**{shown}** of {total} places shown", shown
        ).format(shown=shown, total=len(dataset.points))
    )
    if not shown:
        st.info(_("No place matches these filters. Change or reset the filters to see more."))
    focus = numbers.chosen_place(data, filters, lang)
    mapcomponent.draw(data, filters, lang, spot=spot, focus=focus)
    project.panel(data, filters, lang, _)
    numbers.below_the_map(data, filters, keep, lang, _)
    notices.for_maintainer(dataset, _)


main()
