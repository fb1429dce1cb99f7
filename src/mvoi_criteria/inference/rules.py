"""The inference rules (rules.yaml): loaded and schema-checked once, compiled into lookups.

Words are matched per word of the text: as a whole word, as the first part of a compound
("liftonderhoud") or as the last part ("traplift"). The longest matching form wins within one word,
so "koffieautomaten" is read as automaten and "videobewaking" as bewaking.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

import attrs

from ..errors import InputError, Problem
from ..validation import schema_problems
from ..yamlio import YamlSyntaxError, load_document

__all__ = ["CpvRule", "RuleSet", "WordMatch", "WordRule", "rule_set"]

_WORD = re.compile(r"[a-zà-ÿ]+")


class RulesError(InputError):
    """The shipped inference rules are invalid (a packaging mistake, reported like any bad input)."""

    kind = "inference rules"


@attrs.frozen
class WordRule:
    id: str
    forms: tuple[str, ...]
    compound: str
    excepted: tuple[str, ...]
    category: str | None
    facts: Mapping[str, Any]
    signals: tuple[str, ...]


@attrs.frozen
class CpvRule:
    prefix: str
    name: str | None
    facts: Mapping[str, Any]
    signals: tuple[str, ...]


@attrs.frozen
class WordMatch:
    """A word of the text that matched a rule, and the form that matched it."""

    word: str
    form: str
    rule: WordRule


@attrs.frozen
class RuleSet:
    version: str
    cpv: tuple[CpvRule, ...]
    words: tuple[WordRule, ...]
    _whole: dict[str, list[WordRule]] = attrs.field(factory=dict)
    _start: dict[str, list[WordRule]] = attrs.field(factory=dict)
    _end: dict[str, list[WordRule]] = attrs.field(factory=dict)
    _seen: dict[str, list[WordMatch]] = attrs.field(factory=dict)  # words repeat across a calendar

    def __attrs_post_init__(self) -> None:
        for rule in self.words:
            for form in rule.forms:
                self._whole.setdefault(form, []).append(rule)
                if rule.compound in ("both", "start"):
                    self._start.setdefault(form, []).append(rule)
                if rule.compound in ("both", "end"):
                    self._end.setdefault(form, []).append(rule)

    def cpv_rules(self, digits: str) -> list[CpvRule]:
        """The rules whose prefix the code starts with, shortest prefix first."""
        return sorted((r for r in self.cpv if digits.startswith(r.prefix)), key=lambda r: len(r.prefix))

    def match_words(self, text: str) -> list[WordMatch]:
        """Every word of the text that matches a rule, in text order."""
        return [m for word in _WORD.findall(text.lower()) for m in self._cached(word)]

    def _cached(self, word: str) -> list[WordMatch]:
        found = self._seen.get(word)
        if found is None:
            if len(self._seen) >= 100_000:  # bounded: a calendar's vocabulary is far smaller
                self._seen.clear()
            found = self._seen[word] = self._match_word(word)
        return found

    def _match_word(self, word: str) -> list[WordMatch]:
        found: list[tuple[str, WordRule]] = [(word, r) for r in self._whole.get(word, ())]
        for size in range(2, len(word)):
            found += [(word[:size], r) for r in self._start.get(word[:size], ())]
            found += [(word[-size:], r) for r in self._end.get(word[-size:], ())]
        found = [(form, r) for form, r in found if not word.startswith(r.excepted)]
        if not found:
            return []
        longest = max(len(form) for form, _ in found)
        seen: set[str] = set()
        matches = []
        for form, rule in found:
            if len(form) == longest and rule.id not in seen:
                seen.add(rule.id)
                matches.append(WordMatch(word, form, rule))
        return matches


def _compile(data: dict[str, Any]) -> RuleSet:
    return RuleSet(
        version=data["version"],
        cpv=tuple(
            CpvRule(r["prefix"], r.get("name"), r.get("facts", {}), tuple(r.get("signals", ()))) for r in data["cpv"]
        ),
        words=tuple(
            WordRule(
                r["id"],
                tuple(r["forms"]),
                r.get("compound", "both"),
                tuple(r.get("except", ())),
                r.get("category"),
                r.get("facts", {}),
                tuple(r.get("signals", ())),
            )
            for r in data["words"]
        ),
    )


def load_rules(text: str, source: str) -> RuleSet:
    """Parse and validate a rules file (all problems at once, with lines) and compile it."""
    try:
        document = load_document(text)
    except YamlSyntaxError as exc:
        raise RulesError(source, [exc.problem]) from None
    problems = schema_problems("inference-rules", document)
    if problems:
        raise RulesError(source, problems)
    ids = [r["id"] for r in document.data["words"]]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise RulesError(source, [Problem("$.words", f"duplicate word rule id(s): {', '.join(duplicates)}")])
    return _compile(document.data)


@cache
def rule_set() -> RuleSet:
    """The rules shipped with the library."""
    text = resources.files(__package__).joinpath("rules.yaml").read_text("utf-8")
    return load_rules(text, "mvoi_criteria/inference/rules.yaml")
