"""Replies checked against the plan and each other: the right plan and round, known items, joint owners' answers.

Two drafts may answer one item (a jointly owned item is in each owner's
draft). The same answer twice counts once; different answers are a conflict,
shown side by side with their files, unless ``merge`` keeps both texts (in
file order, each once) or ``prefer`` names the file whose answer is taken.
"""

from __future__ import annotations

import difflib
import textwrap
from pathlib import Path
from typing import NamedTuple

from plan_cli.basics.errors import Problem
from plan_cli.editing.replies import IDENTITY_LABEL, plan_key
from plan_cli.editing.reply_text import ReadDraft, Reply, as_drafted
from plan_cli.plan.model import EvidenceItem, Plan

_COLUMN = 36


class CheckedReplies(NamedTuple):
    """The replies that may be written, one per item, and every problem found across the drafts."""

    replies: tuple[Reply, ...]
    problems: tuple[Problem, ...]


def same_file(path: str, named: str) -> bool:
    """True when ``path`` (a draft as given) and ``named`` (given to --prefer) are the same file."""
    if path == named:
        return True
    try:
        return Path(path).resolve() == Path(named).resolve()
    except OSError:
        return False


def check_replies(
    plan: Plan,
    round_id: str,
    drafts: list[ReadDraft],
    merge: bool = False,
    prefer: str | None = None,
) -> CheckedReplies:
    """Return the drafts' replies checked against the plan and each other.

    A draft must name this plan and ``round_id``; each reply must be for an item
    of the plan. An item answered twice the same way counts once; answered
    differently it is a conflict, unless ``prefer`` names one of the two files
    (its answer is taken) or ``merge`` is set and the statuses agree (both
    texts are kept, in file order, each once).
    """
    problems: list[Problem] = []
    chosen: dict[str, Reply] = {}
    key = plan_key(plan)
    for draft in drafts:
        problems.extend(draft.problems)
        refusal = _wrong_form(draft, key, round_id)
        if refusal is not None:
            problems.append(refusal)
            continue
        for reply in draft.replies:
            if plan.item(reply.item_id) is None:
                problems.append(_unknown_item(plan, reply))
                continue
            earlier = chosen.get(reply.item_id)
            if earlier is None or (earlier.status, earlier.text) == (reply.status, reply.text):
                chosen.setdefault(reply.item_id, reply)
                continue
            taken, problem = _settle(earlier, reply, merge, prefer)
            if problem is not None:
                problems.append(problem)
            else:
                chosen[reply.item_id] = taken
    return CheckedReplies(tuple(chosen.values()), tuple(problems))


def _wrong_form(draft: ReadDraft, key: str, round_id: str) -> Problem | None:
    if draft.plan_key is None or draft.round_id is None:
        return Problem(
            f"has no '{IDENTITY_LABEL} plan …, round …' line, so it cannot be told which plan and "
            "round it answers; make the draft with plan draft and fill that in",
            path=draft.path,
        )
    if draft.plan_key != key:
        return Problem(
            f"was made for the plan '{draft.plan_key}', not this one ('{key}'); "
            "apply it to that plan's file with --plan",
            path=draft.path,
            line=draft.identity_line,
        )
    if draft.round_id != round_id:
        return Problem(
            f"was made for the round {draft.round_id}, but the round being answered is {round_id}; "
            "make this round's draft with plan draft and copy the replies still wanted into it",
            path=draft.path,
            line=draft.identity_line,
        )
    return None


def _settle(earlier: Reply, reply: Reply, merge: bool, prefer: str | None) -> tuple[Reply, Problem | None]:
    """The one reply two different answers to an item come to, or the conflict that stops them."""
    if prefer is not None:
        for candidate in (earlier, reply):
            if same_file(candidate.path, prefer):
                return candidate, None
    if merge and earlier.status is reply.status:
        kept = [earlier.text] + [part for part in (reply.text,) if part not in earlier.text.split("\n\n")]
        return earlier._replace(text="\n\n".join(kept)), None
    what = "status" if earlier.text == reply.text else "text"
    if merge:
        advice = (
            f"--merge keeps both texts, but the statuses differ ({earlier.status.value} and "
            f"{reply.status.value}); agree one, or pass --prefer FILE to take one answer"
        )
    else:
        advice = "pass --merge to keep both texts (in file order) or --prefer FILE to take one"
    return earlier, reply.located(
        f"answered again with a different {what} than at {earlier.where()}; {advice}:\n"
        + side_by_side(earlier, reply)
    )


def side_by_side(left: Reply, right: Reply) -> str:
    """Return two replies to one item as two columns, each headed by its file, status and text."""

    def column(reply: Reply) -> list[str]:
        lines = [reply.where(), reply.status.value, ""]
        for paragraph in reply.text.split("\n"):
            lines.extend(textwrap.wrap(paragraph, _COLUMN) or [""])
        return lines

    first, second = column(left), column(right)
    rows = max(len(first), len(second))
    first += [""] * (rows - len(first))
    second += [""] * (rows - len(second))
    return "\n".join(f"  {a:<{_COLUMN}} │ {b}".rstrip() for a, b in zip(first, second, strict=True))


def _unknown_item(plan: Plan, reply: Reply) -> Problem:
    close = difflib.get_close_matches(reply.item_id, [i.id for i in plan.items], n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return reply.located(f"there is no item {reply.item_id} in the plan{hint}")


def reply_matches(item: EvidenceItem, round_id: str, reply: Reply) -> bool | None:
    """True when the plan already holds this reply, False when it holds a different one, None when none.

    A reply still as the draft filled it in (``--all``: the plan's text, printed
    with the draft's escapes) is the one the plan holds.
    """
    existing = item.update_for(round_id)
    if existing is None:
        return None
    if existing.parts or existing.status is not reply.status:
        return False
    return reply.text == existing.text or as_drafted(reply.text) == existing.text
