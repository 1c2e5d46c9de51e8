"""What a reviewer is told about each item: what it waits on and whether it is stale.

Joins :mod:`plan_cli.questions.dependencies` and :mod:`plan_cli.questions.staleness` for the
commands that list items (``outstanding``, ``show``, ``status``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from plan_cli.plan.model import EvidenceItem, Plan
from plan_cli.questions.dependencies import find_open_dependencies, open_blockers
from plan_cli.questions.staleness import Staleness, staleness


class ItemFlags(NamedTuple):
    """An item's open dependencies and staleness."""

    blocked_by: tuple[str, ...]
    staleness: Staleness

    @property
    def stale(self) -> bool:
        """True when the latest update reports nothing new."""
        return self.staleness.stale


def item_flags(plan: Plan, item: EvidenceItem) -> ItemFlags:
    """Return what ``item`` waits on (open dependency ids) and whether it is stale."""
    return ItemFlags(tuple(open_blockers(plan, item)), staleness(item))


def flags_record(flags: ItemFlags) -> dict[str, Any]:
    """Return the JSON fields ``outstanding --json`` adds: blocked_by, stale, stale_since."""
    return {
        "blocked_by": list(flags.blocked_by),
        "stale": flags.stale,
        "stale_since": flags.staleness.since,
    }


def filter_items(
    plan: Plan,
    items: list[EvidenceItem],
    blocked_by: str | Iterable[str] | None = None,
    stale_only: bool = False,
) -> list[EvidenceItem]:
    """Return the items blocked by any of the open dependencies ``blocked_by`` and/or stale, as asked.

    Each ``blocked_by`` names dependencies by id, or by words of their title or
    party (see :func:`find_open_dependencies`); one that names no open
    dependency is a usage error.
    """
    names = (blocked_by,) if isinstance(blocked_by, str) else tuple(blocked_by or ())
    if names:
        wanted = {dep.id for name in names for dep in find_open_dependencies(plan, name)}
        items = [item for item in items if wanted.intersection(item.depends_on)]
    if stale_only:
        items = [item for item in items if staleness(item).stale]
    return items


def stale_items(plan: Plan) -> list[tuple[EvidenceItem, Staleness]]:
    """Return every stale item (outstanding, nothing new in its latest update) with its staleness."""
    found = []
    for item in plan.items:
        state = staleness(item)
        if state.stale:
            found.append((item, state))
    return found
