"""Characters that act instead of showing: control characters, bidirectional overrides, non-characters.

A control character (C0 but tab and newline, DEL, C1) sent to a terminal can
clear the screen, retitle the window or rewrite what was printed before it;
a bidirectional override or isolate makes text read in another order than it
is stored; a non-character (U+FFFE, U+FFFF, U+FDD0 to U+FDEF, the last two of
every plane) or a lone surrogate is not text at all, and XML 1.0 (so a Word
document) cannot hold it. Plan text is untrusted, so the loader and
``plan apply`` refuse these characters (:func:`first_control`,
:func:`describe`) and whatever still reaches a terminal shows them as visible
escapes (:func:`visible`).
"""

from __future__ import annotations

import re
import unicodedata

_BIDI = r"\u202a-\u202e\u2066-\u2069"
# Not characters: what XML 1.0 cannot hold beyond the C0 controls.
_NOT_TEXT = "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17)
)
_ANY = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}{_NOT_TEXT}]")
# A CR straight before a newline only ends a line (CRLF), on a terminal as in a file.
_UNSAFE = re.compile(rf"\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}{_NOT_TEXT}]")

_C0_NAMES = {
    0x00: "NUL",
    0x07: "BEL, the bell",
    0x08: "BS, backspace",
    0x0B: "VT, vertical tab",
    0x0C: "FF, form feed",
    0x0D: "CR, carriage return",
    0x1B: "ESC, the escape character",
    0x7F: "DEL",
}


def first_control(text: str) -> int:
    """The index of the first control character or bidi override in ``text``, or -1 if it has none."""
    found = _ANY.search(text)
    return found.start() if found else -1


def describe(char: str) -> str:
    """Name a character as an error message does: 'the control character U+001B (ESC, the escape character)'."""
    code = ord(char)
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return f"the bidirectional control U+{code:04X} ({unicodedata.name(char)})"
    if _not_text(char):
        kind = "lone surrogate" if 0xD800 <= code <= 0xDFFF else "non-character"
        return f"the {kind} U+{code:04X}"
    name = _C0_NAMES.get(code)
    return f"the control character U+{code:04X}" + (f" ({name})" if name else "")


def effect(char: str) -> str:
    """What the character does, for an error message: why it must go."""
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return "which makes the text around it display in another order than it is written"
    if _not_text(char):
        return "which is not text and which a Word document (XML) cannot hold"
    return "which a terminal acts on instead of showing"


def _not_text(char: str) -> bool:
    code = ord(char)
    return 0xD800 <= code <= 0xDFFF or 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def escapes(text: str) -> list[tuple[int, int, str]]:
    """Where :func:`visible` changes ``text``: (start, end, the escape shown instead), in order."""
    return [(found.start(), found.end(), _escape(found)) for found in _UNSAFE.finditer(text)]


def visible(text: str) -> str:
    """``text`` with each control character and bidi override shown as an escape (``\\x1b``, ``\\u202e``).

    Tab, newline and the CR of a CRLF are kept. Text without such characters
    (nearly all) is returned as it is, at the cost of one search.
    """
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_escape, text)


def json_safe(document: str) -> str:
    """A JSON document with the control characters and bidi overrides its strings hold as \\u escapes.

    ``json.dumps(..., ensure_ascii=False)`` escapes C0 characters but leaves DEL,
    C1 and bidi overrides raw; escaped, they are the same data and cannot act
    on a terminal or an editor showing the file.
    """
    if _ANY.search(document) is None:
        return document
    return _ANY.sub(_json_escape, document)


def _json_escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
