"""Places in a plan named as people name them: "item 4.2, Spring 2027 Review, status".

Used wherever a problem is reported, next to its line and column: a person
thinks of recommendation 14's third item, not ``recommendations[4].items[2]``.
"""

from __future__ import annotations

import re
from typing import Any

from plan_cli.basics.errors import FieldParts
from plan_cli.plan.schema import ITEM_ID

_LIST_ENTRY = {
    "parts": "part",
    "milestones": "milestone",
    "measures": "measure",
    "aliases": "alias",
    "owners": "owners entry",
    "items": "item",
    "recommendations": "recommendation",
    "rounds": "round",
    "bodies": "body",
    "dependencies": "dependency",
    "accepted": "accepted entry",
}


def ordinal(number: int) -> str:
    """Return '1st', '2nd', '3rd', '11th' … for a count from 1."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _entry(data: Any, key: str, index: int) -> Any:
    values = data.get(key) if isinstance(data, dict) else None
    if isinstance(values, list) and 0 <= index < len(values) and isinstance(values[index], dict):
        return values[index]
    return {}


def place_of(data: Any, parts: FieldParts) -> str:
    """Return where ``parts`` is in the plan as a person would say it: "item 14.3, <its round's title>, status".

    Recommendations by number, items by id, updates by their round's title,
    rounds, bodies and dependencies by id or name, other list entries counted
    from 1; what the data cannot name is counted ("the 5th recommendation").
    Empty for a place deeper than any field of a plan.
    """
    if len(parts) > 10:
        return ""  # deeper than any plan field: a stray nest, better shown as its field path
    words: list[str] = []
    rest = list(parts)
    titles: dict[Any, Any] = {}
    if isinstance(data, dict) and isinstance(data.get("rounds"), list):
        titles = {r.get("id"): r.get("title") for r in data["rounds"] if isinstance(r, dict)}
    if len(rest) >= 2 and rest[0] == "recommendations" and isinstance(rest[1], int):
        rec = _entry(data, "recommendations", rest[1])
        number = rec.get("number")
        words.append(
            f"recommendation {number}"
            if isinstance(number, int) and not isinstance(number, bool)
            else f"the {ordinal(rest[1] + 1)} recommendation"
        )
        rest = rest[2:]
        if len(rest) >= 2 and rest[0] == "items" and isinstance(rest[1], int):
            item = _entry(rec, "items", rest[1])
            item_id = item.get("id")
            if isinstance(item_id, str) and re.fullmatch(ITEM_ID, item_id):
                words = [f"item {item_id}"]
            else:
                words.append(f"its {ordinal(rest[1] + 1)} item")
            rest = rest[2:]
            if len(rest) >= 2 and rest[0] == "updates" and isinstance(rest[1], str):
                title = titles.get(rest[1])
                words.append(title if isinstance(title, str) and title.strip() else f"round '{rest[1]}'")
                rest = rest[2:]
    elif (
        len(rest) >= 2
        and rest[0] in ("rounds", "bodies", "dependencies", "accepted")
        and isinstance(rest[1], int)
    ):
        kind = str(rest[0])
        entry = _entry(data, kind, rest[1])
        name = entry.get("name" if kind == "bodies" else "id")
        if kind != "accepted" and isinstance(name, str) and name.strip():
            words.append(f"{_LIST_ENTRY[kind]} '{name}'")
        else:
            words.append(f"{_LIST_ENTRY[kind]} {rest[1] + 1}")
        rest = rest[2:]
    for part in rest:
        if isinstance(part, int) and words and not words[-1].startswith(("the ", "its ")):
            previous = words.pop()
            words.append(f"{_LIST_ENTRY.get(previous, previous + ' entry')} {part + 1}")
        else:
            words.append(str(part))
    return ", ".join(words)
