"""Information questions get their own section, never under Eisen; the implementation plan is one
section with one deadline; criteria cut for the total burden are listed apart, with their reason."""

from __future__ import annotations

import io

import attrs
import docx

from mvoi_criteria import advise, export_eforms, load_profile, render_docx, render_markdown
from mvoi_criteria.report import render_markdown as summary_markdown
from mvoi_criteria.report import render_text

from .conftest import ROOT
from .fixtures.docs import docs_advice


def _with_information_question():
    advice = docs_advice()
    eis = next(c for c in advice.criteria if c.kind == "eis")
    question = attrs.evolve(eis, kind="informatievraag", scope="organisatie")
    themes = tuple(
        attrs.evolve(t, criteria=tuple(question if c.id == eis.id else c for c in t.criteria)) for t in advice.themes
    )
    return attrs.evolve(advice, themes=themes), question


def _section(markdown: str, heading: str) -> str:
    rest = markdown.split(f"\n## {heading}\n", 1)[1]
    return rest.split("\n## ", 1)[0]


def test_an_information_question_has_its_own_section_that_says_it_is_never_scored():
    advice, question = _with_information_question()
    markdown = render_markdown(advice, lang="nl")
    own = _section(markdown, "Informatievragen (alleen ter informatie)")
    assert question.title.nl in own
    assert "tellen niet mee in de beoordeling" in own and "nooit een reden om een inschrijving af te wijzen" in own
    eisen = _section(markdown, "Eisen (programma van eisen)") if "\n## Eisen" in markdown else ""
    assert question.title.nl not in eisen


def test_an_information_question_is_its_own_section_in_word_too():
    advice, _ = _with_information_question()
    document = docx.Document(io.BytesIO(render_docx(advice, lang="nl")))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Informatievragen (alleen ter informatie)" in headings
    assert "Information requests (context only)" in render_markdown(advice, lang="en")


def test_summaries_label_an_information_question():
    advice, question = _with_information_question()
    assert f"{question.id} · {question.title.nl} [Informatievraag" in render_text(advice)
    assert f"{question.id} · {question.title.nl} [Informatievraag" in summary_markdown(advice)


def test_the_eforms_export_leaves_information_questions_out():
    advice, question = _with_information_question()
    exported = export_eforms(advice, price_weight=100 - sum(c.weight or 0 for c in advice.criteria))
    assert question.title.nl not in str(exported)


def test_the_staffing_framework_gets_one_implementation_plan_and_lists_what_was_cut():
    advice = advise(load_profile(ROOT / "examples" / "uitzendkrachten.yaml"))
    markdown = render_markdown(advice, lang="nl")
    assert markdown.count("\n## Uitvoeringsplan\n") == 1
    plan = _section(markdown, "Uitvoeringsplan")
    assert "één uitvoeringsplan" in plan
    assert all(topic.title.nl in plan for topic in advice.implementation_plan.topics)
    if advice.optional:
        annex = markdown.split("### Optionele criteria", 1)[1]
        for optional in advice.optional:
            assert optional.criterion.id in annex
        assert optional.reason.rule not in annex
