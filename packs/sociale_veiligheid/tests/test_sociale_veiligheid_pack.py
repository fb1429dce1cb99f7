"""Conformance of the sociale_veiligheid pack on its own: texts, privacy, monotone in value, determinism."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from mvoi_criteria import pack_set_from_files
from mvoi_criteria.testing.conformance import (
    check_deterministic,
    check_english_texts,
    check_monotone_in_value,
    check_pack_texts,
)
from mvoi_criteria.testing.strategies import complete_profile_dicts, profile_dicts

PACK_FILE = Path(__file__).parent.parent / "src" / "mvoi_pack_sociale_veiligheid" / "pack.yaml"
PACKS = pack_set_from_files([PACK_FILE])


def test_the_pack_loads():
    assert not PACKS.failures, PACKS.failures


def test_every_reader_facing_text_has_english():
    check_english_texts(PACKS.packs[0])


def test_no_text_asks_for_special_category_data():
    check_pack_texts(PACKS)


@given(profile=complete_profile_dicts(), factor=st.sampled_from([2, 10, 1000]))
def test_raising_the_value_never_lowers_a_level_or_drops_an_eis(profile, factor):
    check_monotone_in_value(PACKS, profile, factor)


@given(profile=profile_dicts())
def test_the_advice_is_deterministic(profile):
    check_deterministic(PACKS, profile)
