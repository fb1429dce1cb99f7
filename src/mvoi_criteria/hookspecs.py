"""The hooks a criteria pack or an embedding tool may implement. Bodies are docstrings only."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

import pluggy

if TYPE_CHECKING:
    from .advice import Advice
    from .profile import TenderProfile

__all__ = ["PROJECT_NAME", "PackRegistrar", "hookimpl", "hookspec"]

PROJECT_NAME = "mvoi_criteria"
hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


class PackRegistrar(Protocol):
    """The callback a plugin receives: call it once per pack file the plugin ships."""

    def __call__(self, path: Any) -> None: ...


@hookspec
def mvoi_criteria_register_packs(register: PackRegistrar) -> None:
    """Called once, the first time packs are loaded: call ``register(path)`` for each pack YAML file.

    The core validates and compiles the file and stamps it with the plugin's distribution and version,
    so a plugin never builds criteria objects itself.
    """


@hookspec
def mvoi_criteria_adjust_advice(advice: Advice, profile: TenderProfile) -> Advice | None:
    """Called after the engine built an advice, in plugin registration order: return a changed advice
    (``attrs.evolve``) for what pack data cannot express, or None to leave it.

    The engine checks the result with the central rules (`rulebook.breaches`, as for buyer choices) and
    refuses it when it breaks one; a hook that raises or returns something else than an advice is ignored.
    Both are recorded in `Advice.events`; an accepted adjustment is recorded in the provenance.
    """


@hookspec
def mvoi_criteria_document_templates() -> dict[str, str] | None:
    """Called when a document is rendered: return ``{template name: Jinja source}`` to override the
    library's document templates (see docs/embedding.md for the names). Later plugins win.
    """
