"""Why a criterion applies, for the page: the library's own reasons, in the words the CLI prints.

One function, so that when the library words its reasons in plain Dutch (`mvoi_criteria.explain`),
the page changes in this one place.
"""

from __future__ import annotations

from ..advice import Advice

__all__ = ["reasons"]


def reasons(advice: Advice, criterion_id: str) -> list[str]:
    """The reasons and notes the advice records for one criterion (empty when it has none)."""
    trace = advice.trace_of(criterion_id)
    if trace is None:
        return []
    return [*trace.reasons, *trace.notes]
