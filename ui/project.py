"""The panel of the project chosen in the filter: what its sources state about it."""

from __future__ import annotations

import streamlit as st

from geo.cards import CARD_CSS, project_card
from geo.filters import Filters
from geo.i18n import Translator
from geo.labels import economy_labels
from geo.load import Dataset
from geo.numbers import project_counts


def panel(dataset: Dataset, filters: Filters, lang: str, _: Translator) -> None:
    """When the filter holds exactly one project, its panel (under the map)."""
    if len(filters.projects) != 1:
        return
    chosen = filters.projects[0]
    project = next((p for p in dataset.catalogue.projects if p.id == chosen), None)
    if project is None:
        return
    counts = project_counts(dataset.points, {chosen: chosen}, "")
    formal, others = (
        (int(counts.at[chosen, "formal"]), int(counts.at[chosen, "other"]))
        if chosen in counts.index
        else (0, 0)
    )
    economy = economy_labels(dataset.catalogue, lang, _)
    with st.expander(_("About {project}").format(project=project.short_name), expanded=True):
        st.html(CARD_CSS + project_card(project, economy, (formal, others), _))
