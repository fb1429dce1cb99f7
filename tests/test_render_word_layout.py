"""Word as a municipal document: A4, Dutch proofing, real lists, sized tables, styles, reproducible bytes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import attrs
import docx
import pytest
from docx.oxml.ns import qn

from mvoi_criteria import render_docx
from mvoi_criteria.model import Text
from mvoi_criteria.render.plain import UnsafeTextError

from .fixtures.docs import docs_advice, docs_packs

ROOT = Path(__file__).parent.parent
TEMPLATE = ROOT / "examples" / "gemeente-sjabloon.docx"
LIST_TEXT = (
    "Bereikbaar op drie manieren:\n- per telefoon\n- persoonlijk\n- online\nDaarna:\n1. eerst bellen\n2. dan mailen"
)


def with_text(advice, criterion_id: str, text: str):
    """The advice with one criterion's clause text replaced."""
    themes = tuple(
        attrs.evolve(
            theme,
            criteria=tuple(attrs.evolve(c, text=Text(text)) if c.id == criterion_id else c for c in theme.criteria),
        )
        for theme in advice.themes
    )
    return attrs.evolve(advice, themes=themes)


def word(advice=None, **kwargs) -> docx.document.Document:
    return docx.Document(io.BytesIO(render_docx(advice or docs_advice(), packs=docs_packs(), **kwargs)))


def test_page_is_a4_with_margins():
    section = word().sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    assert section.left_margin.mm == pytest.approx(25, abs=0.1)


@pytest.mark.parametrize(("lang", "tag"), [("nl", "nl-NL"), ("en", "en-GB")])
def test_every_style_and_the_defaults_carry_the_document_language(lang, tag):
    document = word(lang=lang)
    styles = document.styles.element
    languages = [e.get(qn("w:val")) for e in styles.iter(qn("w:lang"))]
    assert languages and set(languages) == {tag}
    default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert default.get(qn("w:val")) == tag
    assert document.core_properties.language == tag


def test_dash_lines_become_real_bullet_and_numbered_lists():
    advice = with_text(docs_advice(), "doc-toeg-digitaal", LIST_TEXT)
    paragraphs = word(advice).paragraphs
    bullets = [p for p in paragraphs if p.style.name == "List Bullet" and p.text in ("per telefoon", "online")]
    numbered = [p for p in paragraphs if p.style.name == "List Number"]
    assert len(bullets) == 2 and [p.text for p in numbered] == ["eerst bellen", "dan mailen"]
    assert all(p._p.pPr.numPr is not None for p in (*bullets, *numbered))
    assert not any(p.text.lstrip().startswith(("- ", "• ")) for p in paragraphs)
    assert "Bereikbaar op drie manieren:" in [p.text for p in paragraphs]


def test_numbered_lists_restart_at_one():
    advice = with_text(docs_advice(), "doc-toeg-digitaal", "1. a\n2. b\n\nTussentekst.\n\n1. c")
    numbered = [p for p in word(advice).paragraphs if p.style.name == "List Number"]
    ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert ids[0] == ids[1] != ids[2]


def test_bold_and_italic_come_from_character_styles_not_direct_formatting():
    from mvoi_criteria import Choice, apply_choices

    chosen = apply_choices(
        docs_advice(), [Choice("doc-rep-werving", "weight", "Past bij de markt", 8)], packs=docs_packs()
    )
    document = word(chosen)
    runs = [r for p in document.paragraphs for r in p.runs]
    assert any(r.style.name == "Strong" for r in runs)
    assert any(r.style.name == "Emphasis" for r in runs)
    assert not any(r.bold or r.italic for r in runs)


def test_tables_repeat_their_header_and_size_columns_to_their_content():
    table = word().tables[0]
    header = table.rows[0]._tr.trPr
    assert header.find(qn("w:tblHeader")) is not None
    widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    number, criterion = widths[0], widths[1]
    assert criterion > 2 * number  # "Inclusieve werving" needs more room than "G.1"
    assert sum(widths) <= 11906 - 2 * 1417 + 10


def test_properties_come_from_the_advice_not_python_docx():
    props = word().core_properties
    assert props.title == "Inclusiecriteria: Inhuur testpersoneel"
    assert props.author == "mvoi-criteria" and props.last_modified_by == "mvoi-criteria"
    assert props.comments == ""
    assert props.subject
    assert props.created.date().isoformat() == "2026-06-01" == props.modified.date().isoformat()


def test_without_a_publication_date_there_is_no_made_up_date():
    props = word(docs_advice(publication_date=None)).core_properties
    assert props.created is None and props.modified is None


def test_two_runs_give_identical_bytes_with_fixed_zip_dates():
    first = render_docx(docs_advice(), packs=docs_packs())
    second = render_docx(docs_advice(), packs=docs_packs())
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2026, 6, 1, 0, 0, 0)}


