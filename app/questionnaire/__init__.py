"""“Am I a carer?”: a self-identification questionnaire declared as data (content/questionnaires/), whose result
leads to assessments, benefits (by the rules in force on the day), local organisations and directory services,
and anonymous weekly counts for the Board."""
