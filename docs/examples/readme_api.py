from mvoi_criteria import advice_to_json, advise, load_profile

advice = advise(load_profile("examples/uitzendkrachten.yaml"))
for theme in advice.themes:
    print(theme.theme, theme.ask_level, [c.id for c in theme.criteria])
for question in advice.questions:
    print("?", question.question)
print(advice_to_json(advice)[:80])  # deterministic JSON with trace and provenance
