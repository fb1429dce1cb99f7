"""The one place that turns explanation records into plain Dutch (B1) or English.

Evaluation, scaling and the central rules record *what* decided (`records`); renderers ask this
module *how to say it*. A sentence speaks of the tender ("Mensen van de opdrachtnemer werken op
locaties van de gemeente"), never of fields or operators.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from .derive import FIELD_SPECS
from .formatting import format_date as _format_date
from .formatting import format_euro
from .labels import label
from .records import Named, Notice, Reason, RuleEvent, Step
from .vocabulary import Term, field_label, question_text, term, value_label

__all__ = [
    "accessibility_status",
    "context_of",
    "explain_attention",
    "explain_choice",
    "explain_event",
    "explain_level",
    "explain_notice",
    "explain_question",
    "explain_reason",
    "explain_reasons",
    "explain_step",
    "explain_undecided_step",
    "explain_why",
    "format_date",
    "join_words",
    "sentences",
]

Context = Mapping[str, Any]
_THRESHOLD = "derived.eu_threshold_eur"
_WORDS = {
    "nl": {
        "or": "of",
        "and": "en",
        "unknown": "Nog niet bekend: {what}",
        "unknown_among": "Nog niet bekend: {what} ({values})",
        "either_way": "{label} is nog niet precies bekend, maar is in elk geval {values}",
        "base": "Basis",
        "scaled": "Aangepast aan deze opdracht",
        "may_rise": "Het niveau kan nog hoger worden zodra dit bekend is",
        "rule": "Een centrale regel van dit advies heeft dit criterium aangepast",
        "threshold": " van {amount}",
        "notice": "Opmerking bij dit advies",
    },
    "en": {
        "or": "or",
        "and": "and",
        "unknown": "Not yet known: {what}",
        "unknown_among": "Not yet known: {what} ({values})",
        "either_way": "The {label} is not known exactly yet, but is {values} either way",
        "base": "Base",
        "scaled": "Adjusted to this contract",
        "may_rise": "The level may rise once this is known",
        "rule": "A central rule of this advice changed this criterion",
        "threshold": " of {amount}",
        "notice": "Remark on this advice",
    },
}


def _words(lang: str) -> Mapping[str, str]:
    return _WORDS.get(lang, _WORDS["nl"])


def join_words(items: Iterable[str], lang: str = "nl", last: str = "and") -> str:
    """['a', 'b', 'c'] -> 'a, b en c' (or 'a, b of c' with last='or')."""
    words = list(items)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {_words(lang)[last]} " + words[-1]


def format_date(value: str | dt.date, lang: str = "nl") -> str:
    """'2026-03-01' -> '1 maart 2026' (English: '1 March 2026'), through `formatting` (Babel)."""
    return _format_date(value, lang)


def _euro(value: Any, lang: str) -> str:
    return format_euro(value, lang)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def context_of(advice: Any) -> dict[str, Any]:
    """The facts some sentences mention (the EU threshold), taken from an Advice."""
    return {_THRESHOLD: advice.derived.eu_threshold_eur}


def _value_words(path: str, t: Term, value: Any, lang: str) -> str:
    if t.euro and isinstance(value, (int, float)) and not isinstance(value, bool):
        return _euro(value, lang)
    if t.date and isinstance(value, (str, dt.date)):
        try:
            return format_date(value, lang)
        except ValueError:
            return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value_label(path, value, lang)


def _fill(text: Any, lang: str, context: Context | None, **values: str) -> str:
    threshold = (context or {}).get(_THRESHOLD)
    amount = _words(lang)["threshold"].format(amount=_euro(threshold, lang)) if threshold else ""
    return text.get(lang).format(threshold=amount, **values)


def _list_sentence(r: Reason, t: Term, lang: str, context: Context | None) -> str | None:
    actual = tuple(r.actual or ())
    operand = r.operand if isinstance(r.operand, tuple) else (r.operand,)
    if r.op == "cpv_prefix":
        matched = [c for c in actual if any(str(c).startswith(p) for p in operand)]
        if r.outcome and matched and t.each:
            return _fill(t.each, lang, context, value=join_words(matched, lang))
        if not actual and t.none:
            return _fill(t.none, lang, context)
        if t.each_not:
            return _fill(t.each_not, lang, context, value=join_words(operand, lang, "or"))
        return None
    words = lambda values: [value_label(r.field, v, lang) for v in values]  # noqa: E731
    if r.op in ("contains", "contains_any"):
        matched = [v for v in operand if v in actual]
        if r.outcome and matched and t.each:
            return _fill(t.each, lang, context, value=join_words(words(matched), lang))
        if not r.outcome and t.each_not:
            return _fill(t.each_not, lang, context, value=join_words(words(operand), lang, "or"))
    if not actual:
        return _fill(t.none, lang, context) if t.none else None
    if t.each:
        return _fill(t.each, lang, context, value=join_words(words(actual), lang))
    return None


def explain_reason(record: Reason | Named, lang: str = "nl", context: Context | None = None) -> str:
    """One record as a sentence (a named condition as the sentences of its reasons)."""
    if isinstance(record, Named):
        return ". ".join(explain_reasons(record.reasons, lang, context))
    r, t, w = record, term(record.field), _words(lang)
    unknown_what = (t.unknown or t.label).get(lang)
    if r.actual is None:
        return w["unknown"].format(what=unknown_what)
    if r.possible:
        values = join_words((_value_words(r.field, t, v, lang) for v in r.actual), lang, "or")
        if r.outcome is None:
            return w["unknown_among"].format(what=unknown_what, values=values)
        return _capital(w["either_way"].format(label=t.label.get(lang), values=values))
    spec = FIELD_SPECS.get(r.field)
    if (spec is not None and spec.type == "array") or isinstance(r.actual, tuple):
        sentence = _list_sentence(r, t, lang, context)
        if sentence:
            return sentence
    elif isinstance(r.actual, bool) and (t.true if r.actual else t.false) is not None:
        return _fill(t.true if r.actual else t.false, lang, context)
    elif r.actual in t.per_value:
        return _fill(t.per_value[r.actual], lang, context)
    elif t.value is not None:
        return _fill(t.value, lang, context, value=_value_words(r.field, t, r.actual, lang))
    if isinstance(r.actual, tuple):
        shown = join_words((_value_words(r.field, t, v, lang) for v in r.actual), lang)
    else:
        shown = _value_words(r.field, t, r.actual, lang)
    return _capital(f"{t.label.get(lang)}: {shown}")


def explain_reasons(
    records: Iterable[Reason | Named], lang: str = "nl", context: Context | None = None
) -> tuple[str, ...]:
    """Sentences for records in order, named conditions opened up, each sentence once."""
    out: dict[str, None] = {}
    for record in _merge_missed_codes(records):
        if isinstance(record, Named):
            out.update(dict.fromkeys(explain_reasons(record.reasons, lang, context)))
        else:
            out[explain_reason(record, lang, context)] = None
    return tuple(out)


def _merge_missed_codes(records: Iterable[Reason | Named]) -> list[Reason | Named]:
    """CPV prefixes that no code of the tender matches become one statement, not one per list."""
    merged: list[Reason | Named] = []
    missed: Reason | None = None
    for record in records:
        if isinstance(record, Reason) and record.op == "cpv_prefix" and record.outcome is False:
            if missed is None:
                missed = record
                merged.append(record)
            else:
                operand = tuple(dict.fromkeys((*missed.operand, *record.operand)))
                combined = Reason(missed.field, missed.op, operand, missed.actual, False)
                merged[merged.index(missed)] = combined
                missed = combined
            continue
        merged.append(record)
    return merged


def sentences(parts: Iterable[str]) -> str:
    """Sentences as one paragraph: 'A. B.'"""
    return " ".join(p if p.endswith((".", "?", "!")) else p + "." for p in parts if p)


def explain_step(step: Step, lang: str = "nl", context: Context | None = None) -> str:
    """The level a criterion got: the base form, or a heavier form because of the given facts."""
    w = _words(lang)
    head = w["base"] if step.index is None else w["scaled"]
    if step.note and step.index is not None:
        head += f": {step.note}"
    return sentences((head, *explain_reasons(step.reasons, lang, context)))


def explain_undecided_step(step: Step, lang: str = "nl", context: Context | None = None) -> str:
    """A heavier form that may apply once the buyer answers: what is not yet known."""
    unknown = [r for r in _leaves(step.reasons) if r.outcome is None]
    return sentences((_words(lang)["may_rise"], *explain_reasons(unknown or step.reasons, lang, context)))


def _leaves(records: Iterable[Reason | Named]) -> list[Reason]:
    out: list[Reason] = []
    for record in records:
        out.extend(_leaves(record.reasons) if isinstance(record, Named) else [record])
    return out


def explain_event(event: RuleEvent, lang: str = "nl") -> str:
    """What a central rule changed, from the rulebook's own sentences (`explain_rules`)."""
    try:
        from . import explain_rules  # type: ignore[attr-defined, unused-ignore]

        text = explain_rules.sentence(event, lang)
    except (ImportError, AttributeError, KeyError):
        text = None
    return text or _words(lang)["rule"] + "."


