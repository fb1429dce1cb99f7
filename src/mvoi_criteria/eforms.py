"""eForms export in the SDK's own terms: field ids, nodes and codes from the eForms SDK, checked by its rules.

The export is JSON in the shape of the SDK's node tree (``ND-Lot`` > ``ND-LotProcurementScope`` >
``ND-StrategicProcurementType`` ...), keyed by the SDK's field ids (``BT-06-Lot``, ``BT-541-Lot-WeightNumber``,
...); text fields carry their language id (``{"NLD": "..."}``). The fields, their lengths, mandatory and
forbidden rules and the codelists come from the SDK subset shipped in ``mvoi_criteria/eforms_sdk``
(CC BY 4.0, Publications Office of the EU). Inclusion award criteria come from the advice; the buyer
adds price and the other criteria. Until the price weight is known the export is valid but
incomplete: `eforms_warnings` says what is still to be filled in.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import attrs

from .advice import Advice, AppliedCriterion
from .choices import accessibility_justification as _chosen_justification
from .errors import InputError, Problem
from .model import Text
from .yamlio import DocumentError, json_path, read_document

__all__ = [
    "AWARD_CRITERION_TYPES",
    "EXPORT_FORMAT",
    "LANGUAGE_IDS",
    "LIGHT_REGIME_NOTICE_TYPE",
    "NOTICE_TYPE",
    "AwardCriterion",
    "EformsError",
    "award_criteria_from_data",
    "codelist",
    "eforms_warnings",
    "export_eforms",
    "field",
    "field_values",
    "load_award_criteria",
    "validate_eforms",
]

EXPORT_FORMAT = "mvoi-criteria/eforms-export/2"
# Contract notice under Directive 2014/24/EU: standard regime (16), or light regime for social and other
# specific services (20). The export names the one that fits the profile; validation follows it.
NOTICE_TYPE = "16"
LIGHT_REGIME_NOTICE_TYPE = "20"
# eForms language ids (ISO 639-3, as in the XML's languageID) per document language.
LANGUAGE_IDS = {"nl": "NLD", "en": "ENG"}
AWARD_CRITERION_TYPES: tuple[str, ...] = ("quality", "cost", "price")
# Kinds that are not criteria of the contract (a question for information only) and stay out of eForms.
_NOT_IN_NOTICE = ("informatievraag",)

# Where each node sits, as the SDK's xmlStructure has it.
_SCOPE = ("ND-Lot", "ND-LotProcurementScope")
_CRITERIA = ("ND-Lot", "ND-LotTenderingTerms", "ND-AwardingTerms", "ND-LotAwardCriteria")
_WEIGHT = ("ND-LotAwardCriterionParameters", "ND-LotAwardWeightCriterionParameter")


class EformsError(InputError):
    """The advice or the buyer's award criteria cannot be exported (e.g. accessibility still undecided)."""

    kind = "eForms export"


# --- the shipped SDK subset --------------------------------------------------------------------


@cache
def _sdk() -> dict[str, Any]:
    folder = resources.files("mvoi_criteria").joinpath("eforms_sdk")
    fields = json.loads(folder.joinpath("fields.json").read_text("utf-8"))
    lists = json.loads(folder.joinpath("codelists.json").read_text("utf-8"))
    return {
        "version": fields["sdkVersion"],
        "fields": {f["id"]: f for f in fields["fields"]},
        "nodes": {n["id"]: n for n in fields["xmlStructure"]},
        "codelists": lists,
    }


def field(field_id: str) -> dict[str, Any]:
    """The SDK's definition of one field (type, parent node, maxLength, codeList, rules)."""
    return _sdk()["fields"][field_id]


def codelist(list_id: str) -> dict[str, dict[str, str]]:
    """The codes of an SDK codelist with their English and Dutch labels; empty when not shipped."""
    return _sdk()["codelists"].get(list_id, {}).get("codes", {})


def _codes_of(field_id: str) -> tuple[str, ...]:
    return tuple(codelist(field(field_id)["codeList"]["value"]["id"]))


# --- the buyer's other award criteria ----------------------------------------------------------


@attrs.frozen
class AwardCriterion:
    """A criterion the buyer adds next to the inclusion criteria: price, cost or another quality criterion."""

    name: str
    type: Literal["price", "cost", "quality"]
    weight: float | None = None
    description: str | None = None


_CRITERION_KEYS = ("name", "type", "weight", "description")


