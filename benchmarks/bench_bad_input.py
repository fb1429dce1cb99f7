"""Benchmark: how fast hostile input is refused, as a ratio to reading a normal profile.

Prints the time to refuse an alias bomb, a file at the size limit, deep nesting and a FIFO, each
divided by the time to read the example profile. Before the reading gate the alias bomb took about
a minute and 2.4 GB, and a FIFO blocked forever.
Run: python benchmarks/bench_bad_input.py [rounds]
"""

from __future__ import annotations

import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from mvoi_criteria import InputError, load_profile
from mvoi_criteria.yamlio import MAX_FILE_BYTES

ROOT = Path(__file__).resolve().parent.parent


def per_call(path: Path, rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        with contextlib.suppress(InputError):
            load_profile(path)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        bomb = ["title: x", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
        bomb += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
        cases = {
            "alias bomb (429 bytes)": "\n".join(bomb) + "\n",
            "file at the size limit": "title: x\ndescription: '" + "x" * (MAX_FILE_BYTES - 40) + "'\n",
            "nesting 500 deep": "title: x\ndescription: " + "[" * 500 + "]" * 500 + "\n",
        }
        paths = {}
        for name, text in cases.items():
            paths[name] = base / f"{len(paths)}.yaml"
            paths[name].write_text(text, encoding="utf-8")
        if hasattr(os, "mkfifo"):
            paths["FIFO"] = base / "fifo.yaml"
            os.mkfifo(paths["FIFO"])
        normal = per_call(ROOT / "examples" / "uitzendkrachten.yaml", rounds)
        print(f"normal profile: {normal * 1000:.1f} ms")
        for name, path in paths.items():
            took = per_call(path, rounds)
            print(f"{name}: {took * 1000:.1f} ms, {took / normal:.1f}x a normal profile")


if __name__ == "__main__":
    main()
