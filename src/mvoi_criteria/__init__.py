"""mvoi-criteria: proportionate inclusion criteria for Amsterdam's tenders, from a tender profile.

The public API: load a profile, build an advice, serialise it. Packs plug in through pluggy
(`hookimpl`) and the `mvoi_criteria` entry-point group.

Every public name is imported on first use (PEP 562), so `import mvoi_criteria` stays cheap for a tool
that only advises: the renderers (python-docx), eForms and jsonschema load when something needs them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the same names, eagerly, for type checkers and IDEs
    from .advice import (
        Advice,
        AppliedCriterion,
        Choice,
        Question,
        ThemeAdvice,
        TraceEntry,
        advice_to_dict,
        advice_to_json,
    )
    from .choices import apply_choices, apply_choices_file, load_choices, parse_choices
    from .config import EngineConfig, load_config
    from .eforms import AwardCriterion, EformsError, export_eforms, load_award_criteria, validate_eforms
    from .engine import advise
    from .engine import library_version as library_version  # public before, outside __all__
    from .errors import ChoiceError, InputError, PackError, Problem, ProfileError
    from .hookspecs import hookimpl
    from .packs import Pack, load_pack
    from .plugins import IncompleteAdviceError, PackSet, installed_packs, pack_set_from_files, pack_set_from_plugins
    from .profile import TenderProfile, load_profile, parse_profile, profile_from_dict
    from .render import TEMPLATE_NAMES, DocumentTemplateError, document_templates, render_docx, render_markdown

    __version__: str

# Public name -> the submodule that defines it.
_EXPORTS: dict[str, str] = {
    **dict.fromkeys(
        (
            "Advice",
            "AppliedCriterion",
            "Choice",
            "Question",
            "ThemeAdvice",
            "TraceEntry",
            "advice_to_dict",
            "advice_to_json",
        ),
        "advice",
    ),
    **dict.fromkeys(("apply_choices", "apply_choices_file", "load_choices", "parse_choices"), "choices"),
    **dict.fromkeys(("EngineConfig", "load_config"), "config"),
    **dict.fromkeys(
        ("AwardCriterion", "EformsError", "export_eforms", "load_award_criteria", "validate_eforms"), "eforms"
    ),
    **dict.fromkeys(("advise", "library_version"), "engine"),
    **dict.fromkeys(("ChoiceError", "InputError", "PackError", "Problem", "ProfileError"), "errors"),
    "hookimpl": "hookspecs",
    **dict.fromkeys(("Pack", "load_pack"), "packs"),
    **dict.fromkeys(
        ("IncompleteAdviceError", "PackSet", "installed_packs", "pack_set_from_files", "pack_set_from_plugins"),
        "plugins",
    ),
    **dict.fromkeys(("TenderProfile", "load_profile", "parse_profile", "profile_from_dict"), "profile"),
    **dict.fromkeys(
        ("TEMPLATE_NAMES", "DocumentTemplateError", "document_templates", "render_docx", "render_markdown"), "render"
    ),
}


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use and keep the name here, so later lookups are free."""
    if name == "__version__":
        value: Any = import_module(".engine", __name__).library_version()
    elif name in _EXPORTS:
        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "TEMPLATE_NAMES",
    "Advice",
    "AppliedCriterion",
    "AwardCriterion",
    "Choice",
    "ChoiceError",
    "DocumentTemplateError",
    "EformsError",
    "EngineConfig",
    "IncompleteAdviceError",
    "InputError",
    "Pack",
    "PackError",
    "PackSet",
    "Problem",
    "ProfileError",
    "Question",
    "TenderProfile",
    "ThemeAdvice",
    "TraceEntry",
    "__version__",
    "advice_to_dict",
    "advice_to_json",
    "advise",
    "apply_choices",
    "apply_choices_file",
    "document_templates",
    "export_eforms",
    "hookimpl",
    "installed_packs",
    "load_award_criteria",
    "load_choices",
    "load_config",
    "load_pack",
    "load_profile",
    "pack_set_from_files",
    "pack_set_from_plugins",
    "parse_choices",
    "parse_profile",
    "profile_from_dict",
    "render_docx",
    "render_markdown",
    "validate_eforms",
]
