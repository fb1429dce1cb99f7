"""Markdown tender-document sections: order, numbering, tables, language, annex and template overrides."""

from __future__ import annotations

import re

import pytest

from mvoi_criteria import TEMPLATE_NAMES, DocumentTemplateError, hookimpl, pack_set_from_plugins, render_markdown

from .fixtures.docs import DOCS_PACK_FILES, docs_advice, docs_packs


def md(advice=None, **kwargs) -> str:
    return render_markdown(advice or docs_advice(), packs=kwargs.pop("packs", docs_packs()), **kwargs)


def section(text: str, heading: str) -> str:
    """The text of one `## heading` section, up to the next `## `."""
    start = text.index(f"## {heading}\n")
    rest = text[start + 3 :]
    end = rest.find("\n## ")
    return rest if end < 0 else rest[:end]


def test_sections_come_in_tender_document_order():
    headings = re.findall(r"^## (.+)$", md(), flags=re.M)
    assert headings == [
        "Eisen (programma van eisen)",
        "Selectiecriteria",
        "Gunningscriteria",
        "Contractbepalingen",
        "Uitvoeringsplan",
        "Bijlage: Verantwoording",
    ]


def test_selection_criteria_get_a_section_only_when_there_are_any():
    midden = md(docs_advice(estimated_value_eur=100_000))
    assert "## Selectiecriteria" not in midden
    assert "## Gunningscriteria" in midden


def test_criteria_are_numbered_per_section():
    text = md()
    assert re.findall(r"^### ([ESGC]\.\d+) ", text, flags=re.M) == ["E.1", "S.1", "G.1", "G.2", "C.1"]
    assert "### G.1 Inclusieve werving (10%)" in text


def test_award_criteria_table_shows_weights_pages_and_the_inclusion_total():
    awards = section(md(), "Gunningscriteria")
    assert "| G.1 | Inclusieve werving | Representatie | plan van aanpak | 10% | 4 |" in awards
    assert "| G.2 | Aanpak sociale veiligheid | Sociale veiligheid | concrete invulling | 5% | 2 |" in awards
    assert "| | **Totaal inclusie** | | | **15%** | |" in awards
    assert "samen 15% van de totale score" in awards


def test_award_criterion_shows_submission_page_limit_scoring_scale_and_verification():
    awards = section(md(), "Gunningscriteria")
    g1 = awards[awards.index("### G.1") : awards.index("### G.2")]
    assert "**In te dienen:** Een plan van aanpak van maximaal 4 pagina's." in g1
    assert "**Omvang:** maximaal 4 pagina's A4" in g1
    assert "| Score | Beoordeling |" in g1
    assert "| 10 | Concrete maatregelen met meetbare doelen. |" in g1
    assert "**Bewijsmiddel:** Een schriftelijke verklaring bij de inschrijving." in g1


def test_contract_clauses_show_their_monitoring_indicators():
    clauses = section(md(), "Contractbepalingen")
    assert "**Monitoring:** Aantal meldingen en hun afhandeling (geanonimiseerd). — per kwartaal" in clauses
    assert "| C.1 | Aantal meldingen en hun afhandeling (geanonimiseerd). | per kwartaal | contractmanager |" in clauses


def test_requirements_show_text_rendered_for_the_profile_and_verification():
    eisen = section(md(), "Eisen (programma van eisen)")
    assert 'Het portaal voor "Inhuur testpersoneel" voldoet aan EN 301 549' in eisen
    assert "**Bewijsmiddel:** Een auditrapport volgens WCAG-EM van een deskundige." in eisen


def test_empty_sections_are_left_out():
    advice = docs_advice(
        personnel={
            "works_for_municipality": False,
            "at_municipal_sites": False,
            "in_public_space": False,
            "in_residents_homes": False,
            "vulnerable_groups": [],
        }
    )
    text = md(advice)
    assert "## Contractbepalingen" not in text
    assert "Dit advies bevat geen" not in text
    assert "## Eisen (programma van eisen)" in text


