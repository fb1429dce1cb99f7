"""mvoi-criteria: proportionate inclusion criteria for Amsterdam's tenders, from a tender profile.

The public API: load a profile, build an advice, serialise it. Packs plug in through pluggy
(`hookimpl`) and the `mvoi_criteria` entry-point group.
"""

from .advice import Advice, AppliedCriterion, Question, ThemeAdvice, TraceEntry, advice_to_dict, advice_to_json
from .config import EngineConfig, load_config
from .engine import advise, library_version
from .errors import ChoiceError, InputError, PackError, Problem, ProfileError
from .hookspecs import hookimpl
from .packs import Pack, load_pack
from .plugins import PackSet, installed_packs, pack_set_from_files, pack_set_from_plugins
from .profile import TenderProfile, load_profile, parse_profile, profile_from_dict

__version__ = library_version()

__all__ = [
    "Advice",
    "AppliedCriterion",
    "ChoiceError",
    "EngineConfig",
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
    "hookimpl",
    "installed_packs",
    "load_config",
    "load_pack",
    "load_profile",
    "pack_set_from_files",
    "pack_set_from_plugins",
    "parse_profile",
    "profile_from_dict",
]
