"""Buyer choices: leave a criterion out, add an optional one back, change its ask level or weight,
each with a motivation.

The buyer has the last word within the law and the central rules; a choice outside them is refused
with a ChoiceError that names the criterion and the reason. The central rules are the rulebook's:
the advice as chosen is checked with `rulebook.breaches`, the same check as after an adjust hook.
Every accepted choice is recorded in `Advice.choices` and in the criterion's trace notes.
"""

from __future__ import annotations

import difflib
import math
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from .advice import Accessibility, Advice, AppliedCriterion, Choice, ThemeAdvice, TraceEntry
from .engine import levels_offered, restate
from .errors import ChoiceError, Problem
from .model import ASK_LEVELS, ask_rank
from .packs import Variant
from .plugins import PackSet, installed_packs
from .rulebook import Breach, RuleContext, breach_key, breaches, gather_plan
from .validation import schema_problems
from .yamlio import Document, DocumentError, json_path, load_document, read_text

__all__ = [
    "ACTIONS",
    "Choice",
    "accessibility_justification",
    "apply_choices",
    "apply_choices_file",
    "choices_from_data",
    "load_choices",
    "parse_choices",
    "visible",
]

ACTIONS: tuple[str, ...] = ("deselect", "ask_level", "weight", "add")
# Which choices a breach of an advice-wide rule (no criterion named) is laid at.
_RULE_ACTIONS = {"total_burden": ("add", "ask_level"), "weight_cap": ("weight", "add"), "award_count_cap": ("add",)}
_LineOf = Callable[[Sequence[str | int]], int | None]


def _no_lines(parts: Sequence[str | int]) -> int | None:
    return None


def visible(text: object) -> bool:
    """True when a text has a character a reader can see: not only spaces, zero-width or control marks."""
    return isinstance(text, str) and any(
        not char.isspace() and unicodedata.category(char) not in ("Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me")
        for char in text
    )


def _with_blanks(problems: list[Problem], items: Any, line_of: _LineOf) -> list[Problem]:
    """Schema problems, with a clear message in place of the schema's for blank texts."""
    blanks = _blank_problems(items, line_of)
    paths = {p.path for p in blanks}
    return sorted([*blanks, *(p for p in problems if p.path not in paths)], key=lambda p: (p.line or 0, p.path))


def _blank_problems(items: Sequence[Any], line_of: _LineOf) -> list[Problem]:
    """A motivation or a justification that shows nothing (blank, zero-width spaces) is no motivation."""
    problems: list[Problem] = []
    if not isinstance(items, list):
        return problems
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        fields = ["motivation"] + (
            ["value"] if item.get("action") == "deselect" and item.get("value") is not None else []
        )
        for field in fields:
            if not visible(item.get(field)):
                what = "motivation" if field == "motivation" else "justification (BT-755)"
                parts = ("choices", index, field)
                problems.append(
                    Problem(json_path(parts), f"the {what} is empty or invisible; write it out", line_of(parts))
                )
    return problems


# --- reading a choices file --------------------------------------------------------------------


def load_choices(path: str | Path) -> tuple[Choice, ...]:
    """Read a YAML or JSON choices file (schemas/choices.schema.json); every problem at once, with lines."""
    return _read(path)[0]


def parse_choices(text: str, source: str | None = None) -> tuple[Choice, ...]:
    return _parse(text, source)[0]


def choices_from_data(data: Any, source: str | None = None) -> tuple[Choice, ...]:
    """Choices from plain data such as ``{"choices": [...]}``, checked against the schema."""
    problems = (
        schema_problems("choices", data)
        if isinstance(data, dict)
        else [Problem("$", "choices must be a mapping with a 'choices' list")]
    )
    problems = _with_blanks(problems, data.get("choices") if isinstance(data, dict) else None, _no_lines)
    if problems:
        raise ChoiceError(source, problems)
    return tuple(_choice(item) for item in data["choices"])


def _read(path: str | Path) -> tuple[tuple[Choice, ...], Document]:
    source = str(path)
    try:
        text = read_text(path)
    except DocumentError as exc:
        raise ChoiceError(source, [exc.problem]) from None
    return _parse(text, source)


def _parse(text: str, source: str | None) -> tuple[tuple[Choice, ...], Document]:
    try:
        document = load_document(text)
    except DocumentError as exc:
        raise ChoiceError(source, [exc.problem]) from None
    if not isinstance(document.data, dict):
        raise ChoiceError(source, [Problem("$", "a choices file must be a mapping with a 'choices' list", 1)])
    problems = _with_blanks(schema_problems("choices", document), document.data.get("choices"), document.line_of)
    if problems:
        raise ChoiceError(source, problems)
    return tuple(_choice(item) for item in document.data["choices"]), document


