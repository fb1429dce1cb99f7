"""From an advice to tender-document sections: numbered, in one language, ready for any renderer.

Markdown and Word are laid out from the same data, so both show the same numbers (E.1, S.1, G.1,
C.1), texts, weights and trace. Texts fall back to Dutch one by one where a pack has no English.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from ..advice import Advice, AppliedCriterion, Choice, TraceEntry
from ..explain import (
    accessibility_status,
    context_of,
    explain_attention,
    explain_choice,
    explain_event,
    explain_level,
    explain_notice,
    explain_question,
    explain_why,
    sentences,
)
from ..formatting import format_euro, format_percent
from ..labels import label
from ..model import Text
from ..vocabulary import field_label, value_label
from .strings import LANGUAGES, strings
from .templating import DocumentTemplates

__all__ = [
    "Annex",
    "AppliedRow",
    "ChoiceRow",
    "DraftDocument",
    "Item",
    "MonitoringRow",
    "OtherRow",
    "QuestionRow",
    "ScoreRow",
    "Section",
    "build_document",
]

# Section key, kind of criterion, number prefix.
_SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("eisen", "eis", "E"),
    ("selectiecriteria", "selectiecriterium", "S"),
    ("gunningscriteria", "gunningscriterium", "G"),
    ("contractbepalingen", "contractbepaling", "C"),
    ("informatievragen", "informatievraag", "I"),
)
_ALWAYS_SHOWN = ("eisen", "gunningscriteria", "contractbepalingen")


@attrs.frozen
class ScoreRow:
    score: str
    description: str


@attrs.frozen
class MonitoringRow:
    indicator: str
    frequency: str
    report_to: str


@attrs.frozen
class Item:
    """One numbered criterion as it goes into the tender document."""

    number: str
    id: str
    title: str
    theme: str
    kind: str
    ask_level: str | None
    text: str
    verification: str
    weight: float | None
    weight_text: str | None
    submission: str | None
    max_pages: int | None
    scoring: tuple[ScoreRow, ...]
    monitoring: MonitoringRow | None
    choices: tuple[str, ...]
    context_only: str | None = None


@attrs.frozen
class Section:
    key: str
    heading: str
    intro: str
    items: tuple[Item, ...]
    empty: str

    @property
    def total_weight(self) -> float:
        return sum(i.weight or 0 for i in self.items)


@attrs.frozen
class AppliedRow:
    number: str
    id: str
    title: str
    theme: str
    kind: str
    why: tuple[str, ...]
    level: str | None
    legal_basis: tuple[str, ...]
    rationale: str
    status: str
    pack: str
    notes: tuple[str, ...]


@attrs.frozen
class OtherRow:
    id: str
    theme: str
    reason: str
    questions: tuple[str, ...]


@attrs.frozen
class QuestionRow:
    field: str
    question: str
    criteria: tuple[str, ...]


@attrs.frozen
class ChoiceRow:
    number: str
    criterion: str
    choice: str
    motivation: str


@attrs.frozen
class Annex:
    """The Verantwoording for the tender file: basis, why in, why out, what is open, who chose what."""

    heading: str
    intro: str
    facts: tuple[tuple[str, str], ...]
    applied: tuple[AppliedRow, ...]
    not_applied: tuple[OtherRow, ...]
    undecided: tuple[OtherRow, ...]
    questions: tuple[QuestionRow, ...]
    choices: tuple[ChoiceRow, ...]
    notes: tuple[str, ...]
    provenance: tuple[str, ...]
    optional: tuple[OtherRow, ...] = ()


@attrs.frozen
class DraftDocument:
    title: str
    lang: str
    sections: tuple[Section, ...]
    annex: Annex
    t: Mapping[str, str] = attrs.field(repr=False)
    inclusion_weight: float = 0
    inclusion_weight_text: str = "0%"


def build_document(advice: Advice, lang: str, templates: DocumentTemplates) -> DraftDocument:
    """Lay the advice out as sections; headings and intros come from the (overridable) templates."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    t = strings(lang)
    inclusion_weight = sum(c.weight or 0 for c in advice.criteria if c.kind == "gunningscriterium")
    context: dict[str, Any] = {
        "lang": lang,
        "profile": advice.profile,
        "derived": advice.derived,
        "inclusion_weight": inclusion_weight,
        "inclusion_weight_text": format_percent(inclusion_weight, lang),
        "accessibility": advice.accessibility,
    }
    choices_by_criterion: dict[str, list[Choice]] = {}
    for choice in advice.choices:
        choices_by_criterion.setdefault(choice.criterion, []).append(choice)

    numbers: dict[str, str] = {}
    sections = []
    for key, kind, prefix in _SECTIONS:
        criteria = [c for c in advice.criteria if c.kind == kind]
        if not criteria and key not in _ALWAYS_SHOWN:
            continue
        items = []
        for index, c in enumerate(criteria, start=1):
            numbers[c.id] = f"{prefix}.{index}"
            items.append(_item(c, numbers[c.id], lang, t, choices_by_criterion.get(c.id, []), advice))
        section_context = {**context, "count": len(items)}
        sections.append(
            Section(
                key=key,
                heading=templates.text(f"{key}.heading.j2", **section_context),
                intro=templates.text(f"{key}.intro.j2", **section_context),
                items=tuple(items),
                empty=t["none_in_section"].format(what=t[f"what_{key}"]),
            )
        )
    plan = _plan_section(advice, lang, t, numbers, templates, context)
    if plan is not None:  # after the contract clauses it gathers, before any information questions
        at = next((i for i, x in enumerate(sections) if x.key == "informatievragen"), len(sections))
        sections.insert(at, plan)
    annex = _annex(advice, lang, t, numbers, templates, context)
    return DraftDocument(
        title=templates.text("title.j2", **context),
        lang=lang,
        sections=tuple(sections),
        annex=annex,
        t=t,
        inclusion_weight=inclusion_weight,
        inclusion_weight_text=context["inclusion_weight_text"],
    )


