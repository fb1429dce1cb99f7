"""eForms export: the notice fields a tool fills from the advice, checked against eForms' own rules.

The export is plain JSON keyed by business term (BT-06, BT-777, ...). Inclusion award criteria
come from the advice; the buyer adds price and the other criteria, so that percent weights add up
to exactly 100. `validate_eforms` checks any export, also one an embedding tool edited afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

import attrs

from .advice import Advice
from .choices import accessibility_justification as _chosen_justification
from .errors import InputError, Problem
from .labels import label
from .model import THEMES
from .yamlio import YamlSyntaxError, json_path, load_document

__all__ = [
    "ACCESSIBILITY_CODES",
    "AWARD_CRITERION_TYPES",
    "EXPORT_FORMAT",
    "NUMBER_WEIGHT_CODES",
    "SOCIAL_OBJECTIVES",
    "STRATEGIC_PROCUREMENT",
    "AwardCriterion",
    "EformsError",
    "award_criteria_from_data",
    "export_eforms",
    "load_award_criteria",
    "validate_eforms",
]

EXPORT_FORMAT = "mvoi-criteria/eforms-export/1"
# eForms codelists: strategic-procurement, social-objective, accessibility, award-criterion-type, number-weight.
STRATEGIC_PROCUREMENT: tuple[str, ...] = ("env-imp", "inn-pur", "none", "soc-obj")
SOCIAL_OBJECTIVES: tuple[str, ...] = ("acc-all", "et-eq", "gen-eq", "hum-right", "opp", "work-cond", "other")
ACCESSIBILITY_CODES: tuple[str, ...] = ("inc", "n-inc", "n-inc-just")
AWARD_CRITERION_TYPES: tuple[str, ...] = ("quality", "cost", "price")
NUMBER_WEIGHT_CODES: tuple[str, ...] = ("dec-exa", "dec-mid", "ord-imp", "per-exa", "per-mid", "poi-exa", "poi-mid")


class EformsError(InputError):
    """The advice or the buyer's award criteria cannot be exported (e.g. accessibility still undecided)."""

    kind = "eForms export"


@attrs.frozen
class AwardCriterion:
    """A criterion the buyer adds next to the inclusion criteria: price, cost or another quality criterion."""

    name: str
    type: Literal["price", "cost", "quality"]
    weight: float | None = None
    description: str | None = None


