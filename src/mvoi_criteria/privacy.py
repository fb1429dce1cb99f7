"""A scan of pack texts for demands of special-category personal data (GDPR art. 9).

The library must never ask a supplier to register or report individuals' ethnicity, religion, sexual
orientation, disability or health. A sentence is flagged when it names such a category together with
a verb of collecting or reporting, unless it also says the data are anonymous, aggregated, voluntary
or not collected at all. It is a safety net for reviewers, not a legal judgement.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from .packs import Criterion, Pack

__all__ = ["Finding", "scan_pack", "scan_text"]

_CATEGORY = re.compile(
    r"\b(etnisch\w*|etniciteit|afkomst|herkomst|migratieachtergrond|nationaliteit|huidskleur|ras|religie\w*|"
    r"geloof\w*|levensbeschouwing\w*|seksuele (geaardheid|oriëntatie)|gender(identiteit)?|handicap\w*|"
    r"beperking\w*|gezondheid\w*|ziekte\w*|diagnose\w*|ethnic\w*|religio\w*|sexual orientation|disabilit\w*|health)\b",
    re.IGNORECASE,
)
_COLLECT = re.compile(
    r"\b(registr\w*|rapport\w*|opgeven|opgave|vastleg\w*|leg\w* vast|verzamel\w*|uitvra\w*|vraag\w* uit|"
    r"verstrek\w*|aanlever\w*|lever\w* aan|overzicht|lijst|register\w*|report\w*|record\w*|collect(s|ed|ing)?|disclos\w*|list)\b",
    re.IGNORECASE,
)
_SAFE = re.compile(
    r"\b(geen|niet|nooit|zonder|weiger\w*|anoniem\w*|geaggregeerd\w*|vrijwillig\w*|"
    r"no|not|never|without|refus\w*|anonymous\w*|aggregated|voluntar\w*)\b",
    re.IGNORECASE,
)


@attrs.frozen
class Finding:
    criterion: str
    field: str
    sentence: str


def scan_text(text: str) -> list[str]:
    """Sentences of `text` that look like a demand for special-category data."""
    sentences = re.split(r"(?<=[.!?;])\s+", text)
    return [s for s in sentences if _CATEGORY.search(s) and _COLLECT.search(s) and not _SAFE.search(s)]


def _texts(criterion: Criterion) -> Iterator[tuple[str, str]]:
    for index, variant in enumerate(criterion.variants):
        where = "base" if index == 0 else f"scaling[{index - 1}]"
        for name in ("text", "submission", "verification"):
            value = getattr(variant, name)
            if value is not None:
                yield f"{where}.{name}", value.nl
                if value.en:
                    yield f"{where}.{name}.en", value.en
        if variant.monitoring is not None:
            yield f"{where}.monitoring", variant.monitoring.indicator.nl
            if variant.monitoring.indicator.en:
                yield f"{where}.monitoring.en", variant.monitoring.indicator.en
        for level in variant.scoring:
            yield f"{where}.scoring", level.nl
            if level.en:
                yield f"{where}.scoring.en", level.en


def scan_pack(pack: Pack) -> list[Finding]:
    return [
        Finding(criterion.id, field, sentence)
        for criterion in pack.criteria
        for field, text in _texts(criterion)
        for sentence in scan_text(text)
    ]
