"""Criteria packs: YAML validated against schemas/pack.schema.json, then compiled once.

Compilation checks every condition against the known fields, parses every clause template, and
checks that each variant of a criterion is complete for its kind. Errors name file, line and path.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from . import packcache
from .conditions import ALWAYS, Condition, ConditionError, compile_condition, compile_definitions
from .errors import PackError, Problem
from .model import DEFAULT_THEME_ORDER, EformsCodes, Monitoring, ScoringLevel, Text, Theme
from .templates import LazyTemplates, TemplateError, compile_template
from .validation import schema_problems
from .yamlio import Document, DocumentError, json_path, load_document, read_text

__all__ = ["Criterion", "Pack", "ScalingStep", "Variant", "load_pack", "parse_pack"]

_VARIANT_FIELDS = (
    "kind",
    "ask_level",
    "weight",
    "text",
    "submission",
    "max_pages",
    "scoring",
    "verification",
    "monitoring",
)
_TEMPLATED = ("text", "submission", "verification")


@attrs.frozen
class Variant:
    """A criterion as it reads at one scaling step; `templates` holds the compiled clause texts."""

    kind: str
    ask_level: str | None
    weight: float | None
    text: Text
    submission: Text | None
    max_pages: int | None
    scoring: tuple[ScoringLevel, ...]
    verification: Text
    monitoring: Monitoring | None
    templates: Mapping[tuple[str, str], Any] = attrs.field(eq=False, repr=False)


@attrs.frozen
class ScalingStep:
    when: Condition
    note: str | None
    variant: Variant


@attrs.frozen
class Criterion:
    id: str
    title: Text
    status: str
    owner: str
    scope: str
    applies_when: Condition
    base: Variant
    scaling: tuple[ScalingStep, ...]
    legal_basis: tuple[str, ...]
    references: tuple[str, ...]
    eforms: EformsCodes
    rationale: Text
    priority: str = "normaal"  # cut order of the total-burden rule: hoog, normaal, laag
    overlaps: tuple[str, ...] = ()  # criteria asking the same duty; the rulebook keeps one

    @property
    def variants(self) -> tuple[Variant, ...]:
        return (self.base, *(step.variant for step in self.scaling))


@attrs.frozen
class Pack:
    """A compiled pack. `sha256` is of the file's bytes, so the advice can prove which text was used."""

    id: str
    theme: str
    version: str
    owner: str
    title: Text
    description: Text | None
    criteria: tuple[Criterion, ...]
    source: str
    sha256: str
    distribution: str | None = None
    distribution_version: str | None = None
    theme_info: Theme | None = None  # the header; None when the pack only names the theme id


def load_pack(path: str | Path, *, distribution: str | None = None, distribution_version: str | None = None) -> Pack:
    """Read, validate and compile a pack file. Raises PackError with every problem found."""
    source = str(path)
    try:
        text = read_text(path)
    except DocumentError as exc:
        raise PackError(source, [exc.problem]) from None
    return parse_pack(text, source, distribution=distribution, distribution_version=distribution_version)


def parse_pack(
    text: str, source: str = "<pack>", *, distribution: str | None = None, distribution_version: str | None = None
) -> Pack:
    sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    cached = packcache.load(sha256)
    if cached is not None:  # checked when it was cached: skip parsing and the schema, compile templates lazily
        compiler = _Compiler(_Checked(cached), lazy_templates=True)
        try:
            pack = compiler.pack(source, sha256, distribution, distribution_version)
        except Exception:  # an entry no longer fits this code: read the file, which reports any error by line
            compiler.problems.append(Problem("$", "cache entry does not fit"))
        if not compiler.problems:
            return pack
    try:
        document = load_document(text)
    except DocumentError as exc:
        raise PackError(source, [exc.problem]) from None
    if not isinstance(document.data, dict):
        raise PackError(
            source, [Problem("$", "a pack must be a mapping with id, theme, version, owner and criteria", 1)]
        )
    problems = schema_problems("pack", document)
    if problems:
        raise PackError(source, problems)
    compiler = _Compiler(document)
    pack = compiler.pack(source, sha256, distribution, distribution_version)
    if compiler.problems:
        raise PackError(source, compiler.problems)
    packcache.store(sha256, document.data)
    return pack


