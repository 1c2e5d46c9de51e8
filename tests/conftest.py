"""Shared fixtures: the project's real plan, a minimal plan, and a pinned date."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from plan_cli.plan.model import Plan
from plan_cli.reading.loader import parse_plan

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PLAN_FILE = ROOT / "data" / "plan.yaml"
MINIMAL_FILE = FIXTURES / "minimal.yaml"
TODAY = date(2026, 11, 28)


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Compiled templates go to a cache folder of the test run's own, never the user's."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def real_plan():
    """The project's data/plan.yaml, loaded once."""
    from plan_cli.reading.loader import load_plan

    return load_plan(PLAN_FILE).plan


@pytest.fixture
def plan(minimal_text: str) -> Plan:
    """The small valid plan, loaded."""
    return parse_plan(minimal_text, "plan.yaml").plan


def with_next_round(minimal_text: str) -> Plan:
    """The small plan with a March 2027 Update declared after its reported rounds."""
    text = minimal_text.replace(
        "    due: 2025-03-27\ndependencies:",
        "    due: 2025-03-27\n  - id: march-2027\n    title: March 2027 Update\n    due: 2027-03-27\n"
        "dependencies:",
    )
    return parse_plan(text, "plan.yaml").plan


@pytest.fixture
def minimal_text() -> str:
    """The text of a small valid plan, to mutate."""
    return MINIMAL_FILE.read_text(encoding="utf-8")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the slow tests first, so that on several workers the quick ones fill in around them."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
