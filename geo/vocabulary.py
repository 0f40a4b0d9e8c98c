"""The words planners write for the values of the data format, read back as its codes.

A planner writes the project as the app shows it (``QM Export``, or its full name), the
economy type and the kind as the app labels them in any of its languages (``Economia
blu``, ``Entreprise``), a certification as ``sì`` or ``certifiée``, a website as
``www.example.it``. Every reading here is exact after :func:`geo.gazetteer.key`; a word not
known is returned as written, for the checks to name it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from geo.filters import NOT_STATED
from geo.gazetteer import key
from geo.i18n import LANGUAGES, translator
from geo.labels import certification_labels, kind_labels, status_labels

if TYPE_CHECKING:
    from geo.load import Catalogue

#: List items are separated by ``;`` or `` | `` (as the app's downloads write them).
LIST_SEPARATOR = re.compile(r"\s*(?:;|\|)\s*")
_YES = ("si", "yes", "oui", "x", "true", "vero", "vrai", "1", "certificata", "certificato")
#: How the app writes an empty list or value (translated in each of its languages).
NOTHING_STATED = ("not stated", "none stated")
_NO = ("no", "non", "false", "falso", "faux", "0", "not stated", "non indicato", "non indique")
#: Economy type id -> other words for it (the catalogue's labels count too).
_ECONOMY_WORDS = {
    "green": ("verde", "vert", "verte", "economia verde", "economie verte", "green"),
    "blue": ("blu", "bleu", "bleue", "economia blu", "economie bleue", "blue"),
    "wellbeing": ("benessere", "bien etre", "economia del benessere", "wellbeing", "well being"),
}
#: Kind -> other words for it (the app's labels in each language count too).
_KIND_WORDS = {
    "office": ("ufficio", "bureau", "sportello", "guichet", "desk"),
    "partner": ("partenaire", "partenariato", "ente partner", "partner di progetto"),
    "enterprise": ("impresa", "azienda", "entreprise", "company", "firm", "societe"),
}
_IN_PROGRESS = ("in corso", "en cours", "in progress", "in certificazione", "en certification")


def _words(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Word key -> code, for each ``(code, word)``; a code is a word for itself too."""
    table: dict[str, str] = {}
    for code, word in pairs:
        table.setdefault(key(code), code)
        table.setdefault(key(word), code)
    return table


def _pairs(words: dict[str, tuple[str, ...]]) -> list[tuple[str, str]]:
    return [(code, word) for code, many in words.items() for word in many]


def _translated(labels: object) -> list[tuple[str, str]]:
    """``(code, label)`` in every language of the app, from a labels function of geo.labels."""
    return [
        (code, word)
        for lang in LANGUAGES
        for code, word in labels(translator(lang)).items()  # type: ignore[operator]
    ]


@dataclass(frozen=True)
class Vocabulary:
    """Word key -> code, for each field whose values are codes."""

    projects: dict[str, str]
    economy: dict[str, str]
    kinds: dict[str, str]
    certification: dict[str, str]
    statuses: dict[str, str]
    not_stated: frozenset[str] = frozenset()

    def project(self, word: str) -> str:
        return self.projects.get(key(word), word)

    def economy_type(self, word: str) -> str:
        return self.economy.get(key(word), word)

    def kind(self, word: str) -> str | None:
        """The kind a word names, ``None`` when it names none."""
        return self.kinds.get(key(word))

    def certified(self, word: str) -> str | None:
        """``certified``, ``in_certification``, ``""`` (not stated), or ``None`` (unknown)."""
        return self.certification.get(key(word))

    def status(self, word: str) -> str:
        return self.statuses.get(key(word), word)

    def is_status(self, word: str) -> bool:
        return key(word) in self.statuses

    def nothing(self, word: str) -> bool:
        """Whether a word says "not stated" or "none stated" in one of the app's languages."""
        return key(word) in self.not_stated


def vocabulary(catalogue: Catalogue) -> Vocabulary:
    """The words of the catalogue's projects and economy types, and of the fixed codes."""
    projects = [
        (p.id, name) for p in catalogue.projects for name in (p.short_name, p.full_name, p.id)
    ]
    economy = [
        (e.id, word)
        for e in catalogue.economy_types
        for word in (*e.label.model_dump().values(), e.id, *_ECONOMY_WORDS.get(e.id, ()))
    ]
    stated = _words(_translated(certification_labels))
    certification = {k: "" if code == NOT_STATED else code for k, code in stated.items()}
    certification.update({key(w): "certified" for w in _YES})
    certification.update({key(w): "in_certification" for w in _IN_PROGRESS})
    certification.update({key(w): "" for w in (*_NO, "")})
    return Vocabulary(
        projects=_words(projects),
        economy=_words(economy),
        kinds=_words([*_translated(kind_labels), *_pairs(_KIND_WORDS)]),
        certification=certification,
        statuses=_words(_translated(status_labels)),
        not_stated=frozenset(
            key(translator(lang)(text)) for lang in LANGUAGES for text in NOTHING_STATED
        ),
    )


def items(text: str) -> list[str]:
    """The items of a list cell: ``a; b`` or ``a | b``."""
    return [item for item in LIST_SEPARATOR.split(text.strip()) if item]


def website(text: str) -> str:
    """``www.example.it`` -> ``https://www.example.it``: a web address as people write it."""
    text = text.strip()
    if text and "://" not in text and re.match(r"^[\w-]+(\.[\w-]+)+(/|$)", text):
        return f"https://{text}"
    return text


def number(text: str) -> float | str:
    """A coordinate cell as a number (``43,72`` as ``43.72``); the text itself when it is not
    one, so the check can say what was there."""
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        return text
