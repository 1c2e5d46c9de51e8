"""From filled-in drafts to the edits they make to the plan: what changes, what is there already, what conflicts."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from plan_cli.basics.errors import Problem
from plan_cli.basics.files import FileKind, Unreadable, read_text
from plan_cli.editing.plan_edits import UpdateEdit
from plan_cli.editing.replies import ReadDraft, check_replies, parse_draft, reply_matches
from plan_cli.plan.model import Plan, Round

DRAFT = FileKind("draft", 32 * 1024 * 1024, "the draft's file itself")
"""How a filled-in draft is read (see :mod:`plan_cli.basics.files`): at most as large as a plan."""


class ReplyEdits(NamedTuple):
    """What applying drafts to a round would do: the edits, how many replies are there already, the problems."""

    edits: list[UpdateEdit]
    unchanged: int
    problems: list[Problem]


def read_drafts(paths: list[Path]) -> tuple[list[ReadDraft], list[Problem]]:
    """Return the drafts at ``paths`` read and parsed, and a located problem for each that cannot be read."""
    parsed: list[ReadDraft] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            text = read_text(path, DRAFT)
        except Unreadable as error:
            problems.append(Problem(error.reason, path=str(path), line=error.line, column=error.column))
            continue
        parsed.append(parse_draft(text, str(path)))
    return parsed, problems


def reply_edits(plan: Plan, round_: Round, drafts: list[ReadDraft], force: bool) -> ReplyEdits:
    """Return the edits the drafts' replies make to ``round_``, checking every reply first.

    A reply the plan already holds word for word changes nothing; one that
    differs from an update already in the plan is a problem unless ``force``.
    """
    checked = check_replies(plan, round_.id, drafts)
    problems = list(checked.problems)
    edits: list[UpdateEdit] = []
    unchanged = 0
    for reply in checked.replies:
        item = plan.item(reply.item_id)
        assert item is not None
        same = reply_matches(item, round_.id, reply)
        if same is True:
            unchanged += 1
        elif same is False and not force:
            problems.append(
                Problem(
                    f"the plan already has a different {round_.title} for this item; "
                    "pass --force to replace it with the draft's",
                    field=f"item {reply.item_id}",
                    path=reply.path,
                    line=reply.line,
                )
            )
        else:
            edits.append(UpdateEdit(reply.item_id, reply.status, reply.text, replace=same is False))
    return ReplyEdits(edits, unchanged, problems)
