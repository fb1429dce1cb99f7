"""Rebuild the eForms SDK subset shipped in src/mvoi_criteria/eforms_sdk/ from a full (or pinned) SDK folder.

The package needs, at run time, only the fields the export fills (with their nodes, rules and
lengths) and the codelists those fields use. Run from the repository root:

    python scripts/refresh_eforms_sdk.py ../shared/eforms-sdk

The SDK is published by the Publications Office of the EU under CC BY 4.0; the attribution file is
rewritten with the SDK version, so the shipped copy always says where it came from.
"""

from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TARGET = Path(__file__).resolve().parents[1] / "src" / "mvoi_criteria" / "eforms_sdk"

# The fields the export fills or checks, and the ones their rules refer to.
FIELD_IDS = (
    "BT-06-Lot",
    "BT-777-Lot",
    "BT-775-Lot",
    "BT-754-Lot",
    "BT-755-Lot",
    "BT-539-Lot",
    "BT-734-Lot",
    "BT-540-Lot",
    "BT-541-Lot-WeightNumber",
    "BT-541-Lot-FixedNumber",
    "BT-541-Lot-ThresholdNumber",
    "BT-5421-Lot",
    "BT-5422-Lot",
    "BT-5423-Lot",
    "BT-543-Lot",
    "BT-71-Lot",
)
FIELD_KEYS = (
    "id",
    "parentNodeId",
    "name",
    "btId",
    "type",
    "maxLength",
    "codeList",
    "repeatable",
    "mandatory",
    "forbidden",
)
NODE_KEYS = ("id", "parentId", "name", "repeatable")
LANGUAGES = ("eng", "nld")


def _codelist(path: Path) -> dict[str, object]:
    root = ET.parse(path).getroot()
    version = root.findtext("./Identification/Version") or ""
    codes: dict[str, dict[str, str]] = {}
    for row in root.iter("Row"):
        values = {v.get("ColumnRef"): v.findtext("./SimpleValue") for v in row.findall("Value")}
        codes[str(values["code"])] = {lang: values.get(f"{lang}_label") or "" for lang in LANGUAGES}
    return {"version": version, "codes": codes}


def refresh(sdk: Path, target: Path = TARGET) -> list[str]:
    """Write fields.json, codelists.json and ATTRIBUTION.md; return the codelists the SDK folder lacks."""
    data = json.loads((sdk / "fields" / "fields.json").read_text(encoding="utf-8"))
    fields = {f["id"]: f for f in data["fields"]}
    nodes = {n["id"]: n for n in data["xmlStructure"]}
    chosen_nodes: dict[str, dict[str, object]] = {}
    for field_id in FIELD_IDS:
        node_id = fields[field_id]["parentNodeId"]
        while node_id and node_id not in chosen_nodes:
            node = nodes[node_id]
            chosen_nodes[node_id] = {k: node[k] for k in NODE_KEYS if k in node}
            node_id = node.get("parentId")
    subset = {
        "sdkVersion": data["sdkVersion"],
        "ublVersion": data["ublVersion"],
        "metadataDatabase": data["metadataDatabase"],
        "xmlStructure": sorted(chosen_nodes.values(), key=lambda n: str(n["id"])),
        "fields": [{k: fields[i][k] for k in FIELD_KEYS if k in fields[i]} for i in FIELD_IDS],
    }
    lists: dict[str, object] = {}
    missing = []
    for list_id in sorted({f["codeList"]["value"]["id"] for f in subset["fields"] if "codeList" in f}):
        path = sdk / "codelists" / f"{list_id}.gc"
        if path.exists():
            lists[list_id] = _codelist(path)
        else:
            missing.append(list_id)
    target.mkdir(parents=True, exist_ok=True)
    (target / "fields.json").write_text(json.dumps(subset, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (target / "codelists.json").write_text(json.dumps(lists, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (target / "ATTRIBUTION.md").write_text(
        "# eForms SDK data (subset)\n\n"
        f"`fields.json` and `codelists.json` are derived from the eForms SDK ({data['sdkVersion']}) of the\n"
        "Publications Office of the European Union (https://github.com/OP-TED/eForms-SDK), licensed under\n"
        "Creative Commons Attribution 4.0 International (CC BY 4.0, https://creativecommons.org/licenses/by/4.0/).\n\n"
        "Changes: only the fields mvoi-criteria fills or checks are kept, with their parent nodes and the keys\n"
        "id, parent, name, type, maximum length, codelist, repeatable, mandatory and forbidden; codelists are\n"
        "reduced to their codes with English and Dutch labels. Rebuild with `scripts/refresh_eforms_sdk.py`.\n",
        encoding="utf-8",
    )
    return missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sdk", type=Path, help="folder with fields/fields.json and codelists/*.gc")
    args = parser.parse_args()
    missing = refresh(args.sdk)
    for list_id in missing:
        print(f"note: codelist {list_id} is not in {args.sdk}; its codes are not checked", file=sys.stderr)
    print(f"written: {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
