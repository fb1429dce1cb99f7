"""Render an advice as a Word document (.docx): python-docx on a reference document.

The reference document (python-docx's own, or a municipality's house template given with
``template=``) supplies page setup, fonts, headers and footers; this module only adds paragraphs
in named styles (headings, list, table and character styles), so the house style applies as it is.
The file is reproducible byte for byte: its dates come from the advice, never from the clock.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Twips
from docx.text.paragraph import Paragraph

from ..advice import Advice
from ..errors import InputError, Problem
from ..plugins import PackSet
from .amendment import build_amendment, is_amendment, write_amendment_docx
from .plain import check_text, text_blocks
from .sections import DraftDocument, Item, Section, build_document
from .templating import DocumentTemplates, document_templates, pages_text

__all__ = ["DocxTemplateError", "render_docx", "reproducible_zip", "write_docx"]

LANGUAGE_TAGS = {"nl": "nl-NL", "en": "en-GB"}
# Word refuses core properties longer than this.
MAX_PROPERTY_LENGTH = 255
# Zip entries need some timestamp; without a date in the advice, the zip format's own epoch.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_STRONG, _EMPHASIS = "Strong", "Emphasis"
_REQUIRED_STYLES = ("Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "List Number", "Table Grid")


class DocxTemplateError(InputError):
    """The house template given with --template cannot be used (not a .docx file)."""

    kind = "Word template"


def render_docx(
    advice: Advice,
    *,
    lang: str = "nl",
    packs: PackSet | None = None,
    templates: Mapping[str, str] | None = None,
    template: str | Path | None = None,
) -> bytes:
    """The advice as a .docx file's bytes; headings and intros follow the same template overrides as Markdown.

    `template` is a .docx house template whose styles, page setup, headers and footers are used; its
    body text is replaced by the advice.
    """
    compiled = DocumentTemplates(document_templates(packs, templates))
    document = _open_reference(template)
    if is_amendment(advice):  # a running contract: a proposal to supplement it, not tender sections
        draft = write_amendment_docx(document, build_amendment(advice, lang))
    else:
        draft = write_docx(document, build_document(advice, lang, compiled))
    moment = _advice_date(advice)
    _set_properties(draft, advice, lang, moment)
    buffer = io.BytesIO()
    draft.save(buffer)
    return reproducible_zip(buffer.getvalue(), moment)


def _open_reference(template: str | Path | None) -> WordDocument:
    if template is None:
        document = docx.Document()
        section = document.sections[0]
        section.page_width, section.page_height = Twips(11906), Twips(16838)  # A4
        section.top_margin = section.bottom_margin = Mm(25)
        section.left_margin = section.right_margin = Mm(25)
        section.header_distance = section.footer_distance = Mm(12.5)
        return document
    try:
        document = docx.Document(str(template))
    except Exception as exc:  # python-docx raises several kinds for a file that is not a Word document
        raise DocxTemplateError(str(template), [Problem("$", f"cannot open as a Word .docx template: {exc}")]) from None
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


def write_docx(document: WordDocument, doc: DraftDocument) -> WordDocument:
    """Append the drafted sections to a python-docx Document (e.g. one opened from a house template)."""
    check_text(doc.title, "document title")
    _ensure_styles(document)
    _set_language(document, LANGUAGE_TAGS.get(doc.lang, doc.lang))
    writer = _Writer(document)
    document.core_properties.title = _within_limit(doc.title)
    writer.paragraph(doc.title, "Title")
    for section in doc.sections:
        if section.items:  # an empty section says nothing a tender document needs
            _section(writer, section, doc)
    _annex(writer, doc)
    return document


# --- document setup --------------------------------------------------------------------------------


def _ensure_styles(document: WordDocument) -> None:
    """Copy the styles this renderer uses from python-docx's reference document when a template lacks them."""
    names = {s.name for s in document.styles}
    missing = [n for n in (*_REQUIRED_STYLES, _STRONG, _EMPHASIS) if n not in names]
    if not missing:
        return
    reference = docx.Document().styles
    for name in missing:
        element = copy.deepcopy(reference[name].element)
        for numbering in element.findall(".//" + qn("w:numPr")):
            numbering.getparent().remove(numbering)
        document.styles.element.append(element)


