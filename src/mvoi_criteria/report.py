"""Readable summaries of an advice for the command line: plain text and Markdown."""

from __future__ import annotations

from .advice import Advice, AppliedCriterion, ThemeAdvice
from .formatting import format_euro
from .inference.report import assumption_lines
from .labels import label

__all__ = ["render_markdown", "render_text"]


def _facts(advice: Advice) -> list[str]:
    d = advice.derived
    value = advice.profile.get("estimated_value_eur")
    return [
        f"Waarde: {format_euro(value) if value is not None else 'onbekend'}",
        f"EU-drempel: {format_euro(d.eu_threshold_eur) if d.eu_threshold_eur else 'onbekend'}"
        + (f" (periode {d.threshold_period})" if d.threshold_period else ""),
        f"Procedure: {label(d.regime)} · omvang: {d.size_band or 'onbekend'}",
        f"Toegankelijkheid (BT-754): {advice.accessibility.status}: {advice.accessibility.statement}",
    ]


def _theme_ask(theme: ThemeAdvice) -> str:
    """The heaviest document asked in a theme, in words a buyer understands."""
    if theme.ask_level:
        return label(theme.ask_level)
    return "alleen verplichtingen, geen document" if theme.criteria else "niets"


def _criterion_line(c: AppliedCriterion) -> str:
    parts = [label(c.kind), label(c.ask_level) if c.ask_level else None, f"{c.weight:g}%" if c.weight else None]
    return f"{c.id} · {c.title.nl} [{', '.join(p for p in parts if p)}]"


def render_text(advice: Advice) -> str:
    lines = [f"Advies inclusief inkopen: {advice.profile.get('title')}", *("  " + f for f in _facts(advice)), ""]
    for theme in advice.themes:
        lines.append(f"{advice.theme_label(theme.theme)} (hoogste vraag: {_theme_ask(theme)})")
        if not theme.criteria:
            lines.append("  geen criteria van toepassing")
        for c in theme.criteria:
            lines.append(f"  + {_criterion_line(c)}")
            lines.append(f"      {c.text.nl}")
            trace = advice.trace_of(c.id)
            if trace:
                lines.append(f"      waarom: {'; '.join(trace.reasons)}")
                lines.extend(f"      let op: {n}" for n in trace.notes)
        lines.append("")
    others = [t for t in advice.trace if t.outcome != "applied"]
    if others:
        lines.append("Niet toegepast of onbeslist:")
        lines.extend(f"  - {t.criterion} ({label(t.outcome)}): {'; '.join((*t.reasons, *t.notes))}" for t in others)
        lines.append("")
    lines.extend(assumption_lines(advice.assumptions))
    if advice.questions:
        lines.append("Open vragen aan de inkoper:")
        lines.extend(f"  ? {q.field}: {q.question} (voor {', '.join(q.criteria)})" for q in advice.questions)
        lines.append("")
    lines.extend(f"! {n}" for n in advice.notes)
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
            trace = advice.trace_of(c.id)
            if trace:
                out += [f"*Waarom:* {'; '.join(trace.reasons)}", ""]
                out += [f"*Let op:* {n}" for n in trace.notes] + ([""] if trace.notes else [])
    others = [t for t in advice.trace if t.outcome != "applied"]
    if others:
        out += ["## Niet toegepast of onbeslist", "", "| criterium | uitkomst | reden |", "|---|---|---|"]
        out += [
            f"| {t.criterion} | {label(t.outcome)} | {'; '.join((*t.reasons, *t.notes)).replace('|', '/')} |"
            for t in others
        ]
        out.append("")
    out += assumption_lines(advice.assumptions, markdown=True)
    if advice.questions:
        out += (
            ["## Open vragen", ""]
            + [f"- **{q.field}**: {q.question} ({', '.join(q.criteria)})" for q in advice.questions]
            + [""]
        )
    if advice.notes:
        out += ["## Opmerkingen", ""] + [f"- {n}" for n in advice.notes] + [""]
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
