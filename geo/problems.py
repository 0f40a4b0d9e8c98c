"""Data problems: what is wrong, where, and how bad, in words a data maintainer can act on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One problem in one file; ``feature`` is ``id 'x'`` or ``#index`` when there is no id.

    An error means the feature (or the file) is left out; a warning means it is kept.
    ``line`` and ``column`` say where a file that cannot be parsed breaks.
    """

    file: str
    message: str
    feature: str | None = None
    field: str | None = None
    severity: Severity = "error"
    line: int | None = None
    column: int | None = None
    #: The message before its values were put in (``town {town!r} not found``) and the
    #: values: what the app translates, when the message is one it knows.
    template: str = ""
    values: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        where = ": ".join(part for part in (self.file, self.feature, self.field) if part)
        return f"{where}: {self.severity}: {self.message}"


def _(text: str) -> str:
    """Marks a message template for the catalogues (``geo/locales``); the app translates
    it where it shows the problem (:attr:`Problem.template`)."""
    return text


def said(
    file: str,
    template: str,
    feature: str | None = None,
    field: str | None = None,
    severity: Severity = "error",
    /,
    **values: str,
) -> Problem:
    """A problem whose message the app can translate: ``template`` filled with ``values``
    (the first five are positional only, so a value may be called ``field`` too)."""
    message = template.format(**values)
    return Problem(
        file, message, feature, field, severity, template=template, values=tuple(values.items())
    )


def feature_label(index: int, feature_id: object) -> str:
    """How a feature is named in messages: its id when it has one, else its position."""
    if feature_id not in (None, ""):
        text = str(feature_id)
        text = text if len(text) <= 60 else text[:59] + "…"
        return f"feature {text!r} (#{index})"
    return f"feature #{index}"


def count(problems: list[Problem], severity: Severity) -> int:
    return sum(1 for p in problems if p.severity == severity)


def plural(n: int, word: str) -> str:
    """``1 error``, ``2 errors``."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
