"""plan apply: fold the replies in filled-in drafts back into the plan file."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple

import typer

from plan_cli.basics.errors import RefusalError
from plan_cli.basics.wording import first_sentence, plural
from plan_cli.cli.options import PlanOption, TodayOption, edit_plan_file, parse_today
from plan_cli.cli.styled import Styled
from plan_cli.cli.terminal import print_problems, stderr, stdout

if TYPE_CHECKING:
    from plan_cli.editing.plan_file import PlanEdit


def apply(
    drafts: Annotated[
        list[Path],
        typer.Argument(
            metavar="DRAFT...",
            help="Filled-in drafts from plan draft: Markdown (.md) or Word (.docx).",
            show_default=False,
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the change to the plan file as a diff; write nothing.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an update already in the plan with the draft's.")
    ] = False,
    merge: Annotated[
        bool,
        typer.Option("--merge", help="Where joint owners answer one item differently, keep both texts."),
    ] = False,
    prefer: Annotated[
        Path | None,
        typer.Option(
            "--prefer",
            metavar="FILE",
            help="Where joint owners answer one item differently, take this draft's answer.",
            show_default=False,
        ),
    ] = None,
    keep_signoffs: Annotated[
        bool,
        typer.Option("--keep-signoffs", help="Keep a reply's closing lines (thanks, name, rank, phone)."),
    ] = False,
    plan: PlanOption = None,
    today: TodayOption = None,
) -> None:
    """Read filled-in drafts and write each answered item's update into the plan, under the open round.

    Every reply is checked first (known item, valid status, text, the same item
    answered differently twice, a draft of another plan or round); if any is
    bad, nothing is written. Unfilled items are left alone, so a partial draft
    applies partially, and applying the same draft again changes nothing.
    A sign-off at the end of a reply is left out (and said so); contact
    details left in a reply are warned about. Where joint owners answer one
    item differently, both answers are shown side by side: --merge keeps
    both texts, --prefer FILE takes that file's.

    Example: plan apply chief-constables.md pccs.md --dry-run

    Example: plan apply pccs.docx

    Example: plan apply a.md b.md --prefer b.md

    Example: plan apply chief-constables.md pccs.md
    """
    day = parse_today(today)
    asked = _Asked(dry_run, force, merge, str(prefer) if prefer else None, keep_signoffs)
    with edit_plan_file(plan, "plan apply", lock=not dry_run) as edit:
        _apply(edit, drafts, asked, day)


class _Asked(NamedTuple):
    dry_run: bool
    force: bool
    merge: bool
    prefer: str | None
    keep_signoffs: bool


def _apply(plan_edit: PlanEdit, drafts: list[Path], asked: _Asked, day: date) -> None:
    from plan_cli.editing.plan_edits import set_updates, verify_updates
    from plan_cli.editing.reply_edits import read_drafts, reply_edits
    from plan_cli.questions.rounds import latest_round, looks_published, next_round, round_progress

    read, current = plan_edit.read, plan_edit.plan
    declared = next_round(current, day)
    if declared is None:
        latest = latest_round(current, day)
        if latest is not None and latest.published is not None:
            raise RefusalError(
                f"no update round is open: the {latest.title} was published on "
                f"{latest.published.isoformat()}, so these replies are late for it. Either open the next "
                "round (plan round open TITLE) and apply them there, or, to correct the published round, "
                "edit its updates in the plan file by hand and run plan check"
            )
        if latest is not None and latest in looks_published(current, day):
            raise RefusalError(
                f"no update round is open: the {latest.title} is past its due date with replies in it, so it "
                "is read as published (the plan records no published: dates). If it is still being "
                f"answered, move its due date first: plan round due {latest.id} YYYY-MM-DD"
            )
        raise RefusalError("no update round is open to apply replies to; open one with plan round open TITLE")
    parsed, problems = read_drafts(drafts, asked.keep_signoffs)
    edits, unchanged, found, left_out = reply_edits(
        current, declared, parsed, asked.force, asked.merge, asked.prefer
    )
    problems.extend(found)
    if problems:
        print_problems(problems)
    count = sum(1 for p in problems if p.severity == "error")
    if count:
        stderr().print(f"{plural(count, 'problem')} in the drafts; nothing was written to {read.path}.")
        raise typer.Exit(1)
    for note in left_out:
        stderr().print(Styled(note, style="yellow"))
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
    new_text = set_updates(read.text, declared.id, edits, read.newline)
    if asked.dry_run:
        import difflib
        import sys

        name = str(read.path)
        diff = difflib.unified_diff(
            read.text.splitlines(keepends=True),
            new_text.splitlines(keepends=True),
            fromfile=f"a/{name.lstrip('/')}",
            tofile=f"b/{name.lstrip('/')}",
        )
        sys.stdout.write("".join(diff))
        stderr().print(f"Dry run: {plural(len(edits), 'reply', 'replies')} would be written; nothing was.")
        return
    after = plan_edit.write(new_text, lambda written: verify_updates(written, declared.id, edits))
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
