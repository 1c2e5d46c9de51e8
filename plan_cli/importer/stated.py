"""What a source states in words that the plan holds as values: a status, a deadline.

Only what is stated is taken: a status column's words mapped onto the
vocabulary (kept quoted for a comment), a recommendation's deadline from the
date its text opens with ("By 27 March 2025", "By 27/03/25").
"""

from __future__ import annotations

import re
from datetime import date

from plan_cli.importer.headings import MONTHS
from plan_cli.importer.records import STATUSES, ImportedRecommendation, ImportedUpdate
from plan_cli.importer.table import quoted
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
