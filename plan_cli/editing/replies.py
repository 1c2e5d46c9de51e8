"""Reading filled-in drafts back: the reply form's markers, and the checks a reply must pass.

``plan draft`` writes, for each item, one marked line for the new status and a
marked block for the new text::

    Status (7.1): in progress

    Text (7.1), below this line:

    What has changed, in the owner's words.

    End of text (7.1)

The markers are found line by line, whatever surrounds them (Markdown emphasis,
list dashes, quote marks, any case, CRLF), so ordinary editing does not break
them. Lines a word processor or mail program rewrapped are joined again:
lines of one paragraph become one line, and paragraphs are separated by one
blank line however many were typed. Anything after the last item (a signature)
is ignored. Pure functions of text and a Plan: no I/O.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from plan_cli.basics.controls import describe, effect, first_control
from plan_cli.basics.errors import Problem
from plan_cli.basics.wording import slug
from plan_cli.plan.model import JUDGED_STATUSES, EvidenceItem, Plan, Status

IDENTITY_LABEL = "Reply form for"
_ID = r"(\d+(?:\.\d+)*)"
_LEAD = r"^[\s>*_#|`-]*"
# Searched in the whole text, so an editor that rewraps the line does not lose it.
_IDENTITY = re.compile(
    r"reply\s+form\s+for\s+plan\s+([a-z0-9][a-z0-9-]*)\W*\s+round\s+([a-z0-9][a-z0-9-]*)", re.IGNORECASE
)
_STATUS = re.compile(_LEAD + r"status\s*\(\s*" + _ID + r"\s*\)[\s*_]*:[\s*_]*(.*?)\s*$", re.IGNORECASE)
_BEGIN = re.compile(
    _LEAD + r"text\s*\(\s*" + _ID + r"\s*\)[\s*_]*,?\s*below\s+this\s+line[\s*_]*:?[\s*_]*(.*?)\s*$",
    re.IGNORECASE,
)
_END = re.compile(_LEAD + r"end\s+of\s+text\s*\(\s*" + _ID + r"\s*\)", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^([-*•]|\d+[.)])\s")
STATUS_WORDS = ", ".join(status.value.replace("-", " ") for status in JUDGED_STATUSES)


def identity_line(plan_key: str, round_id: str) -> str:
    """Return the line a draft carries so that ``plan apply`` can tell which plan and round it is for."""
    return f"{IDENTITY_LABEL} plan {plan_key}, round {round_id} (keep this line)."


class Reply(NamedTuple):
    """One item's filled-in reply, and where it is in its draft."""

    item_id: str
    status: Status
    text: str
    path: str
    line: int

    def where(self) -> str:
        """'a.md:42' for messages."""
        return f"{self.path}:{self.line}"


class ReadDraft(NamedTuple):
    """What a draft file holds: the plan and round it names, its filled replies, its problems."""

    path: str
    plan_key: str | None
    round_id: str | None
    replies: tuple[Reply, ...]
    unfilled: tuple[str, ...]
    problems: tuple[Problem, ...]
    identity_line: int | None = None


def parse_status(text: str) -> Status | None:
    """Return the judged status ``text`` names ('In progress', 'in-progress', 'IN_PROGRESS'), or None.

    An owner's reply states a status; 'unstated' is not one an owner can give.
    """
    words = re.sub(r"[\s_-]+", "-", text.strip().strip(".*_").casefold())
    try:
        status = Status(words)
    except ValueError:
        return None
    return status if status in JUDGED_STATUSES else None


_ESCAPED = re.compile(r"\\([\\`\]|#~*+=_.)-])|&(lt|gt|amp);")
_ENTITIES = {"lt": "<", "gt": ">", "amp": "&"}


def unescape_markdown(text: str) -> str:
    """Return text as Markdown shows it: the escapes a draft writes into plan text (``\\]``, ``&lt;``) undone.

    A draft prints text already in the plan neutralised (see filters.markdown_text);
    reading it back undoes that, so a reply left as drafted reads back unchanged.
    """
    return _ESCAPED.sub(lambda m: m.group(1) or _ENTITIES[m.group(2)], text)


