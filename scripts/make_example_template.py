"""Build examples/gemeente-sjabloon.docx: an example municipal house template for `draft --template`.

It shows what a template supplies: A4 with the municipality's margins, its fonts and heading colours,
a header with the sender and a footer with the page number. Run from the repository root:

    python scripts/make_example_template.py

The file is reproducible (fixed dates), so rebuilding it gives no spurious diff.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor, Twips

from mvoi_criteria.render.word import reproducible_zip

OUTPUT = Path(__file__).resolve().parents[1] / "examples" / "gemeente-sjabloon.docx"
RED = RGBColor(0xEC, 0x00, 0x00)
FIXED = dt.datetime(2026, 1, 1)


def _page_number(paragraph) -> None:  # type: ignore[no-untyped-def]
    """A PAGE field, which Word and LibreOffice fill in on every page."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def build() -> bytes:
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Twips(11906), Twips(16838)  # A4
    section.top_margin, section.bottom_margin = Mm(30), Mm(25)
    section.left_margin, section.right_margin = Mm(30), Mm(20)

    styles = document.styles
    styles["Normal"].font.name = "Arial"
    styles["Normal"].font.size = Pt(10)
    for name, size in (("Title", 20), ("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 10)):
        styles[name].font.name = "Arial"
        styles[name].font.size = Pt(size)
        styles[name].font.color.rgb = RED

    header = section.header.paragraphs[0]
    header.text = "Gemeente Amsterdam — Inkoop"
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.text = "Aanbestedingsdocument — pagina "
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(footer)

    document.add_paragraph("Deze tekst vervangt mvoi-criteria door het advies; stijlen, kop- en voettekst blijven.")
    props = document.core_properties
    props.title, props.author, props.last_modified_by = (
        "Huisstijlsjabloon (voorbeeld)",
        "mvoi-criteria",
        "mvoi-criteria",
    )
    props.comments = ""
    props.created = props.modified = FIXED
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible_zip(buffer.getvalue(), FIXED)


if __name__ == "__main__":
    OUTPUT.write_bytes(build())
    print(f"written: {OUTPUT}")