_NOTICES = {
    "threshold_period": (
        "De drempeltabel heeft geen bedragen voor {date}; de bedragen van {period} zijn gebruikt. "
        "Controleer welke drempels op de publicatiedatum gelden.",
        "The threshold table has no amounts for {date}; the amounts of {period} were used. "
        "Check the thresholds in force on the publication date.",
    ),
    "default_ambition": (
        "Voor {themes} is geen ambitie gekozen. Het advies gaat uit van de ambitie {default}. "
        "In een ambitiesessie kunt u de ambitie per thema kiezen.",
        "No ambition was chosen for {themes}. The advice assumes the ambition {default}. "
        "An ambition session can set it per theme.",
    ),
    "pack_failed": (
        "Het pack {plugin} kon niet worden gebruikt en ontbreekt in dit advies. "
        "De beheerder van het pack vindt de fouten in de herkomst van het advies.",
        "The pack {plugin} could not be used and is missing from this advice. "
        "Its maintainer finds the problems in the provenance of the advice.",
    ),
}


def explain_notice(notice: Notice | RuleEvent | str, lang: str = "nl") -> str:
    """A remark on the whole advice; free text (from a plugin) is shown as it is."""
    if isinstance(notice, str):
        return notice
    if isinstance(notice, RuleEvent):
        return explain_event(notice, lang)
    forms = _NOTICES.get(notice.topic)
    if forms is None:
        return _words(lang)["notice"] + "."
    p = dict(notice.params)
    if "date" in p:
        p["date"] = format_date(p["date"], lang)
    if "themes" in p:
        # Themes are open: a theme the labels do not know reads as its id in words ("sociaal inkopen").
        p["themes"] = join_words((label(t, lang).replace("_", " ").lower() for t in p["themes"]), lang)
    if "default" in p:
        p["default"] = value_label("ambition.representatie", p["default"], lang)
    return forms[1 if lang == "en" else 0].format(**p)


