"""Model objects from plan data the schema has checked: the step after validation.

The loader validates plain values against :mod:`plan_cli.plan.schema`, then calls
:func:`build_plan`; nothing here re-checks what validation guarantees.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from plan_cli.plan.model import (
    Acceptance,
    Body,
    Dependency,
    DependencyStatus,
    Document,
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


def build_plan(data: dict[str, Any]) -> Plan:
    """Return the Plan for data that :func:`validate` found no errors in."""
    round_order = [r["id"] for r in data["rounds"]]
    recommendations = []
    for rec in data["recommendations"]:
        rec_owners = tuple(rec["owners"])
        items = []
        for item in rec["items"]:
            updates = tuple(
                _build_update(round_id, item["updates"][round_id])
                for round_id in round_order
                if round_id in item["updates"]
            )
            items.append(
                EvidenceItem(
                    id=item["id"],
                    recommendation=rec["number"],
                    evidence=item.get("evidence"),
                    owner=item.get("owner", rec["owner"]),
                    owners=tuple(item.get("owners", rec_owners)),
                    owner_overridden="owner" in item,
                    updates=updates,
                    depends_on=tuple(item.get("depends_on") or ()),
                    milestones=tuple(
                        Milestone(parse_fuzzy_date(m["date"]), m["text"], m["raised"], m.get("done", False))
                        for m in item.get("milestones") or ()
                    ),
                    measures=tuple(
                        Measure(m["name"], m["value"], m["target"], parse_fuzzy_date(m["as_of"]), m["raised"])
                        for m in item.get("measures") or ()
                    ),
                )
            )
        recommendations.append(
            Recommendation(
                number=rec["number"],
                text=rec["text"],
                deadline=_as_date(rec.get("deadline")),
                owner=rec["owner"],
                owners=rec_owners,
                items=tuple(items),
            )
        )
    return Plan(
        title=data["title"],
        force=data["force"],
        responds_to=data.get("responds_to"),
        executive_lead=data.get("executive_lead"),
        operational_lead=data.get("operational_lead"),
        bodies=tuple(Body(b["name"], tuple(b.get("aliases") or ())) for b in data["bodies"]),
        rounds=tuple(
            Round(r["id"], r["title"], _as_date(r.get("due")), _as_date(r.get("published")))
            for r in data["rounds"]
        ),
        dependencies=tuple(
            Dependency(
                id=d["id"],
                title=d["title"],
                party=d["party"],
                status=DependencyStatus(d["status"]),
                raised=d["raised"],
                expected=parse_fuzzy_date(d["expected"]),
                notes=d.get("notes"),
            )
            for d in data.get("dependencies") or ()
        ),
        recommendations=tuple(recommendations),
        accepted=tuple(
            Acceptance(a["code"], str(a["item"]), a["reason"], a.get("cites"))
            for a in data.get("accepted") or ()
        ),
    )


def _build_update(round_id: str, data: dict[str, Any]) -> Update:
    return Update(
        round=round_id,
        status=Status(data["status"]),
        text=data.get("text"),
        parts=tuple(Part(p["label"], p["text"]) for p in data.get("parts") or ()),
        supporting=tuple(Document(d["text"], d.get("url")) for d in data.get("supporting") or ()),
    )


def _as_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)
