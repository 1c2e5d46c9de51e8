"""``python -m plan_cli`` runs the command line."""

from plan_cli.cli import main

main()
