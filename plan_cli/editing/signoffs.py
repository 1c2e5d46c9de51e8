"""A reply's sign-off and contact details: what is left out of an update before it reaches a public page.

Owners answer from their mail habits: a reply often ends with "Thanks," or
"Kind regards", a name, a rank, a unit, a phone number or an e-mail address.
That is not part of the update. It is found by its shape, never by anyone's
name: closing words and the short lines after them, or a last block of short
lines holding a rank or contact details. Contact details anywhere else in a
reply are found so that they can be warned about. Pure functions of text.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_CLOSING = re.compile(
    r"^(?:many\s+|with\s+|kind(?:est)?\s+|best\s+|warm(?:est)?\s+|warm\s+)?"
    r"(?:thanks|thank\s+you|regards|wishes|cheers|yours(?:\s+(?:sincerely|faithfully|truly))?|sincerely|"
    r"all\s+the\s+best|best)\b[\s,.!]*(?:[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3})?[\s,.!]*$",
    re.IGNORECASE,
)
# Ranks and titles as a generic list: a line that opens with one (and a name or number) signs a message.
_RANK = re.compile(
    r"^(?:(?:T|A|Acting|Temporary|Temp|Det|Detective)[/.\s]+)?"
    r"(?:(?:Assistant|Deputy|Chief|Detective|Det)\.?\s+)*"
    r"(?:Constable|Sergeant|Sgt|Inspector|Insp|Superintendent|Supt|Commander|Commissioner|Officer|"
    r"PC|PS|DC|DS|DI|DCI|CI|DSU|DCS|ACC|DCC|CC|PCSO|Mr|Mrs|Ms|Miss|Mx|Dr)\b\.?"
    r"(?-i:\s*$|,|\s+(?:\d+\s+)?[A-Z])",  # then a name or a number, or nothing: "DS team" is not a rank
    re.IGNORECASE,
)
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
PHONE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[\s-]?(?:\(0\)\s?)?|\(?0)\d{2,4}\)?(?:[\s-]?\d){6,8}(?!\d)"
    r"|\b(?:ext|extn|tel|mob|mobile|phone)\b\.?:?\s*\d[\d\s-]{2,}\d",
    re.IGNORECASE,
)
_SHORT_WORDS = 8
_SHORT_CHARS = 70
_MOST_LINES = 8


class SignOff(NamedTuple):
    """Typed lines split into the update and the sign-off after it (empty when there is none)."""

    kept: list[str]
    left_out: list[str]


def contact_details(text: str) -> list[str]:
    """Return the phone numbers and e-mail addresses in ``text``, in order, each once."""
    found = [match.group().strip() for pattern in (EMAIL, PHONE) for match in pattern.finditer(text)]
    return list(dict.fromkeys(found))


def _short(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= _SHORT_WORDS and len(line) <= _SHORT_CHARS and not line.rstrip().endswith(":")


def _signs(line: str) -> bool:
    """True for a line only a signature has: a rank with a name, a phone number, an e-mail address."""
    return bool(_RANK.match(line) or EMAIL.search(line) or PHONE.search(line))


def split_signoff(lines: list[str]) -> SignOff:
    """Return ``lines`` split before the sign-off they end with, if they end with one.

    A sign-off is a closing line ("Thanks,", "Kind regards", "Many thanks, Sam")
    with only short lines after it, or a last block of at most eight short lines,
    set off by a blank line or following the text, that holds a rank, a phone
    number or an e-mail address. Text must remain: a reply that is all
    signature is left whole (and then warned about for its contact details).
    """
    stripped = [line.strip() for line in lines]
    filled = [index for index, line in enumerate(stripped) if line]
    if len(filled) < 2:
        return SignOff(list(lines), [])
    tail = filled[-_MOST_LINES:]
    cut: int | None = None
    for position, index in enumerate(tail):
        if _CLOSING.match(stripped[index]) and all(_short(stripped[i]) for i in tail[position + 1 :]):
            cut = index
            break
    if cut is None:
        start = len(tail)
        while start > 0 and _short(stripped[tail[start - 1]]) and not stripped[tail[start - 1]].endswith("."):
            start -= 1
        block = tail[start:]
        signing = [i for i in block if _signs(stripped[i])]
        if signing:
            cut = _block_start(stripped, block, signing[0])
    if cut is None or not any(stripped[:cut]):
        return SignOff(list(lines), [])
    return SignOff(list(lines[:cut]), [line for line in stripped[cut:] if line])


def _name_like(line: str) -> bool:
    words = line.replace(",", " ").split()
    return 0 < len(words) <= 4 and all(word[:1].isupper() or not word[:1].isalpha() for word in words)


def _block_start(stripped: list[str], block: list[int], first_signing: int) -> int:
    """Where a closing-less signature block starts: at the name line just above its first rank or contact line."""
    position = block.index(first_signing)
    if position > 0 and _name_like(stripped[block[position - 1]]):
        return block[position - 1]
    return first_signing
