"""Loading a data directory into frames the map, the filters and the exports share.

Bad files and bad features never raise: they become problems, and everything valid is kept.
``region`` and ``eligible`` are derived here from the location, never typed by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
from shapely.geometry.base import BaseGeometry

from geo.gazetteer import key
from geo.paths import basemap_file, data_file
from geo.problems import Problem, _, feature_label, said
from geo.reading import bulk
from geo.regions import Shore, load_land, load_regions, load_shapes, locate, shore
from geo.schema import FIELDS, EconomyType, Organisation, Project
from geo.validate import Checked, Record, check_economy_types, check_features, check_projects

POINT_FILES: tuple[str, ...] = ("partners.geojson", "enterprises.geojson")
PROJECTS_FILE = "projects.json"
ECONOMY_FILE = "economy_types.json"
REGIONS_FILE = "regions.geojson"
ELIGIBLE_FILE = "eligible_area.geojson"
#: Properties of each unit of the eligible area.
ELIGIBLE_PROPERTIES: tuple[str, ...] = ("code", "name")
#: A planner's place the shipped data holds already (same id, or same name and town).
ALREADY_SHOWN = _("already on the map as {name}: not drawn twice")


@dataclass
class Catalogue:
    """Projects and economy types: what features may refer to. ``known`` is false for a
    list whose file could not be read: references to it are then kept, not checked."""

    projects: list[Project] = field(default_factory=list)
    economy_types: list[EconomyType] = field(default_factory=list)
    projects_known: bool = True
    economy_known: bool = True

    def context(self) -> dict[str, list[str] | None]:
        """Validation context for :class:`geo.schema.Organisation` (``None``: not checked)."""
        return {
            "projects": [p.id for p in self.projects] if self.projects_known else None,
            "economy": [e.id for e in self.economy_types] if self.economy_known else None,
        }


@dataclass
class Areas:
    """The regions and the eligible area, and the land (``None``: points are never snapped
    onto a coast). The coasts are worked out when a point first needs them."""

    regions: gpd.GeoDataFrame
    eligible_area: gpd.GeoDataFrame
    land: BaseGeometry | None = None

    @cached_property
    def region_shore(self) -> Shore | None:
        return None if self.land is None else shore(self.regions, self.land)

    @cached_property
    def eligible_shore(self) -> Shore | None:
        return None if self.land is None else shore(self.eligible_area, self.land)


@dataclass
class Dataset:
    """Everything the app shows, with the problems met while loading it. ``unreadable``
    holds the problem of each file that could not be used at all."""

    points: pd.DataFrame
    unlocated: pd.DataFrame
    catalogue: Catalogue
    areas: Areas
    problems: list[Problem]
    unreadable: list[Problem]

    @property
    def regions(self) -> gpd.GeoDataFrame:
        return self.areas.regions

    @property
    def eligible_area(self) -> gpd.GeoDataFrame:
        return self.areas.eligible_area


def load_catalogue(data_dir: Path) -> tuple[Catalogue, list[Checked]]:
    """Projects and economy types of ``data_dir``; their problems are in the checks."""
    projects = check_projects(data_file(data_dir, PROJECTS_FILE))
    economy = check_economy_types(data_file(data_dir, ECONOMY_FILE))
    catalogue = Catalogue(
        projects.items,  # type: ignore[arg-type]
        economy.items,  # type: ignore[arg-type]
        projects_known=projects.readable,
        economy_known=economy.readable,
    )
    if economy.readable:
        projects.problems += _unknown_project_economy(catalogue, str(projects.path))
    return catalogue, [projects, economy]


def _unknown_project_economy(catalogue: Catalogue, file: str) -> list[Problem]:
    """A project naming an economy type the catalogue lacks: the id is dropped (the project
    is kept), and said."""
    known = {e.id for e in catalogue.economy_types}
    problems = []
    for index, project in enumerate(catalogue.projects):
        unknown = [e for e in project.economy if e not in known]
        if unknown:
            project.economy = [e for e in project.economy if e in known]
            message = f"unknown economy type {', '.join(map(repr, unknown))}, left out"
            where = feature_label(index, project.id)
            problems.append(Problem(file, message, where, "economy", "warning"))
    return problems


def through_projects(frame: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """What an organisation's projects tell of it: its economy types, its own where a source
    states them, else those its sources state for its projects (``economy_via`` names those
    projects; empty when the types are its own, or when neither exists: "not stated"); and
    the programme periods of its projects (``periods``)."""
    period_of = {p.id: p.programme_period for p in catalogue.projects if p.programme_period}
    by_project = {p.id: p.economy for p in catalogue.projects if p.economy}
    order = {e.id: i for i, e in enumerate(catalogue.economy_types)}

    def derived(own: list[str], projects: list[str]) -> tuple[list[str], list[str]]:
        if own:
            return own, []
        via = [p for p in projects if p in by_project]
        types = {e for p in via for e in by_project[p]}
        return sorted(types, key=lambda e: order.get(e, len(order))), via

    # Places share a few combinations of projects: each is worked out once (and copied, so
    # no two rows share a list).
    done: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[list[str], list[str], list[str]]]
    done = {}
    rows = []
    for own, projects in zip(frame["economy"], frame["projects"], strict=True):
        key = (tuple(own), tuple(projects))
        if key not in done:
            periods = sorted({period_of[p] for p in projects if p in period_of})
            done[key] = (*derived(own, projects), periods)
        rows.append(done[key])
    return frame.assign(
        economy=[list(types) for types, _via, _periods in rows],
        economy_via=[list(via) for _types, via, _periods in rows],
        periods=[list(periods) for _types, _via, periods in rows],
    )


def _columns(models: list[Organisation]) -> dict[str, list[Any]]:
    """The models' properties as columns, read from the validated values as they are (no
    second pass through pydantic's serialiser: 100,000 features felt it); web addresses as
    text. Properties the format does not define follow, ``None`` where a feature has none."""
    states = [m.__dict__ for m in models]
    columns = {name: [state[name] for state in states] for name in FIELDS}
    columns["website"] = [None if url is None else str(url) for url in columns["website"]]
    columns["sources"] = [[str(url) for url in urls] for urls in columns["sources"]]
    extras = [m.__pydantic_extra__ or {} for m in models]
    for name in dict.fromkeys(k for extra in extras for k in extra):
        columns[name] = [extra.get(name) for extra in extras]
    return columns


def records_frame(records: Iterable[Record], source: str) -> pd.DataFrame:
    """One row per valid feature: its properties (JSON-ready), location, file and position."""
    records = list(records)
    models = [r.properties for r in records]
    columns = _columns(models)
    frame = pd.DataFrame(columns) if models else pd.DataFrame(columns, dtype=object)
    frame = frame.assign(
        lon=[r.lon for r in records],
        lat=[r.lat for r in records],
        file=source,
        position=[r.position for r in records],
    )
    if any(r.label for r in records):  # a planner's rows: named as their spreadsheet numbers them
        frame["label"] = [r.label for r in records]
    # Optional texts are "" when absent, never NaN/None: one notion of "not stated".
    return frame.fillna({"website": "", "location_precision": ""})


def named(row: object) -> str:
    """How messages name a feature of a frame (a row of ``itertuples``)."""
    return getattr(row, "label", "") or feature_label(row.position, row.id)  # type: ignore[attr-defined]


def locate_points(frame: pd.DataFrame, areas: Areas) -> pd.DataFrame:
    """Points with their derived ``region`` (NUTS code or None) and ``eligible`` flag. A
    plain frame: ``lon``/``lat`` are the place; no geometry column to carry through filters."""
    lon, lat = frame["lon"], frame["lat"]
    return frame.assign(
        region=locate(areas.regions, lon, lat, lambda: areas.region_shore),
        eligible=locate(areas.eligible_area, lon, lat, lambda: areas.eligible_shore).notna(),
    )


def place_in_areas(areas: Areas, lon: float, lat: float) -> tuple[str | None, bool]:
    """The region (code, or ``None``) and the programme eligibility of one place, such as a
    town searched for: found as the data's places are (see :func:`locate_points`)."""
    found = locate_points(pd.DataFrame({"lon": [lon], "lat": [lat]}), areas)
    region = found["region"].iloc[0]
    return (region if isinstance(region, str) else None), bool(found["eligible"].iloc[0])


