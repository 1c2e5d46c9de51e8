"""plan help: the help of plan, or of one command (the same as ``plan COMMAND --help``)."""

from __future__ import annotations

from typing import Annotated

import typer

from plan_cli.basics.errors import UsageError


def help_command(
    ctx: typer.Context,
    command: Annotated[
        str | None,
        typer.Argument(
            metavar="COMMAND", help="The command to explain. Default: list the commands.", show_default=False
        ),
    ] = None,
) -> None:
    """Show the help of a command, or of plan and its commands.

    Example: plan help outstanding
    """
    from plan_cli.cli.app import COMMANDS, full_app

    group = typer.main.get_command(full_app())
    root = ctx.find_root()
    if command is None:
        typer.echo(group.get_help(root))
        return
    if command not in COMMANDS:
        raise UsageError(f"there is no command '{command}'; commands are: {', '.join(COMMANDS)}")
    found = group.get_command(root, command)  # type: ignore[attr-defined]
    with found.make_context(command, ["--help"], parent=root, resilient_parsing=True) as sub:
        typer.echo(found.get_help(sub))
