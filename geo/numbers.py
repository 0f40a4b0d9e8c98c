"""Counts and the table of what the filters keep: plain frames, rendered by the app."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from geo.filters import NOT_STATED

OUTSIDE = "outside"


def _region_of(points: pd.DataFrame) -> pd.Series:
    return points["region"].fillna(OUTSIDE) if "region" in points else OUTSIDE


def region_economy_counts(
    points: pd.DataFrame, regions: Mapping[str, str], economy: Mapping[str, str]
) -> pd.DataFrame:
    """Places per region (rows, labelled) and economy type (columns, labelled).

    A place of several economy types counts once in each; ``Total`` counts places once.
    ``regions`` and ``economy`` map codes to labels, in display order, and include
    :data:`OUTSIDE` and :data:`NOT_STATED`.
    """
    frame = pd.DataFrame(
        {
            "region": _region_of(points),
            "economy": points["economy"].map(lambda e: list(e) or [NOT_STATED]),
        }
    )
    exploded = frame.explode("economy")
    table = pd.crosstab(exploded["region"], exploded["economy"])
    table = table.reindex(index=list(regions), columns=list(economy), fill_value=0)
    table["Total"] = frame["region"].value_counts().reindex(list(regions), fill_value=0)
    table = table.rename(index=dict(regions), columns=dict(economy))
    return table[table["Total"] > 0]


def project_counts(points: pd.DataFrame, projects: Mapping[str, str], none_label: str) -> pd.Series:
    """Places per project (a place in several projects counts in each), in catalogue order."""
    ids = points["projects"].map(lambda p: list(p) or [NOT_STATED]).explode()
    counts = ids.value_counts().reindex([*projects, NOT_STATED], fill_value=0)
    counts.index = [*projects.values(), none_label]
    return counts[counts > 0]


def features_table(
    points: pd.DataFrame,
    *,
    kinds: Mapping[str, str],
    regions: Mapping[str, str],
    projects: Mapping[str, str],
    economy: Mapping[str, str],
    certification: Mapping[str, str],
    columns: Mapping[str, str],
    yes_no: tuple[str, str],
) -> pd.DataFrame:
    """One row per shown place, in words: name, kind, town, region, projects, economy,
    certification, eligible. ``columns`` gives the translated column headers."""

    def names(ids: list[str], table: Mapping[str, str]) -> str:
        return ", ".join(table.get(i, i) for i in ids) or table[NOT_STATED]

    rows = pd.DataFrame(
        {
            "name": points["name"],
            "kind": points["kind"].map(kinds),
            "town": points["municipality"],
            "region": _region_of(points).map(regions),
            "projects": points["projects"].map(lambda p: names(p, projects)),
            "economy": points["economy"].map(lambda e: names(e, economy)),
            "certification": points["certification"].replace("", NOT_STATED).map(certification),
            "eligible": points["eligible"].map({True: yes_no[0], False: yes_no[1]}),
        }
    )
    return rows.rename(columns=dict(columns)).reset_index(drop=True)
