"""Properties of the toegankelijkheid pack that example cases cannot show one by one.

- Raising the tender value, all else equal, never lowers a criterion's ask level, never removes it, and an eis
  stays an eis.
- Accessibility baselines are eisen with eforms.accessibility; award criteria only appear above the EU threshold.
- Every contract obligation has a monitoring indicator; every award criterion a scale of at least three levels.
- No text asks for special-category personal data (GDPR art. 9); every reader-facing text has English.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mvoi_criteria import pack_set_from_files, profile_from_dict
from mvoi_criteria.engine import advise
from mvoi_criteria.model import ask_rank
from mvoi_criteria.testing.conformance import check_english_texts, check_pack_texts
from mvoi_criteria.testing.strategies import VALUE_LADDER
from mvoi_criteria.yamlio import load_document

PACK_FILE = Path(__file__).parent.parent / "src" / "mvoi_pack_toegankelijkheid" / "pack.yaml"
PACKS = pack_set_from_files([PACK_FILE])
PACK = PACKS.packs[0]
DATA = load_document(PACK_FILE.read_text(encoding="utf-8")).data

# CPV codes the pack reacts to, and a few it does not.
CPV = [
    "42968100",
    "42933300",
    "42416100",
    "45313100",
    "39130000",
    "18110000",
    "34110000",
    "34121000",
    "45210000",
    "45454000",
    "71221000",
    "45233140",
    "45316110",
    "34993000",
    "50232100",
    "79512000",
    "85312000",
    "72212000",
    "48000000",
    "79341000",
    "79952000",
    "90910000",
    "42512000",
]
maybe_bool = st.sampled_from([True, False, None])
VALUES = VALUE_LADDER


@st.composite
def profiles(draw: Any) -> dict[str, Any]:
    return {
        "title": "Eigenschapstest",
        "procurement_kind": draw(st.sampled_from(["werken", "leveringen", "diensten", None])),
        "social_services": draw(maybe_bool),
        "duration_months": draw(st.sampled_from([6, 24, None])),
        "publication_date": draw(st.sampled_from(["2025-06-01", "2026-06-01", None])),
        "cpv_codes": draw(st.one_of(st.none(), st.lists(st.sampled_from(CPV), max_size=3, unique=True))),
        "used_by": draw(st.sampled_from(["medewerkers", "bewoners", "beide", "niemand", None])),
        "personnel": {
            "in_public_space": draw(maybe_bool),
            "in_residents_homes": draw(maybe_bool),
            "vulnerable_groups": draw(st.sampled_from([None, [], ["wmo_clienten"]])),
        },
        "result": {name: draw(maybe_bool) for name in ("physical", "digital", "event_or_venue", "communication")},
        "ambition": {"toegankelijkheid": draw(st.sampled_from(["basis", "significant", "ambitieus", None]))},
    }


def _advice(profile: dict[str, Any], value: float | None):
    return advise(profile_from_dict({**profile, "estimated_value_eur": value}), packs=PACKS)


def _outcomes(profile: dict[str, Any], value: float) -> tuple[dict[str, tuple[str, Any]], str | None]:
    advice = _advice(profile, value)
    applied = {c.id: c for c in advice.criteria}
    optional = {o.criterion.id for o in advice.optional}  # applies, but cut by the total burden
    outcomes = {t.criterion: ("optional" if t.criterion in optional else t.outcome) for t in advice.trace}
    return {cid: (outcome, applied.get(cid)) for cid, outcome in outcomes.items()}, advice.derived.size_band


@given(profiles(), st.integers(0, len(VALUES) - 2), st.integers(1, len(VALUES) - 1))
def test_raising_the_value_never_lowers_the_ask_or_removes_a_criterion(profile, low, step):
    high = min(low + step, len(VALUES) - 1)
    (before, _), (after, band_after) = _outcomes(profile, VALUES[low]), _outcomes(profile, VALUES[high])
    for cid, (outcome, applied) in before.items():
        if outcome != "applied":
            continue
        later_outcome, later = after[cid]
        if later_outcome == "undecided" and band_after is None:
            # With social_services unknown, a value between the services and the social-services threshold has no
            # size band (the engine cannot tell midden from groot), so size-dependent criteria wait for the answer.
            continue
        assert later_outcome == "applied", f"{cid} applied at {VALUES[low]} but {later_outcome} at {VALUES[high]}"
        assert ask_rank(later.ask_level) >= ask_rank(applied.ask_level), (
            f"{cid}: {applied.ask_level} at {VALUES[low]} but {later.ask_level} at {VALUES[high]}"
        )
        if applied.kind == "eis":
            assert later.kind == "eis", f"{cid}: eis at {VALUES[low]} became {later.kind} at {VALUES[high]}"


@given(profiles(), st.sampled_from([*VALUES, None]))
def test_award_criteria_only_above_the_eu_threshold(profile, value):
    advice = _advice(profile, value)
    awards = [c.id for c in advice.criteria if c.kind in ("gunningscriterium", "selectiecriterium")]
    if awards:
        assert advice.derived.size_band == "groot", (awards, advice.derived.size_band)


def test_every_eis_is_an_accessibility_baseline_and_every_criterion_is_acc_all():
    for c in PACK.criteria:
        assert "acc-all" in c.eforms.bt_775, c.id
        kinds = {v.kind for v in c.variants}
        if "eis" in kinds:
            assert kinds == {"eis"}, f"{c.id}: an eis never scales into another kind"
            assert c.eforms.accessibility, f"{c.id}: an accessibility eis sets eforms.accessibility"


def test_every_contract_obligation_has_a_monitoring_indicator():
    missing = [f"{c.id}[{i}]" for c in PACK.criteria for i, v in enumerate(c.variants) if v.monitoring is None]
    assert not missing, missing


@pytest.mark.parametrize("criterion", [c.id for c in PACK.criteria])
def test_award_scales_are_concrete_and_light(criterion):
    c = next(x for x in PACK.criteria if x.id == criterion)
    for v in c.variants:
        if v.kind == "gunningscriterium":
            assert len(v.scoring) >= 3, criterion
            assert v.weight <= 10, criterion
            assert v.max_pages <= 2, criterion
            assert v.submission is not None and v.submission.en, criterion


def test_ids_are_prefixed_and_every_criterion_is_a_concept():
    for c in PACK.criteria:
        assert c.id.startswith("toe-"), c.id
        assert c.status == "concept", c.id


def test_no_text_asks_for_special_category_data():
    check_pack_texts(PACKS)


def test_every_reader_facing_text_has_english():
    check_english_texts(pack_set_from_files([PACK_FILE]).packs[0])


def test_a_coffee_machine_supply_gets_only_the_machine_requirement():
    advice = _advice(
        {
            "title": "Koffieautomaten",
            "procurement_kind": "leveringen",
            "publication_date": "2026-06-01",
            "cpv_codes": ["42968100"],
            "used_by": "medewerkers",
            "result": {"physical": True, "digital": False, "event_or_venue": False, "communication": False},
        },
        400_000,
    )
    assert [c.id for c in advice.criteria] == ["toe-fysiek-automaat"]