def _choice(item: Mapping[str, Any]) -> Choice:
    value = item.get("value")
    if item["action"] == "weight":
        value = _number(value)
    return Choice(
        criterion=item["criterion"], action=item["action"], motivation=item["motivation"].strip(), value=value
    )


def _number(value: Any) -> Any:
    """Keep 8 an int and 7.5 a float, so the advice JSON shows what the buyer wrote."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# --- applying choices ---------------------------------------------------------------------------


def apply_choices(
    advice: Advice, choices: Iterable[Choice], *, source: str | None = None, packs: PackSet | None = None
) -> Advice:
    """Return the advice with the buyer's choices applied and recorded.

    All choices are checked together (a lowered weight may make room for a raised one); every
    refusal is reported at once as a ChoiceError with the path ``$.choices[i]`` of the choice.
    Deterministic: the same advice and choices give an equal advice. A changed ask level takes the
    pack's own text for that level, so `packs` must hold the packs the advice was made with
    (default: the installed packs).
    """
    return _apply(advice, tuple(choices), source, _no_lines, packs)


def apply_choices_file(advice: Advice, path: str | Path, *, packs: PackSet | None = None) -> Advice:
    """Load a choices file and apply it; refusals point at the line of the choice in the file."""
    choices, document = _read(path)
    return _apply(advice, choices, str(path), document.line_of, packs)


def accessibility_justification(advice: Advice) -> str | None:
    """The buyer's justification (BT-755) for leaving the accessibility requirements out, if given."""
    baseline = {t.criterion for t in advice.trace if t.theme == "toegankelijkheid"}
    texts = [
        str(c.value).strip()
        for c in advice.choices
        if c.action == "deselect" and c.criterion in baseline and visible(c.value)
    ]
    return " ".join(dict.fromkeys(texts)) or None


@attrs.define
class _Plan:
    deselect: dict[str, Choice] = attrs.Factory(dict)
    ask_level: dict[str, Choice] = attrs.Factory(dict)
    weight: dict[str, Choice] = attrs.Factory(dict)
    add: dict[str, Choice] = attrs.Factory(dict)


def _apply(
    advice: Advice,
    choices: tuple[Choice, ...],
    source: str | None,
    line_of: _LineOf,
    packs: PackSet | None,
    check_rules: bool = True,  # False only for tests that compare with the adjust-hook path
) -> Advice:
    packs = installed_packs() if packs is None else packs
    problems: list[Problem] = []

    def refuse(index: int, field: str, criterion: str, message: str) -> None:
        parts = ("choices", index, field)
        problems.append(Problem(json_path(parts), f"criterion '{criterion}': {message}", line_of(parts)))

    plan = _Plan()
    current = {c.id: c for c in advice.criteria}
    traced = {t.criterion: t for t in advice.trace}
    optional = {o.criterion.id for o in advice.optional}
    for index, choice in enumerate(choices):
        _check_one(
            index, choice, current, traced, optional, plan, refuse, lambda cid: levels_offered(advice, cid, packs)
        )
    _check_accessibility(advice, choices, plan, refuse)
    if problems:
        raise ChoiceError(source, sorted(problems, key=_choice_index))
    chosen = _evolve(advice, choices, plan, packs)
    if check_rules:
        _check_rules(advice, chosen, choices, plan, refuse)
    if problems:
        raise ChoiceError(source, sorted(problems, key=_choice_index))
    return chosen


def _check_rules(
    before: Advice,
    after: Advice,
    choices: tuple[Choice, ...],
    plan: _Plan,
    refuse: Callable[[int, str, str, str], None],
) -> None:
    """Refuse every central-rule breach the choices bring in, at the choices that cause it."""
    known = {breach_key(b) for b in breaches(before)}
    for breach in breaches(after):
        if breach_key(breach) in known:
            continue
        message = f"{_breach_text(breach)} (central rule {breach.rule})"
        at = [
            i
            for i, c in enumerate(choices)
            if (c.criterion == breach.criterion and getattr(plan, c.action).get(c.criterion) is c)
            or (breach.criterion is None and c.action in _RULE_ACTIONS.get(breach.rule, ("add",)))
        ] or [len(choices) - 1]
        for index in at:
            refuse(index, "value" if choices[index].action != "add" else "action", choices[index].criterion, message)


