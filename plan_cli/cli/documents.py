"""plan report, plan draft and plan export: documents rendered from the plan.

Jinja and the renderers are imported inside the commands (through the
formats table), so that the other commands never pay for importing them.
"""

from __future__ import annotations

from typing import Annotated

import typer

from plan_cli.basics.errors import UsageError
from plan_cli.cli.options import (
    BlockedByFilter,
    ForceOption,
    OutputOption,
    OwnerFilter,
    PlanOption,
    RecFilter,
    StaleFilter,
    StatusFilter,
    TemplateOption,
    TodayOption,
    choose_format,
    complete_owner,
    complete_round_title,
    format_option,
    open_plan,
    parse_date,
    parse_today,
    say_owners,
)
from plan_cli.cli.terminal import deliver
from plan_cli.documents.formats import DRAFTS, EXPORTS, REPORTS
from plan_cli.plan.model import Plan, Status


def report(
    fmt: Annotated[
        str,
        format_option(REPORTS),
    ] = "md",
    owner: OwnerFilter = None,
    rec: RecFilter = None,
    status_filter: StatusFilter = None,
    blocked_by: BlockedByFilter = None,
    stale: StaleFilter = False,
    brief: Annotated[
        bool,
        typer.Option("--brief", help="Shorten each update in the briefing, marking where it is cut."),
    ] = False,
    template: TemplateOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    plan: PlanOption = None,
    today: TodayOption = None,
) -> None:
    """Write a progress report (Markdown, HTML or Word): counts, movement, dependencies, deadlines, charts.

    With --owner, --rec, --status, --blocked-by or --stale (as plan outstanding)
    it is a briefing: every figure counts only the items selected (done ones
    too, unless --status, --blocked-by or --stale says otherwise), and each
    outstanding one is shown with its latest update in its own words, what it
    waits on (by title and party) and what falls due before the next round.

    Example: plan report --today 2026-11-28 --output report.md

    Example: plan report --owner pccs --format html --output pccs.html

    Example: plan report --rec 7 --brief --format docx --output rec-7.docx
    """
    from plan_cli.documents.briefing import Asked
    from plan_cli.questions import item_flags, standing

    chosen = choose_format(REPORTS, fmt)
    day = parse_today(today)
    selecting = bool(owner or rec or status_filter or blocked_by or stale)
    if brief and not selecting:
        raise UsageError(
            "--brief shortens the updates of a briefing, and the whole report quotes none; "
            "choose the briefing's items with --owner, --rec, --status, --blocked-by or --stale"
        )
    loaded = open_plan(plan)
    selected = loaded.plan
    asked = None
    if selecting:
        items = standing.select_items(
            loaded.plan,
            owners=owner or (),
            recommendations=rec or (),
            statuses=status_filter or (),
            include_done=not (status_filter or blocked_by or stale),
        )
        items = item_flags.filter_items(loaded.plan, items, blocked_by=blocked_by or (), stale_only=stale)
        selected = standing.narrowed_plan(loaded.plan, items)
        asked = Asked(_described(loaded.plan, owner, rec, status_filter, blocked_by, stale), brief)
    document = chosen.produce(selected, day, template, asked)
    deliver(document, output, force, "the report" if chosen.name == "md" else f"the report as {chosen.name}")
    say_owners(loaded.plan, owner)


def _described(
    plan: Plan,
    owner: list[str] | None,
    rec: list[int] | None,
    statuses: list[Status] | None,
    blocked_by: list[str] | None,
    stale: bool,
) -> str:
    """The filters a briefing was asked with, as its heading says them: owners by the bodies they were read as."""
    from plan_cli.questions.owners import resolve_owner

    parts = []
    if owner:
        bodies = dict.fromkeys(body for text in owner for body in sorted(resolve_owner(plan, text).bodies))
        parts.append("owned by " + " or ".join(bodies))
    if rec:
        parts.append("of recommendation " + " or ".join(map(str, rec)))
    if statuses:
        parts.append(" or ".join(s.value for s in statuses))
    if blocked_by:
        parts.append("waiting on " + " or ".join(blocked_by))
    if stale:
        parts.append("stale")
    return "items " + ", ".join(parts)


def draft(
    fmt: Annotated[
        str,
        format_option(DRAFTS),
    ] = "md",
    round_name: Annotated[
        str | None,
        typer.Option(
            "--round",
            metavar="ROUND",
            show_default=False,
            help="The declared round to draft (id or title); by default the open one.",
            autocompletion=complete_round_title,
        ),
    ] = None,
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner",
            metavar="NAME",
            help="Only the items this body owns, e.g. 'Chief Constables' (as plan outstanding --owner).",
            show_default=False,
            autocompletion=complete_owner,
        ),
    ] = None,
    include_answered: Annotated[
        bool,
        typer.Option("--all", help="Also list the items already answered, with their replies filled in."),
    ] = False,
    due: Annotated[
        str | None,
        typer.Option(
            "--due",
            metavar="YYYY-MM-DD",
            show_default=False,
            help="The deadline to show, where the plan declares none for the round.",
        ),
    ] = None,
    template: TemplateOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    plan: PlanOption = None,
    today: TodayOption = None,
) -> None:
    """Write the draft of the open round (Markdown or Word): a reply form for each item still to answer.

    Each item carries its last update forward word for word, with prompts:
    dependencies to chase, milestones fallen due, figures to refresh. Owners
    fill in the status and text under each item (in Word: the Status
    drop-down and the Update cell of the item's reply table); plan apply reads
    them back. A jointly owned item is in each of its owners' drafts.

    Example: plan draft --owner 'Chief Constables' --output chief-constables.md

    Example: plan draft --owner 'Chief Constables' --format docx --output chief-constables.docx

    Example: plan draft --all --output everything.md
    """
    from plan_cli.documents.template_context import template_context
    from plan_cli.editing.drafts import draft_context
    from plan_cli.questions.rounds import draft_round

    day = parse_today(today)
    deadline = parse_date("--due", due)
    loaded = open_plan(plan)
    drafted = draft_round(loaded.plan, round_name, day)
    if deadline is not None:
        if drafted.due is not None and drafted.due != deadline:
            raise UsageError(
                f"the plan declares the {drafted.title} due {drafted.due.isoformat()}, "
                f"not {deadline.isoformat()}; drop --due"
            )
        drafted = drafted._replace(due=deadline)
    context = draft_context(
        template_context(loaded.plan, day, drafted), loaded.plan, day, drafted, owner, include_answered
    )
    chosen = choose_format(DRAFTS, fmt)
    document = chosen.produce(context, template)
    what = f"the {drafted.title} draft" + ("" if chosen.name == "md" else f" as {chosen.name}")
    deliver(document, output, force, what)
    say_owners(loaded.plan, owner)


def export(
    fmt: Annotated[
        str,
        format_option(EXPORTS),
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
