"""What the national roll-up keeps of each force's plan, and the roll-up itself: plain records.

A plan is reduced to its :class:`ForceFigures` as soon as it is loaded, so
these records are all the roll-up holds, whatever the number of forces.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from plan_cli.basics.errors import Problem
from plan_cli.national.shared_dependencies import DependencyGroup, WaitingOn
from plan_cli.plan.model import Round, Status
from plan_cli.questions.deadlines import Deadline

FIRST_PROBLEMS = 3
"""How many of an invalid plan's problems the roll-up shows (``plan check FILE`` lists them all)."""


class Selection(NamedTuple):
    """What the analyst asked to see: a recommendation, a status, an owner, some forces (None: all).

    ``sort`` orders the forces of the national map (see ``national_map.SORTS``).
    """

    recommendation: int | None = None
    status: Status | None = None
    owner: str | None = None
    forces: tuple[str, ...] = ()
    sort: str | None = None

    @property
    def narrows_items(self) -> bool:
        """True when only some of a plan's items are counted."""
        return self.recommendation is not None or self.status is not None or self.owner is not None

    @property
    def counts_missing(self) -> bool:
        """True when a force lacking an item is a force that has not answered it.

        Under --status or --owner a lacking item may simply not be picked.
        """
        return self.status is None and self.owner is None


class ItemAnswer(NamedTuple):
    """One force's answer to one evidence item; ``last_round`` is the title of its latest update's round."""

    id: str
    recommendation: int
    status: Status
    answered: bool
    last_round: str | None


class RecommendationAnswer(NamedTuple):
    """One force's answer to one recommendation: its worst selected status, and whether any item answered."""

    number: int
    text: str
    worst_status: Status
    answered: bool


class ForceFigures(NamedTuple):
    """What the roll-up keeps of one force's plan once it is loaded."""

    force: str
    path: str
    title: str
    latest_round: Round | None
    overdue_round: Round | None
    status_counts: dict[Status, int]
    open_dependencies: tuple[str, ...]
    passed_deadlines: tuple[Deadline, ...]
    stale_items: tuple[str, ...]
    items: tuple[ItemAnswer, ...]
    recommendations: tuple[RecommendationAnswer, ...]
    waiting_on: tuple[WaitingOn, ...]
    owner_names: tuple[str, ...]
    has_owner: bool
    numbers: tuple[int, ...]
    published: date | None = None
    file_date: float = 0.0
    by_round: tuple[tuple[date, dict[Status, int]], ...] = ()


class InvalidFile(NamedTuple):
    """A file left out of the roll-up, with its first problems and how many there are in all."""

    path: str
    problems: tuple[Problem, ...]
    total: int


class SetAside(NamedTuple):
    """A valid plan left out because a newer plan of the same force is counted: which, and why."""

    path: str
    force: str
    counted: str
    why: str


class RollUp(NamedTuple):
    """The roll-up of every valid plan given, and the files left out.

    ``given`` counts the files, ``valid`` those in the roll-up (not left out);
    ``forces`` are the valid ones --force-name chose (all, without it);
    ``set_aside`` the older plans of a force two files name.
    """

    today: date
    selection: Selection
    given: int
    valid: int
    forces: tuple[ForceFigures, ...]
    invalid: tuple[InvalidFile, ...]
    groups: tuple[DependencyGroup, ...]
    set_aside: tuple[SetAside, ...] = ()

    @property
    def complete(self) -> bool:
        """True when every valid file given is in the figures (a plan set aside for a newer one is)."""
        return not self.invalid


def rollup_statuses(roll: RollUp) -> tuple[Status, ...]:
    """The statuses the roll-up counts, in vocabulary order: ``unstated`` only where a force's plan has it."""
    unstated = any(
        Status.UNSTATED in entry.status_counts
        or any(item.status is Status.UNSTATED for item in entry.items)
        or any(rec.worst_status is Status.UNSTATED for rec in entry.recommendations)
        for entry in roll.forces
    )
    return tuple(status for status in Status if status is not Status.UNSTATED or unstated)