def award_criteria_from_data(data: Any, source: str | None = None, line_of: Any = None) -> tuple[AwardCriterion, ...]:
    """Check a list of ``{name, type: price|cost|quality, weight, description?}``; every problem at once."""
    problems: list[Problem] = []

    def problem(parts: tuple[str | int, ...], message: str) -> None:
        problems.append(Problem(json_path(parts), message, line_of(parts) if line_of else None))

    prefix: tuple[str, ...] = ()
    if isinstance(data, Mapping) and "criteria" in data:
        data, prefix = data["criteria"], ("criteria",)
    if not isinstance(data, list):
        raise EformsError(source, [Problem(json_path(prefix), "award criteria must be a list of {name, type, weight}")])
    result = []
    for index, item in enumerate(data):
        at: tuple[str | int, ...] = (*prefix, index)
        if not isinstance(item, Mapping):
            problem(at, "an award criterion must be a mapping with name, type and weight")
            continue
        for key in sorted(set(item) - set(_CRITERION_KEYS)):
            problem((*at, key), f"unknown field {key!r}; allowed: {', '.join(_CRITERION_KEYS)}")
        name, kind, weight, description = (item.get(k) for k in _CRITERION_KEYS)
        if not isinstance(name, str) or not name.strip():
            problem((*at, "name"), "name is required text")
        if kind not in AWARD_CRITERION_TYPES:
            problem((*at, "type"), f"{kind!r} is not one of {', '.join(AWARD_CRITERION_TYPES)}")
        if weight is not None and (
            isinstance(weight, bool)
            or not isinstance(weight, (int, float))
            or not math.isfinite(weight)
            or not 0 < weight <= 100
        ):
            problem((*at, "weight"), f"weight must be a number of percent above 0 and at most 100, got {weight!r}")
        if description is not None and not isinstance(description, str):
            problem((*at, "description"), "description must be text")
        if not problems and isinstance(name, str):
            result.append(AwardCriterion(name.strip(), kind, weight, description))  # type: ignore[arg-type]
    if problems:
        raise EformsError(source, problems)
    return tuple(result)


def load_award_criteria(path: str | Path) -> tuple[AwardCriterion, ...]:
    """Read the buyer's other award criteria from YAML or JSON: a list, or a mapping with `criteria`."""
    source = str(path)
    try:
        document = read_document(path)
    except DocumentError as exc:
        raise EformsError(source, [exc.problem]) from None
    return award_criteria_from_data(document.data, source, document.line_of)


# --- export ------------------------------------------------------------------------------------


def _text(value: Text | str, lang: str) -> dict[str, str]:
    """A multilingual eForms text: keyed by the language id of the text actually given (Dutch as fallback)."""
    if isinstance(value, str):
        return {LANGUAGE_IDS[lang]: value}
    used = "en" if lang == "en" and value.en else "nl"
    return {LANGUAGE_IDS[used]: value.get(used)}


