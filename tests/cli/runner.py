"""How the CLI tests run a command: in process, with a pinned date, plain output at 80 columns."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from plan_cli.cli.app import app

from ..conftest import MINIMAL_FILE, PLAN_FILE

ENV = {"COLUMNS": "80", "PLAN_TODAY": "2026-11-28", "NO_COLOR": "1", "PLAN_FILE": ""}


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run ``plan ARGS`` with no plan file but the one the arguments name: (exit code, stdout, stderr)."""
    result = CliRunner(env={**ENV, **(env or {})}).invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def run_real(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run ``plan ARGS`` on data/plan.yaml (through PLAN_FILE)."""
    return run(*args, env={"PLAN_FILE": str(PLAN_FILE), **(env or {})})


def run_json(*args: str) -> Any:
    """Run ``plan ARGS --json`` on data/plan.yaml and return the parsed output."""
    code, out, err = run_real(*args, "--json")
    assert code == 0, err
    return json.loads(out)


def assert_reads_at_80(out: str) -> None:
    """Fail unless ``out`` is plain and no line is over 80 columns."""
    assert "\x1b[" not in out
    assert max(len(line) for line in out.splitlines()) <= 80


def broken_plan(tmp_path: Path, name: str = "broken.yaml") -> Path:
    """Write a copy of the minimal plan with an invalid status, and return its path."""
    path = tmp_path / name
    path.write_text(MINIMAL_FILE.read_text().replace("status: blocked", "status: finished"))
    return path