def _breach_text(breach: Breach) -> str:
    from .explain_rules import breach_sentence

    return breach_sentence(breach.rule, None, breach.params, "en")


def _choice_index(problem: Problem) -> int:
    return int(problem.path.split("[", 1)[1].split("]", 1)[0])


def _check_one(
    index: int,
    choice: Choice,
    current: dict[str, AppliedCriterion],
    traced: dict[str, TraceEntry],
    optional: set[str],
    plan: _Plan,
    refuse: Callable[[int, str, str, str], None],
    offered: Callable[[str], dict[str, Variant] | str],
) -> None:
    cid = choice.criterion
    if not visible(choice.motivation):
        refuse(index, "motivation", cid, "a choice needs a motivation for the tender file; it is empty")
    if choice.action not in ACTIONS:
        refuse(index, "action", cid, f"unknown action {choice.action!r}; use one of {', '.join(ACTIONS)}")
        return
    if cid not in traced:
        close = difflib.get_close_matches(cid, list(traced), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        refuse(index, "criterion", cid, f"no such criterion in this advice{hint}")
        return
    if choice.action == "add":
        if cid in current:
            refuse(index, "action", cid, "is already in this advice; only an optional criterion can be added")
        elif cid not in optional:
            refuse(index, "criterion", cid, "is not among the optional criteria of this advice, so it cannot be added")
        elif cid in plan.add:
            refuse(index, "action", cid, "conflicts with an earlier choice on the same criterion")
        else:
            plan.add[cid] = choice
        return
    if cid not in current:
        outcome = traced[cid].outcome
        why = "is not applied" if outcome == "not_applied" else "is undecided (answer the open questions first)"
        if cid in optional:
            why = "is optional (left out to keep the total burden in proportion; add it back first)"
        refuse(index, "criterion", cid, f"{why} in this advice; only a criterion in the advice can be changed")
        return
    criterion = current[cid]
    chosen = getattr(plan, choice.action)
    if (
        cid in chosen
        or (choice.action != "deselect" and cid in plan.deselect)
        or (choice.action == "deselect" and (cid in plan.ask_level or cid in plan.weight))
    ):
        refuse(
            index,
            "action",
            cid,
            "conflicts with an earlier choice on the same criterion; make one choice per action, and none besides a deselect",
        )
        return
    if choice.action == "deselect":
        if choice.value is not None and not isinstance(choice.value, str):
            refuse(
                index,
                "value",
                cid,
                "a deselect takes no value, or the justification text (BT-755) for the last accessibility requirement",
            )
            return
    elif choice.action == "ask_level":
        if choice.value not in ASK_LEVELS:
            refuse(index, "value", cid, f"ask level {choice.value!r} is not one of {', '.join(ASK_LEVELS)}")
            return
        levels = offered(cid)
        if criterion.ask_level is None and not levels:
            refuse(
                index,
                "value",
                cid,
                f"this {criterion.kind} asks the bidder for no document, so it has no ask level to change",
            )
            return
        if isinstance(levels, str) or choice.value not in levels:
            why = (
                levels
                if isinstance(levels, str)
                else (
                    f"the pack has no text for this {criterion.kind} that asks a {choice.value}; "
                    f"it offers: {', '.join(levels) or 'no other level'}"
                )
            )
            refuse(index, "value", cid, why)
            return
    else:
        if criterion.kind != "gunningscriterium":
            refuse(
                index, "action", cid, f"only a gunningscriterium carries a weight; this criterion is a {criterion.kind}"
            )
            return
        value = choice.value
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not math.isfinite(value)
            or not 0 < value <= 100
        ):
            refuse(
                index,
                "value",
                cid,
                f"a weight is a number of percent above 0 and at most 100, got {value!r}; to drop the criterion, deselect it",
            )
            return
    chosen[cid] = choice


def _check_accessibility(
    advice: Advice, choices: tuple[Choice, ...], plan: _Plan, refuse: Callable[[int, str, str, str], None]
) -> None:
    """Accessibility is mandatory in the technical specifications unless duly justified (Aw 2.75, Dir. art. 42)."""
    if advice.derived.people_use_result is not True or advice.accessibility.status != "inc":
        return
    baseline = [c.id for c in advice.criteria if c.eforms.accessibility and c.kind == "eis"]
    if not baseline or any(cid not in plan.deselect for cid in baseline):
        return
    if any(_justified(plan.deselect[cid]) for cid in baseline):
        return
    for index, choice in enumerate(choices):
        if (
            choice.action == "deselect"
            and plan.deselect.get(choice.criterion) is choice
            and choice.criterion in baseline
        ):
            refuse(
                index,
                "value",
                choice.criterion,
                "this leaves no accessibility requirement while people use the result; accessibility is mandatory in the "
                "technical specifications unless duly justified (Aw 2012 art. 2.75, Directive 2014/24/EU art. 42(1)). "
                "Give the justification for the notice (BT-755) as value, or keep the requirement",
            )


