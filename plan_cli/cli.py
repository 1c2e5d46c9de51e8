"""The command line: parses options, calls the core, prints, maps errors to exit codes.

This is the only module that knows Typer or prints with Rich. Data goes to
stdout, messages to stderr, so a pipe gets only data.

Exit codes: 0 fine, 1 invalid plan or failed check (or a file not written), 2 usage error.
"""

from __future__ import annotations

import copy
import functools
import gc
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, TextIO, TypeVar

import typer

from . import analysis, dependencies, measures, review
from .errors import InvalidPlanError, PlanToolError, Problem, UsageError
from .loader import LoadedPlan, load_plan, parse_plan
from .model import EvidenceItem, Plan, Status
from .styled import Styled, cell_width

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table
    from rich.text import Text

    from . import deadlines

app = typer.Typer(
    name="plan",
    help=(
        "Keep a police force's published stalking action plan (NPCC template) as YAML, "
        "and see where it stands.\n\n"
        "Example: plan outstanding --owner 'Chief Constables'\n\n"
        "Exit codes: 0 fine, 1 invalid plan or failed check, 2 usage error."
    ),
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


@app.callback()
def plan_commands() -> None:
    """Keeps plan a group of commands even when only one of them is built (see main)."""


DEFAULT_PLAN = Path("data/plan.yaml")

Candidates = list[tuple[str, str]]


def plan_for_completion(ctx: typer.Context) -> Plan | None:
    """The plan a command line being completed refers to (--plan, PLAN_FILE, else discovery); None if unusable.

    Completion runs on every Tab press: whatever is wrong with the plan, it
    must print nothing and offer nothing rather than an error or a traceback.
    """
    try:
        explicit = ctx.params.get("plan")
        return load_plan(find_plan(Path(explicit) if explicit else None)).plan
    except Exception:
        return None


def completes_from_plan(candidates: str) -> Callable[..., Candidates]:
    """Turn a core candidates function (named, in plan_cli.completion) into a Typer ``autocompletion=`` callback.

    By name, so that plan_cli.completion is imported only when Tab is pressed.
    """

    def complete(ctx: typer.Context, incomplete: str) -> Candidates:
        found = plan_for_completion(ctx)
        if found is None:
            return []
        from . import completion

        offer: Callable[[Plan, str], Candidates] = getattr(completion, candidates)  # a typo fails loudly
        try:
            return offer(found, incomplete)
        except Exception:
            return []

    complete.__name__ = f"complete_{candidates}"
    return complete


complete_item_or_recommendation = completes_from_plan("items_and_recommendations")
complete_recommendation = completes_from_plan("recommendation_numbers")
complete_owner = completes_from_plan("owners")
complete_dependency_id = completes_from_plan("dependency_ids")
complete_round_title = completes_from_plan("round_titles")

PlanOption = Annotated[
    Path | None,
    typer.Option(
        "--plan",
        envvar="PLAN_FILE",
        metavar="PATH",
        show_default=False,
        help="The plan file. Default: data/plan.yaml, looked for from the current directory upward.",
    ),
]
TodayOption = Annotated[
    str | None,
    typer.Option(
        "--today",
        envvar="PLAN_TODAY",
        metavar="YYYY-MM-DD",
        show_default=False,
        help="The date to judge deadlines against. Default: today's date.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print a JSON array instead of a table.")]

F = TypeVar("F", bound=Callable[..., Any])

STATUS_STYLE = {
    Status.NOT_STARTED: "magenta",
    Status.IN_PROGRESS: "yellow",
    Status.BLOCKED: "bold red",
    Status.COMPLETE: "green",
    Status.SUPERSEDED: "dim",
}


class Screen:
    """Where a command prints: plain text to a pipe, a file or under NO_COLOR; Rich on a colour terminal.

    Most output goes to pipes, files and CI logs, and importing Rich costs a
    quarter of a command's start-up. So :class:`Styled` lines are written
    plainly unless a terminal is to be coloured, and Rich is imported only then
    or to lay out a table whose cells wrap. Plain lines never end in spaces.
    """

    def __init__(self, stream: TextIO, *, wrap: bool = True) -> None:
        self.stream = stream
        self.wrap = wrap
        self.colour = wants_colour(stream)
        self._console: Console | None = None

    @property
    def console(self) -> Console:
        """The Rich console for this stream, made on first use (colourless unless colouring)."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(
                file=self.stream,
                highlight=False,
                soft_wrap=not self.wrap,
                color_system="auto" if self.colour else None,
            )
        return self._console

    @functools.cached_property
    def width(self) -> int:
        """The columns to fit lines in (asked once: a command prints many lines)."""
        return self.console.width if self.colour else terminal_width()

    def print(self, item: Styled | str | RenderableType = "") -> None:
        """Print one line (wrapped to the width unless it is ``no_wrap``), or a Rich table."""
        if isinstance(item, str):
            item = Styled(item)
        if isinstance(item, Styled):
            if self.colour:
                self.console.print(rich_text(item))
                return
            lines = item.lines(self.width if self.wrap else None)
            self.stream.write("\n".join(line.rstrip() for line in lines) + item.end)
            return
        if self.colour:
            self.console.print(item)
            return
        with self.console.capture() as drawn:
            self.console.print(item)
        self.stream.write("".join(line.rstrip() + "\n" for line in drawn.get().splitlines()))


def wants_colour(stream: TextIO) -> bool:
    """True when ``stream`` is a terminal to colour, by the rules Rich follows.

    NO_COLOR (https://no-color.org) or TERM=dumb turn colour off; TTY_COMPATIBLE
    or FORCE_COLOR force it; otherwise colour goes to terminals only.
    """
    environ = os.environ
    if environ.get("NO_COLOR", "") or environ.get("TERM", "").lower() in ("dumb", "unknown"):
        return False
    if environ.get("TTY_COMPATIBLE", "") in ("0", "1"):
        return environ["TTY_COMPATIBLE"] == "1"
    if "FORCE_COLOR" in environ:
        return environ["FORCE_COLOR"] != ""
    try:
        return stream.isatty()
    except ValueError:  # a closed stream
        return False


def terminal_width() -> int:
    """The width plain output fits: COLUMNS, else the terminal's, else 80 (as Rich decides it)."""
    width = 0
    for descriptor in (0, 1, 2):
        try:
            width = os.get_terminal_size(descriptor).columns
            break
        except (OSError, ValueError):
            continue
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit():
        width = int(columns)
    return width or 80


def rich_text(item: Styled | str) -> Text:
    """The Rich Text for a line or table cell (never parsed as markup: published text is literal)."""
    from rich.text import Span, Text

    if isinstance(item, str):
        return Text(item)
    return Text(
        item.plain,
        style=item.style,
        spans=[Span(start, end, style) for start, end, style in item.spans],
        no_wrap=item.no_wrap or None,
        overflow="ignore" if item.no_wrap else None,
        end=item.end,
    )


def add_row(table: Table, *cells: Styled | str) -> None:
    """Add a row of lines to a Rich table."""
    table.add_row(*map(rich_text, cells))


def stdout() -> Screen:
    """The screen for data."""
    return Screen(sys.stdout)


def stderr() -> Screen:
    """The screen for messages: never wrapped, so a long path or message stays on one line."""
    return Screen(sys.stderr, wrap=False)


def reports_errors(command: F) -> F:
    """Run a command, turning PlanToolError into a message on stderr and its exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except InvalidPlanError as error:
            print_problems(error.problems)
            count = sum(1 for p in error.problems if p.severity == "error")
            stderr().print(f"{count} error{'s' if count != 1 else ''}; fix them and run 'plan check' again.")
            raise typer.Exit(error.exit_code) from None
        except PlanToolError as error:
            stderr().print(f"error: {error}")
            raise typer.Exit(error.exit_code) from None

    return wrapper  # type: ignore[return-value]


def print_problems(problems: Iterable[Problem]) -> None:
    """Print problems to stderr, compiler-style, in file order."""
    console = stderr()
    for problem in sorted(problems, key=lambda p: (p.path, p.line or 0, p.column or 0)):
        style = "yellow" if problem.severity == "warning" else "red"
        console.print(Styled(str(problem), style=style))


def find_plan(explicit: Path | None) -> Path:
    """The plan file to use: --plan/PLAN_FILE, else data/plan.yaml here or in a parent directory."""
    if explicit is not None:
        return explicit
    here = Path.cwd()
    for folder in (here, *here.parents):
        candidate = folder / DEFAULT_PLAN
        if candidate.is_file():
            return candidate.relative_to(here) if candidate.is_relative_to(here) else candidate
    raise UsageError(
        "no plan file found: there is no data/plan.yaml here or above; "
        "give one with --plan PATH or set PLAN_FILE"
    )


def parse_today(value: str | None) -> date:
    """The date from --today/PLAN_TODAY, else the real date."""
    if value is None or value == "":
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"--today '{value}' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-28"
        ) from None


def open_plan(plan_path: Path | None) -> LoadedPlan:
    """Find and load the plan."""
    return load_plan(find_plan(plan_path))


def status_text(status: Status) -> Styled:
    """A status word, coloured where colour is on (the word carries the meaning)."""
    return Styled(status.value, style=STATUS_STYLE[status])


def long_date(when: date) -> str:
    """'27 Mar 2025'."""
    return f"{when.day} {when:%b %Y}"


@app.command()
@reports_errors
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
        print_json(analysis.status_record(loaded.plan, day))
        return
    print_status(loaded.plan, day)


def print_status(plan: Plan, today: date) -> None:
    """Print the one-screen summary of ``plan status``."""
    out = stdout()
    out.print(Styled(plan.title, style="bold"))
    out.print(Styled(plan.force + (f" · {plan.responds_to}" if plan.responds_to else ""), style="dim"))
    leads = [
        f"{label}: {value}"
        for label, value in (
            ("Executive lead", plan.executive_lead),
            ("Operational lead", plan.operational_lead),
        )
        if value
    ]
    for lead in leads:
        out.print(Styled(lead))
    out.print()

    latest = analysis.latest_round(plan)
    following = analysis.next_round(plan)
    out.print(
        Styled(
            f"Latest round:  {latest.title if latest else 'none reported yet'}"
            + (f" (due {long_date(latest.due)})" if latest and latest.due else "")
        )
    )
    if following is None:
        out.print(
            Styled(
                "Next round:    not declared yet; add it under rounds: in the plan "
                "(or use plan draft --round TITLE --due DATE)"
            )
        )
    elif following.due:
        out.print(
            Styled(
                f"Next round:    {following.title}, due {long_date(following.due)} "
                f"({analysis.describe_days(following.due, today)})"
            )
        )
    else:
        out.print(Styled(f"Next round:    {following.title} (no due date declared)"))
    out.print()

    counts = analysis.status_counts(plan)
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
    blocked = counts[Status.BLOCKED]
    out.print(Styled(f"{blocked} item{'s' if blocked != 1 else ''} blocked on something outside the force."))
    moved = analysis.movements(plan)
    if latest is not None and moved:
        arrivals = Counter(m.after for m in moved)
        summary = ", ".join(f"{n} to {state.value}" for state, n in arrivals.items())
        out.print(Styled(f"Moved in the {latest.title}: {len(moved)} ({summary})."))
    out.print()
    print_status_flags(plan, today, out)

    rows: list[list[Styled | str]] = []
    for rec in plan.recommendations:
        deadline = Styled("—")
        if rec.deadline:
            deadline = Styled(long_date(rec.deadline))
            if analysis.deadline_passed(rec, today):
                deadline.append(" passed", style="red")
        rows.append(
            [
                str(rec.number),
                analysis.short_title(rec.text),
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


def print_columns(
    out: Screen, columns: list[tuple[str, int | None, bool]], rows: list[list[Styled | str]]
) -> None:
    """Print rows under bold headings in fixed-width columns, two spaces apart, one line each.

    ``columns`` are (heading, width, right-aligned); the one column of width None takes the
    rest of the line and ends in … where its text is longer. It looks like a borderless
    Rich table, at a fraction of the cost for the thousands of rows of a national plan.
    """
    fixed = sum(width for _, width, _ in columns if width is not None)
    flexible = max(10, out.width - fixed - 2 * (len(columns) - 1))
    block = Styled(no_wrap=True)
    headings: list[Styled | str] = [Styled(heading, style="bold") for heading, _, _ in columns]
    for index, row in enumerate([headings, *rows]):
        if index:
            block.append("\n")
        for position, ((_, width, right), cell) in enumerate(zip(columns, row, strict=True)):
            text = cell.copy() if isinstance(cell, Styled) else Styled(cell)
            size = flexible if width is None else width
            text.truncate(size)
            padding = " " * (size - text.cell_len)
            if position:
                block.append("  ")
            if right:
                block.append(padding)
            block.append(text)
            if not right:
                block.append(padding)
    out.print(block)


StatusOption = Annotated[
    Status | None,
    typer.Option("--status", help="Only items with this status.", case_sensitive=False, show_default=False),
]


@app.command()
@reports_errors
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
    as_json: JsonOption = False,
    plan: PlanOption = None,
    today: TodayOption = None,
) -> None:
    """List the evidence items not yet complete or superseded, and whose they are.

    Items waiting on an open dependency are marked 'waits', stale items 'stale'.

    Example: plan outstanding --owner 'Chief Constables' --json

    Example: plan outstanding --blocked-by minerva-niche

    Example: plan outstanding --stale
    """
    parse_today(today)
    loaded = open_plan(plan)
    items = analysis.outstanding(loaded.plan, owner=owner, recommendation=rec, status=status_filter)
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
    print_items(loaded.plan, items, flags)


def print_json(data: Any) -> None:
    """Write JSON to stdout, nothing else: no colour, no wrapping."""
    import json

    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def print_items(
    plan: Plan, items: list[EvidenceItem], flags: dict[str, review.ItemFlags] | None = None
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
            analysis.first_sentence(item.evidence, 200) or Styled("(no evidence text)", style="dim"),
            ", ".join(item.owners),
            status_text(item.status) + flag_marks(flags.get(item.id) if flags else None),
            plan.round(latest.round).title if latest else "—",
        )
    out.print(table)
    out.print(Styled(f"{len(items)} outstanding item{'s' if len(items) != 1 else ''}.", style="dim"))
    if flags:
        print_flag_legend(plan, items, flags, out)


@app.command()
@reports_errors
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
            out.print(Styled(f"Deadline: {long_date(rec.deadline)}", style="dim"))
        for item in rec.items:
            out.print()
            print_item(loaded.plan, item, out, today=day)
    else:
        print_item(loaded.plan, found, out, today=day)


def print_item(plan: Plan, item: EvidenceItem, out: Screen, today: date | None = None) -> None:
    """Print one item in full (with its flags, dependencies, milestones and measures given ``today``)."""
    heading = Styled(f"{item.id}  ", style="bold")
    heading.append(status_text(item.status))
    out.print(heading)
    out.print(Styled(item.evidence or "(no evidence text in the published plan)"))
    out.print(
        Styled(
            f"Owner: {item.owner}"
            + (
                f" ({', '.join(item.owners)})"
                if item.owner not in item.owners or len(item.owners) > 1
                else ""
            ),
            style="dim",
        )
    )
    history = " → ".join(f"{plan.round(u.round).title}: {u.status.value}" for u in item.updates)
    out.print(Styled(f"History: {history}", style="dim"))
    if today is not None:
        print_item_flags(plan, item, today, out)
    for update in item.updates:
        out.print()
        title = Styled(plan.round(update.round).title, style="bold underline")
        title.append("  ")
        title.append(status_text(update.status))
        out.print(title)
        out.print(Styled("\n\n".join(update.paragraphs)))


@app.command()
@reports_errors
def check(
    ctx: typer.Context,
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="FILE",
            help="Plan files to check, as pre-commit passes them. Default: the --plan file.",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail (exit 1) on warnings too.")] = False,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print a JSON array: each file, whether it is valid, and its problems."),
    ] = False,
    plan: PlanOption = None,
    today: TodayOption = None,
) -> None:
    """Validate plan files: exit 0 when every one is valid, 1 when any is not.

    Checks the --plan file (or data/plan.yaml), or each FILE given. Warnings
    (cited items that are not in the plan, blocked items with no open
    dependency, dependencies no item names, complete items on open dependencies,
    outstanding items with no text in the latest round) are printed, located,
    but only fail with --strict.

    Example: plan check --strict
    """
    day = parse_today(today)
    results = [check_file(path, day) for path in files_to_check(ctx, files, plan)]
    failed = [r for r in results if r.errors or (strict and r.warnings)]
    if as_json:
        print_json([r.record() for r in results])
    else:
        for result in results:
            print_check_result(result)
    if failed:
        raise typer.Exit(1)


def files_to_check(ctx: typer.Context, files: list[Path] | None, plan: Path | None) -> list[Path]:
    """The files ``plan check`` checks: FILEs (with --plan if given on the command line too), else the plan."""
    if not files:
        return [find_plan(plan)]
    # A PLAN_FILE in the environment must not add a file to the ones pre-commit names.
    from_command_line = getattr(ctx.get_parameter_source("plan"), "name", "") == "COMMANDLINE"
    chosen = [plan] if plan is not None and from_command_line else []
    return list(dict.fromkeys([*chosen, *files]))


class CheckResult(NamedTuple):
    """What checking one file found."""

    path: Path
    loaded: LoadedPlan | None
    errors: list[Problem]
    warnings: list[Problem]

    def record(self) -> dict[str, Any]:
        """The result as JSON-ready data."""
        return {
            "file": str(self.path),
            "valid": not self.errors,
            "recommendations": len(self.loaded.plan.recommendations) if self.loaded else None,
            "items": len(self.loaded.plan.items) if self.loaded else None,
            "problems": [
                {
                    "file": p.path,
                    "line": p.line,
                    "column": p.column,
                    "field": p.field,
                    "severity": p.severity,
                    "message": p.message,
                }
                for p in sorted([*self.errors, *self.warnings], key=lambda p: (p.line or 0, p.column or 0))
            ],
        }


def check_file(path: Path, today: date) -> CheckResult:
    """Load one plan file and collect its errors and warnings."""
    try:
        loaded = load_plan(path)
    except InvalidPlanError as error:
        return CheckResult(path, None, [p for p in error.problems if p.severity == "error"], [])
    from . import checks  # only plan check needs the reference and consistency rules

    warnings: list[Problem] = [loaded.source.problem(f) for f in checks.warnings(loaded.plan)]
    return CheckResult(path, loaded, [], warnings)


def print_check_result(result: CheckResult) -> None:
    """Print one file's problems and a summary line to stderr."""
    print_problems([*result.errors, *result.warnings])
    count = len(result.errors)
    if count:
        stderr().print(
            f"{result.path}: {count} error{'s' if count != 1 else ''}; fix them and run 'plan check' again.",
        )
        return
    assert result.loaded is not None
    plan = result.loaded.plan
    warnings = len(result.warnings)
    stderr().print(
        f"{result.path}: valid plan: {len(plan.recommendations)} recommendations, {len(plan.items)} evidence "
        f"items, {warnings} warning{'s' if warnings != 1 else ''}.",
    )


# --- commands added by issue 6: schema, init -------------------------------


@app.command()
@reports_errors
def schema() -> None:
    """Print the plan file's JSON Schema (draft 2020-12), for editors and validators.

    The repository keeps a copy in plan.schema.json; a plan file's first line
    '# yaml-language-server: $schema=../plan.schema.json' lets VS Code and other
    editors complete and check it as you type.

    Example: plan schema > plan.schema.json
    """
    from .schema import json_schema

    print_json(json_schema())


@app.command()
@reports_errors
def init(
    path: Annotated[
        Path, typer.Argument(metavar="PATH", help="Where to write the new plan; must not exist yet.")
    ],
    force: Annotated[bool, typer.Option("--force", help="Overwrite PATH if it exists.")] = False,
    force_name: Annotated[
        str | None,
        typer.Option(
            "--force-name",
            metavar="NAME",
            help="The new plan's force, e.g. 'Durham Constabulary'. Default: a placeholder to replace.",
            show_default=False,
        ),
    ] = None,
    plan: PlanOption = None,
) -> None:
    """Start a plan for another force: the current plan's recommendations and evidence requirements, no responses.

    The recommendations come from the --plan file (or data/plan.yaml). Every
    evidence item starts with no updates (not-started); comments in the file
    say what to fill in. Refuses to overwrite an existing file (exit 1).

    Example: plan init durham.yaml --force-name 'Durham Constabulary'
    """
    if force_name is not None and not force_name.strip():
        raise UsageError(
            "--force-name is empty; give the force's name, e.g. --force-name 'Durham Constabulary'"
        )
    from .scaffold import starting_plan_yaml
    from .writer import write_document

    source = open_plan(plan).plan
    text = starting_plan_yaml(source, force_name)
    parse_plan(text, str(path))  # what we write must be a plan that 'plan check' accepts
    write_document(path, text.encode("utf-8"), force=force)
    stderr().print(
        f"{path}: wrote a starting plan for {force_name or 'a new force'}: "
        f"{len(source.recommendations)} recommendations, {len(source.items)} evidence items, no updates yet. "
        f"Fill in the force's responses, then run: plan check --plan {path}",
    )


# ---- documents: report, draft, export ----------------------------------------
# Jinja and the renderers are imported inside the commands, so that the other
# commands (plan status …) never pay for importing them.

TemplateOption = Annotated[
    Path | None,
    typer.Option(
        "--template",
        metavar="FILE",
        show_default=False,
        help="Render this Jinja template instead of the shipped one (same context; see docs/templates.md).",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        show_default=False,
        help="Write the document to FILE (atomically) instead of stdout.",
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite --output if it exists.")]


class ExportFormat(StrEnum):
    """The formats plan export writes."""

    MD = "md"
    HTML = "html"
    CSV = "csv"
    JSON = "json"


def deliver(document: str, output: Path | None, force: bool, what: str) -> None:
    """Send a document to --output (atomically, refusing to overwrite without --force) or to stdout."""
    data = document.encode("utf-8")
    if output is None or str(output) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from .writer import write_document

    write_document(output, data, force=force)
    stderr().print(f"Wrote {what} to {output}.")


def parse_due(value: str | None) -> date | None:
    """The date from --due, or None."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--due '{value}' is not a date; write it as YYYY-MM-DD, e.g. 2027-03-27") from None


@app.command()
@reports_errors
def report(
    template: TemplateOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    plan: PlanOption = None,
    today: TodayOption = None,
) -> None:
    """Write a progress report (Markdown): counts, movement, dependencies, deadlines, a timeline.

    Example: plan report --today 2026-11-28 --output report.md
    """
    from .context import template_context
    from .render import render_document

    day = parse_today(today)
    loaded = open_plan(plan)
    document = render_document(template_context(loaded.plan, day), "report.md.j2", template)
    deliver(document, output, force, "the report")


@app.command()
@reports_errors
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
    from .context import draft_round, template_context
    from .render import render_document

    day = parse_today(today)
    deadline = parse_due(due)
    loaded = open_plan(plan)
    drafted = draft_round(loaded.plan, round_title, deadline)
    document = render_document(template_context(loaded.plan, day, drafted), "draft.md.j2", template)
    deliver(document, output, force, f"the {drafted.title} draft")


@app.command()
@reports_errors
def export(
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="md or html: the plan in the published layout; csv: one row per item; json: everything.",
        ),
    ],
    output: OutputOption = None,
    force: ForceOption = False,
    plan: PlanOption = None,
    today: TodayOption = None,
) -> None:
    """Export the whole plan: the published layout as Markdown or a standalone HTML page, or CSV/JSON.

    Example: plan export --format html --output plan.html
    """
    day = parse_today(today)
    loaded = open_plan(plan)
    if fmt in (ExportFormat.MD, ExportFormat.HTML):
        from .context import template_context
        from .render import render_document

        shipped = "plan.md.j2" if fmt is ExportFormat.MD else "plan.html.j2"
        document = render_document(template_context(loaded.plan, day), shipped)
    else:
        from .export import plan_csv, plan_json

        document = plan_csv(loaded.plan) if fmt is ExportFormat.CSV else plan_json(loaded.plan, day)
    deliver(document, output, force, f"the plan as {fmt.value}")


# --- reviewer flags: dependencies, deadlines, stale items, measures (issue 3) ---

DEADLINE_STYLE = {"passed": "red", "upcoming": "yellow", "done": "green"}  # by deadlines.State value
BAR_WIDTH = 30


def plural(count: int, word: str, words: str | None = None) -> str:
    """'1 item', '2 items'; ``words`` where the plural is not word + s."""
    return f"{count} {word if count == 1 else words or word + 's'}"


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


def measure_lines(entry: measures.Progress, indent: str = "") -> list[Styled]:
    """A measure as a name line and a bar line: bar, value/target, percentage, as-of date and age."""
    m = entry.measure
    name = Styled(f"{indent}{m.name}")
    filled = max(0, min(BAR_WIDTH, round(BAR_WIDTH * entry.percent / 100)))
    bar = Styled(indent + "  ")
    bar.append("█" * filled, style="green")
    bar.append("░" * (BAR_WIDTH - filled), style="dim")
    bar.append(
        f" {m.value:,.0f}/{m.target:,.0f} {entry.percent:.0f}%  as of {m.as_of}, "
        f"{measures.describe_age(entry.age_days)}"
    )
    return [name, bar]


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
    stale = review.stale_items(plan)
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
        # The same figure reported under several items is drawn once, naming them all.
        shown: dict[tuple[str, float, float, str], list[str]] = {}
        first: dict[tuple[str, float, float, str], measures.Progress] = {}
        for figure in progress:
            m = figure.measure
            key = (m.name, m.value, m.target, m.as_of.text)
            shown.setdefault(key, []).append(figure.item.id)
            first.setdefault(key, figure)
        for key, item_ids in shown.items():
            for line in measure_lines(first[key], indent="  "):
                out.print(line)
            out.print(Styled(f"    reported under {', '.join(item_ids)}", style="dim"))
        out.print()


def print_item_flags(plan: Plan, item: EvidenceItem, today: date, out: Screen) -> None:
    """Print under an item's history: stale since, what it waits on, its milestones and measures."""
    from . import deadlines  # only show and deadlines need it: not imported for the other commands

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
    raised = {u.round for u in item.updates}
    for milestone in item.milestones:
        state_of = (
            deadlines.State.DONE
            if milestone.done
            else (deadlines.State.PASSED if milestone.date.has_passed(today) else deadlines.State.UPCOMING)
        )
        line = Styled(f"Milestone {milestone.date}: ")
        line.append(state_of.value, style=DEADLINE_STYLE[state_of.value])
        if deadlines.milestone_needs_update(plan, sorted(raised), milestone, today):
            line.append(", needs an update", style="bold red")
        line.append(f" — {milestone.text}")
        out.print(line)
    for m in item.measures:
        for bar in measure_lines(measures.progress(item, m, today)):
            out.print(bar)


@app.command("deps")
@reports_errors
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


app.command(
    "dependencies",
    help="Same as plan deps: the external dependencies and what they block.\n\nExample: plan dependencies --all",
)(deps)


def print_dependencies(plan: Plan, reports: list[dependencies.DependencyReport], today: date) -> None:
    """Print dependencies as short blocks that read at 80 columns."""
    out = stdout()
    if not reports:
        out.print("No open dependencies. (plan deps --all lists resolved and withdrawn ones.)")
        return
    from rich.table import Table

    for index, entry in enumerate(reports):
        dep = entry.dependency
        if index:
            out.print()
        heading = Styled(dep.id, style="bold")
        heading.append(f"  {dep.status.value}", style="bold red" if dep.is_open else "green")
        out.print(heading)
        # A grid keeps wrapped values under their value column at 80 columns.
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=11, no_wrap=True)
        grid.add_column(ratio=1)
        add_row(grid, "  What:", Styled(dep.title))
        add_row(grid, "  Party:", Styled(dep.party))
        raised = plan.round(dep.raised)
        age = f"{plural(entry.age_days, 'day')}, " if entry.age_days is not None else ""
        add_row(
            grid, "  Raised:", Styled(f"{raised.title} ({age}{plural(entry.rounds_since, 'round')} since)")
        )
        expected = Styled(dep.expected.text)
        if entry.expected_passed:
            expected.append(" — passed", style="red")
        add_row(grid, "  Expected:", expected)
        if entry.items:
            recs = ", ".join(str(n) for n in entry.recommendations)
            listed = entry.blocking if dep.is_open else entry.items
            ids = ", ".join(i.id for i in listed) or "nothing outstanding"
            add_row(grid, "  Blocks:" if dep.is_open else "  Items:", Styled(f"{ids} (rec {recs})"))
        else:
            add_row(grid, "  Blocks:", Styled("no item names it (add it to depends_on)", style="yellow"))
        out.print(grid)
    out.print()
    out.print(Styled(f"{plural(len(reports), 'dependency', 'dependencies')}.", style="dim"))


@app.command("deadlines")
@reports_errors
def deadlines_command(
    as_json: JsonOption = False,
    plan: PlanOption = None,
    today: TodayOption = None,
) -> None:
    """List every date in the plan in date order: passed, upcoming or done.

    Recommendation deadlines, round due dates, dependencies' expected dates and
    milestones. A fuzzy date (Spring 2026, 2026-Q2) passes once its whole period
    has ended. A passed milestone no later update reports on needs an update.

    Example: plan deadlines --today 2026-11-28

    Example: plan deadlines --json
    """
    from . import deadlines

    day = parse_today(today)
    loaded = open_plan(plan)
    entries = deadlines.deadlines(loaded.plan, day)
    if as_json:
        print_json([deadlines.deadline_record(entry) for entry in entries])
        return
    print_deadlines(entries)


def print_deadlines(entries: list[deadlines.Deadline]) -> None:
    """Print deadlines as a table that reads at 80 columns."""
    from . import deadlines

    out = stdout()
    if not entries:
        out.print("The plan has no dated entries.")
        return
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold", expand=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("State", no_wrap=True)
    table.add_column("What", no_wrap=True, overflow="ellipsis", ratio=1)
    labels = {
        deadlines.Kind.RECOMMENDATION: "Rec {ref}",
        deadlines.Kind.ROUND: "Round",
        deadlines.Kind.DEPENDENCY: "Awaited",
        deadlines.Kind.MILESTONE: "{ref}",
    }
    for entry in entries:
        state = Styled(entry.state.value, style=DEADLINE_STYLE[entry.state.value])
        if entry.needs_update:
            state.append(" needs update", style="bold red")
        what = Styled(labels[entry.kind].format(ref=entry.ref) + ": ", style="bold")
        what.append(
            entry.text if entry.kind is not deadlines.Kind.DEPENDENCY else f"{entry.text} ({entry.ref})"
        )
        add_row(table, entry.when.text, state, what)
    out.print(table)
    counts = {state: sum(1 for e in entries if e.state is state) for state in deadlines.State}
    needing = sum(1 for e in entries if e.needs_update)
    out.print(
        Styled(
            f"{counts[deadlines.State.PASSED]} passed, {counts[deadlines.State.UPCOMING]} upcoming, "
            f"{counts[deadlines.State.DONE]} done; {plural(needing, 'milestone')} "
            f"need{'s' if needing == 1 else ''} an update.",
            style="dim",
        )
    )


def main() -> None:
    """Entry point of the ``plan`` console script."""
    # A command is short-lived and makes no reference cycles worth collecting; the cyclic
    # collector would only rescan the loaded plan over and over while the output is built,
    # and, at exit, once more over everything imported. Frozen objects it skips.
    gc.disable()
    try:
        app_for(sys.argv[1:])()
    finally:
        gc.freeze()


def app_for(args: list[str]) -> typer.Typer:
    """The app to run for a command line: only the command it names, when it starts with one.

    Typer builds every command's options on each run; building only the one
    asked for saves a tenth of the start-up. Help, completion and anything
    else get the whole app.
    """
    if not args or "_PLAN_COMPLETE" in os.environ:
        return app
    chosen = [
        info
        for info in app.registered_commands
        if args[0] == (info.name or typer.main.get_command_name(info.callback.__name__))  # type: ignore[union-attr]
    ]
    if not chosen:
        return app
    narrowed = copy.copy(app)
    narrowed.registered_commands = chosen
    return narrowed
