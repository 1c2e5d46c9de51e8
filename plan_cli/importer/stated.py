"""What a source states in words that the plan holds as values: a status, a deadline.

Only what is stated is taken: a status column's words mapped onto the
vocabulary (kept quoted for a comment), a recommendation's deadline from the
date its text opens with ("By 30 June 2027", "By 30/06/27").
"""

from __future__ import annotations

import re
from datetime import date

from plan_cli.importer.headings import MONTHS
from plan_cli.importer.records import (
    STATUSES,
    ImportedItem,
    ImportedRecommendation,
    ImportedRound,
    ImportedUpdate,
)
from plan_cli.importer.table import Cell, quoted
from plan_cli.plan.status_words import status_named

_DEADLINE = re.compile(
    r"^\s*(by\s+)?(?:(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\s+(\d{4})|(\d{1,2})/(\d{1,2})/(\d{2}|\d{4}))\b",
    re.IGNORECASE,
)
_STATED = (
    ("not started", "not-started"),
    ("not yet started", "not-started"),
    ("superseded", "superseded"),
    ("blocked", "blocked"),
    ("in progress", "in-progress"),
    ("in-progress", "in-progress"),
    ("ongoing", "in-progress"),
    ("complete", "complete"),
    ("completed", "complete"),
)


def take_status(update: ImportedUpdate, written: str) -> None:
    """Set ``update``'s status from the words a status cell states; a note where they name none.

    The cell's words are read with the one status vocabulary
    (:mod:`plan_cli.plan.status_words`); a longer cell ("Ongoing - see
    update") by the status words it holds.
    """
    written = written.strip()
    if not written:
        return
    named = status_named(written)
    if named is not None:
        update.status, update.stated = named.value, written
        return
    low = " ".join(written.lower().replace("_", " ").split())
    for words, status in _STATED:
        if low in (words, status) or re.search(rf"\b{re.escape(words)}\b", low):
            update.status, update.stated = status, written
            return
    update.stated = written
    update.notes.append(f'status stated as "{written}", which is not one of {", ".join(STATUSES)}')


def take_deadline(rec: ImportedRecommendation) -> None:
    """Set ``rec``'s deadline from the date its text opens with, noting a missing leading "By"."""
    match = _DEADLINE.match(rec.text)
    if match is None:
        return
    try:
        if match[2]:
            month = MONTHS.get(match[3].lower()[:3])
            if month is None:
                return
            rec.deadline = date(int(match[4]), month, int(match[2]))
        else:
            year = int(match[7]) + (2000 if len(match[7]) == 2 else 0)
            rec.deadline = date(year, int(match[6]), int(match[5]))
    except ValueError:
        return
    if not match[1]:
        rec.deadline_note = (
            f'the text lacks its leading "By" ("{quoted(rec.text, 40)}"); read as "By {match[0].strip()}"'
        )


def take_supporting(item: ImportedItem, cell: Cell, rounds: dict[str, ImportedRound]) -> None:
    """Keep a supporting documents cell on the item's latest update: each link's words and http(s) address,
    or each paragraph where nothing is linked; a note where the item has no update to hold them."""
    if not item.updates:
        item.notes.append(f'supporting documents with no update: "{quoted(cell.text, 80)}"; not imported')
        return
    latest = item.updates[max(item.updates, key=lambda r: rounds[r].order)]
    for text, address in cell.links:
        scheme = address.split(":", 1)[0].lower()
        link = address if scheme in ("http", "https") and "://" in address and " " not in address else None
        if link is None:
            latest.notes.append(
                f'the supporting document "{quoted(text, 40)}" links to "{quoted(address, 40)}"; not kept'
            )
        latest.supporting.append((text or address, link))
    linked = {text for text, _ in cell.links}
    latest.supporting += [(text, None) for text in cell.texts if text not in linked]
