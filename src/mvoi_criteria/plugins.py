"""Discovering and loading criteria packs through pluggy and the `mvoi_criteria` entry-point group.

Packs load lazily and once. A plugin that fails to import, or a pack that fails validation, is
recorded as a failure with its name and problems; the other packs load as if it were not there.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

import attrs
import pluggy

from . import hookspecs
from .errors import PackError
from .packs import Pack, load_pack

__all__ = [
    "ENTRY_POINT_GROUP",
    "ENV_BLOCK",
    "ENV_ONLY",
    "PackFailure",
    "PackSet",
    "installed_packs",
    "pack_set_from_files",
    "pack_set_from_plugins",
    "plugin_manager",
]

ENTRY_POINT_GROUP = "mvoi_criteria"
ENV_ONLY = "MVOI_CRITERIA_PACKS"
ENV_BLOCK = "MVOI_CRITERIA_BLOCK_PACKS"


@attrs.frozen
class PackFailure:
    """A plugin or pack that could not be used, and why."""

    plugin: str
    source: str | None
    problems: tuple[str, ...]


@attrs.frozen
class PackSet:
    """The packs an advice is built from, in a fixed order (by theme, then id)."""

    packs: tuple[Pack, ...]
    failures: tuple[PackFailure, ...] = ()
    plugins: tuple[Any, ...] = attrs.field(default=(), eq=False, repr=False)
    _cache: dict[str, Any] = attrs.field(factory=dict, init=False, eq=False, repr=False)

    def by_id(self, pack_id: str) -> Pack | None:
        return next((p for p in self.packs if p.id == pack_id), None)

    def manager(self) -> pluggy.PluginManager:
        """One plugin manager per pack set, built on first use; every hook call reuses it."""
        if "manager" not in self._cache:
            self._cache["manager"] = plugin_manager((f"plugin-{i}", p) for i, p in enumerate(self.plugins))
        return self._cache["manager"]


def _names(variable: str) -> set[str] | None:
    raw = os.environ.get(variable)
    if raw is None or not raw.strip():
        return None
    return {name.strip() for name in raw.split(",") if name.strip()}


def plugin_manager(plugins: Iterable[tuple[str, Any]] = ()) -> pluggy.PluginManager:
    manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    for name, plugin in plugins:
        manager.register(plugin, name=name)
    manager.check_pending()
    return manager


class _Collector:
    """Collects the packs one plugin registers, stamping them with that plugin's distribution."""

    def __init__(self, plugin: str, dist: str | None, version: str | None) -> None:
        self.plugin, self.dist, self.version = plugin, dist, version
        self.packs: list[Pack] = []
        self.failures: list[PackFailure] = []

    def __call__(self, path: Any) -> None:
        source = str(path)
        try:
            self.packs.append(load_pack(Path(source), distribution=self.dist, distribution_version=self.version))
        except PackError as exc:
            self.failures.append(PackFailure(self.plugin, source, tuple(p.format(source) for p in exc.problems)))


def pack_set_from_plugins(
    plugins: Sequence[tuple[str, Any]],
    distributions: dict[str, tuple[str | None, str | None]] | None = None,
    failures: Sequence[PackFailure] = (),
) -> PackSet:
    """Build a PackSet from (name, plugin object) pairs. Useful for tests and embedding tools."""
    distributions = distributions or {}
    all_failures = list(failures)
    try:
        manager = plugin_manager(plugins)
    except pluggy.PluginValidationError as exc:
        return PackSet(
            (), (*all_failures, PackFailure(exc.plugin_name if hasattr(exc, "plugin_name") else "?", None, (str(exc),)))
        )
    packs: list[Pack] = []
    for impl in manager.hook.mvoi_criteria_register_packs.get_hookimpls():
        collector = _Collector(impl.plugin_name, *distributions.get(impl.plugin_name, (None, None)))
        try:
            impl.function(register=collector)
        except Exception as exc:  # a broken plugin must not take the others down
            collector.failures.append(
                PackFailure(impl.plugin_name, None, (f"register hook raised {type(exc).__name__}: {exc}",))
            )
        packs.extend(collector.packs)
        all_failures.extend(collector.failures)
    return _finish(packs, all_failures, tuple(p for _, p in plugins))


def pack_set_from_files(paths: Iterable[str | Path]) -> PackSet:
    """Load pack files directly, without plugins (for pack authors' checks and tests)."""
    packs, failures = [], []
    for path in paths:
        try:
            packs.append(load_pack(path))
        except PackError as exc:
            failures.append(PackFailure(str(path), str(path), tuple(p.format(str(path)) for p in exc.problems)))
    return _finish(packs, failures, ())


def _finish(packs: list[Pack], failures: list[PackFailure], plugins: tuple[Any, ...]) -> PackSet:
    """Order packs and reject the later of two packs that reuse a pack or criterion id."""
    from .model import THEMES

    kept: list[Pack] = []
    criterion_owner: dict[str, str] = {}
    for pack in sorted(packs, key=lambda p: (THEMES.index(p.theme), p.id, p.source)):
        clash = next((k for k in kept if k.id == pack.id), None)
        reused = [c.id for c in pack.criteria if c.id in criterion_owner]
        if clash:
            failures.append(
                PackFailure(pack.id, pack.source, (f"pack id '{pack.id}' is already provided by {clash.source}",))
            )
        elif reused:
            failures.append(
                PackFailure(
                    pack.id,
                    pack.source,
                    tuple(f"criterion id '{c}' is already used by pack '{criterion_owner[c]}'" for c in reused),
                )
            )
        else:
            kept.append(pack)
            criterion_owner.update({c.id: pack.id for c in pack.criteria})
    return PackSet(tuple(kept), tuple(failures), plugins)


_lock = threading.Lock()
_cache: dict[tuple[frozenset[str] | None, frozenset[str] | None], PackSet] = {}


def installed_packs(refresh: bool = False) -> PackSet:
    """The packs installed through the entry-point group, loaded once per allow/block setting.

    `MVOI_CRITERIA_PACKS=a,b` loads only the named entry points; `MVOI_CRITERIA_BLOCK_PACKS=c` skips c.
    """
    only, block = _names(ENV_ONLY), _names(ENV_BLOCK)
    key = (frozenset(only) if only else None, frozenset(block) if block else None)
    with _lock:
        if refresh or key not in _cache:
            _cache[key] = _discover(only, block)
        return _cache[key]


def _discover(only: set[str] | None, block: set[str] | None) -> PackSet:
    plugins: list[tuple[str, Any]] = []
    distributions: dict[str, tuple[str | None, str | None]] = {}
    failures: list[PackFailure] = []
    entry_points = sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name)
    for ep in entry_points:
        if (only is not None and ep.name not in only) or (block and ep.name in block):
            continue
        try:
            plugin = ep.load()
        except Exception as exc:
            failures.append(PackFailure(ep.name, ep.value, (f"cannot import plugin: {type(exc).__name__}: {exc}",)))
            continue
        plugins.append((ep.name, plugin))
        dist = ep.dist
        distributions[ep.name] = (dist.name if dist else None, dist.version if dist else None)
    if only:
        missing = only - {ep.name for ep in entry_points}
        failures.extend(
            PackFailure(name, None, (f"{ENV_ONLY} names '{name}' but no such pack is installed",))
            for name in sorted(missing)
        )
    return pack_set_from_plugins(plugins, distributions, failures)
