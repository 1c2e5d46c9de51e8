"""Shared fixtures: the project's real plan, a minimal plan, and a pinned date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PLAN_FILE = ROOT / "data" / "plan.yaml"
MINIMAL_FILE = FIXTURES / "minimal.yaml"
TODAY = date(2026, 11, 28)


@pytest.fixture(scope="session")
def real_plan():
    """The project's data/plan.yaml, loaded once."""
    from plan_cli.loader import load_plan

    return load_plan(PLAN_FILE).plan


@pytest.fixture
def minimal_text() -> str:
    """The text of a small valid plan, to mutate."""
    return MINIMAL_FILE.read_text(encoding="utf-8")
