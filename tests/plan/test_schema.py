"""The JSON Schema editors use: in sync with the loader's declaration, and agreeing with it."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from plan_cli.basics.errors import InvalidPlanError
from plan_cli.cli.app import app
from plan_cli.editing.scaffold import starting_plan_yaml
from plan_cli.plan.json_schema import json_schema
from plan_cli.reading.loader import compose_plan, load_plan, parse_plan

from ..conftest import MINIMAL_FILE, PLAN_FILE, ROOT

SCHEMA_FILE = ROOT / "plan.schema.json"
REGENERATE = "plan.schema.json is out of date; regenerate it with: plan schema > plan.schema.json"


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def as_editor_sees(value: Any) -> Any:
    """YAML values as an editor's JSON Schema validator sees them: dates are ISO strings."""
    if isinstance(value, dict):
        return {key: as_editor_sees(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        json.loads(SCHEMA_FILE.read_text(encoding="utf-8")),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )


def schema_errors(text: str) -> list[str]:
    return [error.message for error in validator().iter_errors(as_editor_sees(compose_plan(text)[0]))]


def test_committed_schema_matches_the_declaration() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), REGENERATE


def test_plan_schema_prints_the_committed_schema() -> None:
    result = CliRunner(env={"COLUMNS": "80"}).invoke(app, ["schema"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout == SCHEMA_FILE.read_text(encoding="utf-8")


def test_schema_is_a_valid_draft_2020_12_schema_without_a_made_up_id() -> None:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "$id" not in schema


def test_every_field_is_described_in_the_templates_words() -> None:
    schema = json_schema()
    objects = [schema, *schema["$defs"].values()]
    for obj in objects:
        assert obj["description"]
        for name, prop in obj["properties"].items():
            assert prop.get("description"), f"{name} has no description"
    text = json.dumps(schema)
    for words in (
        "Rec. No.",
        "Recommendation column",
        "Evidence requirements of progress/completion",
        "Recommendation Owner",
        "Initial Action Plan Response",
        "<Month Year> Update",
    ):
        assert words in text, words
    # a round is titled as the force titles it, not only by month
    assert "titled as the force titles it" in schema["$defs"]["Round"]["description"]


def test_minimal_plan_is_valid_against_the_schema() -> None:
    assert schema_errors(MINIMAL_FILE.read_text(encoding="utf-8")) == []


@pytest.mark.skipif(not PLAN_FILE.exists(), reason="data/plan.yaml has not landed yet")
def test_real_plan_is_valid_against_the_schema_and_points_editors_at_it() -> None:
    text = PLAN_FILE.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../plan.schema.json"
    assert (PLAN_FILE.parent / "../plan.schema.json").resolve() == SCHEMA_FILE
    assert schema_errors(text) == []


def test_a_starting_plan_is_valid_against_the_schema() -> None:
    text = starting_plan_yaml(load_plan(MINIMAL_FILE).plan, "Durham Constabulary")
    assert schema_errors(text) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("status: blocked", "status: finished", "'finished' is not one of"),
        ("        evidence: Processes", "        evidnce: Processes", "'evidnce' was unexpected"),
        ('id: "7.1"', "id: 7.10", "7.1 is not of type 'string'"),
        ("    owner: Chief Constables\n", "", "'owner' is a required property"),
        ("expected: unknown", "expected: soon", "'soon' is not valid"),
        ("deadline: 2025-03-27", "deadline: 2025-02-30", "is not a 'date'"),
        (
            "initial: {status: complete, text: Done.}",
            "initial: {status: complete}",
            "is not valid under any of the given schemas",
        ),
        ("          march-2025:\n", "          March 2025:\n", "does not match"),
    ],
)
def test_invalid_plans_are_rejected_by_the_schema_and_the_loader(old: str, new: str, expected: str) -> None:
    text = MINIMAL_FILE.read_text(encoding="utf-8")
    assert old in text
    bad = text.replace(old, new, 1)
    errors = schema_errors(bad)
    assert any(expected in error for error in errors), errors
    with pytest.raises(InvalidPlanError):
        parse_plan(bad, "plan.yaml")
