"""A briefing: each outstanding item asked for, in its owner's own latest words, with what it waits on.

What a chief constable's office asks for: "what's outstanding for us, what is
blocked on whom, when is the next update due". The report shows it for the
items ``plan report --owner/--rec/--status/--blocked-by/--stale`` select.
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from plan_cli.plan.model import Plan
from plan_cli.questions.deadlines import Deadline, State, deadlines
from plan_cli.questions.rounds import next_round

BRIEF_CHARACTERS = 400
"""How much of an update ``--brief`` keeps; what it leaves out is marked."""

SHORTENED = "[…] (shortened: the whole update is in the plan)"
"""The marker a shortened update ends with (documents add it after the update's own words)."""


class Asked(NamedTuple):
    """What a briefing was asked for: the filters, worded for its heading, and whether to shorten."""

    described: str
    brief: bool = False


def _dated(entry: Deadline) -> dict[str, Any]:
    return {
        "when": str(entry.when),
        "what": entry.text,
        "kind": entry.kind.value,
        "passed": entry.state is State.PASSED,
    }


def briefing(plan: Plan, today: date, asked: Asked) -> dict[str, Any]:
    """Return the briefing of ``plan``'s outstanding items: plain data for the report templates and Word.

    Each item carries its latest update's round and text (shortened only under
    ``brief``, with a marker), the open dependencies it waits on by title and
    party, the dated entries whose day has passed undone, and those that fall
    due before the next round's due date (all to come when it has none).
    """
    following = next_round(plan, today)
    horizon = following.due if following is not None else None
    dated = [d for d in deadlines(plan, today) if d.state is not State.DONE]
    items = []
    for item in plan.items:
        if not item.is_outstanding:
            continue
        latest = item.latest_update
        text = latest.full_text if latest is not None else ""
        shortened = asked.brief and len(text) > BRIEF_CHARACTERS
        if shortened:
            text = text[:BRIEF_CHARACTERS].rstrip()
        waits = [plan.dependency(name) for name in item.depends_on]
        mine = [d for d in dated if item.id in d.items]
        passed = [_dated(d) for d in mine if d.state is State.PASSED]
        due = [
            _dated(d)
            for d in mine
            if d.state is not State.PASSED
            and (horizon is None or d.when.start is None or d.when.start <= horizon)
        ]
        items.append(
            {
                "id": item.id,
                "evidence": item.evidence,
                "owners": list(item.owners),
                "status": item.status.value,
                "latest_round": plan.round(latest.round).title if latest is not None else None,
                "latest_text": text,
                "shortened": SHORTENED if shortened else None,
                "waits_on": [
                    {"title": dep.title, "party": dep.party, "expected": str(dep.expected)}
                    for dep in waits
                    if dep is not None and dep.is_open
                ],
                "deadlines_passed": passed,
                "due_before_next_round": due,
            }
        )
    return {
        "asked": asked.described,
        "brief": asked.brief,
        "next_round": following.title if following is not None else None,
        "next_due": horizon,
        "items": items,
    }
