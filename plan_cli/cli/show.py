"""plan show: one item, or a whole recommendation, in full."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from plan_cli.basics.wording import expected_words, short_date
from plan_cli.cli.options import (
    PlanOption,
    TodayOption,
    complete_item_or_recommendation,
    open_plan,
    parse_today,
)
from plan_cli.cli.styled import Styled
from plan_cli.cli.terminal import DEADLINE_STYLE, Screen, measure_lines, print_json, status_text, stdout
from plan_cli.plan.model import EvidenceItem, Plan
from plan_cli.questions import dependencies, item_flags, measures, standing


def show(
    ref: Annotated[
        str,
        typer.Argument(
            metavar="ITEM",
            help="An item id (e.g. 7.1) or a recommendation number (e.g. 7).",
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
    found = standing.find_item_or_recommendation(loaded.plan, ref)
    if as_json:
        if isinstance(found, int):
            rec = loaded.plan.recommendation(found)
            assert rec is not None
            print_json(standing.recommendation_record(loaded.plan, rec, day))
        else:
            print_json(standing.item_record(loaded.plan, found))
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
    out.print(Styled(f"History: {history or 'no update yet'}", style="dim"))
    print_item_flags(plan, item, today, out)
    for update in item.updates:
        out.print()
        title = Styled(plan.round(update.round).title, style="bold underline")
        title.append("  ")
        title.append(status_text(update.status))
        out.print(title)
        out.print(Styled("\n\n".join(update.paragraphs)))
        for document in update.supporting:
            where = f" <{document.url}>" if document.url else ""
            out.print(Styled(f"Supporting document: {document.text}{where}", style="dim"))


def print_item_flags(plan: Plan, item: EvidenceItem, today: date, out: Screen) -> None:
    """Print under an item's history: stale since, what it waits on, its milestones and measures."""
    from plan_cli.questions import deadlines  # only show needs it: outstanding does not pay for the import

    state = item_flags.item_flags(plan, item).staleness
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
            f"{verb} {dep.id} ({dep.status.value}): {dep.title} — {dep.party}; {expected_words(dep.expected)}"
        )
        if dependencies.expected_date_passed(dep, today):
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
