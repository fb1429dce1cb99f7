"""Benchmark: advise latency, cold start, batch throughput and peak memory, measured in one run.

- advise     : median time of one `advise` (trace and rendered texts included) and of `advice_to_json`,
               over the bundled examples, with the installed packs loaded once
- cold start : a fresh interpreter that imports the library and loads the installed packs (median of 5),
               next to a bare interpreter start, so the difference is what the library costs; and the CPU
               time of import + pack loading with no pack cache, a cold cache and a warm cache, side by side
- batch      : `advise_many(..., outcomes_only=True)` over generated profiles: profiles per second,
               the time 100,000 profiles would take at that rate, and peak Python memory (tracemalloc)
               next to the full advice streamed for the same profiles
Run: python benchmarks/bench_scale.py [profiles]
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from bench_conditions import random_profile
from bench_engine import per_call

from mvoi_criteria import EngineConfig, advice_to_json, advise, batch, installed_packs, load_profile, profile_from_dict
from mvoi_criteria.batch import advise_many
from mvoi_criteria.derive import derive, fact_table

ROOT = Path(__file__).resolve().parent.parent


def interpreter(code: str) -> float:
    return per_call(lambda: subprocess.run([sys.executable, "-c", code], check=True), 5)


def cpu_once(code: str, **env: str) -> float:
    """CPU time (process_time) a fresh interpreter spends in `code`: steadier than wall time on a loaded machine."""
    timed = f"import time\nstart = time.process_time()\n{code}\nprint(time.process_time() - start)"
    run = subprocess.run(
        [sys.executable, "-c", timed], check=True, capture_output=True, text=True, env={**os.environ, **env}
    )
    return float(run.stdout)


def cold_start_cpu(rounds: int = 5) -> str:
    """Import alone, and import + installed packs with no pack cache, a cold (empty) cache and a warm one."""
    load = "import mvoi_criteria\nmvoi_criteria.installed_packs()"
    samples: dict[str, list[float]] = {"import": [], "off": [], "cold": [], "warm": []}
    with tempfile.TemporaryDirectory() as warm, tempfile.TemporaryDirectory() as cold_root:
        cpu_once(load, MVOI_CRITERIA_CACHE_DIR=warm)  # fill the warm cache
        for i in range(rounds):  # interleaved, so a change in machine load touches every column alike
            samples["import"].append(cpu_once("import mvoi_criteria", MVOI_CRITERIA_CACHE="0"))
            samples["off"].append(cpu_once(load, MVOI_CRITERIA_CACHE="0"))
            samples["cold"].append(cpu_once(load, MVOI_CRITERIA_CACHE_DIR=str(Path(cold_root) / str(i))))
            samples["warm"].append(cpu_once(load, MVOI_CRITERIA_CACHE_DIR=warm))
    ms = {name: statistics.median(values) * 1000 for name, values in samples.items()}
    return (
        f"cold start CPU (median of {rounds}): import {ms['import']:.0f} ms; import + load packs: "
        f"no cache {ms['off']:.0f} ms, cold cache {ms['cold']:.0f} ms, warm cache {ms['warm']:.0f} ms "
        f"(warm / no cache {ms['warm'] / ms['off']:.2f}x)"
    )


def streamed(profiles, outcomes_only: bool) -> tuple[float, int]:
    """Seconds and peak traced bytes for consuming the stream one result at a time."""
    tracemalloc.start()
    start = time.perf_counter()
    for result in advise_many(iter(profiles), outcomes_only=outcomes_only):
        del result
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    packs = installed_packs()
    examples = [load_profile(p) for p in sorted((ROOT / "examples").glob("*.yaml"))]
    for profile in examples:
        advice_to_json(advise(profile, packs=packs))  # warm up
    per_advise = statistics.median(per_call(lambda p=profile: advise(p, packs=packs), 20) for profile in examples)
    advices = [advise(p, packs=packs) for p in examples]
    per_json = statistics.median(per_call(lambda a=a: advice_to_json(a), 20) for a in advices)
    print(
        f"advise, one profile, {len(packs.packs)} packs: {per_advise * 1e6:,.0f} µs median; advice_to_json {per_json * 1e6:,.0f} µs"
    )

    bare = interpreter("pass")
    imported = interpreter("import mvoi_criteria")
    loaded = interpreter("import mvoi_criteria; mvoi_criteria.installed_packs()")
    print(
        f"cold start: interpreter {bare * 1000:.0f} ms; + import {(imported - bare) * 1000:.0f} ms; "
        f"+ import and load packs {(loaded - bare) * 1000:.0f} ms"
    )
    print(cold_start_cpu())

    rng = random.Random(11)
    profiles = [profile_from_dict(random_profile(rng, complete=rng.random() < 0.5)) for _ in range(count)]
    plan = batch._Plan(installed_packs(), EngineConfig())
    distinct = len(
        {
            batch.facts_key(fact_table(p, d), d, plan.fields)
            for p in profiles
            for d in [derive(p, EngineConfig(), plan.themes)]
        }
    )
    fast_s, fast_peak = streamed(profiles, outcomes_only=True)
    full_n = min(count, 300)
    full_s, full_peak = streamed(profiles[:full_n], outcomes_only=False)
    fast_rate, full_rate = count / fast_s, full_n / full_s
    print(f"batch of {count:,} profiles ({distinct:,} distinct sets of facts):")
    print(f"  outcomes only: {fast_rate:,.0f} profiles/s, peak memory {fast_peak / 1e6:.1f} MB")
    print(f"  full advice  : {full_rate:,.0f} profiles/s, peak memory {full_peak / 1e6:.1f} MB")
    print(f"  ratio outcomes only / full advice: {fast_rate / full_rate:.1f}x")
    feed = (profile_from_dict(random_profile(rng, complete=rng.random() < 0.5)) for _ in range(100_000))
    start = time.perf_counter()
    decided = sum(1 for _ in advise_many(feed, outcomes_only=True))
    print(
        f"100,000 generated profiles, outcomes only (profiles built on the fly): {time.perf_counter() - start:.1f} s for {decided:,}"
    )


if __name__ == "__main__":
    main()
