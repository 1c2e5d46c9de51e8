"""Where the plan stands: status counts, rounds, owners and outstanding items.

Pure functions of a Plan (and ``today`` where time matters): no I/O, no clock.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Any, NamedTuple, TypeVar

from plan_cli.basics.errors import UsageError
from plan_cli.basics.wording import days_until
from plan_cli.plan.model import EvidenceItem, Plan, Recommendation, Round, Status
from plan_cli.questions.deadlines import deadline_passed
from plan_cli.questions.owners import resolve_owner
from plan_cli.questions.rounds import (
    latest_round,
    next_round,
    previous_round,
    progress_record,
    reported_round_ids,
    round_progress,
    round_title,
)

T = TypeVar("T")


def shown_statuses(plan: Plan) -> tuple[Status, ...]:
    """The statuses counts are shown for, in vocabulary order.

    ``unstated`` (a status an import could not take from the source) only when
    some update has it: it is a to-do, not part of a plan's vocabulary.
    """
    unstated = any(u.status is Status.UNSTATED for item in plan.items for u in item.updates)
    return tuple(s for s in Status if s is not Status.UNSTATED or unstated)


def status_counts(plan: Plan) -> dict[Status, int]:
    """Return how many items are in each of the shown statuses, in vocabulary order (zeros included)."""
    counts = Counter(item.status for item in plan.items)
    return {status: counts.get(status, 0) for status in shown_statuses(plan)}


def status_counts_by_round(plan: Plan, today: date) -> list[tuple[Round, int, dict[Status, int]]]:
    """Return, for each round with any update, how many items it updated and the counts by status then.

    An item's status in a round is that of its latest update up to and
    including the round; an item with none yet is not started. The counts
    are in vocabulary order, zeros included: a chart of progress without images.
    """
    reported = reported_round_ids(plan, today)
    order = {declared.id: index for index, declared in enumerate(plan.rounds)}
    rows = []
    for declared in plan.rounds:
        if declared.id not in reported:
            continue
        counts: Counter[Status] = Counter()
        updated = 0
        for item in plan.items:
            so_far = [u for u in item.updates if order.get(u.round, len(order)) <= order[declared.id]]
            counts[so_far[-1].status if so_far else Status.NOT_STARTED] += 1
            updated += any(u.round == declared.id for u in item.updates)
        rows.append((declared, updated, {status: counts.get(status, 0) for status in shown_statuses(plan)}))
    return rows


class Movement(NamedTuple):
    """An item whose status changed between two rounds."""

    item: EvidenceItem
    before: Status | None
    after: Status


def movements(plan: Plan, today: date) -> list[Movement]:
    """Return the items whose status in the latest round differs from the round before.

    An item with no update in the round before counts as moving from None,
    unless it is still not started: an item without updates is not started, so
    a first update saying so moves nothing.
    """
    latest = latest_round(plan, today)
    if latest is None:
        return []
    before_round = previous_round(plan, latest.id)
    moved = []
    for item in plan.items:
        now = item.update_for(latest.id)
        if now is None:
            continue
        then = item.update_for(before_round.id) if before_round else None
        before = then.status if then else None
        if (before or Status.NOT_STARTED) is not now.status:
            moved.append(Movement(item, before, now.status))
    return moved


def _as_tuple(value: T | Iterable[T] | None) -> tuple[T, ...]:
    if value is None:
        return ()
    if isinstance(value, (str, int)):
        return (value,)
    return tuple(value)  # type: ignore[arg-type]


def select_items(
    plan: Plan,
    owners: Iterable[str] = (),
    recommendations: Iterable[int] = (),
    statuses: Iterable[Status] = (),
    include_done: bool = False,
) -> list[EvidenceItem]:
    """Return the items that pass every filter given, in plan order.

    Each filter is a collection: an item passes when it matches *any* of its
    values, and must pass *all* the filters given (an empty one passes every
    item). Done items (complete, superseded) are left out unless
    ``include_done`` or a done status is asked for. An owner no body fits, or a
    recommendation the plan lacks, is a usage error.
    """
    bodies: set[str] = set()
    for owner in owners:
        bodies |= set(resolve_owner(plan, owner).bodies)
    numbers = set(recommendations)
    for number in sorted(numbers):
        if plan.recommendation(number) is None:
            known = ", ".join(str(r.number) for r in plan.recommendations)
            raise UsageError(f"there is no recommendation {number}; recommendations are: {known}")
    wanted_statuses = set(statuses)
    if any(status.is_done for status in wanted_statuses):
        include_done = True
    found = []
    for item in plan.items:
        if not include_done and not item.is_outstanding:
            continue
        if bodies and not bodies.intersection(item.owners):
            continue
        if numbers and item.recommendation not in numbers:
            continue
        if wanted_statuses and item.status not in wanted_statuses:
            continue
        found.append(item)
    return found


def outstanding(
    plan: Plan,
    owner: str | Iterable[str] | None = None,
    recommendation: int | Iterable[int] | None = None,
    status: Status | Iterable[Status] | None = None,
) -> list[EvidenceItem]:
    """Return the items still needing action (not complete or superseded), filtered as asked.

    Each filter takes one value or several (any of them); see :func:`select_items`.
    """
    return [
        item
        for item in select_items(plan, _as_tuple(owner), _as_tuple(recommendation), _as_tuple(status))
        if item.is_outstanding
    ]


def item_record(plan: Plan, item: EvidenceItem) -> dict[str, Any]:
    """Return an item as plain JSON-ready data: what --json prints and templates see."""
    latest = item.latest_update
    return {
        "id": item.id,
        "recommendation": item.recommendation,
        "evidence": item.evidence,
        "owner": item.owner,
        "owners": list(item.owners),
        "status": item.status.value,
        "latest_round": round_title(plan, latest.round) if latest else None,
        "latest_round_id": latest.round if latest else None,
        "latest_update": latest.full_text if latest else None,
        "history": [{"round": round_title(plan, u.round), "status": u.status.value} for u in item.updates],
    }


def find_item_or_recommendation(plan: Plan, ref: str) -> EvidenceItem | int:
    """Resolve ``plan show`` argument: an item id ("7.1") or a recommendation number ("7")."""
    ref = ref.strip()
    item = plan.item(ref)
    if item is not None:
        return item
    if ref.isdigit() and plan.recommendation(int(ref)) is not None:
        return int(ref)
    ids = [i.id for i in plan.items]
    close = difflib.get_close_matches(ref, ids, n=3, cutoff=0.6)
    hint = f" Did you mean {', '.join(close)}?" if close else ""
    raise UsageError(
        f"'{ref}' is neither an item id nor a recommendation number.{hint} "
        f"Recommendations: {', '.join(str(r.number) for r in plan.recommendations)}"
    )


def recommendation_record(plan: Plan, rec: Recommendation, today: date) -> dict[str, Any]:
    """Return a recommendation and its items as JSON-ready data: what ``plan show N --json`` prints."""
    return {
        "number": rec.number,
        "text": rec.text,
        "deadline": rec.deadline.isoformat() if rec.deadline else None,
        "deadline_passed": deadline_passed(rec, today),
        "owner": rec.owner,
        "owners": list(rec.owners),
        "complete": rec.complete_count,
        "worst_status": rec.worst_status.value,
        "items": [item_record(plan, item) for item in rec.items],
    }


def status_record(plan: Plan, today: date) -> dict[str, Any]:
    """Return the ``plan status`` summary as JSON-ready data, for scripts and spreadsheets."""

    def round_data(declared: Round | None) -> dict[str, Any] | None:
        if declared is None:
            return None
        return {
            "id": declared.id,
            "title": declared.title,
            "due": declared.due.isoformat() if declared.due else None,
            "days_left": days_until(declared.due, today) if declared.due else None,
        }

    return {
        "title": plan.title,
        "force": plan.force,
        "responds_to": plan.responds_to,
        "executive_lead": plan.executive_lead,
        "operational_lead": plan.operational_lead,
        "today": today.isoformat(),
        "latest_round": round_data(latest_round(plan, today)),
        "next_round": round_data(next_round(plan, today)),
        "open_round": (
            progress_record(round_progress(plan, following.id), today)
            if (following := next_round(plan, today)) is not None
            else None
        ),
        "status_counts": {status.value: count for status, count in status_counts(plan).items()},
        "moved": [
            {"id": m.item.id, "before": m.before.value if m.before else None, "after": m.after.value}
            for m in movements(plan, today)
        ],
        "recommendations": [
            {
                "number": rec.number,
                "text": rec.text,
                "deadline": rec.deadline.isoformat() if rec.deadline else None,
                "deadline_passed": deadline_passed(rec, today),
                "items": len(rec.items),
                "complete": rec.complete_count,
                "worst_status": rec.worst_status.value,
            }
            for rec in plan.recommendations
        ],
    }


def narrowed_plan(plan: Plan, items: Iterable[EvidenceItem]) -> Plan:
    """Return ``plan`` holding only ``items`` (their recommendations, and the dependencies they name).

    A briefing for one owner or one recommendation is the report of this plan:
    every figure in it (counts, dependencies, deadlines) is about the items asked for.
    """
    kept = {item.id for item in items}
    recommendations = tuple(
        rec._replace(items=tuple(item for item in rec.items if item.id in kept))
        for rec in plan.recommendations
        if any(item.id in kept for item in rec.items)
    )
    named = {dep for rec in recommendations for item in rec.items for dep in item.depends_on}
    dependencies = tuple(dep for dep in plan.dependencies if dep.id in named)
    return plan._replace(recommendations=recommendations, dependencies=dependencies)
