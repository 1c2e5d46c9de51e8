"""Measures: figures with a target, as progress and as the age of the figure.

Pure functions of a Plan and ``today``.
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from plan_cli.plan.model import EvidenceItem, Measure, Plan


class Progress(NamedTuple):
    """A measure of an item with how far it has got and how old the figure is.

    ``age_days`` counts from the end of the ``as_of`` period (the latest the
    figure can have been taken), None when the date is unknown.
    """

    item: EvidenceItem
    measure: Measure
    percent: float
    age_days: int | None


def progress(item: EvidenceItem, measure: Measure, today: date) -> Progress:
    """Return the Progress of one measure."""
    end = measure.as_of.end
    return Progress(item, measure, 100 * measure.fraction, (today - end).days if end else None)


def all_progress(plan: Plan, today: date) -> list[Progress]:
    """Return the Progress of every measure in the plan, in plan order."""
    return [progress(item, m, today) for item in plan.items for m in item.measures]


def progress_record(entry: Progress) -> dict[str, Any]:
    """Return a measure's progress as JSON-ready data."""
    m = entry.measure
    return {
        "item": entry.item.id,
        "name": m.name,
        "value": m.value,
        "target": m.target,
        "percent": round(entry.percent, 1),
        "as_of": m.as_of.text,
        "age_days": entry.age_days,
        "raised": m.raised,
    }


def merged(entries: list[Progress]) -> list[tuple[Progress, list[str]]]:
    """Return each distinct figure once, with the ids of every item that reports it, in plan order.

    The same figure (name, value, target, as-of date) is often reported under
    several items; a reader should see it once, naming them all.
    """
    found: dict[tuple[str, float, float, str], tuple[Progress, list[str]]] = {}
    for entry in entries:
        m = entry.measure
        key = (m.name, m.value, m.target, m.as_of.text)
        found.setdefault(key, (entry, []))[1].append(entry.item.id)
    return list(found.values())
