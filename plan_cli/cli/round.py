"""plan round open, plan round publish and plan apply: the commands that write the plan file.

Each reads the plan file once, makes its change where the file's own layout
puts it (plan_edits), checks the result loads, and writes it atomically,
refusing if the file changed meanwhile. Nothing else in the file moves.
"""

from __future__ import annotations

import re
from typing import Annotated

import typer

from plan_cli.basics.errors import RefusalError, UsageError
from plan_cli.basics.wording import plural, short_date
from plan_cli.cli.options import (
    PlanOption,
    TodayOption,
    complete_unpublished_round,
    open_plan_for_edit,
    parse_date,
    parse_today,
)
from plan_cli.cli.styled import Styled
from plan_cli.cli.terminal import stdout
from plan_cli.plan.schema import SLUG

round_commands = typer.Typer(
    name="round",
    help=(
        "Open an update round, or publish it once answered.\n\n"
        "Example: plan round open 'Autumn 2027 Update' --due 2027-10-29\n\n"
        "Example: plan round publish autumn-2027 --date 2027-10-20"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)


@round_commands.command("open")
def open_round(
    title: Annotated[
        str,
        typer.Argument(
            metavar="TITLE", help="The round's title as it will be published, e.g. 'Autumn 2027 Update'."
        ),
    ],
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
    from plan_cli.editing.plan_edits import add_round
    from plan_cli.editing.plan_file import check_plan_text, save_plan
    from plan_cli.questions.rounds import (
        default_round_id,
        find_round,
        latest_round,
        next_round,
        round_progress,
    )

    day = parse_today(today)
    deadline = parse_date("--due", due)
    read, current = open_plan_for_edit(plan)
    title = title.strip()
    if not title:
        raise UsageError(
            "the round needs a title, e.g. plan round open 'Autumn 2027 Update' --due 2027-10-29"
        )
    new_id = round_id.strip() if round_id is not None else default_round_id(current, title)
    if not re.fullmatch(SLUG, new_id):
        raise UsageError(f"--id '{new_id}' is not a round id; use lower-case letters, digits and hyphens")
    existing = find_round(current, title) or find_round(current, new_id)
    if existing is not None:
        raise RefusalError(
            f"the plan already declares the {existing.title} ({existing.id}); "
            f"draft it with: plan draft --round {existing.id}"
            if existing.title.casefold() == title.casefold()
            else f"the plan already has a round with the id {new_id} (the {existing.title}); choose another with --id"
        )
    open_now = next_round(current, day)
    if open_now is not None:
        progress = round_progress(current, open_now.id)
        next_step = (
            f"publish it first: plan round publish {open_now.id}"
            if progress.answered
            else "draft it with plan draft, or take it out of rounds: to open another instead"
        )
        raise RefusalError(
            f"the {open_now.title} is still {progress.state.value} ({progress.answered} of "
            f"{plural(progress.asked, 'item')} answered); {next_step}"
        )
    latest = latest_round(current, day)
    if deadline is not None and latest is not None and latest.due is not None and deadline <= latest.due:
        raise UsageError(
            f"--due {deadline.isoformat()} is not after the {latest.title}'s due date "
            f"({latest.due.isoformat()}); give the new round's own deadline"
        )
    new_text = add_round(read.text, new_id, title, deadline, read.newline)
    after = check_plan_text(new_text, str(read.path))
    save_plan(read, new_text)
    progress = round_progress(after, new_id)
    when = f", due {short_date(deadline)}" if deadline else ", no due date (add one with due: under rounds:)"
    out = stdout()
    out.print(
        f"Opened the {title} ({new_id}){when}: {plural(progress.asked, 'item')} to answer, in {read.path}."
    )
    owners = " or ".join(f"'{entry.owner}'" for entry in progress.owners[:2])
    out.print(Styled(f"Next: plan draft --owner NAME --output NAME.md (NAME: {owners})", style="dim"))


@round_commands.command("publish")
def publish_round(
    round_ref: Annotated[
        str,
        typer.Argument(
            metavar="ROUND",
            help="The round's id or title, e.g. autumn-2027.",
            autocompletion=complete_unpublished_round,
        ),
    ],
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
    in brackets, e.g. (March 2026 Update), that name becomes this round's.

    Example: plan round publish autumn-2027 --date 2027-10-20
    """
    from plan_cli.editing.plan_edits import publish_round as publish_in_text
    from plan_cli.editing.plan_file import check_plan_text, save_plan
    from plan_cli.questions.rounds import find_round, title_round, unanswered_items

    day = parse_today(today)
    when = parse_date("--date", published) or day
    read, current = open_plan_for_edit(plan)
    declared = find_round(current, round_ref)
    if declared is None:
        known = ", ".join(f"{r.id} ({r.title})" for r in current.rounds)
        raise UsageError(f"no round '{round_ref}' in the plan; declared rounds are: {known}")
    if declared.published is not None:
        raise RefusalError(f"the {declared.title} was already published on {declared.published.isoformat()}")
    missing = unanswered_items(current, declared.id)
    if missing and not force:
        ids = ", ".join(item.id for item in missing[:10]) + (" …" if len(missing) > 10 else "")
        raise RefusalError(
            f"{plural(len(missing), 'item')} of the {declared.title} have no update yet ({ids}); "
            f"collect them (plan draft, plan apply) or publish anyway with --force"
        )
    named = title_round(current)
    swap = named is not None and named.id != declared.id
    new_text = publish_in_text(
        read.text,
        declared.id,
        when,
        named.title if swap and named else None,
        declared.title if swap else None,
        read.newline,
    )
    after = check_plan_text(new_text, str(read.path))
    save_plan(read, new_text)
    out = stdout()
    out.print(f"Published the {declared.title} on {short_date(when)}.")
    if swap:
        out.print(f"Title: {after.title}")
    elif named is None:
        out.print(Styled("The title names no round in brackets; left as it is.", style="dim"))
