"""plan round open, plan round publish and plan apply: the commands that write the plan file.

Each reads the plan file once, makes its change where the file's own layout
puts it (plan_edits), checks the result loads, and writes it atomically,
refusing if the file changed meanwhile. Nothing else in the file moves.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import Problem, UsageError
from ..model import Plan
from ..schema import SLUG
from ..styled import Styled
from ..wording import first_sentence, plural, short_date
from .options import (
    PlanOption,
    TodayOption,
    complete_unpublished_round,
    find_plan,
    parse_date,
    parse_today,
    reports_errors,
)
from .terminal import print_problems, stderr, stdout

if TYPE_CHECKING:
    from ..plan_edits import PlanText

round_commands = typer.Typer(
    name="round",
    help=(
        "Open an update round, or publish it once answered.\n\n"
        "Example: plan round open 'March 2027 Update' --due 2027-03-27\n\n"
        "Example: plan round publish march-2027 --date 2027-03-20"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _read(plan_path: Path | None) -> tuple[PlanText, Plan]:
    from ..plan_edits import check_plan_text, read_plan_for_edit

    read = read_plan_for_edit(find_plan(plan_path))
    return read, check_plan_text(read.text, str(read.path))


@round_commands.command("open")
@reports_errors
def open_round(
    title: Annotated[
        str,
        typer.Argument(
            metavar="TITLE", help="The round's title as it will be published, e.g. 'March 2027 Update'."
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

    Example: plan round open 'March 2027 Update' --due 2027-03-27
    """
    from ..plan_edits import add_round, check_plan_text, save_plan
    from ..rounds import default_round_id, find_round, latest_round, next_round, round_progress

    day = parse_today(today)
    deadline = parse_date("--due", due)
    read, current = _read(plan)
    title = title.strip()
    if not title:
        raise UsageError("the round needs a title, e.g. plan round open 'March 2027 Update' --due 2027-03-27")
    new_id = round_id.strip() if round_id is not None else default_round_id(current, title)
    if not re.fullmatch(SLUG, new_id):
        raise UsageError(f"--id '{new_id}' is not a round id; use lower-case letters, digits and hyphens")
    existing = find_round(current, title) or find_round(current, new_id)
    if existing is not None:
        raise UsageError(
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
        raise UsageError(
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
@reports_errors
def publish_round(
    round_ref: Annotated[
        str,
        typer.Argument(
            metavar="ROUND",
            help="The round's id or title, e.g. march-2027.",
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

    Example: plan round publish march-2027 --date 2027-03-20
    """
    from ..plan_edits import check_plan_text, save_plan
    from ..plan_edits import publish_round as publish_in_text
    from ..rounds import find_round, title_round, unanswered_items

    day = parse_today(today)
    when = parse_date("--date", published) or day
    read, current = _read(plan)
    declared = find_round(current, round_ref)
    if declared is None:
        known = ", ".join(f"{r.id} ({r.title})" for r in current.rounds)
        raise UsageError(f"no round '{round_ref}' in the plan; declared rounds are: {known}")
    if declared.published is not None:
        raise UsageError(f"the {declared.title} was already published on {declared.published.isoformat()}")
    missing = unanswered_items(current, declared.id)
    if missing and not force:
        ids = ", ".join(item.id for item in missing[:10]) + (" …" if len(missing) > 10 else "")
        raise UsageError(
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


def apply(
    drafts: Annotated[
        list[Path],
        typer.Argument(metavar="DRAFT.md...", help="Filled-in drafts from plan draft.", show_default=False),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the change to the plan file as a diff; write nothing.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an update already in the plan with the draft's.")
    ] = False,
    plan: PlanOption = None,
    today: TodayOption = None,
) -> None:
    """Read filled-in drafts and write each answered item's update into the plan, under the open round.

    Every reply is checked first (known item, valid status, text, the same item
    answered differently twice, a draft of another plan or round); if any is
    bad, nothing is written. Unfilled items are left alone, so a partial draft
    applies partially, and applying the same draft again changes nothing.

    Example: plan apply chief-constables.md pccs.md --dry-run

    Example: plan apply chief-constables.md pccs.md
    """
    from ..plan_edits import UpdateEdit, save_plan, set_updates
    from ..replies import ReadDraft, check_replies, parse_draft, reply_matches
    from ..rounds import next_round, round_progress

    day = parse_today(today)
    read, current = _read(plan)
    declared = next_round(current, day)
    if declared is None:
        raise UsageError("no update round is open to apply replies to; open one with plan round open")
    parsed: list[ReadDraft] = []
    problems: list[Problem] = []
    for path in drafts:
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            problems.append(Problem("no such file", path=str(path)))
            continue
        except (OSError, UnicodeDecodeError) as error:
            reason = (
                "is not UTF-8 text; save it as UTF-8 (in most editors: Save As, Encoding)"
                if isinstance(error, UnicodeDecodeError)
                else f"cannot be read ({error})"
            )
            problems.append(Problem(reason, path=str(path)))
            continue
        parsed.append(parse_draft(text, str(path)))
    checked = check_replies(current, declared.id, parsed)
    problems.extend(checked.problems)
    edits: list[UpdateEdit] = []
    unchanged = 0
    for reply in checked.replies:
        item = current.item(reply.item_id)
        assert item is not None
        same = reply_matches(item, declared.id, reply)
        if same is True:
            unchanged += 1
        elif same is False and not force:
            problems.append(
                Problem(
                    f"the plan already has a different {declared.title} for this item; "
                    "pass --force to replace it with the draft's",
                    field=f"item {reply.item_id}",
                    path=reply.path,
                    line=reply.line,
                )
            )
        else:
            edits.append(UpdateEdit(reply.item_id, reply.status, reply.text, replace=same is False))
    if problems:
        print_problems(problems)
        count = sum(1 for p in problems if p.severity == "error")
        stderr().print(f"{plural(count, 'problem')} in the drafts; nothing was written to {read.path}.")
        raise typer.Exit(1)
    out = stdout()
    if not edits:
        named = ", ".join(map(str, drafts))
        out.print(
            f"Nothing to change: {read.path} already holds every reply in {named} "
            f"({plural(unchanged, 'reply', 'replies')})."
            if unchanged
            else f"Nothing to change: no item is filled in in {named}."
        )
        return
    new_text = set_updates(read.text, declared.id, edits, str(read.path), read.newline)
    if dry_run:
        import difflib

        name = str(read.path)
        diff = difflib.unified_diff(
            read.text.splitlines(keepends=True),
            new_text.splitlines(keepends=True),
            fromfile=f"a/{name}",
            tofile=f"b/{name}",
        )
        import sys

        sys.stdout.write("".join(diff))
        stderr().print(f"Dry run: {plural(len(edits), 'reply', 'replies')} would be written; nothing was.")
        return
    save_plan(read, new_text)
    from ..plan_edits import check_plan_text

    after = check_plan_text(new_text, str(read.path))
    for edit in edits:
        line = Styled(f"  {edit.item_id:<6} {edit.status.value:<12} ")
        line.append(first_sentence(edit.text.replace("\n", " "), 50))
        if edit.replace:
            line.append(" (replaced)", style="yellow")
        out.print(line)
    progress = round_progress(after, declared.id)
    out.print(
        f"Wrote {plural(len(edits), 'reply', 'replies')} to the {declared.title} in {read.path}"
        + (f" ({unchanged} already there)" if unchanged else "")
        + f": {progress.answered} of {plural(progress.asked, 'item')} answered."
    )
