"""The national roll-up on three differing example plans, against figures worked out by hand.

The plans are tests/fixtures/forces/*.yaml; today is pinned to 15 June 2026.
Hand-worked figures (see each plan):

* Wearside: latest round March 2026 Update, nothing later declared, so not
  overdue; items 7.1 blocked, 7.2 complete, 14.1 in progress, 25.1 in progress;
  7.1 says "Above position remains." (stale).
* Fenland: latest Half-year Update (published without 25.1's answer); Year-end
  Update due 31 December 2025 is 166 days overdue; no recommendation 14, no 7.2;
  25.1 has no Half-year Update (no answer); 25.2 only points to 7.1 (stale).
* Harbour City: latest Autumn 2025 Review; Spring 2026 Review due 31 May 2026
  is 15 days overdue; 7.2 was completed in spring 2025 (done, so answered).
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from plan_cli.basics.errors import UsageError
from plan_cli.national import force_figures, report_data, rollup
from plan_cli.plan.model import Status

from ..conftest import FIXTURES

FORCES = FIXTURES / "forces"
TODAY = date(2026, 6, 15)
WEARSIDE, FENLAND, HARBOUR = "Wearside Constabulary", "Fenland Police", "Harbour City Police Service"


def rolled(*paths: Path, **selection: object) -> force_figures.RollUp:
    files = rollup.plan_files(list(paths) or [FORCES])
    return rollup.roll_up(files, TODAY, force_figures.Selection(**selection))  # type: ignore[arg-type]


def record(*paths: Path, **selection: object) -> dict:
    """The roll-up as --json prints it."""
    return json.loads(report_data.national_json(rolled(*paths, **selection)))


def by_force(data: dict) -> dict[str, dict]:
    return {entry["force"]: entry for entry in data["forces"]}


def items(data: dict) -> dict[str, dict]:
    return {item["id"]: item for rec in data["recommendations"] for item in rec["items"]}


def counts(**nonzero: int) -> dict[str, int]:
    found = {status.value: 0 for status in Status if status is not Status.UNSTATED}
    found.update({name.replace("_", "-"): count for name, count in nonzero.items()})
    return found


def no_answer(entry: dict) -> list[tuple[str, str]]:
    return [(who["force"], who["reason"]) for who in entry["no_answer"]]


def test_a_folder_is_every_yaml_file_in_it_sorted() -> None:
    assert [path.name for path in rollup.plan_files([FORCES])] == [
        "fenland.yaml",
        "harbour-city.yaml",
        "wearside.yaml",
    ]


def test_per_force_rounds_and_overdue() -> None:
    forces = by_force(record())
    assert forces[WEARSIDE]["latest_round"] == {
        "id": "march-2026",
        "title": "March 2026 Update",
        "due": "2026-04-06",
        "published": None,
    }
    assert forces[WEARSIDE]["overdue_round"] is None
    assert forces[FENLAND]["latest_round"]["title"] == "Half-year Update"
    assert forces[FENLAND]["latest_round"]["published"] == "2025-07-04"
    assert forces[FENLAND]["overdue_round"] == {
        "id": "q4-2025",
        "title": "Year-end Update",
        "due": "2025-12-31",
        "published": None,
        "days_overdue": 166,
    }
    assert forces[HARBOUR]["overdue_round"]["title"] == "Spring 2026 Review"
    assert forces[HARBOUR]["overdue_round"]["days_overdue"] == 15


def test_per_force_counts_dependencies_deadlines_and_stale_items() -> None:
    forces = by_force(record())
    assert forces[WEARSIDE]["status_counts"] == counts(complete=1, in_progress=2, blocked=1)
    assert forces[FENLAND]["status_counts"] == counts(blocked=1, not_started=1, in_progress=1)
    assert forces[HARBOUR]["status_counts"] == counts(blocked=1, complete=2, superseded=1, in_progress=1)
    assert [forces[name]["items"] for name in (WEARSIDE, FENLAND, HARBOUR)] == [4, 3, 5]
    # Wearside's ho-guidance is resolved, so not open.
    assert forces[WEARSIDE]["open_dependencies"] == ["minerva-niche", "app-replacement"]
    assert forces[FENLAND]["open_dependencies"] == ["niche-classification", "college-app"]
    assert forces[HARBOUR]["open_dependencies"] == ["minerva-niche", "stalking-app"]
    passed = {name: [(d["kind"], d["ref"]) for d in forces[name]["passed_deadlines"]] for name in forces}
    assert passed[WEARSIDE] == [("recommendation", "7"), ("recommendation", "14"), ("milestone", "25.1")]
    # Fenland: rec 7 still blocked; college-app expected "2025"; the Year-end Update never came.
    assert passed[FENLAND] == [("recommendation", "7"), ("dependency", "college-app"), ("round", "q4-2025")]
    # Harbour City: rec 14 is done (superseded), so its deadline is met, not passed.
    assert passed[HARBOUR] == [
        ("recommendation", "7"),
        ("dependency", "stalking-app"),
        ("round", "spring-2026"),
    ]
    assert forces[WEARSIDE]["stale_items"] == ["7.1"]
    assert forces[FENLAND]["stale_items"] == ["25.2"]
    assert forces[HARBOUR]["stale_items"] == []


def copy_forces(folder: Path) -> Path:
    for path in FORCES.glob("*.yaml"):
        shutil.copy(path, folder / path.name)
    return folder


def test_an_invalid_plan_is_reported_and_left_out(tmp_path: Path) -> None:
    folder = copy_forces(tmp_path)
    bad = (FORCES / "fenland.yaml").read_text(encoding="utf-8")
    bad = bad.replace("force: Fenland Police", "force: Moorland Police").replace(
        "status: blocked", "status: stuck"
    )
    (folder / "moorland.yaml").write_text(bad, encoding="utf-8")
    roll = rolled(folder)
    assert not roll.complete
    assert (roll.given, len(roll.forces)) == (4, 3)
    [left_out] = roll.invalid
    assert left_out.path == str(folder / "moorland.yaml")
    assert "stuck" in left_out.problems[0].message
    assert left_out.problems[0].line is not None
    # The figures are those of the three valid plans alone.
    assert items(report_data.national_record(roll))["7.1"]["status_counts"] == counts(blocked=3)
    assert "Moorland Police" not in str(report_data.national_record(roll)["recommendations"])


def test_only_the_first_problems_of_an_invalid_plan_are_kept(tmp_path: Path) -> None:
    text = (FORCES / "harbour-city.yaml").read_text(encoding="utf-8").replace("status: ", "status: x")
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    [left_out] = rolled(path).invalid
    assert len(left_out.problems) == force_figures.FIRST_PROBLEMS
    assert left_out.total > force_figures.FIRST_PROBLEMS


def test_a_missing_file_is_reported_not_fatal(tmp_path: Path) -> None:
    roll = rolled(FORCES / "wearside.yaml", tmp_path / "nowhere.yaml")
    assert [entry.force for entry in roll.forces] == [WEARSIDE]
    assert "no such file" in roll.invalid[0].problems[0].message


def test_two_files_for_the_same_force_count_the_later_published_one(tmp_path: Path) -> None:
    folder = copy_forces(tmp_path)
    text = (FORCES / "fenland.yaml").read_text(encoding="utf-8").replace("Fenland Police", "FENLAND  police")
    (folder / "fenland-copy.yaml").write_text(text.replace("2025-07-04", "2025-07-05"), encoding="utf-8")
    roll = rolled(folder)
    assert roll.invalid == ()
    assert [Path(older.path).name for older in roll.set_aside] == ["fenland.yaml"]
    assert roll.set_aside[0].counted == str(folder / "fenland-copy.yaml")
    assert "4 July 2025" in roll.set_aside[0].why and "5 July 2025" in roll.set_aside[0].why
    assert [entry.force for entry in roll.forces] == ["FENLAND  police", HARBOUR, WEARSIDE]
    assert roll.valid == 3 and roll.given == 4


def test_recommendation_filter_keeps_missing_forces() -> None:
    data = record(recommendation=14)
    assert [rec["number"] for rec in data["recommendations"]] == [14]
    assert no_answer(data["recommendations"][0]) == [(FENLAND, "missing")]
    forces = by_force(data)
    assert forces[WEARSIDE]["status_counts"] == counts(in_progress=1)
    assert forces[FENLAND]["items"] == 0
    assert forces[WEARSIDE]["open_dependencies"] == ["app-replacement"]
    assert [d["ref"] for d in forces[WEARSIDE]["passed_deadlines"]] == ["14"]
    assert [g["ids"] for g in data["dependencies"]] == [["app-replacement"]]


def test_status_filter_counts_only_that_status_and_lists_no_missing_items() -> None:
    data = record(status=Status.IN_PROGRESS)
    found = items(data)
    assert list(found) == ["14.1", "25.1", "25.2"]
    assert found["25.2"]["status_counts"] == counts(in_progress=2)
    assert no_answer(found["25.2"]) == []
    assert by_force(data)[HARBOUR]["status_counts"] == counts(in_progress=1)


def test_owner_filter_matches_each_plans_own_bodies() -> None:
    data = record(owner="PFCC")
    assert list(items(data)) == ["25.1", "25.2"]
    assert by_force(data)[FENLAND]["items"] == 2
    assert by_force(data)[WEARSIDE]["items"] == 0


def test_force_filter_picks_forces_by_part_of_the_name() -> None:
    data = record(forces=("harbour", "wearside constabulary"))
    assert [entry["force"] for entry in data["forces"]] == [HARBOUR, WEARSIDE]
    assert no_answer(items(data)["7.2"]) == []


@pytest.mark.parametrize(
    ("selection", "message"),
    [
        ({"forces": ("Gotham",)}, "no force matches Gotham; forces are: Fenland Police"),
        ({"recommendation": 99}, "no plan has a recommendation 99"),
        ({"owner": "Batman"}, "no plan has an owner matching 'Batman'; owners are: Chief Constable, CC"),
    ],
)
def test_a_selection_matching_nothing_is_a_usage_error(selection: dict, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        rolled(**selection)


def test_nothing_given_and_an_empty_folder_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="give the plan files"):
        rollup.plan_files([])
    with pytest.raises(UsageError, match=r"no \*\.yaml files"):
        rollup.plan_files([tmp_path])


def test_the_figures_keep_no_plan() -> None:
    """Each plan is reduced to its figures: memory stays near one plan's however many forces."""
    roll = rolled()
    stack = list(roll.forces)
    seen = 0
    while stack:
        value = stack.pop()
        seen += 1
        assert type(value).__name__ != "Plan"
        if isinstance(value, tuple | list):
            stack.extend(value)
        elif isinstance(value, dict):
            stack.extend(value.values())
    assert seen > 50


