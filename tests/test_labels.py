"""Labels shown where Streamlit reads Markdown stay the text they are."""

from __future__ import annotations

import re

import pytest

from geo.labels import markdown_text


@pytest.mark.parametrize(
    "text",
    [
        "![x](http://evil.example/e.png)",
        "[Log in](http://evil.example/login)",
        ":red[**alarm**] $x^2$ :material/warning:",
        "<b>raw</b> & `code` ~~gone~~ # title",
    ],
)
def test_every_markdown_sign_is_escaped(text: str) -> None:
    escaped = markdown_text(text)
    assert re.sub(r"\\(.)", r"\1", escaped) == text  # the same text once unescaped
    assert not re.search(r"(?<!\\)[!\[\]()*:$`<>~#_]", escaped)  # no bare sign left


@pytest.mark.parametrize("text", ["Toscana", "Économie verte", "Provence-Alpes-Côte d'Azur"])
def test_plain_words_keep_their_letters(text: str) -> None:
    assert re.sub(r"\\(.)", r"\1", markdown_text(text)) == text
    assert all(c in markdown_text(text) for c in text)
