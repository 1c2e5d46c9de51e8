"""plan national: many forces' plans together, as the NPCC compares them.

Argument handling and display only; the roll-up is :mod:`plan_cli.national.rollup`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from plan_cli.basics.errors import UsageError
from plan_cli.basics.wording import plural, verb
from plan_cli.cli.national_display import print_roll_up
from plan_cli.cli.options import (
    ForceOption,
    OutputOption,
    TemplateOption,
    TodayOption,
    choose_format,
    format_option,
    parse_today,
)
from plan_cli.cli.styled import Styled
from plan_cli.cli.terminal import deliver, print_problems, stderr
from plan_cli.national.formats import NATIONAL
from plan_cli.plan.model import Status
from plan_cli.plan.status_words import read_status

if TYPE_CHECKING:
    from plan_cli.national.force_figures import RollUp


def national(
    plans: Annotated[
        list[Path],
        typer.Argument(
            metavar="PLAN... | FOLDER",
            show_default=False,
            help="Plan files, or folders of them (every *.yaml in a folder).",
        ),
    ],
    rec: Annotated[
        int | None,
        typer.Option("--rec", metavar="N", show_default=False, help="Only recommendation N."),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            metavar="|".join(Status),
            show_default=False,
            help="Only items in this status.",
        ),
    ] = None,
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner",
            metavar="NAME",
            show_default=False,
            help="Only items this owner (a body or alias in each force's plan) holds.",
        ),
    ] = None,
    force_names: Annotated[
        list[str] | None,
        typer.Option(
            "--force-name",
            metavar="NAME",
            show_default=False,
            help="Only forces whose name contains NAME (any case); repeat for several.",
        ),
    ] = None,
    sort: Annotated[
        str | None,
        typer.Option(
            "--sort",
            metavar="complete|overdue|dependencies",
            show_default=False,
            help="Order the map's forces: by share of items complete (lowest first), "
            "days the next round is overdue, or open dependencies (most first).",
        ),
    ] = None,
    same: Annotated[
        Path | None,
        typer.Option(
            "--same",
            metavar="FILE",
            show_default=False,
            help="A YAML file of dependency ids that are the same thing, e.g. 'records-change: [records-system-change]'.",
        ),
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print one JSON object (forces, recommendations, dependencies) instead."),
    ] = False,
    fmt: Annotated[
        str | None,
        format_option(NATIONAL, show_default=False),
    ] = None,
    template: TemplateOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    today: TodayOption = None,
) -> None:
    """Roll many forces' plans up into one national picture.

    A map of forces by recommendations, each cell the force's worst status
    (a letter per state), and the national share of items in each status
    half-year by half-year. Per force: its latest round and whether the next is overdue, items by
    status, open dependencies, passed deadlines, stale items. Per
    recommendation and item: how many forces are at each status. Per force,
    on one line, what it has not answered (not in its plan, or outstanding
    with no update in its latest round). Open dependencies shared across
    forces (same id, same party, or the same by --same), with the items they
    hold up and the longest wait. Filters narrow every figure. Of two plans
    of one force the newer counts. An invalid plan is reported and left out
    of the figures, and the command then exits 1.

    Example: plan national plans/ --today 2026-06-15

    Example: plan national plans/ --rec 7 --format md --output national.md

    Example: plan national plans/ --sort complete --format html --output map.html

    Example: plan national plans/ --format forces-csv --output forces.csv
    """
    from plan_cli.national import rollup as core
    from plan_cli.national.force_figures import Selection
    from plan_cli.national.report_data import national_json
    from plan_cli.national.shared_dependencies import read_same_dependencies

    day = parse_today(today)
    selection = Selection(
        recommendation=rec,
        status=parse_status(status),
        owner=owner,
        forces=tuple(force_names or ()),
        sort=parse_sort(sort),
    )
    if as_json and (fmt is not None or template is not None):
        raise UsageError("--json prints JSON; drop it to use --format or --template")
    mapping = read_same_dependencies(same) if same is not None else None
    roll = core.roll_up(core.plan_files(plans), day, selection, mapping)
    report_left_out(roll)
    if as_json:
        deliver(national_json(roll), None, False, "the national roll-up as json")
    elif fmt is not None or template is not None or output is not None:
        chosen = choose_format(NATIONAL, fmt or "md")
        deliver(chosen.produce(roll, template), output, force, f"the national roll-up as {chosen.name}")
    else:
        print_roll_up(roll)
    if not roll.complete:
        counted = f"{roll.valid} of {plural(roll.given, 'plan')}"
        stderr().print(
            f"The figures count {counted}: {plural(len(roll.invalid), 'file')} left out. "
            f"Fix {verb(len(roll.invalid), 'it', 'them')} (plan check --plan FILE lists every problem) "
            "and run again."
        )
        raise typer.Exit(1)


def parse_sort(value: str | None) -> str | None:
    """The order --sort names (any case), or None; a usage error listing the orders."""
    from plan_cli.national.national_map import SORTS

    if value is None:
        return None
    wanted = value.strip().lower()
    if wanted not in SORTS:
        choices = "; ".join(f"{name} ({words})" for name, words in SORTS.items())
        raise UsageError(f"--sort '{value}' is not an order; choose one of: {choices}")
    return wanted


def parse_status(value: str | None) -> Status | None:
    """The status --status names (any spelling or word the status vocabulary knows), or None.

    'unstated' names the items whose source stated none; anything else is read
    as an owner's reply is (plan_cli.plan.status_words), and a word it cannot
    read is a usage error saying why.
    """
    if value is None:
        return None
    if value.strip().lower() == Status.UNSTATED.value:
        return Status.UNSTATED
    reading = read_status(value)
    if reading.status is None:
        raise UsageError(f"--status {reading.problem()}")
    return reading.status


def report_left_out(roll: RollUp) -> None:
    """Print each file left out of the figures, with its first problems or why, to stderr."""
    err = stderr()
    for bad in roll.invalid:
        more = f", the first {len(bad.problems)}" if bad.total > len(bad.problems) else ""
        err.print(
            Styled(f"{bad.path}: left out of the figures ({plural(bad.total, 'problem')}{more}):", "bold")
        )
        print_problems(bad.problems)
    for older in roll.set_aside:
        err.print(Styled(f"{older.path}: left out of the figures: ", "bold") + f"{older.why}.")
