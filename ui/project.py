"""The panel of the project chosen in the filter: what its sources state about it."""

from __future__ import annotations

import streamlit as st

from geo.cards import CARD_CSS, project_card
from geo.filters import Filters
from geo.i18n import Translator
from geo.labels import economy_labels
from geo.load import Dataset
from geo.numbers import project_counts
from ui.data import Published


@st.cache_resource(max_entries=256)
def _places(key: str, project: str, _dataset: Dataset) -> tuple[int, int]:
    """The project's places on the map of data version ``key``: formal partners, others
    (counted once per data version, not on every rerun)."""
    counts = project_counts(_dataset.points, {project: project}, "")
    if project not in counts.index:
        return 0, 0
    return int(counts.at[project, "formal"]), int(counts.at[project, "other"])


def panel(data: Published, filters: Filters, lang: str, _: Translator) -> None:
    """When the filter holds exactly one project, its panel (under the map)."""
    if len(filters.projects) != 1:
        return
    dataset = data.dataset
    chosen = filters.projects[0]
    project = next((p for p in dataset.catalogue.projects if p.id == chosen), None)
    if project is None:
        return
    formal, others = _places(data.key, chosen, dataset)
    economy = economy_labels(dataset.catalogue, lang, _)
    with st.expander(_("About {project}").format(project=project.short_name), expanded=True):
        st.html(CARD_CSS + project_card(project, economy, (formal, others), _))
