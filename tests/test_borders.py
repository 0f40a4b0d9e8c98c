"""Region and eligibility of towns on both sides of every land border, and of coastal town
centres: derived from the shipped boundaries, snapped (if at all) from the sea onto a coast
only. Town centres from GeoNames (CC BY 4.0; the id of each is given)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo.load import load_areas, locate_points

DATA = Path(__file__).resolve().parent.parent / "data"

#: town -> (lon, lat), region (None: outside the five), eligible (the 2021-2027 area:
#: Liguria, Sardegna, the five coastal provinces of Toscana, Corse, Var and Alpes-Maritimes).
TOWNS: dict[str, tuple[tuple[float, float], str | None, bool]] = {
    # Liguria / Alpes-Maritimes / Monaco
    "Menton": ((7.50435, 43.77649), None, True),  # GeoNames 2994497
    "Monaco": ((7.42145, 43.73718), None, False),  # GeoNames 2993458
    "Monte-Carlo": ((7.42732, 43.73976), None, False),  # GeoNames 2992741
    "Ventimiglia": ((7.60872, 43.78956), "ITC3", True),  # GeoNames 3164582
    "Sanremo": ((7.7772, 43.81725), "ITC3", True),  # GeoNames 3167777
    # Liguria / Toscana
    "Sarzana": ((9.9622, 44.11178), "ITC3", True),  # GeoNames 3167104
    "Carrara": ((10.09789, 44.07926), "ITI1", True),  # GeoNames 3180423
    "Aulla": ((9.97853, 44.20632), "ITI1", True),  # GeoNames 3182686
    "Pontremoli": ((9.87888, 44.37515), "ITI1", True),  # GeoNames 3170191
    # Toscana: coastal provinces / the others
    "Castelnuovo di Garfagnana": ((10.40518, 44.1126), "ITI1", True),  # GeoNames 3179523
    "Fucecchio": ((10.79749, 43.73292), "ITI1", False),  # GeoNames 3176504
    "Empoli": ((10.94758, 43.71795), "ITI1", False),  # GeoNames 3177400
    "Pescia": ((10.68849, 43.8871), "ITI1", False),  # GeoNames 3171148
    "Pistoia": ((10.92365, 43.93064), "ITI1", False),  # GeoNames 3170621
    "Florence": ((11.24626, 43.77925), "ITI1", False),  # GeoNames 3176959
    # Var / Bouches-du-Rhône / Alpes-Maritimes
    "Trets": ((5.68328, 43.44818), None, False),  # GeoNames 2971765
    "Aubagne": ((5.57067, 43.29276), None, False),  # GeoNames 3036433
    "Brignoles": ((6.06172, 43.4058), "FRL05", True),  # GeoNames 3030057
    "Saint-Raphaël": ((6.7735, 43.42332), "FRL05", True),  # GeoNames 2977246
    "Mandelieu-la-Napoule": ((6.93734, 43.54577), None, True),  # GeoNames 2996255
    # Coastal town centres
    "Livorno": ((10.32615, 43.54427), "ITI1", True),  # GeoNames 3174659
    "Viareggio": ((10.2502, 43.86693), "ITI1", True),  # GeoNames 3164433
    "Portoferraio": ((10.31297, 42.81233), "ITI1", True),  # GeoNames 3170094
    "Genoa": ((8.94439, 44.40478), "ITC3", True),  # GeoNames 3176219
    "Bastia": ((9.45123, 42.70219), "FRM0", True),  # GeoNames 3034640
    "Ajaccio": ((8.73812, 41.91886), "FRM0", True),  # GeoNames 3038334
    "Porto-Vecchio": ((9.27947, 41.59101), "FRM0", True),  # GeoNames 2985947
    "Bonifacio": ((9.15667, 41.38723), "FRM0", True),  # GeoNames 3031801
    "Toulon": ((5.92836, 43.12442), "FRL05", True),  # GeoNames 2972328
    "Hyères": ((6.12857, 43.12038), "FRL05", True),  # GeoNames 3012937
    "Saint-Tropez": ((6.64049, 43.26764), "FRL05", True),  # GeoNames 2976742
    "Fréjus": ((6.73555, 43.43325), "FRL05", True),  # GeoNames 3017253
    "Cagliari": ((9.11917, 39.23054), "ITG2", True),  # GeoNames 2525473
    "Olbia": ((9.49802, 40.92337), "ITG2", True),  # GeoNames 3172087
    "Alghero": ((8.31953, 40.55969), "ITG2", True),  # GeoNames 3183284
}


@pytest.fixture(scope="module")
def located() -> pd.DataFrame:
    areas, problems, _unusable = load_areas(DATA)
    assert problems == []
    frame = pd.DataFrame(
        {
            "town": list(TOWNS),
            "lon": [lonlat[0] for lonlat, _r, _e in TOWNS.values()],
            "lat": [lonlat[1] for lonlat, _r, _e in TOWNS.values()],
        }
    )
    return locate_points(frame, areas).set_index("town")


@pytest.mark.parametrize("town", list(TOWNS))
def test_town_region_and_eligibility(located: pd.DataFrame, town: str) -> None:
    _lonlat, region, eligible = TOWNS[town]
    assert (located.loc[town, "region"], bool(located.loc[town, "eligible"])) == (region, eligible)
