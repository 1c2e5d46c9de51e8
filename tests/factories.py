"""Small plans built in code, so each rule's test states exactly the case it tests."""

from __future__ import annotations

from datetime import date

from plan_cli.plan.model import (
    Body,
    Dependency,
    DependencyStatus,
    EvidenceItem,
    Measure,
    Milestone,
    Part,
    Plan,
    Recommendation,
    Round,
    Status,
    Update,
    parse_fuzzy_date,
)

ROUNDS = (
    Round("initial", "Initial Action Plan Response", date(2024, 11, 22)),
    Round("march-2025", "March 2025 Update", date(2025, 3, 27)),
    Round("march-2026", "March 2026 Update", date(2026, 4, 6)),
)


def update(round_id: str, text: str = "Work continues.", status: str = "in-progress") -> Update:
    return Update(round_id, Status(status), text=text)


def parts_update(round_id: str, *parts: tuple[str, str], status: str = "in-progress") -> Update:
    return Update(round_id, Status(status), parts=tuple(Part(label, text) for label, text in parts))


def item(
    item_id: str,
    *updates: Update,
    depends_on: tuple[str, ...] = (),
    milestones: tuple[Milestone, ...] = (),
    measures: tuple[Measure, ...] = (),
) -> EvidenceItem:
    return EvidenceItem(
        id=item_id,
        recommendation=int(item_id.split(".")[0]),
        evidence=f"Evidence for {item_id}.",
        owner="Chief Constables",
        owners=("Chief Constables",),
        updates=updates,
        depends_on=depends_on,
        milestones=milestones,
        measures=measures,
    )


def dependency(
    dep_id: str, status: str = "open", raised: str = "initial", expected: str = "unknown"
) -> Dependency:
    return Dependency(
        id=dep_id,
        title=f"Title of {dep_id}",
        party="Someone else",
        status=DependencyStatus(status),
        raised=raised,
        expected=parse_fuzzy_date(expected),
    )


def milestone(when: str, raised: str = "march-2025", done: bool = False) -> Milestone:
    return Milestone(parse_fuzzy_date(when), f"Promised for {when}.", raised, done)


def plan(
    *items: EvidenceItem,
    dependencies: tuple[Dependency, ...] = (),
    rounds: tuple[Round, ...] = ROUNDS,
    deadlines: dict[int, date] | None = None,
) -> Plan:
    numbers = list(dict.fromkeys(i.recommendation for i in items))
    recs = tuple(
        Recommendation(
            number=n,
            text=f"Recommendation {n} text.",
            deadline=(deadlines or {}).get(n),
            owner="Chief Constables",
            owners=("Chief Constables",),
            items=tuple(i for i in items if i.recommendation == n),
        )
        for n in numbers
    )
    return Plan(
        title="Test",
        force="Test Police",
        bodies=(Body("Chief Constables"),),
        rounds=rounds,
        recommendations=recs,
        dependencies=dependencies,
    )
