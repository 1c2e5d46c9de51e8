"""Who has answered what: each recommendation and evidence item across the forces of a roll-up.

An item has **no answer** from a force when the force's plan lacks it
(``missing``), or when it is outstanding and has no update in the force's
latest round (``no-update``; see :func:`rounds.lacks_latest_update`).
"""

from __future__ import annotations

from typing import NamedTuple

from plan_cli.national.force_figures import ItemAnswer, RollUp, rollup_statuses
from plan_cli.plan.model import Status

NO_ANSWER_MISSING = "missing"
NO_ANSWER_NO_UPDATE = "no-update"


class NoAnswer(NamedTuple):
    """A force that has not answered an item or recommendation, and why."""

    force: str
    reason: str
    status: Status | None = None
    last_round: str | None = None


class ItemAcross(NamedTuple):
    """One evidence item across forces: how many are in each status, who has not answered."""

    id: str
    counts: dict[Status, int]
    no_answer: tuple[NoAnswer, ...]

    @property
    def forces(self) -> int:
        """How many forces' figures count the item."""
        return sum(self.counts.values())


class RecommendationAcross(NamedTuple):
    """One recommendation across forces: forces by worst status, who has not answered, its items."""

    number: int
    text: str
    text_force: str
    counts: dict[Status, int]
    no_answer: tuple[NoAnswer, ...]
    items: tuple[ItemAcross, ...]

    @property
    def forces(self) -> int:
        """How many forces' figures count the recommendation."""
        return sum(self.counts.values())


def _item_order(item_id: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(part), "") if part.isdigit() else (-1, part) for part in item_id.split("."))


def recommendations_across(roll: RollUp) -> list[RecommendationAcross]:
    """Return every recommendation any force counts, in number order, with its items across forces.

    A force that counts an item is in that item's status counts; it is also
    listed as not answering when the item is outstanding and has no update in
    its latest round. A force whose plan lacks an item (or the whole
    recommendation) is listed as ``missing``. Under --status or --owner a
    force whose item exists but is not picked is neither counted nor listed.
    """
    numbers = sorted({rec.number for entry in roll.forces for rec in entry.recommendations})
    answers = [{item.id: item for item in entry.items} for entry in roll.forces]
    found = []
    for number in numbers:
        counts = dict.fromkeys(rollup_statuses(roll), 0)
        no_answer: list[NoAnswer] = []
        text, text_force = "", ""
        item_ids: dict[str, None] = {}
        for entry in roll.forces:
            rec = next((r for r in entry.recommendations if r.number == number), None)
            if rec is None:
                if roll.selection.counts_missing:
                    no_answer.append(NoAnswer(entry.force, NO_ANSWER_MISSING))
                continue
            if not text:
                text, text_force = rec.text, entry.force
            counts[rec.worst_status] += 1
            if not rec.answered:
                no_answer.append(NoAnswer(entry.force, NO_ANSWER_NO_UPDATE, rec.worst_status))
            item_ids.update((item.id, None) for item in entry.items if item.recommendation == number)
        items = [_item_across(roll, answers, item_id) for item_id in sorted(item_ids, key=_item_order)]
        found.append(RecommendationAcross(number, text, text_force, counts, tuple(no_answer), tuple(items)))
    return found


def _item_across(roll: RollUp, answers: list[dict[str, ItemAnswer]], item_id: str) -> ItemAcross:
    counts = dict.fromkeys(rollup_statuses(roll), 0)
    no_answer: list[NoAnswer] = []
    for entry, by_id in zip(roll.forces, answers, strict=True):
        answer = by_id.get(item_id)
        if answer is None:
            if roll.selection.counts_missing:
                no_answer.append(NoAnswer(entry.force, NO_ANSWER_MISSING))
            continue
        counts[answer.status] += 1
        if not answer.answered:
            no_answer.append(NoAnswer(entry.force, NO_ANSWER_NO_UPDATE, answer.status, answer.last_round))
    return ItemAcross(item_id, counts, tuple(no_answer))
