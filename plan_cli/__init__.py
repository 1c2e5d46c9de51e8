"""plan: keep a police force's published stalking action plan as YAML, and report on it."""

__version__ = "0.1.0"
