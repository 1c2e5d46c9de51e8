"""plan report, plan draft and plan export: documents rendered from the plan.

Jinja and the renderers are imported inside the commands (through the
formats table), so that the other commands never pay for importing them.
"""

from __future__ import annotations

from typing import Annotated, TypeVar

import typer

from ..errors import UsageError
from ..formats import EXPORTS, REPORTS
from .options import (
    ForceOption,
    OutputOption,
    PlanOption,
    TemplateOption,
    TodayOption,
    complete_round_title,
    open_plan,
    parse_date,
    parse_today,
)
from .terminal import deliver

FormatT = TypeVar("FormatT")


def report(
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="|".join(REPORTS),
            help="; ".join(f"{entry.name}: {entry.description}" for entry in REPORTS.values()) + ".",
        ),
    ] = "md",
    template: TemplateOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    plan: PlanOption = None,
    today: TodayOption = None,
) -> None:
    """Write a progress report (Markdown or Word): counts, movement, dependencies, deadlines, a timeline.

    Example: plan report --today 2026-11-28 --output report.md

    Example: plan report --format docx --output report.docx
    """
    chosen = choose_format(REPORTS, fmt)
    day = parse_today(today)
    loaded = open_plan(plan)
    document = chosen.produce(loaded.plan, day, template)
    deliver(document, output, force, "the report" if chosen.name == "md" else f"the report as {chosen.name}")


def draft(
    round_title: Annotated[
        str | None,
        typer.Option(
            "--round",
            metavar="TITLE",
            show_default=False,
            help="The round to draft, if the plan does not declare it, e.g. 'March 2027 Update'.",
            autocompletion=complete_round_title,
        ),
    ] = None,
    due: Annotated[
        str | None,
        typer.Option("--due", metavar="YYYY-MM-DD", show_default=False, help="That round's deadline."),
    ] = None,
    template: TemplateOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    plan: PlanOption = None,
    today: TodayOption = None,
) -> None:
    """Write the draft of the next update (Markdown) to circulate to action owners.

    Each outstanding item carries its latest update forward word for word, with
    prompts: dependencies to chase, milestones fallen due, figures to refresh.
    The round is the plan's next declared one, or name it with --round and --due.

    Example: plan draft --round 'March 2027 Update' --due 2027-03-27 --output draft.md
    """
    from ..render import render_document
    from ..rounds import draft_round
    from ..template_context import template_context

    day = parse_today(today)
    deadline = parse_date("--due", due)
    loaded = open_plan(plan)
    drafted = draft_round(loaded.plan, round_title, deadline)
    document = render_document(template_context(loaded.plan, day, drafted), "draft.md.j2", template)
    deliver(document, output, force, f"the {drafted.title} draft")


def export(
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="|".join(EXPORTS),
            help="; ".join(f"{entry.name}: {entry.description}" for entry in EXPORTS.values()) + ".",
        ),
    ],
    fragment: Annotated[
        bool,
        typer.Option(
            "--fragment",
            help="Only the content, to paste into a website's content editor (html): no page, no stylesheet.",
        ),
    ] = False,
    template: TemplateOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    raw: Annotated[
        bool,
        typer.Option(
            "--raw",
            help="CSV: keep cells that start with = + - @ as they are, without the leading ' "
            "that stops a spreadsheet running them as formulas.",
        ),
    ] = False,
    plan: PlanOption = None,
    today: TodayOption = None,
) -> None:
    """Export the whole plan: the published layout as Markdown, HTML or Word, or CSV/JSON.

    Example: plan export --format html --output plan.html

    Example: plan export --format html --fragment --output plan-body.html

    Example: plan export --format docx --output plan.docx
    """
    chosen = choose_format(EXPORTS, fmt)
    produce = chosen.produce
    if fragment:
        if chosen.fragment is None:
            with_fragment = ", ".join(entry.name for entry in EXPORTS.values() if entry.fragment)
            raise UsageError(f"--fragment is for --format {with_fragment}, not {chosen.name}")
        produce = chosen.fragment
    if raw:
        if chosen.raw is None:
            with_raw = ", ".join(entry.name for entry in EXPORTS.values() if entry.raw)
            raise UsageError(f"--raw is for --format {with_raw}, not {chosen.name}")
        produce = chosen.raw
    day = parse_today(today)
    loaded = open_plan(plan)
    what = f"the plan as {chosen.name}" + (" (fragment)" if fragment else "")
    deliver(produce(loaded.plan, day, template), output, force, what)


def choose_format(table: dict[str, FormatT], name: str) -> FormatT:
    """Return the format ``name`` names (any case); a usage error listing the formats if none."""
    chosen = table.get(name.strip().lower())
    if chosen is None:
        raise UsageError(f"--format {name!r} is not a format here; choose one of: {', '.join(table)}")
    return chosen
