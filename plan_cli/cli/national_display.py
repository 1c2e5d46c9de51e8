"""How plan national shows the roll-up on a terminal: forces, recommendations, shared dependencies."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plan_cli.basics.wording import describe_days, plural, short_date
from plan_cli.cli.styled import Styled
from plan_cli.cli.terminal import status_text, stdout
from plan_cli.plan.model import Round, Status

if TYPE_CHECKING:
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
    print_map(roll)
    print_periods(roll)
    recommendations = recommendations_across(roll)
    out.print()
    out.print(Styled("Recommendations: forces by status", style="bold"))
    if not recommendations:
        out.print("  No item matches.")
    for rec in recommendations:
        line = Styled(f"  {rec.number:<6}", style="bold")
        line.append(counts_text(rec.counts, rec.forces, "worst"))
        print_hanging(line, "        ")
        for item in rec.items:
            line = Styled(f"    {item.id:<6}")
            line.append(counts_text(item.counts, item.forces))
            print_hanging(line, "          ")
    print_missing_answers(roll)
    out.print()
    out.print(Styled("Open dependencies, most forces first", style="bold"))
    if not roll.groups:
        out.print("  No force has an open dependency.")
    for group in roll.groups:
        said = f"  {', '.join(group.ids)}"
        said += f": {plural(len(group.forces), 'force')}, {plural(group.blocking_count, 'item')} held up"
        longest = group.longest_wait
        if longest is not None and longest.age_days is not None:
            said += f", longest wait {plural(longest.age_days, 'day')}"
        print_hanging(said, "      ", style="bold")
        for wait in group.waits:
            waited = (
                f"waiting {plural(wait.age_days, 'day')}" if wait.age_days is not None else "no date raised"
            )
            holds = ", ".join(wait.blocking) or "nothing outstanding"
            print_hanging(f"    {wait.force}: {waited}, holds up {holds}", "        ")
            print_hanging(f"      {wait.id}, from {wait.party}", "        ", style="dim")


def print_force(entry: ForceFigures, roll: RollUp) -> None:
    """Print one force's block: rounds, then counts."""
    out = stdout()
    out.print(Styled(f"  {entry.force}", style="bold"))
    if roll.selection.narrows_items and not sum(entry.status_counts.values()):
        out.print("    nothing matches the filters")
        return
    print_hanging(f"    {round_state(entry.latest_round)}", "      ")
    overdue = entry.overdue_round
    if overdue is not None and overdue.due is not None:
        line = Styled(f"    next round: {overdue.title}, due {short_date(overdue.due)}, ")
        line.append(describe_days(overdue.due, roll.today), style="red")
        print_hanging(line, "      ")
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
    print_hanging(counts, "      ")
    print_hanging(
        f"    {len(entry.open_dependencies)} open "
        f"{'dependency' if len(entry.open_dependencies) == 1 else 'dependencies'}, "
        f"{plural(len(entry.passed_deadlines), 'deadline')} passed, "
        f"{len(entry.stale_items)} stale",
        "      ",
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


def round_state(latest: Round | None) -> str:
    """'no round published yet', or the latest round with its publication date, then its due date, labelled."""
    if latest is None:
        return "no round published yet"
    published = f"published {short_date(latest.published)}" if latest.published else "no publication date"
    due = f"due {short_date(latest.due)}" if latest.due else "no due date"
    return f"latest round: {latest.title}, {published}, {due}"


def print_hanging(text: Styled | str, indent: str, style: str = "") -> None:
    """Print ``text`` wrapped to the screen, its follow-on lines at ``indent`` rather than column 0."""
    out = stdout()
    line = text if isinstance(text, Styled) else Styled(text, style=style)
    first, *rest = line.wrapped(out.width)
    out.print(first)
    if not rest:
        return
    start = len(first.plain)
    while start < len(line.plain) and line.plain[start].isspace():
        start += 1
    for piece in line.slice(start, len(line.plain)).wrapped(max(out.width - len(indent), 20)):
        out.print(Styled(indent, style=style) + piece)


def print_missing_answers(roll: RollUp) -> None:
    """Print what each force has not answered, one line per force (follow-on lines indented)."""
    from plan_cli.national.answers import force_gaps, gaps_words

    out = stdout()
    out.print()
    out.print(Styled("Missing answers", style="bold"))
    said = [(gaps.force, gaps_words(gaps)) for gaps in force_gaps(roll)]
    said = [(force, words) for force, words in said if words]
    if not said:
        out.print("  Every force has answered every item counted.")
    for force, words in said:
        print_hanging(f"  {force}: {words}", "      ", style="yellow")


def print_map(roll: RollUp) -> None:
    """Print the national map: a row per force, one character per recommendation, and a legend.

    Recommendation numbers head the columns, written downwards; each cell is
    its state's letter, coloured on a colour terminal.
    """
    from plan_cli.national.national_map import SORTS, STATES, national_map

    out = stdout()
    found = national_map(roll, roll.selection.sort)
    out.print()
    out.print(Styled("Map: worst status by recommendation", style="bold"))
    if found.sort:
        out.print(f"  Sorted by {SORTS[found.sort]}.")
    if not found.numbers:
        out.print("  No item matches.")
        return
    names = [row.force for row in found.rows]
    label = min(max(len(name) for name in names), max(out.width - len(found.numbers) - 4, 12))
    digits = max(len(str(number)) for number in found.numbers)
    for place in range(digits):
        heading = "".join(str(number).rjust(digits)[place] for number in found.numbers)
        out.print(Styled(f"  {'':<{label}} {heading}".rstrip() if heading.strip() else ""))
    for row in found.rows:
        name = row.force if len(row.force) <= label else row.force[: label - 1] + "…"
        line = Styled(f"  {name:<{label}} ", no_wrap=True)
        for cell in row.cells:
            state = STATES[cell]
            line.append(state.letter, style=CELL_STYLES.get(cell, ""))
        out.print(line)
    legend = ", ".join(f"{state.letter} {state.words}" for state in found.states)
    print_hanging(f"  {legend}", "  ", style="dim")


CELL_STYLES = {
    "blocked": "bold white on red",
    "not-started": "black on white",
    "unstated": "black on bright_black",
    "in-progress": "black on yellow",
    "superseded": "white on bright_black",
    "complete": "bold white on green",
    "no-answer": "bold",
    "not-in-plan": "dim",
    "nothing-matches": "dim",
}
"""Terminal colours of the map's states (the letter says the same without colour)."""


def print_periods(roll: RollUp) -> None:
    """Print the national share of items in each status, half-year by half-year, as a text table."""
    from plan_cli.national.force_figures import rollup_statuses
    from plan_cli.national.national_map import STATES, status_by_period

    periods = status_by_period(roll)
    if not periods:
        return
    out = stdout()
    statuses = [s for s in rollup_statuses(roll) if any(period.counts.get(s) for period in periods)]
    out.print()
    print_hanging(Styled("Items by status, half-year by half-year (share of items)", style="bold"), "  ")
    letters = " ".join(f"{STATES[s.value].letter:>4}" for s in statuses)
    out.print(Styled(f"  Period    Forces {letters}", no_wrap=True))
    for period in periods:
        shares = " ".join(
            f"{round(100 * period.counts.get(s, 0) / period.total) if period.total else 0:>3}%"
            for s in statuses
        )
        out.print(Styled(f"  {period.label:<9} {period.forces:>6} {shares}", no_wrap=True))
