"""Print the scaling table of one pack (kind of purchase x size band) as Markdown, made with the engine itself.

The pack READMEs paste this table; rerun it after a change so the README says what the pack does:

    python packs/sociale_veiligheid/scripts/scaling_table.py packs/representatie/src/mvoi_pack_representatie/pack.yaml rep-
"""

from __future__ import annotations

import sys
from typing import Any

from mvoi_criteria import pack_set_from_files, profile_from_dict
from mvoi_criteria.engine import advise

LEVEL = {None: "–", "visie": "V", "concrete_invulling": "CI", "plan_van_aanpak": "PvA"}
KIND = {"contractbepaling": "cb", "gunningscriterium": "gc", "eis": "eis", "informatievraag": "iv"}
NOBODY = {
    "works_for_municipality": False,
    "at_municipal_sites": False,
    "in_public_space": False,
    "in_residents_homes": False,
    "vulnerable_groups": [],
}
# label, procurement kind, categories, used_by, social services, personnel flags
ROWS: list[tuple[str, str, list[str], str, bool, dict[str, Any]]] = [
    ("uitzend en inhuur", "diensten", ["uitzend_inhuur"], "medewerkers", False,
     {"works_for_municipality": True, "at_municipal_sites": True}),
    ("werving en selectie, executive search", "diensten", ["werving_selectie"], "medewerkers", False,
     {"works_for_municipality": True}),
    ("schoonmaak op locaties van de gemeente", "diensten", ["schoonmaak"], "medewerkers", False, {"at_municipal_sites": True}),
    ("catering op een locatie van de gemeente", "diensten", ["catering"], "medewerkers", False, {"at_municipal_sites": True}),
    ("beveiliging en handhaving op straat", "diensten", ["beveiliging_handhaving"], "bewoners", False,
     {"works_for_municipality": True, "in_public_space": True}),
    ("Wmo-ondersteuning thuis", "diensten", ["zorg_welzijn"], "bewoners", True,
     {"in_residents_homes": True, "vulnerable_groups": ["wmo_clienten"]}),
    ("jeugdhulp thuis", "diensten", ["jeugdhulp"], "bewoners", True,
     {"in_residents_homes": True, "vulnerable_groups": ["jeugd"]}),
    ("arbodienstverlening", "diensten", ["arbodienstverlening"], "medewerkers", False, {"works_for_municipality": True}),
    ("onderzoek en advies", "diensten", ["onderzoek_advies"], "medewerkers", False, {}),
    ("communicatie en campagnes", "diensten", ["communicatie_drukwerk"], "bewoners", False, {}),
    ("fotografie en film", "diensten", ["fotografie_vormgeving"], "bewoners", False, {}),
    ("evenement organiseren", "diensten", ["evenementen_locaties"], "beide", False, {"at_municipal_sites": True}),
    ("drukwerk (levering)", "leveringen", ["communicatie_drukwerk"], "bewoners", False, {}),
    ("relatiegeschenken", "leveringen", ["relatiegeschenken"], "bewoners", False, {}),
    ("koffieautomaten met service op locatie", "leveringen", ["automaten"], "medewerkers", False, {"at_municipal_sites": True}),
    ("kantoorartikelen, bezorgd op locatie", "leveringen", ["kantoorartikelen"], "medewerkers", False,
     {"at_municipal_sites": True}),
    ("liftvervanging in een kantoor (werken)", "werken", ["liften"], "beide", False,
     {"at_municipal_sites": True}),
    ("werkkleding", "leveringen", ["werkkleding"], "medewerkers", False, {}),
    ("voertuigen", "leveringen", ["voertuigen"], "medewerkers", False, {}),
    ("openbare verlichting (ontwerp, plaatsing, onderhoud)", "werken", ["openbare_verlichting"], "bewoners", False,
     {"in_public_space": True}),
    ("openbare verlichting (alleen levering)", "leveringen", ["openbare_verlichting"], "bewoners", False, {}),
    ("strooizout", "leveringen", [], "niemand", False, {}),
]  # fmt: skip


def cell(packs: Any, prefix: str, kind: str, categories: list[str], used_by: str, social: bool,
         personnel: dict[str, Any], value: int) -> str:  # fmt: skip
    profile = {
        "title": "T",
        "procurement_kind": kind,
        "social_services": social,
        "estimated_value_eur": value,
        "duration_months": 36,
        "publication_date": "2026-06-01",
        "cpv_codes": [],
        "categories": categories,
        "framework_agreement": False,
        "used_by": used_by,
        "personnel": {**NOBODY, **personnel},
        "result": {
            "physical": kind == "leveringen",
            "digital": False,
            "event_or_venue": "evenementen_locaties" in categories,
            "communication": bool({"communicatie_drukwerk", "fotografie_vormgeving"} & set(categories)),
        },
        "ambition": {"representatie": "significant", "sociale_veiligheid": "significant"},
    }
    advice = advise(profile_from_dict(profile), packs=packs)
    items = [
        f"{c.id.removeprefix(prefix)} {KIND[c.kind]}/{LEVEL[c.ask_level]}" + (f" {c.weight:g}%" if c.weight else "")
        for c in advice.criteria
    ]
    return "<br>".join(items) or "niets"


def main(pack_file: str, prefix: str) -> None:
    packs = pack_set_from_files([pack_file])
    print("| soort inkoop | klein (€ 30.000) | midden (€ 150.000) | groot (€ 1,5 mln; zorg € 2 mln) |")
    print("|---|---|---|---|")
    for label, kind, categories, used_by, social, personnel in ROWS:
        values = (30_000, 150_000, 2_000_000 if social else 1_500_000)
        cells = [cell(packs, prefix, kind, categories, used_by, social, personnel, v) for v in values]
        print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
