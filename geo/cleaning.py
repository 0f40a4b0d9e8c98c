"""A planner's values read as the data format's: codes from words, lists from text, texts
within their limits, and what the checks would refuse in an optional field left out rather
than the whole row.

Each change that is not a plain reading (a word that names nothing, a text cut, a website
that is not one) is said as a warning naming the row and the field.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from pydantic import Field, ValidationError

from geo.problems import Problem, _, said
from geo.rows import Entry
from geo.schema import LONG_TEXT, MAX_ITEMS, SHORT_TEXT, HttpUrl, Organisation
from geo.vocabulary import Vocabulary, items, website

if TYPE_CHECKING:
    from geo.load import Catalogue

#: Properties whose values are lists of codes or texts.
LIST_FIELDS = ("projects", "economy", "sources", "aliases", "notes")
#: Codes are never written with commas or slashes: "FESTA, QM Export" is two projects; a
#: separator inside parentheses ("TIRAMISU (taking part, not a formal partner)") is text.
_CODES_SEPARATOR = re.compile(r"\s*(?:[;|,]|\s/\s|/)\s*(?![^()]*\))")
#: The fields a row cannot be kept without.
REQUIRED = frozenset({"id", "name", "kind"})
#: Longest texts (as geo.schema checks them), cut with a warning rather than refused.
TEXT_LIMITS = {"description": LONG_TEXT, "role": LONG_TEXT}


class Uploaded(Organisation):
    """An organisation from a planner's file: its sources are optional, the file being its
    source for the planner's own session."""

    sources: list[HttpUrl] = Field(default_factory=list, max_length=MAX_ITEMS)


#: What a file may name that the catalogue does not hold: the field and the warning.
UNKNOWN = {
    "projects": _("project {value} is not in the catalogue, so it was left out (known: {known})"),
    "economy": _("economy type {value} is not known, so it was left out (known: {known})"),
}


#: A list the app's table writes as derived: "Green economy (through its projects: TRIS)".
_DERIVED = re.compile(r"\([^()]*:[^()]*\)\s*$")
_WITH_STATUS = re.compile(r"^(.*?)\s*\(([^()]+)\)\s*$")


def _statuses_in_projects(props: dict[str, Any], vocab: Vocabulary) -> None:
    """``FESTA (lead partner)``, as the app's table and CSV write a project with how the
    organisation takes part: the project, and the status where none is given apart; the
    words for "none stated" are no project."""
    projects, stated = [], {}
    for item in props["projects"]:
        text = str(item)
        match = _WITH_STATUS.match(text)
        if match and vocab.is_status(match.group(2)):
            text = match.group(1)
            stated[text] = vocab.status(match.group(2))
        if not vocab.nothing(text):
            projects.append(text)
    props["projects"] = projects
    if stated and props.get("participation") in (None, "", {}):
        props["participation"] = stated


def _codes_in(text: str) -> list[str]:
    """The codes of a cell: ``FESTA; QM Export``, ``FESTA, QM Export``, ``Festa / QM Net``."""
    return [item for item in _CODES_SEPARATOR.split(text.strip()) if item]


def _codes(
    words: list[str], read: Any, field_: str, known: dict[str, str], where: Entry, file: str
) -> tuple[list[str], list[Problem]]:
    """The codes of ``words`` (``known``: code -> name as the app shows it), and a warning
    for each word that names nothing (left out: the row stays on the map without it)."""
    codes, problems = [], []
    for word in words:
        code = read(word)
        if code in known:
            codes.append(code)
            continue
        names = ", ".join(known.values())
        value = repr(word[:60])
        problems.append(
            said(file, UNKNOWN[field_], where.label, field_, "warning", value=value, known=names)
        )
    return list(dict.fromkeys(codes)), problems


def _participation(value: Any, vocab: Vocabulary, projects: list[str]) -> Any:
    """``QM Export: lead | FESTA: partner`` (as the downloads write it) as project -> status;
    a status alone (``Capofila``) is the status in the row's one project; ``None`` when it
    names no project and the row has not exactly one."""
    if isinstance(value, dict):
        pairs = list(value.items())
    elif isinstance(value, str) and ":" not in value:
        return {projects[0]: vocab.status(value.strip())} if len(projects) == 1 else None
    elif isinstance(value, str):
        pairs = [(name, status) for name, _sep, status in (i.rpartition(":") for i in items(value))]
    else:
        return value
    return {
        vocab.project(str(name).strip()): vocab.status(str(status).strip())
        for name, status in pairs
    }


AS_ROLE = _("{value} names no project of the row: kept as its role")
OTHER_PROJECT = _("a status is given for {value}, which is not among the row's projects: left out")


def _participation_of(
    props: dict[str, Any], vocab: Vocabulary, where: Entry, file: str
) -> list[Problem]:
    """How the row takes part in its projects; what cannot be tied to one of them is kept
    as text (``role``) or left out, and said."""
    written = props.pop("participation")
    projects = props.get("projects") if isinstance(props.get("projects"), list) else []
    stated = _participation(written, vocab, projects)
    value = repr(str(written)[:60])
    if stated is None:
        props.setdefault("role", str(written))
        return [said(file, AS_ROLE, where.label, "participation", "warning", value=value)]
    if not isinstance(stated, dict):
        props["participation"] = stated  # for the checks to name
        return []
    props["participation"] = {k: v for k, v in stated.items() if k in projects}
    stray = ", ".join(repr(k) for k in stated if k not in projects)
    if not stray:
        return []
    return [said(file, OTHER_PROJECT, where.label, "participation", "warning", value=stray)]