def _set_language(document: WordDocument, tag: str) -> None:
    """The proofing language on the document defaults and on every style, so spell-check uses the right one."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = _child(_child(defaults, "w:rPrDefault"), "w:rPr")
    targets = [run_defaults]
    for style in document.styles:
        if style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER, WD_STYLE_TYPE.TABLE):
            targets.append(style.element.get_or_add_rPr())
    for rpr in targets:
        lang = _child(rpr, "w:lang")
        for attribute in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(attribute), tag)


def _child(parent, tag: str):  # type: ignore[no-untyped-def]
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def _advice_date(advice: Advice) -> dt.datetime | None:
    """The date the document is about: the planned publication date of the tender, when the profile has one."""
    value = advice.profile.get("publication_date")
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return None
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    return None


def _set_properties(document: WordDocument, advice: Advice, lang: str, moment: dt.datetime | None) -> None:
    """Title, subject, creator and dates from the advice; nothing from python-docx's reference document."""
    props = document.core_properties
    props.subject = "Inclusive procurement criteria" if lang == "en" else "Inclusiecriteria voor de aanbesteding"
    props.author = props.last_modified_by = advice.provenance.library
    props.comments = props.keywords = props.category = props.content_status = props.identifier = ""
    props.language = LANGUAGE_TAGS.get(lang, lang)
    props.revision = 1
    props.version = advice.provenance.library_version
    core = props._element
    for tag in ("dcterms:created", "dcterms:modified", "cp:lastPrinted"):
        element = core.find(qn(tag))
        if element is not None:
            core.remove(element)
    if moment is not None:
        props.created = props.modified = moment.replace(tzinfo=None)


def _within_limit(text: str) -> str:
    return text if len(text) <= MAX_PROPERTY_LENGTH else text[: MAX_PROPERTY_LENGTH - 1].rstrip() + "…"


def reproducible_zip(data: bytes, moment: dt.datetime | None) -> bytes:
    """The same .docx with every zip entry dated `moment` (or 1980-01-01), so equal input gives equal bytes."""
    # A zip entry cannot be dated before 1980 (a profile may carry an old date).
    stamp = max(moment.timetuple()[:6], _ZIP_EPOCH) if moment else _ZIP_EPOCH
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


# --- writing ---------------------------------------------------------------------------------------


class _Writer:
    """Adds styled paragraphs, lists and tables; every text passes the docx-safe check on the way."""

    def __init__(self, document: WordDocument) -> None:
        self.document = document
        self._abstract: dict[str, int] = {}

    def paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        return self.document.add_paragraph(check_text(text, "document text"), style=style)

    def heading(self, text: str, level: int, *, new_page: bool = False) -> Paragraph:
        paragraph = self.paragraph(text, f"Heading {level}")
        paragraph.paragraph_format.keep_with_next = True
        if new_page:
            paragraph.paragraph_format.page_break_before = True
        return paragraph

    def labelled(self, name: str, text: str, *, emphasis: bool = False) -> Paragraph:
        """'Name: text' with the name in the Strong character style (or the whole line in Emphasis)."""
        paragraph = self.paragraph()
        paragraph.add_run(check_text(f"{name}: ", "document text"), _EMPHASIS if emphasis else _STRONG)
        paragraph.add_run(check_text(text, "document text"), _EMPHASIS if emphasis else None)
        return paragraph

    def blocks(self, text: str) -> None:
        """Plain text with '- ' and '1. ' lines as paragraphs and real Word lists."""
        list_id: int | None = None
        previous = None
        for kind, content in text_blocks(text):
            if kind == "paragraph":
                self.paragraph(content)
            else:
                if kind != previous:
                    list_id = self._new_list(kind)
                paragraph = self.paragraph(content, "List Bullet" if kind == "bullet" else "List Number")
                _number(paragraph, list_id)  # type: ignore[arg-type]
            previous = kind

    def bullets(self, lines: Sequence[str | tuple[str, str]]) -> list[Paragraph]:
        list_id = self._new_list("bullet")
        paragraphs = []
        for line in lines:
            if isinstance(line, tuple):
                paragraph = self.paragraph(style="List Bullet")
                paragraph.add_run(check_text(f"{line[0]}: ", "document text"), _STRONG)
                paragraph.add_run(check_text(line[1], "document text"))
            else:
                paragraph = self.paragraph(line, "List Bullet")
            _number(paragraph, list_id)
            paragraphs.append(paragraph)
        return paragraphs

    def _new_list(self, kind: str) -> int:
        """A numbering instance of its own, so every numbered list starts at 1."""
        numbering = self.document.part.numbering_part.element
        if kind not in self._abstract:
            abstract_id = (
                max((int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))), default=-1) + 1
            )
            numbering.insert(0, _abstract_numbering(abstract_id, kind))
            self._abstract[kind] = abstract_id
        num_id = max((int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))), default=0) + 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(num_id))
        abstract = OxmlElement("w:abstractNumId")
        abstract.set(qn("w:val"), str(self._abstract[kind]))
        num.append(abstract)
        numbering.append(num)
        return num_id

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]], *, numeric: Sequence[int] = ()) -> None:
        """A table in the Table Grid style: columns as wide as their content, the header row repeated per page."""
        table = self.document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.autofit = False
        header = table.rows[0]
        _repeat_header(header)
        for cell, text in zip(header.cells, headers, strict=True):
            cell.paragraphs[0].add_run(check_text(text, "document text"), _STRONG)
        for row in rows:
            added = table.add_row()
            added._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a row is read whole, on one page
            for cell, value in zip(added.cells, row, strict=True):
                cell.paragraphs[0].add_run(check_text(value, "document text"))
        widths = _column_widths(headers, rows, self._text_width())
        grid = table._tbl.tblGrid
        for column, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
            column.set(qn("w:w"), str(width))
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Twips(width)
        for index in numeric:
            for row in table.rows:
                row.cells[index].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self.paragraph()

    def _text_width(self) -> int:
        section = self.document.sections[-1]
        width = (section.page_width or Mm(210)) - (section.left_margin or 0) - (section.right_margin or 0)
        return int(width / 635)  # EMU to twips


