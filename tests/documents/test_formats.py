"""The formats tables: every entry produces its document, and only templated ones take --template."""

from __future__ import annotations

from pathlib import Path

import pytest

from plan_cli.basics.errors import UsageError
from plan_cli.documents.formats import DEADLINES, EXPORTS, REPORTS, DatedFormat, Format
from plan_cli.plan.model import Plan

from ..conftest import TODAY


@pytest.mark.parametrize("entry", [*EXPORTS.values(), *REPORTS.values()], ids=lambda f: f.name)
def test_every_format_produces_a_document(real_plan: Plan, entry: Format) -> None:
    document = entry.produce(real_plan, TODAY, None)
    assert isinstance(document, str | bytes) and len(document) > 1000


@pytest.mark.parametrize("entry", [e for e in EXPORTS.values() if e.template is None], ids=lambda f: f.name)
def test_a_format_built_in_code_refuses_a_template(real_plan: Plan, entry: Format, tmp_path: Path) -> None:
    template = tmp_path / "mine.j2"
    template.write_text("{{ plan.title }}")
    with pytest.raises(UsageError, match=f"--format {entry.name} is built without a template"):
        entry.produce(real_plan, TODAY, template)


@pytest.mark.parametrize("entry", [e for e in EXPORTS.values() if e.template], ids=lambda f: f.name)
def test_a_templated_format_renders_the_users_template(
    real_plan: Plan, entry: Format, tmp_path: Path
) -> None:
    template = tmp_path / "mine.j2"
    template.write_text("{{ plan.force }}")
    assert entry.produce(real_plan, TODAY, template) == real_plan.force


@pytest.mark.parametrize("entry", [e for e in EXPORTS.values() if e.fragment], ids=lambda f: f.name)
def test_a_fragment_is_the_content_of_its_page(real_plan: Plan, entry: Format) -> None:
    assert entry.fragment is not None
    fragment, page = entry.fragment(real_plan, TODAY, None), entry.produce(real_plan, TODAY, None)
    assert isinstance(fragment, str) and isinstance(page, str)
    assert "<html" in page and "<html" not in fragment and "<head" not in fragment
    assert "<caption" in fragment and real_plan.force in fragment


def test_only_html_has_a_fragment() -> None:
    assert [e.name for e in EXPORTS.values() if e.fragment] == ["html"]


@pytest.mark.parametrize("entry", DEADLINES.values(), ids=lambda f: f.name)
def test_every_deadlines_format_filters_by_owner(real_plan: Plan, entry: DatedFormat) -> None:
    everything, theirs = entry.produce(real_plan, TODAY, None), entry.produce(real_plan, TODAY, "PCCs")
    assert len(theirs) < len(everything)
    with pytest.raises(UsageError, match="no owner in the plan matches"):
        entry.produce(real_plan, TODAY, "Home Office")
