"""Open dependencies grouped across the three example forces, and the mapping file of ids that are one.

Waits are days from the due date of the round that raised the dependency to
15 June 2026, worked out by hand: Harbour City's baseline (31 October 2024)
592 days, Wearside's initial round (22 November 2024) 570, Fenland's first
response (1 December 2024) 561, Harbour City's spring 2025 review (31 May
2025) 380, Fenland's half-year update (30 June 2025) 350, Wearside's March
2025 update (27 March 2025) 445.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plan_cli.basics.errors import InvalidFileError, InvalidPlanError
from plan_cli.national import report_data, rollup, shared_dependencies

from .test_rollup import FENLAND, FORCES, HARBOUR, TODAY, WEARSIDE, record


def test_shared_dependencies_by_id_and_by_party() -> None:
    groups = record()["dependencies"]
    summary = [(g["ids"], g["forces"], g["blocking_count"], g["longest_wait"]) for g in groups]
    assert summary == [
        # same id in Wearside and Harbour City; Harbour City raised it at its 31 October 2024 baseline
        (
            ["minerva-niche"],
            [HARBOUR, WEARSIDE],
            2,
            {"force": HARBOUR, "id": "minerva-niche", "days": 592, "since": "Baseline Position"},
        ),
        # different ids, same party: College of Policing
        (
            ["college-app", "stalking-app"],
            [FENLAND, HARBOUR],
            2,
            {"force": HARBOUR, "id": "stalking-app", "days": 380, "since": "Spring 2025 Review"},
        ),
        (
            ["niche-classification"],
            [FENLAND],
            1,
            {"force": FENLAND, "id": "niche-classification", "days": 561, "since": "First Response"},
        ),
        (
            ["app-replacement"],
            [WEARSIDE],
            1,
            {"force": WEARSIDE, "id": "app-replacement", "days": 445, "since": "March 2025 Update"},
        ),
    ]
    assert [g["shared"] for g in groups] == [True, True, False, False]
    minerva = groups[0]["waits"]
    assert [(w["force"], w["age_days"], w["blocking"]) for w in minerva] == [
        (HARBOUR, 592, ["7.1"]),
        (WEARSIDE, 570, ["7.1"]),
    ]


def test_a_mapping_file_joins_ids_that_are_the_same_thing(tmp_path: Path) -> None:
    mapping = tmp_path / "same.yaml"
    mapping.write_text("minerva-niche: [niche-classification]\n", encoding="utf-8")
    same = shared_dependencies.read_same_dependencies(mapping)
    roll = rollup.roll_up(rollup.plan_files([FORCES]), TODAY, same=same)
    first = json.loads(report_data.national_json(roll))["dependencies"][0]
    assert first["ids"] == ["niche-classification", "minerva-niche"]
    assert first["forces"] == [FENLAND, HARBOUR, WEARSIDE]
    assert first["blocking_count"] == 3
    assert first["longest_wait"]["days"] == 592


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("a: [b]\nc: [b]\n", "'b' is already the same as a", 2),
        ("a: [b, {x: 1}]\n", "is not a dependency id", 1),
        ("a: [b]\na: [c]\n", "duplicate key", 2),
        ("\n", "is empty", 1),
        ("# nothing yet\n", "is empty", 1),
        ("- a\n- b\n", "must be a mapping, e.g. a: [b, c]", 1),
    ],
)
def test_a_bad_mapping_file_is_located(tmp_path: Path, text: str, message: str, line: int | None) -> None:
    mapping = tmp_path / "same.yaml"
    mapping.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidFileError) as caught:
        shared_dependencies.read_same_dependencies(mapping)
    assert not isinstance(caught.value, InvalidPlanError), "a mapping file is not a plan"
    problem = caught.value.problems[0]
    assert message in problem.message
    assert problem.path == str(mapping)
    assert problem.line == line
