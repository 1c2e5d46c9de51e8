"""plan deps (and its long name, plan dependencies): what the force waits on, and what it holds up."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from plan_cli.basics.wording import plural
from plan_cli.cli.options import JsonOption, PlanOption, TodayOption, open_plan, parse_today
from plan_cli.cli.styled import Styled
from plan_cli.cli.terminal import print_fields, print_json, stdout
from plan_cli.plan.model import Plan
from plan_cli.questions import dependencies


def deps(
    show_all: Annotated[
        bool, typer.Option("--all", help="Also resolved and withdrawn dependencies.")
    ] = False,
    as_json: JsonOption = False,
    plan: PlanOption = None,
    today: TodayOption = None,
) -> None:
    """List the open external dependencies: who must deliver, for how long, and what they block.

    Each shows its party, how long it has been outstanding (days since the due
    date of the round it was raised in, and rounds since), its expected date and
    whether that has passed, and the items and recommendations waiting on it.

    Example: plan deps --today 2026-11-28

    Example: plan deps --all --json
    """
    day = parse_today(today)
    loaded = open_plan(plan)
    reports = dependencies.dependency_reports(loaded.plan, day, include_all=show_all)
    if as_json:
        print_json([dependencies.dependency_record(loaded.plan, entry) for entry in reports])
        return
    print_dependencies(loaded.plan, reports, day)


LABEL_WIDTH = len("  Expected:")

DEPENDENCIES_HELP = (
    "Same as plan deps: the external dependencies and what they block.\n\nExample: plan dependencies --all"
)


def print_dependencies(plan: Plan, reports: list[dependencies.DependencyReport], today: date) -> None:
    """Print dependencies as short blocks that read at 80 columns."""
    out = stdout()
    if not reports:
        out.print("No open dependencies. (plan deps --all lists resolved and withdrawn ones.)")
        return
    for index, entry in enumerate(reports):
        dep = entry.dependency
        if index:
            out.print()
        heading = Styled(dep.id, style="bold")
        heading.append(f"  {dep.status.value}", style="bold red" if dep.is_open else "green")
        out.print(heading)
        raised = plan.round(dep.raised)
        age = f"{plural(entry.age_days, 'day')}, " if entry.age_days is not None else ""
        expected = Styled(dep.expected.text)
        if entry.expected_passed:
            expected.append(" — passed", style="red")
        fields = [
            ("  What:", Styled(dep.title)),
            ("  Party:", Styled(dep.party)),
            ("  Raised:", Styled(f"{raised.title} ({age}{plural(entry.rounds_since, 'round')} since)")),
            ("  Expected:", expected),
        ]
        if entry.items:
            recs = ", ".join(str(n) for n in entry.recommendations)
            listed = entry.blocking if dep.is_open else entry.items
            ids = ", ".join(i.id for i in listed) or "nothing outstanding"
            fields.append(("  Blocks:" if dep.is_open else "  Items:", Styled(f"{ids} (rec {recs})")))
        else:
            fields.append(("  Blocks:", Styled("no item names it (add it to depends_on)", style="yellow")))
        print_fields(out, fields, LABEL_WIDTH)
    out.print()
    out.print(Styled(f"{plural(len(reports), 'dependency', 'dependencies')}.", style="dim"))
