"""Company-wide context questions (informatievragen) stand in their own section, never under Eisen."""

from __future__ import annotations

import io

import docx

from mvoi_criteria import advise, render_docx, render_markdown

from .conftest import make_profile


def test_context_question_has_its_own_section_in_markdown_and_word(test_packs):
    advice = advise(make_profile(estimated_value_eur=1_000_000), packs=test_packs)
    assert advice.criterion("t-rep-context") is not None
    markdown = render_markdown(advice)
    eisen = markdown.split("## Eisen", 1)[1].split("\n## ", 1)[0] if "## Eisen" in markdown else ""  # empty: left out
    assert "Diversiteitsbeleid van het bedrijf" not in eisen
    section = markdown.split("## Informatievragen", 1)[1].split("\n## ", 1)[0]
    assert "Diversiteitsbeleid van het bedrijf" in section
    assert "nooit een reden om een inschrijving af te wijzen" in section
    word = docx.Document(io.BytesIO(render_docx(advice)))
    texts = [p.text for p in word.paragraphs]
    heading = texts.index("Informatievragen (alleen ter informatie)")
    assert heading < next(i for i, text in enumerate(texts) if "Diversiteitsbeleid van het bedrijf" in text)


def test_contract_criteria_carry_no_context_mark(test_packs):
    advice = advise(make_profile(estimated_value_eur=1_000_000), packs=test_packs)
    block = render_markdown(advice).split("Selectie op kwaliteit", 1)[1].split("###", 1)[0]
    assert "Ter informatie" not in block
