"""Options every command shares, how they are read, and how a command's errors reach the user.

``--plan``/PLAN_FILE and ``--today``/PLAN_TODAY on every command; ``--json``
on lists; ``--template``, ``--output`` and ``--force`` on documents; shell
completion from the plan at hand; and :func:`reports_errors`, which turns
the core's errors into a compiler-style message and an exit code.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer._click import Context

from plan_cli.basics.errors import InvalidFileError, InvalidPlanError, PlanToolError, UsageError
from plan_cli.basics.wording import plural, verb
from plan_cli.cli.terminal import print_problems, stderr
from plan_cli.plan.model import Plan, Status
from plan_cli.reading.loader import LoadedPlan, load_plan

if TYPE_CHECKING:
    from plan_cli.editing.plan_file import PlanEdit

DEFAULT_PLAN = Path("data/plan.yaml")

Candidates = list[tuple[str, str]]
F = TypeVar("F", bound=Callable[..., Any])


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
    """Turn a core candidates function (named, in plan_cli.cli.completion) into a Typer ``autocompletion=`` callback.

    By name, so that plan_cli.cli.completion is imported only when Tab is pressed.
    """

    def complete(ctx: typer.Context, incomplete: str) -> Candidates:
        found = plan_for_completion(ctx)
        if found is None:
            return []
        from plan_cli.cli import completion

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
complete_unpublished_round = completes_from_plan("unpublished_round_ids")

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

OwnerFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--owner",
        metavar="NAME",
        help="Only items this body owns: its name, an alias or the usual abbreviation, any case. "
        "Repeat for any of several.",
        show_default=False,
        autocompletion=complete_owner,
    ),
]
RecFilter = Annotated[
    list[int] | None,
    typer.Option(
        "--rec",
        metavar="N",
        help="Only items of recommendation N. Repeat for any of several.",
        show_default=False,
        autocompletion=complete_recommendation,
    ),
]
StatusFilter = Annotated[
    list[Status] | None,
    typer.Option(
        "--status",
        metavar="STATUS",
        help=f"Only items with this status ({', '.join(s.value for s in Status)}). "
        "Repeat for any of several; a done status lists done items too.",
        case_sensitive=False,
        show_default=False,
    ),
]
BlockedByFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--blocked-by",
        metavar="DEPENDENCY",
        help="Only items waiting on this open dependency: its id, or words of its title or party "
        "(see plan deps). Repeat for any of several.",
        show_default=False,
        autocompletion=complete_dependency_id,
    ),
]
StaleFilter = Annotated[
    bool, typer.Option("--stale", help="Only stale items: the latest update reports nothing new.")
]
TemplateOption = Annotated[
    Path | None,
    typer.Option(
        "--template",
        metavar="FILE",
        show_default=False,
        help="Render this Jinja template instead of the shipped one (same context; see: plan help templates).",
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


def reports_errors(command: F) -> F:
    """Run a command, turning PlanToolError into a message on stderr and its exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except InvalidFileError as error:
            print_problems(error.problems)
            if isinstance(error, InvalidPlanError) and not error.unreadable:
                count = sum(1 for p in error.problems if p.severity == "error")
                stderr().print(
                    f"{plural(count, 'error')}; fix {verb(count, 'it', 'them')} and run 'plan check' again."
                )
            raise typer.Exit(error.exit_code) from None
        except UsageError as error:
            from typer._click.globals import get_current_context

            print_usage_error(str(error), get_current_context(silent=True))
            raise typer.Exit(error.exit_code) from None
        except PlanToolError as error:
            stderr().print(f"error: {error}")
            raise typer.Exit(error.exit_code) from None

    return wrapper  # type: ignore[return-value]


def print_usage_error(message: str, ctx: Context | None) -> None:
    """Print a usage mistake the one way plan does: ``error: …``, then the usage line and where help is."""
    out = stderr()
    if message[:1].isupper() and message[1:2].islower():  # the parser's "No such option": as plan's own
        message = message[0].lower() + message[1:]
    out.print(f"error: {message}")
    if ctx is not None:
        out.print(ctx.get_usage())
        out.print(f"Try '{ctx.command_path} -h' for help.")


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


def parse_date(option: str, value: str | None) -> date | None:
    """The date given to ``option`` (YYYY-MM-DD), or None when it was not given."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} '{value}' is not a date; write it as YYYY-MM-DD") from None


def open_plan(plan_path: Path | None) -> LoadedPlan:
    """Find and load the plan."""
    return load_plan(find_plan(plan_path))


def say_owners(plan: Plan, names: str | list[str] | None) -> None:
    """Say on stderr which body each ``--owner`` name was read as, unless it is the body's own name.

    An alias or abbreviation means different bodies in different plans (one
    plan's short name for its commissioners reads to most people as police
    constables), so
    the reader sees which one was taken: after the output, as a footnote.
    """
    from plan_cli.cli.styled import Styled
    from plan_cli.questions.owners import resolve_owner

    for text in [names] if isinstance(names, str) else names or []:
        match = resolve_owner(plan, text)
        if match.how != "its name":
            bodies = " and ".join(sorted(match.bodies))
            stderr().print(Styled(f"--owner '{text}' is {bodies} ({match.how})", style="dim"))


def edit_plan_file(
    plan_path: Path | None, command: str, lock: bool = True
) -> AbstractContextManager[PlanEdit]:
    """Find the plan and open it for one edit: locked, read once and checked once (see ``edit_plan``)."""
    from plan_cli.editing.plan_file import edit_plan

    return edit_plan(find_plan(plan_path), command, lock)


FormatT = TypeVar("FormatT")


def choose_format(table: dict[str, FormatT], name: str) -> FormatT:
    """Return the format ``name`` names (any case); a usage error listing the formats if none."""
    chosen = table.get(name.strip().lower())
    if chosen is None:
        raise UsageError(f"--format {name!r} is not a format here; choose one of: {', '.join(table)}")
    return chosen


def format_option(table: dict[str, Any], show_default: bool = True) -> Any:
    """Return the ``--format`` option of a command whose formats are ``table``: each name, described.

    The choices come from the formats table, so adding a format there adds it here.
    """
    return typer.Option(
        "--format",
        "-f",
        metavar="|".join(table),
        show_default=show_default,
        help="; ".join(f"{entry.name}: {entry.description}" for entry in table.values()) + ".",
    )
