"""Stale items: outstanding items whose latest update reports nothing new.

An update reports nothing new (see :func:`says_nothing_new`) when it

* says the position remains — a sentence whose subject is the position:
  "The position reported last round remains.", "Position as above remains.";
* only points to another item's update — every sentence is a pointer such as
  "Update as ref 4.1" or "Update addressed within 3.2 above." (an update
  that points elsewhere *and* adds a sentence of its own is not stale); or
* is substantially the same text as the item's update of the round before:
  a similarity (see :func:`same_text`) of at least :data:`SAME_TEXT_RATIO`.

An item is stale when it is outstanding and its latest update reports nothing
new. It is stale *since* the round of the last update that did report
something — the position it keeps repeating — or, when no update ever did,
the round of its first update.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from plan_cli.plan.model import EvidenceItem, Update

SAME_TEXT_RATIO = 0.85
"""Two rounds' updates this similar (0..1, case and spacing ignored) say the same thing.

Chosen on a published plan: an update that rewords only its opening sentence
and repeats the rest scores about 0.88 against the round before; consecutive
updates that report new work score 0.60 or below. 0.85 keeps clear of both."""

EXACT_CHARS = 2_500
"""Texts up to this long (once normalised) are compared by :mod:`difflib`'s ratio
(as computed by :mod:`cydifflib`, the same algorithm compiled), whose work grows
with the square of the length; a long published update is about 2,400
characters. Longer texts are compared piece by piece (see :func:`same_text`)."""

PIECE_CHARS = 2_000
"""How long each piece of a text longer than :data:`EXACT_CHARS` is when compared."""

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

_MAY_SAY_POSITION_REMAINS = (re.compile(r"position", re.IGNORECASE), re.compile(r"remain", re.IGNORECASE))
_MAY_POINT_ELSEWHERE = re.compile(r"\s*(?:note|position|update|as)\s", re.IGNORECASE)


def sentences(text: str) -> list[str]:
    """Split update text into sentences (blank lines and sentence ends)."""
    return [s.strip() for s in _SENTENCES.split(text) if s.strip()]


def says_position_remains(text: str) -> bool:
    """True when a sentence of ``text`` says the position remains ("Above position remains.")."""
    if not all(word.search(text) for word in _MAY_SAY_POSITION_REMAINS):
        return False  # both words are in any sentence that says so: no need to split the text
    return any(_POSITION_REMAINS.search(sentence) for sentence in sentences(text))


def only_points_elsewhere(text: str) -> bool:
    """True when every sentence of ``text`` only points to another item's update ("Update as ref 25.1")."""
    if not _MAY_POINT_ELSEWHERE.match(text):
        return False  # the first sentence starts the text, and every pointer starts with one of these words
    found = sentences(text)
    return bool(found) and all(_POINTER.match(sentence) for sentence in found)


@functools.lru_cache(maxsize=4096)
def same_text(text: str, before: str) -> bool:
    """True when ``text`` is substantially the same as ``before`` (similarity >= SAME_TEXT_RATIO).

    Case and spacing are ignored. Texts up to :data:`EXACT_CHARS` long are the
    same when :class:`difflib.SequenceMatcher`'s ratio is at least the threshold:
    the standard library's for the first :data:`_FEW_RATIOS` pairs, then
    :mod:`cydifflib`'s (the same ratios, compiled: a twentieth of the time, for
    the price of an import). It is asked only when a cheaper upper bound of
    that ratio reaches it (see :func:`may_be_same`). Longer texts are compared piece by piece (see
    :func:`same_in_pieces`), in work that grows linearly with their length.
    """
    a, b = _normalised(text), _normalised(before)
    if not a or not b:
        return False
    total = len(a) + len(b)
    if 2 * min(len(a), len(b)) < SAME_TEXT_RATIO * total:
        return False  # not even if the shorter were all in the longer
    if max(len(a), len(b)) > EXACT_CHARS:
        return same_in_pieces(a, b)
    if not may_be_same(a, b):
        return False
    global _compared
    _compared += 1
    if _compared <= _FEW_RATIOS:  # the standard library's, which the CLI has imported already
        import difflib as matcher
    else:
        import cydifflib as matcher  # type: ignore[no-redef]
    ratio: float = matcher.SequenceMatcher(None, a, b, autojunk=False).ratio()
    return ratio >= SAME_TEXT_RATIO


_FEW_PAIRS = 16
_FEW_RATIOS = 2  # a real plan has a pair or two this alike; each costs difflib a few ms
_screened = 0
_compared = 0


def may_be_same(a: str, b: str) -> bool:
    """False when ``a`` and ``b`` cannot reach SAME_TEXT_RATIO by difflib's ratio, by a bound cheaper than it.

    Twice their longest common subsequence (LCS) over their total length is at
    least difflib's ratio, and :mod:`rapidfuzz` works it out in a fraction of the
    time. Its import, though, costs a plan of a few dozen items more than it
    saves, so the first :data:`_FEW_PAIRS` pairs use a looser bound, the
    characters the two texts have in common counted with repetition.
    """
    global _screened
    total = len(a) + len(b)
    _screened += 1
    if _screened <= _FEW_PAIRS:
        from collections import Counter

        return 2 * (Counter(a) & Counter(b)).total() >= SAME_TEXT_RATIO * total
    from rapidfuzz.distance import LCSseq

    return 2.0 * LCSseq.similarity(a, b) / total >= SAME_TEXT_RATIO


def same_in_pieces(a: str, b: str) -> bool:
    """True when the LCSs of ``a``'s and ``b``'s matching pieces add up to SAME_TEXT_RATIO of their length.

    Both are cut into as many pieces as the longer has :data:`PIECE_CHARS`, at
    the same proportions of their lengths. The pieces' common subsequences, put
    together, are one of the whole texts, so the sum is never more than the LCS:
    a pair is judged the same only when it provably is that alike, and each piece
    costs the same, whatever the text.
    """
    from rapidfuzz.distance import LCSseq

    count = -(-max(len(a), len(b)) // PIECE_CHARS)
    common = sum(
        LCSseq.similarity(
            a[len(a) * index // count : len(a) * (index + 1) // count],
            b[len(b) * index // count : len(b) * (index + 1) // count],
        )
        for index in range(count)
    )
    return 2.0 * common / (len(a) + len(b)) >= SAME_TEXT_RATIO


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