def outside_area_warnings(located: pd.DataFrame) -> list[Problem]:
    """A warning for each point neither in a region nor in the eligible area: valid data
    (partners may be based elsewhere), but often a typo in the coordinates."""
    outside = located[located["region"].isna() & ~located["eligible"]]
    return [
        Problem(
            row.file,
            f"outside the cooperation area ([{row.lon:g}, {row.lat:g}])",
            named(row),
            "geometry",
            "warning",
        )
        for row in outside.itertuples()
    ]


def _file_problem(checked: Checked) -> list[Problem]:
    """The problem that made a checked file unusable, if it was."""
    return [] if checked.readable else checked.problems[:1]


def unknown_references(frame: pd.DataFrame, catalogue: Catalogue) -> list[Problem]:
    """Warnings for references kept unchecked because a catalogue file could not be read:
    the places are kept, and the ids they name are listed for the maintainer."""
    lists = [
        ("projects", PROJECTS_FILE, {p.id for p in catalogue.projects}, catalogue.projects_known),
        ("economy", ECONOMY_FILE, {e.id for e in catalogue.economy_types}, catalogue.economy_known),
    ]
    problems = []
    for column, file, known, checked in lists:
        if checked:
            continue
        for row in frame.itertuples():
            unknown = [v for v in getattr(row, column) if v not in known]
            if unknown:
                message = f"{', '.join(map(repr, unknown))} not checked: {file} could not be read"
                problems.append(Problem(row.file, message, named(row), column, "warning"))
    return problems