def _plan_section(
    advice: Advice,
    lang: str,
    t: Mapping[str, str],
    numbers: Mapping[str, str],
    templates: DocumentTemplates,
    context: Mapping[str, Any],
) -> Section | None:
    """The one implementation plan (uitvoeringsplan): a chapter per contract clause that asks for a
    description, one page limit and one deadline."""
    plan = getattr(advice, "implementation_plan", None)
    if plan is None or not plan.topics:
        return None
    items = []
    for index, topic in enumerate(plan.topics, start=1):
        clause = numbers.get(topic.criterion)
        what = topic.submission.get(lang)
        parts = [what] if what != topic.title.get(lang) else []  # a bare title says nothing new
        if clause:
            parts.append(t["plan_belongs_to"].format(number=clause))
        text = " ".join(parts)
        items.append(
            Item(
                number=f"U.{index}",
                id=topic.criterion,
                title=topic.title.get(lang),
                theme=label(topic.theme, lang),
                kind=t["plan_topic"],
                ask_level=label(topic.ask_level, lang) if topic.ask_level else None,
                text=text,
                verification="",
                weight=None,
                weight_text=None,
                submission=None,
                max_pages=None,
                scoring=(),
                monitoring=None,
                choices=(),
            )
        )
    plan_context = {**context, "count": len(items), "plan": plan}
    return Section(
        key="uitvoeringsplan",
        heading=templates.text("uitvoeringsplan.heading.j2", **plan_context),
        intro=templates.text("uitvoeringsplan.intro.j2", **plan_context),
        items=tuple(items),
        empty="",
    )


def _text(value: Text | None, lang: str) -> str | None:
    return None if value is None else value.get(lang)


def _item(
    c: AppliedCriterion, number: str, lang: str, t: Mapping[str, str], choices: list[Choice], advice: Advice
) -> Item:
    monitoring = None
    if c.monitoring:
        m = c.monitoring
        monitoring = MonitoringRow(m.indicator.get(lang), label(m.frequency, lang), label(m.report_to, lang))
    return Item(
        number=number,
        id=c.id,
        title=c.title.get(lang),
        theme=advice.theme_label(c.theme, lang),
        kind=label(c.kind, lang),
        ask_level=label(c.ask_level, lang) if c.ask_level else None,
        text=c.text.get(lang),
        verification=c.verification.get(lang),
        weight=c.weight,
        weight_text=format_percent(c.weight, lang) if c.weight is not None else None,
        submission=_text(c.submission, lang),
        max_pages=c.max_pages,
        scoring=tuple(ScoreRow(f"{s.score:g}", (s.en if lang == "en" else None) or s.nl) for s in c.scoring),
        monitoring=monitoring,
        choices=tuple(_describe(ch, lang, t) for ch in choices),
        context_only=t["context_only"] if c.scope == "organisatie" and c.kind != "informatievraag" else None,
    )


def _describe(choice: Choice, lang: str, t: Mapping[str, str]) -> str:
    return explain_choice(choice, lang, with_motivation=True)


