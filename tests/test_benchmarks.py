"""The benchmark scripts still run: they are how the speed targets are checked.

No timing is asserted here (a loaded CI machine would make that flaky); the
numbers are read by a person from benchmarks/run.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from plan_cli.reading.loader import load_plan

from .conftest import PLAN_FILE

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))
import run  # noqa: E402  (the script's tables, read here so the test follows them)

sys.path.remove(str(BENCHMARKS))
PLAN_SCRIPT = Path(sys.executable).with_name("plan")
needs_plan_script = pytest.mark.skipif(
    not PLAN_SCRIPT.exists(),
    reason=f"benchmarks/run.py times the installed plan script; none at {PLAN_SCRIPT}",
)


def test_make_plan_writes_a_valid_plan_n_times_the_size(tmp_path: Path) -> None:
    output = tmp_path / "plan-3x.yaml"
    subprocess.run(
        [sys.executable, str(BENCHMARKS / "make_plan.py"), "--scale", "3", "--output", str(output)],
        check=True,
        capture_output=True,
    )
    real = load_plan(PLAN_FILE).plan
    scaled = load_plan(output).plan
    assert len(scaled.items) == 3 * len(real.items)
    assert len(scaled.recommendations) == 3 * len(real.recommendations)
    assert len(scaled.dependencies) == 3 * len(real.dependencies)


def test_the_long_updates_plan_is_valid_and_stale(tmp_path: Path) -> None:
    output = tmp_path / "long.yaml"
    subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--write-hostile", run.LONG_UPDATES, str(output)],
        check=True,
    )
    from plan_cli.questions.staleness import staleness

    item = load_plan(output).plan.items[0]
    assert all(len(update.full_text) >= 99_000 for update in item.updates)
    assert staleness(item).reason == "repeats the round before"


@pytest.mark.parametrize("case", ["alias bomb (billion laughs)", "nesting 20,000 deep"])
def test_hostile_cases_are_written_and_refused(tmp_path: Path, case: str) -> None:
    output = tmp_path / "hostile.yaml"
    subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--write-hostile", case, str(output)], check=True
    )
    result = subprocess.run(
        [sys.executable, "-m", "plan_cli", "check", "--plan", str(output)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert f"{output}:" in result.stderr


@pytest.mark.slow
@needs_plan_script
def test_run_prints_the_table_and_the_verdicts() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--scales", "1", "--runs", "1", "--skip-hostile"],
        check=True,
        capture_output=True,
        text=True,
    )
    assert "start-up of python -c 'import typer, rich.console'" in result.stdout
    for command in run.COMMANDS:
        assert any(line.startswith(command) and "ms (" in line for line in result.stdout.splitlines())
    for command in run.TARGETS_AT_1X:
        assert f"{command} at 1x:" in result.stdout
    first_reads = result.stdout.split("PLAN_NO_CACHE=1", 1)[1].splitlines()
    for command in run.FIRST_READS:
        assert any(line.startswith(command) and "ms (" in line for line in first_reads)
    assert "exit" not in result.stdout  # every command succeeded


def test_national_benchmark_writes_distinct_valid_force_plans(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(BENCHMARKS / "national.py"), "--forces", "3", "--write-forces", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    plans = [load_plan(path).plan for path in sorted(tmp_path.glob("*.yaml"))]
    real = load_plan(PLAN_FILE).plan
    assert len({plan.force for plan in plans}) == 3
    assert len({tuple(r.id for r in plan.rounds) for plan in plans}) == 3
    assert len({tuple(r.title for r in plan.rounds) for plan in plans}) == 3
    assert all(len(plan.recommendations) == len(real.recommendations) for plan in plans)
    assert all(0.8 * len(real.items) <= len(plan.items) <= len(real.items) for plan in plans)
    statuses = [[item.status for item in plan.items] for plan in plans]
    assert statuses[0] != statuses[1] != statuses[2]