def _unique_ids(frame: pd.DataFrame, taken: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """``frame`` without the features whose id an earlier file already uses (an error naming
    both places: ids must be unique across files), or a place already on the map (``taken``:
    a planner's file repeating the shipped data is told so, and drawn once)."""
    first = frame[["id", "file", "position"]].drop_duplicates("id").set_index("id")
    repeated = frame["id"].duplicated()
    shown = frame["id"].isin(taken["id"]) | _same_place(frame, taken)
    problems = []
    names = dict(zip(taken["id"], taken["name"], strict=True))
    for row in frame[shown].itertuples():
        name = names.get(row.id, row.name)
        problems.append(said(row.file, ALREADY_SHOWN, named(row), "name", name=repr(name[:60])))
    for row in frame[repeated & ~shown].itertuples():
        owner = first.loc[row.id]
        where = f"{owner['file']}, {feature_label(int(owner['position']), row.id)}"
        problems.append(
            Problem(row.file, f"duplicate id: already used in {where}", named(row), "id")
        )
    return frame[~(repeated | shown)], problems


def _same_place(frame: pd.DataFrame, taken: pd.DataFrame) -> pd.Series:
    """Whether each feature has the name and town of a feature of ``taken`` (compared as
    :func:`geo.gazetteer.key` compares names). Towns first: few are shared, and a town's key
    is worked out once however many rows name it."""
    if taken.empty or frame.empty:
        return pd.Series(False, index=frame.index)
    known = {(key(n), key(m)) for n, m in zip(taken["name"], taken["municipality"], strict=True)}
    towns = {m for _n, m in known} - {""}  # no town: nothing to compare
    town_keys = {m: key(m) for m in frame["municipality"].unique()}
    same = [
        town_keys[m] in towns and (key(n), town_keys[m]) in known
        for n, m in zip(frame["name"], frame["municipality"], strict=True)
    ]
    return pd.Series(same, index=frame.index)


def load_areas(data_dir: Path) -> tuple[Areas, list[Problem], list[Problem]]:
    """The regions and eligible area of ``data_dir`` (or the bundled ones) with their coasts,
    their problems, and the problem of each of the two files that could not be used."""
    regions, region_problems = load_regions(data_file(data_dir, REGIONS_FILE))
    eligible, eligible_problems = load_shapes(
        data_file(data_dir, ELIGIBLE_FILE), ELIGIBLE_PROPERTIES
    )
    areas = Areas(regions, eligible, load_land(basemap_file()))
    found = [(regions, region_problems), (eligible, eligible_problems)]
    unusable = [problems[0] for frame, problems in found if frame.empty and problems]
    return areas, region_problems + eligible_problems, unusable


def load_dataset(data_dir: Path, point_files: Iterable[Path] | None = None) -> Dataset:
    """Load ``data_dir`` (regions, eligible area, catalogue, point files), keeping what is valid.

    Nothing here raises on bad data: a file that cannot be used is a problem (and listed in
    ``unreadable``), and everything valid elsewhere is kept. Boundary and catalogue files
    missing from ``data_dir`` are taken from the bundled data.
    """
    areas, area_problems, unusable = load_areas(data_dir)
    catalogue, checks = load_catalogue(data_dir)
    files = list(point_files) if point_files is not None else [data_dir / f for f in POINT_FILES]
    with bulk(lasting=True):
        checks += [check_features(path, catalogue.context()) for path in files]
        dataset = _assemble(areas, catalogue, checks, records_frame([], ""))
    dataset.problems = area_problems + dataset.problems
    dataset.unreadable = unusable + dataset.unreadable
    return dataset


def _assemble(
    areas: Areas, catalogue: Catalogue, checks: list[Checked], taken: pd.DataFrame
) -> Dataset:
    """A dataset from checked files: valid records located, the rest as problems. Ids in
    ``taken`` (the features already loaded) are duplicates."""
    problems = [p for c in checks for p in c.problems]
    frames = [f for f in (records_frame(c.records, str(c.path)) for c in checks) if not f.empty]
    frame = pd.concat(frames, ignore_index=True) if frames else records_frame([], "")
    frame, duplicates = _unique_ids(frame, taken)
    problems += duplicates + unknown_references(frame, catalogue)
    frame = through_projects(frame, catalogue)
    has_point = frame["lon"].notna()
    located = locate_points(frame[has_point], areas)
    if not areas.regions.empty:
        problems += outside_area_warnings(located)
    return Dataset(
        points=located.reset_index(drop=True),
        unlocated=frame[~has_point].reset_index(drop=True),
        catalogue=catalogue,
        areas=areas,
        problems=problems,
        unreadable=[p for c in checks for p in _file_problem(c)],
    )


def with_files(dataset: Dataset, checks: list[Checked]) -> Dataset:
    """``dataset`` plus the valid features of more checked files (a planner's uploads), their
    problems listed with the others; ``upload`` names the file each place came from ("" for
    the shipped data). The shipped dataset itself is left as it is."""
    taken = pd.concat([dataset.points, dataset.unlocated])
    with bulk():
        extra = _assemble(dataset.areas, dataset.catalogue, checks, taken)
    points, unlocated = (
        pd.concat([base.assign(upload=""), more.assign(upload=more["file"])], ignore_index=True)
        for base, more in ((dataset.points, extra.points), (dataset.unlocated, extra.unlocated))
    )
    return Dataset(
        points=points,
        unlocated=unlocated,
        catalogue=dataset.catalogue,
        areas=dataset.areas,
        problems=dataset.problems + extra.problems,
        unreadable=dataset.unreadable + extra.unreadable,
    )