def _justified(choice: Choice) -> bool:
    return visible(choice.value)


def _note(choice: Choice, criterion: AppliedCriterion) -> str:
    if choice.action == "deselect":
        what = "deselected"
    elif choice.action == "add":
        what = "added from the optional criteria"
    elif choice.action == "ask_level":
        what = f"ask level changed from {criterion.ask_level} to {choice.value}"
    else:
        what = f"weight changed from {criterion.weight:g}% to {choice.value:g}%"  # type: ignore[str-format]
    return f"buyer choice: {what}; motivation: {choice.motivation.strip()}"


def _evolve(advice: Advice, choices: tuple[Choice, ...], plan: _Plan, packs: PackSet) -> Advice:
    if not choices:
        return advice
    optional = {o.criterion.id: o.criterion for o in advice.optional}
    current = {**optional, **{c.id: c for c in advice.criteria}}
    notes: dict[str, list[str]] = {}
    for choice in choices:
        notes.setdefault(choice.criterion, []).append(_note(choice, current[choice.criterion]))

    def changed(c: AppliedCriterion) -> AppliedCriterion:
        if c.id not in notes:
            return c
        if c.id in plan.ask_level:
            levels = levels_offered(advice, c.id, packs)
            assert isinstance(levels, dict)  # checked before anything was changed
            c = restate(advice, c.id, levels[str(plan.ask_level[c.id].value)], packs)
        updates: dict[str, Any] = {"notes": (*c.notes, *notes[c.id])}
        if c.id in plan.weight:
            updates["weight"] = plan.weight[c.id].value
        return attrs.evolve(c, **updates)

    order = {t.criterion: i for i, t in enumerate(advice.trace)}
    themes = []
    for theme in advice.themes:
        added = [optional[cid] for cid in plan.add if optional[cid].theme == theme.theme]
        members = sorted((*theme.criteria, *added), key=lambda c: order.get(c.id, len(order)))
        themes.append([changed(c) for c in members if c.id not in plan.deselect])
    previous = advice.implementation_plan
    if previous is not None:
        previous = attrs.evolve(previous, topics=tuple(t for t in previous.topics if t.criterion not in plan.ask_level))
    gathered, implementation_plan = gather_plan([c for kept in themes for c in kept], RuleContext.of(advice), previous)
    by_id = {c.id: c for c in gathered}
    theme_advice = []
    for theme, kept in zip(advice.themes, themes, strict=True):
        final = tuple(by_id[c.id] for c in kept)
        level = max((c.ask_level for c in final), key=ask_rank, default=None)
        theme_advice.append(ThemeAdvice(theme.theme, theme.packs, level, final, theme.label))
    trace = tuple(
        attrs.evolve(
            t,
            notes=(*t.notes, *notes[t.criterion]),
            outcome="not_applied"
            if t.criterion in plan.deselect
            else "applied"
            if t.criterion in plan.add
            else t.outcome,
        )
        if t.criterion in notes
        else t
        for t in advice.trace
    )
    recorded = tuple(Choice(c.criterion, c.action, c.motivation.strip(), _number(c.value)) for c in choices)
    chosen = attrs.evolve(
        advice,
        themes=tuple(theme_advice),
        trace=trace,
        choices=(*advice.choices, *recorded),
        implementation_plan=implementation_plan,
        optional=tuple(o for o in advice.optional if o.criterion.id not in plan.add),
    )
    return attrs.evolve(chosen, accessibility=_accessibility(advice.accessibility, chosen, plan))


def _accessibility(before: Accessibility, after: Advice, plan: _Plan) -> Accessibility:
    if before.status != "inc":
        return before
    remaining = tuple(cid for cid in before.criteria if cid not in plan.deselect)
    if remaining:
        return attrs.evolve(before, criteria=remaining)
    justification = accessibility_justification(after) or ""
    return Accessibility(
        "n-inc-just",
        f"Mensen gebruiken het resultaat, maar de inkoper heeft de toegankelijkheidseisen niet opgenomen. Rechtvaardiging: {justification}",
    )
