"""External dependencies: what the force waits on, for how long, and what it holds up.

Pure functions of a Plan and ``today``.
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from typing import Any, NamedTuple

from plan_cli.basics.errors import UsageError
from plan_cli.plan.model import Dependency, EvidenceItem, Plan
from plan_cli.questions.rounds import reported_round_ids, rounds_since


class DependencyReport(NamedTuple):
    """A dependency with what a reviewer chases it with.

    ``items`` are all the items that name it in ``depends_on``; ``blocking``
    those of them still outstanding (what it holds up while open).
    ``age_days`` counts from the due date of the round in which it was raised
    (None when that round has no due date); ``rounds_since`` is how many
    declared rounds after that one have been reported.
    """

    dependency: Dependency
    items: tuple[EvidenceItem, ...]
    blocking: tuple[EvidenceItem, ...]
    age_days: int | None
    rounds_since: int
    expected_passed: bool

    @property
    def recommendations(self) -> list[int]:
        """The numbers of the recommendations whose items name it, in plan order."""
        return list(dict.fromkeys(item.recommendation for item in self.items))


def report(
    plan: Plan,
    dependency: Dependency,
    today: date,
    items: tuple[EvidenceItem, ...] | None = None,
    reported: set[str] | None = None,
) -> DependencyReport:
    """Return the DependencyReport of one dependency.

    ``items`` (the items naming it, in plan order) and ``reported`` (see
    :func:`rounds_since`) are worked out here unless the caller already has them.
    """
    if items is None:
        items = tuple(item for item in plan.items if dependency.id in item.depends_on)
    raised = plan.round(dependency.raised)
    return DependencyReport(
        dependency=dependency,
        items=items,
        blocking=tuple(item for item in items if item.is_outstanding),
        age_days=(today - raised.due).days if raised.due else None,
        rounds_since=rounds_since(plan, dependency.raised, today, reported),
        expected_passed=expected_date_passed(dependency, today),
    )


def expected_date_passed(dependency: Dependency, today: date) -> bool:
    """True when an open dependency's expected date has gone by: resolved or withdrawn ones never "pass"."""
    return dependency.is_open and dependency.expected.has_passed(today)


def dependency_reports(plan: Plan, today: date, include_all: bool = False) -> list[DependencyReport]:
    """Return the open dependencies (every one with ``include_all``), in plan order."""
    # One pass over the items for all dependencies, not one per dependency: a national
    # collation has thousands of both.
    naming: dict[str, list[EvidenceItem]] = {}
    for item in plan.items:
        for dep_id in dict.fromkeys(item.depends_on):
            naming.setdefault(dep_id, []).append(item)
    reported = reported_round_ids(plan, today)
    return [
        report(plan, dep, today, tuple(naming.get(dep.id, ())), reported)
        for dep in plan.dependencies
        if include_all or dep.is_open
    ]


def open_blockers(plan: Plan, item: EvidenceItem) -> list[str]:
    """Return the ids of the open dependencies ``item`` waits on, in the order it names them."""
    found = []
    for dep_id in item.depends_on:
        dep = plan.dependency(dep_id)
        if dep is not None and dep.is_open:
            found.append(dep_id)
    return found


def find_open_dependency(plan: Plan, dependency_id: str) -> Dependency:
    """Return the open dependency ``--blocked-by`` names; raise UsageError saying which ids exist."""
    found = find_open_dependencies(plan, dependency_id)
    return found[0]


def find_open_dependencies(plan: Plan, text: str) -> list[Dependency]:
    """Return the open dependencies ``text`` names: by id, else by words of their title or party.

    ``--blocked-by supplier`` or ``--blocked-by records`` finds the dependency whose
    party or title says so, as loosely as ``--owner`` finds a body: any case,
    whole words. A text that names no dependency, or only closed ones, is a
    UsageError saying which open dependencies there are.
    """
    wanted = text.strip()
    open_ids = [dep.id for dep in plan.dependencies if dep.is_open]
    dep = plan.dependency(wanted)
    if dep is not None:
        matched = [dep]
    else:
        pattern = re.compile(rf"(?<!\w){re.escape(wanted)}(?!\w)", re.IGNORECASE) if wanted else None
        matched = [
            d
            for d in plan.dependencies
            if pattern is not None
            and (pattern.search(d.id) or pattern.search(d.title) or pattern.search(d.party))
        ]
    if not matched:
        close = difflib.get_close_matches(wanted, [d.id for d in plan.dependencies], n=3)
        hint = f"Did you mean {', '.join(close)}? " if close else ""
        raise UsageError(
            f"there is no dependency '{text}' (by id, title or party). {hint}"
            f"Open dependencies are: {', '.join(open_ids) or 'none'} (see plan deps)"
        )
    still_open = [d for d in matched if d.is_open]
    if not still_open:
        closed = ", ".join(f"'{d.id}' is {d.status.value}" for d in matched)
        raise UsageError(
            f"{closed}, so it blocks nothing; open dependencies are: {', '.join(open_ids) or 'none'} "
            "(see plan deps --all)"
        )
    return still_open


def dependency_record(plan: Plan, entry: DependencyReport) -> dict[str, Any]:
    """Return a dependency report as JSON-ready data: what ``plan deps --json`` prints."""
    dep = entry.dependency
    raised = plan.round(dep.raised)
    return {
        "id": dep.id,
        "title": dep.title,
        "party": dep.party,
        "status": dep.status.value,
        "raised": dep.raised,
        "raised_round": raised.title,
        "raised_date": raised.due.isoformat() if raised.due else None,
        "age_days": entry.age_days,
        "rounds_since": entry.rounds_since,
        "expected": dep.expected.text,
        "expected_end": dep.expected.end.isoformat() if dep.expected.end else None,
        "expected_passed": entry.expected_passed,
        "items": [item.id for item in entry.items],
        "blocking": [item.id for item in entry.blocking],
        "recommendations": entry.recommendations,
        "notes": dep.notes,
    }