def join_lines(lines: list[str]) -> str:
    """Return typed lines as reply text: each paragraph's lines joined by spaces, paragraphs by one blank line.

    A line starting a list entry ('- ', '* ', '1. ') stays on a line of its own.
    """
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            if current:
                paragraphs.append(current)
                current = []
            continue
        if current and _LIST_ITEM.match(line):
            current.append("\n" + line)
        else:
            current.append((" " if current else "") + line)
    if current:
        paragraphs.append(current)
    return "\n\n".join("".join(paragraph) for paragraph in paragraphs)


_QUOTE = re.compile(r"^((?:>[ \t]?)+)")


def _unquoted(lines: list[str]) -> list[str]:
    """The lines with the quote marks of a mail reply ('> ') taken off, where the identity line has them.

    A draft sent back as a quoted reply keeps its markers; its text lines lose
    the marks here, so they do not end up in the plan.
    """
    label = " ".join(IDENTITY_LABEL.split()[:2]).casefold()  # the rest may have been rewrapped
    for line in lines:
        if _QUOTE.sub("", line).strip().casefold().startswith(label):
            quoted = _QUOTE.match(line)
            if quoted is None:
                return lines
            depth = quoted.group(1).count(">")
            strip = re.compile(rf"^(?:>[ \t]?){{1,{depth}}}")
            return [strip.sub("", each) for each in lines]
    return lines


class _Form(NamedTuple):
    item_id: str
    status: str
    status_line: int
    text: str
    text_line: int
    control_line: int = 0  # the first line of the text with a control character, if any


class _Open(NamedTuple):
    item_id: str
    line: int
    first: str


