"""The bundled example profiles are valid and their advice is valid JSON against the schema."""

from __future__ import annotations

import json

import pytest

from mvoi_criteria import advice_to_json, advise, load_profile
from mvoi_criteria.validation import schema_problems

from .conftest import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_advice_is_valid_and_traces_every_installed_criterion(path):
    advice = advise(load_profile(path))
    data = json.loads(advice_to_json(advice))
    assert schema_problems("advice", data) == []
    assert len(advice.trace) == sum(p.criteria for p in advice.provenance.packs)


def test_the_unknown_example_asks_for_the_value_only():
    advice = advise(load_profile(ROOT / "examples" / "jeugdhulp-onbekend.yaml"))
    asked = {q.field for q in advice.questions}
    assert advice.derived.size_band is None
    assert "estimated_value_eur" in asked
    # social services have one threshold in every period, so the date does not matter for the size
    assert "publication_date" not in asked


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_drafts_word_markdown_and_valid_eforms(path):
    import io

    import docx

    from mvoi_criteria import EformsError, export_eforms, render_docx, render_markdown, validate_eforms

    advice = advise(load_profile(path))
    kinds = {c.kind for c in advice.criteria}
    sections = [
        heading
        for heading, kind in (
            ("Eisen (programma van eisen)", "eis"),
            ("Gunningscriteria", "gunningscriterium"),
            ("Contractbepalingen", "contractbepaling"),
        )
        if kind in kinds
    ] + ["Bijlage: Verantwoording"]
    if advice.profile.get("situation") == "bestaand_contract":  # a running contract gets an amendment proposal
        sections = ["Voorgestelde afspraken", "Mag dit contract zo worden gewijzigd?", "Vraag over de prijs"]
    markdown = render_markdown(advice)
    assert all(f"\n## {s}\n" in markdown for s in sections)
    word = docx.Document(io.BytesIO(render_docx(advice)))
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert all(s in headings for s in sections)
    if advice.profile.get("situation") == "bestaand_contract":  # a running contract gets no notice
        with pytest.raises(EformsError, match="running contract"):
            export_eforms(advice)
        return
    price = 100 - sum(c.weight or 0 for c in advice.criteria if c.kind == "gunningscriterium")
    assert validate_eforms(export_eforms(advice, price_weight=price)) == []
