"""What a visitor must know before reading the map, and what the maintainer may ask to see."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from geo.i18n import Translator
from geo.load import Dataset
from geo.problems import Problem

#: Set to 1 to list the problems of the data folder on the page (for its maintainer).
MAINTAINER_ENV = "MARITTIMO_MAINTAINER"


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


def unusable(problem: Problem, _: Translator) -> str:
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


def top(dataset: Dataset, ignored: list[tuple[str, str]], _: Translator) -> None:
    """Data that could not be loaded, and values of the link that were ignored (shown as
    plain text, never as markup)."""
    for problem in dataset.unreadable:
        st.error(unusable(problem, _), icon=":material/error:")
    if ignored:
        st.warning(_("Some values in the link are unknown and were ignored:"))
        st.text(", ".join(f"{param}={value[:80]}" for param, value in ignored))


def for_maintainer(dataset: Dataset, _: Translator) -> None:
    """Every problem of the data folder, when the maintainer asks for them."""
    if os.environ.get(MAINTAINER_ENV) == "1" and dataset.problems:
        with st.expander(_("Data problems ({n})").format(n=len(dataset.problems))):
            st.text("\n".join(str(p) for p in dataset.problems))
