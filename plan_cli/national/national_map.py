"""The national map: forces by recommendations, each cell the force's worst status or why it has none.

Plain data for every format: the terminal grid, the inline SVG
(:mod:`plan_cli.national.map_svg`), the HTML table beside it and the Word
table. Each state has a letter, so the map reads without colour, and a fill
and ink pair whose contrast meets WCAG 2.2 AA (tested). A second picture,
:func:`status_by_period`, is the national share of items in each status,
period by period.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from plan_cli.documents.charts import STATUS_STYLE
from plan_cli.national.force_figures import ForceFigures, RollUp, rollup_statuses
from plan_cli.plan.model import Status

NO_ANSWER = "no-answer"
NOT_IN_PLAN = "not-in-plan"
NOTHING_MATCHES = "nothing-matches"


def _palette(status: Status) -> tuple[str, str]:
    fill, ink, _ = STATUS_STYLE[status.value]
    return fill, ink


class CellState(NamedTuple):
    """One state a cell of the map can be in: its key, letter, words, fill and ink colours."""

    key: str
    letter: str
    words: str
    fill: str
    ink: str


STATES: dict[str, CellState] = {
    state.key: state
    for state in (
        CellState(Status.BLOCKED.value, "B", "blocked", *_palette(Status.BLOCKED)),
        CellState(Status.NOT_STARTED.value, "N", "not started", *_palette(Status.NOT_STARTED)),
        CellState(Status.UNSTATED.value, "U", "no status stated", *_palette(Status.UNSTATED)),
        CellState(Status.IN_PROGRESS.value, "P", "in progress", *_palette(Status.IN_PROGRESS)),
        CellState(Status.SUPERSEDED.value, "S", "superseded", *_palette(Status.SUPERSEDED)),
        CellState(Status.COMPLETE.value, "C", "complete", *_palette(Status.COMPLETE)),
        CellState(NO_ANSWER, "?", "no update in its latest round", "#ffffff", "#0b0c0c"),
        CellState(NOT_IN_PLAN, "-", "not in its plan", "#ffffff", "#505a5f"),
        CellState(NOTHING_MATCHES, ".", "no item picked by the filters", "#ffffff", "#505a5f"),
    )
}
"""Every state, worst status first, then the two kinds of no answer."""

SORTS = {
    "complete": "share of items complete, lowest first",
    "overdue": "days the next round is overdue, most first",
    "dependencies": "open dependencies, most first",
}
"""The orders --sort offers, by name, and what each puts first."""


class MapRow(NamedTuple):
    """One force's row: its cells (a state key per recommendation number) and the figures it sorts by."""

    force: str
    cells: tuple[str, ...]
    items: int
    complete: int
    overdue_days: int | None
    open_dependencies: int

    @property
    def share_complete(self) -> float:
        """The share of the force's counted items that are complete (0 with none counted)."""
        return self.complete / self.items if self.items else 0.0


class NationalMap(NamedTuple):
    """Forces by recommendations: ``numbers`` head the columns; ``states`` are those the map uses."""

    numbers: tuple[int, ...]
    rows: tuple[MapRow, ...]
    states: tuple[CellState, ...]
    sort: str | None


def cell_state(entry: ForceFigures, number: int) -> str:
    """Return the state of ``entry``'s cell for recommendation ``number``.

    The force's worst status for it; 'no answer' when none of its counted
    items has an update in the force's latest round; 'not in its plan' when
    the force's plan lacks it; 'nothing matches' when a filter picks none of its items.
    """
    rec = next((rec for rec in entry.recommendations if rec.number == number), None)
    if rec is None:
        return NOTHING_MATCHES if number in entry.numbers else NOT_IN_PLAN
    return rec.worst_status.value if rec.answered else NO_ANSWER


