"""The sidebar: language, filters, and sharing the view."""

from __future__ import annotations

import streamlit as st

from geo.cards import VERDICT_CSS, town_verdict
from geo.filters import Filters, Known, toggled
from geo.gazetteer import Place, towns
from geo.i18n import DEFAULT_LANGUAGE, LANGUAGES, Translator, translator
from geo.labels import markdown_text, value_labels
from geo.load import Dataset, place_in_areas
from geo.regions import region_names
from ui.state import FILTER_KEYS, LANG_KEY, reset

PENDING_REGION = "pending_region"
#: Up to this many values, a filter's values are shown as pills (none chosen: all).
FEW = 6
TOWN_KEY = "town"
TOWN_CHOICE_KEY = "town_choice"


def language() -> str:
    """The language chosen (the link's or the browser's at first): one choice switches the
    page at once, the widget's own label included."""
    lang = st.session_state.get(LANG_KEY, DEFAULT_LANGUAGE)
    _ = translator(lang)
    return st.sidebar.selectbox(
        _("Language"), list(LANGUAGES), key=LANG_KEY, format_func=LANGUAGES.__getitem__
    )


def filters(dataset: Dataset, known: Known, lang: str, _: Translator) -> Filters:
    """The filter widgets; they hold the state, the URL mirrors it."""
    if PENDING_REGION in st.session_state:  # a click on a region, applied before the widgets
        key = FILTER_KEYS["regions"]
        clicked = st.session_state.pop(PENDING_REGION)
        st.session_state[key] = toggled(st.session_state.get(key, []), clicked)
    side = st.sidebar
    side.header(_("Filters"))
    words = value_labels(dataset, lang, _)
    titles = {
        "projects": _("Project"),
        "periods": _("Programme period"),
        "economy": _("Economy type"),
        "regions": _("Region"),
        "cert": _("Quality Made certification"),
        "kinds": _("Kind"),
    }
    options = {name: (titles[name], words[name]) for name in titles}
    chosen = {}
    for name, (label, names) in options.items():
        values = [v for v in getattr(known, name) if v in names]
        if len(values) <= FEW:  # one tap each; lighter for a phone to draw than a list
            picked = side.pills(  # pills read Markdown: names from a data folder stay text
                label,
                values,
                selection_mode="multi",
                key=FILTER_KEYS[name],
                format_func=lambda value, names=names: markdown_text(names[value]),
            )
        else:
            picked = side.multiselect(
                label,
                values,
                key=FILTER_KEYS[name],
                format_func=names.__getitem__,
                placeholder=_("All"),
            )
        chosen[name] = tuple(picked or ())
    query = side.text_input(_("Search by name"), key=FILTER_KEYS["q"])
    side.button(_("Reset filters"), on_click=reset, width="stretch")
    return Filters(**chosen, q=query.strip())


def town(dataset: Dataset, lang: str, _: Translator) -> Place | None:
    """A town to show on the map, found in the offline gazetteer (no geocoding service):
    typed, then picked among its namesakes when there are several; said whether it lies in
    the programme's eligible area."""
    place = _chosen_town(_)
    if place is not None:
        region, eligible = place_in_areas(dataset.areas, place.lon, place.lat)
        name = region_names(dataset.regions, lang).get(region or "", None)
        st.sidebar.html(VERDICT_CSS + town_verdict(place.label(), name, eligible, _))
    return place


def _chosen_town(_: Translator) -> Place | None:
    text = st.sidebar.text_input(
        _("Go to a town"), key=TOWN_KEY, placeholder=_("e.g. Bastia, Livorno"), max_chars=80
    ).strip()
    if not text:
        return None
    found = towns(text)
    if not found:
        st.sidebar.caption(_("No town of that name in the gazetteer of the area."))
        return None
    if len(found) == 1:
        return found[0]
    return st.sidebar.selectbox(
        _("Which one?"), found, format_func=Place.label, key=TOWN_CHOICE_KEY
    )
