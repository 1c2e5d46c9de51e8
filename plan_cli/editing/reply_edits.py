"""From filled-in drafts to the edits they make to the plan: what changes, what is there already, what conflicts."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from plan_cli.basics.errors import Problem
from plan_cli.basics.files import FileKind, Unreadable, read_bytes, read_text
from plan_cli.editing.plan_edits import UpdateEdit
from plan_cli.editing.replies import parse_draft
from plan_cli.editing.reply_checks import check_replies, reply_matches, same_file
from plan_cli.editing.reply_text import ReadDraft, as_drafted
from plan_cli.plan.model import Plan, Round

DRAFT = FileKind("draft", 32 * 1024 * 1024, "the draft's file itself")
"""How a filled-in draft is read (see :mod:`plan_cli.basics.files`): at most as large as a plan."""

WORD_DRAFT = FileKind("Word reply", 16 * 1024 * 1024, "the .docx file itself")
"""How a Word reply is read: its compressed size capped before it is opened as a zip."""


class ReplyEdits(NamedTuple):
    """What applying drafts to a round would do: the edits, how many replies are there already, the problems.

    ``left_out`` says, for each reply to be written, the sign-off left out of
    it and where: one line each, for the output.
    """

    edits: list[UpdateEdit]
    unchanged: int
    problems: list[Problem]
    left_out: list[str]


def read_drafts(paths: list[Path], keep_signoffs: bool = False) -> tuple[list[ReadDraft], list[Problem]]:
    """Return the drafts at ``paths`` read and parsed, and a located problem for each that cannot be read.

    A ``.docx`` file is read as a Word reply form (see
    :mod:`plan_cli.editing.reply_docx`); any other file as a text draft.
    """
    parsed: list[ReadDraft] = []
    problems: list[Problem] = []
    for path in paths:
        suffix = path.suffix.casefold()
        try:
            if suffix in WORD_SUFFIXES:
                from plan_cli.editing.reply_docx import parse_docx_reply

                parsed.append(parse_docx_reply(read_bytes(path, WORD_DRAFT), str(path), keep_signoffs))
                continue
            if suffix in REFUSED_SUFFIXES:
                raise Unreadable(REFUSED_SUFFIXES[suffix])
            text = read_text(path, DRAFT)
        except Unreadable as error:
            problems.append(Problem(error.reason, path=str(path), line=error.line, column=error.column))
            continue
        parsed.append(parse_draft(text, str(path), keep_signoffs))
    return parsed, problems


WORD_SUFFIXES = (".docx",)
REFUSED_SUFFIXES = {
    ".docm": "is a Word document with macros (.docm), which plan never opens; save the reply as a "
    "Word Document (.docx) and apply that",
    ".doc": "is an old Word document (.doc); save the reply as a Word Document (.docx) and apply that",
    ".dotm": "is a Word template with macros (.dotm); save the reply as a Word Document (.docx)",
}


def reply_edits(
    plan: Plan,
    round_: Round,
    drafts: list[ReadDraft],
    force: bool,
    merge: bool = False,
    prefer: str | None = None,
) -> ReplyEdits:
    """Return the edits the drafts' replies make to ``round_``, checking every reply first.

    A reply the plan already holds word for word changes nothing; one that
    differs from an update already in the plan is a problem unless ``force``.
    ``merge`` and ``prefer`` settle joint owners' different answers (see
    :func:`plan_cli.editing.reply_checks.check_replies`).
    """
    problems: list[Problem] = []
    if prefer is not None and not any(same_file(draft.path, prefer) for draft in drafts):
        named = ", ".join(draft.path for draft in drafts)
        problems.append(
            Problem(f"--prefer {prefer} is not one of the drafts given ({named}); name one of them")
        )
    checked = check_replies(plan, round_.id, drafts, merge, prefer)
    problems.extend(checked.problems)
    edits: list[UpdateEdit] = []
    unchanged = 0
    for reply in checked.replies:
        item = plan.item(reply.item_id)
        assert item is not None
        same = reply_matches(item, round_.id, reply)
        existing = item.update_for(round_.id)
        text = reply.text
        if existing is not None and not existing.parts and as_drafted(text) == existing.text:
            text = existing.text
        if same is True:
            unchanged += 1
        elif same is False and not force:
            problems.append(
                reply.located(
                    f"the plan already has a different update in the {round_.title} for this item; "
                    "pass --force to replace it with the draft's"
                )
            )
        else:
            edits.append(UpdateEdit(reply.item_id, reply.status, text, replace=same is False))
    written = {edit.item_id for edit in edits}
    left_out = [
        f"{reply.where()}: item {reply.item_id}: left out its sign-off (--keep-signoffs keeps it): "
        + " / ".join(reply.left_out)
        for draft in drafts
        for reply in draft.replies
        if reply.left_out and reply.item_id in written
    ]
    return ReplyEdits(edits, unchanged, problems, left_out)
