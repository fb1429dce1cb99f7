"""The document templates: shipped with the package, overridable by plugins and embedding tools.

Sources are merged in this order, later wins: the library's templates, each plugin's
``mvoi_criteria_document_templates`` hook (in registration order), then ``templates=`` given by the
caller. Templates run in Jinja's sandbox, like clause texts: they read data, never run code.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from importlib import resources
from typing import Any

from babel import Locale
from jinja2 import DictLoader, StrictUndefined, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..errors import InputError, Problem
from ..formatting import format_date, format_euro, format_list, format_number, format_percent, locale_of
from ..plugins import PackSet, installed_packs
from .plain import escape_markdown, markdown_blocks
from .strings import strings

__all__ = [
    "SECTION_KEYS",
    "TEMPLATE_NAMES",
    "DocumentTemplateError",
    "DocumentTemplates",
    "TemplateHookWarning",
    "document_templates",
]

SECTION_KEYS: tuple[str, ...] = (
    "eisen",
    "selectiecriteria",
    "gunningscriteria",
    "contractbepalingen",
    "uitvoeringsplan",
    "informatievragen",
    "verantwoording",
)
TEMPLATE_NAMES: tuple[str, ...] = (
    "title.j2",
    *(f"{key}.{part}.j2" for key in SECTION_KEYS for part in ("heading", "intro")),
    "document.md.j2",
    *(f"{key}.md.j2" for key in SECTION_KEYS),
)


class DocumentTemplateError(InputError):
    """A document template override is unknown, not text, or not valid Jinja."""

    kind = "document template"


def _shipped() -> dict[str, str]:
    folder = resources.files("mvoi_criteria.render").joinpath("templates")
    return {name: folder.joinpath(name).read_text("utf-8") for name in TEMPLATE_NAMES}


class TemplateHookWarning(UserWarning):
    """A plugin's document templates were left out (its hook raised or gave bad templates); the rest stand."""


def document_templates(packs: PackSet | None = None, templates: Mapping[str, str] | None = None) -> dict[str, str]:
    """The template sources in effect: shipped, then plugin hooks, then `templates` (later wins).

    A plugin whose hook raises, or gives an unknown name, non-text or invalid Jinja, is left out with a
    TemplateHookWarning naming it: one broken plugin never stops a document. Bad `templates` given by
    the caller raise DocumentTemplateError naming the template.
    """
    pack_set = installed_packs() if packs is None else packs
    merged = _shipped()
    for index, plugin in enumerate(pack_set.plugins):
        name = getattr(plugin, "__name__", None) or type(plugin).__name__
        try:
            manager = pack_set.plugin_manager_of(index)
            for impl in manager.hook.mvoi_criteria_document_templates.get_hookimpls():
                candidate = dict(merged)
                _merge(candidate, impl.function(), f"plugin {name}")
                _parse_all(candidate, f"plugin {name}")
                merged = candidate
        except Exception as exc:  # a plugin is third-party code: whatever it does wrong, leave it out and say so
            reason = exc.report().replace("\n", ";") if isinstance(exc, InputError) else f"{type(exc).__name__}: {exc}"
            warnings.warn(TemplateHookWarning(f"document templates of plugin {name} left out: {reason}"), stacklevel=2)
    _merge(merged, templates, "templates argument")
    return merged


def _parse_all(sources: Mapping[str, str], origin: str) -> None:
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)
    problems = []
    for name, source in sources.items():
        try:
            env.parse(source)
        except TemplateError as exc:
            problems.append(
                Problem(f"$.{name}", f"not a valid template: {exc.message or exc}", getattr(exc, "lineno", None))
            )
    if problems:
        raise DocumentTemplateError(origin, problems)


def _merge(merged: dict[str, str], overrides: Any, origin: str) -> None:
    if overrides is None:
        return
    if not isinstance(overrides, Mapping):
        raise DocumentTemplateError(
            origin,
            [
                Problem(
                    "$", f"document templates must be a mapping of name to Jinja source, got {type(overrides).__name__}"
                )
            ],
        )
    problems = []
    for name, source in overrides.items():
        if name not in TEMPLATE_NAMES:
            problems.append(Problem(f"$.{name}", f"unknown template name; known: {', '.join(TEMPLATE_NAMES)}"))
        elif not isinstance(source, str):
            problems.append(Problem(f"$.{name}", f"template source must be text, got {type(source).__name__}"))
    if problems:
        raise DocumentTemplateError(origin, problems)
    merged.update(overrides)


class Markdown(str):
    """Text that is already Markdown (escaped or laid out by a filter), so the output step leaves it alone."""


def _finalize_markdown(value: Any) -> Any:
    """Every ``{{ value }}`` in a Markdown template is escaped, unless a filter already made it Markdown."""
    if isinstance(value, Markdown):
        return value
    return escape_markdown("" if value is None else value)


def _code_span(value: Any) -> Markdown:
    """An identifier as a Markdown code span (escapes do not work inside one, so the fence grows instead)."""
    text = " ".join(str(value).split())
    fence = "``" if "`" in text else "`"
    return Markdown(f"{fence} {text} {fence}" if fence == "``" else f"`{text}`")


def _filters() -> dict[str, Any]:
    """Formatting filters shared by all document templates: `euro`, `procent`, `getal`, `lijst`, `datum`."""
    return {
        "euro": format_euro,
        "procent": format_percent,
        "getal": format_number,
        "lijst": format_list,
        "datum": format_date,
        "pages": pages_text,
    }


def pages_text(count: int, lang: str = "nl") -> str:
    """'maximaal 1 pagina A4', 'maximaal 4 pagina's A4' (singular and plural by the language's own rule)."""
    t = strings(lang)
    form = Locale.parse(locale_of(lang)).plural_form(count)
    return (t["pages_one"] if form == "one" else t["pages"]).format(n=format_number(count, lang))


class DocumentTemplates:
    """Compiled templates; every name is parsed up front so a broken override fails before any output."""

    def __init__(self, sources: Mapping[str, str]) -> None:
        self.env = ImmutableSandboxedEnvironment(
            loader=DictLoader(dict(sources)),
            undefined=StrictUndefined,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(_filters())
        # Markdown templates escape every value they print: buyer and pack text can never forge structure.
        self.markdown_env = self.env.overlay(finalize=_finalize_markdown)
        self.markdown_env.filters = dict(self.env.filters)
        self.markdown_env.filters.update(
            code=_code_span,
            cell=lambda value: Markdown(escape_markdown(value, line_start=False)),
            blocks=lambda value: Markdown(markdown_blocks(str(value))),
        )
        problems = []
        for name in TEMPLATE_NAMES:
            try:
                self._env_for(name).get_template(name)
            except TemplateError as exc:
                line = getattr(exc, "lineno", None)
                problems.append(Problem(f"$.{name}", f"not a valid template: {exc.message or exc}", line))
        if problems:
            raise DocumentTemplateError("document templates", problems)

    def _env_for(self, name: str) -> ImmutableSandboxedEnvironment:
        return self.markdown_env if name.endswith(".md.j2") else self.env  # type: ignore[return-value]

    def render(self, name: str, **context: Any) -> str:
        try:
            return self._env_for(name).get_template(name).render(**context)
        except TemplateError as exc:
            raise DocumentTemplateError(
                "document templates", [Problem(f"$.{name}", f"cannot render: {exc.message or exc}")]
            ) from None

    def text(self, name: str, **context: Any) -> str:
        """A short text (heading, intro): whitespace trimmed."""
        return self.render(name, **context).strip()
