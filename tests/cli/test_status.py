"""plan status end to end: rounds, counts, flags and recommendations, as text and JSON."""

from __future__ import annotations

import json
from pathlib import Path

from ..conftest import FIXTURES, MINIMAL_FILE, PLAN_FILE
from .runner import assert_reads_at_80, run, run_real


def test_status_shows_rounds_counts_and_recommendations() -> None:
    code, out, err = run("status", "--plan", str(MINIMAL_FILE))
    assert code == 0, err
    assert out.splitlines()[0] == "Test plan"
    assert "Latest round:  March 2025 Update (due 27 Mar 2025)" in out
    assert (
        "Open round: none; open the next with: plan round open 'July 2025 Update' --due 2025-07-27"
        in " ".join(out.split())
    )
    assert "Evidence items by status (3)" in out
    assert "1 item blocked on something outside the force." in out
    assert "Moved in the March 2025 Update: 2 (1 to blocked, 1 to in-progress)." in out
    rows = [line.split() for line in out.splitlines() if line.strip().startswith(("7 ", "25 "))]
    assert rows[0][-2:] == ["1/2", "blocked"]
    assert rows[1][-2:] == ["0/1", "in-progress"]
    assert "\x1b[" not in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_status_counts_days_to_the_next_round(tmp_path: Path) -> None:
    text = MINIMAL_FILE.read_text().replace(
        "    due: 2025-03-27\ndependencies:",
        "    due: 2025-03-27\n  - id: march-2027\n    title: March 2027 Update\n    due: 2027-03-27\ndependencies:",
    )
    path = tmp_path / "plan.yaml"
    path.write_text(text)
    code, out, _ = run("status", "--plan", str(path), "--today", "2027-03-20")
    assert code == 0
    assert "Open round:    March 2027 Update: open, 0 of 2 items answered, due 27 Mar 2027," in out
    assert "7 days left" in out
    assert "  Chief Constables                0 of 2 answered, 2 to come" in out


def test_real_plan_status_reads_at_80_columns() -> None:
    code, out, _ = run("status", "--plan", str(PLAN_FILE))
    assert code == 0
    assert "Latest round:  March 2026 Update (due 6 Apr 2026)" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_status_names_open_dependencies_stale_items_and_measures() -> None:
    code, out, _ = run_real("status")
    assert code == 0
    assert "Waiting on others: 11 open dependencies" in out
    lines = out.splitlines()
    for dep, blocks in [
        ("minerva-niche", "2 items (7.1, 7.2)"),
        ("college-stalking-app", "2 items (10.4, 20.3)"),
        ("nutshell-replacement", "2 items (14.3, 14.4)"),
    ]:
        assert any(line.split()[:1] == [dep] and blocks in line for line in lines), dep
    stale_line = next(line for line in lines if line.startswith("Stale:"))
    assert "7.1" in stale_line and "22.1" in stale_line
    assert "2,541/3,391 75%  as of 2025-12, 11 months old" in out
    assert_reads_at_80(out)


def test_status_json_is_pure_data() -> None:
    code, out, _ = run("status", "--plan", str(MINIMAL_FILE), "--json")
    assert code == 0
    record = json.loads(out)
    assert record["title"] == "Test plan" and record["today"] == "2026-11-28"
    assert record["latest_round"] == {
        "id": "march-2025",
        "title": "March 2025 Update",
        "due": "2025-03-27",
        "days_left": -611,
    }
    assert record["next_round"] is None
    assert record["moved"] == [
        {"id": "7.1", "before": "in-progress", "after": "blocked"},
        {"id": "25.1", "before": None, "after": "in-progress"},
    ]
    assert record["status_counts"] == {
        "not-started": 0,
        "in-progress": 1,
        "blocked": 1,
        "complete": 1,
        "superseded": 0,
    }
    assert [
        (r["number"], r["complete"], r["items"], r["worst_status"], r["deadline_passed"])
        for r in record["recommendations"]
    ] == [
        (7, 1, 2, "blocked", True),
        (25, 0, 1, "in-progress", True),
    ]


def test_the_next_round_hint_is_a_whole_line_to_copy() -> None:
    code, out, err = run("status", "--plan", str(FIXTURES / "other-force.yaml"), "--today", "2026-11-30")
    assert code == 0, err
    hint = "plan round open 'April 2027 Progress Review' --due 2027-04-30"
    assert [line.strip() for line in out.splitlines() if "plan round open" in line] == [hint]


def test_a_round_that_looks_published_is_recorded_with_a_date_in_the_usual_form() -> None:
    code, out, err = run("status", "--plan", str(FIXTURES / "other-force.yaml"), "--today", "2026-11-30")
    assert code == 0, err
    assert "record it: plan round publish oct-2026 --date YYYY-MM-DD\n" in out
