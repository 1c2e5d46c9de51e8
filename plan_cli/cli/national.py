"""plan national: many forces' plans together, as the NPCC compares them.

Argument handling and display only; the roll-up is :mod:`plan_cli.national`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import UsageError
from ..formats import NATIONAL
from ..model import Status
from ..styled import Styled
from ..wording import describe_days, plural, short_date, verb
from .documents import choose_format
from .options import ForceOption, OutputOption, TemplateOption, TodayOption, parse_today
from .terminal import deliver, print_problems, status_text, stderr, stdout

if TYPE_CHECKING:
    from ..national import ForceFigures, RollUp
    from ..national_answers import NoAnswer


def national(
    plans: Annotated[
        list[Path],
        typer.Argument(
            metavar="PLAN... | FOLDER",
            show_default=False,
            help="Plan files, or folders of them (every *.yaml in a folder).",
        ),
    ],
    rec: Annotated[
        int | None,
        typer.Option("--rec", metavar="N", show_default=False, help="Only recommendation N."),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            metavar="|".join(Status),
            show_default=False,
            help="Only items in this status.",
        ),
    ] = None,
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner",
            metavar="NAME",
            show_default=False,
            help="Only items this owner (a body or alias in each force's plan) holds.",
        ),
    ] = None,
    force_names: Annotated[
        list[str] | None,
        typer.Option(
            "--force-name",
            metavar="NAME",
            show_default=False,
            help="Only forces whose name contains NAME (any case); repeat for several.",
        ),
    ] = None,
    same: Annotated[
        Path | None,
        typer.Option(
            "--same",
            metavar="FILE",
            show_default=False,
            help="A YAML file of dependency ids that are the same thing, e.g. 'records-change: [niche-change]'.",
        ),
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print one JSON object (forces, recommendations, dependencies) instead."),
    ] = False,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="|".join(NATIONAL),
            show_default=False,
            help="; ".join(f"{entry.name}: {entry.description}" for entry in NATIONAL.values()) + ".",
        ),
    ] = None,
    template: TemplateOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    today: TodayOption = None,
) -> None:
    """Roll many forces' plans up into one national picture.

    Per force: its latest round and whether the next is overdue, items by
    status, open dependencies, passed deadlines, stale items. Per
    recommendation and item: how many forces are at each status, and which
    forces have no answer (the item is not in their plan, or it is outstanding
    with no update in their latest round). Open dependencies shared across
    forces (same id, same party, or the same by --same), with the items they
    hold up and the longest wait. An invalid plan is reported and left out of
    the figures, and the command then exits 1.

    Example: plan national plans/ --today 2026-06-15

    Example: plan national plans/ --rec 7 --format md --output national.md
    """
    from .. import national as core
    from ..national_record import national_json
    from ..shared_dependencies import read_same_dependencies

    day = parse_today(today)
    selection = core.Selection(
        recommendation=rec,
        status=parse_status(status),
        owner=owner,
        forces=tuple(force_names or ()),
    )
    if as_json and (fmt is not None or template is not None):
        raise UsageError("--json prints JSON; drop it to use --format or --template")
    mapping = read_same_dependencies(same) if same is not None else None
    roll = core.roll_up(core.plan_files(plans), day, selection, mapping)
    report_left_out(roll)
    if as_json:
        deliver(national_json(roll), None, False, "the national roll-up as json")
    elif fmt is not None or template is not None or output is not None:
        chosen = choose_format(NATIONAL, fmt or "md")
        deliver(chosen.produce(roll, template), output, force, f"the national roll-up as {chosen.name}")
    else:
        print_roll_up(roll)
    if not roll.complete:
        counted = f"{roll.valid} of {plural(roll.given, 'plan')}"
        stderr().print(
            f"The figures count {counted}: {plural(len(roll.invalid), 'file')} left out. "
            f"Fix {verb(len(roll.invalid), 'it', 'them')} (plan check --plan FILE lists every problem) "
            "and run again."
        )
        raise typer.Exit(1)


def parse_status(value: str | None) -> Status | None:
    """The status --status names (any case), or None; a usage error listing the statuses."""
    if value is None:
        return None
    try:
        return Status(value.strip().lower())
    except ValueError:
        raise UsageError(f"--status '{value}' is not a status; choose one of: {', '.join(Status)}") from None


def report_left_out(roll: RollUp) -> None:
    """Print each file left out of the figures, with its first problems, to stderr."""
    err = stderr()
    for bad in roll.invalid:
        more = f", the first {len(bad.problems)}" if bad.total > len(bad.problems) else ""
        err.print(
            Styled(f"{bad.path}: left out of the figures ({plural(bad.total, 'problem')}{more}):", "bold")
        )
        print_problems(bad.problems)


def print_roll_up(roll: RollUp) -> None:
    """Print the roll-up as short blocks that read at 80 columns."""
    from ..national_answers import recommendations_across
    from ..national_record import selection_words

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
    from ..national_answers import NO_ANSWER_MISSING

    out = stdout()
    for entry in entries:
        if entry.reason == NO_ANSWER_MISSING:
            why = "not in its plan"
        elif entry.last_round:
            why = f"no update since its {entry.last_round}"
        else:
            why = "no update in its latest round"
        out.print(Styled(f"{indent}no answer: {entry.force} ({why})", style="yellow"))
