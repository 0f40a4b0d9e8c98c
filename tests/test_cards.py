import pytest

from geo.cards import project_card, town_verdict
from geo.i18n import translator
from geo.schema import Project


def card(**fields) -> str:
    project = Project(
        id="festa",
        short_name="FESTA",
        full_name="Feste Enogastronomia",
        sources=["https://example.org/festa?a=1&b=2"],
        **fields,
    )
    return project_card(project, {"blue": "Economia blu"}, (7, 5), translator("it"))


def test_unstated_facts_are_said_to_be_not_stated() -> None:
    html = card()
    assert html.count("<dd>non indicato</dd>") == 7  # programme … economy focus
    assert "<dd>partner formali: 7 · altri: 5</dd>" in html


def test_facts_are_shown_as_stated_with_the_economy_quote() -> None:
    html = card(budget="CONFLICT: 1.5M / 1M EUR", economy=["blue"], economy_quote="«blue»")
    assert "<dd>CONFLICT: 1.5M / 1M EUR</dd>" in html
    assert "<dd>Economia blu<blockquote>«blue»</blockquote></dd>" in html


def test_text_and_links_are_escaped() -> None:
    html = card(lead='<img src=x onerror="alert(1)">', themes="{{7*7}}")
    assert "<img" not in html and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "{{7*7}}" in html
    assert (
        '<a href="https://example.org/festa?a=1&amp;b=2" '
        'title="https://example.org/festa?a=1&amp;b=2" target="_blank" '
        'rel="noopener noreferrer">example.org</a>'
    ) in html


@pytest.mark.parametrize(
    ("region", "eligible", "expected", "kind"),
    [
        ("Corse", True, "Bastia : dans la zone éligible du programme (Corse).", "mm-in"),
        (None, True, "Bastia : dans la zone éligible du programme, hors des cinq", "mm-in"),
        ("Toscane", False, "Bastia : Toscane, mais hors de la zone éligible", "mm-out"),
        (None, False, "Bastia : hors de la zone éligible du programme.", "mm-out"),
    ],
)
def test_a_town_is_said_in_or_out_of_the_eligible_area(region, eligible, expected, kind) -> None:
    html = town_verdict("Bastia", region, eligible, translator("fr"))
    assert expected in html and f'class="mm-verdict {kind}"' in html


def test_a_town_verdict_is_text() -> None:
    html = town_verdict("<b>X</b> [y](z)", None, False, translator("en"))
    assert "&lt;b&gt;X&lt;/b&gt; [y](z): outside" in html
