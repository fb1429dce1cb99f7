"""Rewrite the table in docs/categories.md from src/mvoi_criteria/categories.py (run after changing either)."""

from pathlib import Path

from mvoi_criteria.categories import CATEGORIES, CPV_PREFIXES

DOC = Path(__file__).resolve().parents[1] / "docs" / "categories.md"
HEADER = "| id | Dutch | English | what it covers | CPV prefixes |"


def table() -> str:
    rows = [HEADER, "|---|---|---|---|---|"]
    for c in CATEGORIES:
        prefixes = sorted(p for p, targets in CPV_PREFIXES.items() if c.id in targets)
        rows.append(f"| `{c.id}` | {c.label.nl} | {c.label.en} | {c.description} | {', '.join(prefixes) or '-'} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    text = DOC.read_text(encoding="utf-8")
    DOC.write_text(text[: text.index(HEADER)] + table(), encoding="utf-8")
