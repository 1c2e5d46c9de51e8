"""Who has answered what: each recommendation and evidence item across the forces of a roll-up.

An item has **no answer** from a force when the force's plan lacks it
(``missing``), or when it is outstanding and has no update in the force's
latest round (``no-update``; see :func:`rounds.lacks_latest_update`).
"""

from __future__ import annotations

from typing import NamedTuple

from plan_cli.national.force_figures import ForceFigures, ItemAnswer, RollUp, rollup_statuses
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


class Wording(NamedTuple):
    """A recommendation's text as some forces' plans word it, where that differs from the text shown."""

    text: str
    forces: tuple[str, ...]


class ForceGaps(NamedTuple):
    """What one force has not answered: recommendations and items its plan lacks, items with no update.

    ``not_in_plan`` holds recommendation numbers (the whole recommendation is
    missing) and item ids (the recommendation is there, the item is not);
    ``no_round`` is True when the force has no round published yet, so no
    item can have an update in it.
    """

    force: str
    not_in_plan: tuple[str, ...]
    no_update: tuple[str, ...]
    no_round: bool

    @property
    def any(self) -> bool:
        """True when there is anything to say."""
        return bool(self.not_in_plan or self.no_update or self.no_round)


class RecommendationAcross(NamedTuple):
    """One recommendation across forces: forces by worst status, who has not answered, its items."""

    number: int
    text: str
    text_force: str
    wordings: tuple[Wording, ...]
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
    shipped = catalogue_texts()
    found = []
    for number in numbers:
        counts = dict.fromkeys(rollup_statuses(roll), 0)
        no_answer: list[NoAnswer] = []
        text, text_force = shipped.get(number, ""), ""
        worded: dict[str, list[str]] = {}
        item_ids: dict[str, None] = {}
        for entry in roll.forces:
            rec = next((r for r in entry.recommendations if r.number == number), None)
            if rec is None:
                if roll.selection.counts_missing:
                    no_answer.append(NoAnswer(entry.force, NO_ANSWER_MISSING))
                continue
            if not text:
                text, text_force = rec.text, entry.force
            worded.setdefault(rec.text, []).append(entry.force)
            counts[rec.worst_status] += 1
            if not rec.answered:
                no_answer.append(NoAnswer(entry.force, NO_ANSWER_NO_UPDATE, rec.worst_status))
            item_ids.update((item.id, None) for item in entry.items if item.recommendation == number)
        items = [_item_across(roll, answers, item_id) for item_id in sorted(item_ids, key=_item_order)]
        wordings = tuple(
            Wording(own, tuple(forces)) for own, forces in worded.items() if _words(own) != _words(text)
        )
        found.append(
            RecommendationAcross(number, text, text_force, wordings, counts, tuple(no_answer), tuple(items))
        )
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


def _words(text: str) -> str:
    return " ".join(text.split())


def catalogue_texts() -> dict[int, str]:
    """Return each recommendation's own words, by number, from the shipped catalogue.

    A roll-up shows these rather than any one force's wording; a force whose
    plan words a recommendation differently is named with its wording.
    """
    from importlib import resources

    from plan_cli.basics.pyyaml import yaml
    from plan_cli.plan.catalogue import CATALOGUE_FILE, parse_catalogue

    text = resources.files("plan_cli.plan").joinpath(CATALOGUE_FILE).read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml reads it in a thirtieth of the time
    return {rec.number: rec.text for rec in parse_catalogue(yaml.load(text, Loader=loader)).recommendations}


def force_gaps(roll: RollUp) -> list[ForceGaps]:
    """Return, for each force in the roll-up, what it has not answered (see :class:`ForceGaps`).

    One line per force says what the per-item tables would repeat per item.
    A recommendation or item counts as not in a force's plan when another
    force's figures count it; under --status or --owner nothing does, since a
    lacking item may simply not be picked.
    """
    numbers = sorted({rec.number for entry in roll.forces for rec in entry.recommendations})
    found = {item.id: item.recommendation for entry in roll.forces for item in entry.items}
    item_ids = [(item_id, found[item_id]) for item_id in sorted(found, key=_item_order)]
    return [_gaps(entry, numbers, item_ids, roll.selection.counts_missing) for entry in roll.forces]


def _gaps(
    entry: ForceFigures, numbers: list[int], item_ids: list[tuple[str, int]], counts_missing: bool
) -> ForceGaps:
    has_numbers = {rec.number for rec in entry.recommendations}
    has_items = {item.id for item in entry.items}
    missing: list[str] = []
    if counts_missing:
        missing = [str(number) for number in numbers if number not in has_numbers]
        missing += [
            item_id for item_id, number in item_ids if item_id not in has_items and number in has_numbers
        ]
    no_round = entry.latest_round is None
    no_update = () if no_round else tuple(item.id for item in entry.items if not item.answered)
    return ForceGaps(entry.force, tuple(missing), no_update, no_round)


def gaps_words(gaps: ForceGaps) -> str:
    """Return what a force has not answered in words, e.g. 'not in its plan: 8, 9; no update in its latest round: 14.3'.

    Empty when the force has answered everything counted.
    """
    parts = []
    if gaps.not_in_plan:
        parts.append(f"not in its plan: {', '.join(gaps.not_in_plan)}")
    if gaps.no_round:
        parts.append("no round published yet")
    elif gaps.no_update:
        parts.append(f"no update in its latest round: {', '.join(gaps.no_update)}")
    return "; ".join(parts)
