from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

from geo.i18n import (
    LANGUAGES,
    _messages,
    _plurals,
    first_language,
    normalize_language,
    plural_translator,
    translator,
)

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
            "python", str(path), keywords={"_": None, "ngettext": (1, 2)}
        ):
            found.add(message if isinstance(message, str) else message[0])
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
    missing = ui_strings() - set(_messages(lang)) - set(_plurals(lang))
    assert not missing, f"untranslated in {lang}: {sorted(missing)}"


SHOWN = "**{shown}** of {total} places shown"


@pytest.mark.parametrize(
    ("lang", "n", "expected"),
    [
        ("it", 1, "**1** luogo mostrato su 9"),
        ("it", 0, "**0** luoghi mostrati su 9"),
        ("fr", 0, "**0** lieu affiché sur 9"),  # French counts 0 as one
        ("fr", 1, "**1** lieu affiché sur 9"),
        ("fr", 2, "**2** lieux affichés sur 9"),
        ("en", 1, "**1** of 9 places shown"),
    ],
)
def test_plural_forms_follow_each_language(lang: str, n: int, expected: str) -> None:
    assert plural_translator(lang)(SHOWN, SHOWN, n).format(shown=n, total=9) == expected


@pytest.mark.parametrize(
    ("link", "browser", "expected"),
    [("fr", "en-GB", "fr"), (None, "fr-FR", "fr"), (None, "de-DE", "it"), ("xx", "en", "en")],
)
def test_first_language_link_then_browser_then_italian(
    link: str | None, browser: str | None, expected: str
) -> None:
    assert first_language(link, browser) == expected
