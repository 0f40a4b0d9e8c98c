import pandas as pd
import pytest

from geo.filters import (
    NOT_STATED,
    SEARCH_MAX,
    Filters,
    Known,
    fold,
    from_query,
    mask,
    position,
    to_query,
    toggled,
)

KNOWN = Known(
    projects=("festa", "qm-export", "smartic"),
    periods=("2014-2020", "2021-2027", NOT_STATED),
    economy=("green", "blue", "wellbeing", NOT_STATED),
    regions=("ITI1", "ITC3", "ITG2", "FRM0", "FRL05"),
    cert=("certified", "in_certification", NOT_STATED),
    kinds=("office", "partner", "enterprise"),
)


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "name": ["Agorà Sardegna", "Itinera", "Camù", "Legacoop Genova"],
            "kind": ["partner", "partner", "enterprise", "office"],
            "projects": [["festa"], ["festa", "qm-export"], ["smartic"], []],
            "economy": [[], ["green"], ["blue", "green"], []],
            "certification": ["", "", "certified", ""],
            "region": ["ITG2", "ITI1", "ITG2", "ITC3"],
            "periods": [["2021-2027"], ["2021-2027"], ["2014-2020"], []],
        }
    )


def kept(frame: pd.DataFrame, filters: Filters) -> list[str]:
    return frame.loc[mask(frame, filters), "id"].tolist()


def test_no_filter_keeps_all(frame: pd.DataFrame) -> None:
    assert kept(frame, Filters()) == ["a", "b", "c", "d"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(projects=("festa",)), ["a", "b"]),
        (Filters(projects=("qm-export", "smartic")), ["b", "c"]),
        (Filters(periods=("2014-2020",)), ["c"]),
        (Filters(periods=("2021-2027", NOT_STATED)), ["a", "b", "d"]),
        (Filters(economy=("green",)), ["b", "c"]),
        (Filters(economy=(NOT_STATED,)), ["a", "d"]),
        (Filters(economy=("blue", NOT_STATED)), ["a", "c", "d"]),
        (Filters(cert=("certified",)), ["c"]),
        (Filters(cert=(NOT_STATED,)), ["a", "b", "d"]),
        (Filters(kinds=("office", "enterprise")), ["c", "d"]),
        (Filters(regions=("ITG2",)), ["a", "c"]),
        (Filters(q="agora"), ["a"]),
        (Filters(q="CAMU"), ["c"]),
        (Filters(projects=("festa",), regions=("ITG2",)), ["a"]),
        (Filters(projects=("festa",), kinds=("enterprise",)), []),
    ],
)
def test_mask(frame: pd.DataFrame, filters: Filters, expected: list[str]) -> None:
    assert kept(frame, filters) == expected


def test_region_filter_drops_rows_without_region(frame: pd.DataFrame) -> None:
    unlocated = frame.drop(columns="region")
    assert kept(unlocated, Filters(regions=("ITG2",))) == []


def test_from_query_repeated_and_comma_separated() -> None:
    filters, ignored = from_query(
        {"project": ["festa", "qm-export,smartic"], "region": "ITG2, FRM0", "q": "coop"}, KNOWN
    )
    assert filters.projects == ("festa", "qm-export", "smartic")
    assert filters.regions == ("ITG2", "FRM0")
    assert filters.q == "coop"
    assert ignored == []


def test_from_query_ignores_unknown_values_and_says_which() -> None:
    filters, ignored = from_query({"project": "festa,nope", "kind": "shop", "cert": ""}, KNOWN)
    assert filters == Filters(projects=("festa",))
    assert ignored == [("project", "nope"), ("kind", "shop")]


def test_from_query_drops_duplicates() -> None:
    filters, _ = from_query({"economy": "green,green"}, KNOWN)
    assert filters.economy == ("green",)


def test_query_round_trip() -> None:
    filters = Filters(projects=("festa",), regions=("ITG2", "FRM0"), q="Agorà")
    query = to_query(filters)
    assert query == {"project": "festa", "region": "ITG2,FRM0", "q": "Agorà"}
    assert from_query(query, KNOWN) == (filters, [])


def test_fold() -> None:
    assert fold("Agorà Économie") == "agora economie"


def test_long_search_from_a_link_is_cut_and_said() -> None:
    filters, ignored = from_query({"q": "x" * 150}, KNOWN)
    assert filters.q == "x" * SEARCH_MAX
    assert ignored == [("q", "x" * 50)]


@pytest.mark.parametrize(
    ("values", "value", "expected"),
    [
        ([], "ITG2", ["ITG2"]),
        (["ITG2"], "FRM0", ["ITG2", "FRM0"]),
        (["ITG2", "FRM0"], "ITG2", ["FRM0"]),
        (["ITG2"], "ITG2", []),
        (iter(["ITG2"]), "ITG2", []),
    ],
)
def test_a_region_click_toggles_it(values, value, expected) -> None:
    assert toggled(values, value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7.25/42.1/9.5", "7.25/42.1000/9.5000"),
        ("9/43.71234567/10.4", "9/43.7123/10.4000"),
        ("0/0/0", "0/0.0000/0.0000"),
        ("19/42/9", None),
        ("7/90/9", None),
        ("7/42/181", None),
        ("nan/42/9", None),
        ("7/42", None),
        ("7/42/9/1", None),
        ("<b>7</b>/42/9", None),
        ("1e400/42/9", None),
        ("", None),
        (None, None),
        ("7/" + "4" * 50 + "/9", None),
    ],
)
def test_a_position_in_a_link_is_a_place_on_the_map_or_nothing(text, expected) -> None:
    assert position(text) == expected
