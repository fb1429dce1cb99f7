"""Benchmark: triage of a large inkoopkalender in bounded memory.

Writes a calendar of N rows (default 100,000) built from the example's rows with varied titles and
values, triages it to CSV in streaming mode, and prints rows per second, the number of engine runs
(one per distinct combination of facts) and the peak memory traced by tracemalloc. Also prints the
peak for a tenth of the rows, so the ratio shows whether memory grows with the calendar.
Run: python benchmarks/bench_triage.py [rows]
"""

from __future__ import annotations

import csv
import io
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from mvoi_criteria import installed_packs
from mvoi_criteria.triage import Triager, open_calendar, triage_items
from mvoi_criteria.triage.outputs import write_csv

ROOT = Path(__file__).resolve().parent.parent


def make_calendar(path: Path, rows: int) -> None:
    with (ROOT / "examples" / "inkoopkalender.csv").open(encoding="utf-8", newline="") as handle:
        example = list(csv.reader(handle, delimiter=";"))
    header, body = example[2], [r for r in example[3:] if r[0]]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header)
        for i in range(rows):
            row = list(body[i % len(body)])
            row[0] = f"{row[0]} perceel {i}"
            row[4] = f"€ {(i * 7919) % 9_000_000 + 10_000:,}".replace(",", ".") if i % 5 else "N.n.b."
            writer.writerow(row)


def run(path: Path, *, trace: bool) -> tuple[int, float, int, int]:
    """Triage the file to CSV (discarded); with `trace`, under tracemalloc (slower: timed separately)."""
    triager = Triager()
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    with open_calendar(path) as source:
        count = write_csv(triage_items(source, triager, on_problem=lambda n, p: None), _Discard(), source.width)
    seconds = time.perf_counter() - start
    peak = 0
    if trace:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return count, seconds, peak, triager.engine_runs


class _Discard(io.TextIOBase):
    def write(self, text: str) -> int:
        return len(text)


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    installed_packs()  # load and compile the packs before measuring
    with tempfile.TemporaryDirectory() as folder:
        small, large = Path(folder) / "small.csv", Path(folder) / "large.csv"
        make_calendar(small, rows // 10)
        make_calendar(large, rows)
        n, seconds, _, runs = run(large, trace=False)
        n_small, _, peak_small, _ = run(small, trace=True)
        _, _, peak, _ = run(large, trace=True)
    print(f"rows triaged: {n:,} in {seconds:.1f} s = {n / seconds:,.0f} rows/s; engine runs: {runs}")
    print(
        f"peak memory (tracemalloc): {peak / 2**20:.1f} MiB for {n:,} rows, {peak_small / 2**20:.1f} MiB for {n_small:,}"
    )
    print(f"memory ratio {n // max(n_small, 1)}x rows: {peak / max(peak_small, 1):.2f}x")


if __name__ == "__main__":
    main()
