"""Basics that know no plan: errors, wording, control characters, bounded reading, atomic writes, the user's cache, the PyYAML shim."""
