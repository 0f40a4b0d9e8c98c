"""Command line: ``python -m geo check [PATH ...]``, ``python -m geo schema``,
``python -m geo export-html OUT [--view QUERY]`` and ``python -m geo assets`` (setup).

``check`` prints one line per problem (file, feature, field, what is wrong), then a summary;
a table (CSV, Excel, OpenDocument) is read as the app reads a planner's file;
it exits 0 when there is no error, 1 when there is any, 2 when a file cannot be read at all.
``export-html`` exits 1 when a data file could not be used (the map is then incomplete).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs

from geo import assets
from geo.export import map_file
from geo.filters import from_query, known_values, mask
from geo.i18n import normalize_language, translator
from geo.load import (
    ECONOMY_FILE,
    ELIGIBLE_FILE,
    ELIGIBLE_PROPERTIES,
    PROJECTS_FILE,
    REGIONS_FILE,
    load_catalogue,
    load_dataset,
)
from geo.paths import ROOT, basemap_file, data_dir
from geo.problems import Problem, count, plural
from geo.reading import read_bytes
from geo.regions import load_regions, load_shapes
from geo.schema import json_schemas
from geo.upload import TABLES, read_upload
from geo.validate import check_economy_types, check_projects

SCHEMA_DIR = ROOT / "data" / "schema"


@dataclass
class Report:
    """What ``check`` found over all the paths it was given."""

    problems: list[Problem] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    located: int = 0
    unlocated: int = 0

    @property
    def exit_code(self) -> int:
        if self.unreadable:
            return 2
        return 1 if count(self.problems, "error") else 0

    def summary(self) -> str:
        return (
            f"kept {plural(self.located + self.unlocated, 'feature')} ({self.located} located, "
            f"{self.unlocated} not located); {plural(count(self.problems, 'error'), 'error')}, "
            f"{plural(count(self.problems, 'warning'), 'warning')}"
            + (f"; unreadable: {', '.join(self.unreadable)}" if self.unreadable else "")
        )


def _check_points(report: Report, folder: Path, point_files: list[Path] | None) -> None:
    dataset = load_dataset(folder, point_files)
    report.problems += dataset.problems
    report.unreadable += [p.file for p in dataset.unreadable]
    report.located += len(dataset.points)
    report.unlocated += len(dataset.unlocated)


def _check_file(report: Report, path: Path) -> None:
    """Check one file by its role: catalogue, boundaries, or (anything else) points."""
    if path.name in (PROJECTS_FILE, ECONOMY_FILE):
        checked = (check_projects if path.name == PROJECTS_FILE else check_economy_types)(path)
        report.problems += checked.problems
        report.unreadable += [] if checked.readable else [str(path)]
    elif path.name in (REGIONS_FILE, ELIGIBLE_FILE):
        if path.name == REGIONS_FILE:
            shapes, problems = load_regions(path)
        else:
            shapes, problems = load_shapes(path, ELIGIBLE_PROPERTIES)
        report.problems += problems
        report.unreadable += [str(path)] if shapes.empty else []
    elif path.suffix.lower().lstrip(".") in TABLES:
        _check_table(report, path)
    else:
        _check_points(report, path.parent, [path])


def _check_table(report: Report, path: Path) -> None:
    """A planner's table (CSV, Excel, OpenDocument), read as the app reads an added file."""
    content, unreadable = read_bytes(path)
    if content is None:
        report.problems += [unreadable] if unreadable else []
        report.unreadable.append(str(path))
        return
    catalogue, _checks = load_catalogue(path.parent)
    upload = read_upload(str(path), content, catalogue)
    report.problems += upload.checked.problems
    report.unreadable += [] if upload.checked.readable else [str(path)]
    located = sum(r.lon is not None for r in upload.checked.records)
    report.located += located
    report.unlocated += len(upload.checked.records) - located


def check(paths: Sequence[Path]) -> Report:
    """Check data directories and files; see the module docstring for the rules."""
    report = Report()
    for path in paths:
        if path.is_dir():
            _check_points(report, path, None)
        else:
            _check_file(report, path)
    return report


def write_schemas(folder: Path) -> list[Path]:
    """Write the JSON Schemas of the data format (generated from geo.schema)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in json_schemas().items():
        path = folder / name
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


def export_html(out: Path, view: str, folder: Path) -> tuple[str, list[Problem]]:
    """Write the map of ``view`` (a link's query: ``project=festa&lang=fr``) as one offline
    HTML file, as the app's download does. Returns what was done, in a line, and the
    problem of each data file that could not be used (the map is then incomplete)."""
    dataset = load_dataset(folder)
    params = parse_qs(view.lstrip("?"))
    filters, ignored = from_query(params, known_values(dataset))
    lang = normalize_language((params.get("lang") or [None])[0])
    shown = dataset.points[mask(dataset.points, filters)]
    basemap = json.loads(basemap_file().read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as static:
        assets.install(Path(static))
        page = map_file(
            dataset, shown, lang, translator(lang), basemap=basemap, static_dir=Path(static)
        )
    out.write_bytes(page)
    skipped = "".join(f"; ignored {param}={value!r}" for param, value in ignored)
    done = f"wrote {out} ({len(page) / 1e6:.1f} MB): {len(shown)} places, {lang}{skipped}"
    return done, dataset.unreadable


def _relative(path: Path) -> Path:
    """``data`` rather than ``/home/…/data`` in messages, when under the working directory."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check_cmd = sub.add_parser("check", help="check data files; default: the data directory")
    check_cmd.add_argument("paths", nargs="*", type=Path)
    schema_cmd = sub.add_parser("schema", help="write the JSON Schemas of the data format")
    schema_cmd.add_argument("--out", type=Path, default=SCHEMA_DIR)
    export_cmd = sub.add_parser("export-html", help="write the map as one offline HTML file")
    export_cmd.add_argument("out", type=Path)
    export_cmd.add_argument("--view", default="", help="a link's query, e.g. 'region=ITG2&lang=fr'")
    sub.add_parser("assets", help="fetch the npm packages the page needs (setup; needs npm)")
    args = parser.parse_args(argv)
    if args.command == "export-html":
        done, unusable = export_html(args.out, args.view, data_dir())
        print(done)
        for problem in unusable:
            print(f"incomplete map: {problem}", file=sys.stderr)
        return 1 if unusable else 0
    if args.command == "assets":
        for fetched in assets.fetch():
            print(f"fetched {fetched}")
        return 0
    if args.command == "schema":
        for path in write_schemas(args.out):
            print(path)
        return 0
    report = check(args.paths or [_relative(data_dir())])
    for problem in report.problems:
        print(problem)
    print(report.summary())
    return report.exit_code


if __name__ == "__main__":
    sys.exit(main())
