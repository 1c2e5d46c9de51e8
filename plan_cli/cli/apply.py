"""plan apply: fold the replies in filled-in drafts back into the plan file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from plan_cli.basics.errors import RefusalError
from plan_cli.basics.wording import first_sentence, plural
from plan_cli.cli.options import PlanOption, TodayOption, open_plan_for_edit, parse_today
from plan_cli.cli.styled import Styled
from plan_cli.cli.terminal import print_problems, stderr, stdout


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
    from plan_cli.editing.plan_edits import set_updates
    from plan_cli.editing.plan_file import check_plan_text, save_plan
    from plan_cli.editing.reply_edits import read_drafts, reply_edits
    from plan_cli.questions.rounds import next_round, round_progress

    day = parse_today(today)
    read, current = open_plan_for_edit(plan)
    declared = next_round(current, day)
    if declared is None:
        raise RefusalError("no update round is open to apply replies to; open one with plan round open")
    parsed, problems = read_drafts(drafts, keep_signoffs)
    edits, unchanged, found, left_out = reply_edits(
        current, declared, parsed, force, merge, str(prefer) if prefer else None
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
    new_text = set_updates(read.text, declared.id, edits, str(read.path), read.newline)
    if dry_run:
        import difflib
        import sys

        name = str(read.path)
        diff = difflib.unified_diff(
            read.text.splitlines(keepends=True),
            new_text.splitlines(keepends=True),
            fromfile=f"a/{name}",
            tofile=f"b/{name}",
        )
        sys.stdout.write("".join(diff))
        stderr().print(f"Dry run: {plural(len(edits), 'reply', 'replies')} would be written; nothing was.")
        return
    save_plan(read, new_text)
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
