"""Render an advice as Markdown tender-document sections, through the (overridable) Jinja templates."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..advice import Advice
from ..plugins import PackSet
from .amendment import is_amendment, render_amendment_markdown
from .plain import check_text
from .sections import build_document
from .templating import DocumentTemplates, document_templates

__all__ = ["render_markdown"]


def render_markdown(
    advice: Advice,
    *,
    lang: str = "nl",
    packs: PackSet | None = None,
    templates: Mapping[str, str] | None = None,
) -> str:
    """The advice as Markdown: Eisen, Selectiecriteria (if any), Gunningscriteria, Contractbepalingen and the
    annex Verantwoording.

    `packs` supplies the plugins whose ``mvoi_criteria_document_templates`` hook may override templates
    (default: the installed packs); `templates` overrides last, for tools that register no plugin.
    """
    if is_amendment(advice):  # a running contract: a proposal to supplement it, not tender sections
        return render_amendment_markdown(advice, lang=lang)
    compiled = DocumentTemplates(document_templates(packs, templates))
    doc = build_document(advice, lang, compiled)
    text = compiled.render("document.md.j2", doc=doc, t=doc.t, lang=lang)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return check_text(re.sub(r"\n{3,}", "\n\n", text).strip() + "\n", "Markdown document")
