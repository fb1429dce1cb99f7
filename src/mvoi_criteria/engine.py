"""The path of a profile: derive facts, select criteria, enforce the rulebook, render, explain."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import metadata
from typing import Any

import attrs

from .advice import (
    Accessibility,
    Advice,
    AppliedCriterion,
    OptionalCriterion,
    PackFailureInfo,
    PackInfo,
    Provenance,
    Question,
    ThemeAdvice,
    TraceEntry,
)
from .config import EngineConfig
from .derive import FIELD_SPECS, derive, fact_table, unknown_inputs
from .inference import apply_assumptions, infer
from .model import Monitoring, ScoringLevel, Text, ask_rank
from .packs import Variant
from .plugins import IncompleteAdviceError, PackSet, installed_packs
from .profile import TenderProfile, profile_from_dict, profile_to_dict
from .records import Notice, RuleEvent
from .rulebook import PageCap, RuleContext, breaches, config_of, enforce, gather_plan
from .selection import Candidate, select
from .templates import RenderError, render, template_context
from .themes import ambition_themes, check_ambition, themes_of

__all__ = ["advise", "levels_offered", "library_version", "restate"]

LIBRARY = "mvoi-criteria"


@functools.cache
def library_version() -> str:
    """Looked up once per process: the installed distribution does not change while it runs."""
    try:
        return metadata.version(LIBRARY)
    except metadata.PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"


def advise(
    profile: TenderProfile,
    *,
    packs: PackSet | None = None,
    config: EngineConfig | None = None,
    allow_incomplete: bool = False,
    infer_facts: bool = True,
) -> Advice:
    """Build the advice for one profile from the installed packs (or the given PackSet).

    With `infer_facts`, facts the profile leaves unknown are assumed from its title, description and
    CPV codes (listed in `Advice.assumptions`, never recorded as the buyer's answers).
    Deterministic: the same profile, packs and config give an equal Advice and byte-identical JSON.
    Raises IncompleteAdviceError when a pack was left out, unless `allow_incomplete` is true; the
    omission is then recorded in the provenance and the notes.
    """
    config = config or EngineConfig()
    pack_set = installed_packs() if packs is None else packs
    if pack_set.failures and not allow_incomplete:
        raise IncompleteAdviceError(pack_set.failures)
    check_ambition(profile, pack_set.packs, incomplete=bool(pack_set.failures))
    given = profile
    inference = infer(profile) if infer_facts else None
    if inference is not None:
        profile = apply_assumptions(profile, inference.assumptions)
    cpv_problems = inference.problems if inference else ()
    derived = derive(profile, config, ambition_themes(pack_set.packs))
    facts = fact_table(profile, derived)
    candidates = [select(pack, criterion, facts) for pack in pack_set.packs for criterion in pack.criteria]
    rules = RuleContext(derived, config, profile.situation)
    candidates, events = enforce(candidates, rules)
    context = template_context(facts)
    try:
        chosen = [_render(c, context) for c in candidates if c.outcome == "applied" and not c.optional]
        optional = tuple(OptionalCriterion(_render(c, context), _burden(c)) for c in candidates if c.optional)
    except RenderError as exc:  # a pack whose texts fail to render is left out like one that fails to load
        reduced = pack_set.leave_out(exc.pack, f"clause text failed for this profile: {exc}")
        return advise(given, packs=reduced, config=config, allow_incomplete=allow_incomplete, infer_facts=infer_facts)
    applied, plan = gather_plan(chosen, rules)
    advice = Advice(
        profile=profile_to_dict(given),
        derived=derived,
        themes=_themes(applied, pack_set),
        accessibility=_accessibility(applied, derived.people_use_result),
        questions=_questions(candidates, facts),
        trace=tuple(_trace(c) for c in candidates),
        notes=(*derived.notes, *_failure_notes(pack_set), *(p.message for p in cpv_problems)),
        provenance=_provenance(pack_set, derived.threshold_table, derived.threshold_period, config),
        implementation_plan=plan,
        optional=optional,
        events=tuple(events),
        assumptions=inference.assumptions if inference else (),
    )
    return _adjust(advice, profile, pack_set)


def _burden(c: Candidate) -> RuleEvent:
    """Why an optional criterion was cut (the total-burden event)."""
    return next(e for e in c.events if e.rule == "total_burden")


def _render(c: Candidate, context: Mapping[str, Any]) -> AppliedCriterion:
    v, crit = c.variant, c.criterion

    def filled(key: str, lang: str) -> str | None:
        template = v.templates.get((key, lang))
        return None if template is None else render(template, context)

    def text(name: str) -> Text | None:
        return None if getattr(v, name) is None else Text(filled(name, "nl"), filled(name, "en"))

    monitoring = None
    if v.monitoring is not None:
        indicator = Text(filled("monitoring", "nl"), filled("monitoring", "en"))
        monitoring = Monitoring(indicator, v.monitoring.frequency, v.monitoring.report_to)
    scoring = tuple(
        ScoringLevel(level.score, filled(f"scoring.{i}", "nl"), filled(f"scoring.{i}", "en"))
        for i, level in enumerate(v.scoring)
    )

    return AppliedCriterion(
        id=crit.id,
        pack=c.pack.id,
        theme=c.pack.theme,
        title=crit.title,
        kind=c.kind,
        ask_level=c.ask_level,
        status=crit.status,
        owner=crit.owner,
        scope=crit.scope,
        text=text("text"),
        verification=text("verification"),
        legal_basis=crit.legal_basis,
        eforms=crit.eforms,
        rationale=crit.rationale,
        weight=c.weight,
        submission=text("submission") if c.ask_level is not None else None,
        max_pages=c.max_pages,
        scoring=scoring,
        monitoring=monitoring,
        references=crit.references,
        events=c.events,
        overlaps=crit.overlaps,
    )


def _themes(applied: list[AppliedCriterion], pack_set: PackSet) -> tuple[ThemeAdvice, ...]:
    """One entry per theme of the packs in use, in the documented theme order (themes.py)."""
    themes = []
    for theme in themes_of(pack_set.packs):
        criteria = tuple(c for c in applied if c.theme == theme.id)
        packs = tuple(p.id for p in pack_set.packs if p.theme == theme.id)
        level = max((c.ask_level for c in criteria), key=ask_rank, default=None)
        themes.append(ThemeAdvice(theme.id, packs, level, criteria, label=theme.label))
    return tuple(themes)


def _accessibility(applied: list[AppliedCriterion], people_use: bool | None) -> Accessibility:
    baseline = tuple(c.id for c in applied if c.eforms.accessibility and c.kind == "eis")
    if people_use is False:
        return Accessibility(
            "n-inc",
            "Het resultaat is niet bedoeld voor gebruik door mensen (natuurlijke personen); toegankelijkheidseisen zijn daarom niet opgenomen.",
        )
    if people_use is None:
        return Accessibility(
            "undecided",
            "Nog onbekend wie het resultaat gebruikt. Vul in wie het resultaat gebruikt; dan blijkt welke "
            "toegankelijkheidseisen gelden.",
        )
    if baseline:
        return Accessibility("inc", "Toegankelijkheid is opgenomen in de eisen (technische specificaties).", baseline)
    return Accessibility(
        "n-inc-just",
        "Mensen gebruiken het resultaat, maar er is geen toegankelijkheidseis van toepassing. Neem een eis op, "
        "of leg in het aanbestedingsdossier vast waarom toegankelijkheid niet nodig is (verplicht, BT-755).",
    )


def _questions(candidates: list[Candidate], facts: Mapping[str, Any]) -> tuple[Question, ...]:
    waiting: dict[str, list[str]] = {}
    for c in candidates:
        if c.outcome == "not_applied":
            continue
        for field in c.questions:
            for profile_field in unknown_inputs(field, facts):
                waiting.setdefault(profile_field, [])
                if c.criterion.id not in waiting[profile_field]:
                    waiting[profile_field].append(c.criterion.id)
    return tuple(Question(f, FIELD_SPECS[f].question, tuple(ids)) for f, ids in sorted(waiting.items()))


def _trace(c: Candidate) -> TraceEntry:
    return TraceEntry(
        criterion=c.criterion.id,
        pack=c.pack.id,
        theme=c.pack.theme,
        outcome=c.outcome,
        condition=c.criterion.applies_when.describe(),
        reasons=c.reasons,
        scaling=c.scaling if c.outcome != "not_applied" else None,
        questions=c.questions if c.outcome != "not_applied" else (),
        undecided_steps=c.undecided_steps if c.outcome != "not_applied" else (),
        events=c.events,
    )


def _failure_notes(pack_set: PackSet) -> tuple[Notice, ...]:
    """A pack that failed to load is named; its problems are in the provenance, for its maintainer."""
    return tuple(Notice("pack_failed", {"plugin": f.plugin}) for f in pack_set.failures)


def _provenance(
    pack_set: PackSet, table: str, period: str | None, config: EngineConfig, adjusted_by: tuple[str, ...] = ()
) -> Provenance:
    return Provenance(
        library=LIBRARY,
        library_version=library_version(),
        packs=tuple(
            PackInfo(p.id, p.theme, p.version, p.sha256, len(p.criteria), p.distribution, p.distribution_version)
            for p in pack_set.packs
        ),
        pack_failures=tuple(PackFailureInfo(f.plugin, f.source, f.problems) for f in pack_set.failures),
        threshold_table=table,
        threshold_period=period,
        config=attrs.asdict(config),
        adjusted_by=adjusted_by,
    )


def _adjust(advice: Advice, profile: TenderProfile, pack_set: PackSet) -> Advice:
    """Let plugins adjust the advice, each in isolation: one that raises or returns something other
    than an advice is named and ignored, and one whose result breaks a central rule (`rulebook.breaches`,
    the same check as for buyer choices) is refused; both are recorded as events."""
    if not pack_set.plugins:
        return advice
    for impl in pack_set.manager().hook.mvoi_criteria_adjust_advice.get_hookimpls():
        name = str(getattr(impl.plugin, "__name__", None) or type(impl.plugin).__name__)
        try:
            changed = impl.function(advice=advice, profile=profile)
            if changed is None:
                continue
            if not isinstance(changed, Advice):
                raise TypeError(f"returned {type(changed).__name__}, not an advice")
            broken = breaches(changed)
        except Exception as exc:  # a broken plugin must not take the advice down
            problem = f"{type(exc).__name__}: {exc}"
            advice = attrs.evolve(
                advice, events=(*advice.events, RuleEvent("adjust_failed", {"plugin": name, "problem": problem}))
            )
            continue
        if broken:
            found = tuple(sorted({f"{b.rule}:{b.criterion or ''}" for b in broken}))
            event = RuleEvent("adjust_refused", {"plugin": name, "breaches": found})
            advice = attrs.evolve(advice, events=(*advice.events, event))
            continue
        provenance = attrs.evolve(changed.provenance, adjusted_by=(*changed.provenance.adjusted_by, name))
        advice = attrs.evolve(changed, provenance=provenance)
    return advice


def levels_offered(advice: Advice, criterion_id: str, packs: PackSet) -> dict[str, Variant] | str:
    """The ask levels the pack has a text for, for an applied criterion of this kind; or why none can
    be offered (pack missing or changed since the advice was made)."""
    applied = advice.criterion(criterion_id)
    if applied is None:
        return f"'{criterion_id}' is not in this advice"
    pack = packs.by_id(applied.pack)
    if pack is None:
        return f"pack '{applied.pack}' is not installed, so its texts for other levels are unavailable"
    recorded = next((p for p in advice.provenance.packs if p.id == pack.id), None)
    if recorded is None or recorded.sha256 != pack.sha256:
        return f"pack '{pack.id}' has changed since this advice was made; advise again first"
    criterion = next(c for c in pack.criteria if c.id == criterion_id)
    offered: dict[str, Variant] = {}
    for variant in criterion.variants:
        if variant.kind == applied.kind and variant.ask_level is not None:
            offered.setdefault(variant.ask_level, variant)
    return offered


def restate(advice: Advice, criterion_id: str, variant: Variant, packs: PackSet) -> AppliedCriterion:
    """The applied criterion rendered again from another variant of its pack (a buyer's ask-level
    choice), for the same profile and settings, keeping its weight and notes."""
    applied = advice.criterion(criterion_id)
    pack = packs.by_id(applied.pack)
    criterion = next(c for c in pack.criteria if c.id == criterion_id)
    config = config_of(advice)
    profile = apply_assumptions(profile_from_dict(advice.profile), advice.assumptions)
    derived = derive(profile, config, ambition_themes(packs.packs))
    candidate = Candidate(
        pack=pack,
        criterion=criterion,
        outcome="applied",
        reasons=(),
        questions=(),
        variant=variant,
        scaling=None,
        kind=variant.kind,
        ask_level=variant.ask_level,
        weight=applied.weight,
        max_pages=variant.max_pages,
    )
    [candidate], _ = PageCap().enforce([candidate], RuleContext(derived, config, profile.situation))
    restated = _render(candidate, template_context(fact_table(profile, derived)))
    return attrs.evolve(restated, notes=applied.notes, events=(*applied.events, *candidate.events))
