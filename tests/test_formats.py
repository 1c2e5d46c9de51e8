"""The formats tables: every entry produces its document, and only templated ones take --template."""

from __future__ import annotations

from pathlib import Path

import pytest

from plan_cli.errors import UsageError
from plan_cli.formats import EXPORTS, REPORTS, Format
from plan_cli.model import Plan

from .conftest import TODAY


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
