"""The rules every reply form shares, Markdown or Word: what a reply is, how its text and status are read.

A form's typed lines become reply text by :func:`join_lines` (paragraphs kept,
rewrapped lines joined, list entries on lines of their own) and are otherwise
kept as typed. :func:`judge_reply` checks one item's answer the same way for
every kind of form: both a status and a text, a status the vocabulary knows,
no control character, the sign-off left out, contact details warned about.
Pure functions of text: no I/O.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from plan_cli.basics.controls import describe, effect, first_control
from plan_cli.basics.errors import Problem
from plan_cli.editing.signoffs import contact_details, split_signoff
from plan_cli.plan.model import Status
from plan_cli.plan.status_words import CHOICES, read_status, status_named

STATUS_WORDS = CHOICES
MARKER_ESCAPE = "\u200b"
_LIST_ITEM = re.compile(r"^([-*•]|\d+[.)])\s")


class Reply(NamedTuple):
    """One item's filled-in reply, and where it is in its draft.

    ``line`` locates it in a text draft, ``place`` in a Word one ("table 3,
    item 25.3"); ``left_out`` holds the sign-off taken off its text.
    """

    item_id: str
    status: Status
    text: str
    path: str
    line: int | None
    place: str = ""
    left_out: tuple[str, ...] = ()

    def where(self) -> str:
        """'a.md:42' (or 'a.docx, table 3') for messages."""
        if self.place:
            return f"{self.path}, {self.place.split(', item')[0]}"
        return f"{self.path}:{self.line}"

    def located(self, message: str, severity: str = "error", code: str = "") -> Problem:
        """A Problem about this reply, at its place in its draft."""
        return Problem(
            message,
            field=f"item {self.item_id}",
            path=self.path,
            line=self.line,
            place=self.place,
            severity=severity,
            code=code,
        )


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
    """Return the judged status ``text`` names ('In progress', 'Ongoing', 'done'), or None.

    Read with the one status vocabulary (:mod:`plan_cli.plan.status_words`);
    'unstated' is not a status an owner can give.
    """
    return status_named(text)


_ESCAPED = re.compile(r"\\([\\`\]|#~*+=_.)-])|&(lt|gt|amp);")
_ENTITIES = {"lt": "<", "gt": ">", "amp": "&"}


def unescape_markdown(text: str) -> str:
    """Return text as Markdown shows it: the escapes a draft writes into plan text (``\\]``, ``&lt;``) undone.

    A draft prints text already in the plan neutralised (see filters.markdown_text);
    Typed replies are kept as typed; this only tells whether a reply is still
    the text the draft filled in (see :func:`as_drafted`).
    """
    return _ESCAPED.sub(lambda m: m.group(1) or _ENTITIES[m.group(2)], text)


def as_drafted(text: str) -> str:
    """Return reply text as it was before a draft printed it: marker escapes and Markdown escapes undone."""
    return unescape_markdown(text.replace(MARKER_ESCAPE, ""))


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


class FormAnswer(NamedTuple):
    """What one item's reply form holds, as typed, and where: before it is judged a reply.

    ``line`` and ``status_line`` locate it in a text draft; ``place`` in a Word
    one. ``typed`` are the text's lines, each paragraph's lines in turn with
    blank lines between paragraphs.
    """

    item_id: str
    status: str
    typed: list[str]
    path: str
    line: int | None
    status_line: int | None = None
    place: str = ""


class Judged(NamedTuple):
    """One form judged: its reply (or None), whether it was left unfilled, and its problems and warnings."""

    reply: Reply | None
    unfilled: bool
    problems: list[Problem]


def judge_reply(answer: FormAnswer, keep_signoffs: bool = False, text_line: int | None = None) -> Judged:
    """Return the reply an item's form holds, checked as every draft's replies are, Markdown or Word.

    Neither status nor text: unfilled. Otherwise both are needed; the status is
    read with the one vocabulary (an ambiguous word names the statuses to choose
    from, a near miss gets "did you mean"); the text is kept as typed, its
    sign-off left out unless ``keep_signoffs``, and may hold no control
    character. Contact details left in the text are warned about: they would
    be published.
    """
    kept = answer.typed
    left_out: list[str] = []
    if not keep_signoffs:
        kept, left_out = split_signoff(answer.typed)
    body = join_lines(kept)
    anchor = Reply(answer.item_id, Status.UNSTATED, body, answer.path, answer.line, answer.place)
    if not answer.status and not join_lines(answer.typed):
        return Judged(None, True, [])
    if not answer.status:
        return Judged(None, False, [anchor.located(f"a text but no status; write one of: {STATUS_WORDS}")])
    reading = read_status(answer.status)
    if reading.status is None:
        at = anchor._replace(line=answer.status_line or answer.line)
        return Judged(None, False, [at.located(reading.problem())])
    if not body:
        return Judged(
            None,
            False,
            [
                anchor.located(
                    f"a status but no text; write the update in its place ('Text ({answer.item_id})' "
                    f"to 'End of text ({answer.item_id})' in a text draft, the Update cell in Word)"
                )
            ],
        )
    control = first_control(body)
    if control >= 0:
        at = anchor._replace(line=text_line or answer.line)
        return Judged(
            None,
            False,
            [
                at.located(
                    f"the text has {describe(body[control])}, {effect(body[control])}; delete it "
                    "(it often comes with text pasted from another program)"
                )
            ],
        )
    reply = anchor._replace(status=reading.status, left_out=tuple(left_out))
    warnings = []
    contacts = contact_details(body)
    if contacts:
        warnings.append(
            reply.located(
                f"the text holds contact details ({', '.join(contacts)}), which would be published; "
                "take them out of the reply unless they are meant to be public",
                severity="warning",
                code="contact-details",
            )
        )
    return Judged(reply, False, warnings)