def export_eforms(
    advice: Advice,
    *,
    other_criteria: Iterable[AwardCriterion | Mapping[str, Any]] = (),
    price_weight: float | None = None,
    accessibility_justification: str | None = None,
    lang: str = "nl",
    source: str | None = None,
    notice_type: str | None = None,
) -> dict[str, Any]:
    """The eForms fields of the lot, in the SDK's node tree, from the advice plus the buyer's award criteria.

    `price_weight` is a shortcut for one price criterion. Without a price or cost criterion the export
    has a price criterion marked as to be completed (no weight; see `eforms_warnings`).
    `accessibility_justification` fills BT-755 when people use the result but no accessibility
    requirement applies; a justification given with a buyer's deselect choice is used otherwise.
    Raises EformsError, naming `source` (the profile file), when accessibility is still undecided
    (BT-754 has no such code) or the profile is a running contract (no notice; an amendment instead). `notice_type` defaults to 20 (light regime) for social services and 16
    otherwise. Pass the result to `validate_eforms` for the SDK's rules.
    """
    if advice.profile.get("situation") == "bestaand_contract":
        raise EformsError(
            source or "<advice>",
            [
                Problem(
                    "$.situation",
                    "a running contract (bestaand_contract) gets no contract notice: its new duties are agreed with "
                    "the supplier as an amendment; draft it with --format md or docx",
                )
            ],
        )
    if advice.accessibility.status == "undecided":
        raise EformsError(
            source or "<advice>",
            [
                Problem(
                    "$.used_by",
                    "accessibility (BT-754) is still undecided: fill in 'used_by' in the tender profile "
                    "(medewerkers, bewoners, beide or niemand) and draft again",
                )
            ],
        )
    if lang not in LANGUAGE_IDS:
        raise ValueError(f"language must be one of {', '.join(LANGUAGE_IDS)}, got {lang!r}")
    in_notice = [c for c in advice.criteria if c.kind not in _NOT_IN_NOTICE]
    others = [c if isinstance(c, AwardCriterion) else award_criteria_from_data([dict(c)])[0] for c in other_criteria]
    price_name = "Price" if lang == "en" else "Prijs"
    if price_weight is not None:
        others.insert(0, AwardCriterion(price_name, "price", price_weight))
    to_complete: list[str] = []
    if not any(o.type in ("price", "cost") for o in others):
        others.insert(0, AwardCriterion(price_name, "price", None, _PRICE_TO_COMPLETE[lang]))

    criteria = [
        _criterion(c.title, "quality", c.weight, c.text, lang) for c in in_notice if c.kind == "gunningscriterium"
    ]
    sources: list[str | None] = [c.id for c in in_notice if c.kind == "gunningscriterium"]
    for other in others:
        criteria.append(_criterion(other.name, other.type, other.weight, other.description or other.name, lang))
        sources.append(None)
    for index, criterion in enumerate(criteria):
        if "ND-LotAwardCriterionParameters" not in criterion:
            where = ("notice", "ND-Lot", 0, *_CRITERIA[1:], "ND-LotAwardCriterion", index, *_WEIGHT)
            to_complete.append(json_path((*where, "BT-541-Lot-WeightNumber")))

    lot: dict[str, Any] = {
        "ND-LotProcurementScope": _scope(advice, in_notice, accessibility_justification, lang),
        "ND-LotTenderingTerms": {
            "ND-AwardingTerms": {"ND-LotAwardCriteria": {"ND-LotAwardCriterion": criteria}},
            "ND-LotReservedParticipation": {
                "ND-LotReservedProcurement": [{"BT-71-Lot": code} for code in _reserved(in_notice)]
            },
        },
    }
    return {
        "format": EXPORT_FORMAT,
        "sdk": {"version": _sdk()["version"], "noticeType": notice_type or _notice_type(advice)},
        "notice": {"ND-Lot": [lot]},
        "mvoi-criteria": {
            "awardCriterionSources": sources,
            "toComplete": to_complete,
        },
    }


def _notice_type(advice: Advice) -> str:
    return LIGHT_REGIME_NOTICE_TYPE if advice.profile.get("social_services") is True else NOTICE_TYPE


_PRICE_TO_COMPLETE = {
    "nl": "Prijs; het gewicht vult de inkoper in, zodat alle gewichten samen 100% zijn.",
    "en": "Price; the buyer fills in its weight, so that all weights add up to 100%.",
}


def _scope(
    advice: Advice, in_notice: Sequence[AppliedCriterion], justification: str | None, lang: str
) -> dict[str, Any]:
    social_codes = _codes_of("BT-775-Lot")
    social = sorted({code for c in in_notice for code in c.eforms.bt_775}, key=social_codes.index)
    scope: dict[str, Any] = {}
    if social:
        scope["ND-StrategicProcurementType"] = [
            {
                "BT-06-Lot": "soc-obj",
                "BT-777-Lot": {LANGUAGE_IDS[lang]: _strategic_description(advice, in_notice, lang)},
            }
        ]
        scope["ND-LotSocialObjectiveType"] = [{"BT-775-Lot": code} for code in social]
    else:
        scope["ND-StrategicProcurementType"] = [{"BT-06-Lot": "none"}]
    accessibility: dict[str, Any] = {"BT-754-Lot": advice.accessibility.status}
    if advice.accessibility.status == "n-inc-just":
        text = justification or _chosen_justification(advice)
        if text:
            accessibility["BT-755-Lot"] = {LANGUAGE_IDS[lang]: text}
    scope["ND-AccessibilityJustification"] = accessibility
    return scope


def _reserved(in_notice: Sequence[AppliedCriterion]) -> list[str]:
    """BT-71: the reservations the applied criteria ask for, or 'none' (the field is mandatory)."""
    codes = _codes_of("BT-71-Lot")
    asked = sorted({c.eforms.bt_71 for c in in_notice if c.eforms.bt_71}, key=codes.index)
    return asked or ["none"]