def _kind(
    props: dict[str, Any], vocab: Vocabulary, default: str, where: Entry, file: str
) -> list[Problem]:
    """The kind as written, else the planner's choice (said when a word was not read)."""
    written = props.get("kind")
    kind = vocab.kind(str(written)) if written not in (None, "") else None
    props["kind"] = kind or default
    if written in (None, "") or kind:
        return []
    props.setdefault("org_type", str(written))  # "Association", "Ente pubblico": its type
    message = _("kind {value} is not one the map draws: kept as its type, drawn as {kind}")
    return [
        said(
            file,
            message,
            where.label,
            "kind",
            "warning",
            value=repr(str(written)[:60]),
            kind=default,
        )
    ]


def _certification(
    props: dict[str, Any], vocab: Vocabulary, where: Entry, file: str
) -> list[Problem]:
    written = props.get("certification")
    if written in (None, ""):
        props.pop("certification", None)
        return []
    code = vocab.certified(str(written))
    props["certification"] = code or ""
    if code is not None:
        return []
    message = _("certification {value} is not understood: shown as not stated")
    return [
        said(file, message, where.label, "certification", "warning", value=repr(str(written)[:60]))
    ]


def normalised(
    entry: Entry, vocab: Vocabulary, catalogue: Catalogue, default_kind: str, file: str
) -> list[Problem]:
    """Read the entry's values as the format's codes, in place; warnings for what was left
    out or read otherwise than written."""
    props = entry.properties
    if isinstance(props.get("economy"), str) and _DERIVED.search(props["economy"]):
        del props["economy"]  # "… (through its projects: X)": worked out again from them
    for name in LIST_FIELDS:
        if isinstance(props.get(name), str):
            codes = name in ("projects", "economy")
            props[name] = _codes_in(props[name]) if codes else items(props[name])
    if isinstance(props.get("projects"), list):
        _statuses_in_projects(props, vocab)
    problems = _kind(props, vocab, default_kind, entry, file)
    problems += _certification(props, vocab, entry, file)
    if isinstance(props.get("website"), str):
        props["website"] = website(props["website"])
    if isinstance(props.get("sources"), list):
        props["sources"] = [website(s) if isinstance(s, str) else s for s in props["sources"]]
    if isinstance(props.get("projects"), list):
        known = {p.id: p.short_name for p in catalogue.projects}
        words = [str(w) for w in props["projects"]]
        props["projects"], found = _codes(words, vocab.project, "projects", known, entry, file)
        problems += found
    if isinstance(props.get("economy"), list):
        known = {e.id: e.label.en for e in catalogue.economy_types}
        words = [str(w) for w in props["economy"] if not vocab.nothing(str(w))]
        props["economy"], found = _codes(words, vocab.economy_type, "economy", known, entry, file)
        problems += found
    if props.get("participation") not in (None, "", {}):
        problems += _participation_of(props, vocab, entry, file)
    return problems + _cut(props, entry, file)


CUT = _("{what} is longer than {limit} characters: cut there")
LEFT_OUT = _("{value} could not be read ({reason}), so it was left out")


def _cut(props: dict[str, Any], where: Entry, file: str) -> list[Problem]:
    """Texts over their limit cut there (a long description costs its end, not the row)."""
    problems = []
    for name, value in list(props.items()):
        limit = TEXT_LIMITS.get(name, SHORT_TEXT)
        if name not in REQUIRED and isinstance(value, str) and len(value) > limit:
            props[name] = value[: limit - 1].rstrip() + "…"
            values = {"what": name, "limit": str(limit)}
            problems.append(said(file, CUT, where.label, name, "warning", **values))
    return problems


def salvaged(entry: Entry, file: str) -> list[Problem]:
    """Leave out (in place) each optional value the checks would refuse — a website that is
    not one, an item of a list — so the row keeps the rest; a warning for each. Values of
    the fields a row needs (``id``, ``name``, ``kind``) are left for the checks to name."""
    problems: list[Problem] = []
    for _attempt in range(3):  # each pass may reveal errors pydantic stopped before
        try:
            Uploaded.model_validate(entry.properties)
        except ValidationError as exc:
            dropped = [_drop(entry.properties, err["loc"]) for err in exc.errors()]
            dropped_any = False
            for err, value in zip(exc.errors(), dropped, strict=True):
                if value is None:
                    continue
                dropped_any = True
                where = str(err["loc"][0])
                values = {"value": repr(str(value)[:60]), "reason": err["msg"]}
                problems.append(said(file, LEFT_OUT, entry.label, where, "warning", **values))
            if not dropped_any:
                break
        else:
            break
    return problems


def _drop(props: dict[str, Any], loc: tuple[Any, ...]) -> Any:
    """Remove the value at ``loc`` (a field, or an item of a list field) unless it belongs
    to a required field; the value removed, or ``None``."""
    if not loc or loc[0] in REQUIRED or loc[0] not in props:
        return None
    name = loc[0]
    if len(loc) > 1 and isinstance(props[name], list) and isinstance(loc[1], int):
        if loc[1] < len(props[name]):
            return props[name].pop(loc[1])
        return None
    return props.pop(name)
