"""What a plan is: the model, fuzzy dates, the schema and its JSON Schema, the shipped catalogue of recommendations."""
