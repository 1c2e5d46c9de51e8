"""JSON text as ``json.dumps(data, indent=2, ensure_ascii=False)`` writes it, without importing json.

Every ``--json`` list is printed this way, and at the size of a plan importing
the json package and running its pure-Python encoder (the only one that
indents) cost a ``--json`` command more than its data. Strings go through the
same C escaping as json's own (``_json.encode_basestring``); anything else is
written as json writes it, and a value json would need ``default`` for is
passed to it.
"""

from __future__ import annotations

from _json import encode_basestring
from collections.abc import Callable
from typing import Any

_FLOAT_WORDS = {float("inf"): "Infinity", float("-inf"): "-Infinity"}


def dumps(data: Any, default: Callable[[Any], Any] | None = None) -> str:
    """Return ``data`` as JSON text indented by two spaces, non-ASCII kept, byte for byte as json.dumps."""
    pieces: list[str] = []
    _write(data, "\n", pieces, default)
    return "".join(pieces)


def _write(value: Any, newline: str, pieces: list[str], default: Callable[[Any], Any] | None) -> None:
    if isinstance(value, str):
        pieces.append(encode_basestring(value))
    elif value is None:
        pieces.append("null")
    elif value is True:
        pieces.append("true")
    elif value is False:
        pieces.append("false")
    elif isinstance(value, int):
        pieces.append(int.__repr__(value))
    elif isinstance(value, float):
        pieces.append("NaN" if value != value else _FLOAT_WORDS.get(value) or float.__repr__(value))
    elif isinstance(value, (list, tuple)):
        if not value:
            pieces.append("[]")
            return
        inner = newline + "  "
        pieces.append("[")
        for index, item in enumerate(value):
            pieces.append(inner if not index else "," + inner)
            _write(item, inner, pieces, default)
        pieces.append(newline + "]")
    elif isinstance(value, dict):
        if not value:
            pieces.append("{}")
            return
        inner = newline + "  "
        pieces.append("{")
        for index, (key, item) in enumerate(value.items()):
            pieces.append(inner if not index else "," + inner)
            pieces.append(_key(key))
            pieces.append(": ")
            _write(item, inner, pieces, default)
        pieces.append(newline + "}")
    elif default is not None:
        _write(default(value), newline, pieces, default)
    else:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _key(key: Any) -> str:
    if isinstance(key, str):
        return encode_basestring(key)
    if isinstance(key, (bool, type(None), int, float)):
        written: list[str] = []
        _write(key, "", written, None)
        return encode_basestring(written[0])
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")
