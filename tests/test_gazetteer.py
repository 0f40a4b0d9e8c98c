"""The offline gazetteer: towns as planners write them, namesakes told apart, never guessed."""

import pytest

from geo.gazetteer import Hints, find, key, parse_town, suggestions, towns


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("L'Île-Rousse", "l ile rousse"),
        ("St-Tropez", "saint tropez"),
        ("Ste Maxime", "sainte maxime"),
        ("  GENOVA ", "genova"),
        ("Forlì", "forli"),
    ],
)
def test_key(text: str, expected: str) -> None:
    assert key(text) == expected


@pytest.mark.parametrize(
    ("cell", "town", "hints", "postcode"),
    [
        ("Viareggio (LU)", "Viareggio", ["LU"], ""),
        ("Sarzana - SP", "Sarzana", ["SP"], ""),
        ("Bastia, Haute-Corse", "Bastia", ["Haute-Corse"], ""),
        ("20000 Ajaccio", "Ajaccio", [], "20000"),
        ("AJACCIO CEDEX 1", "AJACCIO", [], ""),
        ("Livorno", "Livorno", [], ""),
    ],
)
def test_town_cells_as_people_fill_them(
    cell: str, town: str, hints: list[str], postcode: str
) -> None:
    assert parse_town(cell) == (town, hints, postcode)


def place_of(town: str, **hints: str) -> str | None:
    found = find(town, Hints(**hints))
    return found.place.label() if found.place else None


@pytest.mark.parametrize(
    ("town", "hints", "expected"),
    [
        ("Livorno", {}, "Livorno (Livorno, Toscana)"),
        ("Genoa", {}, "Genova (Genova, Liguria)"),  # another name of the town
        ("Le Lavandou", {}, "Le Lavandou (Var, Provence-Alpes-Côte d'Azur)"),
        ("Lavandou", {}, "Le Lavandou (Var, Provence-Alpes-Côte d'Azur)"),
        ("S. Margherita Ligure", {}, "Santa Margherita Ligure (Genova, Liguria)"),
        ("Massa", {}, "Massa (Massa-Carrara, Toscana)"),  # a hamlet in Marche does not count
        ("Bastia", {"area": "2B"}, "Bastia (Haute-Corse, Corse)"),
        ("Bastia", {"country": "France"}, "Bastia (Haute-Corse, Corse)"),
        ("Bastia", {"postcode": "20200"}, "Bastia (Haute-Corse, Corse)"),
        ("Bastia", {"area": "SV"}, "Bastia (Albenga, Savona, Liguria)"),
        (
            "La Seyne-sur-Mer",
            {"area": "Var (83)"},
            "La Seyne-sur-Mer (Var, Provence-Alpes-Côte d'Azur)",
        ),
        ("Viareggio (LU)", {}, "Viareggio (Lucca, Toscana)"),
        ("20000 Ajaccio", {}, "Ajaccio (Corse-du-Sud, Corse)"),
    ],
)
def test_places_found(town: str, hints: dict[str, str], expected: str) -> None:
    assert place_of(town, **hints) == expected


def test_an_old_province_code_places_the_town_and_is_said() -> None:
    found = find("Olbia", Hints(area="OT"))  # Olbia-Tempio, a province no longer
    assert found.place is not None and found.place.region == "Sardegna"
    assert found.ignored == ("OT",)


def test_an_area_that_contradicts_the_only_place_of_that_name_places_nothing() -> None:
    found = find("Isola Rossa", Hints(area="Sardegna"))  # the Italian name of L'Île-Rousse
    assert found.place is None
    assert [p.name for p in found.elsewhere] == ["L'Île-Rousse"]


@pytest.mark.parametrize(
    ("town", "names"),
    [
        ("Bastia", {"Bastia"}),  # the town in Corsica, the locality of Albenga
        ("Montecatini", {"Montecatini Val di Cecina", "Montecatini-Terme"}),
    ],
)
def test_namesakes_are_candidates_never_guessed(town: str, names: set[str]) -> None:
    found = find(town)
    assert found.place is None
    assert {p.name for p in found.candidates} == names


@pytest.mark.parametrize(
    ("town", "suggested"),
    [("Livorrno", "Livorno"), ("Bonifaccio", "Bonifacio"), ("Castelnuovo", "Castelnuovo Magra")],
)
def test_suggestions_for_a_typo_or_a_beginning(town: str, suggested: str) -> None:
    assert suggested in {p.name for p in suggestions(town)}
    assert find(town).place is None  # a suggestion never places a row


@pytest.mark.parametrize(
    ("town", "hints", "expected"),
    [
        ("Porto S. Stefano", {}, "Porto Santo Stefano (Monte Argentario, Grosseto, Toscana)"),
        ("Saint Raphael", {}, "Saint-Raphaël (Var, Provence-Alpes-Côte d'Azur)"),
        ("Ste Maxime", {}, "Sainte-Maxime (Var, Provence-Alpes-Côte d'Azur)"),
        ("Alghero/L'Alguer", {}, "Alghero (Sassari, Sardegna)"),
        ("Grosseto GR", {}, "Grosseto (Grosseto, Toscana)"),
        ("Porto Venere", {}, "Portovenere (La Spezia, Liguria)"),
        ("Campo", {"area": "LI"}, "Marina di Campo (Campo nell'Elba, Livorno, Toscana)"),
        ("Arzachena - Porto Cervo", {}, "Porto Cervo (Arzachena, Sassari, Sardegna)"),
    ],
)
def test_more_ways_of_writing_a_town(town: str, hints: dict[str, str], expected: str) -> None:
    assert place_of(town, **hints) == expected


def test_the_beginning_of_one_towns_name_is_that_town_and_said() -> None:
    found = find("Tempio")
    assert found.place is not None and found.place.name == "Tempio Pausania"
    assert found.completed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Livorno", ["Livorno"]),
        ("Bastìa", ["Bastia", "Bastia"]),  # Corsica and Albenga: both offered
        ("Castelnuovo Mag", ["Castelnuovo Magra"]),
        ("Livorrno", ["Livorno"]),
        ("zzzz", []),
    ],
)
def test_a_town_search_offers_what_the_visitor_may_mean(text: str, expected: list[str]) -> None:
    assert [place.name for place in towns(text)] == expected
