"""The buyers' page at `/`: fill in the form, read the advice per theme, make choices, download.

Plain HTML forms and server rendering: every step works without JavaScript. The page posts to
`/advies` (the profile form) and `/keuzes` (choices and downloads); the profile travels along in a
hidden field, so the server keeps no state between requests.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import parse_qs

import attrs
from fastapi import APIRouter, Request
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.responses import HTMLResponse, Response

from ..advice import Advice, Choice
from ..engine import levels_offered
from ..labels import label
from ..model import ASK_LEVELS
from ..templates import format_euro
from .explanations import REASONS_LANG, reasons
from .form import UNKNOWN, anchor, form_groups, form_values, profile_data
from .limits import read_body, run_limited
from .messages import LocalizedProblem
from .problems import BadRequest
from .service import DRAFT_FORMATS, Engine, parse_json

__all__ = ["router"]

router = APIRouter()

_templates = Environment(
    loader=PackageLoader("mvoi_criteria.web", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_templates.globals.update(label=label, UNKNOWN=UNKNOWN, reasons_lang=REASONS_LANG)

KEEP, DESELECT, LEVEL = "", "weglaten", "niveau:"


@attrs.frozen
class ErrorLink:
    """One line of the error summary: the message, linking to the control that needs attention."""

    anchor: str
    message: str


def _engine(request: Request) -> Engine:
    return request.app.state.engine  # type: ignore[no-any-return]


async def _form(request: Request) -> dict[str, list[str]]:
    body = await read_body(request)
    return parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)


def _render(status: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("values", {})
    context.setdefault("errors", [])
    context.setdefault("advice", None)
    html = _templates.get_template("page.html.j2").render(groups=form_groups(), **context)
    return HTMLResponse(html, status_code=status, headers={"Content-Language": "nl"})


@router.get("/", include_in_schema=False)
async def index() -> HTMLResponse:
    return _render()


TOO_SLOW = ErrorLink("inhoud", "Het maken van het advies duurde te lang. Probeer het over een paar minuten opnieuw.")


@router.post("/advies", include_in_schema=False)
async def advise_form(request: Request) -> Response:
    values = await _form(request)
    data, problems = profile_data(values)
    if problems:
        return _render(422, values=values, errors=_form_errors(problems))
    engine = _engine(request)

    def work() -> dict[str, Any]:
        advice = engine.advise(engine.profile(data))
        return _advice_view(engine, data, advice, advice, {}, {})

    try:
        view = await run_limited(request, work)
    except BadRequest as exc:
        return _render(422, values=values, errors=_form_errors(exc.problems))
    except TimeoutError:
        return _render(503, values=values, errors=[TOO_SLOW])
    return _render(values=values, advice=view)


@router.post("/keuzes", include_in_schema=False)
async def choices_form(request: Request) -> Response:
    values = await _form(request)
    engine = _engine(request)
    try:
        data = parse_json(values.get("profiel", ["{}"])[0].encode("utf-8"))
        engine.profile(data)
    except BadRequest:
        lost = ErrorLink(
            "veld-title", "De gegevens van de aanbesteding zijn niet meegekomen; vul het formulier opnieuw in."
        )
        return _render(422, errors=[lost])
    picks = {cid.removeprefix("keuze."): v[0] for cid, v in values.items() if cid.startswith("keuze.") and v}
    motivations = {cid.removeprefix("motivering."): v[0] for cid, v in values.items() if cid.startswith("motivering.")}
    price = values.get("prijsweging", [""])[0].strip()
    action = values.get("actie", ["toepassen"])[0]
    order: list[str] = []

    def work() -> Response | dict[str, Any]:
        base = engine.advise(engine.profile(data))
        choices, chosen_order = _choices(base, picks, motivations)
        order.extend(chosen_order)
        try:
            chosen = engine.apply(base, choices)
            price_weight = _price_weight(price)
            if action in DRAFT_FORMATS:
                document = engine.draft(chosen, action, price_weight=price_weight)
                return Response(
                    document.content,
                    media_type=document.media_type,
                    headers={"Content-Disposition": f'attachment; filename="{document.filename}"'},
                )
        except BadRequest as exc:
            return {
                "errors": _choice_errors(exc.problems, order),
                "advice": _advice_view(engine, data, base, base, picks, motivations, price),
            }
        return {"advice": _advice_view(engine, data, base, chosen, picks, motivations, price)}

    try:
        outcome = await run_limited(request, work)
    except TimeoutError:
        return _render(503, values=form_values(data), errors=[TOO_SLOW])
    if isinstance(outcome, Response):
        return outcome
    return _render(422 if outcome.get("errors") else 200, values=form_values(data), **outcome)


def _price_weight(text: str) -> float | None:
    if not text:
        return None
    try:
        value = float(text.replace(",", ".").replace("%", "").strip())
    except ValueError:
        value = -1.0
    if not 0 < value <= 100:
        raise BadRequest(
            "eforms",
            [
                LocalizedProblem(
                    "prijsweging", "not a percentage", "Vul de weging van de prijs in als een getal van 1 tot 100"
                )
            ],
        )
    return value


def _choices(
    advice: Advice, picks: Mapping[str, str], motivations: Mapping[str, str]
) -> tuple[tuple[Choice, ...], list[str]]:
    """The buyer's choices from the selects, and the criterion of each (for errors at `$.choices[i]`)."""
    choices: list[Choice] = []
    order: list[str] = []
    for criterion in advice.criteria:
        pick = picks.get(criterion.id, KEEP)
        motivation = motivations.get(criterion.id, "").strip()
        if pick == DESELECT:
            # The motivation of leaving out an accessibility requirement is its justification (BT-755).
            value = motivation or None if criterion.eforms.accessibility else None
            choices.append(Choice(criterion.id, "deselect", motivation, value))
        elif pick.startswith(LEVEL) and pick.removeprefix(LEVEL) != criterion.ask_level:
            choices.append(Choice(criterion.id, "ask_level", motivation, pick.removeprefix(LEVEL)))
        else:
            continue
        order.append(criterion.id)
    return tuple(choices), order