def _choice_text(choice: Choice, lang: str, t: Mapping[str, str]) -> str:
    return explain_choice(choice, lang)


def _facts(advice: Advice, lang: str, t: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    d = advice.derived
    value = advice.profile.get("estimated_value_eur")
    threshold = format_euro(d.eu_threshold_eur, lang) if d.eu_threshold_eur else t["unknown"]
    if d.eu_threshold_eur and d.threshold_period:
        threshold += f" ({t['period']} {d.threshold_period})"
    access = advice.accessibility
    return (
        (t["tender"], str(advice.profile.get("title", ""))),
        (t["estimated_value"], format_euro(value, lang) if value is not None else t["unknown"]),
        (t["eu_threshold"], threshold),
        (t["procedure"], label(d.regime, lang) if d.regime else t["unknown"]),
        (t["size_band"], value_label("derived.size_band", d.size_band, lang) if d.size_band else t["unknown"]),
        (t["accessibility"], f"{accessibility_status(access.status, lang)}: {access.statement}"),
    )


def _other(entry: TraceEntry, lang: str, context: Mapping[str, Any], advice: Advice) -> OtherRow:
    why = sentences((*explain_why(entry, lang, context), *explain_attention(entry, lang, context)))
    waits_for = tuple(dict.fromkeys(field_label(q, lang) for q in entry.questions))
    return OtherRow(entry.criterion, advice.theme_label(entry.theme, lang), why or "-", waits_for)


def _annex(
    advice: Advice,
    lang: str,
    t: Mapping[str, str],
    numbers: Mapping[str, str],
    templates: DocumentTemplates,
    context: Mapping[str, Any],
) -> Annex:
    applied = []
    facts = context_of(advice)
    for c in advice.criteria:
        trace = advice.trace_of(c.id)
        pack = next((p for p in advice.provenance.packs if p.id == c.pack), None)
        applied.append(
            AppliedRow(
                number=numbers.get(c.id, "-"),
                id=c.id,
                title=c.title.get(lang),
                theme=advice.theme_label(c.theme, lang),
                kind=label(c.kind, lang),
                why=(sentences(explain_why(trace, lang, facts)),) if trace and trace.reasons else (),
                level=explain_level(trace, lang, facts) if trace else None,
                legal_basis=c.legal_basis,
                rationale=c.rationale.get(lang),
                status=f"{c.status}, {c.owner}",
                pack=f"{c.pack} {pack.version}" if pack else c.pack,
                notes=explain_attention(trace, lang, facts) if trace else (),
            )
        )
    applied.sort(key=lambda row: _number_key(row.number))
    p = advice.provenance
    provenance = (
        t["made_with"].format(library=p.library, version=p.library_version, table=p.threshold_table),
        *(f"{t['pack']} {x.id} {x.version} (sha256 {x.sha256})" for x in p.packs),
    )
    annex_context = {**context, "count": len(applied)}
    return Annex(
        heading=templates.text("verantwoording.heading.j2", **annex_context),
        intro=templates.text("verantwoording.intro.j2", **annex_context),
        facts=_facts(advice, lang, t),
        applied=tuple(applied),
        not_applied=tuple(_other(e, lang, facts, advice) for e in advice.trace if e.outcome == "not_applied"),
        undecided=tuple(_other(e, lang, facts, advice) for e in advice.trace if e.outcome == "undecided"),
        questions=tuple(
            QuestionRow(field_label(q.field, lang), explain_question(q.field, lang), q.criteria)
            for q in advice.questions
        ),
        choices=tuple(
            ChoiceRow(numbers.get(ch.criterion, "-"), ch.criterion, _choice_text(ch, lang, t), ch.motivation)
            for ch in advice.choices
        ),
        notes=(
            *(explain_notice(n, lang) for n in advice.notes),
            *(explain_event(e, lang) for e in getattr(advice, "events", ())),
        ),
        provenance=provenance,
        optional=tuple(
            OtherRow(
                f"{o.criterion.id}: {o.criterion.title.get(lang)}",
                label(o.criterion.theme, lang),
                explain_event(o.reason, lang),
                (),
            )
            for o in getattr(advice, "optional", ())
        ),
    )


def _number_key(number: str) -> tuple[int, int]:
    order = {prefix: i for i, (_, _, prefix) in enumerate(_SECTIONS)}
    prefix, _, index = number.partition(".")
    return (order.get(prefix, len(order)), int(index) if index.isdigit() else 0)