# --- the buyer's other award criteria ----------------------------------------------------------

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
            isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 < weight <= 100
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
        document = load_document(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise EformsError(source, [Problem("$", f"cannot read file: {exc.strerror or exc}")]) from None
    except YamlSyntaxError as exc:
        raise EformsError(source, [exc.problem]) from None
    return award_criteria_from_data(document.data, source, document.line_of)


# --- export ------------------------------------------------------------------------------------


def export_eforms(
    advice: Advice,
    *,
    other_criteria: Iterable[AwardCriterion | Mapping[str, Any]] = (),
    price_weight: float | None = None,
    accessibility_justification: str | None = None,
    lang: str = "nl",
) -> dict[str, Any]:
    """The eForms fields for the lot, from the advice plus the buyer's other award criteria.

    `price_weight` is a shortcut for one price criterion. `accessibility_justification` fills BT-755 when
    people use the result but no accessibility requirement applies; a justification given with a buyer's
    deselect choice is used otherwise. Raises EformsError when accessibility is
    still undecided (BT-754 has no such code). The result is not guaranteed valid: pass it to
    `validate_eforms`, which names every rule it breaks (e.g. weights that do not add up to 100).
    """
    if advice.accessibility.status == "undecided":
        raise EformsError(
            str(advice.profile.get("title", "<advice>")),
            [
                Problem(
                    "$.used_by",
                    "accessibility (BT-754) is still undecided: fill in 'used_by' in the tender profile "
                    "(medewerkers, bewoners, beide or niemand) and draft again",
                )
            ],
        )
    others = [c if isinstance(c, AwardCriterion) else award_criteria_from_data([dict(c)])[0] for c in other_criteria]
    if price_weight is not None:
        others.insert(0, AwardCriterion("Prijs" if lang == "nl" else "Price", "price", price_weight))

    # Information questions are context, never part of the procurement's strategic criteria.
    social = sorted(
        {code for c in advice.criteria if c.kind != "informatievraag" for code in c.eforms.bt_775},
        key=SOCIAL_OBJECTIVES.index,
    )
    lot: dict[str, Any] = {}
    if social:
        lot["strategic_procurement"] = [
            {"BT-06": "soc-obj", "BT-777": _strategic_description(advice, lang), "BT-775": social}
        ]
    else:
        lot["strategic_procurement"] = [{"BT-06": "none"}]
    lot["BT-754"] = advice.accessibility.status
    if advice.accessibility.status == "n-inc-just":
        justification = accessibility_justification or _chosen_justification(advice)
        if justification:
            lot["BT-755"] = justification
    criteria = [
        _criterion(c.title.get(lang), "quality", c.weight, c.text.get(lang), source=c.id)
        for c in advice.criteria
        if c.kind == "gunningscriterium"
    ]
    criteria += [_criterion(o.name, o.type, o.weight, o.description) for o in others]
    lot["award_criteria"] = criteria
    if criteria:
        lot["BT-543"] = _weighting_words(criteria, lang)
    return {"format": EXPORT_FORMAT, "lang": lang, "lot": lot}


def _criterion(
    name: str, kind: str, weight: float | None, description: str | None, source: str | None = None
) -> dict[str, Any]:
    item: dict[str, Any] = {"BT-539": kind, "BT-734": name}
    if description:
        item["BT-540"] = description
    if weight is not None:
        item["BT-541"] = weight
        item["BT-5421"] = "per-exa"
    if source:
        item["mvoi_criterion"] = source
    return item


def _strategic_description(advice: Advice, lang: str) -> str:
    """BT-777 in words, per theme; sociale veiligheid has no eForms code of its own, so it is named here."""
    parts = []
    for theme in THEMES:
        titles = [
            c.title.get(lang)
            for c in advice.criteria
            if c.theme == theme and c.eforms.bt_775 and c.kind != "informatievraag"
        ]
        if titles:
            parts.append(f"{label(theme, lang)}: {'; '.join(titles)}")
    head = (
        "Inclusive procurement (City of Amsterdam, handelingskader Inclusief Inkopen)"
        if lang == "en"
        else "Inclusief inkopen (gemeente Amsterdam, handelingskader Inclusief Inkopen)"
    )
    return f"{head}. " + ". ".join(parts) + "."


def _weighting_words(criteria: Sequence[Mapping[str, Any]], lang: str) -> str:
    parts = []
    for c in criteria:
        weight = c.get("BT-541")
        text = f"{c['BT-734']} {weight:g}%" if isinstance(weight, (int, float)) else f"{c['BT-734']}"
        parts.append(text.replace(".", ",") if lang == "nl" and isinstance(weight, float) else text)
    head = "Weighting" if lang == "en" else "Weging"
    return f"{head}: " + ", ".join(parts) + "."


# --- validation --------------------------------------------------------------------------------


def validate_eforms(export: Mapping[str, Any]) -> list[Problem]:
    """Every eForms rule the export breaks, each with the path of the field; empty when valid."""
    problems: list[Problem] = []

    def fail(parts: tuple[str | int, ...], message: str) -> None:
        problems.append(Problem(json_path(parts), message))

    lot = export.get("lot") if isinstance(export, Mapping) else None
    if not isinstance(lot, Mapping):
        return [Problem("$.lot", "the export needs a 'lot' mapping")]
    _check_strategic(lot, fail)
    _check_accessibility(lot, fail)
    _check_award_criteria(lot, fail)
    return problems


def _text_given(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _check_strategic(lot: Mapping[str, Any], fail: Any) -> None:
    entries = lot.get("strategic_procurement")
    at: tuple[str | int, ...] = ("lot", "strategic_procurement")
    if not isinstance(entries, list) or not entries:
        fail(at, "BT-06 (strategic procurement) is required: give at least one entry, 'none' when there is none")
        return
    codes = []
    for index, entry in enumerate(entries):
        here = (*at, index)
        if not isinstance(entry, Mapping):
            fail(here, "each strategic procurement entry must be a mapping with BT-06")
            continue
        code = entry.get("BT-06")
        codes.append(code)
        if code not in STRATEGIC_PROCUREMENT:
            fail(
                (*here, "BT-06"),
                f"BT-06 {code!r} is not in the strategic-procurement codelist ({', '.join(STRATEGIC_PROCUREMENT)})",
            )
        if code == "none" and "BT-777" in entry:
            fail((*here, "BT-777"), "BT-777 (strategic procurement description) must be absent when BT-06 is 'none'")
        elif code != "none" and not _text_given(entry.get("BT-777")):
            fail((*here, "BT-777"), "BT-777 (strategic procurement description) is required when BT-06 is not 'none'")
        social = entry.get("BT-775", [])
        if code != "soc-obj" and social:
            fail((*here, "BT-775"), "BT-775 (social procurement) is only allowed when BT-06 is 'soc-obj'")
        if code == "soc-obj" and not social:
            fail((*here, "BT-775"), "BT-775 (social procurement) is required when BT-06 is 'soc-obj'")
        if not isinstance(social, list):
            fail((*here, "BT-775"), "BT-775 must be a list of codes")
            continue
        for i, value in enumerate(social):
            if value not in SOCIAL_OBJECTIVES:
                fail(
                    (*here, "BT-775", i),
                    f"BT-775 {value!r} is not in the social-objective codelist ({', '.join(SOCIAL_OBJECTIVES)})",
                )
        if len(set(map(str, social))) != len(social):
            fail((*here, "BT-775"), "BT-775 repeats a code")
    if "none" in codes and len(codes) > 1:
        fail(at, "BT-06 'none' cannot be combined with another strategic procurement code")
    if len(set(map(str, codes))) != len(codes):
        fail(at, "BT-06 repeats a code")


def _check_accessibility(lot: Mapping[str, Any], fail: Any) -> None:
    status = lot.get("BT-754")
    if status not in ACCESSIBILITY_CODES:
        fail(
            ("lot", "BT-754"),
            f"BT-754 (accessibility) {status!r} is not in the accessibility codelist ({', '.join(ACCESSIBILITY_CODES)})",
        )
    if status == "n-inc-just" and not _text_given(lot.get("BT-755")):
        fail(
            ("lot", "BT-755"),
            "BT-755 (accessibility justification) is required when BT-754 is 'n-inc-just': "
            "say why the requirements do not take accessibility into account",
        )
    if status != "n-inc-just" and "BT-755" in lot:
        fail(("lot", "BT-755"), "BT-755 (accessibility justification) must be absent unless BT-754 is 'n-inc-just'")


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _check_award_criteria(lot: Mapping[str, Any], fail: Any) -> None:
    criteria = lot.get("award_criteria")
    at: tuple[str | int, ...] = ("lot", "award_criteria")
    if not isinstance(criteria, list) or not criteria:
        fail(at, "award criteria are required: add at least the price or cost criterion")
        return
    kinds: set[Any] = set()
    percents: list[Decimal] = []
    without_number = False
    unknown_kind = False  # the sum is only checked once every weight says what kind it is
    for index, item in enumerate(criteria):
        here = (*at, index)
        if not isinstance(item, Mapping):
            fail(here, "each award criterion must be a mapping")
            continue
        kind = item.get("BT-539")
        if kind not in AWARD_CRITERION_TYPES:
            fail(
                (*here, "BT-539"),
                f"BT-539 (award criterion type) {kind!r} is not one of {', '.join(AWARD_CRITERION_TYPES)}",
            )
        if item.get("mvoi_criterion") and kind != "quality":
            fail(
                (*here, "BT-539"),
                f"a social award criterion ({item['mvoi_criterion']}) is a quality criterion: BT-539 must be 'quality'",
            )
        if not _text_given(item.get("BT-734")):
            fail((*here, "BT-734"), "BT-734 (award criterion name) is required")
        if "BT-540" in item and not _text_given(item.get("BT-540")):
            fail((*here, "BT-540"), "BT-540 (award criterion description) must be text when given")
        number, code = item.get("BT-541"), item.get("BT-5421")
        if number is None:
            without_number = True
            if code is not None:
                fail((*here, "BT-5421"), "BT-5421 (weight kind) is given without a BT-541 weight")
        else:
            value = _decimal(number)
            if value is None or value < 0:
                fail(
                    (*here, "BT-541"), f"BT-541 (award criterion weight) must be a non-negative number, got {number!r}"
                )
            if code not in NUMBER_WEIGHT_CODES:
                unknown_kind = True
            if code is None:
                fail((*here, "BT-5421"), "BT-5421 (weight kind) is required with a BT-541 weight")
            elif code not in NUMBER_WEIGHT_CODES:
                fail(
                    (*here, "BT-5421"),
                    f"BT-5421 {code!r} is not in the number-weight codelist ({', '.join(NUMBER_WEIGHT_CODES)})",
                )
            if code is not None:
                kinds.add(code)
            if code == "per-exa" and value is not None:
                percents.append(value)
    if len(kinds) > 1:
        fail(at, f"all weights of a lot use one kind (BT-5421); found {', '.join(sorted(map(str, kinds)))}")
    if percents and kinds == {"per-exa"} and not without_number and not unknown_kind:
        total = sum(percents, Decimal(0))
        if total != 100:
            fail(
                at,
                f"percent weights (BT-541, per-exa) add up to {total.normalize():f}, not 100: add the price and other "
                "award criteria, or correct the weights",
            )
    if without_number and not _text_given(lot.get("BT-543")):
        fail(
            ("lot", "BT-543"),
            "BT-543 (weighting described in words) is required when an award criterion has no BT-541 weight",
        )