def _abstract_numbering(abstract_id: int, kind: str):  # type: ignore[no-untyped-def]
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(abstract_id))
    multi = OxmlElement("w:multiLevelType")
    multi.set(qn("w:val"), "singleLevel")
    abstract.append(multi)
    level = OxmlElement("w:lvl")
    level.set(qn("w:ilvl"), "0")
    for tag, value in (
        ("w:start", "1"),
        ("w:numFmt", "bullet" if kind == "bullet" else "decimal"),
        ("w:lvlText", "•" if kind == "bullet" else "%1."),
        ("w:lvlJc", "left"),
    ):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        level.append(element)
    ppr = OxmlElement("w:pPr")
    indent = OxmlElement("w:ind")
    indent.set(qn("w:left"), "360")
    indent.set(qn("w:hanging"), "360")
    ppr.append(indent)
    level.append(ppr)
    abstract.append(level)
    return abstract


def _number(paragraph: Paragraph, num_id: int) -> None:
    numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numbering.get_or_add_ilvl().val = 0
    numbering.get_or_add_numId().val = num_id


def _repeat_header(row) -> None:  # type: ignore[no-untyped-def]
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
    cant_split = OxmlElement("w:cantSplit")
    properties.append(cant_split)


def _column_widths(headers: Sequence[str], rows: Sequence[Sequence[str]], total: int) -> list[int]:
    """Widths in twips: each column gets at least its longest word, the rest in proportion to its text."""
    # twips per character: a bold header character, a wide and an average body character (10-11 pt); cell margins
    bold_char, word_char, text_char, padding = 165, 140, 105, 260
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in headers]
    minimum = [
        min(
            max(
                max((len(w) for w in header.split()), default=1) * bold_char,
                max((len(w) for value in column for w in value.split()), default=1) * word_char,
                3 * word_char,
            )
            + padding,
            total // 2,
        )
        for header, column in zip(headers, columns, strict=True)
    ]
    longest_text = [
        max((len(v) for v in (header, *column)), default=1) for header, column in zip(headers, columns, strict=True)
    ]
    wish = [max(m, min(text * text_char + padding, total)) for m, text in zip(minimum, longest_text, strict=True)]
    if sum(wish) <= total:
        return wish
    spare = total - sum(minimum)
    extra = [w - m for w, m in zip(wish, minimum, strict=True)]
    if spare <= 0 or not sum(extra):
        scale = total / sum(minimum)
        return [int(m * scale) for m in minimum]
    return [m + int(spare * e / sum(extra)) for m, e in zip(minimum, extra, strict=True)]


# --- the sections ----------------------------------------------------------------------------------


def _section(writer: _Writer, section: Section, doc: DraftDocument) -> None:
    t = doc.t
    writer.heading(section.heading, 1)
    if section.intro:
        writer.paragraph(section.intro)
    if section.key == "gunningscriteria":
        rows = [
            [i.number, i.title, i.theme, i.ask_level or "-", i.weight_text or "-", str(i.max_pages or "-")]
            for i in section.items
        ]
        rows.append(["", t["total_inclusion"], "", "", doc.inclusion_weight_text, ""])
        rows.append(["", t["rest_by_buyer"], "", "", "…", ""])
        writer.table(
            [t["number"], t["criterion"], t["theme"], t["ask"], t["weight"], t["max_pages"]], rows, numeric=(4, 5)
        )
    for item in section.items:
        _item(writer, item, doc)
    if section.key == "contractbepalingen":
        rows = [
            [i.number, i.monitoring.indicator, i.monitoring.frequency, i.monitoring.report_to]
            for i in section.items
            if i.monitoring
        ]
        if rows:
            writer.table([t["number"], t["indicator"], t["frequency"], t["report_to"]], rows)


