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
        "De opdrachtnemer levert per medewerker de afkomst aan.",
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


def _corpus() -> dict[str, list[str]]:
    from mvoi_criteria.yamlio import read_document

    from .conftest import DATA

    return read_document(DATA / "privacy_corpus.yaml").data


def test_the_corpus_has_fifty_sentences_each_way():
    corpus = _corpus()
    assert len(corpus["positive"]) >= 50 and len(corpus["negative"]) >= 50


def test_the_scanner_finds_at_least_48_of_50_demands():
    missed = [s for s in _corpus()["positive"] if not scan_text(s)]
    assert len(missed) <= 2, missed


def test_the_scanner_flags_at_most_2_of_50_safe_sentences():
    flagged = [s for s in _corpus()["negative"] if scan_text(s)]
    assert len(flagged) <= 2, flagged


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Niet later dan een week na de start levert hij per medewerker de afkomst.", "origin or ethnicity"),
        ("The contractor discloses the criminal records of each employee.", "criminal records (art. 10)"),
        ("De opdrachtnemer registreert van elke medewerker het vakbondslidmaatschap.", "union membership"),
    ],
)
def test_a_finding_names_its_category(text, category):
    from mvoi_criteria.privacy import scan_sentence

    assert scan_sentence(text) == category


def test_negation_counts_only_where_it_governs_the_demand():
    assert scan_text("De opdrachtnemer levert geen gegevens over afkomst.") == []
    assert scan_text("Als een medewerker niet aanwezig is, registreert de opdrachtnemer diens gezondheid.") != []


def test_a_pack_that_demands_such_data_does_not_load(tmp_path):
    from mvoi_criteria import pack_set_from_files

    from .conftest import DATA

    text = (DATA / "test_representatie.yaml").read_text(encoding="utf-8")
    path = tmp_path / "p.yaml"
    path.write_text(
        text.replace("Beelden tonen Amsterdammers zonder stereotypen.", "Lever per medewerker de religie aan.")
    )
    packs = pack_set_from_files([path])
    assert packs.packs == () and "religion or belief" in packs.failures[0].problems[0]
