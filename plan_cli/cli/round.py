"""plan round open | publish | due | rename | cancel: argument handling and display.

The round rules and the edits are in :mod:`plan_cli.editing.round_edits`;
each command runs them through the one edit step (the plan locked, read
once, checked once, written atomically).
"""

from __future__ import annotations

from typing import Annotated

import typer

from plan_cli.basics.wording import plural, shell_word, short_date
from plan_cli.cli.options import (
    PlanOption,
    TodayOption,
    complete_unpublished_round,
    edit_plan_file,
    parse_date,
    parse_today,
)
from plan_cli.cli.styled import Styled
from plan_cli.cli.terminal import stderr, stdout

round_commands = typer.Typer(
    name="round",
    help=(
        "Open an update round, publish it once answered, or set its due date, rename or cancel it.\n\n"
        "Example: plan round open 'Autumn 2027 Update' --due 2027-10-29\n\n"
        "Example: plan round publish autumn-2027 --date 2027-10-20"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _print_notes(notes: tuple[str, ...]) -> None:
    for note in notes:
        stderr().print(Styled(f"warning: {note}", style="yellow"))


RoundArgument = Annotated[
    str,
    typer.Argument(
        metavar="ROUND",
        help="The round's id or title, e.g. autumn-2027 (plan status names the open round).",
        autocompletion=complete_unpublished_round,
    ),
]


@round_commands.command("open")
def open_round(
    title: Annotated[
        str | None,
        typer.Argument(
            metavar="TITLE",
            show_default=False,
            help="The round's title as it will be published, e.g. 'Autumn 2027 Update'. "
            "Left out, the error names the title and due date the plan's own cadence suggests.",
        ),
    ] = None,
    due: Annotated[
        str | None,
        typer.Option(
            "--due", metavar="YYYY-MM-DD", show_default=False, help="The date the round's update is due."
        ),
    ] = None,
    round_id: Annotated[
        str | None,
        typer.Option(
            "--id",
            metavar="ID",
            show_default=False,
            help="The round's id (the key under each item's updates:). Default: from the title, as the plan's other ids are.",
        ),
    ] = None,
    plan: PlanOption = None,
    today: TodayOption = None,
) -> None:
    """Add a new update round to rounds: in the plan file, ready for plan draft.

    Only the new round's lines are added; the rest of the file stays byte for byte.

    Example: plan round open 'Autumn 2027 Update' --due 2027-10-29
    """
    from plan_cli.editing import round_edits
    from plan_cli.questions.cadence import due_hint
    from plan_cli.questions.rounds import round_progress

    day = parse_today(today)
    deadline = parse_date("--due", due)
    with edit_plan_file(plan, "plan round open") as edit:
        done = round_edits.open_round(edit, title, round_id, deadline, day)
    _print_notes(done.notes)
    opened = done.round
    progress = round_progress(done.plan, opened.id)
    when = (
        f", due {short_date(deadline)}"
        if deadline
        else f", no due date (set one with: plan round due {opened.id} {due_hint(done.plan, opened.id)})"
    )
    out = stdout()
    out.print(
        f"Opened the {opened.title} ({opened.id}){when}: {plural(progress.asked, 'item')} to answer, "
        f"in {edit.read.path}."
    )
    names = "".join(f"\n  {shell_word(entry.owner)}" for entry in progress.owners)
    out.print(
        Styled(
            f"Next, for each owner: plan draft --owner NAME --output FILE.md; NAME is one of:{names}",
            style="dim",
        )
    )


@round_commands.command("publish")
def publish_round(
    round_ref: RoundArgument,
    published: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="YYYY-MM-DD", show_default=False, help="The publication date. Default: today."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Publish even though some items have no update in the round.")
    ] = False,
    plan: PlanOption = None,
    today: TodayOption = None,
) -> None:
    """Mark a round published, and name it in the plan's title in place of the round there before.

    Adds published: DATE to the round; where the title names an earlier round
    in brackets, e.g. (Spring 2027 Review), that name becomes this round's. A
    date after today is refused.

    Example: plan round publish autumn-2027 --date 2027-10-20
    """
    from plan_cli.editing import round_edits

    day = parse_today(today)
    when = parse_date("--date", published) or day
    with edit_plan_file(plan, "plan round publish") as edit:
        before = edit.plan.title
        done = round_edits.publish_round(edit, round_ref, when, day, force)
    out = stdout()
    out.print(f"Published the {done.round.title} on {short_date(when)}.")
    if done.plan.title != before:
        out.print(f"Title: {done.plan.title}")
    for note in done.notes:
        out.print(Styled(note[0].upper() + note[1:] + ".", style="dim"))


@round_commands.command("due")
def due_round(
    round_ref: RoundArgument,
    due: Annotated[str, typer.Argument(metavar="YYYY-MM-DD", help="The date the round's update is due.")],
    plan: PlanOption = None,
    today: TodayOption = None,
) -> None:
    """Set (or change) the due date of a round not yet published.

    Example: plan round due autumn-2027 2027-11-05
    """
    from plan_cli.editing import round_edits

    day = parse_today(today)
    deadline = parse_date("due date", due)
    assert deadline is not None
    with edit_plan_file(plan, "plan round due") as edit:
        done = round_edits.set_due(edit, round_ref, deadline, day)
    stdout().print(f"The {done.round.title} is now due {short_date(deadline)}.")


@round_commands.command("rename")
def rename_round(
    round_ref: RoundArgument,
    title: Annotated[str, typer.Argument(metavar="TITLE", help="The round's title as it will be published.")],
    plan: PlanOption = None,
    today: TodayOption = None,
) -> None:
    """Give the open round a new title; its id, and the replies under it, stay.

    Example: plan round rename dec-2026 'December 2026 Update'
    """
    from plan_cli.editing import round_edits
    from plan_cli.questions.rounds import find_round

    day = parse_today(today)
    with edit_plan_file(plan, "plan round rename") as edit:
        old = find_round(edit.plan, round_ref)
        done = round_edits.rename_round(edit, round_ref, title, day)
    _print_notes(done.notes)
    was = f" (was {old.title})" if old is not None else ""
    stdout().print(f"Renamed the round {done.round.id} to {done.round.title}{was}.")


@round_commands.command("cancel")
def cancel_round(
    round_ref: RoundArgument,
    force: Annotated[
        bool, typer.Option("--force", help="Cancel it even though replies are in it: they are dropped.")
    ] = False,
    plan: PlanOption = None,
    today: TodayOption = None,
) -> None:
    """Take the open round out of the plan, e.g. one opened by mistake.

    A round with replies in it is cancelled only with --force, which drops them
    and names each.

    Example: plan round cancel dec-2026
    """
    from plan_cli.editing import round_edits

    day = parse_today(today)
    with edit_plan_file(plan, "plan round cancel") as edit:
        done = round_edits.cancel_round(edit, round_ref, day, force)
    for note in done.notes:
        stderr().print(note[0].upper() + note[1:] + ".")
    stdout().print(
        f"Cancelled the {done.round.title} ({done.round.id}); it is no longer in {edit.read.path}."
    )
