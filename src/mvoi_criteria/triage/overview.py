"""The HTML overview for managers: one offline file, a sortable table and two bar charts (inline SVG),
readable without JavaScript and with a screen reader (lang nl, caption, header cells, chart text)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from importlib import resources

from jinja2 import Environment

from ..labels import label
from .core import PRIORITIES, RowTriage

__all__ = ["render_overview"]

_COLOURS = {"hoog": "#b00020", "middel": "#a15c00", "laag": "#2e6b30"}  # contrast >= 4.5:1 on white


def _bars(rows: Sequence[RowTriage], group: str, title: str) -> dict:
    counts: dict[str, Counter] = {}
    for r in rows:
        key = (r.directorate if group == "directorate" else r.quarter) or "onbekend"
        counts.setdefault(key, Counter())[r.priority] += 1
    keys = sorted(counts, key=lambda k: (k == "onbekend", _quarter_order(k) if group == "quarter" else k.lower()))
    most = max((sum(c.values()) for c in counts.values()), default=1)
    bar_height, gap, label_width, scale = 22, 8, 220, 360
    bars = []
    for index, key in enumerate(keys):
        y = index * (bar_height + gap) + 10
        x = label_width
        segments = []
        for priority in PRIORITIES:
            n = counts[key][priority]
            if n:
                w = n / most * scale
                segments.append({"x": x, "w": w, "n": n, "priority": priority, "colour": _COLOURS[priority]})
                x += w
        total = sum(counts[key].values())
        bars.append({"key": key, "y": y, "segments": segments, "total": total, "end": x})
    height = len(keys) * (bar_height + gap) + 40
    summary = "; ".join(f"{b['key']}: " + ", ".join(f"{s['n']} {s['priority']}" for s in b["segments"]) for b in bars)
    return {"title": title, "bars": bars, "height": height, "bar_height": bar_height, "label_width": label_width,
            "width": label_width + scale + 60, "summary": summary, "id": group}  # fmt: skip


def _quarter_order(key: str) -> tuple[int, int]:
    parts = key.replace("Q", "").split()
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return int(parts[1]), int(parts[0])
    return (int(parts[0]), 0) if parts and parts[0].isdigit() else (9999, 0)


def render_overview(rows: Sequence[RowTriage], source_name: str) -> str:
    env = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    template = env.from_string(resources.files(__package__).joinpath("overview.html.j2").read_text("utf-8"))
    counts = Counter(r.priority for r in rows)
    return template.render(
        rows=rows,
        source=source_name,
        counts=[(p, counts.get(p, 0)) for p in PRIORITIES],
        charts=[
            _bars(rows, "directorate", "Prioriteit per directie"),
            _bars(rows, "quarter", "Prioriteit per kwartaal"),
        ],
        colours=_COLOURS,
        label=label,
        rank={p: i for i, p in enumerate(PRIORITIES)},
    )
