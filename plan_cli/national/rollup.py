"""A national roll-up of many forces' plans: where each force stands, who answered what, shared waits.

The NPCC compares forces that answer the same recommendations. Each plan file
is loaded and validated on its own; an invalid file is reported with its
problems and left out of every figure, so one bad plan never hides the others.

Each plan is reduced to its :class:`ForceFigures` as soon as it is loaded (the
plan itself is then dropped, so memory stays near that of one plan), using
the same rules as the single-plan commands: :func:`standing.status_counts`,
:func:`item_flags.stale_items`, :func:`deadlines.deadlines`,
:func:`dependencies.dependency_reports`, :func:`rounds.lacks_latest_update`.
:func:`roll_up` then joins the figures across forces; who answered what is
:mod:`plan_cli.national.answers`, the dependencies forces share
:mod:`plan_cli.national.shared_dependencies`, and the plain data :mod:`plan_cli.national.report_data`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from plan_cli.basics.errors import InvalidPlanError, Problem, UsageError
from plan_cli.basics.wording import long_date
from plan_cli.national.force_figures import (
    FIRST_PROBLEMS,
    ForceFigures,
    InvalidFile,
    ItemAnswer,
    RecommendationAnswer,
    RollUp,
    Selection,
    SetAside,
)
from plan_cli.national.shared_dependencies import WaitingOn, group_dependencies
from plan_cli.plan.model import EvidenceItem, Plan, Recommendation, Round
from plan_cli.questions import item_flags, rounds, standing
from plan_cli.questions.deadlines import Deadline, Kind, State, deadlines
from plan_cli.questions.dependencies import dependency_reports
from plan_cli.questions.owners import owner_names, resolve_owner
from plan_cli.reading.loader import load_plan

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
    latest = rounds.latest_round(plan, today)
    following = rounds.next_round(plan, today)
    reporting = rounds.latest_reporting_round(plan)
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
    passed = tuple(
        entry
        for entry in every_deadline
        if entry.state is State.PASSED and _deadline_picked(entry, selection, bodies, picked_items)
    )
    return ForceFigures(
        force=plan.force,
        path=path,
        title=plan.title,
        latest_round=latest,
        overdue_round=following if overdue else None,
        status_counts=standing.status_counts(picked),
        open_dependencies=tuple(entry.dependency.id for entry in reports),
        passed_deadlines=passed,
        stale_items=tuple(item.id for item, _ in item_flags.stale_items(picked)),
        items=tuple(_item_answer(plan, item, reporting) for item in picked.items),
        recommendations=tuple(
            _recommendation_answer(rec, reporting) for rec in picked.recommendations if rec.items
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
        owner_names=tuple(name for name, _ in owner_names(plan)),
        has_owner=bodies is None or bool(bodies),
        numbers=tuple(rec.number for rec in plan.recommendations),
        published=max((declared.published for declared in plan.rounds if declared.published), default=None),
        by_round=tuple(
            (when, counts)
            for declared, _, counts in standing.status_counts_by_round(picked, today)
            if (when := declared.due or declared.published) is not None
        ),
    )


def _deadline_picked(
    entry: Deadline, selection: Selection, bodies: set[str] | None, picked_items: set[str]
) -> bool:
    """True when a deadline concerns what ``selection`` picks, as ``plan deadlines --owner`` decides.

    A round's due date concerns everyone (but a force with no such owner has
    nothing matching at all); any other entry must be an owner's
    (:func:`deadlines.for_owner`) and, under --rec or --status, concern a picked item.
    """
    if bodies is not None and not bodies:
        return False
    if entry.kind is Kind.ROUND:
        return True
    if bodies is not None and not bodies.intersection(entry.owners):
        return False
    if selection.recommendation is None and selection.status is None:
        return True
    if entry.kind is Kind.RECOMMENDATION and selection.status is None:
        return int(entry.ref) == selection.recommendation
    return bool(picked_items.intersection(entry.items))


def _owner_bodies(plan: Plan, owner: str | None) -> set[str] | None:
    if owner is None:
        return None
    try:
        return set(resolve_owner(plan, owner).bodies)
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
    return summarise(plan, label, today, selection)._replace(file_date=path.stat().st_mtime)


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

    Where two files name one force, the newer plan counts (the later latest
    published round, then the later file date) and the other is set aside,
    saying why. ``same`` maps a
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
    set_aside: list[SetAside] = []
    for entries in by_force.values():
        if len(entries) > 1:
            kept, *older = sorted(entries, key=_newness, reverse=True)
            set_aside.extend(
                SetAside(entry.path, entry.force, kept.path, _why_older(entry, kept)) for entry in older
            )
    aside = {entry.path for entry in set_aside}
    figures = [entry for entry in figures if entry.path not in aside]
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
        groups=tuple(group_dependencies([wait for entry in figures for wait in entry.waiting_on], same)),
        set_aside=tuple(sorted(set_aside, key=lambda entry: given_order[entry.path])),
    )


def _newness(entry: ForceFigures) -> tuple[date, float]:
    return (entry.published or date.min, entry.file_date)


def _why_older(entry: ForceFigures, kept: ForceFigures) -> str:
    """Why ``entry`` is left out for ``kept``, a newer plan of the same force, in words."""
    if entry.published != kept.published:
        theirs = f"published {long_date(entry.published)}" if entry.published else "none published"
        return (
            f"an older plan for {entry.force} than {kept.path}: its latest round {theirs}, "
            f"that plan's {long_date(kept.published)}; only the newer plan is counted"
        )
    return (
        f"an older plan for {entry.force} than {kept.path}: the same latest publication, "
        "an older file; only the newer plan is counted"
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
