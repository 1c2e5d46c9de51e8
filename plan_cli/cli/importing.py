"""plan import: bring a force's published plan in, word for word."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from plan_cli.basics.errors import SourceError, UsageError
from plan_cli.basics.wording import plural
from plan_cli.cli.options import ForceOption, TodayOption, parse_today
from plan_cli.cli.terminal import deliver, stderr


def import_plan(
    source: Annotated[
        str,
        typer.Argument(
            metavar="SOURCE",
            help="The published plan: an HTML page (or fragment), a .docx, a PDF, the published "
            "tab-separated text, or a CSV from 'plan export --format csv'; a file's path or a page's "
            "http:// or https:// address. The kind is told from the content.",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            show_default=False,
            help="Write the plan file to FILE (atomically) instead of stdout; missing directories are not created.",
        ),
    ] = None,
    force: ForceOption = False,
    force_name: Annotated[
        str | None,
        typer.Option(
            "--force-name",
            metavar="NAME",
            show_default=False,
            help="The force, e.g. 'Wessex Constabulary'. Needed when the source does not name it; "
            "otherwise replaces the name it gives.",
        ),
    ] = None,
    table: Annotated[
        int | None,
        typer.Option(
            "--table",
            metavar="N",
            min=1,
            show_default=False,
            help="Which table holds the plan (1 = the first), when the source has more than one that could.",
        ),
    ] = None,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            metavar="SECONDS",
            min=0.1,
            help="For an address: the longest wait for the server at each step; the whole download "
            "may take four times this.",
        ),
    ] = 30.0,
    today: TodayOption = None,
) -> None:
    """Import a force's published plan into a new plan file, word for word.

    Columns are found by their headings (Rec. No., Recommendation, Evidence
    requirements or Sub recommendation, Recommendation Owner, Initial Action
    Plan Response, each '<Month Year> Update', Status), rounds by the headings
    and by labelled paragraphs inside cells. Also read: tables without an
    evidence column, one table per recommendation, 'Label: value' tables per
    item and sections of labelled lines ('7.1 - ...'); site chrome is left
    out (see: plan help layouts). Where the source is broken, the
    plan is structured and a '# source:' comment says what it showed. A status
    is taken only where the source states one; every other update says
    'status: unstated' until you judge one, and plan check lists them.
    Dependencies, milestones and measures are left for you to add.

    Each round the source reports is marked published on the day of the
    import (--today), the source giving no date.

    Writes to stdout, or to --output FILE (an existing FILE is refused without
    --force). Nothing is written when the source cannot be read.

    A page given by its address is downloaded first (at most 32 MB, redirects
    followed at most 5 times, http and https only); the address it came from
    is noted in a '# source:' comment.

    Example: plan import action-plan.html --output data/plan.yaml

    Example: plan import action-plan.pdf --output data/plan.yaml

    Example: plan import https://example.org/action-plan --output data/plan.yaml
    """
    if force_name is not None and not force_name.strip():
        raise UsageError(
            "--force-name is empty; give the force's name, e.g. --force-name 'Wessex Constabulary'"
        )
    from plan_cli.basics.download import is_address
    from plan_cli.editing.scaffold import schema_reference
    from plan_cli.importer import import_plan as build

    address = None
    if is_address(source):
        data, address = fetch_source(source, timeout)
    else:
        data = read_source(Path(source))
    schema = schema_reference(output) if output is not None and str(output) != "-" else None
    name = address or source
    imported = build(data, name, force_name, table, schema, parse_today(today), address)
    deliver(imported.text, output, force, "the imported plan")
    found = imported.plan
    updates = sum(len(item.updates) for item in found.items)
    rounds = ", ".join(r.title for r in found.rounds)
    err = stderr()
    err.print(
        f"Imported {plural(len(found.recommendations), 'recommendation')}, "
        f"{plural(len(found.items), 'evidence item')} and {plural(updates, 'update')} "
        f"in {plural(len(found.rounds), 'round')} ({rounds}) from {found.table}."
    )
    if found.ignored_columns:
        err.print(f"Not imported: the columns {', '.join(repr(h) for h in found.ignored_columns)}.")
    if found.unstated:
        err.print(
            f"{plural(found.unstated, 'update')} need a status: the source states none. Each says "
            "'status: unstated'; judge one from its text, then run: "
            f"plan check --plan {output if output is not None else 'FILE'}"
        )


def fetch_source(address: str, timeout: float) -> tuple[bytes, str]:
    """The page's bytes (as UTF-8 where it is text) and its address after redirects; raise SourceError."""
    from plan_cli.basics.download import Unfetchable, download
    from plan_cli.importer.sources import MAX_SOURCE_BYTES, served_as_utf8

    try:
        got = download(address, MAX_SOURCE_BYTES, timeout)
    except Unfetchable as error:
        raise SourceError(address, str(error)) from None
    return served_as_utf8(got.data, got.charset), got.address


def read_source(source: Path) -> bytes:
    """The source file's bytes; raise SourceError saying what is wrong when it cannot be read."""
    from plan_cli.basics.files import Unreadable, read_bytes
    from plan_cli.importer.sources import PUBLISHED_PLAN

    try:
        return read_bytes(source, PUBLISHED_PLAN)
    except Unreadable as error:
        raise SourceError(source, error.reason) from None
