"""A national roll-up of many forces' plans: where each force stands, who answered what, shared waits.

The NPCC compares forces that answer the same recommendations. Each plan file
is loaded and validated on its own; an invalid file is reported with its
problems and left out of every figure, so one bad plan never hides the others.

Each plan is reduced to its :class:`ForceFigures` as soon as it is loaded (the
plan itself is then dropped, so memory stays near that of one plan), using
the same rules as the single-plan commands: :func:`analysis.status_counts`,
:func:`review.stale_items`, :func:`deadlines.deadlines`,
:func:`dependencies.dependency_reports`, :func:`rounds.lacks_latest_update`.
:func:`roll_up` then joins the figures across forces.

An item has **no answer** from a force when the force's plan lacks it, or when
it is outstanding and has no update in the force's latest round (an item done
in an earlier round needs no new answer). Open dependencies are **shared** when
they have the same id, or the same party (compared ignoring case and spacing),
or when a mapping file (:func:`read_same_dependencies`) says two ids are one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from . import analysis, review, rounds
from .deadlines import Deadline, Kind, State, deadline_record, deadlines
from .dependencies import dependency_reports
from .errors import InvalidPlanError, Problem, UsageError
from .export import CSV_BOM
from .loader import compose_plan, load_plan, read_plan_text
from .model import EvidenceItem, Plan, Recommendation, Round, Status
from .wording import days_until

FIRST_PROBLEMS = 3
"""How many of an invalid plan's problems the roll-up shows (``plan check FILE`` lists them all)."""

NO_ANSWER_MISSING = "missing"
NO_ANSWER_NO_UPDATE = "no-update"


class Selection(NamedTuple):
    """What the analyst asked to see: a recommendation, a status, an owner, some forces (None: all)."""

    recommendation: int | None = None
    status: Status | None = None
    owner: str | None = None
    forces: tuple[str, ...] = ()

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


class WaitingOn(NamedTuple):
    """One force's open dependency, with what it holds up and since when."""

    force: str
    id: str
    title: str
    party: str
    raised: str
    raised_due: date | None
    age_days: int | None
    blocking: tuple[str, ...]


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


class InvalidFile(NamedTuple):
    """A file left out of the roll-up, with its first problems and how many there are in all."""

    path: str
    problems: tuple[Problem, ...]
    total: int


class DependencyGroup(NamedTuple):
    """Open dependencies of several forces that are the same thing (same id, party or mapped id)."""

    ids: tuple[str, ...]
    parties: tuple[str, ...]
    waits: tuple[WaitingOn, ...]

    @property
    def forces(self) -> tuple[str, ...]:
        """The forces waiting, in roll-up order, each once."""
        return tuple(dict.fromkeys(wait.force for wait in self.waits))

    @property
    def blocking_count(self) -> int:
        """How many items, across all the forces, the group holds up."""
        return sum(len(wait.blocking) for wait in self.waits)

    @property
    def longest_wait(self) -> WaitingOn | None:
        """The wait that has lasted longest (None when no raising round has a due date)."""
        dated = [wait for wait in self.waits if wait.age_days is not None]
        return max(dated, key=lambda wait: wait.age_days or 0) if dated else None


class RollUp(NamedTuple):
    """The roll-up of every valid plan given, and the files left out.

    ``given`` counts the files, ``valid`` those in the roll-up (not left out);
    ``forces`` are the valid ones --force-name chose (all, without it).
    """

    today: date
    selection: Selection
    given: int
    valid: int
    forces: tuple[ForceFigures, ...]
    invalid: tuple[InvalidFile, ...]
    groups: tuple[DependencyGroup, ...]

    @property
    def complete(self) -> bool:
        """True when every file given is in the figures."""
        return not self.invalid


# --- finding and loading the plans -------------------------------------------


def plan_files(arguments: Sequence[Path]) -> list[Path]:
    """Return the plan files named: files as given, and every ``*.yaml`` of a folder, sorted.

    A folder without any ``*.yaml``, or nothing at all, is a usage error; a
    path that does not exist is kept, so it is reported as a left-out file.
    """
    if not arguments:
        raise UsageError("give the plan files or a folder of them, e.g. plan national plans/")
    files: list[Path] = []
    for argument in arguments:
        if argument.is_dir():
            found = sorted(path for path in argument.glob("*.yaml") if not path.is_dir())
            if not found:
                raise UsageError(f"{argument}: no *.yaml files in this folder; give a folder of plan files")
            files.extend(found)
        else:
            files.append(argument)
    return list(dict.fromkeys(files))


