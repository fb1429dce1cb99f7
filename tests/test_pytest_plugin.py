"""The pytest plugin's fixtures for pack authors."""

from __future__ import annotations


def test_mvoi_packs_are_the_installed_packs(mvoi_packs):
    assert {p.id for p in mvoi_packs.packs} == {
        "representatie",
        "toegankelijkheid",
        "sociale_veiligheid",
        "sociaal_inkopen",
    }


def test_mvoi_advise_takes_profile_data(mvoi_advise, test_packs):
    advice = mvoi_advise({"title": "Koffieautomaten", "used_by": "niemand"}, packs=test_packs)
    assert advice.accessibility.status == "n-inc"
    assert {p.id for p in advice.provenance.packs} == {"test-rep", "test-toe", "test-sv"}
