"""One message catalogue for every UI string: Italian by default, French, English.

Messages are written in English in the code (``_("Legend")``) and translated in
``geo/locales/<lang>/LC_MESSAGES/messages.po``, gettext's standard format, read with Babel
so no compile step is needed. A missing translation falls back to the English text.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

LANGUAGES: dict[str, str] = {"it": "Italiano", "fr": "Français", "en": "English"}
DEFAULT_LANGUAGE = "it"
LOCALES_DIR = Path(__file__).parent / "locales"

Translator = Callable[[str], str]
PluralTranslator = Callable[[str, str, int], str]


def normalize_language(lang: str | None) -> str:
    """A supported language code for ``lang`` (``"fr-FR"`` -> ``"fr"``), else the default."""
    code = (lang or "").strip().lower()[:2]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def first_language(link: str | None, browser: str | None) -> str:
    """The language a visit starts in: the link's, else the browser's (``fr-FR`` -> French),
    else the default."""
    for asked in (link, browser):
        code = (asked or "").strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE


@cache
def _catalog(lang: str) -> Catalog | None:
    po = LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"
    if not po.is_file():
        return None
    with po.open("rb") as fh:
        return read_po(fh, locale=lang)


@cache
def _messages(lang: str) -> dict[str, str]:
    """msgid -> translation for ``lang``; empty for English, the language of the msgids."""
    catalog = _catalog(lang)
    if catalog is None:
        return {}
    return {
        m.id: m.string
        for m in catalog
        if isinstance(m.id, str) and m.id and m.string and not m.fuzzy
    }


@cache
def _plurals(lang: str) -> dict[str, tuple[str, ...]]:
    """Singular msgid -> the translated forms, for messages with plural forms."""
    catalog = _catalog(lang)
    if catalog is None:
        return {}
    return {
        m.id[0]: tuple(m.string)
        for m in catalog
        if isinstance(m.id, tuple) and all(m.string) and not m.fuzzy
    }


def plural_translator(lang: str | None) -> PluralTranslator:
    """The ``ngettext`` function for ``lang``: the form CLDR's plural rule picks for ``n``
    ("1 luogo", "0 lieu", "2 places"); English's own two forms when no translation."""
    code = normalize_language(lang)
    forms = _plurals(code)
    rule = Locale.parse(code).plural_form

    def ngettext(singular: str, plural: str, n: int) -> str:
        one = rule(abs(n)) == "one"
        translated = forms.get(singular)
        if translated is None or len(translated) < 2:
            return singular if one else plural
        return translated[0] if one else translated[1]

    return ngettext


def translator(lang: str | None) -> Translator:
    """The ``_`` function for ``lang``: English text in, text in that language out."""
    messages = _messages(normalize_language(lang))
    return lambda text: messages.get(text, text)
