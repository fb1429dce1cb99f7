"""Discovering and loading criteria packs through pluggy and the `mvoi_criteria` entry-point group.

Packs load lazily and once. A plugin that fails to import, implements a hook that does not exist or
with the wrong arguments, raises in its hook, or registers a pack that fails validation or the privacy
scan, is recorded as a failure named by its entry point and distribution; the other packs load as if
it were not there. Two claimants of one pack id or criterion id are both left out and both named:
neither replaces the other until the user blocks one (MVOI_CRITERIA_BLOCK_PACKS). An advice built
while any pack is left out is incomplete: `engine.advise` raises IncompleteAdviceError unless the
caller passes `allow_incomplete=True`.
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

from . import hookspecs, packcache
from .errors import PackError
from .packs import Pack, load_pack
from .privacy import scan_pack

__all__ = [
    "ENTRY_POINT_GROUP",
    "ENV_BLOCK",
    "ENV_ONLY",
    "IncompleteAdviceError",
    "PackFailure",
    "PackSet",
    "installed_packs",
    "pack_set_from_files",
    "pack_set_from_plugins",
    "pack_set_of",
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
    distribution: str | None = None


@attrs.frozen
class PackSet:
    """The packs an advice is built from, in a fixed order (by theme, then pack id)."""

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

    def plugin_manager_of(self, index: int) -> pluggy.PluginManager:
        """The manager of one plugin alone (to call its hooks in isolation), built once per pack set."""
        key = f"plugin-{index}"
        if key not in self._cache:
            self._cache[key] = plugin_manager([(key, self.plugins[index])])
        return self._cache[key]

    def leave_out(self, pack_id: str, problem: str) -> PackSet:
        """This set without the pack, recorded as a failure (a pack whose texts fail to render)."""
        pack = self.by_id(pack_id)
        if pack is None:
            raise KeyError(pack_id)
        failure = PackFailure(pack_id, pack.source, (problem,), pack.distribution)
        return attrs.evolve(
            self, packs=tuple(p for p in self.packs if p.id != pack_id), failures=(*self.failures, failure)
        )


class IncompleteAdviceError(Exception):
    """Packs were left out, so an advice would be incomplete; pass allow_incomplete=True to accept it."""

    def __init__(self, failures: Sequence[PackFailure]) -> None:
        self.failures = tuple(failures)
        names = ", ".join(f.plugin for f in self.failures)
        super().__init__(f"advice would be incomplete: {len(self.failures)} pack(s) left out ({names})")

    def report(self) -> list[str]:
        """One line per left-out pack: its name, distribution and reasons."""
        return [
            f"pack '{f.plugin}'{f' (distribution {f.distribution})' if f.distribution else ''} left out: "
            + "; ".join(f.problems)
            for f in self.failures
        ]


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
        self.packs: list[tuple[str, Pack]] = []
        self.failures: list[PackFailure] = []

    @property
    def label(self) -> str | None:
        return f"{self.dist} {self.version or ''}".strip() if self.dist else None

    def __call__(self, path: Any) -> None:
        source = str(path)
        try:
            pack = load_pack(Path(source), distribution=self.dist, distribution_version=self.version)
        except PackError as exc:
            problems = tuple(p.format(source) for p in exc.problems)
            self.failures.append(PackFailure(self.plugin, source, problems, self.label))
            return
        findings = _privacy_problems(pack)
        if findings:
            self.failures.append(PackFailure(self.plugin, source, findings, self.label))
        else:
            self.packs.append((self.plugin, pack))


def _privacy_problems(pack: Pack) -> tuple[str, ...]:
    """A pack that asks for special-category or criminal data about people is not loaded (GDPR 9, 10)."""
    if packcache.passed(pack.sha256, "privacy"):  # this very file passed this very scan before
        return ()
    problems = tuple(
        f"criterion '{f.criterion}' {f.field} may ask for {f.category} about individuals (GDPR): {f.sentence}"
        for f in scan_pack(pack)
    )
    if not problems:
        packcache.record_pass(pack.sha256, "privacy")
    return problems


def _validation_problem(name: str, plugin: Any) -> str | None:
    """Why pluggy refuses this plugin on its own (an unknown hook, a wrong signature), or None."""
    try:
        plugin_manager([(name, plugin)])
    except (pluggy.PluginValidationError, ValueError) as exc:
        return " ".join(str(exc).split())
    return None


def pack_set_from_plugins(
    plugins: Sequence[tuple[str, Any]],
    distributions: dict[str, tuple[str | None, str | None]] | None = None,
    failures: Sequence[PackFailure] = (),
) -> PackSet:
    """Build a PackSet from (name, plugin object) pairs. Useful for tests and embedding tools.

    Each plugin is checked alone first, so one with a bad hook is left out without the others.
    """
    distributions = distributions or {}
    all_failures = list(failures)
    valid: list[tuple[str, Any]] = []
    for name, plugin in plugins:
        dist, version = distributions.get(name, (None, None))
        problem = _validation_problem(name, plugin)
        if problem is None:
            valid.append((name, plugin))
        else:
            label = f"{dist} {version or ''}".strip() if dist else None
            all_failures.append(PackFailure(name, None, (f"plugin refused: {problem}",), label))
    manager = plugin_manager(valid)
    packs: list[tuple[str, Pack]] = []
    for impl in manager.hook.mvoi_criteria_register_packs.get_hookimpls():
        collector = _Collector(impl.plugin_name, *distributions.get(impl.plugin_name, (None, None)))
        try:
            impl.function(register=collector)
        except Exception as exc:  # a broken plugin must not take the others down
            message = " ".join(str(exc).split())
            collector.packs.clear()  # a half-done registration is not trusted
            collector.failures.append(
                PackFailure(
                    impl.plugin_name, None, (f"register hook raised {type(exc).__name__}: {message}",), collector.label
                )
            )
        packs.extend(collector.packs)
        all_failures.extend(collector.failures)
    return _finish(packs, all_failures, tuple(p for _, p in valid))


def pack_set_from_files(paths: Iterable[str | Path]) -> PackSet:
    """Load pack files directly, without plugins (for pack authors' checks and tests)."""
    packs: list[tuple[str, Pack]] = []
    failures: list[PackFailure] = []
    for path in paths:
        try:
            pack = load_pack(path)
        except PackError as exc:
            failures.append(PackFailure(str(path), str(path), tuple(p.format(str(path)) for p in exc.problems)))
            continue
        findings = _privacy_problems(pack)
        if findings:
            failures.append(PackFailure(str(path), str(path), findings))
        else:
            packs.append((str(path), pack))
    return _finish(packs, failures, ())


def pack_set_of(packs: Iterable[Pack], failures: Iterable[PackFailure] = (), plugins: Iterable[Any] = ()) -> PackSet:
    """A PackSet of packs already loaded (e.g. installed ones and previewed files), ordered and checked
    for reused ids like every other."""
    return _finish([(pack.source, pack) for pack in packs], list(failures), tuple(plugins))


def _finish(claimed: list[tuple[str, Pack]], failures: list[PackFailure], plugins: tuple[Any, ...]) -> PackSet:
    """Order packs; leave out every claimant of a pack or criterion id claimed twice, naming the others.

    Neither claimant wins: which one would depends on install order, and the provenance would then
    credit the wrong pack. The user decides by blocking one. Packs are ordered by theme (header `order`,
    then theme id; see themes.py), then pack id.
    """
    from .themes import themes_of

    themes = themes_of(pack for _, pack in claimed)

    claimants: dict[str, list[tuple[str, Pack]]] = {}
    for entry in claimed:
        claimants.setdefault(f"pack id '{entry[1].id}'", []).append(entry)
        for criterion in entry[1].criteria:
            claimants.setdefault(f"criterion id '{criterion.id}'", []).append(entry)
    clashes: dict[int, list[str]] = {}
    for what, entries in claimants.items():
        if len(entries) < 2:
            continue
        for _plugin, pack in entries:
            others = ", ".join(
                f"'{other_plugin}' ({other.source})" for other_plugin, other in entries if other is not pack
            )
            clashes.setdefault(id(pack), []).append(f"{what} is also claimed by {others}")
    kept: list[Pack] = []
    for plugin, pack in claimed:
        if id(pack) in clashes:
            hint = f"; set {ENV_BLOCK} to the plugin you do not want, to keep the other"
            problems = (*clashes[id(pack)][:-1], clashes[id(pack)][-1] + hint)
            failures.append(PackFailure(plugin, pack.source, problems, pack.distribution))
        else:
            kept.append(pack)
    rank = {theme.id: index for index, theme in enumerate(themes)}
    kept.sort(key=lambda p: (rank[p.theme], p.id, p.source))
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
            dist, version = _distribution(ep)
            label = f"{dist} {version or ''}".strip() if dist else None
            message = " ".join(str(exc).split())
            failures.append(
                PackFailure(ep.name, ep.value, (f"cannot import plugin: {type(exc).__name__}: {message}",), label)
            )
            continue
        plugins.append((ep.name, plugin))
        distributions[ep.name] = _distribution(ep)
    if only:
        missing = only - {ep.name for ep in entry_points}
        failures.extend(
            PackFailure(name, None, (f"{ENV_ONLY} names '{name}' but no such pack is installed",))
            for name in sorted(missing)
        )
    return pack_set_from_plugins(plugins, distributions, failures)


def _distribution(ep: metadata.EntryPoint) -> tuple[str | None, str | None]:
    dist = ep.dist
    return (dist.name if dist else None, dist.version if dist else None)
