"""No criterion may ask for special-category personal data (GDPR art. 9)."""

from __future__ import annotations

import pytest

from mvoi_criteria import installed_packs
from mvoi_criteria.privacy import scan_pack, scan_text


@pytest.mark.parametrize(
    "text",
    [
        "De opdrachtnemer registreert de etnische achtergrond van elke uitzendkracht.",
        "Lever per kwartaal een overzicht aan van medewerkers met een handicap.",
        "Rapporteer de religie van de ingezette medewerkers.",
        "The supplier reports the sexual orientation of staff.",
    ],
)
def test_demands_for_special_category_data_are_found(text):
    assert scan_text(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "De opdrachtnemer registreert geen gegevens over afkomst of religie.",
        "Vraagt de gemeente om kandidaten te kiezen op afkomst, dan weigert de opdrachtnemer en meldt hij het verzoek.",
        "Rapporteer alleen geanonimiseerde, geaggregeerde cijfers over de instroom.",
        "De gedragscode verbiedt discriminatie op grond van afkomst, religie of handicap.",
        "Meld elk incident binnen 24 uur aan de contractmanager.",
        "The workwear collection includes religious options such as a headscarf that fits the uniform.",
    ],
)
def test_safe_wording_passes(text):
    assert scan_text(text) == []


def test_no_installed_pack_asks_for_special_category_data():
    packs = installed_packs()
    assert packs.packs
    findings = [(p.id, f) for p in packs.packs for f in scan_pack(p)]
    assert findings == []