def force_key(name: str) -> str:
    """The form in which two force names are the same force: case and spacing ignored."""
    return " ".join(name.casefold().split())


def summarise(plan: Plan, path: str, today: date, selection: Selection) -> ForceFigures:
    """Return the roll-up's figures for one plan, counting only the items ``selection`` picks."""
    bodies = _owner_bodies(plan, selection.owner)
    picked = plan._replace(
        recommendations=tuple(
            rec._replace(items=tuple(item for item in rec.items if _picked(item, selection, bodies)))
            for rec in plan.recommendations
            if selection.recommendation is None or rec.number == selection.recommendation
        )
    )
    picked_items = {item.id for item in picked.items}
    named = {dep_id for item in picked.items for dep_id in item.depends_on}
    latest = rounds.latest_round(plan)
    following = rounds.next_round(plan)
    every_deadline = deadlines(plan, today)
    overdue = following is not None and any(
        entry.kind is Kind.ROUND and entry.ref == following.id and entry.state is State.PASSED
        for entry in every_deadline
    )
    reports = [
        entry
        for entry in dependency_reports(picked, today)
        if not selection.narrows_items or entry.dependency.id in named
    ]
    open_ids = {entry.dependency.id for entry in reports}
    picked_numbers = {rec.number for rec in picked.recommendations}
    passed = tuple(
        entry
        for entry in every_deadline
        if entry.state is State.PASSED
        and (
            entry.kind is Kind.ROUND
            or (entry.kind is Kind.RECOMMENDATION and int(entry.ref) in picked_numbers)
            or (entry.kind is Kind.MILESTONE and entry.ref in picked_items)
            or (entry.kind is Kind.DEPENDENCY and entry.ref in open_ids)
        )
    )
    return ForceFigures(
        force=plan.force,
        path=path,
        title=plan.title,
        latest_round=latest,
        overdue_round=following if overdue else None,
        status_counts=analysis.status_counts(picked),
        open_dependencies=tuple(entry.dependency.id for entry in reports),
        passed_deadlines=passed,
        stale_items=tuple(item.id for item, _ in review.stale_items(picked)),
        items=tuple(_item_answer(plan, item, latest) for item in picked.items),
        recommendations=tuple(
            _recommendation_answer(rec, latest) for rec in picked.recommendations if rec.items
        ),
        waiting_on=tuple(
            WaitingOn(
                force=plan.force,
                id=entry.dependency.id,
                title=entry.dependency.title,
                party=entry.dependency.party,
                raised=plan.round(entry.dependency.raised).title,
                raised_due=plan.round(entry.dependency.raised).due,
                age_days=entry.age_days,
                blocking=tuple(item.id for item in entry.blocking),
            )
            for entry in reports
        ),
        owner_names=tuple(analysis.owner_names(plan)),
        has_owner=bodies is None or bool(bodies),
        numbers=tuple(rec.number for rec in plan.recommendations),
    )


def _owner_bodies(plan: Plan, owner: str | None) -> set[str] | None:
    if owner is None:
        return None
    try:
        return analysis.match_owner(plan, owner)
    except UsageError:
        return set()  # this force has no such owner: none of its items is picked


def _picked(item: EvidenceItem, selection: Selection, bodies: set[str] | None) -> bool:
    if selection.status is not None and item.status is not selection.status:
        return False
    return bodies is None or bool(bodies.intersection(item.owners))


def _item_answer(plan: Plan, item: EvidenceItem, latest: Round | None) -> ItemAnswer:
    last = item.latest_update
    return ItemAnswer(
        id=item.id,
        recommendation=item.recommendation,
        status=item.status,
        answered=not rounds.lacks_latest_update(item, latest),
        last_round=rounds.round_title(plan, last.round) if last else None,
    )


def _recommendation_answer(rec: Recommendation, latest: Round | None) -> RecommendationAnswer:
    return RecommendationAnswer(
        number=rec.number,
        text=rec.text,
        worst_status=rec.worst_status,
        answered=any(not rounds.lacks_latest_update(item, latest) for item in rec.items),
    )


def load_figures(path: Path, today: date, selection: Selection) -> ForceFigures | InvalidFile:
    """Load, validate and summarise one plan file; an invalid one comes back as an InvalidFile."""
    label = str(path)
    if not path.exists():
        problem = Problem("no such file; give the path of a plan file or a folder of them", path=label)
        return InvalidFile(label, (problem,), 1)
    try:
        plan = load_plan(path).plan
    except InvalidPlanError as error:
        return InvalidFile(label, tuple(error.problems[:FIRST_PROBLEMS]), len(error.problems))
    return summarise(plan, label, today, selection)


