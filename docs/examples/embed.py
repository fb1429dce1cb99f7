"""Embed mvoi-criteria in a tool: advise, record a buyer's choice, draft the documents, export eForms."""

from pathlib import Path

import mvoi_criteria as mc

facts = "procurement_kind: diensten\nestimated_value_eur: 900000\npublication_date: 2026-06-01\nused_by: beide\n"
profile = mc.parse_profile("title: Schoonmaak stadsloket\n" + facts + "personnel: {at_municipal_sites: true}\n")
advice = mc.advise(profile)
awards = [c for c in advice.criteria if c.kind == "gunningscriterium"]
if awards:  # the buyer lowers the first award criterion's weight, with a motivation for the tender file
    advice = mc.apply_choices(advice, [mc.Choice(awards[0].id, "weight", "Marktconsultatie: lichter gewicht past", 1)])
Path("bestek.md").write_text(mc.render_markdown(advice), encoding="utf-8")
Path("bestek.docx").write_bytes(mc.render_docx(advice, lang="en"))
price = 100 - sum(c.weight or 0 for c in advice.criteria if c.kind == "gunningscriterium")
why = "Geen digitale of fysieke voorzieningen."
problems = mc.validate_eforms(mc.export_eforms(advice, price_weight=price, accessibility_justification=why))
print(f"criteria: {len(advice.criteria)}, choices: {len(advice.choices)}, eForms problems: {len(problems)}")
