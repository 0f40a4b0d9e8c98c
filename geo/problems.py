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

    def __str__(self) -> str:
        where = ": ".join(part for part in (self.file, self.feature, self.field) if part)
        return f"{where}: {self.severity}: {self.message}"


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
