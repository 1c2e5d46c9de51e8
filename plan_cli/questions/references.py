"""Cross-references in update text: which items and recommendations an update cites.

Updates point at one another ("as outlined in rec 13.2", "updates 10.1-10.5",
"12.1 addresses the risk considerations", "Recommendation 21"). This module
finds those citations so ``plan check`` can say which go nowhere.

What counts as a citation (and what does not):

* An item id ``N.M`` standing on its own: "12.1", "(12.1 & 12.2)", "rec 13.2",
  "Recommendation 10.2". Not a decimal that is part of something longer —
  "27.6.25", "2.5%", "£1.5", "10.30am", "2,541" — and not a number with no dot
  ("24 hours", "MAPPA Level 2", "3391").
* A range ``N.M-N.K`` (hyphen or dash, spaces allowed), expanded to every
  item from M to K: "10.1-10.5" cites 10.1, 10.2, 10.3, 10.4 and 10.5.
* A recommendation number after the word "recommendation(s)" or "rec(s)":
  "Recommendation 21", "recommendation 6", "recommendations 21 and 22".
  Bare numbers are never read as recommendations.

A recommendation this plan does not contain is usually one the report made to
another body (the Home Office's recommendation 6, the NPCC lead's 21). Such a
citation is marked ``external`` when its sentence names a body outside the
force (see :data:`EXTERNAL_BODIES`); ``plan check`` does not call it dangling.
Item ids are never external: only a force's own plan has evidence items.
"""

from __future__ import annotations

import re
from typing import NamedTuple

EXTERNAL_BODIES = (
    "Home Office",
    "NPCC",
    "National Police Chiefs",
    "National Policing Lead",
    "College of Policing",
    "HMICFRS",
    "IOPC",
    "APCC",
    "CPS",
    "Crown Prosecution Service",
    "Ministry of Justice",
    "Government",
)
"""Bodies outside the force whose naming makes a cited recommendation someone else's."""

# Each pattern starts with the character it needs (a digit, an r), so the regular
# expression engine skips straight to candidates instead of trying every position of
# every update; the boundary before that character is then looked back at.
_UNITS = r"am|pm|million|billion|bn|m|k|hours?|days?|weeks?|months?|years?|minutes?|mins?|per\s?cent"
_NUMBER_EDGE_AFTER = rf"(?![\d%]|\.\d|,\d|/\d|:\d|\s?(?:{_UNITS})\b)"
_ITEM = r"(\d(?<![\d.,£$€/:]\d)\d?)\.(\d{1,2})"  # not after a digit, point, comma, currency, / or :
_DASH = r"\s*[-–—]\s*"
_ITEM_OR_RANGE = re.compile(_ITEM + rf"(?:{_DASH}(?:(\d{{1,2}})\.)?(\d{{1,2}}))?" + _NUMBER_EDGE_AFTER)
_REC_WORD = re.compile(r"[rR](?<!\w[rR])(?i:ec(?:ommendations?|s)?)\.?\s+")  # at a word's start
_REC_NUMBER = re.compile(r"(\d{1,2})" + _NUMBER_EDGE_AFTER)
_REC_JOIN = re.compile(r"\s*(?:,|&|and)\s*(?:(?:recommendations?|recs?)\.?\s+)?", re.IGNORECASE)
_EXTERNAL = re.compile(r"\b(?:" + "|".join(re.escape(b) for b in EXTERNAL_BODIES) + r")", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])|\n+")


class Citation(NamedTuple):
    """One item or recommendation cited in a text, with where it was written.

    ``item`` is an item id ("12.1") or None when a whole recommendation is
    cited; ``recommendation`` is the recommendation number either way.
    ``written`` is the text as it appears ("10.1-10.5", "Recommendation 21").
    """

    recommendation: int
    item: str | None
    written: str
    start: int
    external: bool = False

    @property
    def ref(self) -> str:
        """The cited item id, or "recommendation N"."""
        return self.item if self.item is not None else f"recommendation {self.recommendation}"


def find_citations(text: str) -> list[Citation]:
    """Return every item and recommendation ``text`` cites, in the order written.

    A range yields one Citation per item in it; see the module docstring for
    what is and is not read as a citation.
    """
    found: list[Citation] = []
    taken: list[tuple[int, int]] = []
    for match in _ITEM_OR_RANGE.finditer(text):
        found.extend(_item_citations(match))
        taken.append(match.span())
    for word in _REC_WORD.finditer(text):
        position = word.end()
        while True:
            number = _REC_NUMBER.match(text, position)
            if number is None or any(start <= number.start() < end for start, end in taken):
                break
            taken.append(number.span())
            found.append(
                Citation(
                    recommendation=int(number[1]),
                    item=None,
                    written=text[word.start() : number.end()],
                    start=number.start(),
                    external=_names_external_body(text, number.start()),
                )
            )
            joined = _REC_JOIN.match(text, number.end())
            if joined is None or not joined.group().strip():
                break
            position = joined.end()
    return sorted(found, key=lambda c: c.start)


def _item_citations(match: re.Match[str]) -> list[Citation]:
    rec, first = int(match[1]), int(match[2])
    if match[4] is None:
        return [Citation(rec, f"{rec}.{first}", match.group(), match.start())]
    end_rec = int(match[3]) if match[3] else rec
    last = int(match[4])
    if end_rec != rec or last < first:
        # "7.1-8.2" or "10.5-10.1": not a range we can expand; cite both ends.
        return [
            Citation(rec, f"{rec}.{first}", match.group(), match.start()),
            Citation(end_rec, f"{end_rec}.{last}", match.group(), match.start()),
        ]
    return [Citation(rec, f"{rec}.{n}", match.group(), match.start()) for n in range(first, last + 1)]


def _names_external_body(text: str, position: int) -> bool:
    """True when the sentence around ``position`` names a body outside the force."""
    start = 0
    for boundary in _SENTENCE_END.finditer(text):
        if boundary.end() > position:
            end = boundary.start()
            break
        start = boundary.end()
    else:
        end = len(text)
    return _EXTERNAL.search(text, start, end) is not None
