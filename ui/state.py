"""What the visitor asked to see. The link is the state: it is read into the widgets when the
session starts and whenever it changes under the page (Back, Forward, an edited address),
and the widgets' values are written back to it on every run, so Back undoes a filter."""

from __future__ import annotations

import streamlit as st

from geo.filters import (
    AT_PARAM,
    PARAMS,
    SEARCH_PARAM,
    Filters,
    Known,
    from_query,
    position,
    to_query,
)
from geo.i18n import LANGUAGES, first_language
from geo.share import PRESENT_PARAM

#: Filter field -> widget key.
FILTER_KEYS = {name: f"filter_{name}" for name in (*PARAMS, "q")}
READY = "filters_ready"
IGNORED = "ignored"
WRITTEN = "link_written"  # the link as this session last wrote it
LANG_KEY = "language"


def _lists() -> dict[str, list[str]]:
    """Repeated parameters (``?project=a&project=b``) as lists."""
    return {param: st.query_params.get_all(param) for param in PARAMS.values()}


def _odd_switches() -> list[tuple[str, str]]:
    """The link's language, presentation and position values that mean nothing here
    (ignored)."""
    lang = st.query_params.get("lang")
    present = st.query_params.get(PRESENT_PARAM)
    at = st.query_params.get(AT_PARAM)
    odd = [] if lang is None or lang[:2].lower() in LANGUAGES else [("lang", lang)]
    odd += [] if at is None or position(at) else [(AT_PARAM, at)]
    return odd + ([] if present in (None, "1") else [(PRESENT_PARAM, present)])


def _link() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The link's parameters, in a form two links can be compared in. The map's position
    is left out: the map writes it in the browser as it is moved, not the app."""
    return tuple(
        sorted((k, tuple(st.query_params.get_all(k))) for k in st.query_params if k != AT_PARAM)
    )


def _kept_position(filters: Filters) -> dict[str, str]:
    """The link's map position while the link shows these filters (a new filter fits the
    map to what it keeps: the old position is dropped)."""
    at = position(st.query_params.get(AT_PARAM))
    names = [*PARAMS.values(), SEARCH_PARAM]
    linked = {k: st.query_params.get(k) for k in names if st.query_params.get(k)}
    return {AT_PARAM: at} if at and linked == to_query(filters) else {}


def sync_from_link(known: Known) -> list[tuple[str, str]]:
    """Filters and language from the link when the session starts or when the link is not
    the one this session last wrote (Back, Forward, an edited address); returns the link's
    values that were ignored."""
    if READY in st.session_state and st.session_state.get(WRITTEN) == _link():
        return st.session_state.get(IGNORED, [])
    filters, ignored = from_query(st.query_params.to_dict() | _lists(), known)
    ignored += _odd_switches()
    for name, key in FILTER_KEYS.items():
        value = getattr(filters, name)
        st.session_state[key] = list(value) if isinstance(value, tuple) else value
    st.session_state[LANG_KEY] = first_language(st.query_params.get("lang"), _browser_locale())
    st.session_state[READY] = True
    st.session_state[IGNORED] = ignored
    return ignored


def _browser_locale() -> str | None:
    try:
        return st.context.locale
    except Exception:  # no browser session (tests, bare mode)
        return None


def reset() -> None:
    """Every filter back to "all" (a button's callback)."""
    for key in FILTER_KEYS.values():
        st.session_state[key] = "" if key == FILTER_KEYS["q"] else []


def presenting() -> bool:
    return st.query_params.get(PRESENT_PARAM) == "1"


def write_link(filters: Filters, lang: str) -> dict[str, str]:
    """Mirror the view in the link (so a reload or a shared link shows it); returns the
    view's query without the presentation switch."""
    query = {**to_query(filters), "lang": lang, **_kept_position(filters)}
    link = {**query, PRESENT_PARAM: "1"} if presenting() else query
    if dict(st.query_params) != link:  # an unchanged link is not written (nor a new entry)
        st.query_params.from_dict(link)
    st.session_state[WRITTEN] = _link()
    return query


def page_url() -> str:
    """The address the browser used for this page (what an audience on the same network can
    open too, when the presenter opened the app by its network address)."""
    try:
        return st.context.url or "http://localhost:8501/"
    except Exception:  # no browser session (tests, bare mode)
        return "http://localhost:8501/"
