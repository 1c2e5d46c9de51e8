"""The shipped Jinja templates, installed as the package ``plan_cli.templates``."""
