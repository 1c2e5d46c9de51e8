"""Dates a reviewer can act on: deadlines, round due dates, expected deliveries, milestones.

Every dated thing in the plan becomes a :class:`Deadline` with a state:

* ``done`` — a recommendation whose items are all complete or superseded, a
  round that has been reported, a dependency resolved or withdrawn, a
  milestone marked ``done``;
* ``passed`` — otherwise, once the whole period of its date has ended
  (``Spring 2026`` passes on 1 June 2026);
* ``upcoming`` — otherwise.

A passed milestone is flagged *needs an update* when the item has no update in
any round after the one that made the promise: nobody has said whether it
happened. Dependencies expected at an ``unknown`` date have no place in date
order and are left out (``plan deps`` lists them).

Each entry names whose it is: a recommendation's and a milestone's owners, the
owners of the items a dependency blocks; a round's due date is every owner's.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple

from plan_cli.plan.model import EvidenceItem, FuzzyDate, Milestone, Plan, Recommendation, parse_fuzzy_date
from plan_cli.questions.owners import resolve_owner
from plan_cli.questions.rounds import reported_round_ids


class Kind(StrEnum):
    """What a dated entry is."""

    RECOMMENDATION = "recommendation"
    ROUND = "round"
    DEPENDENCY = "dependency"
    MILESTONE = "milestone"


class State(StrEnum):
    """Where a dated entry stands on ``today``."""

    PASSED = "passed"
    UPCOMING = "upcoming"
    DONE = "done"


class Deadline(NamedTuple):
    """One dated entry: when, what it is, what it refers to, and its state.

    ``ref`` is the recommendation number, round id, dependency id or item id;
    ``text`` the published words it comes from (a milestone's promise, a
    recommendation's text) or the plan's title for it (round, dependency).
    ``owners`` are the bodies it is for (none for a round: it is everyone's);
    ``items`` the evidence items it concerns.
    """

    when: FuzzyDate
    kind: Kind
    ref: str
    text: str
    state: State
    needs_update: bool = False
    owners: tuple[str, ...] = ()
    items: tuple[str, ...] = ()


def _state(when: FuzzyDate, done: bool, today: date) -> State:
    if done:
        return State.DONE
    return State.PASSED if when.has_passed(today) else State.UPCOMING


def deadline_passed(rec: Recommendation, today: date) -> bool:
    """True when a recommendation's deadline has passed and it is not done (see Recommendation.is_done).

    The one rule for every command, template and export; ``plan deadlines``
    lists the same recommendation as passed.
    """
    return (
        rec.deadline is not None
        and _state(parse_fuzzy_date(rec.deadline), rec.is_done, today) is State.PASSED
    )


def milestone_state(milestone: Milestone, today: date) -> State:
    """Return where a milestone stands: done when marked so, else passed once its period has ended."""
    return _state(milestone.date, milestone.done, today)


def milestone_needs_update(plan: Plan, item: EvidenceItem, milestone: Milestone, today: date) -> bool:
    """True when ``item``'s ``milestone`` has passed, is not done, and no update after its ``raised`` round exists."""
    if milestone.done or not milestone.date.has_passed(today):
        return False
    ids = [r.id for r in plan.rounds]
    raised_at = ids.index(milestone.raised)
    return not any(ids.index(update.round) > raised_at for update in item.updates)


def deadlines(plan: Plan, today: date) -> list[Deadline]:
    """Return every dated entry of the plan in date order (by the end of each date's period)."""
    found: list[Deadline] = []
    for rec in plan.recommendations:
        if rec.deadline is not None:
            when = parse_fuzzy_date(rec.deadline)
            found.append(
                Deadline(
                    when,
                    Kind.RECOMMENDATION,
                    str(rec.number),
                    rec.text,
                    _state(when, rec.is_done, today),
                    owners=rec.owners,
                    items=tuple(item.id for item in rec.items),
                )
            )
    reported = reported_round_ids(plan, today)
    for declared in plan.rounds:
        if declared.due is not None:
            when = parse_fuzzy_date(declared.due)
            state = _state(when, declared.id in reported, today)
            found.append(Deadline(when, Kind.ROUND, declared.id, declared.title, state))
    waiting_on: dict[str, list[EvidenceItem]] = {}
    for item in plan.items:
        for dep_id in dict.fromkeys(item.depends_on):
            waiting_on.setdefault(dep_id, []).append(item)
    for dep in plan.dependencies:
        if dep.expected.known:
            state = _state(dep.expected, not dep.is_open, today)
            waiting = waiting_on.get(dep.id, [])
            owners = tuple(dict.fromkeys(body for item in waiting for body in item.owners))
            items = tuple(item.id for item in waiting)
            found.append(
                Deadline(dep.expected, Kind.DEPENDENCY, dep.id, dep.title, state, owners=owners, items=items)
            )
    for item in plan.items:
        for milestone in item.milestones:
            found.append(
                Deadline(
                    milestone.date,
                    Kind.MILESTONE,
                    item.id,
                    milestone.text,
                    milestone_state(milestone, today),
                    needs_update=milestone_needs_update(plan, item, milestone, today),
                    owners=item.owners,
                    items=(item.id,),
                )
            )
    return sorted(found, key=_date_order)


def for_owner(plan: Plan, entries: list[Deadline], owner: str) -> list[Deadline]:
    """Return the entries that concern ``owner`` (a body, alias or owner text): theirs, and every round.

    A round's due date stays in every owner's list: each of them owes an update
    by it. Raise UsageError, listing the owners, when ``owner`` names none.
    """
    bodies = set(resolve_owner(plan, owner).bodies)
    return [entry for entry in entries if entry.kind is Kind.ROUND or bodies.intersection(entry.owners)]


def owned_deadlines(plan: Plan, today: date, owner: str | None) -> list[Deadline]:
    """Return :func:`deadlines`, or with an ``owner`` only theirs and every round (see :func:`for_owner`)."""
    entries = deadlines(plan, today)
    return for_owner(plan, entries, owner) if owner is not None else entries


_KIND_ORDER = {kind: index for index, kind in enumerate(Kind)}


def _date_order(entry: Deadline) -> tuple[date, date, int]:
    assert entry.when.start is not None and entry.when.end is not None
    return (entry.when.end, entry.when.start, _KIND_ORDER[entry.kind])


def deadline_record(entry: Deadline) -> dict[str, Any]:
    """Return a deadline as plain data: what ``plan deadlines --json`` prints and templates see.

    ``start`` and ``end`` are dates (JSON writes them as YYYY-MM-DD).
    """
    return {
        "date": entry.when.text,
        "start": entry.when.start,
        "end": entry.when.end,
        "kind": entry.kind.value,
        "ref": entry.ref,
        "text": entry.text,
        "state": entry.state.value,
        "needs_update": entry.needs_update,
        "owners": list(entry.owners),
        "items": list(entry.items),
    }


class Summary(NamedTuple):
    """How many dated entries are in each state, and how many milestones need an update."""

    passed: int
    upcoming: int
    done: int
    needing_update: int


def summary(entries: list[Deadline]) -> Summary:
    """Return the counts ``plan deadlines`` closes with."""
    return Summary(
        passed=sum(1 for e in entries if e.state is State.PASSED),
        upcoming=sum(1 for e in entries if e.state is State.UPCOMING),
        done=sum(1 for e in entries if e.state is State.DONE),
        needing_update=sum(1 for e in entries if e.needs_update),
    )
