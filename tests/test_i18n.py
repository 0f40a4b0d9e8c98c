from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

from geo.i18n import LANGUAGES, _messages, normalize_language, translator

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    ROOT / "app.py",
    *sorted((ROOT / "geo").rglob("*.py")),
    *sorted((ROOT / "ui").rglob("*.py")),
]


def ui_strings() -> set[str]:
    """Every ``_("...")`` message in the app and the library, as Babel extracts them."""
    found: set[str] = set()
    for path in SOURCES:
        for _lineno, message, _comments, _context in extract_from_file(
            "python", str(path), keywords={"_": None}
        ):
            found.add(message)
    return found


@pytest.mark.parametrize(
    ("given", "expected"),
    [("it", "it"), ("FR", "fr"), ("fr-FR", "fr"), ("en", "en"), ("de", "it"), (None, "it")],
)
def test_normalize_language(given: str | None, expected: str) -> None:
    assert normalize_language(given) == expected


def test_translator_translates_and_falls_back() -> None:
    assert translator("it")("Language") == "Lingua"
    assert translator("fr")("Language") == "Langue"
    assert translator("en")("Language") == "Language"
    assert translator("it")("a text nobody translated") == "a text nobody translated"


def test_there_are_ui_strings() -> None:
    assert "Cooperation regions" in ui_strings()


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "en"])
def test_catalogue_is_complete(lang: str) -> None:
    missing = ui_strings() - set(_messages(lang))
    assert not missing, f"untranslated in {lang}: {sorted(missing)}"
