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
import re
import sys
from collections.abc import Sequence
from typing import Annotated, Any, NamedTuple

import typer
from typer._click import Context
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
from typer.core import TyperCommand, TyperGroup

HELP = (
    "Keep a police force's published stalking action plan (NPCC template) as YAML, "
    "and see where it stands.\n\n"
    "Example: plan outstanding --status blocked\n\n"
    "Example: plan help outstanding\n\n"
    "Manual pages: plan help format (the plan file), plan help round (the update round), "
    "plan help templates, plan help layouts (what plan import reads).\n\n"
    "Exit codes: 0 fine, 1 invalid plan, failed check or output not written, 2 usage error."
)


class Command(NamedTuple):
    """Where a command lives: its module under plan_cli.cli and the function (or Typer group) in it."""

    module: str
    function: str
    help: str | None = None  # the module's own attribute naming help text, for an alias


COMMANDS: dict[str, Command] = {
    "status": Command("status", "status"),
    "outstanding": Command("outstanding", "outstanding"),
    "show": Command("show", "show"),
    "check": Command("check", "check"),
    "schema": Command("setup", "schema"),
    "init": Command("setup", "init"),
    "import": Command("importing", "import_plan"),
    "report": Command("documents", "report"),
    "draft": Command("documents", "draft"),
    "export": Command("documents", "export"),
    "deps": Command("deps", "deps"),
    "dependencies": Command("deps", "deps", help="DEPENDENCIES_HELP"),
    "deadlines": Command("deadlines", "deadlines"),
    "national": Command("national", "national"),
    "round": Command("round", "round_commands"),
    "apply": Command("apply", "apply"),
    "help": Command("help", "help_command"),
}


class PlanCommand(TyperCommand):
    """A command whose usage line shows its arguments as plain words: ``plan show [OPTIONS] ITEM``."""

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        return [re.sub(r"\{([^{}]*)\}", r"\1", piece) for piece in super().collect_usage_pieces(ctx)]


class PlanGroup(TyperGroup):
    """The ``plan`` group, whose parser's mistakes read like the tool's own.

    A usage mistake prints ``error: …``, the usage line and where help is, to
    stderr, and exits 2, as the tool's own usage errors do.
    """

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        try:
            result = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except NoArgsIsHelpError as error:  # plain ``plan``: the help, to stderr, as a usage mistake
            error.show()
            sys.exit(error.exit_code)
        except UsageError as error:
            from plan_cli.cli.options import print_usage_error

            print_usage_error(error.format_message(), error.ctx)
            sys.exit(error.exit_code)
        except ClickException as error:
            from plan_cli.cli.terminal import stderr

            stderr().print(f"error: {error.format_message()}")
            sys.exit(error.exit_code)
        except typer.Abort:
            sys.stderr.write("Aborted.\n")
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


def show_version(value: bool) -> None:
    """Print plan's version and stop (the eager ``--version`` option)."""
    if value:
        from plan_cli import __version__

        sys.stdout.write(f"plan {__version__}\n")
        raise typer.Exit()


def plan_commands(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print plan's version and exit.", callback=show_version, is_eager=True
        ),
    ] = False,
) -> None:
    """Keeps plan a group of commands even when only one of them is built (see app_for)."""


def build_app(names: list[str]) -> typer.Typer:
    """Return the app with the named commands registered, in :data:`COMMANDS` order."""
    from plan_cli.cli.options import reports_errors

    app = typer.Typer(
        name="plan",
        cls=PlanGroup,
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
            app.add_typer(group_of(target), name=name)
            continue
        help_text = getattr(module, command.help) if command.help else None
        app.command(name, help=help_text, cls=PlanCommand)(reports_errors(target))
    return app


def group_of(declared: typer.Typer) -> typer.Typer:
    """Return a command group as the app runs it: its commands with word usage lines and the tool's errors."""
    from plan_cli.cli.options import reports_errors

    group = typer.Typer(
        name=declared.info.name,
        help=declared.info.help,
        no_args_is_help=True,
        rich_markup_mode=None,
    )
    for info in declared.registered_commands:
        assert info.callback is not None
        group.command(info.name, help=info.help, cls=PlanCommand)(reports_errors(info.callback))
    return group


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
    from plan_cli.basics.errors import WriteError
    from plan_cli.cli.terminal import check_stdout, finish_stdout, stderr

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
