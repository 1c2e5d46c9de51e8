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
is ignored, and so is a sign-off at the end of a text (see
:mod:`plan_cli.editing.signoffs`). The text is otherwise kept as typed:
backslashes, ``&amp;`` and ``&lt;`` stay what they are.

Markers are recognised only where the form put them: a line of text carried
forward into a draft that looks like a marker is written with a zero-width
space before it (:func:`escape_markers`), which no marker starts with, and a
line so escaped inside a text block reads back without it. Pure functions of
text and a Plan: no I/O.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from plan_cli.basics.controls import first_control
from plan_cli.basics.errors import Problem
from plan_cli.basics.wording import slug
from plan_cli.editing.reply_text import MARKER_ESCAPE, FormAnswer, ReadDraft, judge_reply
from plan_cli.editing.reply_text import STATUS_WORDS as STATUS_WORDS
from plan_cli.editing.reply_text import Judged as Judged
from plan_cli.editing.reply_text import Reply as Reply
from plan_cli.editing.reply_text import as_drafted as as_drafted
from plan_cli.editing.reply_text import join_lines as join_lines
from plan_cli.editing.reply_text import parse_status as parse_status
from plan_cli.editing.reply_text import unescape_markdown as unescape_markdown
from plan_cli.plan.model import Plan

IDENTITY_LABEL = "Reply form for"
_ID = r"(\d+(?:\.\d+)*)"
_LEAD = r"^[\s>*_#|`-]*"
# Searched in the whole text, so an editor that rewraps the line does not lose it.
IDENTITY_PATTERN = _IDENTITY = re.compile(
    r"reply\s+form\s+for\s+plan\s+([a-z0-9][a-z0-9-]*)\W*\s+round\s+([a-z0-9][a-z0-9-]*)", re.IGNORECASE
)
_STATUS = re.compile(_LEAD + r"status\s*\(\s*" + _ID + r"\s*\)[\s*_]*:[\s*_]*(.*?)\s*$", re.IGNORECASE)
_BEGIN = re.compile(
    _LEAD + r"text\s*\(\s*" + _ID + r"\s*\)[\s*_]*,?\s*below\s+this\s+line[\s*_]*:?[\s*_]*(.*?)\s*$",
    re.IGNORECASE,
)
_END = re.compile(_LEAD + r"end\s+of\s+text\s*\(\s*" + _ID + r"\s*\)", re.IGNORECASE)


def identity_line(plan_key: str, round_id: str) -> str:
    """Return the line a draft carries so that ``plan apply`` can tell which plan and round it is for."""
    return f"{IDENTITY_LABEL} plan {plan_key}, round {round_id} (keep this line)."


_MARKER_LIKE = re.compile(
    r"^[\s>*_#|`\\-]*(?:status|text|end\s+of\s+text)\s*\\?\(|^[\s>*_#|`\\-]*reply\s+form\s+for\b",
    re.IGNORECASE,
)


def escape_markers(text: str) -> str:
    """Return ``text`` with each line that looks like a reply form's marker preceded by a zero-width space.

    Text carried forward into a draft (an earlier update, an imported page)
    can hold lines like ``Status (25.3): complete``; escaped, they show the
    same but can never be read as the form's own markers.
    """
    return "\n".join(MARKER_ESCAPE + line if _MARKER_LIKE.match(line) else line for line in text.split("\n"))


def _unescaped_marker(line: str) -> str:
    """A typed line with the escape :func:`escape_markers` put before a marker-like line taken off."""
    if line.startswith(MARKER_ESCAPE) and _MARKER_LIKE.match(line[1:]):
        return line[1:]
    return line


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
    typed: tuple[str, ...]
    text_line: int
    control_line: int = 0  # the first line of the text with a control character, if any


class _Open(NamedTuple):
    item_id: str
    line: int
    first: str


def parse_draft(text: str, path: str, keep_signoffs: bool = False) -> ReadDraft:
    """Return the replies a filled-in draft holds, with a located Problem for each malformed one.

    An item with neither status nor text is unfilled and left out; one with
    only one of them, an unknown status, a text block never closed, or
    markers out of order is a problem. A text's sign-off is left out of it
    unless ``keep_signoffs`` (see :func:`judge_reply`).
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
                typed_lines = tuple(_unescaped_marker(typed) for typed in (block.first, *collected))
                control_line = next(
                    (
                        block.line + index
                        for index, typed in enumerate(typed_lines)
                        if first_control(typed) >= 0
                    ),
                    0,
                )
                if forms and forms[-1].item_id == block.item_id and forms[-1].text_line == 0:
                    forms[-1] = forms[-1]._replace(
                        typed=typed_lines, text_line=block.line, control_line=control_line
                    )
                else:
                    forms.append(_Form(block.item_id, "", 0, typed_lines, block.line, control_line))
                block = None
                collected = []
                continue
        status = _STATUS.match(line)
        if status:
            forms.append(_Form(status.group(1), status.group(2), number, (), 0))
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
    for item_id, status_text, status_line, typed, text_line, control_line in forms:
        judged = judge_reply(
            FormAnswer(item_id, status_text, list(typed), path, status_line or text_line, status_line),
            keep_signoffs,
            control_line or text_line,
        )
        if judged.unfilled:
            unfilled.append(item_id)
        problems.extend(judged.problems)
        if judged.reply is not None:
            replies.append(judged.reply)
    return ReadDraft(path, plan_key, round_id, tuple(replies), tuple(unfilled), tuple(problems), identity_at)


def plan_key(plan: Plan) -> str:
    """Return the short name a draft records for its plan: the force's name in lower case, hyphenated."""
    return slug(plan.force) or "plan"
