"""A planner adds the spreadsheet they have: it is read, said, drawn as theirs, and kept
through a language change and presentation mode. (Made-up organisations, real towns.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Offline, choose, shown
from tests.e2e.test_explorer import map_frame, markers_on_map, open_view, wait_for

pytestmark = pytest.mark.e2e

#: As Excel saves "CSV" on an Italian Windows: Windows-1252, ";", no coordinates.
ITALIAN_CSV = (
    "Nome;Comune;Provincia;Indirizzo;Sito web;Progetti\r\n"
    "Società Agricola Sant'Anna;Castagneto Carducci;LI;Via Aurelia 1;www.example.it;QM Export\r\n"
    "Frantoio Né Più;Forte dei Marmi;LU;;;\r\n"
    "Cantina Bastìa;Bastia;;;;\r\n"
    "Pietra;Porto;;;;Progetto X\r\n"
).encode("cp1252")


def add_file(page: Page, path: Path, box: str) -> None:
    page.get_by_text(box).click()
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))


def test_italian_excel_csv_is_placed_by_town_and_said_in_italian(
    page: Page, app_url: str, offline: Offline, tmp_path: Path
) -> None:
    table = tmp_path / "aziende.csv"
    table.write_bytes(ITALIAN_CSV)
    open_view(page, f"{app_url}/?lang=it", shown())
    add_file(page, table, "Aggiungi i tuoi luoghi")
    sidebar = page.get_by_test_id("stSidebar")
    expect(
        sidebar.get_by_text("Righe lette: 4. Sulla mappa: 2 (di cui 2 al centro")
    ).to_be_visible()
    wait_for(lambda: markers_on_map(page), shown() + 2)
    # Each row that could not be placed says why, by its spreadsheet row and column.
    problems = sidebar.locator(".mm-problems li")
    expect(problems).to_have_count(3)
    expect(problems.nth(0)).to_contain_text("riga 4 · Comune")
    expect(problems.nth(0)).to_contain_text("Bastia (Haute-Corse, Corse)")
    expect(problems.nth(1)).to_contain_text("riga 5 · Progetti")
    # The planner's places are ringed, in the legend, and their popups say so.
    frame = map_frame(page)
    expect(frame.locator(".mm-legend")).to_contain_text("Dal tuo file")
    yours = frame.locator(".leaflet-marker-icon .mm-yours")  # (one may share a cluster)
    expect(yours.first).to_be_visible()
    yours.first.click()
    popup = frame.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Dal tuo file")
    expect(popup).to_contain_text("aziende.csv")
    page.screenshot(path=str(tmp_path / "yours.png"))
    assert offline.blocked == []


def test_your_files_stay_through_a_language_change_and_presentation_mode(
    page: Page, app_url: str, tmp_path: Path
) -> None:
    table = tmp_path / "aziende.csv"
    table.write_bytes(ITALIAN_CSV)
    open_view(page, f"{app_url}/?lang=en", shown())
    add_file(page, table, "Add your own places")
    wait_for(lambda: markers_on_map(page), shown() + 2)
    choose(page, page.get_by_test_id("stSidebar").get_by_label("Language"), "Français")
    total = shown() + 2
    expect(page.get_by_text(f"{total} lieux affichés sur {total}")).to_be_visible(timeout=20_000)
    page.get_by_text("Partager cette vue").click()
    expect(page.get_by_text("Les lieux de vos fichiers ne sont pas dans le lien")).to_be_visible()
    page.get_by_role("button", name="Mode présentation").click()
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    wait_for(lambda: markers_on_map(page), shown() + 2)
    page.get_by_role("button", name="Quitter la présentation").click()
    expect(page.get_by_test_id("stSidebar")).to_be_visible()
    wait_for(lambda: markers_on_map(page), shown() + 2)
    page.get_by_role("button", name="Retirer ce fichier").click()
    wait_for(lambda: markers_on_map(page), shown())


def test_a_workbook_with_columns_mapped_by_hand(page: Page, app_url: str, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Chi", "Dove"])
    sheet.append(["Uno", "Livorno"])
    sheet.append(["Due", "Hyères"])
    path = tmp_path / "elenco.xlsx"
    book.save(path)
    open_view(page, f"{app_url}/?lang=en", shown())
    add_file(page, path, "Add your own places")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Read 2 rows: 0 on the map")).to_be_visible()
    expect(sidebar.get_by_text("Say which column holds the name")).to_be_visible()
    choose(page, sidebar.get_by_label("Name", exact=True), "Chi")
    choose(page, sidebar.get_by_label("Town", exact=True), "Dove")
    expect(sidebar.get_by_text("Read 2 rows: 2 on the map")).to_be_visible()
    wait_for(lambda: markers_on_map(page), shown() + 2)
