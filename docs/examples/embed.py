"""Embed mvoi-criteria in a tool: advise, record a buyer's choice, draft the documents, export eForms."""

from pathlib import Path

from mvoi_criteria import Choice, advise, apply_choices, export_eforms, parse_profile, render_docx, render_markdown, validate_eforms

profile = parse_profile("title: Schoonmaak stadsloket\nprocurement_kind: diensten\nestimated_value_eur: 900000\n"
                        "publication_date: 2026-06-01\nused_by: beide\npersonnel: {at_municipal_sites: true}\n")
advice = advise(profile)
awards = [c for c in advice.criteria if c.kind == "gunningscriterium"]
if awards:  # the buyer lowers the first award criterion's weight, with a motivation for the tender file
    advice = apply_choices(advice, [Choice(awards[0].id, "weight", "Marktconsultatie: lichter gewicht past", 1)])
Path("bestek.md").write_text(render_markdown(advice), encoding="utf-8")
Path("bestek.docx").write_bytes(render_docx(advice, lang="en"))
price = 100 - sum(c.weight or 0 for c in advice.criteria if c.kind == "gunningscriterium")
export = export_eforms(advice, price_weight=price, accessibility_justification="Geen digitale of fysieke voorzieningen.")
print(f"criteria: {len(advice.criteria)}, choices: {len(advice.choices)}, eForms problems: {len(validate_eforms(export))}")
