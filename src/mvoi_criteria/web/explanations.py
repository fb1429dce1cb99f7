"""Why a criterion applies, for the page: in plain Dutch once the library can say it.

One module, so that the page changes in one place. When `mvoi_criteria.explain` is installed (the
explanation records of the engine), its sentences are used. Until then the page shows the trace's
own reasons, the notation `mvoi-criteria advise` prints, marked as English for screen readers.
"""

from __future__ import annotations

from typing import Any

from ..advice import Advice

try:  # pragma: no cover - which branch runs depends on the library version
    from .. import explain as _explain
except ImportError:  # pragma: no cover
    _explain: Any = None

__all__ = ["REASONS_LANG", "reasons"]

_PLAIN = _explain is not None and all(
    hasattr(_explain, name) for name in ("context_of", "explain_why", "explain_level", "explain_attention")
)
REASONS_LANG = "nl" if _PLAIN else "en"


def reasons(advice: Advice, criterion_id: str) -> list[str]:
    """The reasons and points of attention for one criterion (empty when the trace has none)."""
    trace = advice.trace_of(criterion_id)
    if trace is None:
        return []
    if _PLAIN:
        context = _explain.context_of(advice)
        level = _explain.explain_level(trace, "nl", context)
        return [
            *_explain.explain_why(trace, "nl", context),
            *([level] if level else []),
            *_explain.explain_attention(trace, "nl", context),
        ]
    return [*trace.reasons, *trace.notes]
