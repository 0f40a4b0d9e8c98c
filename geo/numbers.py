"""Counts and the table of what the filters keep: plain frames, rendered by the app."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from geo.filters import NOT_STATED
from geo.schema import FORMAL_STATUSES

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


def project_counts(
    points: pd.DataFrame, projects: Mapping[str, str], none_label: str
) -> pd.DataFrame:
    """Places per project (a place in several projects counts in each), in catalogue order:
    ``formal`` partners (lead or partner, as the sources say), ``other`` (associated or
    scientific partners, participants, firms, named in the news, status not stated) and
    ``total``."""
    rows = [
        (project, participation.get(project, "") in FORMAL_STATUSES)
        for ids, participation in zip(points["projects"], _participation(points), strict=True)
        for project in (ids or [NOT_STATED])
    ]
    frame = pd.DataFrame(rows, columns=["project", "formal"]).astype({"formal": bool})
    order = [*projects, NOT_STATED]
    formal = frame.loc[frame["formal"], "project"].value_counts().reindex(order, fill_value=0)
    total = frame["project"].value_counts().reindex(order, fill_value=0)
    counts = pd.DataFrame({"formal": formal, "other": total - formal, "total": total})
    counts.index = [*projects.values(), none_label]
    return counts[counts["total"] > 0]


def _participation(points: pd.DataFrame) -> pd.Series:
    if "participation" in points:
        return points["participation"]
    return pd.Series([{}] * len(points), index=points.index, dtype=object)


def _list(points: pd.DataFrame, name: str) -> pd.Series:
    if name in points:
        return points[name]
    return pd.Series([[]] * len(points), index=points.index, dtype=object)


@dataclass(frozen=True)
class Words:
    """The words a table uses for the codes of the data (``geo.labels``)."""

    kinds: Mapping[str, str]
    regions: Mapping[str, str]
    projects: Mapping[str, str]  # short names, and NOT_STATED
    statuses: Mapping[str, str]
    economy: Mapping[str, str]
    certification: Mapping[str, str]
    yes_no: tuple[str, str]
    via: str  # "through its projects:"


def features_table(points: pd.DataFrame, words: Words, columns: Mapping[str, str]) -> pd.DataFrame:
    """One row per shown place, in words: name, kind, town, region, projects (with how it
    takes part, when stated), economy (with the projects it comes from when not its own),
    certification, eligible, notes, and the planner's file it came from when any did.
    ``columns`` gives the translated column headers."""

    def names(ids: list[str], table: Mapping[str, str]) -> str:
        return ", ".join(table.get(i, i) for i in ids) or table[NOT_STATED]

    def projects(ids: list[str], participation: dict[str, str]) -> str:
        named = [
            words.projects.get(p, p)
            + (f" ({words.statuses[participation[p]]})" if p in participation else "")
            for p in ids
        ]
        return ", ".join(named) or words.projects[NOT_STATED]

    def economy(ids: list[str], via: list[str]) -> str:
        types = names(ids, words.economy)
        return f"{types} ({words.via} {names(via, words.projects)})" if via else types

    rows = pd.DataFrame(
        {
            "name": points["name"],
            "kind": points["kind"].map(words.kinds),
            "town": points["municipality"],
            "region": _region_of(points).map(words.regions),
            "projects": [
                projects(ids, stated)
                for ids, stated in zip(points["projects"], _participation(points), strict=True)
            ],
            "economy": [
                economy(ids, via)
                for ids, via in zip(points["economy"], _list(points, "economy_via"), strict=True)
            ],
            "certification": points["certification"]
            .replace("", NOT_STATED)
            .map(words.certification),
            "eligible": points["eligible"].map({True: words.yes_no[0], False: words.yes_no[1]}),
            "notes": _list(points, "notes").map("; ".join),
        }
    )
    if "upload" in points and (points["upload"] != "").any():
        rows["yours"] = points["upload"].to_numpy()
    return rows.rename(columns=dict(columns)).reset_index(drop=True)


def spreadsheet_table(
    points: pd.DataFrame, words: Words, columns: Mapping[str, str]
) -> pd.DataFrame:
    """The table of :func:`features_table` with what a planner's spreadsheet also needs:
    the place (latitude, longitude as numbers), website, sources and the id (what tells a
    place again when the file is added back)."""
    table = features_table(points, words, columns)
    extra = {
        "lat": points["lat"].to_numpy(),
        "lon": points["lon"].to_numpy(),
        "website": points["website"].to_numpy(),
        "sources": [" | ".join(urls) for urls in points["sources"]],
        "id": points["id"].to_numpy(),
    }
    return table.assign(**{columns.get(k, k): v for k, v in extra.items()})
