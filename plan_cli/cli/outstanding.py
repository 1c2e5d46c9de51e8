"""plan outstanding: the evidence items still needing action (or every item), whose they are, and flags."""

from __future__ import annotations

from typing import Annotated

import typer

from plan_cli.basics.wording import first_sentence, plural
from plan_cli.cli.options import (
    BlockedByFilter,
    JsonOption,
    OwnerFilter,
    PlanOption,
    RecFilter,
    StaleFilter,
    StatusFilter,
    TodayOption,
    open_plan,
    parse_today,
    say_owners,
)
from plan_cli.cli.styled import Styled
from plan_cli.cli.terminal import Screen, add_row, print_json, status_text, stdout
from plan_cli.plan.model import EvidenceItem, Plan
from plan_cli.questions import item_flags, standing


def outstanding(
    owner: OwnerFilter = None,
    rec: RecFilter = None,
    status_filter: StatusFilter = None,
    blocked_by: BlockedByFilter = None,
    stale: StaleFilter = False,
    unanswered: Annotated[
        bool,
        typer.Option(
            "--unanswered", help="Only items with no update yet in the open round: who has still to reply."
        ),
    ] = False,
    every: Annotated[
        bool,
        typer.Option("--all", help="List every item whatever its status, complete and superseded ones too."),
    ] = False,
    as_json: JsonOption = False,
    plan: PlanOption = None,
    today: TodayOption = None,
) -> None:
    """List the evidence items not yet complete or superseded, and whose they are.

    Items waiting on an open dependency are marked 'waits', stale items 'stale'.
    The same option repeated means any of its values; different options must
    all hold (--owner A --owner B --status blocked: A's or B's blocked items).
    --all lists every item, done ones too.

    Example: plan outstanding --owner CC --owner PCC --json

    Example: plan outstanding --status blocked --status in-progress

    Example: plan outstanding --all --status complete

    Example: plan outstanding --stale

    Example: plan outstanding --unanswered --owner pccs
    """
    day = parse_today(today)
    loaded = open_plan(plan)
    still_to_answer: str | None = None
    items = standing.select_items(
        loaded.plan,
        owners=owner or (),
        recommendations=rec or (),
        statuses=status_filter or (),
        include_done=every,
    )
    if unanswered:
        from plan_cli.questions.rounds import round_being_answered

        current, waiting = round_being_answered(loaded.plan, day)
        waiting_ids = {item.id for item in waiting}
        items = [item for item in items if item.id in waiting_ids]
        still_to_answer = current.title
    items = item_flags.filter_items(loaded.plan, items, blocked_by=blocked_by or (), stale_only=stale)
    flags = {item.id: item_flags.item_flags(loaded.plan, item) for item in items}
    if as_json:
        print_json(
            [
                {**standing.item_record(loaded.plan, item), **item_flags.flags_record(flags[item.id])}
                for item in items
            ]
        )
    else:
        every = every or any(s.is_done for s in status_filter or ())
        print_items(loaded.plan, items, flags, still_to_answer, every=every)
    say_owners(loaded.plan, owner)


def print_items(
    plan: Plan,
    items: list[EvidenceItem],
    flags: dict[str, item_flags.ItemFlags] | None = None,
    still_to_answer: str | None = None,
    every: bool = False,
) -> None:
    """Print items as a table that reads at 80 columns, marking waiting and stale items.

    ``every``: the items were chosen whatever their status, so they are not called outstanding.
    """
    noun = "item" if every else "outstanding item"
    out = stdout()
    if not items:
        out.print(f"No {noun}s match.")
        return
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold", expand=True)
    table.add_column("Item", width=5, no_wrap=True)
    table.add_column("Evidence", overflow="ellipsis", no_wrap=True, ratio=1, min_width=16)
    table.add_column("Owners", overflow="fold", max_width=16)
    table.add_column("Status", width=11, no_wrap=True)
    table.add_column("Latest", overflow="fold", max_width=17)
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
    summary = plural(len(items), noun)
    if still_to_answer is not None:
        summary = f"{plural(len(items), 'item')} still to answer in the {still_to_answer}"
    out.print(Styled(f"{summary}.", style="dim"))
    if flags:
        print_flag_legend(plan, items, flags, out)


def flag_marks(flags: item_flags.ItemFlags | None) -> Styled:
    """'waits', 'stale' on a line under a status: the marks ``outstanding`` explains below its table."""
    words = []
    if flags is not None and flags.blocked_by:
        words.append(Styled("waits", style="bold red"))
    if flags is not None and flags.stale:
        words.append(Styled("stale", style="magenta"))
    return Styled("\n").join([Styled(), Styled(" ").join(words)]) if words else Styled()


def print_flag_legend(
    plan: Plan, items: list[EvidenceItem], flags: dict[str, item_flags.ItemFlags], out: Screen
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
