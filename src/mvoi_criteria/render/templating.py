"""The document templates: shipped with the package, overridable by plugins and embedding tools.

Sources are merged in this order, later wins: the library's templates, each plugin's
``mvoi_criteria_document_templates`` hook (in registration order), then ``templates=`` given by the
caller. Templates run in Jinja's sandbox, like clause texts: they read data, never run code.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from typing import Any

from jinja2 import DictLoader, StrictUndefined, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..errors import InputError, Problem
from ..plugins import PackSet, installed_packs

__all__ = ["SECTION_KEYS", "TEMPLATE_NAMES", "DocumentTemplateError", "DocumentTemplates", "document_templates"]

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


def document_templates(packs: PackSet | None = None, templates: Mapping[str, str] | None = None) -> dict[str, str]:
    """The template sources in effect: shipped, then plugin hooks, then `templates` (later wins).

    Raises DocumentTemplateError naming the plugin and template when an override matches no
    template name (a typo would otherwise be silently ignored) or is not text.
    """
    pack_set = installed_packs() if packs is None else packs
    merged = _shipped()
    if pack_set.plugins:
        manager = pack_set.manager()
        for impl in manager.hook.mvoi_criteria_document_templates.get_hookimpls():
            name = getattr(impl.plugin, "__name__", impl.plugin_name)
            _merge(merged, impl.function(), f"plugin {name}")
    _merge(merged, templates, "templates argument")
    return merged


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


def _cell(value: Any) -> str:
    """Make text safe for one Markdown table cell."""
    return " ".join(str(value).split()).replace("|", "\\|")


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
        self.env.filters["cell"] = _cell
        problems = []
        for name in TEMPLATE_NAMES:
            try:
                self.env.get_template(name)
            except TemplateError as exc:
                line = getattr(exc, "lineno", None)
                problems.append(Problem(f"$.{name}", f"not a valid template: {exc.message or exc}", line))
        if problems:
            raise DocumentTemplateError("document templates", problems)

    def render(self, name: str, **context: Any) -> str:
        try:
            return self.env.get_template(name).render(**context)
        except TemplateError as exc:
            raise DocumentTemplateError(
                "document templates", [Problem(f"$.{name}", f"cannot render: {exc.message or exc}")]
            ) from None

    def text(self, name: str, **context: Any) -> str:
        """A short text (heading, intro): whitespace trimmed."""
        return self.render(name, **context).strip()