def test_annex_explains_why_criteria_apply_why_others_do_not_and_which_questions_remain():
    annex = section(md(), "Bijlage: Verantwoording")
    assert "#### G.1 Inclusieve werving (`doc-rep-werving`)" in annex
    assert "- Waarom: De opdrachtnemer zet mensen in voor of bij de gemeente." in annex
    assert (
        "- Niveau: Aangepast aan deze opdracht: boven de EU-drempel weegt de aanpak mee. "
        "De opdracht valt boven de Europese drempel van € 216.000." in annex
    )
    assert "- Grondslag: Aw 2012 art. 2.80" in annex
    assert (
        "| `doc-sv-kwetsbaar` | Sociale veiligheid | Mensen van de opdrachtnemer werken niet met kwetsbare mensen. |"
        in (annex)
    )
    assert "| `doc-sv-openbaar` | mensen die werken in de openbare ruimte | Nog niet bekend: of mensen" in annex
    assert (
        "| mensen die werken in de openbare ruimte | Werken de mensen van de opdrachtnemer in de openbare ruimte? "
        "| doc-sv-openbaar |" in annex
    )
    assert "| Toegankelijkheid (BT-754) | inc: " in annex
    assert "- Pack docs-rep 1.0.0 (sha256 " in annex


def test_english_uses_pack_english_and_falls_back_to_dutch_per_text():
    text = md(lang="en")
    assert "## Award criteria" in text and "## Annex: Justification" in text
    assert "### G.1 Inclusive recruitment (10%)" in text  # English title from the pack
    assert "| 0 | No plan for this contract. |" in text  # English scoring level
    assert "| 5 | Algemene maatregelen zonder doelen. |" in text  # no English: Dutch
    assert "Beschrijf uw maatregelen voor een sociaal veilige werkomgeving" in text
    assert "### E.1 Accessible portal" in text


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="language"):
        md(lang="de")


def test_markdown_is_deterministic():
    assert md() == md()


def test_templates_argument_overrides_a_heading_and_a_section():
    text = md(
        templates={
            "eisen.heading.j2": "Programma van eisen, hoofdstuk 4",
            "contractbepalingen.md.j2": "## Eigen bepalingen\n",
        }
    )
    assert "## Programma van eisen, hoofdstuk 4" in text
    assert "## Eigen bepalingen" in text
    assert "\n### C.1 " not in text


class _TemplatePlugin:
    """A pack plugin that ships its own pack and overrides the Gunningscriteria intro."""

    @staticmethod
    @hookimpl
    def mvoi_criteria_register_packs(register):
        for path in DOCS_PACK_FILES:
            register(path)

    @staticmethod
    @hookimpl
    def mvoi_criteria_document_templates():
        return {"gunningscriteria.intro.j2": "Zie ook de beoordelingsleidraad ({{ count }} inclusiecriteria)."}


def test_a_plugin_overrides_templates_through_the_hook():
    packs = pack_set_from_plugins([("huisstijl", _TemplatePlugin())])
    text = md(packs=packs)
    assert "Zie ook de beoordelingsleidraad (2 inclusiecriteria)." in text


def test_the_templates_argument_wins_over_a_plugin():
    packs = pack_set_from_plugins([("huisstijl", _TemplatePlugin())])
    text = md(packs=packs, templates={"gunningscriteria.intro.j2": "Van de tool."})
    assert "Van de tool." in text and "beoordelingsleidraad" not in text


def test_an_unknown_template_name_is_refused_naming_the_known_ones():
    with pytest.raises(DocumentTemplateError) as info:
        md(templates={"eisen.title.j2": "x"})
    assert "$.eisen.title.j2: unknown template name" in info.value.report()
    assert "eisen.heading.j2" in info.value.report()


def test_a_template_with_a_syntax_error_is_refused_with_its_name():
    with pytest.raises(DocumentTemplateError) as info:
        md(templates={"eisen.md.j2": "{% for x in %}"})
    assert "$.eisen.md.j2: not a valid template" in info.value.report()


def test_templates_are_sandboxed():
    with pytest.raises(DocumentTemplateError):
        md(templates={"title.j2": "{{ profile.__class__.__mro__ }}"})


def test_every_template_name_is_shipped():
    assert len(TEMPLATE_NAMES) == len(set(TEMPLATE_NAMES)) == 23
    md()  # compiles all of them
