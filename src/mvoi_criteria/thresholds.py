"""EU procurement thresholds as dated data, chosen by the tender's publication date."""

from __future__ import annotations

import datetime as dt

import attrs

__all__ = ["THRESHOLD_TABLE", "THRESHOLD_TABLE_ID", "ThresholdPeriod", "periods_for"]


@attrs.frozen
class ThresholdPeriod:
    """EU thresholds (EUR excl. VAT) for sub-central authorities, valid from `start` to `end` inclusive."""

    label: str
    start: dt.date
    end: dt.date
    works: int
    supplies_services: int
    social_services: int
    source: str

    def threshold(self, kind: str, social_services: bool) -> int:
        if kind == "werken":
            return self.works
        return self.social_services if social_services else self.supplies_services


THRESHOLD_TABLE_ID = "eu-2014-24-sub-central-2024-2027"

THRESHOLD_TABLE: tuple[ThresholdPeriod, ...] = (
    ThresholdPeriod(
        "2024-2025",
        dt.date(2024, 1, 1),
        dt.date(2025, 12, 31),
        5_538_000,
        221_000,
        750_000,
        "Delegated Regulation (EU) 2023/2495",
    ),
    ThresholdPeriod(
        "2026-2027",
        dt.date(2026, 1, 1),
        dt.date(2027, 12, 31),
        5_404_000,
        216_000,
        750_000,
        "Delegated Regulation (EU) 2025/2152",
    ),
)


def periods_for(publication_date: dt.date | None) -> tuple[tuple[ThresholdPeriod, ...], str | None]:
    """The periods that may apply, and a note when the table had to be stretched.

    An unknown date gives every period, so a decision is only taken when all periods agree.
    A date outside the table takes the nearest period and says so.
    """
    if publication_date is None:
        return THRESHOLD_TABLE, None
    for period in THRESHOLD_TABLE:
        if period.start <= publication_date <= period.end:
            return (period,), None
    nearest = THRESHOLD_TABLE[0] if publication_date < THRESHOLD_TABLE[0].start else THRESHOLD_TABLE[-1]
    note = (
        f"The threshold table has no period for {publication_date.isoformat()}; the {nearest.label} values were "
        "used. Check the thresholds in force on the publication date."
    )
    return (nearest,), note
