"""How plan national shows the roll-up on a terminal: forces, recommendations, shared dependencies."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from plan_cli.basics.wording import describe_days, plural, short_date
from plan_cli.cli.styled import Styled
from plan_cli.cli.terminal import status_text, stdout
from plan_cli.plan.model import Status

if TYPE_CHECKING:
    from plan_cli.national.answers import NoAnswer
    from plan_cli.national.force_figures import ForceFigures, RollUp


def print_roll_up(roll: RollUp) -> None:
    """Print the roll-up as short blocks that read at 80 columns."""
    from plan_cli.national.answers import recommendations_across
    from plan_cli.national.report_data import selection_words

    out = stdout()
    counted = f"{roll.valid} of {plural(roll.given, 'plan')}"
    heading = Styled(f"National roll-up: {counted}, as at {short_date(roll.today)}", style="bold")
    out.print(heading)
    words = selection_words(roll.selection)
    if words:
        out.print(f"Showing only {'; '.join(words)}.")
    out.print()
    out.print(Styled("Forces", style="bold"))
    for entry in roll.forces:
        print_force(entry, roll)
    recommendations = recommendations_across(roll)
    out.print()
    out.print(Styled("Recommendations: forces by status; no answer", style="bold"))
    if not recommendations:
        out.print("  No item matches.")
    for rec in recommendations:
        line = Styled(f"  {rec.number:<6}", style="bold")
        line.append(counts_text(rec.counts, rec.forces, "worst"))
        out.print(line)
        print_no_answer(rec.no_answer, "        ")
        for item in rec.items:
            line = Styled(f"    {item.id:<6}")
            line.append(counts_text(item.counts, item.forces))
            out.print(line)
            print_no_answer(item.no_answer, "          ")
    out.print()
    out.print(Styled("Open dependencies, most forces first", style="bold"))
    if not roll.groups:
        out.print("  None.")
    for group in roll.groups:
        line = Styled(f"  {', '.join(group.ids)}", style="bold")
        line.append(f": {plural(len(group.forces), 'force')}, {plural(group.blocking_count, 'item')} held up")
        longest = group.longest_wait
        if longest is not None and longest.age_days is not None:
            line.append(f", longest wait {plural(longest.age_days, 'day')}")
        out.print(line)
        for wait in group.waits:
            waited = (
                f"waiting {plural(wait.age_days, 'day')}" if wait.age_days is not None else "no date raised"
            )
            holds = ", ".join(wait.blocking) or "nothing outstanding"
            out.print(f"    {wait.force}: {waited}, holds up {holds}")
            out.print(Styled(f"      {wait.id}, from {wait.party}", style="dim"))


def print_force(entry: ForceFigures, roll: RollUp) -> None:
    """Print one force's block: rounds, then counts."""
    out = stdout()
    out.print(Styled(f"  {entry.force}", style="bold"))
    if roll.selection.narrows_items and not sum(entry.status_counts.values()):
        out.print("    nothing matches the filters")
        return
    if entry.latest_round is None:
        line = Styled("    no round reported yet")
    else:
        due = f" ({short_date(entry.latest_round.due)})" if entry.latest_round.due else ""
        line = Styled(f"    latest round: {entry.latest_round.title}{due}")
    out.print(line)
    overdue = entry.overdue_round
    if overdue is not None and overdue.due is not None:
        line = Styled(f"    next round: {overdue.title}, due {short_date(overdue.due)}, ")
        line.append(describe_days(overdue.due, roll.today), style="red")
        out.print(line)
    counts = Styled("    ")
    total = sum(entry.status_counts.values())
    counts.append(f"{plural(total, 'item')}")
    shown = [(status, count) for status, count in entry.status_counts.items() if count]
    if shown:
        counts.append(": ")
        for index, (status, count) in enumerate(shown):
            if index:
                counts.append(", ")
            counts.append(f"{count} ")
            counts.append(status_text(status))
    out.print(counts)
    out.print(
        f"    {len(entry.open_dependencies)} open "
        f"{'dependency' if len(entry.open_dependencies) == 1 else 'dependencies'}, "
        f"{plural(len(entry.passed_deadlines), 'deadline')} passed, "
        f"{len(entry.stale_items)} stale"
    )


def counts_text(counts: dict[Status, int], forces: int, how: str = "") -> Styled:
    """'3 forces: 2 blocked, 1 complete' (zero counts left out)."""
    text = Styled(plural(forces, "force"))
    shown = [(status, count) for status, count in counts.items() if count]
    if shown:
        text.append(f" ({how}): " if how else ": ")
    for index, (status, count) in enumerate(shown):
        if index:
            text.append(", ")
        text.append(f"{count} ")
        text.append(status_text(status))
    return text


def print_no_answer(entries: Sequence[NoAnswer], indent: str) -> None:
    """Print who has not answered, one force a line."""
    from plan_cli.national.answers import NO_ANSWER_MISSING

    out = stdout()
    for entry in entries:
        if entry.reason == NO_ANSWER_MISSING:
            why = "not in its plan"
        elif entry.last_round:
            why = f"no update since its {entry.last_round}"
        else:
            why = "no update in its latest round"
        out.print(Styled(f"{indent}no answer: {entry.force} ({why})", style="yellow"))
