"""Dump, per case file and example profile, what the advice decides for every criterion.

Used to prove that a change of pack *form* (categories instead of CPV lists, named conditions
instead of YAML anchors) leaves the advice unchanged: run it on the old and the new pack files and
diff the output.

    python packs/sociale_veiligheid/scripts/advice_tuples.py PACK.yaml [PACK.yaml ...] > out.txt

Each line: `<source> <criterion> <outcome> <kind> <ask_level> <weight>`; only the ids of the given
packs are printed, so other packs may differ without noise. Facts are not inferred from titles (as in the case
files), so the diff shows what the pack change does, not what the inference adds.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mvoi_criteria import pack_set_from_files, profile_from_dict
from mvoi_criteria.engine import advise
from mvoi_criteria.testing.cases import load_case
from mvoi_criteria.yamlio import load_document

ROOT = Path(__file__).resolve().parents[3]


def _profiles() -> list[tuple[str, dict]]:
    found = []
    for path in sorted(ROOT.glob("packs/*/cases/*.case.yaml")):
        found.append((str(path.relative_to(ROOT)), dict(load_case(path).profile)))
    for path in sorted(ROOT.glob("examples/*.yaml")):
        found.append((str(path.relative_to(ROOT)), load_document(path.read_text(encoding="utf-8")).data))
    return found


def main(pack_files: list[str]) -> None:
    packs = pack_set_from_files(pack_files)
    if packs.failures:
        raise SystemExit(f"pack failed to load: {packs.failures}")
    ids = {c.id for p in packs.packs for c in p.criteria}
    for source, data in _profiles():
        advice = advise(profile_from_dict(data, source), packs=packs, infer_facts=False)
        for entry in sorted(advice.trace, key=lambda t: t.criterion):
            if entry.criterion not in ids:
                continue
            applied = advice.criterion(entry.criterion)
            kind = applied.kind if applied else "-"
            level = applied.ask_level if applied else "-"
            weight = applied.weight if applied else "-"
            print(source, entry.criterion, entry.outcome, kind, level, weight)


if __name__ == "__main__":
    main(sys.argv[1:])
