"""Benchmark: evaluating every condition of the installed packs, five ways, side by side in one run.

- explained   : the library's `Condition.evaluate` (outcome plus the records that explain it)
- fast        : `fastcond.value_function` closures (outcome only; what batch analysis uses)
- handwritten : plain Python functions, one per condition node, as a developer would write them
                (written out by this script into a temporary module; the source holds only
                identifiers and indexes into a constants table, never a pack's text)
- naive       : a tree-walking interpreter over the raw YAML data of the conditions
- zen         : GoRules zen-engine, one compiled ZEN expression per condition (optional dependency:
                `pip install zen-engine`); measured on profiles with every fact known, where three-valued
                and two-valued logic agree

Every evaluator's outcomes are checked to be identical before anything is timed.
Run: python benchmarks/bench_conditions.py [profiles]
"""

from __future__ import annotations

import importlib.util
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from mvoi_criteria import EngineConfig, installed_packs, profile_from_dict
from mvoi_criteria.conditions import Condition, _All, _Always, _Any, _Compare, _Not, _Ref
from mvoi_criteria.derive import Possible, derive, fact_table
from mvoi_criteria.fastcond import value_function
from mvoi_criteria.yamlio import load_document

# --- profiles ---------------------------------------------------------------------------------------

KINDS = ["werken", "leveringen", "diensten"]
CPV = ["79620000-6", "90910000-9", "79710000-4", "85312000-9", "72000000-5", "79950000-8", "42416100-6",
       "39110000-6", "18110000-3", "34993000-4", "79340000-9", "55520000-1", "16311000-8", "45233000-9"]  # fmt: skip


def random_profile(rng: random.Random, complete: bool) -> dict[str, Any]:
    def maybe(value: Any) -> Any:
        return value if complete or rng.random() < 0.75 else None

    data = {
        "title": "Benchmark",
        "procurement_kind": maybe(rng.choice(KINDS)),
        "social_services": maybe(rng.random() < 0.2),
        "estimated_value_eur": maybe(rng.choice([20_000, 90_000, 400_000, 3_000_000, 80_000_000])),
        "duration_months": maybe(rng.choice([1, 12, 48])),
        "publication_date": maybe(rng.choice(["2025-10-01", "2026-09-01"])),
        "cpv_codes": maybe(rng.sample(CPV, rng.randint(0, 2))),
        "framework_agreement": maybe(rng.random() < 0.3),
        "situation": maybe("nieuwe_aanbesteding"),
        "used_by": maybe(rng.choice(["medewerkers", "bewoners", "beide", "niemand"])),
        "personnel": {
            k: maybe(rng.random() < 0.4)
            for k in ("works_for_municipality", "at_municipal_sites", "in_public_space", "in_residents_homes")
        }
        | {"vulnerable_groups": maybe(rng.sample(["jeugd", "ouderen", "wmo_clienten"], rng.randint(0, 1)))},
        "result": {k: maybe(rng.random() < 0.3) for k in ("physical", "digital", "event_or_venue", "communication")},
    }
    return {k: v for k, v in data.items() if v is not None}


THEMES = tuple(sorted({pack.theme for pack in installed_packs().packs}))


def facts_of(data: Mapping[str, Any]) -> dict[str, Any]:
    profile = profile_from_dict(dict(data))
    return fact_table(profile, derive(profile, EngineConfig(), THEMES))


# --- the naive interpreter over raw data --------------------------------------------------------------


def naive(data: Mapping[str, Any], facts: Mapping[str, Any], definitions: Mapping[str, Any]) -> bool | None:
    if "ref" in data:
        return naive(definitions[data["ref"]], facts, definitions)
    if "all" in data or "any" in data:
        decisive = "any" in data
        results = [naive(part, facts, definitions) for part in data["any" if decisive else "all"]]
        if decisive in results:
            return decisive
        return None if None in results else not decisive
    if "not" in data:
        inner = naive(data["not"], facts, definitions)
        return None if inner is None else not inner
    op = next(k for k in data if k != "field")
    value, operand = facts.get(data["field"]), data[op]
    if op == "exists":
        return (value is not None and not isinstance(value, Possible)) == operand
    if value is None:
        return None
    values = value.values if isinstance(value, Possible) else (value,)
    outcomes = {bool(_naive_test(op, v, operand)) for v in values}
    return outcomes.pop() if len(outcomes) == 1 else None


