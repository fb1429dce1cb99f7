"""Word tender documents: the three sections, the annex, tables and choices, read back with python-docx."""

from __future__ import annotations

import io
from functools import partial

import docx

from mvoi_criteria import Choice, apply_choices, render_docx

from .fixtures.docs import docs_advice, docs_packs

# Ask-level choices take the pack's text for the new level, so they need the packs the advice came from.
apply_choices = partial(apply_choices, packs=docs_packs())


def open_docx(advice=None, **kwargs) -> docx.document.Document:
    data = render_docx(advice or docs_advice(), packs=docs_packs(), **kwargs)
    return docx.Document(io.BytesIO(data))


def headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def table_rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_document_has_the_sections_and_the_annex_as_top_level_headings():
    document = open_docx()
    assert headings(document, 1) == [
        "Eisen (programma van eisen)",
        "Selectiecriteria",
        "Gunningscriteria",
        "Contractbepalingen",
        "Uitvoeringsplan",
        "Bijlage: Verantwoording",
    ]
    assert document.core_properties.title == "Inclusiecriteria: Inhuur testpersoneel"


def test_criteria_are_numbered_headings():
    document = open_docx()
    numbered = [h for h in headings(document, 2) if h[:2] in ("E.", "S.", "G.", "C.")]
    assert numbered == [
        "E.1 Toegankelijk portaal",
        "S.1 Referentie inclusieve opdracht",
        "G.1 Inclusieve werving (10%)",
        "G.2 Aanpak sociale veiligheid (5%)",
        "C.1 Meldpunt ongewenst gedrag",
    ]


def test_award_criteria_table_has_weights_and_total():
    document = open_docx()
    rows = table_rows(document.tables[0])
    assert rows[0] == ["Nr.", "Criterium", "Thema", "Gevraagd", "Gewicht", "Max. pagina's"]
    assert rows[1] == ["G.1", "Inclusieve werving", "Representatie", "plan van aanpak", "10%", "4"]
    assert rows[3][1:] == ["Totaal inclusie", "", "", "15%", ""]
    assert document.tables[0].style.name == "Table Grid"


def test_scoring_scale_and_monitoring_are_in_tables():
    document = open_docx()
    all_rows = [table_rows(t) for t in document.tables]
    assert [
        ["Score", "Beoordeling"],
        ["0", "Geen plan voor deze opdracht."],
        ["5", "Algemene maatregelen zonder doelen."],
        ["10", "Concrete maatregelen met meetbare doelen."],
    ] in all_rows
    assert any(
        ["C.1", "Aantal meldingen en hun afhandeling (geanonimiseerd).", "per kwartaal", "contractmanager"] in rows
        for rows in all_rows
    )


def test_annex_has_basis_trace_not_applied_questions_and_provenance():
    document = open_docx()
    annex_headings = headings(document, 2)[headings(document, 2).index("Uitgangspunten") :]
    expected = [
        "Uitgangspunten",
        "Herkomst",
        "Opgenomen criteria",
        "Niet opgenomen",
        "Nog niet beslist",
        "Open vragen",
        "Keuzes van de inkoper",
    ]
    assert [h for h in annex_headings if h != "Opmerkingen"] == expected  # remarks only when the advice has notes
    assert "G.1 Inclusieve werving (doc-rep-werving)" in headings(document, 3)
    body = "\n".join(texts(document))
    assert "Waarom: De opdrachtnemer zet mensen in voor of bij de gemeente." in body
    cells = [cell for t in document.tables for rows in table_rows(t) for cell in rows]
    assert "doc-sv-kwetsbaar" in cells
    assert "mensen die werken in de openbare ruimte" in cells
    assert not any("personnel." in cell or "derived." in cell for cell in cells)


def test_choices_are_shown_with_the_criterion_and_in_the_annex():
    chosen = apply_choices(docs_advice(), [Choice("doc-sv-aanpak", "ask_level", "Lichte vraag voor de markt", "visie")])
    document = open_docx(chosen)
    assert "Keuze inkoper: vraag aan de inschrijver: visie. Motivering: Lichte vraag voor de markt" in texts(document)
    assert any(
        rows[1:] == [["G.2", "doc-sv-aanpak", "vraag aan de inschrijver: visie", "Lichte vraag voor de markt"]]
        for rows in (table_rows(t) for t in document.tables)
    )


def test_english_document_with_dutch_fallback():
    document = open_docx(lang="en")
    assert headings(document, 1)[0] == "Requirements (technical specifications)"
    assert "G.1 Inclusive recruitment (10%)" in headings(document, 2)
    assert "Beschrijf uw maatregelen voor een sociaal veilige werkomgeving bij deze opdracht." in texts(document)


def test_heading_and_intro_overrides_apply_to_word_too():
    document = open_docx(templates={"eisen.heading.j2": "4. Eisen", "eisen.intro.j2": "Eigen inleiding."})
    assert headings(document, 1)[0] == "4. Eisen"
    assert "Eigen inleiding." in texts(document)