class _Checked:
    """Pack data from the cache: it passed every check when it was cached, so it needs no line numbers."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def line_of(self, parts: Any) -> int | None:
        return None


def _text(data: Mapping[str, Any] | None) -> Text | None:
    return None if data is None else Text(data["nl"], data.get("en"))


def _theme(data: str | Mapping[str, Any]) -> Theme | None:
    """The pack header's theme; None for the short form that only names the theme id."""
    if isinstance(data, str):
        return None
    return Theme(
        id=data["id"],
        label=Text(data["label"]["nl"], data["label"]["en"]),
        bt_775=tuple(data.get("eforms", {}).get("bt_775", ())),
        order=data.get("order", DEFAULT_THEME_ORDER),
    )


class _Compiler:
    """Builds the attrs model from schema-valid data, collecting every semantic problem."""

    def __init__(self, document: Document | _Checked, *, lazy_templates: bool = False) -> None:
        self.document = document
        self.lazy_templates = lazy_templates
        self.problems: list[Problem] = []
        self.definitions: dict[str, Condition] = {}

    def problem(self, parts: tuple[str | int, ...], message: str) -> None:
        """Record a problem at a path, naming the criterion it belongs to."""
        if len(parts) >= 2 and parts[0] == "criteria" and isinstance(parts[1], int):
            message = f"criterion '{self.document.data['criteria'][parts[1]]['id']}': {message}"
        self.problems.append(Problem(json_path(parts), message, self.document.line_of(parts)))

    def pack(self, source: str, sha256: str, distribution: str | None, distribution_version: str | None) -> Pack:
        data = self.document.data
        theme = _theme(data["theme"])
        theme_id = data["theme"] if theme is None else theme.id
        try:
            self.definitions = compile_definitions(data.get("definitions", {}))
        except ConditionError as exc:
            for p in exc.problems:
                self.problem(_parts_of(p.path), p.message)
        seen: dict[str, int] = {}
        criteria = []
        for index, item in enumerate(data["criteria"]):
            at = ("criteria", index)
            if item["id"] in seen:
                self.problem(
                    (*at, "id"), f"duplicate criterion id '{item['id']}' (first at criteria[{seen[item['id']]}])"
                )
            seen.setdefault(item["id"], index)
            criteria.append(self.criterion(item, at, data["owner"], theme_id))
            if theme is not None and theme.bt_775:
                self.check_theme_codes(item, at, theme)
        return Pack(
            id=data["id"],
            theme=theme_id,
            version=data["version"],
            owner=data["owner"],
            title=_text(data["title"]),
            description=_text(data.get("description")),
            criteria=tuple(criteria),
            source=source,
            sha256=sha256,
            distribution=distribution,
            distribution_version=distribution_version,
            theme_info=theme,
        )

    def check_theme_codes(self, item: Mapping[str, Any], at: tuple[str | int, ...], theme: Theme) -> None:
        """A criterion maps only to the eForms social objectives its theme header declares."""
        extra = [code for code in item.get("eforms", {}).get("bt_775", ()) if code not in theme.bt_775]
        if extra:
            self.problem(
                (*at, "eforms", "bt_775"),
                f"BT-775 code(s) {', '.join(extra)} are not among the theme's codes ({', '.join(theme.bt_775)}); "
                "add them to theme.eforms.bt_775 in the pack header or choose another code",
            )

    def criterion(self, item: Mapping[str, Any], at: tuple[str | int, ...], pack_owner: str, theme: str) -> Criterion:
        base = self.variant(item, {}, at, at)
        steps = []
        for i, step in enumerate(item.get("scaling", [])):
            step_at = (*at, "scaling", i)
            steps.append(
                ScalingStep(
                    self.condition(step["when"], (*step_at, "when")),
                    step.get("note"),
                    self.variant(item, step, at, step_at),
                )
            )
        eforms = EformsCodes(
            tuple(item["eforms"].get("bt_775", ())),
            item["eforms"].get("accessibility", False),
            item["eforms"].get("bt_71"),
        )
        criterion = Criterion(
            id=item["id"],
            title=_text(item["title"]),
            status=item.get("status", "concept"),
            owner=item.get("owner", pack_owner),
            scope=item.get("scope", "opdracht"),
            applies_when=self.condition(item["applies_when"], (*at, "applies_when"))
            if "applies_when" in item
            else ALWAYS,
            base=base,
            scaling=tuple(steps),
            legal_basis=tuple(item["legal_basis"]),
            references=tuple(item.get("references", ())),
            eforms=eforms,
            rationale=_text(item["rationale"]),
            priority=item.get("priority", "normaal"),
            overlaps=tuple(item.get("overlaps", ())),
        )
        self.check_placement(criterion, at, theme)
        return criterion

    def condition(self, data: Mapping[str, Any], at: tuple[str | int, ...]) -> Condition:
        try:
            return compile_condition(data, at, self.definitions)
        except ConditionError as exc:
            for p in exc.problems:
                parts = _parts_of(p.path)
                self.problem(parts, p.message)
            return ALWAYS

    def variant(self, base: Mapping[str, Any], step: Mapping[str, Any], base_at: tuple, step_at: tuple) -> Variant:
        merged = {name: step.get(name, base.get(name)) for name in _VARIANT_FIELDS}
        templates = {}
        monitoring = merged["monitoring"]
        # Every text the bidder or contract manager reads is a template: (key, lang) -> compiled.
        sources: list[tuple[str, tuple, Mapping[str, Any] | None]] = [
            (name, (name,), merged[name]) for name in _TEMPLATED
        ]
        sources.append(("monitoring", ("monitoring", "indicator"), monitoring and monitoring["indicator"]))
        sources += [(f"scoring.{i}", ("scoring", i), level) for i, level in enumerate(merged["scoring"] or ())]
        for key, path, texts in sources:
            if texts is None:
                continue
            where = step_at if path[0] in step else base_at
            for lang in ("nl", "en"):
                if lang not in texts:
                    continue
                if self.lazy_templates:
                    templates[(key, lang)] = texts[lang]
                    continue
                try:
                    templates[(key, lang)] = compile_template(
                        texts[lang], pack=self.document.data["id"], criterion=base["id"]
                    )
                except TemplateError as exc:
                    self.problem((*where, *path, lang), str(exc))
        variant = Variant(
            kind=merged["kind"],
            ask_level=merged["ask_level"],
            weight=merged["weight"],
            text=_text(merged["text"]),
            submission=_text(merged["submission"]),
            max_pages=merged["max_pages"],
            scoring=tuple(ScoringLevel(s["score"], s["nl"], s.get("en")) for s in merged["scoring"] or ()),
            verification=_text(merged["verification"]),
            monitoring=None
            if monitoring is None
            else Monitoring(_text(monitoring["indicator"]), monitoring["frequency"], monitoring["report_to"]),
            templates=LazyTemplates(templates, self.document.data["id"], base["id"])
            if self.lazy_templates
            else templates,
        )
        self.check_complete(variant, step_at)
        return variant

    def check_complete(self, v: Variant, at: tuple) -> None:
        """Each kind has its own minimum: award criteria need weight, submission, page limit, scale."""
        if v.kind == "informatievraag":
            extra = [n for n in ("weight", "scoring", "monitoring", "ask_level") if getattr(v, n)]
            if extra:
                self.problem(
                    at,
                    f"an informatievraag asks for context only: it has no {', '.join(extra)} "
                    "(it is never scored, never an obligation and never a reason to reject a bid)",
                )
        if v.kind == "gunningscriterium":
            missing = [n for n in ("weight", "submission", "max_pages", "scoring") if not getattr(v, n)]
            if v.ask_level is None:
                missing.append("ask_level")
            if missing:
                self.problem(at, f"a gunningscriterium needs {', '.join(missing)}")
        elif v.weight is not None:
            self.problem(at, f"only a gunningscriterium carries a weight, this variant is a {v.kind}")
        if v.kind == "contractbepaling" and v.monitoring is None:
            self.problem(
                at,
                "a contractbepaling needs monitoring (indicator, frequency, report_to) so the contract manager can check it",
            )

    def check_placement(self, c: Criterion, at: tuple, theme: str) -> None:
        """Legal placement rules that hold for every pack (Aw 2012 art. 2.75, 2.115)."""
        for index, v in enumerate(c.variants):
            where = at if index == 0 else (*at, "scaling", index - 1)
            if c.scope == "organisatie" and v.kind != "informatievraag":
                self.problem(
                    where,
                    "a company-wide criterion (scope: organisatie) may only be asked as context (kind: informatievraag), "
                    f"never as a {v.kind}: it is never scored, never an obligation and never a knock-out; "
                    "or tie it to this contract (scope: opdracht)",
                )
            if c.eforms.accessibility and v.kind != "eis":
                self.problem(
                    where,
                    "an accessibility baseline (eforms.accessibility: true) belongs in the eisen (technical specifications), not in a "
                    + v.kind,
                )
            if c.eforms.accessibility and theme != "toegankelijkheid":
                self.problem(
                    (*at, "eforms", "accessibility"), "only the toegankelijkheid theme sets eforms.accessibility"
                )


def _parts_of(path: str) -> tuple[str | int, ...]:
    """Inverse of json_path for the simple paths we produce."""
    parts: list[str | int] = []
    for token in path.removeprefix("$").replace("[", ".[").split("."):
        if not token:
            continue
        parts.append(int(token[1:-1]) if token.startswith("[") else token)
    return tuple(parts)