def _criterion(name: Text | str, kind: str, weight: float | None, description: Text | str, lang: str) -> dict[str, Any]:
    item: dict[str, Any] = {"BT-539-Lot": kind, "BT-734-Lot": _text(name, lang), "BT-540-Lot": _text(description, lang)}
    if weight is not None:
        item["ND-LotAwardCriterionParameters"] = {
            "ND-LotAwardWeightCriterionParameter": {"BT-541-Lot-WeightNumber": weight, "BT-5421-Lot": "per-exa"}
        }
    return item


def _strategic_description(advice: Advice, in_notice: Sequence[AppliedCriterion], lang: str) -> str:
    """BT-777 in words, per theme of the advice (in theme order); a theme without an eForms code of its
    own, such as sociale veiligheid, is named here."""
    parts = []
    for theme in advice.themes:
        titles = [c.title.get(lang) for c in in_notice if c.theme == theme.theme and c.eforms.bt_775]
        if titles:
            parts.append(f"{advice.theme_label(theme.theme, lang)}: {'; '.join(titles)}")
    head = (
        "Inclusive procurement (City of Amsterdam, handelingskader Inclusief Inkopen)"
        if lang == "en"
        else "Inclusief inkopen (gemeente Amsterdam, handelingskader Inclusief Inkopen)"
    )
    return f"{head}. " + ". ".join(parts) + "."


# --- validation --------------------------------------------------------------------------------

Fail = Callable[[tuple[str | int, ...], str], None]


def validate_eforms(export: Mapping[str, Any], *, notice_type: str | None = None) -> list[Problem]:
    """Every SDK rule the export breaks, each with the JSON path of the field; empty when valid.

    Checks the node tree and field ids against the SDK's fields.json, codes against its codelists,
    lengths, the mandatory and forbidden rules for the notice type, and the weight tolerance. A price
    weight still to be completed is not an error: `eforms_warnings` reports it.
    """
    return _check(export, notice_type)[0]


def field_values(node: Any, field_id: str) -> Iterator[Any]:
    """Every value of one field (e.g. "BT-71-Lot") anywhere in an export, in document order: what a tool
    reads to fill its own form."""
    if isinstance(node, Mapping):
        for key, value in node.items():
            if key == field_id:
                yield value
            yield from field_values(value, field_id)
    elif isinstance(node, list):
        for value in node:
            yield from field_values(value, field_id)


def eforms_warnings(export: Mapping[str, Any]) -> list[Problem]:
    """What the buyer still has to fill in before the notice can be sent (e.g. the price weight)."""
    return _check(export, None)[1]


def _check(export: Mapping[str, Any], notice_type: str | None) -> tuple[list[Problem], list[Problem]]:
    errors: list[Problem] = []
    warnings: list[Problem] = []

    def fail(parts: tuple[str | int, ...], message: str) -> None:
        errors.append(Problem(json_path(parts), message))

    notice = export.get("notice") if isinstance(export, Mapping) else None
    if not isinstance(notice, Mapping) or not isinstance(notice.get("ND-Lot"), list) or not notice["ND-Lot"]:
        return [Problem("$.notice.ND-Lot", "the export needs a 'notice' with a list of lots (ND-Lot)")], []
    sdk_info = export.get("sdk")
    kind = notice_type or (sdk_info.get("noticeType") if isinstance(sdk_info, Mapping) else None) or NOTICE_TYPE
    for index, lot in enumerate(notice["ND-Lot"]):
        at: tuple[str | int, ...] = ("notice", "ND-Lot", index)
        if not isinstance(lot, Mapping):
            fail(at, "a lot (ND-Lot) must be a mapping")
            continue
        present: dict[str, list[tuple[str | int, ...]]] = {}
        _walk(lot, "ND-Lot", at, fail, present)
        _presence_rules(present, kind, at, fail)
        _lot_rules(lot, at, fail, warnings)
    return errors, warnings


