"""Readable summaries of an advice for the command line: plain text and Markdown, in Dutch.

Every explanation comes from `explain`, so a buyer reads statements about the tender, never
field paths or engine words.
"""

from __future__ import annotations

from .advice import Advice, AppliedCriterion, ThemeAdvice, TraceEntry
from .explain import (
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
from .formatting import format_euro
from .inference.report import assumption_lines
from .labels import label
from .vocabulary import value_label

__all__ = ["render_markdown", "render_text"]


def _facts(advice: Advice) -> list[str]:
    d = advice.derived
    value = advice.profile.get("estimated_value_eur")
    band = value_label("derived.size_band", d.size_band) if d.size_band else "onbekend"
    return [
        f"Waarde: {format_euro(value) if value is not None else 'onbekend'}",
        f"EU-drempel: {format_euro(d.eu_threshold_eur) if d.eu_threshold_eur else 'onbekend'}"
        + (f" (periode {d.threshold_period})" if d.threshold_period else ""),
        f"Procedure: {label(d.regime) if d.regime else 'onbekend'} · omvang: {band}",
        f"Toegankelijkheid (BT-754): {accessibility_status(advice.accessibility.status)}: "
        f"{advice.accessibility.statement}",
    ]


def _theme_ask(theme: ThemeAdvice) -> str:
    """The heaviest document asked in a theme, in words a buyer understands."""
    if theme.ask_level:
        return label(theme.ask_level)
    return "alleen verplichtingen, geen document" if theme.criteria else "niets"


def _criterion_line(c: AppliedCriterion) -> str:
    parts = [label(c.kind), label(c.ask_level) if c.ask_level else None, f"{c.weight:g}%" if c.weight else None]
    return f"{c.id} · {c.title.nl} [{', '.join(p for p in parts if p)}]"


def _explained(advice: Advice, trace: TraceEntry | None) -> tuple[str, str | None, tuple[str, ...]]:
    """Why, the level, and what to note, for one criterion."""
    if trace is None:
        return "", None, ()
    context = context_of(advice)
    return (
        sentences(explain_why(trace, "nl", context)),
        explain_level(trace, "nl", context),
        explain_attention(trace, "nl", context),
    )


def _choices(advice: Advice, criterion: str) -> list[str]:
    return [explain_choice(ch, "nl", with_motivation=True) for ch in advice.choices if ch.criterion == criterion]


def _other_reason(advice: Advice, t: TraceEntry) -> str:
    why, _, attention = _explained(advice, t)
    chosen = [f"Keuze inkoper: {c}" for c in _choices(advice, t.criterion)]
    return sentences((why, *attention, *chosen)) or "-"


def _plan(advice: Advice) -> list[str]:
    """The one implementation plan: a line on its size and deadline, then its topics."""
    plan = getattr(advice, "implementation_plan", None)
    if plan is None or not plan.topics:
        return []
    pages = "pagina" if plan.max_pages == 1 else "pagina's"
    head = (
        f"Uitvoeringsplan: één document van maximaal {plan.max_pages} {pages}, binnen {plan.deadline_days} "
        "dagen na de gunning, met een hoofdstuk per onderwerp:"
    )
    return [head, *(f"{topic.title.nl} ({topic.criterion})" for topic in plan.topics)]


def _optional(advice: Advice) -> list[str]:
    return [
        f"{o.criterion.id} · {o.criterion.title.nl}: {explain_event(o.reason)}" for o in getattr(advice, "optional", ())
    ]


def _remarks(advice: Advice) -> list[str]:
    """Notices on the whole advice, then what the central rules changed in it as a whole."""
    events = getattr(advice, "events", ())
    return [*(explain_notice(n) for n in advice.notes), *(explain_event(e) for e in events)]


def render_text(advice: Advice) -> str:
    lines = [f"Advies inclusief inkopen: {advice.profile.get('title')}", *("  " + f for f in _facts(advice)), ""]
    for theme in advice.themes:
        lines.append(f"{advice.theme_label(theme.theme)} (hoogste vraag: {_theme_ask(theme)})")
        if not theme.criteria:
            lines.append("  geen criteria van toepassing")
        for c in theme.criteria:
            lines.append(f"  + {_criterion_line(c)}")
            lines.append(f"      {c.text.nl}")
            why, level, attention = _explained(advice, advice.trace_of(c.id))
            if why:
                lines.append(f"      waarom: {why}")
            if level:
                lines.append(f"      niveau: {level}")
            lines.extend(f"      let op: {n}" for n in attention)
            lines.extend(f"      keuze inkoper: {n}" for n in _choices(advice, c.id))
        lines.append("")
    plan = _plan(advice)
    if plan:
        lines += [plan[0], *(f"  - {topic}" for topic in plan[1:]), ""]
    optional = _optional(advice)
    if optional:
        lines += ["Optioneel (weggelaten om de totale vraag in verhouding te houden):"]
        lines += [f"  o {line}" for line in optional] + [""]
    others = [t for t in advice.trace if t.outcome != "applied"]
    if others:
        lines.append("Niet toegepast of onbeslist:")
        lines.extend(f"  - {t.criterion} ({label(t.outcome)}): {_other_reason(advice, t)}" for t in others)
        lines.append("")
    lines.extend(assumption_lines(advice.assumptions))
    if advice.questions:
        lines.append("Open vragen aan de inkoper:")
        lines.extend(f"  ? {explain_question(q.field)} (voor {', '.join(q.criteria)})" for q in advice.questions)
        lines.append("")
    lines.extend(f"! {n}" for n in _remarks(advice))
    p = advice.provenance
    packs = ", ".join(f"{x.id} {x.version}" for x in p.packs) or "geen"
    lines.append(f"Gemaakt met {p.library} {p.library_version}; packs: {packs}; drempeltabel {p.threshold_table}.")
    return "\n".join(lines).rstrip() + "\n"


def render_markdown(advice: Advice) -> str:
    out = [f"# Advies inclusief inkopen: {advice.profile.get('title')}", "", *(f"- {f}" for f in _facts(advice)), ""]
    for theme in advice.themes:
        out += [
            f"## {advice.theme_label(theme.theme)}",
            "",
            f"Hoogste vraag aan de inschrijver: {_theme_ask(theme)}.",
            "",
        ]
        if not theme.criteria:
            out += ["Geen criteria van toepassing.", ""]
        for c in theme.criteria:
            out += [f"### {_criterion_line(c)}", "", c.text.nl, "", f"**Bewijsmiddel:** {c.verification.nl}", ""]
            if c.submission:
                pages = "pagina" if c.max_pages == 1 else "pagina's"
                out += [f"**In te dienen:** {c.submission.nl} (maximaal {c.max_pages} {pages})", ""]
            if c.scoring:
                out += ["**Beoordeling:**", ""] + [f"- {s.score:g}: {s.nl}" for s in c.scoring] + [""]
            if c.monitoring:
                m = c.monitoring
                out += [f"**Monitoring:** {m.indicator.nl} ({label(m.frequency)}, aan {label(m.report_to)})", ""]
            why, level, attention = _explained(advice, advice.trace_of(c.id))
            if why:
                out += [f"*Waarom:* {why}", ""]
            if level:
                out += [f"*Niveau:* {level}", ""]
            notes = [*attention, *(f"keuze inkoper: {n}" for n in _choices(advice, c.id))]
            out += [f"*Let op:* {n}" for n in notes] + ([""] if notes else [])
    plan = _plan(advice)
    if plan:
        out += ["## Uitvoeringsplan", "", plan[0], "", *(f"- {topic}" for topic in plan[1:]), ""]
    optional = _optional(advice)
    if optional:
        out += [
            "## Optioneel",
            "",
            "Weggelaten om de totale vraag in verhouding te houden; u kunt er een toevoegen.",
            "",
        ]
        out += [f"- {line}" for line in optional] + [""]
    others = [t for t in advice.trace if t.outcome != "applied"]
    if others:
        out += ["## Niet toegepast of onbeslist", "", "| criterium | uitkomst | reden |", "|---|---|---|"]
        out += [
            f"| {t.criterion} | {label(t.outcome)} | {_other_reason(advice, t).replace('|', '/')} |" for t in others
        ]
        out.append("")
    out += assumption_lines(advice.assumptions, markdown=True)
    if advice.questions:
        out += (
            ["## Open vragen", ""]
            + [f"- {explain_question(q.field)} ({', '.join(q.criteria)})" for q in advice.questions]
            + [""]
        )
    if _remarks(advice):
        out += ["## Opmerkingen", ""] + [f"- {n}" for n in _remarks(advice)] + [""]
    p = advice.provenance
    out += [
        "## Herkomst",
        "",
        f"- {p.library} {p.library_version}",
        *(f"- pack {x.id} {x.version} (sha256 {x.sha256[:12]}…)" for x in p.packs),
        f"- drempeltabel {p.threshold_table}",
        "",
    ]
    return "\n".join(out)