def parse_draft(text: str, path: str) -> ReadDraft:
    """Return the replies a filled-in draft holds, with a located Problem for each malformed one.

    An item with neither status nor text is unfilled and left out; one with
    only one of them, an unknown status, a text block never closed, or
    markers out of order is a problem.
    """
    lines = _unquoted(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    joined = "\n".join(lines)
    identity = _IDENTITY.search(joined)
    plan_key, round_id = (identity.group(1), identity.group(2).casefold()) if identity else (None, None)
    identity_at = joined.count("\n", 0, identity.start()) + 1 if identity else None
    forms: list[_Form] = []  # one per reply form found, in order: an item's form copied twice is two
    problems: list[Problem] = []
    block: _Open | None = None
    collected: list[str] = []

    def problem(message: str, line: int, item: str = "") -> None:
        problems.append(Problem(message, field=f"item {item}" if item else "", path=path, line=line))

    for number, line in enumerate(lines, start=1):
        if block is not None:
            end = _END.match(line)
            if end is None:
                if _BEGIN.match(line) or _STATUS.match(line):
                    problem(
                        f"the text for {block.item_id} (from line {block.line}) has no 'End of text "
                        f"({block.item_id})' line before the next item's markers; put it back",
                        number,
                        block.item_id,
                    )
                    block = None
                else:
                    collected.append(line)
                    continue
            else:
                if end.group(1) != block.item_id:
                    problem(
                        f"'End of text ({end.group(1)})' closes the text begun for {block.item_id} "
                        f"at line {block.line}; the markers must pair up",
                        number,
                        block.item_id,
                    )
                typed_lines = (block.first, *collected)
                body = join_lines([unescape_markdown(typed) for typed in typed_lines])
                control_line = next(
                    (
                        block.line + index
                        for index, typed in enumerate(typed_lines)
                        if first_control(typed) >= 0
                    ),
                    0,
                )
                if forms and forms[-1].item_id == block.item_id and forms[-1].text_line == 0:
                    forms[-1] = forms[-1]._replace(text=body, text_line=block.line, control_line=control_line)
                else:
                    forms.append(_Form(block.item_id, "", 0, body, block.line, control_line))
                block = None
                collected = []
                continue
        status = _STATUS.match(line)
        if status:
            forms.append(_Form(status.group(1), status.group(2), number, "", 0))
            continue
        begin = _BEGIN.match(line)
        if begin:
            block = _Open(begin.group(1), number, begin.group(2))
            collected = []
            continue
        end = _END.match(line)
        if end:
            problem(f"'End of text ({end.group(1)})' without its 'Text ({end.group(1)})' line above", number)
    if block is not None:
        problem(
            f"the text for {block.item_id} is never closed: add the line 'End of text ({block.item_id})' "
            "after it",
            block.line,
            block.item_id,
        )
    replies: list[Reply] = []
    unfilled: list[str] = []
    for item_id, status_text, status_line, body, text_line, control_line in forms:
        where = status_line or text_line
        if not status_text and not body:
            unfilled.append(item_id)
            continue
        if not status_text:
            problem(f"a text but no status; write one of: {STATUS_WORDS}", where, item_id)
            continue
        parsed = parse_status(status_text)
        if parsed is None:
            problem(f"'{status_text}' is not a status; write one of: {STATUS_WORDS}", status_line, item_id)
            continue
        if not body:
            problem(
                f"a status but no text; write the update between 'Text ({item_id})' and "
                f"'End of text ({item_id})'",
                where,
                item_id,
            )
            continue
        control = first_control(body)
        if control >= 0:
            problem(
                f"the text has {describe(body[control])}, {effect(body[control])}; delete it "
                "(it often comes with text pasted from another program)",
                control_line or text_line,
                item_id,
            )
            continue
        replies.append(Reply(item_id, parsed, body, path, where))
    return ReadDraft(path, plan_key, round_id, tuple(replies), tuple(unfilled), tuple(problems), identity_at)


def plan_key(plan: Plan) -> str:
    """Return the short name a draft records for its plan: the force's name in lower case, hyphenated."""
    return slug(plan.force) or "plan"


class CheckedReplies(NamedTuple):
    """The replies that may be written, one per item, and every problem found across the drafts."""

    replies: tuple[Reply, ...]
    problems: tuple[Problem, ...]


def check_replies(plan: Plan, round_id: str, drafts: list[ReadDraft]) -> CheckedReplies:
    """Return the drafts' replies checked against the plan and each other.

    A draft must name this plan and ``round_id``; each reply must be for an item
    of the plan; an item answered twice with different status or text is a
    problem at both places. The same reply given twice counts once.
    """
    problems: list[Problem] = []
    chosen: dict[str, Reply] = {}
    key = plan_key(plan)
    for draft in drafts:
        problems.extend(draft.problems)
        if draft.plan_key is None or draft.round_id is None:
            problems.append(
                Problem(
                    f"has no '{IDENTITY_LABEL} plan …, round …' line, so it cannot be told which plan and "
                    "round it answers; make the draft with plan draft and fill that in",
                    path=draft.path,
                )
            )
            continue
        if draft.plan_key != key:
            problems.append(
                Problem(
                    f"was made for the plan '{draft.plan_key}', not this one ('{key}')",
                    path=draft.path,
                    line=draft.identity_line,
                )
            )
            continue
        if draft.round_id != round_id:
            problems.append(
                Problem(
                    f"was made for the round {draft.round_id}, but the round being answered is {round_id}",
                    path=draft.path,
                    line=draft.identity_line,
                )
            )
            continue
        for reply in draft.replies:
            item = plan.item(reply.item_id)
            if item is None:
                problems.append(_unknown_item(plan, reply))
                continue
            earlier = chosen.get(reply.item_id)
            if earlier is None:
                chosen[reply.item_id] = reply
            elif (earlier.status, earlier.text) != (reply.status, reply.text):
                problems.append(
                    Problem(
                        f"answered again with a different {'status' if earlier.text == reply.text else 'text'} "
                        f"than at {earlier.where()}; keep one reply",
                        field=f"item {reply.item_id}",
                        path=reply.path,
                        line=reply.line,
                    )
                )
    return CheckedReplies(tuple(chosen.values()), tuple(problems))


def _unknown_item(plan: Plan, reply: Reply) -> Problem:
    import difflib

    close = difflib.get_close_matches(reply.item_id, [i.id for i in plan.items], n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return Problem(
        f"there is no item {reply.item_id} in the plan{hint}",
        field=f"item {reply.item_id}",
        path=reply.path,
        line=reply.line,
    )


def reply_matches(item: EvidenceItem, round_id: str, reply: Reply) -> bool | None:
    """True when the plan already holds exactly this reply, False when it holds a different one, None when none."""
    existing = item.update_for(round_id)
    if existing is None:
        return None
    return existing.status is reply.status and existing.text == reply.text and not existing.parts
