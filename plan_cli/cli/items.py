"""plan outstanding and plan show: the evidence items, listed or in full."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from .. import analysis, measures, review
from ..errors import UsageError
from ..model import EvidenceItem, Plan, Status
from ..styled import Styled
from ..wording import first_sentence, plural, short_date
from .options import (
    JsonOption,
    PlanOption,
    TodayOption,
    complete_dependency_id,
    complete_item_or_recommendation,
    complete_owner,
    complete_recommendation,
    open_plan,
    parse_today,
)
from .terminal import DEADLINE_STYLE, Screen, add_row, measure_lines, print_json, status_text, stdout

StatusOption = Annotated[
    Status | None,
    typer.Option("--status", help="Only items with this status.", case_sensitive=False, show_default=False),
]


def outstanding(
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner",
            help="Only items this body owns, e.g. 'Chief Constables' (any case).",
            show_default=False,
            autocompletion=complete_owner,
        ),
    ] = None,
    rec: Annotated[
        int | None,
        typer.Option(
            "--rec",
            help="Only items of this recommendation number.",
            show_default=False,
            autocompletion=complete_recommendation,
        ),
    ] = None,
    status_filter: StatusOption = None,
    blocked_by: Annotated[
        str | None,
        typer.Option(
            "--blocked-by",
            metavar="DEP",
            help="Only items waiting on this open dependency, e.g. minerva-niche (see plan deps).",
            show_default=False,
            autocompletion=complete_dependency_id,
        ),
    ] = None,
    stale: Annotated[
        bool, typer.Option("--stale", help="Only stale items: the latest update reports nothing new.")
    ] = False,
    unanswered: Annotated[
        bool,
        typer.Option(
            "--unanswered", help="Only items with no update yet in the open round: who has still to reply."
        ),
    ] = False,
    as_json: JsonOption = False,
    plan: PlanOption = None,
    today: TodayOption = None,
) -> None:
    """List the evidence items not yet complete or superseded, and whose they are.

    Items waiting on an open dependency are marked 'waits', stale items 'stale'.

    Example: plan outstanding --owner 'Chief Constables' --json

    Example: plan outstanding --blocked-by minerva-niche

    Example: plan outstanding --stale

    Example: plan outstanding --unanswered --owner pccs
    """
    day = parse_today(today)
    loaded = open_plan(plan)
    still_to_answer: str | None = None
    items = analysis.outstanding(loaded.plan, owner=owner, recommendation=rec, status=status_filter)
    if unanswered:
        from ..rounds import next_round, open_round_hint, unanswered_items

        current = next_round(loaded.plan, day)
        if current is None:
            raise UsageError(f"no update round is open; open one with: {open_round_hint(loaded.plan)}")
        waiting = {item.id for item in unanswered_items(loaded.plan, current.id)}
        items = [item for item in items if item.id in waiting]
        still_to_answer = current.title
    items = review.filter_items(loaded.plan, items, blocked_by=blocked_by, stale_only=stale)
    flags = {item.id: review.item_flags(loaded.plan, item) for item in items}
    if as_json:
        print_json(
            [
                {**analysis.item_record(loaded.plan, item), **review.flags_record(flags[item.id])}
                for item in items
            ]
        )
        return
    print_items(loaded.plan, items, flags, still_to_answer)


def print_items(
    plan: Plan,
    items: list[EvidenceItem],
    flags: dict[str, review.ItemFlags] | None = None,
    still_to_answer: str | None = None,
) -> None:
    """Print items as a table that reads at 80 columns, marking waiting and stale items."""
    out = stdout()
    if not items:
        out.print("No outstanding items match.")
        return
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold", expand=True)
    table.add_column("Item", width=5, no_wrap=True)
    table.add_column("Evidence", overflow="ellipsis", no_wrap=True, ratio=1, min_width=16)
    table.add_column("Owners", overflow="fold", max_width=16)
    table.add_column("Status", width=11, no_wrap=True)
    table.add_column("Latest", no_wrap=True, max_width=17)
    for item in items:
        latest = item.latest_update
        add_row(
            table,
            item.id,
            first_sentence(item.evidence, 200) or Styled("(no evidence text)", style="dim"),
            ", ".join(item.owners),
            status_text(item.status) + flag_marks(flags.get(item.id) if flags else None),
            plan.round(latest.round).title if latest else "—",
        )
    out.print(table)
    summary = plural(len(items), "outstanding item")
    if still_to_answer is not None:
        summary = f"{plural(len(items), 'item')} still to answer in the {still_to_answer}"
    out.print(Styled(f"{summary}.", style="dim"))
    if flags:
        print_flag_legend(plan, items, flags, out)


def flag_marks(flags: review.ItemFlags | None) -> Styled:
    """'waits', 'stale' on a line under a status: the marks ``outstanding`` explains below its table."""
    words = []
    if flags is not None and flags.blocked_by:
        words.append(Styled("waits", style="bold red"))
    if flags is not None and flags.stale:
        words.append(Styled("stale", style="magenta"))
    return Styled("\n").join([Styled(), Styled(" ").join(words)]) if words else Styled()


def print_flag_legend(
    plan: Plan, items: list[EvidenceItem], flags: dict[str, review.ItemFlags], out: Screen
) -> None:
    """Explain the marks of ``outstanding``: what each waiting item waits on, since when stale ones are."""
    waiting = [item for item in items if flags[item.id].blocked_by]
    stale = [item for item in items if flags[item.id].stale]
    if waiting:
        out.print(Styled("waits = waits on an open dependency (plan deps):", style="dim"))
        for item in waiting:
            out.print(Styled(f"  {item.id}: {', '.join(flags[item.id].blocked_by)}", style="dim"))
    if stale:
        out.print(Styled("stale = the latest update reports nothing new:", style="dim"))
        for item in stale:
            state = flags[item.id].staleness
            since = plan.round(state.since).title if state.since else "?"
            out.print(Styled(f"  {item.id}: since the {since} ({state.reason})", style="dim"))


def show(
    ref: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="An item id (7.1) or a recommendation number (7).",
            autocompletion=complete_item_or_recommendation,
        ),
    ],
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print JSON instead: the item, or the recommendation with its items."),
    ] = False,
    plan: PlanOption = None,
    today: TodayOption = None,
) -> None:
    """Show one item, or a whole recommendation: every round's text, status history and owners.

    Also what the item waits on, since when it is stale, its milestones and its measures.

    Example: plan show 14.3
    """
    day = parse_today(today)
    loaded = open_plan(plan)
    found = analysis.find_item_or_recommendation(loaded.plan, ref)
    if as_json:
        if isinstance(found, int):
            rec = loaded.plan.recommendation(found)
            assert rec is not None
            print_json(analysis.recommendation_record(loaded.plan, rec, day))
        else:
            print_json(analysis.item_record(loaded.plan, found))
        return
    out = stdout()
    if isinstance(found, int):
        rec = loaded.plan.recommendation(found)
        assert rec is not None
        out.print(Styled(f"Recommendation {rec.number}", style="bold"))
        out.print(Styled(rec.text))
        if rec.deadline:
            out.print(Styled(f"Deadline: {short_date(rec.deadline)}", style="dim"))
        for item in rec.items:
            out.print()
            print_item(loaded.plan, item, out, day)
    else:
        print_item(loaded.plan, found, out, day)


def print_item(plan: Plan, item: EvidenceItem, out: Screen, today: date) -> None:
    """Print one item in full, with its flags, dependencies, milestones and measures as of ``today``."""
    heading = Styled(f"{item.id}  ", style="bold")
    heading.append(status_text(item.status))
    out.print(heading)
    out.print(Styled(item.evidence or "(no evidence text in the published plan)"))
    joint = item.owner not in item.owners or len(item.owners) > 1
    out.print(Styled(f"Owner: {item.owner}" + (f" ({', '.join(item.owners)})" if joint else ""), style="dim"))
    history = " → ".join(f"{plan.round(u.round).title}: {u.status.value}" for u in item.updates)
    out.print(Styled(f"History: {history}", style="dim"))
    print_item_flags(plan, item, today, out)
    for update in item.updates:
        out.print()
        title = Styled(plan.round(update.round).title, style="bold underline")
        title.append("  ")
        title.append(status_text(update.status))
        out.print(title)
        out.print(Styled("\n\n".join(update.paragraphs)))


def print_item_flags(plan: Plan, item: EvidenceItem, today: date, out: Screen) -> None:
    """Print under an item's history: stale since, what it waits on, its milestones and measures."""
    from .. import deadlines  # only show needs it: outstanding does not pay for the import

    state = review.item_flags(plan, item).staleness
    if state.stale and state.since:
        out.print(
            Styled(
                f"Stale since the {plan.round(state.since).title}: the latest update {state.reason}.",
                style="magenta",
            )
        )
    for dep_id in item.depends_on:
        dep = plan.dependency(dep_id)
        if dep is None:
            continue
        verb = "Waits on" if dep.is_open else "Waited on"
        line = Styled(
            f"{verb} {dep.id} ({dep.status.value}): {dep.title} — {dep.party}; expected {dep.expected}"
        )
        if dep.is_open and dep.expected.has_passed(today):
            line.append(" (passed)", style="red")
        out.print(line)
    for milestone in item.milestones:
        state_of = deadlines.milestone_state(milestone, today)
        line = Styled(f"Milestone {milestone.date}: ")
        line.append(state_of.value, style=DEADLINE_STYLE[state_of.value])
        if deadlines.milestone_needs_update(plan, item, milestone, today):
            line.append(", needs an update", style="bold red")
        line.append(f" — {milestone.text}")
        out.print(line)
    for m in item.measures:
        for bar in measure_lines(measures.progress(item, m, today)):
            out.print(bar)