def _item(writer: _Writer, item: Item, doc: DraftDocument) -> None:
    t = doc.t
    heading = f"{item.number} {item.title}" + (f" ({item.weight_text})" if item.weight_text else "")
    writer.heading(heading, 2)
    writer.blocks(item.text)
    if item.context_only:
        writer.paragraph().add_run(check_text(item.context_only, "document text"), _EMPHASIS)
    if item.submission:
        writer.labelled(t["submission"], item.submission)
    if item.max_pages:
        writer.labelled(t["size"], pages_text(item.max_pages, doc.lang))
    if item.scoring:
        writer.paragraph().add_run(f"{t['scoring']}:", _STRONG)
        writer.table(
            [t["score"], t["assessment"]], [[row.score, row.description] for row in item.scoring], numeric=(0,)
        )
    if item.verification:  # plan topics have no proof to ask for
        writer.labelled(t["verification"], item.verification)
    if item.monitoring:
        m = item.monitoring
        name = t["after_award"] if item.weight is not None else t["monitoring"]
        writer.labelled(name, f"{m.indicator} — {m.frequency}, {t['report_to'].lower()}: {m.report_to}")
    for choice in item.choices:
        writer.labelled(t["buyer_choice"], choice, emphasis=True)


def _annex(writer: _Writer, doc: DraftDocument) -> None:
    t, annex = doc.t, doc.annex
    writer.heading(annex.heading, 1, new_page=True)
    if annex.intro:
        writer.paragraph(annex.intro)
    writer.heading(t["basis"], 2)
    writer.table([t["fact"], t["value"]], [[name, value] for name, value in annex.facts])
    # What produced the advice belongs with its starting points, not on a last page of its own.
    writer.heading(t["provenance_heading"], 2)
    for paragraph in writer.bullets(list(annex.provenance))[:-1]:
        paragraph.paragraph_format.keep_with_next = True

    writer.heading(t["applied_heading"], 2)
    if not annex.applied:
        writer.paragraph(t["nothing"])
    for row in annex.applied:
        writer.heading(f"{row.number} {row.title} ({row.id})", 3)
        writer.bullets(
            [
                (t["theme"], f"{row.theme}; {row.kind.lower()}"),
                (t["why"], "; ".join(row.why) or "-"),
                *([(t["level"], row.level)] if row.level else []),
                (t["legal_basis"], "; ".join(row.legal_basis)),
                (t["rationale"], row.rationale),
                (t["status"], f"{row.status}; {t['pack'].lower()} {row.pack}"),
                *((t["attention"], note) for note in row.notes),
            ]
        )

    tables = (
        (t["not_applied_heading"], t["not_applied_intro"], [t["criterion"], t["theme"], t["reason"]],
         [[r.id, r.theme, r.reason] for r in annex.not_applied]),
        (t["optional_heading"], t["optional_intro"], [t["criterion"], t["theme"], t["reason"]],
         [[r.id, r.theme, r.reason] for r in annex.optional]),
        (t["undecided_heading"], t["undecided_intro"], [t["criterion"], t["waits_for"], t["reason"]],
         [[r.id, ", ".join(r.questions), r.reason] for r in annex.undecided]),
        (t["questions_heading"], "", [t["field"], t["question"], t["for_criteria"]],
         [[q.field, q.question, ", ".join(q.criteria)] for q in annex.questions]),
        (t["choices_heading"], "", [t["number"], t["criterion"], t["choice"], t["motivation"]],
         [[c.number, c.criterion, c.choice, c.motivation] for c in annex.choices]),
    )  # fmt: skip
    for heading, intro, headers, rows in tables:
        if heading == t["optional_heading"] and not rows:  # only when the total burden cut something
            continue
        writer.heading(heading, 2)
        if not rows:
            writer.paragraph(t["nothing"])
            continue
        if intro:
            writer.paragraph(intro)
        writer.table(headers, rows)

    if annex.notes:
        writer.heading(t["notes_heading"], 2)
        writer.bullets(list(annex.notes))
