"""plan help: the help of plan, of one command (the same as ``plan COMMAND --help``), or a manual page.

The manual pages (``plan help format``, ``templates``, ``round``) are the docs
site's own pages, shipped with the package so an installed tool has them.
"""

from __future__ import annotations

from typing import Annotated

import typer

from plan_cli.basics.errors import UsageError

TOPICS = {"format": "format.md", "templates": "templates.md", "round": "round.md", "layouts": "import.md"}
"""The manual pages ``plan help TOPIC`` prints: the docs pages of the same names, shipped as package data."""


def manual_page(topic: str) -> str:
    """Return the text of the manual page ``topic`` (one of :data:`TOPICS`), as shipped with the package."""
    from importlib import resources

    return resources.files("plan_cli.cli").joinpath("help_pages", TOPICS[topic]).read_text(encoding="utf-8")


def help_command(
    ctx: typer.Context,
    command: Annotated[
        str | None,
        typer.Argument(
            metavar="COMMAND|TOPIC",
            help="The command to explain, or a manual page: format, templates, round, layouts. Default: list the commands.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Show the help of a command, of plan and its commands, or a manual page (format, templates, round, layouts).

    Example: plan help outstanding

    Example: plan help format
    """
    from plan_cli.cli.app import COMMANDS, full_app

    group = typer.main.get_command(full_app())
    root = ctx.find_root()
    if command is None:
        typer.echo(group.get_help(root))
        return
    if command in TOPICS:
        typer.echo(manual_page(command), nl=False)
        return
    if command not in COMMANDS:
        raise UsageError(
            f"there is no command '{command}'; commands are: {', '.join(COMMANDS)}; "
            f"manual pages are: {', '.join(TOPICS)}"
        )
    found = group.get_command(root, command)  # type: ignore[attr-defined]
    with found.make_context(command, ["--help"], parent=root, resilient_parsing=True) as sub:
        typer.echo(found.get_help(sub))