def _walk(
    node: Mapping[str, Any],
    node_id: str,
    at: tuple[str | int, ...],
    fail: Fail,
    present: dict[str, list[tuple[str | int, ...]]],
) -> None:
    """Check keys, nesting, repetition, types, codes and lengths against the SDK; note where each field is."""
    sdk = _sdk()
    for key, value in node.items():
        here = (*at, key)
        if key in sdk["nodes"]:
            child = sdk["nodes"][key]
            if child.get("parentId") != node_id:
                fail(here, f"node {key} belongs in {child.get('parentId')}, not in {node_id}")
                continue
            items = value if isinstance(value, list) else [value]
            if isinstance(value, list) and not child.get("repeatable"):
                fail(here, f"node {key} is not repeatable: give one mapping, not a list")
            elif not isinstance(value, list) and child.get("repeatable"):
                fail(here, f"node {key} is repeatable: give a list of mappings")
                continue
            for i, item in enumerate(items):
                spot = (*here, i) if isinstance(value, list) else here
                if isinstance(item, Mapping):
                    _walk(item, key, spot, fail, present)
                else:
                    fail(spot, f"node {key} must be a mapping of field ids")
        elif key in sdk["fields"]:
            definition = sdk["fields"][key]
            if definition["parentNodeId"] != node_id:
                fail(here, f"field {key} belongs in {definition['parentNodeId']}, not in {node_id}")
                continue
            present.setdefault(key, []).append(here)
            _check_value(key, value, here, fail)
        else:
            fail(here, f"{key!r} is neither a field nor a node of the eForms SDK ({sdk['version']})")


def _check_value(field_id: str, value: Any, at: tuple[str | int, ...], fail: Fail) -> None:
    definition = field(field_id)
    kind, name = definition["type"], f"{field_id} ({definition.get('name', '')})"
    if kind == "code":
        codes = codelist(definition["codeList"]["value"]["id"])
        if not isinstance(value, str):
            fail(at, f"{name} must be one code, got {value!r}")
        elif codes and value not in codes:
            fail(
                at,
                f"{name} {value!r} is not in the {definition['codeList']['value']['id']} codelist ({', '.join(codes)})",
            )
    elif kind == "text-multilingual":
        if not isinstance(value, Mapping) or not value:
            fail(at, f'{name} must map a language id to text, e.g. {{"NLD": "..."}}')
            return
        limit = definition.get("maxLength")
        for language, text in value.items():
            if language not in LANGUAGE_IDS.values() and not (
                isinstance(language, str) and len(language) == 3 and language.isupper()
            ):
                fail((*at, language), f"{language!r} is not an eForms language id (such as NLD or ENG)")
            elif not isinstance(text, str) or not text.strip():
                fail((*at, language), f"{name} must be text")
            elif limit and len(text) > limit:
                fail((*at, language), f"{name} is {len(text)} characters long; the SDK allows at most {limit}")
    elif kind == "number" and _decimal(value) is None:
        fail(at, f"{name} must be a finite number, got {value!r}")


def _presence_rules(
    present: Mapping[str, list[tuple[str | int, ...]]], notice_type: str, at: tuple[str | int, ...], fail: Fail
) -> None:
    """The SDK's unconditional mandatory and forbidden rules for this notice type."""
    for field_id, definition in _sdk()["fields"].items():
        for rule in ("mandatory", "forbidden"):
            for constraint in definition.get(rule, {}).get("constraints", []):
                if constraint.get("condition") or notice_type not in constraint.get("noticeTypes", ()):
                    continue
                if rule == "mandatory" and constraint["value"] and field_id not in present:
                    fail(at, f"{field_id} ({definition['name']}) is mandatory in notice type {notice_type}")
                if rule == "forbidden" and constraint["value"] and field_id in present:
                    for where in present[field_id]:
                        fail(where, f"{field_id} is forbidden in notice type {notice_type}")


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _text_given(value: Any) -> bool:
    return isinstance(value, Mapping) and any(isinstance(t, str) and t.strip() for t in value.values())


