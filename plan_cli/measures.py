"""Measures: figures with a target, as progress and as the age of the figure.

Pure functions of a Plan and ``today``.
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from .model import EvidenceItem, Measure, Plan


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


def describe_age(days: int | None) -> str:
    """Return how old a figure is in words: 'unknown age', 'current', '5 days old', '11 months old'."""
    if days is None:
        return "unknown age"
    if days <= 0:
        return "current"
    if days < 60:
        return f"{days} day{'s' if days != 1 else ''} old"
    months = round(days / 30.44)
    if months < 24:
        return f"{months} months old"
    return f"{days // 365} years old"


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
