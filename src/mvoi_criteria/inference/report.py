"""The assumptions of an advice in the text and Markdown summaries (Dutch, no field names)."""

from __future__ import annotations

from collections.abc import Sequence

from .infer import Assumption

__all__ = ["assumption_lines"]


def assumption_lines(assumptions: Sequence[Assumption], *, markdown: bool = False) -> list[str]:
    """Each assumption as the question that confirms it, with where it came from; empty when none."""
    if not assumptions:
        return []
    intro = "Deze gegevens zijn aangenomen uit de titel, de omschrijving of de CPV-codes. Bevestig of corrigeer ze:"
    if markdown:
        return ["## Aannames", "", intro, "", *(f"- {a.question} *(bron: {a.source})*" for a in assumptions), ""]
    return ["Aannames (bevestig of corrigeer):", *(f"  ~ {a.question} (bron: {a.source})" for a in assumptions), ""]
