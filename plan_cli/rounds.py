"""Update rounds: which are reported, the latest and the next, and what a draft is for.

The one place that answers "which rounds are reported?": every command,
template and export asks here. Pure functions of a Plan.
"""

from __future__ import annotations

import re
from datetime import date

from .errors import UsageError
from .model import EvidenceItem, Plan, Round


def reported_round_ids(plan: Plan) -> set[str]:
    """Return the ids of the rounds any item has an update for."""
    return {update.round for item in plan.items for update in item.updates}


def reported_rounds(plan: Plan) -> list[Round]:
    """Return the declared rounds at least one item has an update for, in order: the plan's columns."""
    reported = reported_round_ids(plan)
    return [declared for declared in plan.rounds if declared.id in reported]


def latest_round(plan: Plan) -> Round | None:
    """Return the last declared round that any item has an update for."""
    reported = reported_rounds(plan)
    return reported[-1] if reported else None


def lacks_latest_update(item: EvidenceItem, latest: Round | None) -> bool:
    """True when ``item`` is outstanding and has no update in ``latest``, the plan's latest round.

    This is an item the force has not answered in its latest round; an item
    done in an earlier round needs no new answer. With no round reported at
    all, every outstanding item lacks one.
    """
    return item.is_outstanding and (latest is None or item.update_for(latest.id) is None)


def next_round(plan: Plan) -> Round | None:
    """Return the first declared round after the latest reported one, or None if none is declared."""
    latest = latest_round(plan)
    rounds = list(plan.rounds)
    start = rounds.index(latest) + 1 if latest else 0
    return rounds[start] if start < len(rounds) else None


def previous_round(plan: Plan, round_id: str) -> Round | None:
    """Return the round declared just before ``round_id``, or None for the first."""
    ids = [r.id for r in plan.rounds]
    index = ids.index(round_id)
    return plan.rounds[index - 1] if index > 0 else None


def rounds_since(plan: Plan, round_id: str, reported: set[str] | None = None) -> int:
    """Return how many declared rounds after ``round_id`` have been reported.

    ``reported`` is :func:`reported_round_ids`, when the caller already has it.
    """
    if reported is None:
        reported = reported_round_ids(plan)
    ids = [r.id for r in plan.rounds]
    later = ids[ids.index(round_id) + 1 :]
    last_reported = max((ids.index(r) for r in reported), default=-1)
    return sum(1 for r in later if ids.index(r) <= last_reported)


def round_title(plan: Plan, round_id: str) -> str:
    """Return the title of a round id; the id itself when the plan does not declare it."""
    try:
        return plan.round(round_id).title
    except KeyError:
        return round_id


def draft_round(plan: Plan, title: str | None, due: date | None) -> Round:
    """Return the round a draft is for: the next declared one, or one named by --round/--due.

    Raise UsageError when there is neither, when --round names a round that
    already has updates, or when --due contradicts the due date the plan declares.
    """
    declared = next_round(plan)
    if title is not None:
        wanted = title.strip().casefold()
        match = next((r for r in plan.rounds if wanted in {r.title.casefold(), r.id.casefold()}), None)
        if match is None:
            return Round(_slug(title), title.strip(), due)
        if match.id in reported_round_ids(plan):
            raise UsageError(
                f"the {match.title} already has updates; a draft is for the next round "
                f"(--round 'NEXT TITLE' --due YYYY-MM-DD), or declare it under rounds: in the plan"
            )
        declared = match
    if declared is None:
        raise UsageError(
            "no next update round is declared in the plan. Add it under rounds: in the plan, e.g.\n"
            "  - id: march-2027\n    title: March 2027 Update\n    due: 2027-03-27\n"
            "or name it here: plan draft --round 'March 2027 Update' --due 2027-03-27"
        )
    if due is not None and declared.due is not None and due != declared.due:
        raise UsageError(
            f"the plan declares the {declared.title} due {declared.due.isoformat()}, not {due.isoformat()}; "
            "change rounds: in the plan or drop --due"
        )
    return Round(declared.id, declared.title, due or declared.due)


def _slug(title: str) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")
    return words.removesuffix("-update") or "next"
