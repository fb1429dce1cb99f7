"""The generic hook a pack distribution points its entry point at, so a theme owner writes no Python.

A pack package made by `mvoi-criteria pack new` holds one fixed line::

    from mvoi_criteria.kit import register_pack_folder
    mvoi_criteria_register_packs = register_pack_folder(__name__)

and every `*.yaml` file in the package folder is registered, in name order. Adding a second YAML
file needs no change to that line.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files
from typing import Any

from .hookspecs import PackRegistrar, hookimpl

__all__ = ["register_pack_folder"]


def register_pack_folder(package: str) -> Callable[..., Any]:
    """A `mvoi_criteria_register_packs` implementation registering every YAML file of `package`."""

    @hookimpl
    def mvoi_criteria_register_packs(register: PackRegistrar) -> None:
        folder = files(package)
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith((".yaml", ".yml")) and entry.is_file():
                register(entry)

    return mvoi_criteria_register_packs
