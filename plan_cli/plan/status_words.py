"""The words people write for a status, read one way by every command (apply, import, check, national).

Each of the five statuses a person judges has its plan spelling
(``in-progress``), its usual spellings (``In progress``, ``IN_PROGRESS``) and
the words owners write in its place (``ongoing``, ``on track``, ``done``).
Some words could mean more than one status ("amber", "partially"): they are
never guessed, the reader is asked to choose. A word close to a known one
("compelte") gets "did you mean". docs/status-words.md shows the table.
"""

from __future__ import annotations

import difflib
import re
from typing import NamedTuple

from plan_cli.plan.model import JUDGED_STATUSES, Status

# The words that mean one status, beside its own spellings, as owners write them.
SYNONYMS: dict[Status, tuple[str, ...]] = {
    Status.NOT_STARTED: ("not yet started", "yet to start", "not begun", "not yet begun", "to start"),
    Status.IN_PROGRESS: (
        "ongoing",
        "on going",
        "on track",
        "in hand",
        "progressing",
        "underway",
        "under way",
        "started",
        "in train",
        "work in progress",
    ),
    Status.BLOCKED: ("on hold", "stalled", "stuck", "paused"),
    Status.COMPLETE: ("completed", "done", "closed", "finished", "achieved", "delivered", "implemented"),
    Status.SUPERSEDED: ("superceded", "replaced", "no longer required", "no longer needed", "overtaken"),
}

# Words that could mean more than one status: the reader must choose.
AMBIGUOUS: dict[str, tuple[Status, ...]] = {
    "amber": (Status.IN_PROGRESS, Status.BLOCKED),
    "red": (Status.NOT_STARTED, Status.BLOCKED),
    "green": (Status.IN_PROGRESS, Status.COMPLETE),
    "partially": (Status.IN_PROGRESS, Status.COMPLETE),
    "partial": (Status.IN_PROGRESS, Status.COMPLETE),
    "partially complete": (Status.IN_PROGRESS, Status.COMPLETE),
    "partly complete": (Status.IN_PROGRESS, Status.COMPLETE),
    "partially completed": (Status.IN_PROGRESS, Status.COMPLETE),
    "pending": (Status.NOT_STARTED, Status.BLOCKED),
    "delayed": (Status.IN_PROGRESS, Status.BLOCKED),
}

_SEPARATORS = re.compile(r"[\s_\-–—/]+")
_TRIM = " \t.*_!:;,'\"`“”‘’()[]"


def normalised(text: str) -> str:
    """Return ``text`` as the vocabulary is keyed: case folded, punctuation round it and separators unified."""
    return _SEPARATORS.sub(" ", text.strip().strip(_TRIM).casefold()).strip()


def spoken(status: Status) -> str:
    """Return the status as a person writes it: 'in progress' for in-progress."""
    return status.value.replace("-", " ")


_WORDS: dict[str, Status] = {
    **{normalised(status.value): status for status in JUDGED_STATUSES},
    **{normalised(word): status for status, words in SYNONYMS.items() for word in words},
}
CHOICES = ", ".join(spoken(status) for status in JUDGED_STATUSES)


class StatusReading(NamedTuple):
    """What a written status says: the status, or why not (the statuses it could mean, a near miss)."""

    written: str
    status: Status | None
    could_be: tuple[Status, ...] = ()
    near: str | None = None

    def problem(self) -> str:
        """The message for a written status that names none: what to choose from, and any near miss."""
        if self.could_be:
            options = " or ".join(f"'{spoken(status)}'" for status in self.could_be)
            return (
                f"'{self.written}' could mean {options}; write the one you mean (the statuses are: {CHOICES})"
            )
        hint = f"did you mean '{self.near}'? " if self.near else ""
        return f"'{self.written}' is not a status; {hint}write one of: {CHOICES}"


def read_status(written: str) -> StatusReading:
    """Return what ``written`` names: a judged status, the statuses an ambiguous word could mean, or a near miss.

    'In progress', 'in-progress', 'IN_PROGRESS', 'Ongoing', 'on track.',
    'Completed', 'not yet started' and 'superceded' each name one status;
    'amber' could mean in progress or blocked; 'compelte' is near 'complete'.
    'unstated' is not a status a person gives.
    """
    key = normalised(written)
    shown = written.strip()
    if key in _WORDS:
        return StatusReading(shown, _WORDS[key])
    if key in AMBIGUOUS:
        return StatusReading(shown, None, AMBIGUOUS[key])
    close = difflib.get_close_matches(key, [*_WORDS, *AMBIGUOUS], n=1, cutoff=0.75) if key else []
    return StatusReading(shown, None, near=close[0] if close else None)


def status_named(written: str) -> Status | None:
    """Return the status ``written`` names (see :func:`read_status`), or None when it names none."""
    return read_status(written).status


def vocabulary_table() -> list[tuple[str, str]]:
    """Return the vocabulary as rows for the documentation: (status in the plan, the words read as it).

    The ambiguous words end the table, each with the statuses to choose from.
    """
    rows = [(status.value, ", ".join([spoken(status), *SYNONYMS[status]])) for status in JUDGED_STATUSES]
    rows.extend(
        (f"(ask: {' or '.join(spoken(s) for s in could_be)})", word) for word, could_be in AMBIGUOUS.items()
    )
    return rows
