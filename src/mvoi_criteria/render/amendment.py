"""A running contract gets no tender texts but a "Voorstel aanvulling op de overeenkomst": the duties the
packs propose, to be agreed with the supplier in writing, with a first step (a conversation or a
pilot), the legal test for changing a running contract and a question about the effect on price.

Laid out once as data (`build_amendment`), then written as Markdown (a sandboxed Jinja template) or
Word (python-docx), like the tender documents.
"""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources

import attrs
from docx.document import Document as WordDocument
from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..advice import Advice, AppliedCriterion
from ..rulebook import EXISTING
from ..templates import format_euro

__all__ = [
    "Amendment",
    "Clause",
    "build_amendment",
    "de_minimis_limit",
    "is_amendment",
    "render_amendment_markdown",
    "write_amendment_docx",
]

# Aanbestedingswet 2012 art. 2.163b: a change below the EU threshold and below this share of the
# initial value needs no new tender (works 15%, supplies and services 10%).
DE_MINIMIS_SHARE = {"werken": 0.15, "leveringen": 0.10, "diensten": 0.10}
_MONTHS = (
    [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
)


def is_amendment(advice: Advice) -> bool:
    """True for a running contract (`situation: bestaand_contract`): it takes this route, not tender sections."""
    return advice.profile.get("situation") == EXISTING


@attrs.frozen
class Clause:
    number: str
    title: str
    text: str
    verification: str
    monitoring: str | None


@attrs.frozen
class Amendment:
    """The proposal, in one language, ready for any renderer."""

    lang: str
    title: str
    facts: tuple[tuple[str, str], ...]
    intro: str
    first_step: str
    clauses: tuple[Clause, ...]
    plan: str | None
    plan_topics: tuple[str, ...]
    legal: str
    price_question: str
    optional: tuple[str, ...]


def de_minimis_limit(advice: Advice) -> float | None:
    """The largest change in value that needs no new tender under the de-minimis rule: below the EU
    threshold and below 10% (15% for works) of the initial value; None while either is unknown."""
    value = advice.profile.get("estimated_value_eur")
    kind = advice.profile.get("procurement_kind")
    # While the publication date is open the lowest possible threshold holds: the safe side.
    threshold = advice.derived.eu_threshold_eur or min(advice.derived.possible_thresholds, default=None)
    if value is None or kind is None or threshold is None:
        return None
    return min(float(threshold), value * DE_MINIMIS_SHARE[kind])


def _date(value: str | None, lang: str) -> str:
    if not value:
        return "onbekend" if lang == "nl" else "unknown"
    day = dt.date.fromisoformat(value)
    return f"{day.day} {_MONTHS[lang == 'en'][day.month - 1]} {day.year}"


def _euro(value: float | None, lang: str) -> str:
    return format_euro(value) if value is not None else ("onbekend" if lang == "nl" else "unknown")


def _inline(value: object) -> str:
    """A buyer's own text on one line, with Markdown and HTML characters made harmless."""
    text = " ".join(str(value).split())
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def _clause(number: str, c: AppliedCriterion, lang: str) -> Clause:
    monitoring = None
    if c.monitoring is not None:
        monitoring = f"{c.monitoring.indicator.get(lang)} ({c.monitoring.frequency.replace('_', ' ')})"
    return Clause(number, c.title.get(lang), c.text.get(lang), c.verification.get(lang), monitoring)


def _t(nl: str, en: str, lang: str) -> str:
    return en if lang == "en" else nl


def build_amendment(advice: Advice, lang: str = "nl") -> Amendment:
    """The proposal's content: agreed duties (eisen and contract clauses), first step, legal test, price."""
    profile = advice.profile
    duties = [c for c in advice.criteria if c.kind in ("eis", "contractbepaling")]
    clauses = tuple(_clause(f"A.{i}", c, lang) for i, c in enumerate(duties, start=1))
    limit = de_minimis_limit(advice)
    share = "15%" if profile.get("procurement_kind") == "werken" else "10%"
    threshold = _euro(advice.derived.eu_threshold_eur or min(advice.derived.possible_thresholds, default=None), lang)
    facts = (
        (_t("Opdrachtwaarde", "Contract value", lang), _euro(profile.get("estimated_value_eur"), lang)),
        (_t("Einddatum", "End date", lang), _date(profile.get("contract_end_date"), lang)),
        (_t("Resterende waarde", "Remaining value", lang), _euro(profile.get("remaining_value_eur"), lang)),
        (_t("Opdrachtgever", "Commissioned by", lang), str(profile.get("directorate") or "-")),
    )
    intro = _t(
        "Dit contract loopt al. Daarom is dit geen aanbesteding, maar een voorstel om de overeenkomst aan te vullen. "
        "De gemeente en de opdrachtnemer spreken de afspraken hieronder samen af en leggen ze schriftelijk vast. "
        "Gunnings- of selectiecriteria passen niet bij een contract dat al gegund is.",
        "This contract is already running. So this is not a tender but a proposal to supplement the agreement. "
        "The municipality and the supplier agree the arrangements below together and put them in writing. "
        "Award or selection criteria do not fit a contract that has already been awarded.",
        lang,
    )
    first_step = _t(
        "Begin met een gesprek met de opdrachtnemer. Bespreek wat hij al doet, welke afspraken haalbaar zijn en wat "
        "hij nodig heeft. Spreek zo nodig eerst een proef af: op één locatie of voor een korte periode, met vaste "
        "rollen en een moment om samen terug te kijken. Daarna gelden de afspraken voor het hele contract.",
        "Start with a conversation with the supplier. Discuss what it already does, which arrangements are feasible and "
        "what it needs. If useful, agree a pilot first: at one site or for a short period, with agreed roles and a "
        "moment to look back together. After that the arrangements apply to the whole contract.",
        lang,
    )
    if limit is not None:
        limit_text = _t(
            f" Voor dit contract is die grens {format_euro(limit)}: de Europese drempel ({threshold}) of {share} van de "
            f"opdrachtwaarde, het laagste van de twee. Tel eerdere wijzigingen mee.",
            f" For this contract that limit is {format_euro(limit)}: the EU threshold ({threshold}) or {share} of the "
            f"contract value, whichever is lower. Count earlier changes too.",
            lang,
        )
    else:
        limit_text = _t(
            " Vul de opdrachtwaarde en de soort opdracht in om die grens te berekenen.",
            " Fill in the contract value and the kind of purchase to compute that limit.",
            lang,
        )
    legal = _t(
        "Een lopend contract mag u zonder nieuwe aanbesteding alleen wijzigen binnen de grenzen van de "
        "Aanbestedingswet 2012 (artikel 2.163a tot en met 2.163g). Dat kan als de wijziging niet wezenlijk is, als de "
        "overeenkomst er zelf al een duidelijke regeling voor heeft, of als de waarde van de wijziging onder de "
        f"de-minimisgrens blijft: lager dan de Europese drempel én lager dan {share} van de opdrachtwaarde."
        + limit_text,
        "A running contract may be changed without a new tender only within the limits of the Aanbestedingswet 2012 "
        "(articles 2.163a to 2.163g). That is possible when the change is not substantial, when the agreement itself "
        "already provides for it clearly, or when the value of the change stays under the de-minimis limit: below the "
        f"EU threshold and below {share} of the contract value." + limit_text,
        lang,
    )
    price_question = _t(
        "Wat betekenen deze afspraken voor de prijs? Vraag de opdrachtnemer de kosten per afspraak te noemen en te "
        "onderbouwen, en leg vast of de prijs gelijk blijft.",
        "What do these arrangements mean for the price? Ask the supplier to state and explain the cost of each "
        "arrangement, and record whether the price stays the same.",
        lang,
    )
    plan = advice.implementation_plan
    plan_text, topics = None, ()
    if plan is not None:
        plan_text = _t(
            f"De opdrachtnemer beschrijft in één uitvoeringsplan van hoogstens {plan.max_pages} bladzijden hoe hij de "
            f"afspraken uitvoert, binnen {plan.deadline_days} dagen nadat de aanvulling is ondertekend. Het plan heeft "
            "een deel per onderwerp:",
            f"The supplier describes in one implementation plan of at most {plan.max_pages} pages how it carries out "
            f"the arrangements, within {plan.deadline_days} days of signing the supplement. The plan has a part per topic:",
            lang,
        )
        topics = tuple(t.title.get(lang) for t in plan.topics)
    optional = tuple(o.criterion.title.get(lang) for o in advice.optional)
    title = _t("Voorstel aanvulling op de overeenkomst", "Proposal to supplement the agreement", lang)
    return Amendment(
        lang,
        f"{title}: {' '.join(str(profile.get('title', '')).split())}",
        facts,
        intro,
        first_step,
        clauses,
        plan_text,
        topics,
        legal,
        price_question,
        optional,
    )


_HEADINGS = {
    "nl": {
        "facts": "Het contract",
        "first_step": "Eerste stap: een gesprek of een proef",
        "clauses": "Voorgestelde afspraken",
        "verification": "Controle",
        "monitoring": "Monitoring",
        "none": "De pakketten stellen voor dit contract geen afspraken voor.",
        "plan": "Uitvoeringsplan",
        "legal": "Mag dit contract zo worden gewijzigd?",
        "price": "Vraag over de prijs",
        "optional": "Afspraken die u kunt toevoegen",
    },
    "en": {
        "facts": "The contract",
        "first_step": "First step: a conversation or a pilot",
        "clauses": "Proposed arrangements",
        "verification": "Verification",
        "monitoring": "Monitoring",
        "none": "The packs propose no arrangements for this contract.",
        "plan": "Implementation plan",
        "legal": "May this contract be changed this way?",
        "price": "Question about the price",
        "optional": "Arrangements you can add",
    },
}


def _template() -> str:
    return resources.files("mvoi_criteria.render").joinpath("templates/aanvulling.md.j2").read_text("utf-8")


def render_amendment_markdown(advice: Advice, *, lang: str = "nl") -> str:
    """The proposal as Markdown."""
    env = ImmutableSandboxedEnvironment(
        undefined=StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True
    )
    env.filters["inline"] = _inline
    amendment = build_amendment(advice, lang)
    text = env.from_string(_template()).render(a=amendment, h=_HEADINGS["en" if lang == "en" else "nl"])
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def write_amendment_docx(document: WordDocument, a: Amendment) -> WordDocument:
    """Write the proposal into a python-docx Document (A4 or a house template, set up by `render_docx`),
    with Word's own heading, list and table styles."""
    from .plain import check_text
    from .word import LANGUAGE_TAGS, _ensure_styles, _set_language, _within_limit

    h = _HEADINGS["en" if a.lang == "en" else "nl"]
    title = check_text(a.title, "document title")
    _ensure_styles(document)
    _set_language(document, LANGUAGE_TAGS.get(a.lang, a.lang))
    document.core_properties.title = _within_limit(title)
    document.add_paragraph(title, style="Title")
    document.add_paragraph(a.intro)
    document.add_heading(h["facts"], level=1)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for name, value in a.facts:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = name, value
    document.add_heading(h["first_step"], level=1)
    document.add_paragraph(a.first_step)
    document.add_heading(h["clauses"], level=1)
    if not a.clauses:
        document.add_paragraph(h["none"])
    for clause in a.clauses:
        document.add_heading(f"{clause.number} {clause.title}", level=2)
        document.add_paragraph(clause.text)
        _labelled(document, h["verification"], clause.verification)
        if clause.monitoring:
            _labelled(document, h["monitoring"], clause.monitoring)
    if a.plan:
        document.add_heading(h["plan"], level=1)
        document.add_paragraph(a.plan)
        for topic in a.plan_topics:
            document.add_paragraph(topic, style="List Bullet")
    document.add_heading(h["legal"], level=1)
    document.add_paragraph(a.legal)
    document.add_heading(h["price"], level=1)
    document.add_paragraph(a.price_question)
    if a.optional:
        document.add_heading(h["optional"], level=1)
        for title in a.optional:
            document.add_paragraph(title, style="List Bullet")
    return document


def _labelled(document: WordDocument, name: str, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{name}: ").bold = True
    paragraph.add_run(text)
