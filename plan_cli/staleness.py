"""Stale items: outstanding items whose latest update reports nothing new.

An update reports nothing new (see :func:`says_nothing_new`) when it

* says the position remains — a sentence whose subject is the position:
  "Position update from March 2025 remains.", "Above position remains.";
* only points to another item's update — every sentence is a pointer such as
  "Update as ref 25.1" or "Update addressed within 20.1 above." (an update
  that points elsewhere *and* adds a sentence of its own is not stale); or
* is substantially the same text as the item's update of the round before:
  :func:`difflib.SequenceMatcher` ratio at least :data:`SAME_TEXT_RATIO`.

An item is stale when it is outstanding and its latest update reports nothing
new. It is stale *since* the round of the last update that did report
something — the position it keeps repeating — or, when no update ever did,
the round of its first update.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from typing import NamedTuple

from .model import EvidenceItem, Update

SAME_TEXT_RATIO = 0.85
"""Two rounds' updates this similar (0..1, difflib ratio, case and spacing ignored) say the same thing.

Chosen on the Northumbria plan: 14.4's March 2026 update rewords March 2025's
("A replacement for the Nutshell/SOS App remains outstanding" for "We are
exploring ways to replace ...", the rest the same) at 0.88; every other pair of
consecutive updates is at 0.60 or below. 0.85 keeps clear of both."""

_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")
_POSITION_REMAINS = re.compile(
    r"^(?:the\s+)?(?:above\s+|same\s+|previous\s+)?position\b[^.]*\bremains?\b", re.IGNORECASE
)
_ITEM_ID = r"\d{1,2}\.\d{1,2}"
_POINTER = re.compile(
    rf"^(?:(?:note\s+)?(?:position\s+)?update\s+(?:as\s+(?:per\s+)?|addressed\s+(?:with)?in\s+|re\s+)"
    rf"(?:ref\.?\s+|rec(?:ommendation)?\.?\s+|update\s+)?{_ITEM_ID}(?:\s+above|\s+below)?"
    rf"|as\s+(?:per\s+)?(?:rec(?:ommendation)?\.?\s+)?(?:update\s+)?{_ITEM_ID})\W*$",
    re.IGNORECASE,
)


class Staleness(NamedTuple):
    """Whether an item is stale, why, and since which round nothing new was reported."""

    stale: bool
    since: str | None = None
    reason: str | None = None


NOT_STALE = Staleness(False)


def sentences(text: str) -> list[str]:
    """Split update text into sentences (blank lines and sentence ends)."""
    return [s.strip() for s in _SENTENCES.split(text) if s.strip()]


def says_position_remains(text: str) -> bool:
    """True when a sentence of ``text`` says the position remains ("Above position remains.")."""
    return any(_POSITION_REMAINS.search(sentence) for sentence in sentences(text))


def only_points_elsewhere(text: str) -> bool:
    """True when every sentence of ``text`` only points to another item's update ("Update as ref 25.1")."""
    found = sentences(text)
    return bool(found) and all(_POINTER.match(sentence) for sentence in found)


@functools.lru_cache(maxsize=4096)
def same_text(text: str, before: str) -> bool:
    """True when ``text`` is substantially the same as ``before`` (ratio >= SAME_TEXT_RATIO)."""
    a, b = _normalised(text), _normalised(before)
    if not a or not b:
        return False
    # SequenceMatcher's real_quick_ratio() and quick_ratio() are upper bounds of ratio(),
    # from the lengths and from the letters in common; most pairs of updates fail them and
    # the quadratic ratio() is skipped. Worked out here so the matcher is not even built.
    total = len(a) + len(b)
    if 2 * min(len(a), len(b)) < SAME_TEXT_RATIO * total:
        return False
    if 2 * (Counter(a) & Counter(b)).total() < SAME_TEXT_RATIO * total:
        return False
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= SAME_TEXT_RATIO


def _normalised(text: str) -> str:
    return " ".join(text.casefold().split())


def says_nothing_new(update: Update, before: Update | None) -> str | None:
    """Return why ``update`` reports nothing new (compared with ``before``), or None if it does."""
    text = update.full_text
    if not text.strip():
        return None
    if says_position_remains(text):
        return "says the position remains"
    if only_points_elsewhere(text):
        return "only points to another item's update"
    if before is not None and same_text(text, before.full_text):
        return "repeats the round before"
    return None


def staleness(item: EvidenceItem) -> Staleness:
    """Return whether ``item`` is stale and since which round (see the module docstring)."""
    if not item.is_outstanding or not item.updates:
        return NOT_STALE
    updates = item.updates

    def reason(index: int) -> str | None:
        return says_nothing_new(updates[index], updates[index - 1] if index else None)

    # Judge the latest update first and walk back only while nothing new was said:
    # most items are not stale, and comparing texts is the costly part.
    last = len(updates) - 1
    why = reason(last)
    if why is None:
        return NOT_STALE
    index = last
    while index > 0:
        index -= 1
        if index == 0 or reason(index) is None:
            break
    return Staleness(True, since=updates[index].round, reason=why)
