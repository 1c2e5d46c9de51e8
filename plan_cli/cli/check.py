"""plan check: validate plan files, as a person or pre-commit runs it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from plan_cli.basics.wording import plural, verb
from plan_cli.cli.options import PlanOption, TodayOption, find_plan, parse_today
from plan_cli.cli.styled import Styled
from plan_cli.cli.terminal import print_json, print_problems, stderr
from plan_cli.questions.checks import CheckResult, check_file


def check(
    ctx: typer.Context,
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="FILE",
            help="Plan files to check, as pre-commit passes them. Default: the --plan file.",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail (exit 1) on warnings too (accepted ones excepted).")
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="Also list the warnings the plan's accepted: entries silence."),
    ] = False,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print a JSON array: each file, whether it is valid, and its problems."),
    ] = False,
    plan: PlanOption = None,
    today: TodayOption = None,
) -> None:
    """Validate plan files: exit 0 when every one is valid, 1 when any is not.

    Checks the --plan file (or data/plan.yaml), or each FILE given. Warnings
    (cited items that are not in the plan, blocked items with no open
    dependency, dependencies no item names, complete items on open dependencies,
    outstanding items with no text in the latest round) are printed, located,
    with their code in brackets, but only fail with --strict.

    A warning looked at and accepted is silenced by an entry under accepted:
    in the plan, with its code, the item and a reason; an entry that no longer
    matches a warning is itself a warning.

    Example: plan check --strict

    Example: plan check --verbose
    """
    day = parse_today(today)
    results = [check_file(path, day) for path in files_to_check(ctx, files, plan)]
    failed = [r for r in results if r.errors or (strict and r.warnings)]
    if as_json:
        print_json([r.record() for r in results])
    else:
        for result in results:
            print_check_result(result, verbose)
    if failed:
        raise typer.Exit(1)


def files_to_check(ctx: typer.Context, files: list[Path] | None, plan: Path | None) -> list[Path]:
    """The files ``plan check`` checks: FILEs (with --plan if given on the command line too), else the plan."""
    if not files:
        return [find_plan(plan)]
    # A PLAN_FILE in the environment must not add a file to the ones pre-commit names.
    from_command_line = getattr(ctx.get_parameter_source("plan"), "name", "") == "COMMANDLINE"
    chosen = [plan] if plan is not None and from_command_line else []
    return list(dict.fromkeys([*chosen, *files]))


def print_check_result(result: CheckResult, verbose: bool = False) -> None:
    """Print one file's problems (and, ``verbose``, its accepted warnings) and a summary line to stderr."""
    print_problems([*result.errors, *result.warnings])
    if verbose:
        out = stderr()
        for problem, reason in result.accepted:
            line = str(problem).replace(": warning: ", ": accepted warning: ", 1)
            out.print(Styled(f"{line} (accepted: {reason})", style="dim"))
    if result.unreadable:
        stderr().print(f"{result.path}: not checked.")
        return
    if result.errors:
        stderr().print(
            f"{result.path}: {plural(len(result.errors), 'error')}; fix {verb(len(result.errors), 'it', 'them')} and run 'plan check' again."
        )
        return
    assert result.loaded is not None
    plan = result.loaded.plan
    stderr().print(
        f"{result.path}: valid plan: {plural(len(plan.recommendations), 'recommendation')}, "
        f"{plural(len(plan.items), 'evidence item')}, {plural(len(result.warnings), 'warning')}"
        + (f" ({len(result.accepted_findings)} more accepted)" if result.accepted_findings else "")
        + ".",
    )
