"""Render an advice as a Word document (.docx) with python-docx, from the same sections as Markdown.

Headings use Word's built-in heading styles and tables the "Table Grid" style, so a buyer can
paste them into the municipal templates and keep the templates' own numbering and styling.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

import docx
from docx.document import Document as WordDocument

from ..advice import Advice
from ..plugins import PackSet
from .amendment import is_amendment, render_amendment_docx
from .sections import DraftDocument, Item, Section, build_document
from .templating import DocumentTemplates, document_templates

__all__ = ["render_docx", "write_docx"]

_LANGUAGE_TAG = {"nl": "nl-NL", "en": "en-GB"}


def render_docx(
    advice: Advice,
    *,
    lang: str = "nl",
    packs: PackSet | None = None,
    templates: Mapping[str, str] | None = None,
) -> bytes:
    """The advice as a .docx file's bytes; headings and intros follow the same template overrides as Markdown."""
    if is_amendment(advice):  # a running contract: a proposal to supplement it, not tender sections
        return render_amendment_docx(advice, lang=lang)
    compiled = DocumentTemplates(document_templates(packs, templates))
    draft = write_docx(docx.Document(), build_document(advice, lang, compiled))
    buffer = io.BytesIO()
    draft.save(buffer)
    return buffer.getvalue()


def write_docx(document: WordDocument, doc: DraftDocument) -> WordDocument:
    """Append the drafted sections to a python-docx Document (e.g. one opened from a house template)."""
    document.core_properties.title = doc.title
    document.core_properties.language = _LANGUAGE_TAG.get(doc.lang, doc.lang)
    document.add_heading(doc.title, level=0)
    for section in doc.sections:
        _section(document, section, doc)
    _annex(document, doc)
    return document


def _labelled(document: WordDocument, name: str, text: str, *, italic: bool = False) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(f"{name}: ")
    run.bold = not italic
    run.italic = italic
    paragraph.add_run(text).italic = italic


def _table(document: WordDocument, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(header).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    document.add_paragraph()


def _section(document: WordDocument, section: Section, doc: DraftDocument) -> None:
    t = doc.t
    document.add_heading(section.heading, level=1)
    if section.intro:
        document.add_paragraph(section.intro)
    if not section.items:
        document.add_paragraph(section.empty)
        return
    if section.key == "gunningscriteria":
        rows = [
            [i.number, i.title, i.theme, i.ask_level or "-", i.weight_text or "-", str(i.max_pages or "-")]
            for i in section.items
        ]
        rows.append(["", t["total_inclusion"], "", "", doc.inclusion_weight_text, ""])
        rows.append(["", t["rest_by_buyer"], "", "", "…", ""])
        _table(document, [t["number"], t["criterion"], t["theme"], t["ask"], t["weight"], t["max_pages"]], rows)
    for item in section.items:
        _item(document, item, doc)
    if section.key == "contractbepalingen":
        rows = [
            [i.number, i.monitoring.indicator, i.monitoring.frequency, i.monitoring.report_to]
            for i in section.items
            if i.monitoring
        ]
        if rows:
            _table(document, [t["number"], t["indicator"], t["frequency"], t["report_to"]], rows)


def _item(document: WordDocument, item: Item, doc: DraftDocument) -> None:
    t = doc.t
    heading = f"{item.number} {item.title}" + (f" ({item.weight_text})" if item.weight_text else "")
    document.add_heading(heading, level=2)
    document.add_paragraph(item.text)
    if item.context_only:
        document.add_paragraph(item.context_only).runs[0].italic = True
    if item.submission:
        _labelled(document, t["submission"], item.submission)
    if item.max_pages:
        _labelled(document, t["size"], t["pages"].format(n=item.max_pages))
    if item.scoring:
        document.add_paragraph().add_run(f"{t['scoring']}:").bold = True
        _table(document, [t["score"], t["assessment"]], [[row.score, row.description] for row in item.scoring])
    if item.verification:  # information questions and plan topics have no proof to ask for
        _labelled(document, t["verification"], item.verification)
    if item.monitoring:
        m = item.monitoring
        name = t["after_award"] if item.weight is not None else t["monitoring"]
        _labelled(document, name, f"{m.indicator} — {m.frequency}, {t['report_to'].lower()}: {m.report_to}")
    for choice in item.choices:
        _labelled(document, t["buyer_choice"], choice, italic=True)


def _annex(document: WordDocument, doc: DraftDocument) -> None:
    t, annex = doc.t, doc.annex
    document.add_page_break()
    document.add_heading(annex.heading, level=1)
    if annex.intro:
        document.add_paragraph(annex.intro)
    document.add_heading(t["basis"], level=2)
    _table(document, [t["fact"], t["value"]], [[name, value] for name, value in annex.facts])

    document.add_heading(t["applied_heading"], level=2)
    if not annex.applied:
        document.add_paragraph(t["nothing"])
    for row in annex.applied:
        document.add_heading(f"{row.number} {row.title} ({row.id})", level=3)
        lines = [
            (t["theme"], f"{row.theme}; {row.kind.lower()}"),
            (t["why"], "; ".join(row.why) or "-"),
            *([(t["level"], row.level)] if row.level else []),
            (t["legal_basis"], "; ".join(row.legal_basis)),
            (t["rationale"], row.rationale),
            (t["status"], f"{row.status}; {t['pack'].lower()} {row.pack}"),
            *((t["attention"], note) for note in row.notes),
        ]
        for name, text in lines:
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(f"{name}: ").bold = True
            paragraph.add_run(text)

    document.add_heading(t["not_applied_heading"], level=2)
    if annex.not_applied:
        document.add_paragraph(t["not_applied_intro"])
        _table(
            document, [t["criterion"], t["theme"], t["reason"]], [[r.id, r.theme, r.reason] for r in annex.not_applied]
        )
    else:
        document.add_paragraph(t["nothing"])

    if annex.optional:
        document.add_heading(t["optional_heading"], level=2)
        document.add_paragraph(t["optional_intro"])
        _table(document, [t["criterion"], t["theme"], t["reason"]], [[r.id, r.theme, r.reason] for r in annex.optional])

    document.add_heading(t["undecided_heading"], level=2)
    if annex.undecided:
        document.add_paragraph(t["undecided_intro"])
        _table(
            document,
            [t["criterion"], t["waits_for"], t["reason"]],
            [[r.id, ", ".join(r.questions), r.reason] for r in annex.undecided],
        )
    else:
        document.add_paragraph(t["nothing"])

    document.add_heading(t["questions_heading"], level=2)
    if annex.questions:
        _table(
            document,
            [t["field"], t["question"], t["for_criteria"]],
            [[q.field, q.question, ", ".join(q.criteria)] for q in annex.questions],
        )
    else:
        document.add_paragraph(t["nothing"])

    document.add_heading(t["choices_heading"], level=2)
    if annex.choices:
        _table(
            document,
            [t["number"], t["criterion"], t["choice"], t["motivation"]],
            [[c.number, c.criterion, c.choice, c.motivation] for c in annex.choices],
        )
    else:
        document.add_paragraph(t["nothing"])

    if annex.notes:
        document.add_heading(t["notes_heading"], level=2)
        for note in annex.notes:
            document.add_paragraph(note, style="List Bullet")

    document.add_heading(t["provenance_heading"], level=2)
    for line in annex.provenance:
        document.add_paragraph(line, style="List Bullet")
