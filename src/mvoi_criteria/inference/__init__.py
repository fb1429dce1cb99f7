"""Inference of likely tender-profile facts and categories from CPV codes and Dutch words.

Every inferred fact is an `Assumption` with its source and a confirming question; facts the buyer
gave always win. The word lists and CPV rules are data (`rules.yaml`, checked against
`schemas/inference-rules.schema.json`), not code.
"""

from __future__ import annotations

from .cpv import CpvCode, CpvProblem, check_digit, is_social_service, parse_cpv
from .infer import Assumption, Inference, apply_assumptions, confirming_question, infer, infer_text
from .rules import RuleSet, load_rules, rule_set

__all__ = [
    "Assumption",
    "CpvCode",
    "CpvProblem",
    "Inference",
    "RuleSet",
    "apply_assumptions",
    "check_digit",
    "confirming_question",
    "infer",
    "infer_text",
    "is_social_service",
    "load_rules",
    "parse_cpv",
    "rule_set",
]