def test_loading_in_worker_processes_gives_the_same_roll_up(tmp_path: Path) -> None:
    folder = copy_forces(tmp_path)
    (folder / "broken.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    files = rollup.plan_files([folder])
    serial = rollup.roll_up(files, TODAY, workers=1)
    parallel = rollup.roll_up(files, TODAY, workers=2)
    assert report_data.national_json(parallel) == report_data.national_json(serial)
    assert parallel.invalid == serial.invalid


def test_workers_are_used_only_for_many_files() -> None:
    assert rollup.loading_workers(rollup.PARALLEL_FROM - 1) == 1
    assert rollup.loading_workers(43) >= 1


@pytest.mark.parametrize("path", sorted(FORCES.glob("*.yaml")), ids=lambda path: path.name)
def test_the_example_plans_are_valid_with_only_the_intended_warning(path: Path) -> None:
    from plan_cli.questions.checks import warnings
    from plan_cli.reading.loader import load_plan

    found = [finding.message for finding in warnings(load_plan(path).plan, TODAY)]
    # Fenland's 25.1 is the example of an item without an answer in the latest round.
    expected = (
        ["item 25.1 is outstanding but has no update in the Half-year Update"]
        if path.name == "fenland.yaml"
        else []
    )
    assert [message.split(";")[0] for message in found] == expected


def test_an_imported_plan_adds_the_unstated_column_for_every_force(tmp_path: Path) -> None:
    from plan_cli.importer import import_plan

    for name in ("fenland.yaml", "wearside.yaml"):
        shutil.copy(FORCES / name, tmp_path / name)
    website = FIXTURES / "import" / "force-website.html"
    (tmp_path / "wessex.yaml").write_text(import_plan(website.read_bytes(), website.name).text)
    data = record(tmp_path)
    forces = by_force(data)
    assert forces["Wessex Constabulary"]["status_counts"]["unstated"] == 1
    assert forces[FENLAND]["status_counts"]["unstated"] == 0
    context = report_data.national_context(rolled(tmp_path))
    assert context["statuses"][-1] == "unstated"
    assert "unstated" not in report_data.national_context(rolled())["statuses"]
