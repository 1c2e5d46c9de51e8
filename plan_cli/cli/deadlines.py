"""plan deadlines: every date in the plan, in date order."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from plan_cli.basics.errors import UsageError
from plan_cli.basics.wording import plural, verb
from plan_cli.cli.options import (
    ForceOption,
    JsonOption,
    OutputOption,
    PlanOption,
    TodayOption,
    complete_owner,
    format_option,
    open_plan,
    parse_today,
    say_owners,
)
from plan_cli.cli.styled import Styled, cell_width
from plan_cli.cli.terminal import DEADLINE_STYLE, deliver, print_columns, print_json, stdout
from plan_cli.documents.formats import DEADLINES

if TYPE_CHECKING:
    from plan_cli.questions.deadlines import Deadline


def deadlines(
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner",
            metavar="NAME",
            help="Only this body's dates, and every round's: its name, an alias or the usual abbreviation, "
            "any case.",
            show_default=False,
            autocompletion=complete_owner,
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        format_option(DEADLINES, show_default=False),
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    as_json: JsonOption = False,
    plan: PlanOption = None,
    today: TodayOption = None,
) -> None:
    """List every date in the plan in date order: passed, upcoming or done.

    Recommendation deadlines, round due dates, dependencies' expected dates and
    milestones. A fuzzy date (Spring 2026, 2026-Q2) passes once its whole period
    has ended. A passed milestone no later update reports on needs an update.
    With --format ics, a calendar to import or subscribe to: an all-day event
    per date, on the last day of its period, each with its owners and items.

    Example: plan deadlines --today 2026-11-28

    Example: plan deadlines --json

    Example: plan deadlines --format ics --owner 'Chief Constables' --output deadlines.ics
    """
    from plan_cli.questions import deadlines as dated

    chosen = DEADLINES.get(fmt.strip().lower()) if fmt is not None else None
    if fmt is not None:
        if chosen is None:
            raise UsageError(f"--format {fmt!r} is not a format here; choose one of: {', '.join(DEADLINES)}")
        if as_json:
            raise UsageError(f"--json and --format {chosen.name} ask for two formats; give one")
    elif output is not None:
        raise UsageError(f"--output writes a file format; add --format ({', '.join(DEADLINES)})")
    day = parse_today(today)
    loaded = open_plan(plan)
    if chosen is not None:
        deliver(chosen.produce(loaded.plan, day, owner), output, force, f"the deadlines as {chosen.name}")
    elif as_json:
        print_json([dated.deadline_record(entry) for entry in dated.owned_deadlines(loaded.plan, day, owner)])
    else:
        print_deadlines(dated.owned_deadlines(loaded.plan, day, owner))
    say_owners(loaded.plan, owner)


def print_deadlines(entries: list[Deadline]) -> None:
    """Print deadlines as a table that reads at 80 columns."""
    from plan_cli.questions import deadlines as dated

    out = stdout()
    if not entries:
        out.print("The plan has no dated entries.")
        return
    labels = {
        dated.Kind.RECOMMENDATION: "Rec {ref}",
        dated.Kind.ROUND: "Round",
        dated.Kind.DEPENDENCY: "Awaited",
        dated.Kind.MILESTONE: "{ref}",
    }
    rows: list[list[Styled | str]] = []
    for entry in entries:
        state = Styled(entry.state.value, style=DEADLINE_STYLE[entry.state.value])
        if entry.needs_update:
            state.append(" needs update", style="bold red")
        what = Styled(labels[entry.kind].format(ref=entry.ref) + ": ", style="bold")
        what.append(entry.text if entry.kind is not dated.Kind.DEPENDENCY else f"{entry.text} ({entry.ref})")
        rows.append([entry.when.text, state, what])
    when = max([len("Date"), *(cell_width(str(row[0])) for row in rows)])
    states = max([len("State"), *(cell_width(str(row[1])) for row in rows)])
    print_columns(out, [("Date", when, False), ("State", states, False), ("What", None, False)], rows)
    counts = dated.summary(entries)
    out.print(
        Styled(
            f"{counts.passed} passed, {counts.upcoming} upcoming, {counts.done} done; "
            f"{plural(counts.needing_update, 'milestone')} {verb(counts.needing_update, 'needs', 'need')} "
            "an update.",
            style="dim",
        )
    )