_CHOICE_PATH = re.compile(r"^\$\.choices\[(\d+)\]\.(\w+)$")


def _choice_errors(problems: Sequence[LocalizedProblem], order: Sequence[str]) -> list[ErrorLink]:
    links = []
    for problem in problems:
        match = _CHOICE_PATH.match(problem.path)
        if match and int(match[1]) < len(order):
            cid = order[int(match[1])]
            target = f"motivering-{cid}" if match[2] == "motivation" else f"keuze-{cid}"
            links.append(ErrorLink(target, _sentence(problem.nl)))
        elif problem.path == "prijsweging" or "AwardCriteri" in problem.path:
            links.append(ErrorLink("prijsweging", _sentence(problem.nl)))
        else:
            links.append(ErrorLink("downloads", _sentence(problem.nl)))
    return links


def _form_errors(problems: Sequence[LocalizedProblem]) -> list[ErrorLink]:
    labels = {f.json_path: f for g in form_groups() for f in g.fields}
    links = []
    for problem in problems:
        field = labels.get(problem.path)
        target = anchor(field.name) if field else "veld-title"
        prefix = f"{field.label}: " if field else ""
        links.append(ErrorLink(target, prefix + problem.nl))
    return links


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _advice_view(
    engine: Engine,
    data: Mapping[str, Any],
    base: Advice,
    chosen: Advice,
    picks: Mapping[str, str],
    motivations: Mapping[str, str],
    price: str = "",
) -> dict[str, Any]:
    """What the template shows: per theme the criteria as advised, with the buyer's choice on each."""
    titles = {c.id: c.title.nl for p in engine.packs.packs for c in p.criteria}
    themes = []
    for theme in base.themes:
        criteria = []
        for criterion in theme.criteria:
            now = chosen.criterion(criterion.id)
            shown = now or criterion
            offered = levels_offered(base, criterion.id, engine.packs)
            levels = [lvl for lvl in ASK_LEVELS if not isinstance(offered, str) and lvl in offered]
            criteria.append(
                {
                    "id": criterion.id,
                    "title": shown.title.nl,
                    "kind": label(shown.kind),
                    "ask_level": shown.ask_level,
                    "weight": shown.weight,
                    "text": shown.text.nl,
                    "verification": shown.verification.nl,
                    "submission": shown.submission.nl if shown.submission else None,
                    "max_pages": shown.max_pages,
                    "reasons": reasons(base, criterion.id),
                    "deselected": now is None and bool(chosen.choices),
                    "changed": now is not None and now.ask_level != criterion.ask_level,
                    "advised_level": criterion.ask_level,
                    "levels": levels if criterion.ask_level else [],
                    "pick": picks.get(criterion.id, KEEP),
                    "motivation": motivations.get(criterion.id, ""),
                }
            )
        chosen_theme = next((t for t in chosen.themes if t.theme == theme.theme), theme)
        themes.append(
            {
                "theme": theme.theme,
                "label": base.theme_label(theme.theme),
                "ask": label(chosen_theme.ask_level) if chosen_theme.ask_level else None,
                "criteria": criteria,
            }
        )
    others = [
        {"id": t.criterion, "title": titles.get(t.criterion, t.criterion), "reasons": reasons(base, t.criterion)}
        for t in base.trace
        if t.outcome == "undecided"
    ]
    not_applied = [
        {"id": t.criterion, "title": titles.get(t.criterion, t.criterion), "theme": base.theme_label(t.theme)}
        for t in base.trace
        if t.outcome == "not_applied" and base.criterion(t.criterion) is None
    ]
    derived = base.derived
    value = base.profile.get("estimated_value_eur")
    return {
        "title": base.profile.get("title"),
        "facts": [
            ("Geraamde waarde", format_euro(value) if value is not None else "nog onbekend"),
            ("Procedure", label(derived.regime) if derived.regime else "nog onbekend"),
            ("Omvang", derived.size_band or "nog onbekend"),
            ("Toegankelijkheid in de eisen", base.accessibility.statement),
        ],
        "themes": themes,
        "undecided": others,
        "not_applied": not_applied,
        "questions": [
            {
                "anchor": anchor(q.field),
                "label": _field_label(q.field),
                "question": q.question,
                "count": len(q.criteria),
            }
            for q in base.questions
        ],
        "choices": [
            {
                "id": c.criterion,
                "title": titles.get(c.criterion, c.criterion),
                "action": c.action,
                "value": c.value,
                "motivation": c.motivation,
            }
            for c in chosen.choices
        ],
        "profile_json": json.dumps(dict(data), ensure_ascii=False, sort_keys=True),
        "price": price,
    }


def _field_label(name: str) -> str:
    for group in form_groups():
        for field in group.fields:
            if field.name == name:
                return field.label
    return name