def roll_up(
    paths: Sequence[Path],
    today: date,
    selection: Selection | None = None,
    same: dict[str, str] | None = None,
    workers: int | None = None,
) -> RollUp:
    """Load every plan in ``paths`` and return the roll-up of the valid ones.

    Plans are loaded in ``workers`` processes (by default :func:`loading_workers`
    decides); the figures are the same either way, in the order of ``paths``.

    Two files for the same force are both left out, each reported naming the
    other: which one is right is for the analyst to say. ``same`` maps a
    dependency id to the id it is the same thing as (see
    :func:`read_same_dependencies`). A selection that matches no force,
    recommendation or owner in any valid plan is a usage error.
    """
    selection = selection or Selection()
    workers = loading_workers(len(paths)) if workers is None else workers
    if workers > 1:
        loaded = _load_in_processes(paths, today, selection, workers)
    else:
        loaded = [load_figures(path, today, selection) for path in paths]
    return combine(loaded, today, selection, same or {})


PARALLEL_FROM = 8
"""From how many files plans are loaded in worker processes (fewer: starting workers costs more)."""


def loading_workers(files: int) -> int:
    """Return how many processes should load ``files`` plans: one per usable core, from PARALLEL_FROM files.

    Loading is CPU-bound Python, so threads would not help; forked processes
    start without importing anything again. Where fork is not available,
    plans are loaded in this process.
    """
    import multiprocessing
    import os

    if files < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cores, files // 4))


def _load_in_processes(
    paths: Sequence[Path], today: date, selection: Selection, workers: int
) -> list[ForceFigures | InvalidFile]:
    import functools
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    load = functools.partial(load_figures, today=today, selection=selection)
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(load, paths))


def combine(
    loaded: Iterable[ForceFigures | InvalidFile],
    today: date,
    selection: Selection,
    same: dict[str, str],
) -> RollUp:
    """Join the figures of each file (see :func:`roll_up`), in the order the files were given."""
    results = list(loaded)
    figures = [result for result in results if isinstance(result, ForceFigures)]
    invalid = [result for result in results if isinstance(result, InvalidFile)]
    by_force: dict[str, list[ForceFigures]] = {}
    for entry in figures:
        by_force.setdefault(force_key(entry.force), []).append(entry)
    duplicated = {key for key, entries in by_force.items() if len(entries) > 1}
    for key in duplicated:
        entries = by_force[key]
        for entry in entries:
            others = ", ".join(other.path for other in entries if other is not entry)
            message = (
                f"is a second plan for {entry.force} (also in {others}); "
                "keep one file per force, so its figures are counted once"
            )
            invalid.append(InvalidFile(entry.path, (Problem(message, field="force", path=entry.path),), 1))
    figures = [entry for entry in figures if force_key(entry.force) not in duplicated]
    given_order = {result.path: index for index, result in enumerate(results)}
    invalid.sort(key=lambda bad: given_order[bad.path])
    valid = len(figures)
    figures = _chosen_forces(figures, selection)
    _check_selection(figures, selection)
    return RollUp(
        today=today,
        selection=selection,
        given=len(results),
        valid=valid,
        forces=tuple(figures),
        invalid=tuple(invalid),
        groups=tuple(group_dependencies(figures, same)),
    )


def _chosen_forces(figures: list[ForceFigures], selection: Selection) -> list[ForceFigures]:
    if not selection.forces:
        return figures
    chosen = []
    for entry in figures:
        name = force_key(entry.force)
        if any(force_key(wanted) in name for wanted in selection.forces):
            chosen.append(entry)
    if figures and not chosen:
        known = ", ".join(entry.force for entry in figures)
        raise UsageError(f"no force matches {', '.join(selection.forces)}; forces are: {known}")
    return chosen


def _check_selection(figures: list[ForceFigures], selection: Selection) -> None:
    if not figures:
        return
    if selection.recommendation is not None and not any(
        selection.recommendation in entry.numbers for entry in figures
    ):
        raise UsageError(f"no plan has a recommendation {selection.recommendation}")
    if selection.owner is not None and not any(entry.has_owner for entry in figures):
        known = ", ".join(dict.fromkeys(name for entry in figures for name in entry.owner_names))
        raise UsageError(f"no plan has an owner matching '{selection.owner}'; owners are: {known}")


# --- across forces -----------------------------------------------------------


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
    found = []
    for number in numbers:
        counts = dict.fromkeys(Status, 0)
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
        items = [_item_across(roll, item_id) for item_id in sorted(item_ids, key=_item_order)]
        found.append(RecommendationAcross(number, text, text_force, counts, tuple(no_answer), tuple(items)))
    return found