def national_map(roll: RollUp, sort: str | None = None) -> NationalMap:
    """Return the map of the roll-up's forces, in the order given or sorted by ``sort`` (see SORTS)."""
    numbers = tuple(sorted({rec.number for entry in roll.forces for rec in entry.recommendations}))
    rows = [_row(entry, numbers, roll) for entry in roll.forces]
    if sort == "complete":
        rows.sort(key=lambda row: (row.share_complete, row.force.casefold()))
    elif sort == "overdue":
        rows.sort(key=lambda row: (-(row.overdue_days or 0), row.force.casefold()))
    elif sort == "dependencies":
        rows.sort(key=lambda row: (-row.open_dependencies, row.force.casefold()))
    used = {cell for row in rows for cell in row.cells}
    return NationalMap(
        numbers, tuple(rows), tuple(state for key, state in STATES.items() if key in used), sort
    )


def _row(entry: ForceFigures, numbers: tuple[int, ...], roll: RollUp) -> MapRow:
    overdue = entry.overdue_round
    days = (roll.today - overdue.due).days if overdue is not None and overdue.due is not None else None
    cells = tuple(cell_state(entry, number) for number in numbers)
    return MapRow(
        force=entry.force,
        cells=cells,
        items=sum(entry.status_counts.values()),
        complete=entry.status_counts.get(Status.COMPLETE, 0),
        overdue_days=days,
        open_dependencies=len(entry.open_dependencies),
    )


class Period(NamedTuple):
    """The national count of items in each status at the end of one period, and how many forces it counts."""

    label: str
    end: date
    forces: int
    counts: dict[Status, int]

    @property
    def total(self) -> int:
        """How many items the period counts."""
        return sum(self.counts.values())


def _half_year_end(day: date) -> date:
    return date(day.year, 6, 30) if day.month <= 6 else date(day.year, 12, 31)


def status_by_period(roll: RollUp) -> list[Period]:
    """Return the national share of items in each status, half-year by half-year.

    Forces' rounds have their own names and dates, so periods are half-years
    (to 30 June, to 31 December) from the first round due to the last. Each
    force counts with its latest round due (or, with no due date, published)
    by the period's end, so a force that skipped a round still counts; one
    with no round yet, or none of whose items a filter picks, does not.
    """
    dated = [(due, counts) for entry in roll.forces for due, counts in entry.by_round]
    if not dated:
        return []
    statuses = rollup_statuses(roll)
    end = _half_year_end(min(due for due, _ in dated))
    last = _half_year_end(max(due for due, _ in dated))
    periods = []
    while end <= last:
        totals = dict.fromkeys(statuses, 0)
        forces = 0
        for entry in roll.forces:
            known = [counts for due, counts in entry.by_round if due <= end]
            if not known or not sum(known[-1].values()):
                continue
            forces += 1
            for status, count in known[-1].items():
                totals[status] = totals.get(status, 0) + count
        half = "H1" if end.month == 6 else "H2"
        periods.append(Period(f"{end.year} {half}", end, forces, totals))
        end = date(end.year, 12, 31) if end.month == 6 else date(end.year + 1, 6, 30)
    return periods


def map_record(found: NationalMap) -> dict[str, object]:
    """Return the map as plain data: what ``--json`` prints under ``map`` and templates see."""
    return {
        "sort": found.sort,
        "numbers": list(found.numbers),
        "states": [state._asdict() for state in found.states],
        "rows": [
            {
                "force": row.force,
                "cells": list(row.cells),
                "letters": "".join(STATES[cell].letter for cell in row.cells),
                "items": row.items,
                "complete": row.complete,
                "share_complete": round(row.share_complete, 3),
                "overdue_days": row.overdue_days,
                "open_dependencies": row.open_dependencies,
            }
            for row in found.rows
        ],
    }


def periods_record(periods: list[Period]) -> list[dict[str, object]]:
    """Return :func:`status_by_period` as plain data (each period's counts by status value)."""
    return [
        {
            "label": period.label,
            "end": period.end,
            "forces": period.forces,
            "items": period.total,
            "status_counts": {status.value: count for status, count in period.counts.items()},
        }
        for period in periods
    ]
