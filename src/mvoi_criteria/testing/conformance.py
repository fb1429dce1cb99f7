"""Checks every pack must pass, for pack authors' own test suites.

    from hypothesis import given
    from mvoi_criteria.testing.conformance import check_monotone_in_value, check_pack_texts
    from mvoi_criteria.testing.strategies import complete_profile_dicts

Each function raises AssertionError with a readable message naming the pack and criterion.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..advice import advice_to_json
from ..engine import advise
from ..model import ask_rank
from ..packs import Pack
from ..plugins import PackSet
from ..privacy import scan_pack
from ..profile import TenderProfile, profile_from_dict
from ..themes import themes_of

__all__ = ["check_deterministic", "check_monotone_in_value", "check_pack_texts", "profile_for"]


def profile_for(packs: PackSet, data: dict[str, Any]) -> TenderProfile:
    """The profile judged against these packs alone: ambitions for themes they do not serve are left out
    (advising with them would be an error: the profile names a theme that is not in use)."""
    themes = {t.id for t in themes_of(packs.packs)}
    ambition = {k: v for k, v in (data.get("ambition") or {}).items() if k in themes}
    return profile_from_dict({**data, "ambition": ambition} if "ambition" in data else data)


def check_pack_texts(packs: PackSet) -> None:
    """No text asks for special-category personal data (GDPR art. 9)."""
    findings = [f"{p.id}/{f.criterion} {f.field}: {f.sentence}" for p in packs.packs for f in scan_pack(p)]
    assert not findings, "texts that may ask for special-category data:\n" + "\n".join(findings)


def check_monotone_in_value(packs: PackSet, profile: dict[str, Any], factor: float) -> None:
    """Raising the value (all else equal) never lowers a theme's ask level nor removes an eis."""
    value = profile["estimated_value_eur"]
    low = advise(profile_for(packs, profile), packs=packs)
    high = advise(profile_for(packs, {**profile, "estimated_value_eur": value * factor + 1}), packs=packs)
    for before, after in zip(low.themes, high.themes, strict=True):
        assert ask_rank(after.ask_level) >= ask_rank(before.ask_level), (
            f"theme {before.theme}: ask level {before.ask_level} at {value} fell to {after.ask_level} at a higher value"
        )
    lost = {c.id for c in low.criteria if c.kind == "eis"} - {c.id for c in high.criteria if c.kind == "eis"}
    assert not lost, f"eisen lost when the value rose from {value}: {sorted(lost)}"


def check_deterministic(packs: PackSet, profile: dict[str, Any]) -> None:
    """The same profile and packs give byte-identical advice."""
    first = advice_to_json(advise(profile_for(packs, profile), packs=packs))
    assert first == advice_to_json(advise(profile_for(packs, profile), packs=packs)), "advice differs between runs"


def check_english_texts(pack: Pack) -> None:
    """Every reader-facing text has an English rendering (for packs that promise one)."""
    missing = []
    for criterion in pack.criteria:
        for name in ("title", "rationale"):
            if getattr(criterion, name).en is None:
                missing.append(f"{criterion.id}.{name}")
        for index, variant in enumerate(criterion.variants):
            where = criterion.id if index == 0 else f"{criterion.id}.scaling[{index - 1}]"
            texts = {"text": variant.text, "submission": variant.submission, "verification": variant.verification}
            missing += [f"{where}.{name}" for name, text in texts.items() if text is not None and text.en is None]
            missing += [f"{where}.scoring[{level.score:g}]" for level in variant.scoring if level.en is None]
            if variant.monitoring is not None and variant.monitoring.indicator.en is None:
                missing.append(f"{where}.monitoring")
    assert not missing, f"pack {pack.id}: texts without English: {', '.join(missing)}"


def check_unknowns_never_flip(packs: PackSet, complete: dict[str, Any], unknown: Iterable[str]) -> None:
    """Unknown fields lead to undecided, never to applied: what is decided with `unknown` left out stays
    decided the same way once the buyer fills them in. Checked with inference off: an assumption drawn
    from a word or a code may rightly be overruled by the buyer's answer."""
    unknown = set(unknown)
    partial = {k: v for k, v in complete.items() if k not in unknown}
    before = {t.criterion: t.outcome for t in advise(profile_for(packs, partial), packs=packs, infer_facts=False).trace}
    after = {t.criterion: t.outcome for t in advise(profile_for(packs, complete), packs=packs, infer_facts=False).trace}
    flipped = [f"{c}: {o} -> {after[c]}" for c, o in before.items() if o != "undecided" and after[c] != o]
    assert not flipped, f"outcomes changed when {sorted(unknown)} were filled in: {flipped}"
