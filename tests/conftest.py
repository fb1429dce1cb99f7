"""Shared fixtures (hypothesis profiles are set in the repository's root conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mvoi_criteria import PackSet, TenderProfile, pack_set_from_files, profile_from_dict

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent
TEST_PACKS = sorted(DATA.glob("test_*.yaml"))


@pytest.fixture(scope="session")
def test_packs() -> PackSet:
    """Three small packs, one per theme, whose content the tests control."""
    packs = pack_set_from_files(TEST_PACKS)
    assert not packs.failures, packs.failures
    return packs


def make_profile(**fields: Any) -> TenderProfile:
    """A profile with sensible known values, overridden by `fields` (None removes a field)."""
    data: dict[str, Any] = {
        "title": "Testopdracht",
        "procurement_kind": "diensten",
        "social_services": False,
        "estimated_value_eur": 1_000_000,
        "duration_months": 24,
        "publication_date": "2026-06-01",
        "situation": "nieuwe_aanbesteding",
        "used_by": "medewerkers",
        "personnel": {
            "works_for_municipality": True,
            "at_municipal_sites": True,
            "in_public_space": False,
            "in_residents_homes": False,
            "vulnerable_groups": [],
        },
        "result": {"physical": False, "digital": False, "event_or_venue": False, "communication": False},
    }
    for key, value in fields.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return profile_from_dict(data)
