"""mvoi-criteria: proportionate inclusion criteria for Amsterdam's tenders, from a tender profile.

The public API: load a profile, build an advice, serialise it. Packs plug in through pluggy
(`hookimpl`) and the `mvoi_criteria` entry-point group.
"""

from .advice import Advice, AppliedCriterion, Choice, Question, ThemeAdvice, TraceEntry, advice_to_dict, advice_to_json
from .choices import apply_choices, apply_choices_file, load_choices, parse_choices
from .config import EngineConfig, load_config
from .eforms import AwardCriterion, EformsError, export_eforms, load_award_criteria, validate_eforms
from .engine import advise, library_version
from .errors import ChoiceError, InputError, PackError, Problem, ProfileError
from .hookspecs import hookimpl
from .packs import Pack, load_pack
from .plugins import IncompleteAdviceError, PackSet, installed_packs, pack_set_from_files, pack_set_from_plugins
from .profile import TenderProfile, load_profile, parse_profile, profile_from_dict
from .render import TEMPLATE_NAMES, DocumentTemplateError, document_templates, render_docx, render_markdown

__version__ = library_version()

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
