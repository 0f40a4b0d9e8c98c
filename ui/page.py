"""The page's head: its styles and its language, in one element (each element is a gap)."""

from __future__ import annotations

import streamlit as st

from geo.i18n import LANGUAGES


def head(style: str, lang: str) -> None:
    """``style`` (constant CSS) and ``<html lang>`` set to ``lang``, for screen readers,
    hyphenation and the browser's translator. ``lang`` is a code of :data:`LANGUAGES`,
    never text from the link."""
    code = lang if lang in LANGUAGES else "it"
    st.html(
        f'{style}<script>document.documentElement.lang = "{code}";</script>',
        unsafe_allow_javascript=True,
    )