def test_a_house_template_gives_identical_bytes_too():
    first = render_docx(docs_advice(), packs=docs_packs(), template=TEMPLATE)
    assert first == render_docx(docs_advice(), packs=docs_packs(), template=TEMPLATE)


def test_empty_sections_are_left_out():
    advice = docs_advice(
        personnel={"works_for_municipality": False, "at_municipal_sites": False, "vulnerable_groups": []}
    )
    headings = [p.text for p in word(advice).paragraphs if p.style.name == "Heading 1"]
    assert "Contractbepalingen" not in headings
    assert not any("Dit advies bevat geen" in p.text for p in word(advice).paragraphs)


def test_page_limit_uses_singular_and_plural():
    text = "\n".join(p.text for p in word().paragraphs)
    assert "Omvang: maximaal 4 pagina's A4" in text
    assert "Omvang: maximaal 2 pagina's A4" in text
    from mvoi_criteria.render.templating import pages_text

    assert pages_text(1) == "maximaal 1 pagina A4"
    assert pages_text(1, "en") == "at most 1 page A4"


def test_provenance_stays_together_with_the_starting_points_of_the_annex():
    paragraphs = word().paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == "Herkomst")
    end = next(i for i, p in enumerate(paragraphs) if p.text == "Opgenomen criteria")
    block = paragraphs[start:end]
    assert paragraphs[start - 1].text != "Uitgangspunten" and start < end
    assert all(p.paragraph_format.keep_with_next for p in block[:-1])
    assert not any(p.paragraph_format.page_break_before for p in block)


def test_a_title_longer_than_words_property_limit_is_kept_in_the_text_and_shortened_in_the_property():
    title = "Schoonmaak " * 40
    document = word(docs_advice(title=title))
    assert len(document.core_properties.title) <= 255
    assert document.paragraphs[0].text.startswith("Inclusiecriteria: Schoonmaak Schoonmaak")
    assert len(document.paragraphs[0].text) > 400


@pytest.mark.parametrize("bad", ["a\u0001b", "a\ud800b"])
def test_control_characters_and_lone_surrogates_are_refused_with_a_clear_message(bad):
    with pytest.raises(UnsafeTextError) as info:
        render_docx(docs_advice(title=bad), packs=docs_packs())
    message = info.value.report()
    assert "U+0001" in message or "U+D800" in message
    assert "remove it from the profile or choices file" in message


def test_house_template_supplies_styles_header_footer_and_page_setup():
    plain, housed = word(), word(template=TEMPLATE)
    section = housed.sections[0]
    assert section.header.paragraphs[0].text == "Gemeente Amsterdam — Inkoop"
    assert "pagina" in section.footer.paragraphs[0].text
    assert section.left_margin.mm == pytest.approx(30, abs=0.1)
    assert housed.styles["Normal"].font.name == "Arial"
    assert [p.text for p in housed.paragraphs] == [p.text for p in plain.paragraphs]  # the template's body is gone


def test_a_template_that_is_not_a_docx_is_a_clear_error(tmp_path):
    from mvoi_criteria.render.word import DocxTemplateError

    bad = tmp_path / "sjabloon.docx"
    bad.write_text("geen Word-bestand", encoding="utf-8")
    with pytest.raises(DocxTemplateError) as info:
        render_docx(docs_advice(), packs=docs_packs(), template=bad)
    assert str(bad) in info.value.report()


def test_the_example_template_is_what_its_script_builds():
    import runpy

    build = runpy.run_path(str(ROOT / "scripts" / "make_example_template.py"))["build"]
    assert build() == TEMPLATE.read_bytes()


EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.mark.parametrize("template", [None, TEMPLATE], ids=["plain", "house-template"])
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_drafts_a_reproducible_dutch_a4_document(path, template):
    from mvoi_criteria import advise, export_eforms, load_profile, validate_eforms

    advice = advise(load_profile(path))
    data = render_docx(advice, template=template)
    assert data == render_docx(advice, template=template)
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    assert {e.get(qn("w:val")) for e in document.styles.element.iter(qn("w:lang"))} == {"nl-NL"}
    assert not any(p.text.lstrip().startswith(("- ", "• ")) for p in document.paragraphs)
    published = advice.profile.get("publication_date")
    created = document.core_properties.created
    assert (created.date().isoformat() if created else None) == (str(published) if published else None)
    assert document.core_properties.author == "mvoi-criteria"
    running = advice.profile.get("situation") == "bestaand_contract"  # an amendment, no notice
    if template is None and advice.accessibility.status != "undecided" and not running:
        assert validate_eforms(export_eforms(advice)) == []  # without a price weight: valid, price to complete


def test_a_publication_date_before_1980_still_gives_a_reproducible_word_file():
    from mvoi_criteria import advise, profile_from_dict, render_docx

    advice = advise(profile_from_dict({"title": "Oud dossier", "publication_date": "1975-05-01"}))
    assert render_docx(advice) == render_docx(advice)