def _item_across(roll: RollUp, item_id: str) -> ItemAcross:
    counts = dict.fromkeys(Status, 0)
    no_answer: list[NoAnswer] = []
    for entry in roll.forces:
        answer = next((item for item in entry.items if item.id == item_id), None)
        if answer is None:
            if roll.selection.counts_missing:
                no_answer.append(NoAnswer(entry.force, NO_ANSWER_MISSING))
            continue
        counts[answer.status] += 1
        if not answer.answered:
            no_answer.append(NoAnswer(entry.force, NO_ANSWER_NO_UPDATE, answer.status, answer.last_round))
    return ItemAcross(item_id, counts, tuple(no_answer))


def party_key(party: str) -> str:
    """The form in which two parties are the same: case and spacing ignored."""
    return " ".join(party.casefold().split())


def group_dependencies(figures: Sequence[ForceFigures], same: dict[str, str]) -> list[DependencyGroup]:
    """Return the open dependencies grouped across forces, most forces first.

    Two dependencies are in one group when they have the same id (after
    ``same`` maps an id to the one it is the same thing as) or the same party;
    the grouping is transitive. Groups are ordered by how many forces wait,
    then how many items they hold up, then the longest wait.
    """
    waits = [wait for entry in figures for wait in entry.waiting_on]
    parent = list(range(len(waits)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    first_by_key: dict[tuple[str, str], int] = {}
    for index, wait in enumerate(waits):
        for key in (("id", same.get(wait.id, wait.id)), ("party", party_key(wait.party))):
            other = first_by_key.setdefault(key, index)
            parent[root(index)] = root(other)
    members: dict[int, list[WaitingOn]] = {}
    for index, wait in enumerate(waits):
        members.setdefault(root(index), []).append(wait)
    groups = [
        DependencyGroup(
            ids=tuple(dict.fromkeys(wait.id for wait in group)),
            parties=tuple(dict.fromkeys(wait.party for wait in group)),
            waits=tuple(group),
        )
        for group in members.values()
    ]

    def order(group: DependencyGroup) -> tuple[int, int, int]:
        longest = group.longest_wait
        return (-len(group.forces), -group.blocking_count, -(longest.age_days or 0) if longest else 0)

    return sorted(groups, key=order)


# --- the mapping file of ids that are the same dependency ---------------------

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def read_same_dependencies(path: Path) -> dict[str, str]:
    """Return the mapping file's ids, each mapped to the id it is the same dependency as.

    The file is YAML: each key is a dependency id, its value a list of the
    other ids (in other forces' plans) that name the same thing::

        minerva-niche: [niche-classification, niche-stalking-flag]

    Raise InvalidPlanError, located at file:line:col, when the file cannot be
    read, is not such a mapping, or lists an id under two keys.
    """
    label = str(path)
    text = read_plan_text(path)
    if not text.strip():
        raise InvalidPlanError(
            [Problem("is empty; write each id with the ids that are the same, e.g. a: [b, c]", path=label)]
        )
    data, source = compose_plan(text, label)
    same: dict[str, str] = {}
    problems: list[Problem] = []

    def problem(parts: tuple[str | int, ...], message: str) -> None:
        where = source.locate(parts)
        line, column = where if where else (None, None)
        problems.append(Problem(message, path=label, line=line, column=column))

    for key, value in data.items():
        if not isinstance(key, str) or not _ID.fullmatch(key):
            problem((key,), f"'{key}' is not a dependency id; write ids as in the plans")
            continue
        others = value if isinstance(value, list) else [value]
        for index, other in enumerate(others):
            parts: tuple[str | int, ...] = (key, index) if isinstance(value, list) else (key,)
            if not isinstance(other, str) or not _ID.fullmatch(other):
                problem(parts, f"'{other}' is not a dependency id; list the ids that are the same as {key}")
            elif other in same and same[other] != key:
                problem(parts, f"'{other}' is already the same as {same[other]}; list each id under one key")
            else:
                same[other] = key
        same.setdefault(key, key)
    if problems:
        raise InvalidPlanError(problems)
    return same


# --- JSON-ready data ------------------------------------------------------------


def _round_data(declared: Round | None) -> dict[str, Any] | None:
    if declared is None:
        return None
    return {"id": declared.id, "title": declared.title, "due": declared.due}


def force_record(entry: ForceFigures, today: date) -> dict[str, Any]:
    """Return one force's figures as plain data (dates as dates; JSON writes them as YYYY-MM-DD)."""
    overdue = _round_data(entry.overdue_round)
    if overdue is not None and entry.overdue_round is not None and entry.overdue_round.due is not None:
        overdue["days_overdue"] = -days_until(entry.overdue_round.due, today)
    return {
        "force": entry.force,
        "path": entry.path,
        "title": entry.title,
        "latest_round": _round_data(entry.latest_round),
        "overdue_round": overdue,
        "items": sum(entry.status_counts.values()),
        "status_counts": {status.value: count for status, count in entry.status_counts.items()},
        "open_dependencies": list(entry.open_dependencies),
        "passed_deadlines": [deadline_record(deadline) for deadline in entry.passed_deadlines],
        "stale_items": list(entry.stale_items),
    }


def _no_answer_record(entry: NoAnswer) -> dict[str, Any]:
    return {
        "force": entry.force,
        "reason": entry.reason,
        "status": entry.status.value if entry.status else None,
        "last_round": entry.last_round,
    }


def national_record(roll: RollUp) -> dict[str, Any]:
    """Return the whole roll-up as plain data: what ``--json`` prints and templates see.

    Dates are dates (JSON writes them as YYYY-MM-DD; see :func:`national_json`).
    """
    selection = roll.selection
    return {
        "today": roll.today,
        "plans": {"given": roll.given, "counted": roll.valid},
        "selection": {
            "recommendation": selection.recommendation,
            "status": selection.status.value if selection.status else None,
            "owner": selection.owner,
            "forces": list(selection.forces),
        },
        "left_out": [
            {"path": bad.path, "problems": [str(p) for p in bad.problems], "total_problems": bad.total}
            for bad in roll.invalid
        ],
        "forces": [force_record(entry, roll.today) for entry in roll.forces],
        "recommendations": [
            {
                "number": rec.number,
                "text": rec.text,
                "text_force": rec.text_force,
                "forces": rec.forces,
                "status_counts": {status.value: count for status, count in rec.counts.items()},
                "no_answer": [_no_answer_record(entry) for entry in rec.no_answer],
                "items": [
                    {
                        "id": item.id,
                        "forces": item.forces,
                        "status_counts": {status.value: count for status, count in item.counts.items()},
                        "no_answer": [_no_answer_record(entry) for entry in item.no_answer],
                    }
                    for item in rec.items
                ],
            }
            for rec in recommendations_across(roll)
        ],
        "dependencies": [_group_record(group) for group in roll.groups],
    }


def _group_record(group: DependencyGroup) -> dict[str, Any]:
    longest = group.longest_wait
    return {
        "ids": list(group.ids),
        "parties": list(group.parties),
        "shared": len(group.forces) > 1,
        "forces": list(group.forces),
        "blocking_count": group.blocking_count,
        "longest_wait": (
            {"force": longest.force, "id": longest.id, "days": longest.age_days, "since": longest.raised}
            if longest
            else None
        ),
        "waits": [
            {
                "force": wait.force,
                "id": wait.id,
                "title": wait.title,
                "party": wait.party,
                "raised": wait.raised,
                "raised_date": wait.raised_due,
                "age_days": wait.age_days,
                "blocking": list(wait.blocking),
            }
            for wait in group.waits
        ],
    }


def selection_words(selection: Selection) -> list[str]:
    """Return the filters in words ('recommendation 14', 'status blocked' …), for a document's heading."""
    words = []
    if selection.recommendation is not None:
        words.append(f"recommendation {selection.recommendation}")
    if selection.status is not None:
        words.append(f"items {selection.status.value}")
    if selection.owner is not None:
        words.append(f"items owned by {selection.owner}")
    if selection.forces:
        words.append(f"forces matching {', '.join(selection.forces)}")
    return words


def national_context(roll: RollUp) -> dict[str, Any]:
    """Return what the national templates see: :func:`national_record`, and more.

    Also ``statuses`` (the status values in vocabulary order, the order of
    every ``status_counts``), ``selection_words``, and ``csv_bom`` (a
    byte-order mark, so that Excel reads the CSV as UTF-8).
    """
    return {
        **national_record(roll),
        "statuses": [status.value for status in Status],
        "selection_words": selection_words(roll.selection),
        "csv_bom": CSV_BOM,
    }


def national_json(roll: RollUp) -> str:
    """Return the roll-up as one JSON object (:func:`national_record`; dates as YYYY-MM-DD)."""
    import json

    return json.dumps(national_record(roll), indent=2, ensure_ascii=False, default=_iso_date) + "\n"


def _iso_date(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON data")
