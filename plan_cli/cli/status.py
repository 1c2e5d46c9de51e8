"""plan status: where the plan stands, on one screen."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Annotated

import typer

from plan_cli.basics.wording import describe_days, plural, short_date, short_title
from plan_cli.cli.options import PlanOption, TodayOption, open_plan, parse_today
from plan_cli.cli.styled import Styled, cell_width
from plan_cli.cli.terminal import (
    STATUS_STYLE,
    Screen,
    measure_lines,
    print_columns,
    print_json,
    status_text,
    stdout,
)
from plan_cli.plan.model import Plan, Status
from plan_cli.questions import dependencies, item_flags, measures, standing
from plan_cli.questions.cadence import open_round_hint
from plan_cli.questions.deadlines import deadline_passed
from plan_cli.questions.rounds import (
    RoundState,
    latest_round,
    looks_published,
    next_round,
    round_progress,
)


def status(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON object (rounds, counts, recommendations) instead.")
    ] = False,
    plan: PlanOption = None,
    today: TodayOption = None,
) -> None:
    """Show where the plan stands: rounds, counts by status, and every recommendation.

    Example: plan status --today 2026-11-28
    """
    day = parse_today(today)
    loaded = open_plan(plan)
    if as_json:
        print_json(standing.status_record(loaded.plan, day))
        return
    print_status(loaded.plan, day)


def print_status(plan: Plan, today: date) -> None:
    """Print the one-screen summary of ``plan status``."""
    out = stdout()
    out.print(Styled(plan.title, style="bold"))
    out.print(Styled(plan.force + (f" · {plan.responds_to}" if plan.responds_to else ""), style="dim"))
    for label, value in (
        ("Executive lead", plan.executive_lead),
        ("Operational lead", plan.operational_lead),
    ):
        if value:
            out.print(Styled(f"{label}: {value}"))
    out.print()
    print_rounds(plan, today, out)
    print_counts(plan, today, out)
    print_status_flags(plan, today, out)
    print_recommendations(plan, today, out)


def print_rounds(plan: Plan, today: date, out: Screen) -> None:
    """Print the latest published round, and the open one with its progress overall and per owner."""
    latest = latest_round(plan, today)
    following = next_round(plan, today)
    out.print(
        Styled(
            f"Latest round:  {latest.title if latest else 'none reported yet'}"
            + (f" (due {short_date(latest.due)})" if latest and latest.due else "")
        )
    )
    for unrecorded in looks_published(plan, today):
        answered = round_progress(plan, unrecorded.id)
        out.print(
            Styled(
                f"               looks published ({answered.answered} of {answered.asked} items answered, "
                "past due);",
                style="yellow",
            )
        )
        out.print(
            Styled(
                f"               record it: plan round publish {unrecorded.id} --date YYYY-MM-DD",
                style="yellow",
            )
        )
    if following is None:
        out.print(Styled("Open round:    none; open the next with:"))
        out.print(Styled(f"               {open_round_hint(plan)}"))
        out.print()
        return
    progress = round_progress(plan, following.id)
    line = (
        f"Open round:    {following.title}: {progress.state.value}, "
        f"{progress.answered} of {plural(progress.asked, 'item')} answered"
    )
    if following.due:
        line += f", due {short_date(following.due)}, {describe_days(following.due, today)}"
    else:
        line += ", no due date declared"
    out.print(Styled(line))
    if progress.owners:
        width = max(cell_width(entry.owner) for entry in progress.owners)
        for entry in progress.owners:
            row = Styled(f"  {entry.owner}{' ' * (width - cell_width(entry.owner))}  ")
            row.append(f"{entry.answered} of {entry.asked} answered")
            if entry.unanswered:
                row.append(f", {len(entry.unanswered)} to come", style="yellow")
            out.print(row)
    if progress.state is RoundState.OPEN:
        out.print(Styled("  Who has still to reply: plan outstanding --unanswered", style="dim"))
    elif progress.state is RoundState.ANSWERED:
        out.print(Styled(f"  Every item is answered: plan round publish {following.id}", style="dim"))
    out.print()


def print_counts(plan: Plan, today: date, out: Screen) -> None:
    """Print the items by status as bars, and what moved in the latest round."""
    counts = standing.status_counts(plan)
    total = sum(counts.values())
    out.print(Styled(f"Evidence items by status ({total})", style="bold"))
    widest = max(counts.values()) or 1
    for state, count in counts.items():
        bar = "█" * round(30 * count / widest)
        line = Styled("  ")
        line.append(f"{state.value:<12}", style=STATUS_STYLE[state])
        line.append(f"{count:>3}  ")
        line.append(bar, style=STATUS_STYLE[state])
        line.rstrip()
        out.print(line)
    out.print(Styled(f"{plural(counts[Status.BLOCKED], 'item')} blocked on something outside the force."))
    latest = latest_round(plan, today)
    moved = standing.movements(plan, today)
    if latest is not None and moved:
        arrivals = Counter(m.after for m in moved)
        summary = ", ".join(f"{n} to {state.value}" for state, n in arrivals.items())
        out.print(Styled(f"Moved in the {latest.title}: {len(moved)} ({summary})."))
    out.print()


def print_status_flags(plan: Plan, today: date, out: Screen) -> None:
    """Print the reviewer's part of ``status``: open dependencies, stale items, measures."""
    reports = dependencies.dependency_reports(plan, today)
    if reports:
        out.print(
            Styled(
                f"Waiting on others: {plural(len(reports), 'open dependency', 'open dependencies')}",
                style="bold",
            )
        )
        rows: list[list[Styled | str]] = []
        for entry in reports:
            blocked = ", ".join(item.id for item in entry.blocking)
            expected = Styled(entry.dependency.expected.text)
            if entry.expected_passed:
                expected.append(" passed", style="red")
            rows.append(
                [
                    "  " + entry.dependency.id,
                    f"{plural(len(entry.blocking), 'item')}" + (f" ({blocked})" if blocked else ""),
                    expected,
                ]
            )
        blocks = max([len("Blocks"), *(cell_width(str(row[1])) for row in rows)])
        when = max([len("Expected"), *(cell_width(str(row[2])) for row in rows)])
        print_columns(
            out, [("  Dependency", None, False), ("Blocks", blocks, False), ("Expected", when, False)], rows
        )
        out.print()
    stale = item_flags.stale_items(plan)
    out.print(
        Styled(
            f"Stale: {plural(len(stale), 'outstanding item')} report nothing new"
            + (": " + ", ".join(item.id for item, _ in stale) if stale else ".")
        )
    )
    if stale:
        out.print(Styled("  see plan outstanding --stale", style="dim"))
    out.print()
    progress = measures.all_progress(plan, today)
    if progress:
        out.print(Styled("Measures", style="bold"))
        for first, item_ids in measures.merged(progress):
            for line in measure_lines(first, indent="  "):
                out.print(line)
            out.print(Styled(f"    reported under {', '.join(item_ids)}", style="dim"))
        out.print()


def print_recommendations(plan: Plan, today: date, out: Screen) -> None:
    """Print every recommendation with its deadline, items done and worst status."""
    rows: list[list[Styled | str]] = []
    for rec in plan.recommendations:
        deadline = Styled("—")
        if rec.deadline:
            deadline = Styled(short_date(rec.deadline))
            if deadline_passed(rec, today):
                deadline.append(" passed", style="red")
        rows.append(
            [
                str(rec.number),
                short_title(rec.text),
                deadline,
                f"{rec.complete_count}/{len(rec.items)}",
                status_text(rec.worst_status),
            ]
        )
    number_width = max([3, *(len(str(rec.number)) for rec in plan.recommendations)])
    print_columns(
        out,
        [("Rec", number_width, True), ("Recommendation", None, False), ("Deadline", 18, False),
         ("Done", 5, True), ("Worst", 11, False)],
        rows,
    )  # fmt: skip
