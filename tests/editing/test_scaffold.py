"""The starting plan ``plan init`` writes: valid, the template's words exact, no responses."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_cli.basics.controls import first_control
from plan_cli.editing.scaffold import (
    PLACEHOLDER_FORCE,
    SCHEMA_COMMENT,
    catalogue_plan_yaml,
    schema_reference,
    starting_plan_yaml,
)
from plan_cli.plan.catalogue import load_catalogue
from plan_cli.plan.model import Plan, Status
from plan_cli.reading.loader import load_plan, parse_plan

from ..conftest import MINIMAL_FILE, PLAN_FILE


@pytest.fixture(scope="module")
def minimal() -> Plan:
    return load_plan(MINIMAL_FILE).plan


def assert_template_kept(source: Plan, started: Plan) -> None:
    """Everything every force is asked is kept word for word; every answer is left out."""
    assert started.responds_to == source.responds_to
    assert started.bodies == source.bodies
    assert started.rounds == source.rounds
    assert [(r.number, r.text, r.deadline, r.owner, r.owners) for r in started.recommendations] == [
        (r.number, r.text, r.deadline, r.owner, r.owners) for r in source.recommendations
    ]
    assert [(i.id, i.evidence, i.owner, i.owners, i.owner_overridden) for i in started.items] == [
        (i.id, i.evidence, i.owner, i.owners, i.owner_overridden) for i in source.items
    ]
    assert all(i.updates == () and i.status is Status.NOT_STARTED for i in started.items)
    assert all(i.milestones == () and i.measures == () and i.depends_on == () for i in started.items)
    assert started.dependencies == ()
    assert started.executive_lead is None and started.operational_lead is None


def test_starting_plan_keeps_the_template_and_no_responses(minimal: Plan) -> None:
    text = starting_plan_yaml(minimal, "Durham Constabulary")
    started = parse_plan(text, "new.yaml").plan
    assert text.splitlines()[0] == SCHEMA_COMMENT
    assert started.force == "Durham Constabulary"
    assert_template_kept(minimal, started)


@pytest.mark.skipif(not PLAN_FILE.exists(), reason="data/plan.yaml has not landed yet")
def test_starting_plan_from_the_real_plan(real_plan: Plan) -> None:
    started = parse_plan(starting_plan_yaml(real_plan, "Durham Constabulary"), "new.yaml").plan
    assert_template_kept(real_plan, started)


def test_without_a_name_the_force_is_a_marked_placeholder(minimal: Plan) -> None:
    text = starting_plan_yaml(minimal)
    assert f"force: {PLACEHOLDER_FORCE}   # replace with your force's name" in text.splitlines()
    assert parse_plan(text, "new.yaml").plan.force == PLACEHOLDER_FORCE


def test_the_rounds_update_is_dropped_from_the_title(minimal: Plan) -> None:
    dated = minimal._replace(title="Police Stalking Action Plan (March 2026 Update)")
    started = parse_plan(starting_plan_yaml(dated, "X"), "new.yaml").plan
    assert started.title == "Police Stalking Action Plan"


def test_comments_say_what_to_fill_in(minimal: Plan) -> None:
    text = starting_plan_yaml(minimal, "X")
    assert "# executive_lead:" in text and "# operational_lead:" in text
    assert "#             status: in-progress" in text
    assert '- id: "7.2"   # no evidence requirement in the published plan' in text


# Anything a plan may hold: no control characters but tab and newline, no bidi controls, no non-characters.
PUBLISHED_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(
            blacklist_categories=("Cs", "Cc"),
            blacklist_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
        ),
        st.sampled_from("\t\n"),
    ),
    min_size=1,
).filter(lambda t: t.strip() != "" and first_control(t) < 0)


@settings(max_examples=200, deadline=None)
@given(text=PUBLISHED_TEXT, evidence=PUBLISHED_TEXT, owner=PUBLISHED_TEXT)
def test_any_published_text_survives_word_for_word(
    minimal: Plan, text: str, evidence: str, owner: str
) -> None:
    rec = minimal.recommendations[0]
    item = rec.items[0]._replace(evidence=evidence)
    changed = rec._replace(text=text, owner=owner, items=(item, *rec.items[1:]))
    plan = minimal._replace(recommendations=(changed, *minimal.recommendations[1:]))
    started = parse_plan(starting_plan_yaml(plan, "X"), "new.yaml").plan
    assert started.recommendations[0].text == text
    assert started.recommendations[0].owner == owner
    assert started.items[0].evidence == evidence


def test_the_schema_reference_is_relative_to_the_new_plan(tmp_path: Path) -> None:
    (tmp_path / "plan.schema.json").write_text("{}")
    assert schema_reference(tmp_path / "plan.yaml") == "plan.schema.json"
    assert schema_reference(tmp_path / "data" / "plan.yaml") == "../plan.schema.json"
    assert schema_reference(tmp_path / "a" / "b" / "plan.yaml") == "../../plan.schema.json"


def test_a_catalogue_plan_declares_only_the_first_round_and_shows_it(tmp_path: Path) -> None:
    catalogue = load_catalogue()
    text = catalogue_plan_yaml(catalogue, "Wessex Constabulary", "../plan.schema.json")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../plan.schema.json"
    started = parse_plan(text, "new.yaml").plan
    assert [r.id for r in started.rounds] == [catalogue.first_round.id]
    assert f"#           {catalogue.first_round.id}:\n" in text
    assert "$schema" not in catalogue_plan_yaml(catalogue, None, None)
