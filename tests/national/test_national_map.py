"""The national map and the status-by-period figures, against the three example forces worked by hand.

Fenland: 7 blocked, 14 not in its plan, 25 not started at worst (25.1).
Harbour City: 7 blocked, 14 superseded, 25 in progress. Wearside: 7 blocked,
14 and 25 in progress. Items complete: Fenland 0 of 3, Wearside 1 of 4,
Harbour City 2 of 5; next round overdue: Fenland 166 days, Harbour City 15.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from plan_cli.importer import import_plan
from plan_cli.national.national_map import (
    NOT_IN_PLAN,
    NOTHING_MATCHES,
    STATES,
    national_map,
    status_by_period,
)
from plan_cli.plan.model import Status

from ..conftest import FIXTURES
from .test_rollup import FENLAND, FORCES, HARBOUR, WEARSIDE, rolled


def test_each_cell_is_the_force_s_worst_status_or_why_it_has_none() -> None:
    found = national_map(rolled())
    assert found.numbers == (7, 14, 25)
    cells = {row.force: row.cells for row in found.rows}
    assert cells[FENLAND] == ("blocked", NOT_IN_PLAN, "not-started")
    assert cells[HARBOUR] == ("blocked", "superseded", "in-progress")
    assert cells[WEARSIDE] == ("blocked", "in-progress", "in-progress")
    assert [state.key for state in found.states] == [
        "blocked",
        "not-started",
        "in-progress",
        "superseded",
        NOT_IN_PLAN,
    ]


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        (None, [FENLAND, HARBOUR, WEARSIDE]),
        ("complete", [FENLAND, WEARSIDE, HARBOUR]),
        ("overdue", [FENLAND, HARBOUR, WEARSIDE]),
        ("dependencies", [FENLAND, HARBOUR, WEARSIDE]),
    ],
)
def test_forces_sort_by_how_far_behind_they_are(sort: str | None, order: list[str]) -> None:
    assert [row.force for row in national_map(rolled(), sort).rows] == order


def test_sorting_by_overdue_puts_the_most_overdue_first(tmp_path: Path) -> None:
    rows = national_map(rolled(), "overdue").rows
    assert [row.overdue_days for row in rows] == [166, 15, None]
    assert [round(row.share_complete, 2) for row in national_map(rolled(), "complete").rows] == [0, 0.25, 0.4]


def test_a_filter_that_picks_none_of_a_force_s_items_says_so_in_its_cells() -> None:
    cells = {row.force: row.cells for row in national_map(rolled(owner="PCC")).rows}
    assert cells[HARBOUR] == (NOTHING_MATCHES,)
    assert cells[FENLAND] == ("not-started",)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("state", list(STATES.values()), ids=list(STATES))
def test_each_state_s_letter_meets_wcag_aa_contrast_on_its_fill(state: object) -> None:
    assert contrast(state.ink, state.fill) >= 4.5  # type: ignore[attr-defined]


def test_letters_tell_every_state_apart() -> None:
    letters = [state.letter for state in STATES.values()]
    assert len(set(letters)) == len(letters)
    assert all(len(letter) == 1 for letter in letters)


def test_status_by_half_year_counts_each_force_s_latest_round_due_by_then() -> None:
    periods = status_by_period(rolled())
    assert [period.label for period in periods] == ["2024 H2", "2025 H1", "2025 H2", "2026 H1"]
    assert all(period.forces == 3 and period.total == 12 for period in periods)
    assert periods[-1].counts[Status.COMPLETE] == 3
    assert periods[0].counts[Status.NOT_STARTED] == 6


def test_a_force_with_nothing_picked_is_not_counted_in_any_half_year() -> None:
    periods = status_by_period(rolled(owner="PCC"))
    assert periods and all(period.forces == 2 for period in periods)
    assert all(period.total == 3 for period in periods)  # Fenland's 2 PCC items and Wearside's 1


def test_a_force_whose_rounds_are_dated_only_by_publication_counts_from_then(tmp_path: Path) -> None:
    imported = import_plan(
        (FIXTURES / "import" / "layout-two-heading-rows.html").read_bytes(),
        "page.html",
        today=date(2025, 12, 1),
    )
    (tmp_path / "westmarch.yaml").write_text(imported.text, encoding="utf-8")
    periods = status_by_period(rolled(FORCES, tmp_path))
    counted = {period.label: period.forces for period in periods}
    assert counted["2025 H1"] == 3 and counted["2025 H2"] == 4 and counted["2026 H1"] == 4
