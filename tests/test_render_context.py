"""Company-wide context questions are marked as not scored in every document format."""

from __future__ import annotations

import io

import docx

from mvoi_criteria import advise, render_docx, render_markdown

from .conftest import make_profile


def test_context_question_is_marked_in_markdown_and_word(test_packs):
    advice = advise(make_profile(estimated_value_eur=1_000_000), packs=test_packs)
    assert advice.criterion("t-rep-context") is not None
    markdown = render_markdown(advice)
    block = markdown.split("Diversiteitsbeleid van het bedrijf", 1)[1].split("###", 1)[0]
    assert "*Ter informatie over het bedrijf als geheel: telt niet mee in de beoordeling" in block
    word = docx.Document(io.BytesIO(render_docx(advice)))
    texts = [p.text for p in word.paragraphs]
    at = next(i for i, text in enumerate(texts) if "Diversiteitsbeleid van het bedrijf" in text)
    assert texts[at + 2].startswith("Ter informatie over het bedrijf als geheel")


def test_contract_criteria_carry_no_context_mark(test_packs):
    advice = advise(make_profile(estimated_value_eur=1_000_000), packs=test_packs)
    block = render_markdown(advice).split("Selectie op kwaliteit", 1)[1].split("###", 1)[0]
    assert "Ter informatie" not in block