def _naive_test(op: str, v: Any, o: Any) -> bool:
    return {
        "eq": lambda: v == o,
        "ne": lambda: v != o,
        "in": lambda: v in o,
        "not_in": lambda: v not in o,
        "gt": lambda: v > o,
        "gte": lambda: v >= o,
        "lt": lambda: v < o,
        "lte": lambda: v <= o,
        "contains": lambda: o in v,
        "contains_any": lambda: any(x in v for x in o),
        "cpv_prefix": lambda: any(c.startswith(p) for c in v for p in o),
    }[op]()


def raw_conditions(pack_source: str) -> tuple[list[Mapping[str, Any]], Mapping[str, Any]]:
    data = load_document(Path(pack_source).read_text(encoding="utf-8")).data
    found = []
    for criterion in data["criteria"]:
        found.append(criterion.get("applies_when"))
        found.extend(step["when"] for step in criterion.get("scaling", []))
    return found, data.get("definitions", {})


# --- handwritten: one plain function per node, written to a module -------------------------------------


class HandWriter:
    """Writes `def n<i>(f):` functions; operands and field names go into the constants table K."""

    def __init__(self) -> None:
        self.lines = ["from mvoi_criteria.derive import Possible", "K = []", ""]
        self.constants: list[Any] = []
        self.count = 0
        self.done: dict[int, str] = {}

    def const(self, value: Any) -> str:
        self.constants.append(value)
        return f"K[{len(self.constants) - 1}]"

    def node(self, c: Condition) -> str:
        if id(c) in self.done:
            return self.done[id(c)]
        name = f"n{self.count}"
        self.count += 1
        self.done[id(c)] = name
        if isinstance(c, _Ref):
            inner = self.node(c.part)
            self.lines += [f"def {name}(f):", f"    return {inner}(f)", ""]
        elif isinstance(c, _Always):
            self.lines += [f"def {name}(f):", "    return True", ""]
        elif isinstance(c, _Not):
            inner = self.node(c.part)
            self.lines += [f"def {name}(f):", f"    r = {inner}(f)", "    return None if r is None else not r", ""]
        elif isinstance(c, (_All, _Any)):
            parts = [self.node(p) for p in c.parts]
            stop = "True" if isinstance(c, _Any) else "False"
            body = [f"def {name}(f):", "    u = False"]
            for part in parts:
                body += [
                    f"    r = {part}(f)",
                    f"    if r is {stop}:",
                    f"        return {stop}",
                    "    if r is None:",
                    "        u = True",
                ]
            body += [f"    return None if u else {'False' if stop == 'True' else 'True'}", ""]
            self.lines += body
        else:
            self.lines += self.compare(name, c)
        return name

    def compare(self, name: str, c: _Compare) -> list[str]:
        field, operand = self.const(c.field), self.const(c.operand)
        test = {
            "eq": "v == {o}", "ne": "v != {o}", "in": "v in {o}", "not_in": "v not in {o}",
            "gt": "v > {o}", "gte": "v >= {o}", "lt": "v < {o}", "lte": "v <= {o}",
            "contains": "{o} in v", "contains_any": "any(x in v for x in {o})",
            "cpv_prefix": "any(c.startswith({o}) for c in v)",
        }  # fmt: skip
        if c.op == "exists":
            return [
                f"def {name}(f):",
                f"    v = f.get({field})",
                f"    return (v is not None and type(v) is not Possible) == {operand}",
                "",
            ]
        expr = test[c.op].format(o=operand)
        if c.op == "cpv_prefix":
            self.constants[-1] = tuple(c.operand)
        return [
            f"def {name}(f):",
            f"    v = f.get({field})",
            "    if v is None:",
            "        return None",
            "    if type(v) is Possible:",
            f"        s = {{bool({expr}) for v in v.values}}",
            "        return s.pop() if len(s) == 1 else None",
            f"    return {expr}",
            "",
        ]

    def module(self, roots: list[Condition]) -> list[Callable[[Mapping[str, Any]], bool | None]]:
        names = [self.node(c) for c in roots]
        folder = Path(tempfile.mkdtemp(prefix="mvoi-bench-"))
        path = folder / "handwritten_conditions.py"
        path.write_text("\n".join(self.lines), encoding="utf-8")
        spec = importlib.util.spec_from_file_location("handwritten_conditions", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)  # the file this script just wrote: identifiers and K[i] only
        module.K.extend(self.constants)
        return [getattr(module, n) for n in names]


# --- zen-engine --------------------------------------------------------------------------------------


