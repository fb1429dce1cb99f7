"""Benchmark: what compiling packs once saves, measured side by side in one run.

Prints the time per advice with the compiled packs reused (the library's path) and with the packs
re-read and re-compiled for every advice (what a naive embedding would do), and their ratio.
Run: python benchmarks/bench_engine.py [rounds]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from mvoi_criteria import advice_to_json, advise, installed_packs, load_profile, pack_set_from_files

ROOT = Path(__file__).resolve().parent.parent


def per_call(fn, rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    profiles = [load_profile(p) for p in sorted((ROOT / "examples").glob("*.yaml"))]
    packs = installed_packs()
    sources = [p.source for p in packs.packs]
    if not sources:
        sys.exit("no packs installed: pip install ./packs/* first")

    def cached() -> None:
        for profile in profiles:
            advice_to_json(advise(profile, packs=packs))

    def recompiled() -> None:
        for profile in profiles:
            advice_to_json(advise(profile, packs=pack_set_from_files(sources)))

    cached()  # warm up imports and caches
    fast = per_call(cached, rounds)
    slow = per_call(recompiled, rounds)
    n = len(profiles)
    print(
        f"profiles: {n}, packs: {len(sources)}, criteria: {sum(len(p.criteria) for p in packs.packs)}, rounds: {rounds}"
    )
    print(f"compiled once : {fast / n * 1000:8.2f} ms per advice")
    print(f"recompiled    : {slow / n * 1000:8.2f} ms per advice")
    print(f"ratio recompiled / compiled once: {slow / fast:.1f}x")


if __name__ == "__main__":
    main()
