"""The page's head: its styles and its language, in one element (each element is a gap)."""

from __future__ import annotations

import json

import streamlit as st

from geo.i18n import LANGUAGES, translator

#: The sidebar's collapsed control (an unlabelled "»" on a phone) says what it opens.
FILTERS_BUTTON = """<style>
[data-testid="stExpandSidebarButton"] { width: auto !important; gap: .25rem;
  padding: 0 .5rem !important; border: 1px solid rgba(49,51,63,.25) !important; }
[data-testid="stExpandSidebarButton"]::after { content: %s; font-size: .95rem; }
</style>"""


def head(style: str, lang: str) -> None:
    """``style`` (constant CSS), the sidebar button's label, and ``<html lang>`` set to
    ``lang``, for screen readers, hyphenation and the browser's translator. ``lang`` is a
    code of :data:`LANGUAGES`, never text from the link; the label comes from the
    catalogue."""
    code = lang if lang in LANGUAGES else "it"
    label = json.dumps(translator(code)("Filters"), ensure_ascii=False)
    st.html(
        f"{style}{FILTERS_BUTTON % label}"
        f'<script>document.documentElement.lang = "{code}";</script>',
        unsafe_allow_javascript=True,
    )