def zen_expression(c: Condition) -> str:
    if isinstance(c, _Ref):
        return zen_expression(c.part)
    if isinstance(c, _Always):
        return "true"
    if isinstance(c, _Not):
        return f"not ({zen_expression(c.part)})"
    if isinstance(c, (_All, _Any)):
        joiner = " and " if isinstance(c, _All) else " or "
        return "(" + joiner.join(f"({zen_expression(p)})" for p in c.parts) + ")"
    field, o = c.field, json.dumps(c.operand if not isinstance(c.operand, tuple) else list(c.operand))
    if c.op == "cpv_prefix":
        return f"some({field}, " + " or ".join(f"startsWith(#, {json.dumps(p)})" for p in c.operand) + ")"
    return {
        "eq": f"{field} == {o}", "ne": f"{field} != {o}", "in": f"{field} in {o}", "not_in": f"not ({field} in {o})",
        "gt": f"{field} > {o}", "gte": f"{field} >= {o}", "lt": f"{field} < {o}", "lte": f"{field} <= {o}",
        "contains": f"contains({field}, {o})", "contains_any": f"some({o}, contains({field}, #))",
        "exists": f"({field} != null) == {o}",
    }[c.op]  # fmt: skip


def nested(facts: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for path, value in facts.items():
        node = out
        *parents, leaf = path.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = list(value) if isinstance(value, tuple) else value
    return out


# --- timing ------------------------------------------------------------------------------------------


def rate(evaluate: Callable[[], None], evaluations: int) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        evaluate()
        best = min(best, time.perf_counter() - start)
    return evaluations / best


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    packs = installed_packs()
    conditions = [
        cond for pack in packs.packs for c in pack.criteria for cond in (c.applies_when, *(s.when for s in c.scaling))
    ]
    raw: list[tuple[Mapping[str, Any] | None, Mapping[str, Any]]] = []
    for pack in packs.packs:
        found, definitions = raw_conditions(pack.source)
        raw += [(data, definitions) for data in found]
    assert len(raw) == len(conditions)
    rng = random.Random(7)
    mixed = [facts_of(random_profile(rng, complete=False)) for _ in range(count)]
    complete = [facts_of(random_profile(rng, complete=True)) for _ in range(count)]
    fast = [value_function(c) for c in conditions]
    hand = HandWriter().module(conditions)

    def run_explained(facts_list):
        return [[c.evaluate(f).value for c in conditions] for f in facts_list]

    def run_fast(facts_list):
        out = []
        for f in facts_list:
            memo: dict = {}
            out.append([fn(f, memo) for fn in fast])
        return out

    def run_hand(facts_list):
        return [[fn(f) for fn in hand] for f in facts_list]

    def run_naive(facts_list):
        return [[True if d is None else naive(d, f, defs) for d, defs in raw] for f in facts_list]

    reference = run_explained(mixed)
    for name, runner in (("fast", run_fast), ("handwritten", run_hand), ("naive", run_naive)):
        assert runner(mixed) == reference, f"{name} disagrees with the explained evaluator"
    n = len(conditions) * count
    rates = {
        "explained": rate(lambda: run_explained(mixed), n),
        "fast": rate(lambda: run_fast(mixed), n),
        "handwritten": rate(lambda: run_hand(mixed), n),
        "naive": rate(lambda: run_naive(mixed), n),
    }
    print(f"conditions: {len(conditions)}, profiles: {count} (a quarter of the facts unknown), outcomes agree: yes")
    print(f"{'evaluator':<12} {'evaluations/s':>14} {'vs handwritten':>15}")
    for name, value in rates.items():
        print(f"{name:<12} {value:>14,.0f} {value / rates['handwritten']:>14.2f}x")
    try:
        import zen
    except ImportError:
        print("zen-engine not installed: pip install zen-engine to compare")
        return
    compiled = [zen.compile_expression(zen_expression(c)) for c in conditions]
    contexts = [nested(f) for f in complete]
    zen_out = [[e.evaluate(ctx) for e in compiled] for ctx in contexts]
    fast_out = run_fast(complete)
    disagree = sorted(
        {
            conditions[i].describe()
            for row, ref in zip(zen_out, fast_out, strict=True)
            for i, (z, f) in enumerate(zip(row, ref, strict=True))
            if z != f
        }
    )
    assert not disagree, f"zen-engine disagrees on fully known profiles: {disagree[:3]}"
    z = rate(lambda: [[e.evaluate(ctx) for e in compiled] for ctx in contexts], n)
    f = rate(lambda: run_fast(complete), n)
    h = rate(lambda: run_hand(complete), n)
    print("fully known profiles, outcomes agree with zen-engine: yes")
    print(f"{'zen-engine':<12} {z:>14,.0f}   fast / zen: {f / z:.1f}x   handwritten / zen: {h / z:.1f}x")


if __name__ == "__main__":
    main()