def _lot_rules(lot: Mapping[str, Any], at: tuple[str | int, ...], fail: Fail, warnings: list[Problem]) -> None:
    """The SDK's conditional rules between the fields of one lot (fields.json conditions and assertions)."""
    scope = lot.get("ND-LotProcurementScope")
    scope = scope if isinstance(scope, Mapping) else {}
    _strategic_rules(scope, (*at, "ND-LotProcurementScope"), fail)
    access = scope.get("ND-AccessibilityJustification")
    if isinstance(access, Mapping):
        spot = (*at, "ND-LotProcurementScope", "ND-AccessibilityJustification")
        if access.get("BT-754-Lot") == "n-inc-just" and not _text_given(access.get("BT-755-Lot")):
            fail(
                (*spot, "BT-755-Lot"),
                "BT-755-Lot (accessibility justification) is required when BT-754-Lot is 'n-inc-just': "
                "say why the requirements do not take accessibility into account",
            )
        if access.get("BT-754-Lot") != "n-inc-just" and "BT-755-Lot" in access:
            fail((*spot, "BT-755-Lot"), "BT-755-Lot must be absent unless BT-754-Lot is 'n-inc-just'")
    terms = lot.get("ND-LotTenderingTerms")
    awarding = terms.get("ND-AwardingTerms") if isinstance(terms, Mapping) else None
    criteria_node = awarding.get("ND-LotAwardCriteria") if isinstance(awarding, Mapping) else None
    if isinstance(criteria_node, Mapping):
        _award_rules(
            criteria_node, (*at, "ND-LotTenderingTerms", "ND-AwardingTerms", "ND-LotAwardCriteria"), fail, warnings
        )
    reserved = terms.get("ND-LotReservedParticipation") if isinstance(terms, Mapping) else None
    entries = reserved.get("ND-LotReservedProcurement") if isinstance(reserved, Mapping) else None
    if isinstance(entries, list):
        codes = [e.get("BT-71-Lot") for e in entries if isinstance(e, Mapping)]
        if "none" in codes and len(codes) > 1:
            fail(
                (*at, "ND-LotTenderingTerms", "ND-LotReservedParticipation"),
                "BT-71-Lot 'none' cannot be combined with a reservation",
            )


def _strategic_rules(scope: Mapping[str, Any], at: tuple[str | int, ...], fail: Fail) -> None:
    entries = scope.get("ND-StrategicProcurementType")
    entries = [e for e in entries if isinstance(e, Mapping)] if isinstance(entries, list) else []
    codes = [e.get("BT-06-Lot") for e in entries]
    for index, entry in enumerate(entries):
        spot = (*at, "ND-StrategicProcurementType", index, "BT-777-Lot")
        if entry.get("BT-06-Lot") in (None, "none") and "BT-777-Lot" in entry:
            fail(spot, "BT-777-Lot (strategic procurement description) must be absent when BT-06-Lot is 'none'")
        elif entry.get("BT-06-Lot") not in (None, "none") and not _text_given(entry.get("BT-777-Lot")):
            fail(spot, "BT-777-Lot (strategic procurement description) is required when BT-06-Lot is not 'none'")
    if "none" in codes and len(codes) > 1:
        fail((*at, "ND-StrategicProcurementType"), "BT-06-Lot 'none' cannot be combined with another code")
    if len(set(map(str, codes))) != len(codes):
        fail((*at, "ND-StrategicProcurementType"), "BT-06-Lot repeats a code")
    social = scope.get("ND-LotSocialObjectiveType")
    social_codes = [e.get("BT-775-Lot") for e in social if isinstance(e, Mapping)] if isinstance(social, list) else []
    if social_codes and "soc-obj" not in codes:
        fail((*at, "ND-LotSocialObjectiveType"), "BT-775-Lot (social objective) needs BT-06-Lot 'soc-obj'")
    if "soc-obj" in codes and not social_codes:
        fail((*at, "ND-LotSocialObjectiveType"), "BT-06-Lot 'soc-obj' needs at least one BT-775-Lot social objective")
    if len(set(map(str, social_codes))) != len(social_codes):
        fail((*at, "ND-LotSocialObjectiveType"), "BT-775-Lot repeats a code")


