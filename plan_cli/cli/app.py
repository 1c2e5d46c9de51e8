"""The Typer app: which commands there are, where each lives, and the console script's entry point.

Command modules know nothing of the app: :data:`COMMANDS` names each
command's module and function, and the app registers them. A run builds and
imports only the command it names; help, completion and mistakes get them all.

Exit codes: 0 fine, 1 invalid plan or failed check (or output not written in full), 2 usage error.
"""

from __future__ import annotations

import functools
import gc
import importlib
import os
import sys
from typing import NamedTuple

import typer

HELP = (
    "Keep a police force's published stalking action plan (NPCC template) as YAML, "
    "and see where it stands.\n\n"
    "Example: plan outstanding --owner 'Chief Constables'\n\n"
    "Exit codes: 0 fine, 1 invalid plan, failed check or output not written, 2 usage error."
)


class Command(NamedTuple):
    """Where a command lives: its module under plan_cli.cli and the function (or Typer group) in it."""

    module: str
    function: str
    help: str | None = None  # the module's own attribute naming help text, for an alias


COMMANDS: dict[str, Command] = {
    "status": Command("status", "status"),
    "outstanding": Command("items", "outstanding"),
    "show": Command("items", "show"),
    "check": Command("check", "check"),
    "schema": Command("setup", "schema"),
    "init": Command("setup", "init"),
    "report": Command("documents", "report"),
    "draft": Command("documents", "draft"),
    "export": Command("documents", "export"),
    "deps": Command("deps", "deps"),
    "dependencies": Command("deps", "deps", help="DEPENDENCIES_HELP"),
    "deadlines": Command("deadlines", "deadlines"),
    "national": Command("national", "national"),
    "round": Command("round", "round_commands"),
    "apply": Command("round", "apply"),
}


def plan_commands() -> None:
    """Keeps plan a group of commands even when only one of them is built (see app_for)."""


def build_app(names: list[str]) -> typer.Typer:
    """Return the app with the named commands registered, in :data:`COMMANDS` order."""
    from .options import reports_errors

    app = typer.Typer(
        name="plan",
        help=HELP,
        no_args_is_help=True,
        add_completion=True,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    )
    app.callback()(plan_commands)
    for name, command in COMMANDS.items():
        if name not in names:
            continue
        module = importlib.import_module(f"{__package__}.{command.module}")
        target = getattr(module, command.function)
        if isinstance(target, typer.Typer):
            app.add_typer(target, name=name)
            continue
        help_text = getattr(module, command.help) if command.help else None
        app.command(name, help=help_text)(reports_errors(target))
    return app


@functools.cache
def full_app() -> typer.Typer:
    """Return the app with every command: for help, completion and tests."""
    return build_app(list(COMMANDS))


def app_for(args: list[str]) -> typer.Typer:
    """The app to run for a command line: only the command it names, when it starts with one.

    Typer builds every command's options on each run; building (and importing)
    only the one asked for saves a tenth of the start-up. Help, completion and
    anything else get the whole app.
    """
    if not args or "_PLAN_COMPLETE" in os.environ or args[0] not in COMMANDS:
        return full_app()
    return build_app([args[0]])


def main() -> None:
    """Entry point of the ``plan`` console script."""
    # A command is short-lived and makes no reference cycles worth collecting; the cyclic
    # collector would only rescan the loaded plan over and over while the output is built,
    # and, at exit, once more over everything imported. Frozen objects it skips.
    gc.disable()
    from ..errors import WriteError
    from .terminal import check_stdout, finish_stdout, stderr

    check_stdout()
    try:
        app_for(sys.argv[1:])()
    except SystemExit as leaving:
        finish_stdout(leaving)
        raise
    except WriteError as error:  # outside any command: help written to a closed or full stdout
        stderr().print(f"error: {error}")
        raise SystemExit(error.exit_code) from None
    finally:
        gc.freeze()
    finish_stdout(SystemExit(0))


def __getattr__(name: str) -> typer.Typer:
    """``app``: the whole app, built on first use (a run builds only its own command)."""
    if name == "app":
        return full_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
