"""One message catalogue for every UI string: Italian by default, French, English.

Messages are written in English in the code (``_("Legend")``) and translated in
``geo/locales/<lang>/LC_MESSAGES/messages.po``, gettext's standard format, read with Babel
so no compile step is needed. A missing translation falls back to the English text.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

LANGUAGES: dict[str, str] = {"it": "Italiano", "fr": "Français", "en": "English"}
DEFAULT_LANGUAGE = "it"
LOCALES_DIR = Path(__file__).parent / "locales"

Translator = Callable[[str], str]


def normalize_language(lang: str | None) -> str:
    """A supported language code for ``lang`` (``"fr-FR"`` -> ``"fr"``), else the default."""
    code = (lang or "").strip().lower()[:2]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


@cache
def _messages(lang: str) -> dict[str, str]:
    """msgid -> translation for ``lang``; empty for English, the language of the msgids."""
    po = LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"
    if not po.is_file():
        return {}
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    return {str(m.id): str(m.string) for m in catalog if m.id and m.string and not m.fuzzy}


def translator(lang: str | None) -> Translator:
    """The ``_`` function for ``lang``: English text in, text in that language out."""
    messages = _messages(normalize_language(lang))
    return lambda text: messages.get(text, text)