def _award_rules(node: Mapping[str, Any], at: tuple[str | int, ...], fail: Fail, warnings: list[Problem]) -> None:
    criteria = node.get("ND-LotAwardCriterion")
    if not isinstance(criteria, list) or not criteria:
        fail((*at, "ND-LotAwardCriterion"), "award criteria are required: add at least the price or cost criterion")
        return
    numbers: list[tuple[str, Decimal]] = []
    missing: list[tuple[str | int, ...]] = []
    any_number = unknown_kind = False
    weight_codes = _codes_of("BT-5421-Lot")
    for index, item in enumerate(criteria):
        if not isinstance(item, Mapping):
            continue
        spot = (*at, "ND-LotAwardCriterion", index)
        if "BT-539-Lot" in item and not _text_given(item.get("BT-540-Lot")):
            fail((*spot, "BT-540-Lot"), "BT-540-Lot (award criterion description) is mandatory with BT-539-Lot")
        if "BT-539-Lot" not in item and "BT-540-Lot" in item:
            fail((*spot, "BT-540-Lot"), "BT-540-Lot is forbidden without BT-539-Lot (award criterion type)")
        if "BT-540-Lot" not in item and "BT-734-Lot" in item:
            fail((*spot, "BT-734-Lot"), "BT-734-Lot (award criterion name) is forbidden without BT-540-Lot")
        parameters = item.get("ND-LotAwardCriterionParameters")
        weight = parameters.get("ND-LotAwardWeightCriterionParameter") if isinstance(parameters, Mapping) else None
        has_number = isinstance(parameters, Mapping) and any(
            isinstance(p, Mapping) and any(k.startswith("BT-541-") for k in p) for p in _parameter_nodes(parameters)
        )
        any_number = any_number or has_number
        if has_number and "BT-540-Lot" not in item:
            fail((*spot, "ND-LotAwardCriterionParameters"), "a BT-541 number is forbidden without BT-540-Lot")
        if isinstance(weight, Mapping):
            _weight_pair(weight, (*spot, *_WEIGHT), fail)
            value, code = _decimal(weight.get("BT-541-Lot-WeightNumber")), weight.get("BT-5421-Lot")
            if value is not None and code in weight_codes:
                numbers.append((code, value))
            elif value is not None:
                unknown_kind = True  # the sum is only checked once every weight says what kind it is
        if not has_number:
            missing.append(spot)
    if any_number and "BT-543-Lot" in node:
        fail((*at, "BT-543-Lot"), "BT-543-Lot (weighting in words) is forbidden when a criterion has a BT-541 number")
    if not unknown_kind:
        _weight_sums(numbers, missing, at, fail, warnings)


def _parameter_nodes(parameters: Mapping[str, Any]) -> list[Any]:
    nodes: list[Any] = []
    for value in parameters.values():
        nodes.extend(value if isinstance(value, list) else [value])
    return nodes


def _weight_pair(weight: Mapping[str, Any], at: tuple[str | int, ...], fail: Fail) -> None:
    has_number, has_code = "BT-541-Lot-WeightNumber" in weight, "BT-5421-Lot" in weight
    if has_number and not has_code:
        fail((*at, "BT-5421-Lot"), "BT-5421-Lot (kind of weight) is mandatory with BT-541-Lot-WeightNumber")
    if has_code and not has_number:
        fail((*at, "BT-5421-Lot"), "BT-5421-Lot is forbidden without BT-541-Lot-WeightNumber")
    value = _decimal(weight.get("BT-541-Lot-WeightNumber"))
    if value is not None and value < 0:
        fail((*at, "BT-541-Lot-WeightNumber"), "BT-541-Lot-WeightNumber must not be negative")


def _weight_sums(
    numbers: Sequence[tuple[str, Decimal]],
    missing: Sequence[tuple[str | int, ...]],
    at: tuple[str | int, ...],
    fail: Fail,
    warnings: list[Problem],
) -> None:
    """BR-BT-00539-0194/0197/0200/0201: one kind of weight; sums within the SDK's tolerance."""
    spot = (*at, "ND-LotAwardCriterion")
    kinds = {code for code, _ in numbers}
    if "ord-imp" in kinds and len(kinds) > 1:
        fail(spot, "an order of importance (ord-imp) cannot be mixed with other kinds of weight (BR-BT-00539-0194)")
    if missing or not numbers:
        for where in missing:
            warnings.append(
                Problem(
                    json_path((*where, *_WEIGHT, "BT-541-Lot-WeightNumber")),
                    "weight still to be completed by the buyer, so that all weights add up to 100%",
                )
            )
        return
    for code, target, step in (("per-exa", Decimal(100), Decimal(1)), ("dec-exa", Decimal(1), Decimal("0.01"))):
        values = [v for c, v in numbers if c == code]
        if values:
            total = sum(values, Decimal(0))
            tolerance = step * len(values)
            if abs(total - target) > tolerance:
                fail(
                    spot,
                    f"the {code} weights add up to {total.normalize():f}; the SDK allows {target.normalize():f} "
                    f"± {tolerance.normalize():f}: correct the weights",
                )
    ordinal = [v for c, v in numbers if c == "ord-imp"]
    if any(v != v.to_integral_value() or v > len(ordinal) or v < 1 for v in ordinal):
        fail(spot, f"an order of importance (ord-imp) is a whole number from 1 to {len(ordinal)}")