def accessibility_status(status: str, lang: str = "nl") -> str:
    """The BT-754 code as shown to a buyer; 'undecided' is not an eForms code, so it is said in words."""
    if status == "undecided":
        return "nog niet bepaald" if lang != "en" else "not yet decided"
    return status


def explain_question(field: str, lang: str = "nl") -> str:
    """The question to ask the buyer about a profile field (never the field's path)."""
    return question_text(field, lang)


def field_words(field: str, lang: str = "nl") -> str:
    """A field's label, e.g. for 'waits for' columns."""
    return field_label(field, lang)


def explain_why(entry: Any, lang: str = "nl", context: Context | None = None) -> tuple[str, ...]:
    """Why a criterion of the trace was applied, left out or left open: one sentence per fact."""
    return explain_reasons(entry.reasons, lang, context)


def explain_level(entry: Any, lang: str = "nl", context: Context | None = None) -> str | None:
    """The level a criterion of the trace got, when its pack scales it."""
    return None if entry.scaling is None else explain_step(entry.scaling, lang, context)


def explain_attention(entry: Any, lang: str = "nl", context: Context | None = None) -> tuple[str, ...]:
    """What the buyer should note on a criterion: central-rule changes, and heavier forms still open
    (two open steps that wait for the same answer are said once)."""
    notes = (
        *(explain_event(e, lang) for e in getattr(entry, "events", ())),
        *(explain_undecided_step(s, lang, context) for s in entry.undecided_steps),
    )
    return tuple(dict.fromkeys(notes))


_CHOICE = {
    "nl": {
        "deselect": "niet opnemen",
        "add": "toch opnemen",
        "justification": "rechtvaardiging (BT-755): {value}",
        "ask_level": "vraag aan de inschrijver: {value}",
        "weight": "gewicht {value}",
        "motivation": "Motivering",
    },
    "en": {
        "deselect": "leave out",
        "add": "include after all",
        "justification": "justification (BT-755): {value}",
        "ask_level": "ask the bidder for: {value}",
        "weight": "weight {value}",
        "motivation": "Motivation",
    },
}


def explain_choice(choice: Any, lang: str = "nl", with_motivation: bool = False) -> str:
    """A buyer's choice in words ('vraag aan de inschrijver: visie'), optionally with its motivation."""
    w = _CHOICE.get(lang, _CHOICE["nl"])
    if choice.action == "deselect":
        text = w["deselect"]
        if isinstance(choice.value, str) and choice.value.strip():
            text += "; " + w["justification"].format(value=choice.value.strip())
    elif choice.action == "add":
        text = w["add"]
    elif choice.action == "ask_level":
        text = w["ask_level"].format(value=label(str(choice.value), lang))
    elif isinstance(choice.value, (int, float)):
        number = f"{choice.value:g}"
        text = w["weight"].format(value=(number.replace(".", ",") if lang == "nl" else number) + "%")
    else:
        text = str(choice.value or choice.action)
    return f"{text}. {w['motivation']}: {choice.motivation}" if with_motivation else text
